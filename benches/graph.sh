#!/usr/bin/env bash
# `marrow graph` on the generated network of 1,000,000 statements over 100,000 entities:
# wall time (median, min–max), CPU time (user + system) and peak memory of the real
# binary. Wall time depends on what else the machine runs; the load average is printed.
#   bash benches/graph.sh            (RUNS=N to change the number of runs, default 9;
#                                     NET=FILE to reuse a generated network)
# Needs GNU time at /usr/bin/time.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${RUNS:-9}
cargo build --release --quiet --bin marrow --example gen_network
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
net=${NET:-$work/net.rules}
[ -s "$net" ] || ./target/release/examples/gen_network 1000000 100000 > "$net"
m=./target/release/marrow

measure() {
    local label=$1
    shift
    : > "$work/times"
    for _ in $(seq "$runs"); do
        /usr/bin/time -q -o "$work/one" -f "%e %M %x %U %S" "$@" > "$work/out" 2> /dev/null || true
        cat "$work/one" >> "$work/times"
    done
    local nodes cpu
    nodes=$(grep -c 'class="node' "$work/out" || true)
    cpu=$(awk '{ print $4 + $5 }' "$work/times" | sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }')
    sort -n "$work/times" | awk -v label="$label" -v nodes="$nodes" -v cpu="$cpu" '
        { t[NR] = $1; if ($2 > m) m = $2; x = $3 }
        END { printf "%-44s median %.2f s  min %.2f  max %.2f  cpu median %.2f s  peak %.0f MB  exit %s  nodes %s  (%d runs)\n",
              label, t[int((NR + 1) / 2)], t[1], t[NR], cpu, m / 1024, x, nodes, NR }'
}

echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
measure "load only (--max-nodes 0)" $m graph -r "$net" --around g77777 --max-nodes 0
measure "--around g77777 --depth 2 --max-nodes 500" $m graph -r "$net" --around g77777 --depth 2 --max-nodes 500 --format svg
measure "--around g77777 --depth 1 (drawn)" $m graph -r "$net" --around g77777 --depth 1 --format svg
measure "--around g0 (hub) --depth 1" $m graph -r "$net" --around g0 --depth 1 --format svg
measure "--around g77777 --depth 2 --max-nodes 2000" $m graph -r "$net" --around g77777 --depth 2 --max-nodes 2000 --format svg
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
