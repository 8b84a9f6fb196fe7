#!/usr/bin/env python3
"""Writes the DOCX and PDF fixtures under fixtures/docx/ and fixtures/pdf/.

Optional to re-run: the generated files are committed. Needs Python 3 (standard library only)
and LibreOffice (`soffice`) for the PDFs; Debian: `apt-get install libreoffice-writer-nogui`.

    python3 tests/make_office_fixtures.py                 # rewrite fixtures/docx and fixtures/pdf
    python3 tests/make_office_fixtures.py --render-text DIR [--only-docx]
        # render the plain-text fixtures (fixtures/*.txt) as DOCX and PDF into DIR/docx, DIR/pdf
        # (every other one with Word automatic numbering in place of the typed labels), for
        # comparing extraction from office formats with extraction from the same text

Each document is written in a small line markup (see `parse_markup`), turned into WordprocessingML
by hand (so that numbering definitions, styles, fields, tracked changes and sections are exactly
what the fixture needs) and converted to PDF by LibreOffice. The PDF of a document with tracked
changes is made from the same document with the changes accepted.
"""

import os
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from xml.sax.saxutils import escape

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
FIXED_DATE = (2025, 1, 1, 0, 0, 0)

# ---------------------------------------------------------------------------------------------
# Numbering definitions: name -> list of levels (numFmt, lvlText, start, suffix, indent twips).

LISTS = {
    "dec": [("decimal", "%1.", 1, "tab", 567), ("lowerRoman", "%2.", 1, "tab", 1134)],
    "sect": [("decimal", "%1.", 1, "tab", 567), ("decimal", "%1.%2", 1, "tab", 851)],
    "proman": [("lowerRoman", "(%1)", 1, "tab", 709), ("lowerLetter", "%2)", 1, "tab", 1134)],
    "pdec": [("decimal", "(%1)", 1, "tab", 709)],
    "plet": [("lowerLetter", "(%1)", 1, "tab", 709)],
    "cletter": [("lowerLetter", "%1)", 1, "tab", 709)],
    "cdec": [("decimal", "%1)", 1, "tab", 709)],
    "uletter": [("upperLetter", "%1)", 1, "tab", 567)],
    "ucolon": [("upperLetter", "%1:", 1, "tab", 567)],
    "romandot": [("lowerRoman", "%1.", 1, "tab", 709)],
    "romanclose": [("lowerRoman", "%1)", 1, "tab", 709)],
    "ldot": [("lowerLetter", "%1.", 1, "tab", 709)],
    "udot": [("upperRoman", "%1.", 1, "tab", 709)],
    "mayor": [("decimal", "%1.", 1, "tab", 567), ("decimal", "%2)", 1, "tab", 1134)],
    "rec": [("decimal", "Recommendation %1:", 1, "space", 0)],
    "tbl": [("decimal", "%1", 1, "nothing", 0)],
    "bullet": [("bullet", "\uf0b7", 1, "tab", 567)],
}


def numbering_xml(uses):
    """uses: ordered list of (num_id, list_name, start_override or None)."""
    names = []
    for _, name, _ in uses:
        if name not in names:
            names.append(name)
    out = [f'<w:numbering xmlns:w="{W_NS}">']
    for i, name in enumerate(names):
        out.append(f'<w:abstractNum w:abstractNumId="{i}"><w:multiLevelType w:val="multilevel"/>')
        for lvl, (fmt, text, start, suff, ind) in enumerate(LISTS[name]):
            font = ""
            if fmt == "bullet":
                font = '<w:rPr><w:rFonts w:ascii="Symbol" w:hAnsi="Symbol" w:hint="default"/></w:rPr>'
            tab = ind
            out.append(
                f'<w:lvl w:ilvl="{lvl}"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/>'
                f'<w:suff w:val="{suff}"/><w:lvlText w:val="{escape(text)}"/><w:lvlJc w:val="left"/>'
                f'<w:pPr><w:tabs><w:tab w:val="num" w:pos="{tab}"/></w:tabs>'
                f'<w:ind w:left="{ind}" w:hanging="{min(ind, 425)}"/></w:pPr>{font}</w:lvl>'
            )
        out.append("</w:abstractNum>")
    for num_id, name, override in uses:
        out.append(f'<w:num w:numId="{num_id}"><w:abstractNumId w:val="{names.index(name)}"/>')
        if override is not None:
            out.append(f'<w:lvlOverride w:ilvl="0"><w:startOverride w:val="{override}"/></w:lvlOverride>')
        out.append("</w:num>")
    out.append("</w:numbering>")
    return "".join(out)


# COUNCILRECS_RENDER_STYLE=tight renders with a serif font, justified text and no space between
# paragraphs, to try the PDF reader on denser pages.
TIGHT = os.environ.get("COUNCILRECS_RENDER_STYLE") == "tight"


def styles_xml(rec_num_id):
    rec_style = ""
    if rec_num_id is not None:
        rec_style = (
            '<w:style w:type="paragraph" w:styleId="RecommendationBase"><w:name w:val="Recommendation Base"/>'
            f'<w:basedOn w:val="Normal"/><w:pPr><w:numPr><w:numId w:val="{rec_num_id}"/></w:numPr></w:pPr></w:style>'
            '<w:style w:type="paragraph" w:styleId="Recommendation"><w:name w:val="Recommendation"/>'
            '<w:basedOn w:val="RecommendationBase"/><w:rPr><w:b/></w:rPr></w:style>'
        )
    font = "Liberation Serif" if TIGHT else "Liberation Sans"
    spacing = '<w:spacing w:after="0" w:line="240" w:lineRule="auto"/><w:jc w:val="both"/>' if TIGHT else '<w:spacing w:after="160" w:line="264" w:lineRule="auto"/>'
    return (
        f'<w:styles xmlns:w="{W_NS}">'
        f'<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="{font}" w:hAnsi="{font}" '
        f'w:cs="{font}"/><w:sz w:val="22"/><w:lang w:val="en-GB"/></w:rPr></w:rPrDefault>'
        f'<w:pPrDefault><w:pPr>{spacing}</w:pPr></w:pPrDefault></w:docDefaults>'
        '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>'
        '<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/>'
        '<w:pPr><w:keepNext/><w:spacing w:before="240" w:after="120"/></w:pPr><w:rPr><w:b/><w:sz w:val="26"/></w:rPr></w:style>'
        '<w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/><w:basedOn w:val="Normal"/>'
        '<w:rPr><w:b/><w:sz w:val="32"/></w:rPr></w:style>'
        '<w:style w:type="paragraph" w:styleId="Header"><w:name w:val="header"/><w:basedOn w:val="Normal"/>'
        '<w:pPr><w:spacing w:after="0"/></w:pPr><w:rPr><w:sz w:val="18"/></w:rPr></w:style>'
        + rec_style
        + '<w:style w:type="table" w:styleId="TableGrid"><w:name w:val="Table Grid"/><w:tblPr><w:tblBorders>'
        '<w:top w:val="single" w:sz="4" w:space="0" w:color="000000"/><w:left w:val="single" w:sz="4" w:space="0" w:color="000000"/>'
        '<w:bottom w:val="single" w:sz="4" w:space="0" w:color="000000"/><w:right w:val="single" w:sz="4" w:space="0" w:color="000000"/>'
        '<w:insideH w:val="single" w:sz="4" w:space="0" w:color="000000"/><w:insideV w:val="single" w:sz="4" w:space="0" w:color="000000"/>'
        '</w:tblBorders><w:tblCellMar><w:left w:w="108" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>'
        "</w:styles>"
    )


def field(instr, shown):
    return (
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        f'<w:r><w:instrText xml:space="preserve"> {instr} </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
        f"<w:r><w:t>{shown}</w:t></w:r>"
        '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
    )


def header_xml(text):
    return (
        f'<w:hdr xmlns:w="{W_NS}"><w:p><w:pPr><w:pStyle w:val="Header"/><w:jc w:val="right"/></w:pPr>'
        f'<w:r><w:t xml:space="preserve">{escape(text)}</w:t></w:r></w:p></w:hdr>'
    )


def footer_xml(text):
    return (
        f'<w:ftr xmlns:w="{W_NS}"><w:p><w:pPr><w:pStyle w:val="Header"/><w:jc w:val="center"/></w:pPr>'
        '<w:r><w:t xml:space="preserve">Page </w:t></w:r>'
        + field("PAGE", "1")
        + '<w:r><w:t xml:space="preserve"> of </w:t></w:r>'
        + field("NUMPAGES", "1")
        + "</w:p>"
        + (
            f'<w:p><w:pPr><w:pStyle w:val="Header"/><w:jc w:val="center"/></w:pPr><w:r><w:t xml:space="preserve">{escape(text)}</w:t></w:r></w:p>'
            if text
            else ""
        )
        + "</w:ftr>"
    )


# ---------------------------------------------------------------------------------------------
# Markup, one paragraph a line:
#   # Heading                      a bold heading (Heading1 style)
#   @list:level text               an automatically numbered paragraph ("@list!:0" restarts)
#   @@rec text                     numbered through the Recommendation paragraph style
#   > text                         an indented paragraph
#   | a | b | c                    a table row (the first row of a table is its header)
#   ---page---                     a page break
#   ---cols2--- / ---cols1---      start / end a two-column section
#   {+inserted+} {-deleted-}       tracked changes; **bold**; a blank line is ignored


def runs_xml(text, accept, bold=False):
    parts = re.split(r"(\{\+.*?\+\}|\{-.*?-\}|\*\*.*?\*\*)", text)
    out = []
    rid = 0
    for part in parts:
        if not part:
            continue
        b = bold
        if part.startswith("**") and part.endswith("**") and len(part) > 4:
            part, b = part[2:-2], True
        rpr = "<w:rPr><w:b/></w:rPr>" if b else ""
        if part.startswith("{+") and part.endswith("+}"):
            body = part[2:-2]
            if accept:
                out.append(f'<w:r>{rpr}<w:t xml:space="preserve">{escape(body)}</w:t></w:r>')
            else:
                rid += 1
                out.append(
                    f'<w:ins w:id="{rid}" w:author="Democratic Services" w:date="2025-01-01T00:00:00Z">'
                    f'<w:r>{rpr}<w:t xml:space="preserve">{escape(body)}</w:t></w:r></w:ins>'
                )
        elif part.startswith("{-") and part.endswith("-}"):
            body = part[2:-2]
            if not accept:
                rid += 1
                out.append(
                    f'<w:del w:id="{100 + rid}" w:author="Democratic Services" w:date="2025-01-01T00:00:00Z">'
                    f'<w:r>{rpr}<w:delText xml:space="preserve">{escape(body)}</w:delText></w:r></w:del>'
                )
        else:
            pieces = part.split("\t")
            for i, piece in enumerate(pieces):
                if i:
                    out.append("<w:r><w:tab/></w:r>")
                if piece:
                    out.append(f'<w:r>{rpr}<w:t xml:space="preserve">{escape(piece)}</w:t></w:r>')
    return "".join(out)


class Doc:
    def __init__(self, header=None, footer=None):
        self.header = header
        self.footer = footer
        self.uses = []  # (num_id, list_name, start_override)
        self.current = {}  # list name -> num_id
        self.rec_num = None

    def num_id(self, name, restart):
        if name not in self.current or restart:
            num_id = len(self.uses) + 1
            start = LISTS[name][0][2] if restart and name in self.current else None
            self.uses.append((num_id, name, start))
            self.current[name] = num_id
        return self.current[name]

    def para(self, line, accept, in_cell=False):
        ppr, text, bold = [], line, False
        if line.startswith("# "):
            ppr.append('<w:pStyle w:val="Heading1"/>')
            line = text = line[2:]
        m = re.match(r"^@(\w+)(!?):(\d)\s?(.*)$", line)
        if line.startswith("@@rec "):
            if self.rec_num is None:
                self.rec_num = self.num_id("rec", False)
            ppr.append('<w:pStyle w:val="Recommendation"/>')
            text = line[6:]
        elif m:
            name, restart, lvl, text = m.group(1), m.group(2) == "!", int(m.group(3)), m.group(4)
            num = self.num_id(name, restart)
            ppr.append(f'<w:numPr><w:ilvl w:val="{lvl}"/><w:numId w:val="{num}"/></w:numPr>')
        elif line.startswith("> ") and not ppr:
            ppr.append('<w:ind w:left="709"/>')
            text = line[2:]
        if in_cell:
            ppr.append('<w:spacing w:after="0"/>')
        return f'<w:p><w:pPr>{"".join(ppr)}</w:pPr>{runs_xml(text, accept, bold)}</w:p>'

    def table(self, rows, accept):
        ncols = max(len(r) for r in rows)
        # Columns as wide as their longest word or cell needs, within a 9,400-twip table.
        need = []
        for c in range(ncols):
            cells = [re.sub(r"^@\w+!?:\d\s?", "", r[c].strip()) if c < len(r) else "" for r in rows]
            longest_word = max((len(w) for cell in cells for w in cell.split()), default=1)
            need.append(max(longest_word * (1.8 if c < len(rows[0]) and len(rows[0][c].strip()) >= longest_word else 1.4) + 2, min(max(len(x) for x in cells), 40), 8))
        widths = [int(9400 * n / sum(need)) for n in need]
        grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in widths)
        out = [
            '<w:tbl><w:tblPr><w:tblStyle w:val="TableGrid"/><w:tblW w:w="0" w:type="auto"/></w:tblPr>'
            f"<w:tblGrid>{grid}</w:tblGrid>"
        ]
        for i, row in enumerate(rows):
            out.append("<w:tr>")
            for col, cell in enumerate(row + [""] * (ncols - len(row))):
                cell_line = cell.strip()
                if i == 0 and cell_line:
                    cell_line = f"**{cell_line}**"
                out.append(
                    f'<w:tc><w:tcPr><w:tcW w:w="{widths[col]}" w:type="dxa"/></w:tcPr>'
                    + self.para(cell_line, accept, in_cell=True)
                    + "</w:tc>"
                )
            out.append("</w:tr>")
        out.append("</w:tbl>")
        return "".join(out)

    def sect(self, cols, final=False):
        # Every section names the header and footer, so that every page has them.
        refs = ""
        if self.header:
            refs += '<w:headerReference w:type="default" r:id="rIdHeader"/>'
        if self.footer is not None:
            refs += '<w:footerReference w:type="default" r:id="rIdFooter"/>'
        kind = "" if final else '<w:type w:val="continuous"/>'
        return (
            f"<w:sectPr>{refs}{kind}"
            '<w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1440" w:right="1247" w:bottom="1440" '
            'w:left="1247" w:header="567" w:footer="567" w:gutter="0"/>'
            f'<w:cols w:num="{cols}" w:space="709"/></w:sectPr>'
        )

    def document(self, markup, accept):
        self.uses, self.current, self.rec_num = [], {}, None
        body = []
        rows = []
        cols = 1
        lines = markup.strip("\n").split("\n")
        for idx, raw in enumerate(lines):
            line = raw.rstrip()
            if line.startswith("|"):
                cells = [c for c in line.strip().strip("|").split("|")]
                rows.append(cells)
                nxt = lines[idx + 1] if idx + 1 < len(lines) else ""
                if not nxt.startswith("|"):
                    body.append(self.table(rows, accept))
                    rows = []
                continue
            if not line.strip():
                continue
            if line == "---page---":
                body.append('<w:p><w:r><w:br w:type="page"/></w:r></w:p>')
            elif line in ("---cols2---", "---cols1---"):
                # A section ends at the paragraph that carries its properties.
                body.append(f"<w:p><w:pPr>{self.sect(cols)}</w:pPr></w:p>")
                cols = 2 if line == "---cols2---" else 1
            else:
                body.append(self.para(line, accept))
        body.append(self.sect(cols, final=True))
        return (
            f'<w:document xmlns:w="{W_NS}" xmlns:r="{R_NS}"><w:body>{"".join(body)}</w:body></w:document>'
        )

    def write(self, path, markup, accept=False):
        document = self.document(markup, accept)
        numbering = numbering_xml(self.uses)
        styles = styles_xml(self.rec_num)
        rels = [
            ("rIdStyles", "styles", "styles.xml"),
            ("rIdNumbering", "numbering", "numbering.xml"),
        ]
        parts = {
            "word/document.xml": document,
            "word/styles.xml": styles,
            "word/numbering.xml": numbering,
        }
        overrides = [
            ("/word/document.xml", "document.main"),
            ("/word/styles.xml", "styles"),
            ("/word/numbering.xml", "numbering"),
        ]
        if self.header:
            parts["word/header1.xml"] = header_xml(self.header)
            rels.append(("rIdHeader", "header", "header1.xml"))
            overrides.append(("/word/header1.xml", "header"))
        if self.footer is not None:
            parts["word/footer1.xml"] = footer_xml(self.footer)
            rels.append(("rIdFooter", "footer", "footer1.xml"))
            overrides.append(("/word/footer1.xml", "footer"))
        ct = (
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            + "".join(
                f'<Override PartName="{p}" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.{k}+xml"/>'
                for p, k in overrides
            )
            + "</Types>"
        )
        root_rels = (
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>'
            "</Relationships>"
        )
        doc_rels = (
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            + "".join(
                f'<Relationship Id="{i}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/{t}" Target="{f}"/>'
                for i, t, f in rels
            )
            + "</Relationships>"
        )
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
            for name, data in [
                ("[Content_Types].xml", ct),
                ("_rels/.rels", root_rels),
                ("word/_rels/document.xml.rels", doc_rels),
            ] + sorted(parts.items()):
                info = zipfile.ZipInfo(name, FIXED_DATE)
                info.compress_type = zipfile.ZIP_DEFLATED
                z.writestr(info, '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' + data)


def to_pdf(docx_paths, out_dir):
    """Converts DOCX files to PDF with LibreOffice (one run for all of them)."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice:
        sys.exit("LibreOffice (soffice) is needed to make the PDFs")
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run(
            [soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
             "--outdir", out_dir] + docx_paths,
            check=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )


# ---------------------------------------------------------------------------------------------
# The fixtures.

from office_fixture_texts import FIXTURES  # noqa: E402  (the documents, one markup text each)


def make_fixtures():
    docx_dir = os.path.join(ROOT, "fixtures", "docx")
    pdf_dir = os.path.join(ROOT, "fixtures", "pdf")
    os.makedirs(docx_dir, exist_ok=True)
    os.makedirs(pdf_dir, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        accepted = []
        for stem, spec in FIXTURES.items():
            doc = Doc(header=spec.get("header"), footer=spec.get("footer"))
            if spec.get("docx", True):
                doc.write(os.path.join(docx_dir, stem + ".docx"), spec["text"])
            if spec.get("pdf", True):
                path = os.path.join(tmp, stem + ".docx")
                doc.write(path, spec["text"], accept=True)
                accepted.append(path)
        to_pdf(accepted, pdf_dir)


# ---------------------------------------------------------------------------------------------
# Rendering the plain-text fixtures.

LABEL = re.compile(
    r"^(?P<label>\((?P<p1>[0-9]{1,2}|[ivx]{1,5}|[a-z])\)|(?P<c>[0-9]{1,2}|[ivx]{1,5}|[a-zA-Z])\)|"
    r"(?P<d>[0-9]{1,2}|[ivx]{1,5}|[a-z])\.|(?P<u>[A-Z]):)(?:\s+|$)"
)
ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "v": 5, "vi": 6, "vii": 7, "viii": 8, "ix": 9, "x": 10}


def label_style(m, prev_style):
    """(list name, value) for a typed label, or None."""
    if m.group("p1"):
        v = m.group("p1")
        if v.isdigit():
            return "pdec", int(v)
        # A label of several letters is a roman numeral whatever came before (`ii` after `h`).
        if v in ROMAN and (len(v) > 1 or (v != "i" or prev_style != "plet") and not (prev_style == "plet" and v in ("v", "x"))):
            return "proman", ROMAN[v]
        return "plet", ord(v) - 96
    if m.group("c"):
        v = m.group("c")
        if v.isdigit():
            return "cdec", int(v)
        if v.isupper():
            return "uletter", ord(v) - 64
        if v in ROMAN and (len(v) > 1 or prev_style != "cletter"):
            return "romanclose", ROMAN[v]
        return "cletter", ord(v) - 96
    if m.group("d"):
        v = m.group("d")
        if v.isdigit():
            return "dec", int(v)
        if v in ROMAN and (len(v) > 1 or prev_style != "ldot"):
            return "romandot", ROMAN[v]
        return "ldot", ord(v) - 96
    if m.group("u"):
        return "ucolon", ord(m.group("u")) - 64
    return None


STARTER = re.compile(
    r"^(?:[-•·–]\s|\d+(?:\.\d+)+\s|\d+\s{2,}|Recommendation \d|[A-Z][A-Z ,&'–-]{3,}$|[A-Z][\w ]{0,30}:)"
)


def text_to_markup(text, auto):
    """Turns a plain-text fixture into markup: each line is a paragraph unless it continues a
    hard-wrapped one; typed labels become automatic numbering when `auto`; pipe and tab tables
    become tables; page-number lines are left to the real footer."""
    out = []
    expect = {}  # list name -> next value expected (to tell a continued list from a new one)
    prev_style = None
    for block in re.split(r"\n\s*\n|\f", text.replace("\r\n", "\n")):
        lines = [l for l in block.split("\n") if l.strip()]
        # A block holding "Page N of M" is a printed page footer: the real footer replaces it.
        if any(re.fullmatch(r"\s*Page \d+ of \d+\s*", l) for l in lines):
            continue
        para = None
        prev_line = ""
        for line in lines:
            stripped = line.strip().replace("**", "")
            if stripped.startswith("|") or "\t" in line.strip():
                if para:
                    out.append(para)
                    para = None
                if re.fullmatch(r"\|[-| :]+\|?", stripped):
                    continue
                if stripped.startswith("|"):
                    cells = stripped.strip("|").split("|")
                else:
                    cells = line.strip("\n").split("\t")
                out.append("| " + " | ".join(c.strip() or " " for c in cells))
                prev_line = ""
                continue
            indent = len(line) - len(line.lstrip())
            m = LABEL.match(stripped)
            if m:
                if para:
                    out.append(para)
                body = stripped[m.end():].strip()
                style = label_style(m, prev_style)
                para = None
                if auto and style and body:
                    name, value = style
                    nested = indent >= 2 and name in ("romandot", "cdec")
                    if nested:
                        parent = {"romandot": "dec", "cdec": "mayor"}[name]
                        restart = "!" if value == 1 else ""
                        para = f"@{parent}{restart}:1 {body}"
                    elif expect.get(name) == value or value == 1:
                        restart = "" if expect.get(name) == value else "!"
                        para = f"@{name}{restart}:0 {body}"
                    if para:
                        expect[name] = value + 1
                if para is None:
                    para = ("> " if indent >= 2 else "") + m.group("label") + "\t" + body
                prev_style = style[0] if style else None
                prev_line = stripped
                continue
            continues = para is not None and not STARTER.match(stripped) and (
                len(prev_line) >= 60 or (stripped[:1].islower() and not prev_line.endswith((".", ":", ";")))
            )
            if continues:
                para += " " + stripped
            else:
                if para:
                    out.append(para)
                para = ("> " if indent >= 2 else "") + stripped
            prev_line = stripped
        if para:
            out.append(para)
    return "\n".join(out)


def render_text_fixtures(out_dir, only_docx=False):
    docx_dir = os.path.join(out_dir, "docx")
    pdf_dir = os.path.join(out_dir, "pdf")
    os.makedirs(docx_dir, exist_ok=True)
    os.makedirs(pdf_dir, exist_ok=True)
    sources = sorted(f for f in os.listdir(os.path.join(ROOT, "fixtures")) if f.endswith(".txt"))
    paths = []
    for i, name in enumerate(sources):
        raw = open(os.path.join(ROOT, "fixtures", name), "rb").read()
        if raw.startswith(b"\xff\xfe"):
            text = raw.decode("utf-16")
        else:
            text = raw.decode("utf-8")
        auto = i % 2 == 0
        markup = text_to_markup(text, auto)
        doc = Doc(header="OFFICIAL", footer="")
        path = os.path.join(docx_dir, name[:-4] + ".docx")
        doc.write(path, markup)
        paths.append(path)
    if not only_docx:
        to_pdf(paths, pdf_dir)
    print(f"rendered {len(paths)} documents into {out_dir}")


if __name__ == "__main__":
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    args = sys.argv[1:]
    if args[:1] == ["--render-text"]:
        render_text_fixtures(args[1], only_docx="--only-docx" in args)
    else:
        make_fixtures()
