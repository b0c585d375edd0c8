#!/usr/bin/env bash
# Scores extractor output file by file: score.py run on each NAME.truth.json of a folder alone.
#   scripts/score_each.sh PRED.jsonl [FOLDER] [SCORE.PY]
# e.g.  xxgk extract samples/shapes/ -q > /tmp/shapes.jsonl
#       scripts/score_each.sh /tmp/shapes.jsonl samples/shapes
# Prints per file: field accuracy, correct/truth fields, wrong values (present and wrong, or
# invented), silent wrong values (no failed check or warning on that cell), missing values.
set -euo pipefail
pred=$1
dir=${2:-samples/shapes}
score=${3:-$(dirname "$0")/../../shared/tools/score.py}
printf '%-64s %8s %9s %6s %7s %8s\n' file field% correct wrong silent missing
for t in "$dir"/*.truth.json; do
  one=$(mktemp -d)
  ln -s "$(realpath "$t")" "$one/"
  python3 "$score" --truth "$one" --pred "$pred" --json | python3 -c '
import json, sys
o = json.load(sys.stdin)
print("%-64s %7s%% %4d/%-4d %6d %7d %8d" % (sys.argv[1], o["field_accuracy"], o["correct"], o["truth_fields"],
      o["wrong_values"], o["silent_wrong_values"], o["missing"]))' "$(basename "$t" .truth.json)"
  rm -r "$one"
done
