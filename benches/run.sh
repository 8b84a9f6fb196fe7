#!/bin/sh
# The whole speed comparison in one run: builds councilrecs, writes the corpus (400 documents,
# half text, half HTML, plus PDF and DOCX renderings; and 1,000 and 20,000 smaller documents
# for peak memory), then prints the README's table. Needs python3 with beautifulsoup4, lxml
# and pdfplumber, pdftotext, and LibreOffice for the PDF and DOCX renderings.
#
#     benches/run.sh [CORPUS_FOLDER]        (default: target/bench-corpus)
#
# The in-process time of each stage is `cargo bench --bench stages -- CORPUS_FOLDER`.
set -eu
cd "$(dirname "$0")/.."
corpus=${1:-target/bench-corpus}
cargo build --release --quiet
[ -d "$corpus/text" ] || python3 benches/corpus.py "$corpus" --docs 400
for n in 1000 20000; do
    [ -d "$corpus/rss/$n" ] || {
        python3 benches/corpus.py "$corpus/rss/$n" --docs "$n" --size-kb 5 --no-office
        # One folder of documents per run.
        mv "$corpus/rss/$n/text"/* "$corpus/rss/$n/html"/* "$corpus/rss/$n/"
        rmdir "$corpus/rss/$n/text" "$corpus/rss/$n/html"
    }
done
echo "machine: $(nproc) cores, $(uname -m), load $(cut -d' ' -f1-3 /proc/loadavg)"
python3 benches/run.py target/release/councilrecs "$corpus" "$corpus/rss"
