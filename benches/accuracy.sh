#!/usr/bin/env bash
# The accuracy floor under every speed budget (issue 36): each ranged
# preset's p5, p50 and p95 at its default draws must stay within 3% of the
# same figures at 1,000,000 draws. Fails (status 1) when one does not.
#
#   benches/accuracy.sh                      # the current build, default draws
#   BOTE=path/to/bote benches/accuracy.sh    # another binary
#   SAMPLES=4096 benches/accuracy.sh         # a candidate draw count
#   SEEDS="1 2 3" benches/accuracy.sh        # every seed must hold (default: 1 2 3)
#
# Reads the CSV report (its last three columns are p5,p50,p95, in the row's
# unit) and prints the worst relative difference of each preset.
set -euo pipefail
cd "$(dirname "$0")/.."
out=target/bench/accuracy
mkdir -p "$out"
bote=${BOTE:-target/release/bote}
if [[ -z "${BOTE:-}" ]]; then cargo build --release -q --bin bote; fi
samples=()
[[ -n "${SAMPLES:-}" ]] && samples=(--samples "$SAMPLES")

for preset in $($bote list | cut -d' ' -f1); do
  # A preset with scenarios prints them side by side, without percentiles:
  # its base run is the one with ranges.
  scenario=()
  if $bote run "$preset" --format csv --point | head -1 | grep -q '^section,name,si_unit,base,'; then
    scenario=(--scenario base)
  fi
  # The reference: a million draws, seed 1.
  $bote run "$preset" "${scenario[@]}" --format csv --samples 1000000 > "$out/$preset-ref.csv"
  for seed in ${SEEDS:-1 2 3}; do
    $bote run "$preset" "${scenario[@]}" --format csv --seed "$seed" "${samples[@]}" > "$out/$preset-$seed.csv"
  done
done

python3 - "$out" "$($bote list | cut -d' ' -f1 | tr '\n' ' ')" "${SEEDS:-1 2 3}" <<'PY'
import csv, sys
out, presets, seeds = sys.argv[1], sys.argv[2].split(), sys.argv[3].split()
def read(path):
    rows = {}
    with open(path) as f:
        r = csv.DictReader(f)
        if "p5" not in (r.fieldnames or []):
            return rows
        for row in r:
            if row["p5"]:
                rows[(row["section"], row["name"])] = [float(row[k]) for k in ("p5", "p50", "p95")]
    return rows
worst_all, failed = 0.0, False
for preset in presets:
    ref = read(f"{out}/{preset}-ref.csv")
    if not ref:
        continue
    worst, where = 0.0, ""
    for seed in seeds:
        got = read(f"{out}/{preset}-{seed}.csv")
        for key, r in ref.items():
            g = got.get(key)
            if g is None:
                print(f"{preset}: {key[1]} is a range at a million draws but not at the default")
                failed = True
                continue
            for name, a, b in zip(("p5", "p50", "p95"), g, r):
                d = abs(a - b) / abs(b) if b else abs(a)
                if d > worst:
                    worst, where = d, f"{key[1]} {name} seed {seed}: {a:.6g} vs {b:.6g}"
    print(f"{preset:<20} worst {100*worst:5.2f}%  ({where})")
    worst_all = max(worst_all, worst)
    failed |= worst > 0.03
print(f"worst of all: {100*worst_all:.2f}% (bound 3%)")
sys.exit(1 if failed else 0)
PY
