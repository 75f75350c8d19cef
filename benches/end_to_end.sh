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

source benches/timing.sh

measure() {
    local label=$1 median min max peak
    shift
    read -r median min max peak < <(timed "$runs" "$work" "$@")
    printf "%-34s median %s s  min %s s  max %s s  peak %d MiB  (%d runs)\n" \
        "$label" "$median" "$min" "$max" $((peak / 1024)) "$runs"
}

measure "marrow check" ./target/release/marrow check "$work/net.rules"
measure "marrow run --format json" ./target/release/marrow run "$work/net.rules" --scenario bench --format json
measure "marrow why g77777 down" ./target/release/marrow why g77777 down -r "$work/net.rules" --scenario bench
