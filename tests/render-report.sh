#!/usr/bin/env bash
# Renders the compare HTML report in headless Chromium and writes a PNG screenshot, to check by
# eye that the page is readable and the theme heatmap is drawn.
#
#   tests/render-report.sh [RECORDS.jsonl ...]
#
# Inputs default to tests/data/multi-council.jsonl plus the records of fixtures/. Writes
# target/report/report.html and target/report/report.png. Needs Debian's chromium
# (apt-get install chromium); the page is opened from a file:// URL with networking off.
set -euo pipefail
cd "$(dirname "$0")/.."

out=target/report
mkdir -p "$out"
bin=target/release/councilrecs
[ -x "$bin" ] || cargo build --release --quiet

if [ "$#" -eq 0 ]; then
  "$bin" extract -q fixtures/ > "$out/fixtures.jsonl" || true
  set -- tests/data/multi-council.jsonl "$out/fixtures.jsonl"
fi
# Bassetlaw's test papers carry their council only in their folder name.
"$bin" compare "$@" --council-from 'regex:^papers/([^/]+)/' --format html --out "$out/report.html"

chrome=$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)
if [ -z "$chrome" ]; then
  echo "render-report: chromium not found (apt-get install chromium); the report is at $out/report.html" >&2
  exit 3
fi
profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT
"$chrome" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
  --disable-background-networking --disable-component-update --disable-sync \
  --user-data-dir="$profile" --hide-scrollbars --window-size=1400,1800 \
  --screenshot="$PWD/$out/report.png" "file://$PWD/$out/report.html" >/dev/null 2>&1
[ -s "$out/report.png" ] || { echo "render-report: no screenshot written" >&2; exit 1; }
echo "$out/report.png"
