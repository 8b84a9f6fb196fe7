"""Starting corpora for the decode_pdf, decode_docx and extract_spans fuzz targets.

PDF: small uncompressed PDFs (compressed streams turn almost every mutation into a flate
error; these keep the page tree, fonts, text operators and the xref table readable, so
mutations reach the text reader), plus the fixtures' PDFs. DOCX: each fixture's Word file
twice, as the target reads its first byte: `0` + the archive as it is, and `1` + its
document, numbering and styles XML joined by NUL bytes (the target builds the archive).
extract_spans: the text every fixture decodes to (HTML tables as rows of cells, PDF pages,
Word numbering), as `extract --emit-text` gives it, so that the extraction target starts from
what the decoders hand on (the decoder targets do not extract).

Usage, from the repository root, after `cargo build --release`:
python3 fuzz/seeds/make_seeds.py fuzz/corpus [PATH_TO_COUNCILRECS]
"""

import glob
import json
import os
import subprocess
import sys
import zipfile

PAGES = [
    ["Report to Cabinet", "RECOMMENDATIONS", "1. That Cabinet notes the report.",
     "2. That the plan be approved.", "a) subject to review;", "b) with a report in March."],
    ["Minutes", "RESOLVED: That (i) the action log be noted; (ii) the tracker be updated.",
     "Action: Officer to circulate the plan. Status: Complete"],
    ["Peer challenge feedback", "Key recommendations", "3.1 Strengthen governance",
     "3.2 Financial planning and management", "- bullet item", "Page 2 of 3"],
]


def escape(s):
    return s.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def content(lines, mode):
    out = ["BT", "/F1 11 Tf", "14 TL", "72 770 Td"]
    for i, line in enumerate(lines):
        if mode == 0:
            out.append(f"({escape(line)}) Tj T*")
        elif mode == 1:
            # kerned arrays, as word processors write them
            parts = " ".join(f"({escape(w)}) -250" for w in line.split(" "))
            out.append(f"[{parts}] TJ T*")
        else:
            # absolute positions, one text matrix per line
            out.append(f"1 0 0 1 72 {770 - 14 * i} Tm ({escape(line)}) Tj")
    out.append("ET")
    return "\n".join(out).encode("latin-1")


def pdf(pages, mode):
    objs = []
    n_pages = len(pages)
    # 1 catalog, 2 pages, 3 font, then page/content pairs
    kids = " ".join(f"{4 + 2 * i} 0 R" for i in range(n_pages))
    objs.append(b"<< /Type /Catalog /Pages 2 0 R >>")
    objs.append(f"<< /Type /Pages /Kids [{kids}] /Count {n_pages} >>".encode())
    enc = "/Encoding /WinAnsiEncoding" if mode != 2 else ""
    objs.append(f"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica {enc} >>".encode())
    for i, lines in enumerate(pages):
        c = content(lines, mode)
        objs.append(f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
                    f"/Resources << /Font << /F1 3 0 R >> >> /Contents {5 + 2 * i} 0 R >>".encode())
        objs.append(b"<< /Length " + str(len(c)).encode() + b" >>\nstream\n" + c + b"\nendstream")
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for i, o in enumerate(objs):
        offsets.append(len(out))
        out += f"{i + 1} 0 obj\n".encode() + o + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objs) + 1}\n0000000000 65535 f \n".encode()
    for off in offsets:
        out += f"{off:010d} 00000 n \n".encode()
    out += f"trailer\n<< /Size {len(objs) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def docx_seeds(out_dir):
    parts = ["word/document.xml", "word/numbering.xml", "word/styles.xml"]
    for path in sorted(glob.glob("fixtures/docx/*.docx")):
        name = os.path.splitext(os.path.basename(path))[0]
        raw = open(path, "rb").read()
        with open(os.path.join(out_dir, name + ".raw"), "wb") as f:
            f.write(b"\x00" + raw)
        z = zipfile.ZipFile(path)
        names = set(z.namelist())
        xml = [z.read(p).replace(b"\0", b"") if p in names else b"" for p in parts]
        with open(os.path.join(out_dir, name + ".parts"), "wb") as f:
            f.write(b"\x01" + b"\0".join(xml))


def decoded_text_seeds(out_dir, binary):
    paths = sorted(p for p in glob.glob("fixtures/**/*", recursive=True) if os.path.isfile(p))
    run = subprocess.run([binary, "extract", "-q", "--emit-text", *paths],
                         capture_output=True, check=True)
    for n, line in enumerate(run.stdout.splitlines()):
        text = json.loads(line).get("text")
        if text:
            # the target's first byte 0: the text is used as it is (it is decoded already)
            with open(os.path.join(out_dir, f"decoded-{n:03}"), "wb") as f:
                f.write(b"\x00" + text.encode("utf-8"))


def main():
    root = sys.argv[1]
    binary = sys.argv[2] if len(sys.argv) > 2 else "target/release/councilrecs"
    pdf_dir = os.path.join(root, "decode_pdf")
    os.makedirs(pdf_dir, exist_ok=True)
    for mode in range(3):
        for k in range(1, len(PAGES) + 1):
            with open(os.path.join(pdf_dir, f"seed-{mode}-{k}.pdf"), "wb") as f:
                f.write(pdf(PAGES[:k], mode))
    for path in sorted(glob.glob("fixtures/pdf/*.pdf")):
        with open(path, "rb") as src, open(os.path.join(pdf_dir, os.path.basename(path)), "wb") as f:
            f.write(src.read())
    docx_dir = os.path.join(root, "decode_docx")
    os.makedirs(docx_dir, exist_ok=True)
    docx_seeds(docx_dir)
    spans_dir = os.path.join(root, "extract_spans")
    os.makedirs(spans_dir, exist_ok=True)
    decoded_text_seeds(spans_dir, binary)


if __name__ == "__main__":
    main()
