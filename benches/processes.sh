#!/usr/bin/env bash
# Whole-process timings, each beside a hello-world Rust binary timed in the
# same hyperfine run (this machine is noisy: read the ratios).
#
#   benches/processes.sh              # everything below
#   RUNS=50 benches/processes.sh      # fewer runs of the short commands
#   SKIP_PRESETS=1 benches/processes.sh   # only the generated files
#
# Prints, in order:
#   1. `bote eval` and every preset in every format, each with hello-world:
#      medians of RUNS runs each, taken in 5 alternating blocks so the
#      machine's drift hits both alike, and the ratio (budget: 2, and faster
#      than fend answering one expression, when `fend` is on PATH);
#   2. generated files of 1,000 to 100,000 quantities in three shapes,
#      medians of 25 runs in 5 blocks (budgets: 10,000 under 50 ms,
#      100,000 under 0.5 s, doubling <= 2.2x);
#   3. peak memory of each preset run (budget: 8 MiB).
#
# Needs hyperfine (Debian: apt-get install hyperfine) and python3 for the summary.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${RUNS:-200}
out=target/bench
mkdir -p "$out"

command -v hyperfine >/dev/null || { echo "benches/processes.sh needs hyperfine (apt-get install hyperfine)" >&2; exit 2; }

# The binary alone, as `cargo build --release` and `cargo install` make it: built
# with the example, it would take the dev-dependencies' features (statrs turns on
# num-traits' std, and PERT's draws then call the system's libm.so).
cargo build --release -q --bin bote
cargo build --release -q --example generate
bote=target/release/bote

# The floor: a Rust hello-world built the same way.
source benches/support/hello.sh

# Generated estimate files: the shapes of benches/engine.rs.
sizes=(1000 10000 20000 100000)
shapes=(chain fan-in mix)
for shape in "${shapes[@]}"; do
  for n in "${sizes[@]}"; do
    target/release/examples/generate "$shape" "$n" > "$out/$shape-$n.yaml"
  done
done

i=0
if [[ -z "${SKIP_PRESETS:-}" ]]; then
  cmds=("$bote eval '1 Gbit/s * 50 ms -> MB'")
  # fend answering one expression, the peer the start-up budget names.
  if command -v fend >/dev/null; then cmds+=("fend '1 GB / (100 MB/s) to s'"); fi
  for preset in $($bote list | cut -d' ' -f1); do
    for format in table markdown json csv; do
      cmds+=("$bote run $preset --format $format")
    done
  done
  # Each command is timed right beside hello-world, in alternating blocks,
  # so the machine's drift over the script does not skew the ratios.
  for cmd in "${cmds[@]}"; do
    for block in 1 2 3 4 5; do
      hyperfine -N --warmup 5 --runs $((runs / 5)) --export-json "$out/pair-$i-$block.json" \
        "$hello" "$cmd" >/dev/null 2>&1
    done
    i=$((i + 1))
  done
fi

size_cmds=()
for shape in "${shapes[@]}"; do
  for n in "${sizes[@]}"; do
    size_cmds+=("$bote run $out/$shape-$n.yaml")
  done
done
# Five blocks of five runs each, every size in every block, so a slow spell
# of the machine falls on all sizes alike (the doubling ratio compares them).
for block in 1 2 3 4 5; do
  hyperfine -N --warmup 1 --runs 5 --export-json "$out/sizes-$block.json" "${size_cmds[@]}" >/dev/null 2>&1
done

python3 - "$out" "$i" <<'PY'
import json, sys
out, pairs = sys.argv[1], int(sys.argv[2])
def short(cmd):
    return cmd.replace("target/release/", "").replace("target/bench/", "")
if pairs:
    print(f"{'hello':>9}  {'command':>9}  {'ratio':>5}  command")
    ratios = []
    def median(xs):
        xs = sorted(xs)
        return xs[len(xs) // 2]
    for i in range(pairs):
        hello_times, cmd_times = [], []
        for block in range(1, 6):
            hello, cmd = json.load(open(f"{out}/pair-{i}-{block}.json"))["results"]
            hello_times += hello["times"]
            cmd_times += cmd["times"]
        h, c = median(hello_times), median(cmd_times)
        ratios.append(c / h)
        print(f"{h*1000:6.2f} ms  {c*1000:6.2f} ms  {c/h:5.2f}  {short(cmd['command'])}")
    ratios.sort()
    print(f"ratio: median {ratios[len(ratios)//2]:.2f}, worst {ratios[-1]:.2f} (budget 2)\n")
times = {}
for block in range(1, 6):
    for r in json.load(open(f"{out}/sizes-{block}.json"))["results"]:
        times.setdefault(r["command"].split("/")[-1].removesuffix(".yaml"), []).extend(r["times"])
median = {k: sorted(v)[len(v) // 2] for k, v in times.items()}
print(f"{'shape':<8}{'1k':>9}{'10k':>9}{'20k':>9}{'100k':>9}{'20k/10k':>9}")
for shape in ["chain", "fan-in", "mix"]:
    t = [median[f"{shape}-{n}"] for n in (1000, 10000, 20000, 100000)]
    cells = "".join(f"{x*1000:7.1f}ms" for x in t)
    print(f"{shape:<8}{cells}{t[2]/t[1]:8.2f}x")
print("budgets: 10k < 50 ms, 100k < 500 ms, 20k/10k <= 2.2x")
PY
echo
echo "peak memory (max RSS) of preset runs:"
for preset in $($bote list | cut -d' ' -f1); do
  /usr/bin/time -f "  %M KiB  $preset" "$bote" run "$preset" > /dev/null
done
/usr/bin/time -f "  %M KiB  hello-world" "$hello" > /dev/null
