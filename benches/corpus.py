#!/usr/bin/env python3
"""Writes the benchmark corpus: council papers that look like the real thing, half plain text and
half simple Modern.Gov-like HTML, plus PDF and DOCX renderings of the text fixtures.

    python3 benches/corpus.py OUT [--docs 400] [--size-kb 22] [--seed 1] [--no-office]

    OUT/text/t0000.txt …    plain-text reports and minutes (numbered sections, hard-wrapped or not)
    OUT/html/h0000.html …   Modern.Gov-like agenda-item and decision pages (Word-exported markup)
    OUT/office/pdf, OUT/office/docx
                            the text fixtures rendered by tests/make_office_fixtures.py (needs
                            LibreOffice for the PDFs; without it the PDF and DOCX fixtures are
                            copied instead)

Every document is made by recombination: invented report prose (sections, paragraphs, figures)
around one to three of the project's own fixtures, which carry the recommendations, resolutions,
trackers and themes. The same seed always gives the same corpus; nothing is fetched. Standard
library only.
"""

import argparse
import html
import os
import random
import re
import shutil
import subprocess
import sys
import textwrap

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FIXTURES = os.path.join(ROOT, "fixtures")

COUNCILS = [
    "Ashcombe", "Brackley Vale", "Carrow", "Dunmere", "Eastwick", "Fenbridge", "Greystone",
    "Harrowfield", "Ingleby", "Kelmarsh", "Longmoor", "Marchbank", "Northholt", "Oakridge",
    "Penhallow", "Queensbury Park", "Redmarsh", "Saltcote", "Thornbury Heath", "Upperton",
]
KINDS = ["Borough Council", "District Council", "County Council", "City Council", "Council"]
COMMITTEES = [
    "Cabinet", "Full Council", "Audit and Governance Committee", "Overview and Scrutiny Board",
    "Health and Wellbeing Board", "Planning Committee", "Licensing Committee",
    "Children and Young People Scrutiny Panel", "Resources Scrutiny Committee",
    "Housing and Communities Committee", "Executive", "Policy and Resources Committee",
]
OFFICERS = [
    "the Chief Executive", "the Director of Finance", "the Monitoring Officer",
    "the Strategic Director of Place", "the Director of Adult Social Care",
    "the Head of Housing Services", "the Director of Children's Services",
    "the Assistant Director of Transformation", "the Head of Internal Audit",
    "the Director of Public Health", "the Head of Planning and Regeneration",
]
SUBJECTS = [
    "The Council", "The Cabinet", "The Committee", "The service", "The Board",
    "The Portfolio Holder", "The working group", "The partnership board",
    "The finance team", "The programme board", "Ward members", "The Executive Director",
    "The housing service", "The leisure trust", "Internal audit", "The project team",
]
VERBS = [
    "has reviewed", "continues to monitor", "will consider", "has consulted on",
    "is developing", "reported on", "has set out", "will bring forward proposals on",
    "has commissioned a review of", "is working with partners on", "has completed",
    "expects to deliver", "has updated", "will publish", "remains committed to",
    "has identified savings within", "has strengthened", "has begun to procure",
]
OBJECTS = [
    "the medium-term financial strategy", "the housing revenue account business plan",
    "the capital programme for 2025/26", "the corporate risk register",
    "the local plan evidence base", "waiting times for home adaptations",
    "the transformation programme", "the fees and charges schedule",
    "the customer access strategy", "the climate emergency action plan",
    "the treasury management strategy", "the homelessness prevention service",
    "the school place planning forecast", "the highways maintenance backlog",
    "the workforce strategy", "the contract for waste collection",
    "the asset management plan", "the digital strategy", "the community safety partnership plan",
    "the special educational needs transport policy", "the town centre regeneration scheme",
    "the council tax reduction scheme", "the annual governance statement",
]
TAILS = [
    "in line with the budget agreed in February", "following consultation with residents",
    "as set out in Appendix {A}", "within existing resources",
    "by the end of the {q} quarter", "at a cost of £{m}m over three years",
    "which was reported to the Committee in {month} {year}",
    "and a further update will follow in {month}", "alongside the voluntary sector",
    "with the support of the Local Government Association",
    "subject to the outcome of the spending review", "across all {w} wards",
    "as part of the wider improvement plan", "using the grant awarded in {year}",
]
FIGURES = [
    "Spend at the end of quarter {qn} was £{m}m against a budget of £{m2}m, a variance of {p}%.",
    "The number of households in temporary accommodation rose to {n} in {month}, from {n2} a year "
    "earlier.",
    "Some {p}% of respondents to the consultation agreed with the proposal, and {p2}% disagreed.",
    "The forecast outturn is an overspend of £{k},000, mainly in placements and home to school "
    "transport.",
    "Reserves stood at £{m}m on 31 March {year}, of which £{m2}m is earmarked.",
    "{n} of the {n3} actions in the plan are complete and the rest are on track.",
    "Sickness absence averaged {d}.{d2} days per employee over the year.",
]
HEADINGS = [
    "Purpose of the Report", "Background", "Financial Implications", "Legal Implications",
    "Equality Implications", "Climate Change Implications", "Risk Management", "Consultation",
    "Options Considered", "Human Resources Implications", "Performance", "Next Steps",
    "Detail", "Key Issues", "Conclusion", "Corporate Plan Priorities", "Data Protection",
]
MONTHS = [
    "January", "February", "March", "April", "May", "June", "July", "September", "October",
    "November", "December",
]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday"]


class Prose:
    """Invented report prose."""

    def __init__(self, rng):
        self.rng = rng

    def fill(self, s):
        r = self.rng
        return s.format(
            A=r.choice("ABCDE"), q=r.choice(["first", "second", "third", "fourth"]),
            m=f"{r.randint(1, 40)}.{r.randint(0, 9)}", m2=f"{r.randint(41, 90)}.{r.randint(0, 9)}",
            month=r.choice(MONTHS), year=r.choice(["2023", "2024", "2025"]), n=r.randint(12, 900),
            n2=r.randint(12, 900), n3=r.randint(901, 1200), p=r.randint(2, 70),
            p2=r.randint(2, 30), k=r.randint(100, 999), qn=r.randint(1, 4), d=r.randint(5, 11),
            d2=r.randint(0, 9), w=r.randint(18, 60),
        )

    def sentence(self):
        r = self.rng
        if r.random() < 0.2:
            return self.fill(r.choice(FIGURES))
        s = f"{r.choice(SUBJECTS)} {r.choice(VERBS)} {r.choice(OBJECTS)}"
        if r.random() < 0.7:
            s += " " + self.fill(r.choice(TAILS))
        if r.random() < 0.25:
            s += f", and {r.choice(VERBS)} {r.choice(OBJECTS)}"
        return s + "."

    def paragraph(self):
        return " ".join(self.sentence() for _ in range(self.rng.randint(2, 6)))


def read_fixture(name):
    raw = open(os.path.join(FIXTURES, name), "rb").read()
    if raw.startswith(b"\xff\xfe") or raw.startswith(b"\xfe\xff"):
        return raw.decode("utf-16")
    return raw.decode("utf-8", errors="replace").lstrip("\ufeff")


def html_fragment(source):
    """The body of an HTML fixture without scripts, styles and site navigation."""
    m = re.search(r"<body[^>]*>(.*)</body>", source, re.S | re.I)
    body = m.group(1) if m else source
    for tag in ("script", "style", "nav", "footer"):
        body = re.sub(rf"<{tag}\b.*?</{tag}>", "", body, flags=re.S | re.I)
    body = re.sub(r'<div id="skiplinks">.*?</div>', "", body, flags=re.S)
    body = re.sub(r'<div class="breadcrumbs">.*?</div>', "", body, flags=re.S)
    return body.replace('id="modgov"', 'class="mgPart"')


def text_to_html(text):
    """A text fixture as Word-exported paragraphs: one <p> per block, <br> between its lines."""
    out = []
    for block in re.split(r"\n\s*\n", text.strip()):
        lines = [html.escape(l.rstrip()) for l in block.split("\n")]
        out.append('<p class="MsoNormal">' + "<br>\n".join(lines) + "</p>")
    return "\n".join(out)


def header(rng):
    council = f"{rng.choice(COUNCILS)} {rng.choice(KINDS)}"
    committee = rng.choice(COMMITTEES)
    date = f"{rng.randint(1, 28)} {rng.choice(MONTHS)} {rng.choice(['2024', '2025'])}"
    title = f"{rng.choice(HEADINGS[3:])} and {rng.choice(OBJECTS)}".capitalize()
    return council, committee, date, title


def text_doc(rng, prose, fixtures, target):
    council, committee, date, title = header(rng)
    wrap = rng.random() < 0.5
    numbered = rng.random() < 0.7
    parts = [
        f"{committee}\n\n{date}\n\n{title}\n\n{council}\n\nReport of {rng.choice(OFFICERS)}\n\n"
        f"Is the Report Confidential? No\n"
    ]
    size = len(parts[0])
    section = 1
    while size < target:
        heading = rng.choice(HEADINGS)
        block = [f"{section}. {heading}" if numbered else heading.upper()]
        for k in range(1, rng.randint(2, 6)):
            p = prose.paragraph()
            if numbered:
                p = f"{section}.{k} {p}"
            if wrap:
                p = textwrap.fill(p, width=rng.choice([78, 86, 94]))
            block.append(p)
        text = "\n\n".join(block) + "\n"
        parts.append(text)
        size += len(text)
        section += 1
    for body in rng.sample(fixtures, rng.randint(1, 3)):
        parts.insert(rng.randint(1, len(parts)), body.strip() + "\n")
    parts.append(f"Background Papers\n\nNone.\n\nContact officer: {rng.choice(OFFICERS)}\n")
    return "\n".join(parts)


def html_doc(rng, prose, fragments, texts, target):
    council, committee, date, title = header(rng)
    host = council.split()[0].lower()
    item = rng.randint(3, 14)
    head = f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Agenda item - {html.escape(title)} | {html.escape(council)}</title>
<link rel="stylesheet" type="text/css" href="SiteSpecific/ssMgStyles.css">
<style type="text/css">
#modgov .mgHide {{ position: absolute; left: -9999px; }}
p.MsoNormal {{ margin: 0cm; font-size: 12.0pt; font-family: "Arial", sans-serif; }}
</style>
<script type="text/javascript">
var mgPageConfig = {{ committee: "{html.escape(committee)}", item: {item} }};
function mgToggle(id) {{ document.getElementById(id).classList.toggle('open'); }}
</script>
</head>
<body>
<div id="skiplinks"><a href="#mgMainContent">Skip to main content</a></div>
<nav class="site-nav" aria-label="Main menu">
<ul>
<li><a href="https://democracy.{host}.gov.uk/">Home</a></li>
<li><a href="mgMemberIndex.aspx">Councillors</a></li>
<li><a href="ieDocHome.aspx">Committees</a></li>
<li><a href="mgCalendarMonthView.aspx">Calendar</a></li>
<li><a href="mgDelegatedDecisions.aspx">Decisions</a></li>
</ul>
</nav>
<div class="breadcrumbs"><ul><li><a href="https://democracy.{host}.gov.uk/">Home</a></li><li>Agenda item</li></ul></div>
<div id="modgov"><div class="mgHeader"><h1 class="mgMainTitleTxt">Agenda item</h1></div>
<div class="mgSubTitle">
<h2 class="mgSubTitleTxt">{html.escape(title)}</h2>
</div>
<div class="mgContent">
<p class="mgSubTitleTxt">Meeting: <a href="ieListDocuments.aspx?CId={rng.randint(100, 999)}&amp;MId={rng.randint(1000, 99999)}">{html.escape(committee)}, {rng.choice(DAYS)}, {date} 6.00 pm</a> (Item {item}.)</p>
<p class="mgAiTitleTxt">{item}. {html.escape(title)} <a href="documents/s{rng.randint(10000, 99999)}/Report.pdf"><span class="mgFileSize">PDF {rng.randint(90, 900)} KB</span></a></p>
<div class="mgWordPara"><div class="WordSection1">
"""
    parts = [head]
    size = len(head)
    section = 1
    while size < target:
        heading = rng.choice(HEADINGS)
        block = [f'<p class="MsoNormal"><b><span style="font-size:12.0pt">{section}.&nbsp;'
                 f"{heading}</span></b></p>"]
        for k in range(1, rng.randint(2, 6)):
            p = html.escape(prose.paragraph())
            block.append(
                f'<p class="MsoNormal" style="margin-left:36.0pt;text-indent:-36.0pt">'
                f'<span style="font-size:12.0pt">{section}.{k}<span style="mso-tab-count:1">'
                f"&nbsp;&nbsp;&nbsp; </span>{p}</span></p>"
            )
        block.append('<p class="MsoNormal">&nbsp;</p>')
        text = "\n".join(block) + "\n"
        parts.append(text)
        size += len(text)
        section += 1
    for _ in range(rng.randint(1, 3)):
        body = rng.choice(fragments) if rng.random() < 0.6 else text_to_html(rng.choice(texts))
        parts.insert(rng.randint(1, len(parts)), body + "\n")
    parts.append(
        f"""</div></div>
<p class="mgLabel">Supporting documents:</p>
<ul class="mgBulletList"><li><a href="documents/s{rng.randint(10000, 99999)}/Appendix%201.pdf">Appendix 1 <span class="mgFileSize">PDF {rng.randint(90, 900)} KB</span></a></li></ul>
</div></div>
<footer><p>&copy; {html.escape(council)}</p></footer>
</body>
</html>
"""
    )
    return "".join(parts)


def office(out):
    """PDF and DOCX renderings of the text fixtures, or copies of the office fixtures."""
    dest = os.path.join(out, "office")
    shutil.rmtree(dest, ignore_errors=True)
    script = os.path.join(ROOT, "tests", "make_office_fixtures.py")
    if shutil.which("soffice") or shutil.which("libreoffice"):
        subprocess.run([sys.executable, script, "--render-text", dest], check=True,
                       stdout=subprocess.DEVNULL)
        return "rendered from the text fixtures"
    for kind in ("pdf", "docx"):
        shutil.copytree(os.path.join(FIXTURES, kind), os.path.join(dest, kind))
    return "copied from fixtures/ (LibreOffice not found)"


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("out")
    ap.add_argument("--docs", type=int, default=400)
    ap.add_argument("--size-kb", type=float, default=22.0, help="average document size")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--no-office", action="store_true")
    a = ap.parse_args()
    rng = random.Random(a.seed)
    prose = Prose(rng)
    names = sorted(os.listdir(FIXTURES))
    texts = [read_fixture(n) for n in names if n.endswith((".txt", ".md"))]
    fragments = [html_fragment(read_fixture(n)) for n in names if n.endswith(".html")]
    for kind in ("text", "html"):
        shutil.rmtree(os.path.join(a.out, kind), ignore_errors=True)
        os.makedirs(os.path.join(a.out, kind))
    total = {"text": 0, "html": 0}
    for i in range(a.docs):
        target = int(a.size_kb * 1000 * rng.uniform(0.3, 1.7))
        if i % 2 == 0:
            kind, doc = "text", text_doc(rng, prose, texts, target)
            path = os.path.join(a.out, kind, f"t{i // 2:04d}.txt")
        else:
            kind, doc = "html", html_doc(rng, prose, fragments, texts, target)
            path = os.path.join(a.out, kind, f"h{i // 2:04d}.html")
        data = doc.encode("utf-8")
        total[kind] += len(data)
        with open(path, "wb") as f:
            f.write(data)
    how = "" if a.no_office else office(a.out)
    print(
        f"{a.docs} documents: text {total['text'] / 1e6:.1f} MB, html {total['html'] / 1e6:.1f} MB"
        + (f"; office files {how}" if how else "")
    )


if __name__ == "__main__":
    main()
