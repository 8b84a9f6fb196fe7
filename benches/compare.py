#!/usr/bin/env python3
"""The usual alternative to councilrecs, for the benchmark: a researcher's script that turns each
document into text (BeautifulSoup with lxml for HTML, pdfplumber for PDF) and makes one pass
over its lines with a handful of regular expressions — lead-ins, numbered or lettered items,
the Corporate Peer Challenge themes, action statuses — printing one JSON line per document.

    python3 benches/compare.py PATH...      (files or folders, walked in sorted order)

Needs `pip install beautifulsoup4 lxml pdfplumber`.
"""

import json
import os
import re
import sys

from bs4 import BeautifulSoup

LEAD_IN = re.compile(
    r"^\s*(?:it was\s+)?(?:resolved|agreed|recommendations?|recommended|decision(?: made)?)\b"
    r"|^\s*that (?:the )?(?:cabinet|council|committee|executive|board)\b",
    re.I,
)
ITEM = re.compile(r"^\s*(?:\(?(\d{1,2}(?:\.\d{1,2})?|[a-z]|[ivx]{1,5})[.)]|[-\u2022\u00b7*])\s+(\S.*)$", re.I)
THEMES = re.compile(
    r"\b(local priorities and outcomes|organisational and place leadership|governance and culture"
    r"|financial planning and management|capacity for improvement)\b",
    re.I,
)
STATUS = re.compile(
    r"\b(completed?|closed|done|in progress|ongoing|on track|partially|not started|outstanding"
    r"|planned|overdue)\b",
    re.I,
)


def text_of(path):
    if path.endswith(".pdf"):
        import pdfplumber

        with pdfplumber.open(path) as pdf:
            return "\n".join(page.extract_text() or "" for page in pdf.pages)
    data = open(path, "rb").read()
    if path.endswith((".html", ".htm")):
        return BeautifulSoup(data, "lxml").get_text("\n")
    return data.decode("utf-8", errors="replace")


def extract(text):
    recs, themes, actions = [], [], []
    in_block = False
    blank = 0
    for line in text.splitlines():
        if not line.strip():
            blank += 1
            if blank > 2:
                in_block = False
            continue
        blank = 0
        if LEAD_IN.search(line):
            in_block = True
            continue
        m = ITEM.match(line)
        if m and in_block:
            recs.append({"id": m.group(1), "text": m.group(2).strip()})
        elif in_block and recs and not m:
            recs[-1]["text"] += " " + line.strip()
        for t in THEMES.findall(line):
            themes.append(t.lower())
        s = STATUS.search(line)
        if s and m:
            actions.append({"text": m.group(2).strip(), "status": s.group(1).lower()})
    return recs, sorted(set(themes)), actions


def files(paths):
    for p in paths:
        if os.path.isdir(p):
            for root, dirs, names in os.walk(p):
                dirs.sort()
                for n in sorted(names):
                    yield os.path.join(root, n)
        else:
            yield p


def main():
    out = sys.stdout
    for path in files(sys.argv[1:]):
        try:
            recs, themes, actions = extract(text_of(path))
            rec = {"path": path, "recommendations": recs, "themes": themes, "actions": actions}
        except Exception as e:  # one bad document does not stop the run
            rec = {"path": path, "error": str(e)}
        out.write(json.dumps(rec) + "\n")


if __name__ == "__main__":
    main()
