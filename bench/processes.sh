#!/usr/bin/env bash
# Whole-process timings, each beside a hello-world Rust binary timed in the
# same hyperfine run (this machine is noisy: read the ratios).
#
#   bench/processes.sh            # all presets x all formats, eval, generated files
#   RUNS=50 bench/processes.sh    # fewer runs
#
# Needs hyperfine (Debian: apt-get install hyperfine) and python3 for the summary.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${RUNS:-200}
out=target/bench
mkdir -p "$out/hello/src"

command -v hyperfine >/dev/null || { echo "bench/processes.sh needs hyperfine (apt-get install hyperfine)" >&2; exit 2; }

cargo build --release -q
bote=target/release/bote

# The floor: a Rust hello-world built the same way.
cat > "$out/hello/Cargo.toml" <<'TOML'
[package]
name = "hello"
version = "0.1.0"
edition = "2024"
[workspace]
[profile.release]
lto = true
codegen-units = 1
panic = "abort"
TOML
echo 'fn main() { println!("hello"); }' > "$out/hello/src/main.rs"
cargo build --release -q --manifest-path "$out/hello/Cargo.toml"
hello="$out/hello/target/release/hello"

# Generated estimate files (same shapes as benches/engine.rs: a chain).
for n in 1000 10000 100000; do
  python3 - "$n" > "$out/chain-$n.yaml" <<'PY'
import sys
n = int(sys.argv[1])
print("title: generated\nassumptions:\n  base: 1 KB\nqps:\n  q0: base")
for i in range(1, n):
    print(f"  q{i}: q{i-1} + base")
PY
done

cmds=("$bote eval '1 Gbit/s * 50 ms -> MB'")
for preset in $($bote list | cut -d' ' -f1); do
  for format in table markdown json csv; do
    cmds+=("$bote run $preset --format $format")
  done
done

# Each command is timed in its own hyperfine run right beside hello-world,
# so the machine's drift over the whole script does not skew the ratios.
i=0
for cmd in "${cmds[@]}"; do
  hyperfine -N --warmup 20 --runs "$runs" --export-json "$out/pair-$i.json" "$hello" "$cmd" >/dev/null 2>&1
  i=$((i + 1))
done
hyperfine -N --warmup 3 --runs 20 --export-json "$out/sizes.json" \
  "$hello" "$bote run $out/chain-1000.yaml" "$bote run $out/chain-10000.yaml" "$bote run $out/chain-100000.yaml" >/dev/null 2>&1

python3 - "$out" "$i" <<'PY'
import json, sys
out, pairs = sys.argv[1], int(sys.argv[2])
def short(cmd):
    return cmd.replace("target/release/", "").replace("target/bench/", "")
print(f"{'hello':>9}  {'command':>9}  {'ratio':>5}  command")
worst = 0
for i in range(pairs):
    hello, cmd = json.load(open(f"{out}/pair-{i}.json"))["results"]
    ratio = cmd["median"] / hello["median"]
    worst = max(worst, ratio)
    print(f"{hello['median']*1000:6.2f} ms  {cmd['median']*1000:6.2f} ms  {ratio:5.2f}  {short(cmd['command'])}")
print(f"worst ratio: {worst:.2f} (budget 1.5)")
results = json.load(open(f"{out}/sizes.json"))["results"]
print(f"\n{'median':>10}  command")
for r in results:
    print(f"{r['median']*1000:7.2f} ms  {short(r['command'])}")
PY
echo
echo "peak memory (max RSS) of preset runs:"
for preset in $($bote list | cut -d' ' -f1); do
  /usr/bin/time -f "  %M KiB  $preset" "$bote" run "$preset" > /dev/null
done
/usr/bin/time -f "  %M KiB  hello-world" "$hello" > /dev/null
