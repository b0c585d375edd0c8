#!/usr/bin/env bash
# Whole-batch throughput of `xxgk extract`: N files copied from the sample reports of samples/
# (every format there: text, markdown, HTML, PDF, DOCX), timed with --jobs 1 and --jobs 2.
# Prints wall time, files per second, CPU time and peak memory (max RSS, /usr/bin/time) for
# each, the best of R runs, and the speed-up. The fixtures of bad input (folders named `bad`,
# files named `*_should_be_*`, such as a zip bomb) are left out unless the third argument is
# `all`.
#
#   scripts/bench.sh [N] [R] [all]  # defaults: N=1000, R=3
set -euo pipefail
N=${1:-1000}
R=${2:-3}
ALL=${3:-}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
if [ ! -x /usr/bin/time ]; then
    apt-get install -y time >/dev/null
fi
cargo build --release --quiet --manifest-path "$ROOT/Cargo.toml"
BIN=$ROOT/target/release/xxgk
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

if [ "$ALL" = all ]; then
    BAD=()
else
    BAD=(! -path '*/bad/*' ! -name '*_should_be_*')
fi
mapfile -t SRC < <(find "$ROOT/samples" -type f ! -name '*.truth.json' ! -name '*.notes.md' \
    ! -name 'README.md' "${BAD[@]}" | sort)
for ((i = 0; i < N; i++)); do
    s=${SRC[i % ${#SRC[@]}]}
    d=$WORK/in/$((i / 100))
    mkdir -p "$d"
    cp "$s" "$d/$i-$(basename "$s")"
done
BYTES=$(du -sb "$WORK/in" | cut -f1)

echo "# $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "# xxgk $(git -C "$ROOT" rev-parse --short HEAD), $N files ($((BYTES / 1024)) KiB) from ${#SRC[@]} samples, best of $R"
printf '%-5s %8s %9s %8s %8s %9s\n' jobs wall_s files/s user_s sys_s peak_MB
declare -A BEST
# The two settings alternate, so that a change in the machine's load falls on both alike.
for ((r = 0; r < R; r++)); do
    for jobs in 1 2; do
        # Exit 1 is expected when some samples cannot be read (encrypted PDF, bad input).
        /usr/bin/time -f '%e %U %S %M' -o "$WORK/time" \
            "$BIN" extract -q --jobs "$jobs" "$WORK/in" -o "$WORK/out.jsonl" || true
        read -r wall user sys rss < <(tail -n 1 "$WORK/time")
        lines=$(wc -l <"$WORK/out.jsonl")
        if [ "$lines" -ne "$N" ]; then
            echo "expected $N records, got $lines" >&2
            exit 1
        fi
        best=${BEST[$jobs]:-}
        if [ -z "$best" ] || awk "BEGIN{exit !($wall < ${best%% *})}"; then
            BEST[$jobs]="$wall $user $sys $rss"
        fi
    done
done
for jobs in 1 2; do
    read -r wall user sys rss <<<"${BEST[$jobs]}"
    awk -v j="$jobs" -v w="$wall" -v u="$user" -v s="$sys" -v m="$rss" -v n="$N" \
        'BEGIN { printf "%-5s %8.2f %9.1f %8.2f %8.2f %9.1f\n", j, w, n / w, u, s, m / 1024 }'
done
awk -v a="${BEST[1]%% *}" -v b="${BEST[2]%% *}" \
    'BEGIN { printf "speed-up --jobs 2 vs --jobs 1: %.2fx\n", a / b }'
echo "# load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
