#!/usr/bin/env python3
"""Regenerates data/councils.csv from a copy of DemocracyClub/LGSF's council metadata table.

usage: python3 data/make_councils.py SOURCE.csv > data/councils.csv

Keeps current councils (no end date) and normalises the platform to moderngov / cmis / other.
Re-run it when the source table changes; the file it writes is committed.
"""
import csv
import sys

PLATFORMS = {"ModernGov": "moderngov", "CMIS": "cmis"}


def main():
    rows = list(csv.DictReader(open(sys.argv[1], newline="", encoding="utf-8")))
    out = csv.writer(sys.stdout, lineterminator="\n")
    out.writerow(["code", "name", "common_name", "territory", "platform", "base_url"])
    seen = set()
    for r in sorted(rows, key=lambda r: r["code"]):
        if r["end_date"].strip() or r["code"] in seen:
            continue
        seen.add(r["code"])
        platform = PLATFORMS.get(r["platform"].strip(), "other")
        out.writerow([r["code"], r["name"], r["common_name"], r["territory"], platform,
                      r["base_url"].strip().rstrip("/")])


if __name__ == "__main__":
    main()
