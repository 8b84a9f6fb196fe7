#!/usr/bin/env python3
"""Regenerates data/councils.csv, the council registry, from the files in data/sources/.

usage: python3 data/make_councils.py > data/councils.csv
       python3 data/make_councils.py --check      # exit 1 if data/councils.csv is out of date

Inputs (all committed; see data/sources/README.md for where each came from):
  sources/lgsf_councils.csv              DemocracyClub/LGSF's council metadata: code, names,
                                         nation, the platform and base URL of the councillors
                                         service (the democracy site for most councils)
  sources/lgsf_minutes.csv               LGSF's newer `minutes`/`decisions` metadata where it
                                         says papers live elsewhere, and LGSF's fixes for hosts
                                         that moved (one row per council, with its source)
  sources/uk_local_authorities_current.csv  mySociety's register of UK local authorities:
                                         the same three-letter codes with ONS/GSS codes, names,
                                         nation, type and whether the authority is current

Output columns: code, gss, name, common_name, nation, platform, base_url, shared_site,
end_date. Every current principal council of the register is listed once, in code order.
Councils whose papers are on one site (the same base URL) share a `shared_site` group, named
by their codes joined with `+`, so that a crawl walks the site once.
"""
import csv
import io
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
SOURCES = HERE / "sources"

# Principal councils: districts, unitaries, metropolitan districts, London boroughs, counties,
# Scottish, Welsh and Northern Irish councils, the City of London. Not combined authorities
# (COMB) nor the Greater London Authority (SRA).
PRINCIPAL = {"NMD", "UA", "MD", "LBO", "CTY", "SCO", "WPA", "NID", "CC"}

# LGSF rows that are not a council of their own, or are filed under another code.
LGSF_ALIASES = {
    # The City of London's democracy site, filed under the GLA's name.
    "london": "LND",
}
LGSF_DROPPED = {
    "GLA": "the Greater London Authority is not a principal council",
    "LND-alder": "a second entry for the City of London (aldermanic elections), without a URL",
    "north-northamptonshire": "a duplicate of NNT without a URL",
}
PLATFORMS = {"moderngov", "cmis", "other"}


def read(name):
    with open(SOURCES / name, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def site_key(url):
    """The site a base URL names: scheme-less, lower-case host without www., no trailing /."""
    if not url:
        return ""
    rest = url.split("://", 1)[-1]
    host, _, path = rest.partition("/")
    host = host.lower()
    if host.startswith("www."):
        host = host[4:]
    return host + ("/" + path.rstrip("/") if path.rstrip("/") else "")


def build():
    register = {r["local-authority-code"]: r for r in read("uk_local_authorities_current.csv")}
    lgsf = {}
    for r in read("lgsf_councils.csv"):
        code = LGSF_ALIASES.get(r["code"], r["code"])
        if r["code"] in LGSF_DROPPED:
            continue
        lgsf[code] = r
    minutes = {r["code"]: r for r in read("lgsf_minutes.csv")}
    rows = []
    for code, reg in sorted(register.items()):
        if reg["current-authority"] != "True" or reg["local-authority-type"] not in PRINCIPAL:
            continue
        lg = lgsf.get(code)
        fix = minutes.get(code)
        if fix:
            platform, base = fix["platform"], fix["base_url"]
        elif lg:
            platform, base = lg["platform"], lg["base_url"]
        else:
            platform, base = "other", ""
        if platform not in PLATFORMS:
            raise SystemExit(f"{code}: unknown platform {platform!r}")
        # LGSF's names stand (they are what the tool finds in text); the register names the
        # councils LGSF lacks or files under another name.
        keep_lgsf_names = lg is not None and code not in LGSF_ALIASES.values()
        rows.append(
            {
                "code": code,
                "gss": reg["gss-code"],
                "name": lg["name"] if keep_lgsf_names else reg["official-name"],
                "common_name": (lg["common_name"] if keep_lgsf_names else reg["nice-name"]).strip(),
                "nation": reg["nation"],
                "platform": platform,
                "base_url": base.strip().rstrip("/"),
                "shared_site": "",
                "end_date": reg["end-date"],
            }
        )
    by_site = {}
    for r in rows:
        key = site_key(r["base_url"])
        if key:
            by_site.setdefault(key, []).append(r)
    for group in by_site.values():
        if len(group) > 1:
            name = "+".join(sorted(r["code"] for r in group))
            for r in group:
                r["shared_site"] = name
    unknown = sorted(set(lgsf) - set(register))
    if unknown:
        raise SystemExit(f"LGSF codes not in the register: {unknown}")
    return rows


def render(rows):
    out = io.StringIO()
    fields = ["code", "gss", "name", "common_name", "nation", "platform", "base_url",
              "shared_site", "end_date"]
    w = csv.DictWriter(out, fieldnames=fields, lineterminator="\n")
    w.writeheader()
    w.writerows(rows)
    return out.getvalue()


def main():
    text = render(build())
    if "--check" in sys.argv[1:]:
        current = (HERE / "councils.csv").read_text(encoding="utf-8")
        if current != text:
            print("data/councils.csv is out of date: run python3 data/make_councils.py > data/councils.csv", file=sys.stderr)
            sys.exit(1)
        return
    sys.stdout.write(text)


if __name__ == "__main__":
    main()
