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

cmds=("$hello" "$bote eval '1 Gbit/s * 50 ms -> MB'")
for preset in $($bote list | cut -d' ' -f1); do
  for format in table markdown json csv; do
    cmds+=("$bote run $preset --format $format")
  done
done
hyperfine -N --warmup 20 --runs "$runs" --export-json "$out/presets.json" "${cmds[@]}" >/dev/null

hyperfine -N --warmup 3 --runs 20 --export-json "$out/sizes.json" \
  "$hello" "$bote run $out/chain-1000.yaml" "$bote run $out/chain-10000.yaml" "$bote run $out/chain-100000.yaml" >/dev/null

python3 - "$out/presets.json" "$out/sizes.json" <<'PY'
import json, sys
for path in sys.argv[1:]:
    results = json.load(open(path))["results"]
    floor = results[0]["median"]
    print(f"\n{'median':>9}  {'x hello':>7}  command")
    for r in results:
        cmd = r["command"].replace("target/release/", "").replace("target/bench/", "")
        print(f"{r['median']*1000:7.2f} ms  {r['median']/floor:7.2f}  {cmd}")
PY

echo
echo "peak memory (max RSS) of preset runs:"
for preset in $($bote list | cut -d' ' -f1); do
  /usr/bin/time -f "  %M KiB  $preset" "$bote" run "$preset" > /dev/null
done
/usr/bin/time -f "  %M KiB  hello-world" "$hello" > /dev/null
