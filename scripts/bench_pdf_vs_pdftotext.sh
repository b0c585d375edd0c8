#!/bin/sh
# xxgk extract over 100 sample PDFs (the PDFs of samples/pdf and samples/corpus, cycled) against
# pdftotext -layout run once per file. Needs hyperfine and poppler-utils. Results go into
# docs/performance-pdf.md by hand, with the date, the machine and its load.
set -eu
cd "$(dirname "$0")/.."
cargo build --release --quiet
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
i=0
while [ $i -lt 100 ]; do
    for f in samples/pdf/*.pdf samples/corpus/*.pdf; do
        [ $i -lt 100 ] || break
        cp "$f" "$dir/$(printf %03d $i)-$(basename "$f")"
        i=$((i + 1))
    done
done
uptime
hyperfine -w 1 -r 10 \
    "./target/release/xxgk extract $dir/*.pdf > /dev/null" \
    "for f in $dir/*.pdf; do pdftotext -layout \$f /dev/null; done"
uptime
