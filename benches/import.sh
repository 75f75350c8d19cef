#!/usr/bin/env bash
# Import and export benchmarks for BENCHMARKS.md: wall time and peak resident memory of
# the real `marrow import` and `marrow export` (release build) on
#   - CONIB, the 202 BEL documents in ../shared/data/conib;
#   - a 1,000,000-edge signed table: the OmniPath CARNIVAL table replicated with renamed
#     nodes (copy k renames every node X to X_k), generated here, never committed;
#   - that table's network, imported once, exported in each format.
#   bash benches/import.sh            (RUNS=N to change the number of runs, default 9)
# Needs GNU time at /usr/bin/time and ../shared/data. Prints median and min–max of wall
# time, the median CPU time (user + system), and the largest peak memory over the runs.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${RUNS:-9}
data=../shared/data
if [ ! -d "$data/conib" ] || [ ! -f "$data/omnipath/omnipath_carnival.tsv" ]; then
    echo "skipping: $data (CONIB and the OmniPath table) is absent" >&2
    exit 0
fi
cargo build --release --quiet --bin marrow
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

awk -F'\t' -v OFS='\t' -v want=1000000 '
    NR == FNR { if (FNR > 1) { s[++n] = $1; i[n] = $2; t[n] = $3 }; next }
    END {
        print "source", "interaction", "target"
        for (k = 0; written < want; k++)
            for (j = 1; j <= n && written < want; j++) {
                print s[j] "_" k, i[j], t[j] "_" k; written++
            }
    }' "$data/omnipath/omnipath_carnival.tsv" /dev/null > "$work/big.tsv"
echo "table: $(($(wc -l < "$work/big.tsv") - 1)) edges, $(wc -c < "$work/big.tsv") bytes"

measure() {
    local label=$1
    shift
    : > "$work/times"
    for _ in $(seq "$runs"); do
        rm -rf "$work/out"
        /usr/bin/time -o "$work/one" -f "%e %M %U %S" "$@" > /dev/null 2>&1
        cat "$work/one" >> "$work/times"
    done
    # Wall time (column 1) sorted for median and range; CPU time (user + system) too,
    # because the shared machine's load inflates wall time.
    awk '{ print $3 + $4 }' "$work/times" | sort -n > "$work/cpu"
    sort -n "$work/times" | awk -v label="$label" -v cpu="$(awk '{ c[NR] = $1 } END { print c[int((NR + 1) / 2)] }' "$work/cpu")" '
        { t[NR] = $1; if ($2 > m) m = $2 }
        END { printf "%-28s wall median %.2f s  min %.2f s  max %.2f s  cpu median %.2f s  peak %.0f MB  (%d runs)\n",
              label, t[int((NR + 1) / 2)], t[1], t[NR], cpu, m / 1024, NR }'
}

measure "import bel (CONIB)" ./target/release/marrow import bel "$data/conib" -o "$work/out" --report "$work/r.tsv"
measure "import tsv (1,000,000 edges)" ./target/release/marrow import tsv "$work/big.tsv" -o "$work/out"
./target/release/marrow import tsv "$work/big.tsv" -o "$work/net" > /dev/null 2>&1
for format in json cx2 graphml sif bel; do
    measure "export $format (1,000,000 edges)" ./target/release/marrow export "$format" -r "$work/net" -o "$work/exported"
done
