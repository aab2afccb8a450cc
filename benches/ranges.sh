#!/usr/bin/env bash
# Ranges, whole process and in process, beside the peers that sample
# uncertainty: squigglepy (PyPI) and Squiggle (@quri/squiggle-lang, npm, on
# node). The estimate is the Twitter preset with every assumption made a
# range (its figure times 0.5 to 2, a 90% interval): 13 ranges, 28
# quantities. The peers' versions are benches/peers/twitter.{py,mjs}; they
# are installed under target/bench/peers, never as project dependencies.
#
#   benches/ranges.sh            # everything
#   RUNS=20 benches/ranges.sh    # fewer runs
#
# Prints medians of RUNS runs in 5 alternating blocks (this machine is
# noisy: read the ratios), against the budgets of issue 11:
#   bote, 10,000 draws: at most 3x a hello-world Rust binary;
#   bote, 100,000 draws: under 100 ms; 10k -> 100k at most 11x;
#   bote at least 10x faster than each peer, whole process;
#   peak memory at 100,000 draws under 64 MiB.
#
# Needs hyperfine, python3 (with venv) and node with npm.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${RUNS:-50}
out=target/bench
peers=$out/peers
mkdir -p "$peers"

command -v hyperfine >/dev/null || { echo "needs hyperfine (apt-get install hyperfine)" >&2; exit 2; }
cargo build --release -q --bin bote
bote=target/release/bote

# The floor: a Rust hello-world built the same way.
source benches/support/hello.sh

# The peers, pinned to the versions measured.
if [[ ! -x "$peers/venv/bin/python" ]]; then
  python3 -m venv "$peers/venv"
  "$peers/venv/bin/pip" install -q squigglepy==0.30
fi
if [[ ! -d "$peers/node_modules/@quri/squiggle-lang" ]]; then
  (cd "$peers" && npm init -y >/dev/null && npm install -q @quri/squiggle-lang@0.10.0 >/dev/null)
fi
cp benches/peers/twitter.mjs "$peers/twitter.mjs"

# Every `value: X,` of the preset as `value: "(X) * (0.5 to 2)",`.
sed -E 's/value: ([^,]+),/value: "(\1) * (0.5 to 2)",/' presets/twitter-timeline.yaml > "$out/twitter-ranges.yaml"
file="$out/twitter-ranges.yaml"

cmds=(
  "$hello"
  "$bote run $file"
  "$bote run $file --samples 100000"
  "$peers/venv/bin/python benches/peers/twitter.py 10000"
  "node $peers/twitter.mjs 10000"
)
for block in 1 2 3 4 5; do
  hyperfine -N --warmup 2 --runs $((runs / 5)) --export-json "$out/ranges-$block.json" "${cmds[@]}" >/dev/null 2>&1
done

# In process: bote's divan bench, the peers' own timers.
py_in=$(for _ in 1 2 3 4 5; do "$peers/venv/bin/python" benches/peers/twitter.py 10000 2>&1 >/dev/null | sed -E 's/in-process ([0-9.]+) ms.*/\1/'; done | sort -n | sed -n 3p)
sq_in=$(for _ in 1 2 3 4 5; do node "$peers/twitter.mjs" 10000 2>&1 >/dev/null | sed -E 's/in-process ([0-9.]+) ms.*/\1/'; done | sort -n | sed -n 3p)
echo "in process, 10,000 draws (median of 5): squigglepy ${py_in} ms sampling, Squiggle ${sq_in} ms run()"
cargo bench -q --bench engine -- twitter_all_ranges 2>/dev/null | grep -E "10000|100000" || true

python3 - "$out" <<'PY'
import json, sys
out = sys.argv[1]
times = {}
for block in range(1, 6):
    for r in json.load(open(f"{out}/ranges-{block}.json"))["results"]:
        times.setdefault(r["command"], []).extend(r["times"])
med = {k: sorted(v)[len(v) // 2] * 1000 for k, v in times.items()}
names = list(med)
hello, b10, b100, py, sq = (med[n] for n in names)
print(f"hello-world            {hello:8.2f} ms")
print(f"bote, 10,000 draws     {b10:8.2f} ms  {b10 / hello:5.2f}x hello (budget 3)")
print(f"bote, 100,000 draws    {b100:8.2f} ms  (budget 100 ms); 10k -> 100k {b100 / b10:.1f}x (budget 11)")
print(f"squigglepy, 10,000     {py:8.2f} ms  bote {py / b10:5.1f}x faster (goal 10)")
print(f"Squiggle (node), 10,000 {sq:7.2f} ms  bote {sq / b10:5.1f}x faster (goal 10)")
PY
/usr/bin/time -f "peak memory, 100,000 draws: %M KiB (budget 64 MiB)" "$bote" run "$file" --samples 100000 > /dev/null
