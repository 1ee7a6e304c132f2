#!/usr/bin/env bash
# One core: the extractor against jieba-rs segmenting the same normalized text, both in
# the same process and the same run, repeated RUNS times (default 7) because a shared
# machine's speed drifts between minutes. Prints each run's medians and their ratio,
# then the median ratio. Usage: bench/extract-vs-jieba.sh [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-7}"
bin=$(cargo bench -p pledge-extract --bench extract --no-run 2>&1 | sed -n 's/.*Executable benches\/extract.rs (\(.*\))/\1/p' | tail -1)
bin="$(realpath "$bin")"
[ -x "$bin" ] || { echo "cannot find the extract bench binary" >&2; exit 1; }
cd crates/extract
ratios=()
for r in $(seq 1 "$runs"); do
    out=$("$bin" --bench extract_one_core jieba_cut_one_core 2>&1)
    # divan prints the throughput line under each bench: fastest │ slowest │ median │ mean.
    ex=$(echo "$out" | grep -A1 'extract_one_core' | tail -1 | awk -F'│' '{print $3}' | awk '{print $1}')
    jb=$(echo "$out" | grep -A1 'jieba_cut_one_core' | tail -1 | awk -F'│' '{print $3}' | awk '{print $1}')
    ratio=$(awk -v a="$ex" -v b="$jb" 'BEGIN { printf "%.3f", a / b }')
    ratios+=("$ratio")
    echo "run $r: extract $ex MB/s, jieba-rs cut $jb MB/s, ratio $ratio"
done
printf '%s\n' "${ratios[@]}" | sort -n | awk '{ v[NR] = $1 } END { printf "median ratio %.3f (min %.3f, max %.3f, %d runs)\n", v[int((NR + 1) / 2)], v[1], v[NR], NR }'
