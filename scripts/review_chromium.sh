#!/usr/bin/env bash
# The review page (`xxgk report`) in headless Chromium, for CI after `cargo test --release`:
# renders the page of the bundled samples (samples/reports.list and samples/prose), checks that
# it loads with no console message (the page logs nothing; an error or uncaught exception is a
# failure), that every failed check of the records is shown and that every agency with reports
# of two or more years has a chart; then writes screenshots at 1280x800 and 390x844 into docs/.
# Needs chromium (Debian's package) and python3; the Rust tests do not.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=target/release/xxgk
CHROME=$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)
if [ -z "$CHROME" ]; then
    echo "review_chromium: no chromium found (apt-get install -y chromium)" >&2
    exit 1
fi
[ -x "$BIN" ] || cargo build --release
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
{ cat samples/reports.list; ls samples/prose/*.txt samples/prose/*.html; } > "$tmp/files"
"$BIN" extract -q --files-from "$tmp/files" -o "$tmp/out.jsonl" || true
"$BIN" report "$tmp/out.jsonl" -o "$tmp/review.html"

chrome() {
    "$CHROME" --headless --no-sandbox --disable-gpu --disable-background-networking \
        --disable-component-update --disable-sync --no-first-run --hide-scrollbars \
        --user-data-dir="$tmp/profile-$1" --enable-logging=stderr --v=0 "${@:2}" \
        "file://$tmp/review.html"
}

chrome dom --virtual-time-budget=3000 --dump-dom > "$tmp/dom.html" 2> "$tmp/console.log"
if grep -E 'CONSOLE|Uncaught' "$tmp/console.log"; then
    echo "review_chromium: the page wrote to the console (above)" >&2
    exit 1
fi
python3 - "$tmp/out.jsonl" "$tmp/dom.html" <<'PY'
import json, sys
from html.parser import HTMLParser

records = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8") if l.strip()]
failed = [(r["source"]["path"], c["rule"]) for r in records for c in r.get("checks", []) if c.get("ok") is False]
years = {}
for r in records:
    rep = r.get("report") or {}
    if not r.get("error") and rep.get("agency") and rep.get("year"):
        years.setdefault(rep["agency"], set()).add(rep["year"])
series = {a for a, ys in years.items() if len(ys) >= 2}

class Dom(HTMLParser):
    def __init__(self):
        super().__init__()
        self.rows, self.charts, self.svgs, self.row, self.cell, self.text = [], {}, 0, None, None, ""
        self.chart = None
    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "tr" and "failed-check" in (a.get("class") or ""):
            if "display" in (a.get("style") or ""):
                sys.exit("a failed check is hidden: %s" % a)
            self.row = []
        elif tag == "td" and self.row is not None:
            self.text = ""
        elif tag == "figure" and a.get("class") == "agency-chart":
            self.chart = a.get("data-agency")
            self.charts[self.chart] = 0
        elif tag == "svg" and self.chart is not None:
            self.charts[self.chart] += 1
    def handle_endtag(self, tag):
        if tag == "td" and self.row is not None:
            self.row.append(self.text)
        elif tag == "tr" and self.row is not None:
            self.rows.append((self.row[0], self.row[1]))
            self.row = None
        elif tag == "figure":
            self.chart = None
    def handle_data(self, d):
        self.text += d

dom = Dom()
dom.feed(open(sys.argv[2], encoding="utf-8").read())
assert sorted(dom.rows) == sorted(failed), "failed checks shown %d, in the records %d" % (len(dom.rows), len(failed))
missing = series - set(dom.charts)
assert not missing, "agencies without a chart: %s" % missing
assert all(n >= 1 for n in dom.charts.values()), "a chart figure without an svg"
print("review_chromium: %d records, %d failed checks shown, %d agency charts (%s)" % (
    len(records), len(dom.rows), len(dom.charts), ", ".join(sorted(dom.charts))))
PY

mkdir -p docs
chrome wide --window-size=1280,800 --screenshot="$PWD/docs/review-1280x800.png" 2> /dev/null
chrome phone --window-size=390,844 --screenshot="$PWD/docs/review-390x844.png" 2> /dev/null
echo "review_chromium: screenshots in docs/review-1280x800.png and docs/review-390x844.png"
