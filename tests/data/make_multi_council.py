#!/usr/bin/env python3
"""Writes tests/data/multi-council.jsonl and tests/data/multi-council.gold.json.

Invented records, in the shape `councilrecs extract` writes, for eight councils: peer challenge
feedback reports whose recommendations paraphrase each other across councils (each tagged with a
topic in the gold file), unrelated recommendations that share words with them (topic null),
procedural resolutions, and for two councils a chain of feedback report, action plan and progress
review. Councils are given three ways: the record's `council`, only a source URL on the council's
site, only a folder in the source path (for `--council-from`).

Run from the repository root: python3 tests/data/make_multi_council.py
"""
import hashlib
import json

COUNCILS = {
    "ROT": ("Rotherham", "record"),
    "KIR": ("Kirklees", "record"),
    "GED": ("Gedling", "record"),
    "WRL": ("Wirral", "url:https://democracy.wirral.gov.uk/documents/s{n}/report.pdf"),
    "TAM": ("Tameside", "url:https://www.tameside.gov.uk/downloads/cpc-{n}.pdf"),
    "BAE": ("Bassetlaw", "path:papers/bassetlaw/{n}.pdf"),
    "LIF": ("Lichfield", "record"),
    "EAT": ("Eastleigh", "record"),
}

# topic -> {council: text}; every text of a topic says the same thing in other words.
TOPICS = {
    "mtfs_review": {
        "ROT": "Keep the medium-term financial strategy under regular review so that the budget gap is closed in a sustainable way.",
        "KIR": "Regularly review and update the MTFS to make sure the council can close its budget gap sustainably.",
        "WRL": "Keep the Medium Term Financial Strategy under continuous review, with a clear plan to bridge the funding gap.",
        "BAE": "Review the medium term financial strategy regularly and set out how the forecast budget gap will be closed.",
    },
    "workforce": {
        "ROT": "Develop a workforce strategy that addresses recruitment and retention, particularly for hard-to-fill roles.",
        "GED": "Put in place a workforce plan to tackle the recruitment and retention of staff in hard to recruit posts.",
        "TAM": "Produce a strategic workforce plan to improve recruitment and retention across the organisation.",
    },
    "scrutiny": {
        "KIR": "Strengthen the overview and scrutiny function so that it adds value to policy development.",
        "WRL": "Review the effectiveness of scrutiny and give it a stronger role in developing policy.",
        "LIF": "Enhance the role of O&S in policy development and in holding the executive to account.",
    },
    "member_development": {
        "GED": "Introduce a comprehensive member development programme, including induction for new councillors.",
        "EAT": "Refresh the member development offer, with a full induction programme for councillors after the elections.",
        "BAE": "Develop a programme of training and development for elected members, starting with induction.",
    },
    "priorities": {
        "ROT": "Refresh the council plan so that it sets out a clear set of priorities and measurable outcomes.",
        "TAM": "Agree a small number of clear corporate priorities with measurable outcomes for residents.",
        "EAT": "Develop a new corporate plan with clear priorities and a framework to measure outcomes.",
    },
    "place_narrative": {
        "KIR": "Develop a shared vision and narrative for the place with partners.",
        "GED": "Work with partners to agree a compelling place narrative and long-term vision for the borough.",
        "LIF": "Create a clear narrative of place, co-produced with partners, that sets out the long-term vision for the area.",
    },
    "digital": {
        "WRL": "Accelerate the digital transformation programme so that residents can access more services online.",
        "TAM": "Invest in digital so that more council services can be accessed online by residents.",
        "EAT": "Move more services online through an accelerated digital programme.",
    },
    "capital_programme": {
        "GED": "Review the capital programme to ensure schemes are affordable and deliverable.",
        "LIF": "Undertake a review of the capital programme so that it is realistic, affordable and deliverable.",
    },
    "project_capacity": {
        "ROT": "Build programme and project management capacity to deliver major regeneration schemes.",
        "BAE": "Strengthen project management capacity so that regeneration projects are delivered on time.",
    },
    "risk": {
        "KIR": "Embed the corporate risk management framework across the organisation.",
        "TAM": "Strengthen corporate risk management so that risks are identified and managed consistently across the organisation.",
    },
    "companies": {
        "WRL": "Review the governance arrangements for the council's companies and commercial investments.",
        "EAT": "Strengthen oversight and governance of council-owned companies and commercial investments.",
    },
    "note_cpc_report": {
        "ROT": "That the Corporate Peer Challenge feedback report be noted.",
        "KIR": "Note the LGA Corporate Peer Challenge feedback report at Appendix A.",
        "TAM": "That the feedback report of the Corporate Peer Challenge be noted.",
    },
}

# Unrelated recommendations, several sharing words with a topic above (review, develop, plan,
# strategy, partners, financial, performance): each must stay out of every cluster.
UNRELATED = {
    "ROT": ["Review the council's fees and charges to maximise income from discretionary services.",
            "Reduce the use of bed and breakfast accommodation for homeless families."],
    "KIR": ["Review the scheme of delegation to speed up operational decision making.",
            "Develop a housing strategy that increases the supply of affordable homes."],
    "GED": ["Develop a climate change action plan with a clear route to net zero by 2030.",
            "Improve the planning service's performance on determining major applications."],
    "WRL": ["Strengthen the council's approach to equality, diversity and inclusion.",
            "Work with health partners to reduce delayed discharges from hospital."],
    "TAM": ["Refresh the procurement strategy to increase social value from contracts.",
            "Rebuild general fund reserves to a prudent level over the next three years."],
    "BAE": ["Agree a new asset management plan for the council's property portfolio.",
            "Improve the timeliness of responses to Freedom of Information requests."],
    "LIF": ["Introduce a new appraisal scheme for staff with annual objectives.",
            "Develop a tourism strategy to grow the visitor economy in the city centre."],
    "EAT": ["Review car parking charges in the town centres.",
            "Set up a youth council to give young people a voice in local decisions."],
}

PROCEDURAL = [
    ("LIF", "That the minutes of the meeting held on 4 March 2025 be approved as a correct record."),
    ("EAT", "That the minutes of the meeting held on 11 February 2025 be confirmed as a true record and signed by the Chair."),
    ("ROT", "That the Housing Strategy 2025-2030 be approved."),
    ("KIR", "That the Digital Strategy 2025-2028 be adopted."),
]

DATES = {"ROT": "2024-03-12", "KIR": "2024-05-20", "GED": "2024-07-19", "WRL": "2024-09-10",
         "TAM": "2024-11-05", "BAE": "2025-01-21", "LIF": "2025-02-11", "EAT": "2025-03-18"}

records = []
gold = {}


def source_and_council(code, n):
    name, how = COUNCILS[code]
    if how == "record":
        return ({"path": f"papers/{name.lower()}/doc-{n}.pdf", "url": None}, {"code": code, "name": name})
    kind, pattern = how.split(":", 1)
    loc = pattern.format(n=n)
    if kind == "url":
        return ({"path": None, "url": loc}, None)
    return ({"path": loc, "url": None}, None)


def record(code, n, title, kind, date, recs, actions=(), themes=()):
    source, council = source_and_council(code, n)
    body = "\n".join([title] + [t for _, t, _ in recs] + [a for a, _ in actions])
    source.update({"sha256": hashlib.sha256(f"{code}/{n}/{body}".encode()).hexdigest(),
                   "media_type": "application/pdf", "fetched_at": None, "pages": 4})
    pos = len(title) + 1
    out_recs = []
    for rid, text, rkind in recs:
        out_recs.append({"id": rid, "text": text, "kind": rkind, "lead_in": None,
                         "span": [pos, pos + len(text)], "page": 1, "quote": text})
        pos += len(text) + 1
    out_actions = []
    for text, status in actions:
        out_actions.append({"text": text, "status": status, "span": [pos, pos + len(text)],
                            "page": 2, "quote": text})
        pos += len(text) + 1
    out_themes = [{"text": t, "canonical": c, "span": [0, len(t)], "page": 1, "quote": t}
                  for t, c in themes]
    records.append({"schema_version": 1, "source": source, "council": council,
                    "meta": {"title": title, "kind": kind, "committee": "Cabinet", "date": date, "item": None},
                    "meetings": [], "recommendations": out_recs, "themes": out_themes,
                    "actions": out_actions, "warnings": [], "error": None})
    return source["url"] or source["path"]


CANONICAL = [("Local priorities and outcomes", "local_priorities_and_outcomes"),
             ("Organisational and place leadership", "organisational_and_place_leadership"),
             ("Governance and culture", "governance_and_culture"),
             ("Financial planning and management", "financial_planning_and_management"),
             ("Capacity for improvement", "capacity_for_improvement")]

for n, code in enumerate(COUNCILS, start=1):
    recs = []
    for topic, texts in TOPICS.items():
        if code in texts and topic != "note_cpc_report":
            recs.append((str(len(recs) + 1), texts[code], "peer", topic))
    for text in UNRELATED[code]:
        recs.append((str(len(recs) + 1), text, "peer", None))
    themes = CANONICAL + ([("Community wealth building", None)] if code in ("WRL", "TAM") else [])
    doc = record(code, n, "Corporate Peer Challenge Feedback Report", "report", DATES[code],
                 [(i, t, k) for i, t, k, _ in recs], themes=themes)
    for rid, _, _, topic in recs:
        gold[f"{doc}#{rid}"] = topic

# Cabinet decisions noting the report, and procedural resolutions.
for n, (code, text) in enumerate(TOPICS["note_cpc_report"].items(), start=20):
    doc = record(code, n, "Corporate Peer Challenge Feedback Report - Decision", "decision",
                 DATES[code], [("1", text, "resolution")])
    gold[f"{doc}#1"] = "note_cpc_report"
for n, (code, text) in enumerate(PROCEDURAL, start=30):
    doc = record(code, n, "Minutes of the Cabinet", "minutes", "2025-04-01", [("1", text, "resolution")])
    gold[f"{doc}#1"] = None

# Rotherham's chain: the feedback report above, an action plan, a progress review.
record("ROT", 40, "Corporate Peer Challenge - Response and Action Plan", "report", "2024-06-18",
       [("1", "That the action plan in response to the Corporate Peer Challenge be approved.", "officer")],
       actions=[("Refresh the Council Plan with a clear set of priorities and measurable outcomes", "remaining"),
                ("Publish a workforce strategy covering recruitment and retention in hard-to-fill roles", "remaining"),
                ("Keep the MTFS under quarterly review and close the budget gap", "in_progress"),
                ("Review fees and charges for discretionary services", "remaining")])
record("ROT", 41, "Corporate Peer Challenge Progress Review", "report", "2025-03-25",
       [("1", "That the findings of the LGA progress review be noted.", "officer")],
       actions=[("Refreshed Council Plan with clear priorities and measurable outcomes published", "completed"),
                ("Workforce strategy on recruitment and retention for hard-to-fill roles", "in_progress"),
                ("MTFS kept under quarterly review; budget gap closed for 2025/26", "completed"),
                ("Programme management office set up for regeneration schemes", "completed")])
# Kirklees: feedback report above, then a progress update.
record("KIR", 42, "Corporate Peer Challenge Action Plan - Progress Update", "report", "2025-05-01",
       [("1", "That the progress made against the Corporate Peer Challenge action plan be noted.", "officer")],
       actions=[("Agree a shared vision and narrative for the place with partners", "completed"),
                ("Strengthen scrutiny's role in policy development", "in_progress")])
# The same document twice (two overlapping runs): compare counts it once.
records.append(json.loads(json.dumps(records[0])))

with open("tests/data/multi-council.jsonl", "w") as f:
    for r in records:
        f.write(json.dumps(r, ensure_ascii=False) + "\n")
with open("tests/data/multi-council.gold.json", "w") as f:
    json.dump(gold, f, indent=1, ensure_ascii=False)
    f.write("\n")
print(len(records), "records,", len(gold), "labelled recommendations")
