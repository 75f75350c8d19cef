#!/usr/bin/env bash
# marrow against the floor (`examples/floor.rs`: read, intern, CSR, best-first max-product;
# no provenance, no checks, no JSON) on generated networks, in alternating runs of the
# floor, `marrow check`, `marrow run --format json` and `marrow why` of one fact (at 1M
# statements `g77777 down`, the fact the W1 targets name). Prints each median (min–max),
# peak memory, and the ratio to the floor's median: a reading that travels between hosts,
# where wall times do not. First it holds the floor to marrow's answer (states and
# strengths).
#   bash benches/floor.sh             (RUNS=N rounds, default 9; SIZES="1000000 10000000")
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${RUNS:-9}
sizes=${SIZES:-"1000000"}
cargo build --release --quiet --bin marrow --example gen_network --example floor
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
marrow=./target/release/marrow
floor=./target/release/examples/floor

source benches/timing.sh

printf "| statements | floor | check | run --format json | why | check / floor | run / floor | why / floor |\n"
printf "|---:|---|---|---|---|---:|---:|---:|\n"
for n in $sizes; do
    ./target/release/examples/gen_network "$n" $((n / 10)) > "$work/net.rules"
    # The floor must answer what marrow answers, or the ratio means nothing.
    read -r states sum < <("$floor" "$work/net.rules" | awk '{ print $1, $5 }')
    "$marrow" run "$work/net.rules" --scenario bench --format json 2> /dev/null > "$work/run.json"
    python3 - "$work/run.json" "$states" "$sum" <<'PY'
import json, sys
effects = json.load(open(sys.argv[1]))["effects"]
held = [e[s]["strength"] for e in effects for s in ("up", "down") if e[s]]
if len(held) != int(sys.argv[2]) or abs(sum(held) - float(sys.argv[3])) > 1e-6 * len(held):
    sys.exit(f"the floor disagrees: {sys.argv[2]} states, sum {sys.argv[3]}; "
             f"marrow {len(held)}, sum {sum(held):.6f}")
PY
    rm -f "$work/run.json"
    # The same place in the network at every size: g77777 at a million statements.
    fact="g$((n / 10 * 77777 / 100000))"
    : > "$work/floor"; : > "$work/check"; : > "$work/run"; : > "$work/why"
    for _ in $(seq "$runs"); do
        time_once "$work/floor" "$work" "$floor" "$work/net.rules"
        time_once "$work/check" "$work" "$marrow" check "$work/net.rules"
        time_once "$work/run" "$work" "$marrow" run "$work/net.rules" --scenario bench --format json
        time_once "$work/why" "$work" "$marrow" why "$fact" down -r "$work/net.rules" --scenario bench
    done
    read -r fm fmin fmax fpeak < <(summarize "$work/floor")
    read -r cm cmin cmax cpeak < <(summarize "$work/check")
    read -r rm rmin rmax rpeak < <(summarize "$work/run")
    read -r wm wmin wmax wpeak < <(summarize "$work/why")
    printf "| %d | %s s (%s–%s), %d MiB | %s s (%s–%s), %d MiB | %s s (%s–%s), %d MiB | %s s (%s–%s), %d MiB | %s | %s | %s |\n" \
        "$n" "$fm" "$fmin" "$fmax" $((fpeak / 1024)) "$cm" "$cmin" "$cmax" $((cpeak / 1024)) \
        "$rm" "$rmin" "$rmax" $((rpeak / 1024)) "$wm" "$wmin" "$wmax" $((wpeak / 1024)) \
        "$(awk -v a="$cm" -v b="$fm" 'BEGIN { printf "%.2f", a / b }')" \
        "$(awk -v a="$rm" -v b="$fm" 'BEGIN { printf "%.2f", a / b }')" \
        "$(awk -v a="$wm" -v b="$fm" 'BEGIN { printf "%.2f", a / b }')"
    rm -f "$work/net.rules"
done
