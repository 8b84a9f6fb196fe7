#!/usr/bin/env python3
"""The side-by-side comparison behind the README's performance table: councilrecs `extract`
against the Python script (`benches/compare.py`) on the text and HTML halves of the corpus,
one and two threads, PDF against a `pdftotext` loop and pdfplumber, Word files, what the
per-document deadline costs, peak memory at 1,000 and 20,000 documents, and startup time.
Prints a Markdown table. Run through `benches/run.sh`, which builds and makes the corpus.

    python3 benches/run.py BINARY CORPUS BIG_CORPUS_ROOT
"""

import json
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
REPEAT = int(os.environ.get("REPEAT", "3"))


def measure(cmd, stdout=os.devnull, repeat=REPEAT):
    out = subprocess.run(
        [sys.executable, os.path.join(HERE, "measure.py"), "--repeat", str(repeat),
         "--stdout", stdout, "--"] + cmd,
        check=True, capture_output=True, text=True,
    )
    return json.loads(out.stdout)


def size_mb(*dirs):
    total = 0
    for d in dirs:
        for root, _, names in os.walk(d):
            total += sum(os.path.getsize(os.path.join(root, n)) for n in names)
    return total / 1e6


def files(d):
    return sorted(os.path.join(d, n) for n in os.listdir(d))


def main():
    exe, corpus, big = sys.argv[1:4]
    py = [sys.executable, os.path.join(HERE, "compare.py")]
    rows = []

    def row(what, ours, theirs=None, unit="MB/s", mb=None, note=""):
        def rate(m):
            if unit == "MB/s":
                return f"{mb / m['wall_s']:.1f} MB/s ({mb / m['cpu_s']:.1f} per CPU-s)"
            return f"{m['wall_s']:.2f} s (CPU {m['cpu_s']:.2f} s)"
        ratio = ""
        if theirs:
            ratio = f"{theirs['wall_s'] / ours['wall_s']:.2f}× ({theirs['cpu_s'] / ours['cpu_s']:.2f}× CPU)"
        rows.append((what, rate(ours), rate(theirs) if theirs else "", ratio, note))

    text, html = os.path.join(corpus, "text"), os.path.join(corpus, "html")
    ex = [exe, "extract", "-q", "-j", "1"]
    for name, dirs in [("text half", [text]), ("HTML half", [html]), ("whole corpus", [text, html])]:
        mb = size_mb(*dirs)
        n = sum(len(os.listdir(d)) for d in dirs)
        row(f"{name}: {n} documents, {mb:.1f} MB, `-j 1`", measure(ex + dirs), measure(py + dirs), mb=mb)
    mb = size_mb(text, html)
    one = measure(ex + [text, html])
    two = measure([exe, "extract", "-q", "-j", "2", text, html])
    row("whole corpus `-j 2` (vs `-j 1` in the last column)", two, mb=mb,
        note=f"{one['wall_s'] / two['wall_s']:.2f}× `-j 1`")
    for small, what in [("0", "every document in a child"), ("1G", "text and HTML in process")]:
        m = measure(ex + ["--small-text", small, text, html])
        row(f"whole corpus `-j 1`, {what}", m, mb=mb,
            note=f"{(m['cpu_s'] / one['cpu_s'] - 1) * 100:+.0f}% CPU against the default")

    pdf, docx = os.path.join(corpus, "office", "pdf"), os.path.join(corpus, "office", "docx")
    out = "/tmp/councilrecs-bench-pdf.jsonl"
    ours = measure(ex + ["--stats", pdf], stdout=out)
    pages = sum(json.loads(l)["source"].get("pages") or 0 for l in open(out))
    loop = measure(["sh", "-c", 'for f in "$@"; do pdftotext -q "$f" - >/dev/null; done', "sh"] + files(pdf))
    plumber = measure(py + [pdf])
    n = len(os.listdir(pdf))
    row(f"{n} PDFs ({pages} pages), `-j 1`, against a `pdftotext` loop", ours, loop, unit="s",
        note=f"{pages / ours['wall_s']:.0f} pages/s; pdftotext {pages / loop['wall_s']:.0f} pages/s; "
             f"children started: {ours['stats']['children_started']}")
    row(f"{n} PDFs, `-j 1`, against pdfplumber (`compare.py`)", ours, plumber, unit="s",
        note=f"pdfplumber {pages / plumber['wall_s']:.0f} pages/s")
    m = measure(ex + ["--stats", docx])
    row(f"{len(os.listdir(docx))} DOCX, `-j 1`", m, unit="s",
        note=f"children started: {m['stats']['children_started']}")

    for docs in ("1000", "20000"):
        d = os.path.join(big, docs)
        m = measure([exe, "extract", "-q", "-j", "2", "--stats", d], repeat=1)
        rows.append((f"{docs} documents ({size_mb(d):.0f} MB), `-j 2`: peak memory",
                     f"{m['stats']['peak_rss_mb']:.0f} MB main process, "
                     f"{m['peak_rss_mb']:.0f} MB largest process", "", "",
                     f"{m['wall_s']:.1f} s, {m['stats']['children_started']} children"))
    tiny = "/tmp/councilrecs-bench-tiny.txt"
    with open(tiny, "w") as f:
        f.write("RESOLVED:\n\n1. That the report be noted.\n")
    m = measure([exe, "extract", "-q", tiny])
    v = measure([exe, "--version"])
    rows.append(("startup: `--version`; `extract` of one small text document", f"{v['wall_s'] * 1000:.0f} ms",
                 "", "", f"{m['wall_s'] * 1000:.0f} ms to the first record"))

    print("| | councilrecs | Python script / other | ratio | note |")
    print("|---|---|---|---|---|")
    for r in rows:
        print("| " + " | ".join(r) + " |")


if __name__ == "__main__":
    main()
