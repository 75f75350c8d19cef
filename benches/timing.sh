# Sourced by the benchmark scripts. GNU time (/usr/bin/time) measures each run; a failing
# command stops the script: it must not be timed as a fast success.
#   time_once FILE DIR CMD…   runs CMD once, appends "seconds peak_kb" to FILE
#   summarize FILE            prints "median min max peak_kb" of the runs in FILE
#   timed N DIR CMD…          runs CMD N times in a row and prints its summary
# DIR holds the scratch files.
time_once() {
    local file=$1 dir=$2
    shift 2
    if ! /usr/bin/time -o "$dir/one" -f "%e %M" "$@" > /dev/null 2> "$dir/err"; then
        echo "failed: $*" >&2
        cat "$dir/err" >&2
        exit 1
    fi
    cat "$dir/one" >> "$file"
}

summarize() {
    sort -n "$1" | awk '
        { t[NR] = $1; if ($2 > m) m = $2 }
        END { printf "%.2f %.2f %.2f %d\n", t[int((NR + 1) / 2)], t[1], t[NR], m }'
}

timed() {
    local runs=$1 dir=$2
    shift 2
    : > "$dir/times"
    for _ in $(seq "$runs"); do
        time_once "$dir/times" "$dir" "$@"
    done
    summarize "$dir/times"
}
