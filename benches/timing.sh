# Sourced by the benchmark scripts: `timed N DIR CMD…` runs CMD N times under GNU time
# (/usr/bin/time) and prints "median min max peak_kb" (seconds, and the largest peak
# resident memory). A failing command stops the script: it must not be timed as a fast
# success. DIR holds the scratch files.
timed() {
    local runs=$1 dir=$2
    shift 2
    : > "$dir/times"
    for _ in $(seq "$runs"); do
        if ! /usr/bin/time -o "$dir/one" -f "%e %M" "$@" > /dev/null 2> "$dir/err"; then
            echo "failed: $*" >&2
            cat "$dir/err" >&2
            exit 1
        fi
        cat "$dir/one" >> "$dir/times"
    done
    sort -n "$dir/times" | awk '
        { t[NR] = $1; if ($2 > m) m = $2 }
        END { printf "%.2f %.2f %.2f %d\n", t[int((NR + 1) / 2)], t[1], t[NR], m }'
}
