#!/usr/bin/env python3
"""Writes tests/data/paraphrases.jsonl and tests/data/paraphrases.gold.json.

Invented peer challenge records of eight councils whose recommendations say the same few things
in other words, several of them very short ("Celebrate the council's achievements."), beside
unrelated recommendations that share a word with them, procedural resolutions that every council
passes (minutes approved, apologies, a chair elected), and one document that names no council.
Some records have lost their spans and quotes, as after `jq 'del(.recommendations[].span)'`.
The gold file labels each recommendation `document#id` with its paraphrase group, or null.

Run from the repository root: python3 tests/data/make_paraphrases.py
"""
import hashlib
import json

COUNCILS = {
    "BRD": "Bradford",
    "CMD": "Camden",
    "DEV": "Devon",
    "HAL": "Halton",
    "LDS": "Leeds",
    "SHF": "Sheffield",
    "WOR": "Worcestershire",
    "YOR": "York",
}

# group -> {council: text}; the texts of a group say one thing in different words.
GROUPS = {
    "celebrate": {
        "BRD": "Celebrate the council's achievements.",
        "CMD": "Recognise and celebrate what the council has achieved.",
        "HAL": "Do more to celebrate the organisation's successes.",
    },
    "communications": {
        "DEV": "Develop a communications strategy.",
        "LDS": "Produce a clear communications plan.",
        "YOR": "Agree a strategy for communicating with residents.",
    },
    "story": {
        "SHF": "Tell the council's story better.",
        "WOR": "Get better at telling the council's story.",
        "BRD": "Improve how the council tells its story.",
    },
    "mtfs": {
        "HAL": "Keep the medium-term financial strategy under review so that the budget gap is closed.",
        "SHF": "Review the MTFS regularly and set out how the funding gap will be bridged.",
        "CMD": "Refresh the medium term financial plan and show how the gap in the budget will be closed.",
    },
    "members": {
        "DEV": "Give councillors a full induction and an ongoing training programme.",
        "YOR": "Provide a structured development programme for members, starting with induction.",
        "LDS": "Invest in member training, including induction for newly elected councillors.",
    },
    "workforce": {
        "WOR": "Produce a workforce strategy addressing recruitment and retention.",
        "HAL": "Tackle recruitment and retention difficulties through a workforce plan.",
        "CMD": "Develop the workforce plan so that hard-to-fill posts are recruited to and staff retained.",
    },
    "scrutiny": {
        "BRD": "Strengthen scrutiny.",
        "SHF": "Make overview and scrutiny more effective.",
        "YOR": "Improve the effectiveness of scrutiny.",
    },
    "online": {
        "LDS": "Move more services online.",
        "DEV": "Make more services available online through digital channels.",
        "WOR": "Let residents do more online by putting services into digital channels.",
    },
    "risk": {
        "CMD": "Embed risk management across the organisation.",
        "YOR": "Strengthen corporate risk management.",
    },
    "net_zero": {
        "HAL": "Publish a plan for reaching net zero.",
        "DEV": "Agree a plan to reach net zero by 2030.",
        "SHF": "Set out a clear route to net zero carbon.",
    },
}

# Unrelated recommendations, each sharing a word or two with a group above.
UNRELATED = {
    "BRD": ["Review the fees and charges policy.", "Hold a festival to celebrate the city's cultural heritage."],
    "CMD": ["Develop a strategy for the town centre."],
    "DEV": ["Produce a plan for the maintenance of rural roads."],
    "HAL": ["Publish the pay policy statement on the website."],
    "LDS": ["Train staff in the new case management system."],
    "SHF": ["Make better use of the council's land and buildings."],
    "WOR": ["Review the effectiveness of the audit committee's work on treasury management."],
    "YOR": ["Strengthen the partnership with the university on skills."],
}

# Procedural resolutions, said by every council in its own words.
PROCEDURAL = [
    "That the minutes of the meeting held on {day} March 2025 be approved as a correct record.",
    "Apologies for absence were received from Councillor {name}.",
    "That Councillor {name} be elected Chair of the Council for the municipal year.",
    "That the report be noted.",
]
NAMES = ["Ahmed", "Brown", "Clarke", "Davies", "Evans", "Fletcher", "Green", "Hughes"]

# Records whose items have lost their span and quote.
WITHOUT_SPANS = {"DEV", "LDS"}


def sha(s):
    return hashlib.sha256(s.encode()).hexdigest()


def rec_item(i, text, kind, spans):
    item = {"id": str(i), "text": text, "kind": kind, "lead_in": None, "page": None}
    if spans:
        item["span"] = [i * 100, i * 100 + len(text)]
        item["quote"] = text
    return item


def record(path, council, title, date, items, spans=True):
    return {
        "schema_version": 1,
        "source": {"path": path, "url": None, "sha256": sha(path), "media_type": "text/plain",
                   "fetched_at": None, "pages": None},
        "council": council,
        "meta": {"title": title, "kind": "report", "committee": "Cabinet", "date": date, "item": None},
        "meetings": [],
        "recommendations": [rec_item(i + 1, t, k, spans) for i, (t, k) in enumerate(items)],
        "themes": [],
        "actions": [],
        "warnings": [],
        "error": None,
    }


def main():
    records, gold = [], {}
    for n, (code, name) in enumerate(COUNCILS.items()):
        path = f"papers/{name.lower()}/peer-challenge-feedback.txt"
        items = []
        for group, texts in GROUPS.items():
            if code in texts:
                items.append((texts[code], "peer", group))
        for t in UNRELATED[code]:
            items.append((t, "peer", None))
        spans = code not in WITHOUT_SPANS
        r = record(path, {"code": code, "name": name}, "Corporate Peer Challenge feedback report",
                   f"2024-0{1 + n % 9}-1{n}", [(t, k) for t, k, _ in items], spans)
        if not spans:
            for item in r["recommendations"]:
                item.pop("span", None)
                item.pop("quote", None)
        records.append(r)
        for i, (_, _, group) in enumerate(items):
            gold[f"{path}#{i + 1}"] = group
        minutes = f"papers/{name.lower()}/council-minutes.txt"
        texts = [p.format(day=n + 3, name=NAMES[n]) for p in PROCEDURAL]
        records.append(record(minutes, {"code": code, "name": name}, "Minutes of the Council",
                              f"2025-03-{n + 3:02d}", [(t, "resolution") for t in texts]))
        for i in range(len(texts)):
            gold[f"{minutes}#{i + 1}"] = "procedural"
    # A document that names no council, with a paraphrase of a group's recommendation.
    stray = "inbox/notes-from-a-visit.txt"
    records.append(record(stray, None, "Notes from a visit", "2024-11-01",
                          [("Celebrate the council's achievements more widely.", "peer")]))
    with open("tests/data/paraphrases.jsonl", "w", encoding="utf-8") as f:
        for r in records:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    with open("tests/data/paraphrases.gold.json", "w", encoding="utf-8") as f:
        json.dump(gold, f, indent=1, sort_keys=True)
        f.write("\n")


if __name__ == "__main__":
    main()
