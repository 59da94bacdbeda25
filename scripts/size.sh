#!/usr/bin/env bash
# Measures what a browser downloads: the release WASM (after wasm-opt) and its JS glue,
# raw, gzip -9 and brotli -q 11. Builds the release first unless --no-build is given.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/tools/node_modules/.bin:$HOME/.cargo/bin:$PATH"
if [ "${1:-}" != --no-build ]; then
  scripts/setup.sh
  cargo leptos build --release >/dev/null
fi
command -v brotli >/dev/null || {
  if [ "$(id -u)" = 0 ]; then apt-get install -y -qq brotli >/dev/null; else sudo apt-get install -y -qq brotli >/dev/null; fi
}
printf '%-22s %10s %10s %10s\n' file raw gzip brotli
for f in target/site/pkg/authing-reset.wasm target/site/pkg/authing-reset.js target/site/pkg/authing-reset.css; do
  raw=$(wc -c <"$f")
  gz=$(gzip -9 -c "$f" | wc -c)
  br=$(brotli -q 11 -c "$f" | wc -c)
  printf '%-22s %10s %10s %10s\n' "$(basename "$f")" "$raw" "$gz" "$br"
done
