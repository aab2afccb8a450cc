#!/usr/bin/env bash
# Build the playground into web/dist/: bote's core compiled to WebAssembly,
# the JavaScript glue wasm-bindgen makes for it, and the static page.
#
#   web/build.sh                                   # build web/dist/
#   python3 -m http.server -b 127.0.0.1 -d web/dist 8000   # serve it: http://127.0.0.1:8000/
#
# Needs the wasm32 target and wasm-bindgen-cli at the exact version of the
# wasm-bindgen crate in web/Cargo.toml (the two must agree):
#   rustup target add wasm32-unknown-unknown
#   cargo install wasm-bindgen-cli --version 0.2.130
set -euo pipefail
cd "$(dirname "$0")"
want=$(sed -n 's/^wasm-bindgen = "=\(.*\)"/\1/p' Cargo.toml)
have=$(wasm-bindgen --version 2>/dev/null | cut -d' ' -f2 || true)
if [[ "$have" != "$want" ]]; then
  echo "web/build.sh needs wasm-bindgen-cli $want (found: ${have:-none}): cargo install wasm-bindgen-cli --version $want" >&2
  exit 2
fi
cargo build --release --quiet --target wasm32-unknown-unknown
rm -rf dist.tmp
mkdir -p dist.tmp/pkg
wasm-bindgen --target web --no-typescript --out-dir dist.tmp/pkg \
  target/wasm32-unknown-unknown/release/bote_web.wasm
cp static/* dist.tmp/
rm -rf dist
mv dist.tmp dist
raw=$(wc -c < dist/pkg/bote_web_bg.wasm)
gz=$(gzip -9 -c dist/pkg/bote_web_bg.wasm | wc -c)
all=0
for f in $(find dist -type f); do all=$((all + $(gzip -9 -c "$f" | wc -c))); done
echo "web/dist built: wasm $raw bytes, $gz gzipped; wasm and assets $all bytes gzipped (budget: 1 MB compressed)"
if (( all > 1000000 )); then
  echo "the compressed wasm and assets are over 1 MB" >&2
  exit 1
fi
