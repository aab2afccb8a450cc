#!/usr/bin/env bash
# Seed the fuzz corpora: the presets as estimate and YAML inputs (copied, so
# they never drift from presets/), and the expression seeds kept here.
set -euo pipefail
cd "$(dirname "$0")"
mkdir -p corpus/expr corpus/estimate corpus/yaml
cp ../presets/*.yaml corpus/estimate/
cp ../presets/*.yaml corpus/yaml/
cp seeds/expr/* corpus/expr/
