#!/usr/bin/env bash
# `marrow report` on the shipped knowledge base: wall time of the real release binary in
# milliseconds (median, min–max) over RUNS runs (default 11), beside `marrow check` (load
# only) for scale. Not a timed test: the machine is shared, so read the median.
#   bash benches/report.sh
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${RUNS:-11}
cargo build --release --quiet --bin marrow
m=./target/release/marrow
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

measure() {
    local label=$1
    shift
    : > "$work/times"
    for _ in $(seq "$runs"); do
        local t0 t1
        t0=$(date +%s%N)
        "$@" > /dev/null 2>&1
        t1=$(date +%s%N)
        echo $(( (t1 - t0) / 1000 )) >> "$work/times"
    done
    sort -n "$work/times" | awk -v label="$label" '
        { t[NR] = $1 }
        END { printf "%-52s median %6.1f ms  min %6.1f  max %6.1f  (%d runs)\n",
              label, t[int((NR + 1) / 2)] / 1000, t[1] / 1000, t[NR] / 1000, NR }'
}

echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
measure "check (load only)" $m check -r rules/osseointegration
measure "report --scenario hypoxic-exosomes -o FILE" $m report -r rules/osseointegration --scenario hypoxic-exosomes -o "$work/r.html"
measure "report --all-scenarios -o DIR (13 pages)" $m report -r rules/osseointegration --all-scenarios -o "$work/site"
measure "why M2-polarization up --format svg" $m why M2-polarization up -r rules/osseointegration --scenario hypoxic-exosomes --format svg
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
