#!/usr/bin/env bash
# Seed the fuzz corpora: the presets as estimate and YAML inputs (copied, so
# they never drift from presets/), the expression seeds kept here, and the
# note cases and example notes for `notes`.
set -euo pipefail
cd "$(dirname "$0")"
mkdir -p corpus/expr corpus/estimate corpus/yaml corpus/notes
cp ../presets/*.yaml corpus/estimate/
cp ../presets/*.yaml corpus/yaml/
cp seeds/expr/* corpus/expr/
# Each question of the casual oracle, a seed of its own.
grep -h '=>' ../tests/cases/casual/*.txt | sed 's/ *=>.*//' | split -l 1 - corpus/expr/casual-
cp ../tests/cases/notes/*.md ../examples/*.md corpus/notes/
