#!/usr/bin/env bash
# Every speed budget of issue 36, on this build and an older one side by
# side, in one run (this machine is noisy: read the instruction counts and
# the ratios taken in the same block, not the milliseconds).
#
#   BEFORE=path/to/older/bote benches/budgets.sh
#   BEFORE_REV=3e77707 benches/budgets.sh    # build that commit first (under target/bench)
#   RUNS=50 SKIP_FILES=1 SKIP_CALLGRIND=1 benches/budgets.sh
#
# Prints, for each binary:
#   1. whether it loads the system maths library (docs/performance.md says
#      it does not);
#   2. callgrind instructions (exact) of a hello-world, `bote eval`, and
#      every preset as a table and as JSON (budgets: eval <= 0.60 M; JSON
#      <= 1.3x the table);
#   3. wall time, hyperfine medians of RUNS runs in 5 blocks, each block
#      timing hello-world and both binaries together (budgets: eval <= 1.2x
#      hello-world, every table <= 3x, every JSON <= 1.3x its table);
#   4. generated files of 10,000 and 100,000 quantities, table and JSON
#      (budget: 100,000 under 0.5 s, and 10x the quantities about 10x the time);
#   5. peak memory of JSON for the largest accepted input, a fan-in file
#      just under the 16 MiB limit (budget: 300 MiB, tests/integration/limits.rs).
# The accuracy floor under all of them is benches/accuracy.sh.
#
# Needs hyperfine, valgrind and python3.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${RUNS:-100}
out=target/bench
mkdir -p "$out"
for tool in hyperfine valgrind python3; do
  command -v $tool >/dev/null || { echo "benches/budgets.sh needs $tool" >&2; exit 2; }
done

# The binary alone, as `cargo build --release` and `cargo install` make it: built
# with the example, it would take the dev-dependencies' features (statrs turns on
# num-traits' std, and PERT's draws then call the system's libm.so).
cargo build --release -q --bin bote
cargo build --release -q --example generate
after=target/release/bote
if [[ -n "${BEFORE_REV:-}" && -z "${BEFORE:-}" ]]; then
  rm -rf "$out/before-src" && mkdir -p "$out/before-src"
  git archive "$BEFORE_REV" | tar -x -C "$out/before-src"
  CARGO_TARGET_DIR="$PWD/$out/before-target" cargo build --release -q --bin bote \
    --manifest-path "$out/before-src/Cargo.toml"
  BEFORE="$out/before-target/release/bote"
fi
[[ -n "${BEFORE:-}" ]] || { echo "set BEFORE=path/to/bote or BEFORE_REV=commit" >&2; exit 2; }
cp "$BEFORE" "$out/bote-before"
cp "$after" "$out/bote-after"
bins=("$out/bote-before" "$out/bote-after")
source benches/support/hello.sh

presets=$($after list | cut -d' ' -f1)
eval_expr='100M / month -> /s'

echo "== the maths library"
for bin in "${bins[@]}"; do
  if ldd "$bin" | grep 'libm\.so' >/dev/null; then echo "  $(basename "$bin"): loads libm.so"; else echo "  $(basename "$bin"): no libm.so"; fi
done

count() { valgrind --tool=callgrind --callgrind-out-file=/dev/null "$@" 2>&1 >/dev/null | sed -n 's/.*Collected : //p'; }
if [[ -z "${SKIP_CALLGRIND:-}" ]]; then
  echo
  echo "== instructions (callgrind, exact)"
  hello_ir=$(count "$hello")
  printf '  %-34s %12s\n' "hello-world" "$hello_ir"
  printf '  %-34s %12s %12s %7s\n' "command" "before" "after" "after/before"
  line() {
    local label=$1; shift
    local b a
    b=$(count "${bins[0]}" "$@"); a=$(count "${bins[1]}" "$@")
    printf '  %-34s %12s %12s %7.2f\n' "$label" "$b" "$a" "$(python3 -c "print($a/$b)")"
    echo "$label $b $a" >> "$out/budgets-ir.txt"
  }
  : > "$out/budgets-ir.txt"
  line "eval" eval "$eval_expr"
  for p in $presets; do
    line "$p table" run "$p"
    line "$p json" run "$p" --format json
  done
  python3 - "$out/budgets-ir.txt" "$hello_ir" <<'PY'
import sys
rows = {l.rsplit(" ", 2)[0]: tuple(map(int, l.split()[-2:])) for l in open(sys.argv[1])}
hello = int(sys.argv[2])
for i, side in enumerate(("before", "after")):
    e = rows["eval"][i]
    worst = max((rows[k][i] / rows[k.replace(" json", " table")][i], k.split()[0])
                for k in rows if k.endswith(" json"))
    print(f"  {side}: eval {e/1e6:.2f} M ({e/hello:.2f}x hello-world; budget 0.60 M), "
          f"JSON/table worst {worst[0]:.2f} ({worst[1]}; budget 1.3)")
PY
fi

echo
echo "== wall time (hyperfine medians, $runs runs in 5 blocks beside hello-world)"
cmds=("eval '$eval_expr'")
for p in $presets; do cmds+=("run $p" "run $p --format json"); done
i=0
for cmd in "${cmds[@]}"; do
  for block in 1 2 3 4 5; do
    hyperfine -N --warmup 3 --runs $((runs / 5)) --export-json "$out/budget-$i-$block.json" \
      "$hello" "${bins[0]} $cmd" "${bins[1]} $cmd" >/dev/null 2>&1
  done
  i=$((i + 1))
done
python3 - "$out" "$i" <<'PY'
import json, sys
out, n = sys.argv[1], int(sys.argv[2])
# Medians, and the fastest runs: on a machine shared with other work the
# fastest is the run least disturbed by it.
med = lambda xs: sorted(xs)[len(xs) // 2]
for label, stat in (("medians", med), ("fastest runs", min)):
    rows = []
    for i in range(n):
        t = [[], [], []]
        for block in range(1, 6):
            for k, r in enumerate(json.load(open(f"{out}/budget-{i}-{block}.json"))["results"]):
                t[k] += r["times"]
        h, b, a = map(stat, t)
        cmd = r["command"].split("bote-after ", 1)[1]
        rows.append((cmd, h, b, a))
    print(f"  {label}:")
    print(f"  {'hello':>8} {'before':>8} {'after':>8} {'before/h':>8} {'after/h':>8}  command")
    for cmd, h, b, a in rows:
        print(f"  {h*1e3:6.2f}ms {b*1e3:6.2f}ms {a*1e3:6.2f}ms {b/h:8.2f} {a/h:8.2f}  {cmd}")
    for k, side in ((2, "before"), (3, "after")):
        ev = rows[0][k] / rows[0][1]
        tables = [(r[k] / r[1], r[0]) for r in rows[1::2]]
        jsons = [(rows[j + 1][k] / rows[j][k], rows[j][0]) for j in range(1, len(rows), 2)]
        print(f"  {side}: eval {ev:.2f}x hello (budget 1.2); worst table {max(tables)[0]:.2f}x hello "
              f"({max(tables)[1]}; budget 3); worst JSON/table {max(jsons)[0]:.2f} ({max(jsons)[1]}; budget 1.3)")
PY

if [[ -z "${SKIP_FILES:-}" ]]; then
  echo
  echo "== generated files (medians of 9 runs in 3 blocks)"
  file_cmds=()
  for shape in chain fan-in mix; do
    for n in 10000 100000; do
      target/release/examples/generate "$shape" "$n" > "$out/$shape-$n.yaml"
      for bin in "${bins[@]}"; do
        file_cmds+=("$bin run $out/$shape-$n.yaml" "$bin run $out/$shape-$n.yaml --format json")
      done
    done
  done
  for block in 1 2 3; do
    hyperfine -N --warmup 1 --runs 3 --export-json "$out/budget-files-$block.json" "${file_cmds[@]}" >/dev/null 2>&1
  done
  python3 - "$out" <<'PY'
import json, sys
out = sys.argv[1]
t = {}
for block in (1, 2, 3):
    for r in json.load(open(f"{out}/budget-files-{block}.json"))["results"]:
        t.setdefault(r["command"], []).extend(r["times"])
med = {k: sorted(v)[len(v) // 2] for k, v in t.items()}
print(f"  {'file':<14}{'format':<7}{'before 10k':>11}{'100k':>9}{'x':>6}{'after 10k':>11}{'100k':>9}{'x':>6}")
for shape in ("chain", "fan-in", "mix"):
    for fmt, suffix in (("table", ""), ("json", " --format json")):
        cells = ""
        for side in ("before", "after"):
            a = med[f"{out}/bote-{side} run {out}/{shape}-10000.yaml{suffix}"]
            b = med[f"{out}/bote-{side} run {out}/{shape}-100000.yaml{suffix}"]
            cells += f"{a*1e3:9.1f}ms{b*1e3:7.0f}ms{b/a:6.1f}"
        print(f"  {shape:<14}{fmt:<7}{cells}")
print("  budget: 100k under 500 ms, 100k/10k about 10")
PY

  echo
  echo "== peak memory, JSON of the largest accepted input (budget 300 MiB)"
  # The fan-in shape, as many quantities as fit under the 16 MiB input limit.
  n=200000
  while :; do
    target/release/examples/generate fan-in $n > "$out/fan-in-largest.yaml"
    [[ $(stat -c %s "$out/fan-in-largest.yaml") -lt $((16 * 1024 * 1024 - 64)) ]] && break
    n=$((n - 5000))
  done
  for bin in "${bins[@]}"; do
    for fmt in table json; do
      /usr/bin/time -f "  %M KiB  $(basename "$bin") $fmt, fan-in $n quantities ($(stat -c %s "$out/fan-in-largest.yaml") bytes)" \
        "$bin" run "$out/fan-in-largest.yaml" --format "$fmt" > /dev/null
    done
  done
fi
