"""Small uncompressed PDFs for the decode_pdf fuzz target's starting corpus.

Compressed streams turn almost every mutation into a flate error; these keep the page tree,
fonts, text operators and the xref table readable, so mutations reach the text reader.
Usage: python3 make_pdf_seeds.py OUT_DIR
"""

import os
import sys

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


def main():
    out_dir = sys.argv[1]
    os.makedirs(out_dir, exist_ok=True)
    for mode in range(3):
        for k in range(1, len(PAGES) + 1):
            with open(os.path.join(out_dir, f"seed-{mode}-{k}.pdf"), "wb") as f:
                f.write(pdf(PAGES[:k], mode))


if __name__ == "__main__":
    main()
