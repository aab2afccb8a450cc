#!/usr/bin/env bash
# The README's install lines, run as written on a fresh machine: a new,
# empty HOME, and a PATH of the system's folders and ~/.cargo/bin only.
# Then: the completion script is where bash-completion looks, `man bote`
# and `man bote-run` find their pages, and every page bote.1 names exists.
#
#   .ci/first-hour.sh              # runs `cargo install` too (slow: a release build)
#   BOTE_BIN=target/debug/bote .ci/first-hour.sh   # installs that binary instead
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
home="$(mktemp -d)"
trap 'rm -rf "$home"' EXIT
block="$(awk '/^## Install/{on=1} on&&/^```sh/{grab=1;next} grab&&/^```/{exit} grab' "$root/README.md")"
[[ -n "$block" ]] || { echo "first-hour: no sh block under ## Install in README.md" >&2; exit 1; }
mkdir -p "$home/.cargo/bin"
path="$home/.cargo/bin:/usr/local/bin:/usr/bin:/bin"
run() {
  # Nothing of the caller's environment but, for `cargo install`, where
  # the toolchain is and a build folder to reuse.
  local keep=(HOME="$home" PATH="$path" TERM=dumb)
  if [[ -n "${CARGO_TOOLS:-}" ]]; then
    # The registry cache and the build folder are the caller's (no
    # download, no second release build); what is installed goes into the
    # new HOME's ~/.cargo, as on a fresh machine.
    keep=(HOME="$home" PATH="$home/.cargo/bin:$CARGO_TOOLS:/usr/local/bin:/usr/bin:/bin" TERM=dumb
          RUSTUP_HOME="$RUSTUP_HOME_KEPT" CARGO_HOME="$CARGO_HOME_KEPT"
          CARGO_INSTALL_ROOT="$home/.cargo" CARGO_TARGET_DIR="$CARGO_TARGET_DIR_KEPT")
  fi
  env -i "${keep[@]}" bash -euo pipefail -c "cd \"$root\" && $1"
}
while IFS= read -r line; do
  [[ -z "${line// }" ]] && continue
  if [[ "$line" == cargo\ install* ]]; then
    if [[ -n "${BOTE_BIN:-}" ]]; then
      cp "$BOTE_BIN" "$home/.cargo/bin/bote"
      echo "first-hour: installed $BOTE_BIN in place of: $line"
      continue
    fi
    CARGO_TOOLS="$(dirname "$(command -v cargo)")" \
    RUSTUP_HOME_KEPT="${RUSTUP_HOME:-$HOME/.rustup}" \
    CARGO_HOME_KEPT="${CARGO_HOME:-$HOME/.cargo}" \
    CARGO_TARGET_DIR_KEPT="${CARGO_TARGET_DIR:-$root/target}" \
      run "$line"
    continue
  fi
  echo "first-hour: $line"
  run "$line"
done <<< "$block"
fail() { echo "first-hour: $*" >&2; exit 1; }
completion="$home/.local/share/bash-completion/completions/bote"
[[ -s "$completion" ]] || fail "no completion script at $completion"
bash -c "source '$completion' && complete -p bote" >/dev/null || fail "the completion script does not define a completion for bote"
if command -v man >/dev/null; then
  for page in bote bote-run bote-practice; do
    env -i HOME="$home" PATH="$path" man -w "$page" >/dev/null || fail "man $page finds no page"
  done
fi
pages="$home/.cargo/share/man/man1"
[[ -s "$pages/bote.1" ]] || fail "no bote.1 in $pages"
for named in $(grep -o 'bote\\-[a-z]*(1)' "$pages/bote.1" | sed 's/\\-/-/; s/(1)//' | sort -u); do
  [[ -s "$pages/$named.1" ]] || fail "bote.1 names $named(1), which was not written"
done
echo "first-hour: ok ($(ls "$pages" | wc -l) manual pages; completion for bash)"
