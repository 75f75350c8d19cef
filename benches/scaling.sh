#!/usr/bin/env bash
# How time and peak memory grow with the network: the real `marrow` binary on generated
# networks of 100k, 1M, 3M and 10M statements (entities = statements / 10), `check` and
# `run --format json`, median and min–max wall time and the largest peak resident memory
# over RUNS runs (default 9), then the fitted log–log slope of each column.
#   bash benches/scaling.sh            (SIZES="100000 1000000" to choose sizes)
# The inputs are generated here (10M statements is 270 MB of text) and deleted after.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${RUNS:-9}
sizes=${SIZES:-"100000 1000000 3000000 10000000"}
cargo build --release --quiet --bin marrow --example gen_network
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

source benches/timing.sh

printf "| statements | entities | check median (min–max) | check peak | run median (min–max) | run peak |\n"
printf "|---:|---:|---|---:|---|---:|\n"
: > "$work/fit"
for n in $sizes; do
    e=$((n / 10))
    ./target/release/examples/gen_network "$n" "$e" > "$work/net.rules"
    read -r cm cmin cmax cpeak < <(timed "$runs" "$work" ./target/release/marrow check "$work/net.rules")
    read -r rm rmin rmax rpeak < <(timed "$runs" "$work" ./target/release/marrow run "$work/net.rules" \
        --scenario bench --format json)
    printf "| %d | %d | %s s (%s–%s) | %d MiB | %s s (%s–%s) | %d MiB |\n" \
        "$n" "$e" "$cm" "$cmin" "$cmax" $((cpeak / 1024)) "$rm" "$rmin" "$rmax" $((rpeak / 1024))
    echo "$n $cm $cpeak $rm $rpeak" >> "$work/fit"
    rm -f "$work/net.rules"
done

# Least-squares slope of log(y) on log(statements), per column.
awk '
    function slope(col,   i, sx, sy, sxx, sxy, x, y) {
        for (i = 1; i <= NR; i++) {
            x = log(n[i]); y = log(v[i, col]);
            sx += x; sy += y; sxx += x * x; sxy += x * y
        }
        return (NR * sxy - sx * sy) / (NR * sxx - sx * sx)
    }
    { n[NR] = $1; v[NR, 2] = $2; v[NR, 3] = $3; v[NR, 4] = $4; v[NR, 5] = $5 }
    END {
        if (NR < 2) exit
        printf "\nlog–log slope: check time %.3f, check memory %.3f, run time %.3f, run memory %.3f\n",
            slope(2), slope(3), slope(4), slope(5)
    }' "$work/fit"
