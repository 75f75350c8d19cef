#!/usr/bin/env bash
# Quoted and Unicode names against bare ones: `marrow check` of the same generated network
# (300,000 statements over 30,000 entities) written with bare names (`g12`) and with
# quoted BEL-style names (`"p(HGNC:g12)"`, as an importer writes them), in alternating
# runs; prints both medians (min–max) and their ratio.
#   bash benches/quoted.sh            (RUNS=N pairs, default 41: at 0.1 s a process is at
#                                      the mercy of the host, and short series scatter)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${RUNS:-41}
cargo build --release --quiet --bin marrow --example gen_network
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
./target/release/examples/gen_network 300000 30000 > "$work/bare.rules"
sed -E 's/\bg([0-9]+)\b/"p(HGNC:g\1)"/g' "$work/bare.rules" > "$work/quoted.rules"
./target/release/marrow check "$work/quoted.rules" > /dev/null 2>&1 || {
    echo "the quoted network does not check" >&2
    exit 1
}
: > "$work/bare"
: > "$work/quoted"
for _ in $(seq "$runs"); do
    for kind in bare quoted; do
        # Bash's microsecond clock: GNU time's two decimals are too coarse at 0.1 s.
        start=$EPOCHREALTIME
        ./target/release/marrow check "$work/$kind.rules" > /dev/null 2>&1
        awk -v a="$start" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.4f\n", b - a }' >> "$work/$kind"
    done
done
median() { sort -n "$1" | awk '{ t[NR] = $1 } END { printf "%.3f %.3f %.3f\n", t[int((NR + 1) / 2)], t[1], t[NR] }'; }
read -r bm bmin bmax < <(median "$work/bare")
read -r qm qmin qmax < <(median "$work/quoted")
printf "bare   %s s (%s–%s)\nquoted %s s (%s–%s)\n" "$bm" "$bmin" "$bmax" "$qm" "$qmin" "$qmax"
awk -v q="$qm" -v b="$bm" -v n="$runs" 'BEGIN { printf "quoted / bare: %.2f× (%d alternating pairs)\n", q / b, n }'
