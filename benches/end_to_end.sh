#!/usr/bin/env bash
# End-to-end figures for BENCHMARKS.md: wall time and peak memory of the real `marrow`
# binary on the generated network of 1,000,000 statements over 100,000 entities.
#   bash benches/end_to_end.sh            (RUNS=N to change the number of runs, default 10)
# Needs GNU time at /usr/bin/time. Reports the median, min and max wall time and the
# largest peak resident memory over the runs.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${RUNS:-10}
cargo build --release --quiet --bin marrow --example gen_network
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
./target/release/examples/gen_network 1000000 100000 > "$work/net.rules"
echo "network: $(wc -c < "$work/net.rules") bytes, $(grep -c . "$work/net.rules") lines"

measure() {
    local label=$1
    shift
    : > "$work/times"
    for _ in $(seq "$runs"); do
        # A failing command must not be timed as a fast success.
        if ! /usr/bin/time -o "$work/one" -f "%e %M" "$@" > /dev/null 2> "$work/err"; then
            echo "$label failed:" >&2
            cat "$work/err" >&2
            exit 1
        fi
        cat "$work/one" >> "$work/times"
    done
    sort -n "$work/times" | awk -v label="$label" '
        { t[NR] = $1; if ($2 > m) m = $2 }
        END { printf "%-34s median %.2f s  min %.2f s  max %.2f s  peak %.0f MiB  (%d runs)\n",
              label, t[int((NR + 1) / 2)], t[1], t[NR], m / 1024, NR }'
}

measure "marrow check" ./target/release/marrow check "$work/net.rules"
measure "marrow run --format json" ./target/release/marrow run "$work/net.rules" --scenario bench --format json
measure "marrow why g77777 down" ./target/release/marrow why g77777 down -r "$work/net.rules" --scenario bench
