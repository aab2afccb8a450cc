#!/usr/bin/env bash
# JSON at the table's speed: `--format json` beside the table on the two
# reports issue 27 names, a 10,000-quantity generated file and the Twitter
# preset with every assumption a range at 100,000 draws (and at the default
# 10,000). Each pair is timed in 5 alternating blocks, so the machine's drift
# falls on both alike; the ratio of medians is the figure (budget 1.5).
#
#   benches/json.sh                 # the current build
#   BEFORE=path/to/bote benches/json.sh   # also an older binary, same runs
#
# Needs hyperfine (Debian: apt-get install hyperfine) and python3.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${RUNS:-50}
out=target/bench
mkdir -p "$out"
command -v hyperfine >/dev/null || { echo "benches/json.sh needs hyperfine (apt-get install hyperfine)" >&2; exit 2; }

# The binary alone, as `cargo build --release` and `cargo install` make it: built
# with the example, it would take the dev-dependencies' features (statrs turns on
# num-traits' std, and PERT's draws then call the system's libm.so).
cargo build --release -q --bin bote
cargo build --release -q --example generate
target/release/examples/generate mix 10000 > "$out/mix-10000.yaml"
sed -E 's/value: ([^,]+),/value: "(\1) * (0.5 to 2)",/' presets/twitter-timeline.yaml > "$out/twitter-ranges.yaml"

cases=("$out/mix-10000.yaml" "$out/twitter-ranges.yaml --samples 100000" "$out/twitter-ranges.yaml")
bins=(target/release/bote)
[[ -n "${BEFORE:-}" ]] && bins+=("$BEFORE")
i=0
for bin in "${bins[@]}"; do
  for case in "${cases[@]}"; do
    for block in 1 2 3 4 5; do
      hyperfine -N --warmup 3 --runs $((runs / 5)) --export-json "$out/json-$i-$block.json" \
        "$bin run $case" "$bin run $case --format json" >/dev/null 2>&1
    done
    i=$((i + 1))
  done
done

python3 - "$out" "$i" <<'PY'
import json, sys
out, pairs = sys.argv[1], int(sys.argv[2])
median = lambda xs: sorted(xs)[len(xs) // 2]
print(f"{'table':>9}  {'json':>9}  {'ratio':>5}  report")
for i in range(pairs):
    table, js = [], []
    for block in range(1, 6):
        t, j = json.load(open(f"{out}/json-{i}-{block}.json"))["results"]
        table += t["times"]; js += j["times"]
    a, b = median(table), median(js)
    print(f"{a*1000:6.1f} ms  {b*1000:6.1f} ms  {b/a:5.2f}  {t['command'].replace('target/bench/', '')}")
print("budget: json / table <= 1.5")
PY
