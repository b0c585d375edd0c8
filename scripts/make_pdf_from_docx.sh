#!/usr/bin/env bash
# The DOCX samples printed to PDF by LibreOffice (rows of table 三 break across pages there),
# with the DOCX truth: the same report in one more format. Needs LibreOffice (apt-get install
# libreoffice-writer-nogui); the tests use the committed PDFs only.
set -euo pipefail
cd "$(dirname "$0")/.."
tmp=$(mktemp -d)
for n in qingshan-county-2021 baishui-eco-2019; do
  soffice --headless --convert-to pdf --outdir "$tmp" "samples/docx/$n.docx" >/dev/null
  cp "$tmp/$n.pdf" "samples/pdf/$n.libreoffice.pdf"
  python3 - "$n" <<'PY'
import json, sys
n = sys.argv[1]
t = json.load(open(f"samples/docx/{n}.docx.truth.json"))
t["source"]["path"] = f"{n}.libreoffice.pdf"
t["source"]["format"] = "pdf"
json.dump(t, open(f"samples/pdf/{n}.libreoffice.pdf.truth.json", "w"), ensure_ascii=False, indent=1)
PY
done
rm -rf "$tmp"
