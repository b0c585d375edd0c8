#!/usr/bin/env bash
# Runs the fuzz targets of fuzz/, one after the other, each for a given time, and prints the
# executions and findings of each. See docs/fuzzing.md.
#
#   scripts/fuzz.sh [SECONDS [TIMEOUT [TARGET...]]]
#
# SECONDS: how long each target runs (default 60); TIMEOUT: seconds one input may take before
# libFuzzer calls it a hang (default 10); TARGET: some of the targets (default: all of them).
#
# Builds with the nightly toolchain (`cargo +nightly fuzz`), installing cargo-fuzz from
# crates.io if it is absent. Seeds each target's corpus (fuzz/corpus/TARGET) from samples/ and
# tests/fixtures/ by file type. Each run is limited to 1 GiB of RSS and runs at the lowest CPU
# priority. A finding (crash, oom, timeout, leak) is left in fuzz/artifacts/TARGET/; the log of
# each run is fuzz/artifacts/TARGET-DATE.log. The exit status is 1 when some target found
# anything.
#
# FUZZ_ARGS (environment): more libFuzzer options for every run, e.g. FUZZ_ARGS=-max_len=65536
# so that a target whose seeds are whole reports explores small inputs too.
set -euo pipefail
cd "$(dirname "$0")/.."

SECONDS_EACH=${1:-60}
TIMEOUT=${2:-10}
shift $(($# < 2 ? $# : 2))
ALL=(extract adapter_pdf adapter_html adapter_docx adapter_sheet adapter_text stages)
if [ $# -gt 0 ]; then TARGETS=("$@"); else TARGETS=("${ALL[@]}"); fi

if ! cargo +nightly fuzz --version >/dev/null 2>&1; then
    echo "fuzz.sh: installing cargo-fuzz from crates.io" >&2
    cargo install cargo-fuzz --locked
fi

# The seeds of a target: sample documents of its formats (truths and notes are not documents),
# at most 1 MiB each.
seeds() {
    local pattern
    case "$1" in
        adapter_pdf) pattern='.*\.pdf' ;;
        adapter_html) pattern='.*\.(html|htm)' ;;
        adapter_docx) pattern='.*\.docx' ;;
        adapter_sheet) pattern='.*\.(xlsx|xls|ods)' ;;
        adapter_text | stages) pattern='.*\.(txt|md|csv)' ;;
        *) pattern='.*\.(pdf|html|htm|docx|xlsx|xls|ods|txt|csv)' ;;
    esac
    find samples tests/fixtures -type f -size -1025k -regextype posix-extended \
        -regex "$pattern" ! -name '*.notes.md' ! -name 'README.md'
}

nice -n 19 cargo +nightly fuzz build >&2

summary=()
found_any=0
for t in "${TARGETS[@]}"; do
    corpus="fuzz/corpus/$t"
    artifacts="fuzz/artifacts/$t"
    mkdir -p "$corpus" "$artifacts"
    seeds "$t" | while read -r f; do
        cp -n "$f" "$corpus/seed-$(basename "$f")" 2>/dev/null || true
    done
    before=$(ls "$artifacts" | sort)
    log="fuzz/artifacts/$t-$(date -u +%Y%m%dT%H%M%S).log"
    echo "fuzz.sh: $t for ${SECONDS_EACH} s ($(ls "$corpus" | wc -l) inputs in its corpus)" \
        "${FUZZ_ARGS:-}" >&2
    set +e
    # shellcheck disable=SC2086 # FUZZ_ARGS is a list of options
    nice -n 19 cargo +nightly fuzz run "$t" "$corpus" -- \
        -max_total_time="$SECONDS_EACH" -rss_limit_mb=1024 -timeout="$TIMEOUT" \
        -print_final_stats=1 ${FUZZ_ARGS:-} >"$log" 2>&1
    status=$?
    set -e
    execs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' | tail -1)
    if [ -z "$execs" ]; then
        # Stopped on a finding before the final statistics: the last status line counts.
        execs=$(grep -o '^#[0-9]*' "$log" | tr -d '#' | tail -1)
    fi
    new=$(comm -13 <(echo "$before") <(ls "$artifacts" | sort) | tr '\n' ' ')
    if [ -n "${new// /}" ] || [ "$status" -ne 0 ]; then
        found_any=1
        finding="FOUND (exit $status): ${new:-see $log}"
    else
        finding="none"
    fi
    rate=$((${execs:-0} / SECONDS_EACH))
    summary+=("$(printf '%-14s %12s executions (%s/s)   findings: %s' "$t" "${execs:-?}" "$rate" "$finding")")
done

echo
echo "fuzz.sh: $(date -u '+%Y-%m-%d %H:%M UTC'), ${SECONDS_EACH} s per target, timeout ${TIMEOUT} s," \
    "rss limit 1024 MB ${FUZZ_ARGS:-}"
printf '%s\n' "${summary[@]}"
exit "$found_any"
