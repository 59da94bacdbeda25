#!/usr/bin/env bash
# Load test: the release build in demo mode, driven by wrk at saturation (2 threads, 64
# connections) for LOAD_SECONDS (default 60) on GET /reset, then on POST /api/reset/send.
# Prints requests/s, p50/p99, answers by status, and the server's resident memory over time.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/tools/node_modules/.bin:$HOME/.cargo/bin:$PATH"
seconds=${LOAD_SECONDS:-60}
port=${LOAD_PORT:-3300}
command -v wrk >/dev/null || { [ "$(id -u)" = 0 ] && apt-get install -y -qq wrk || sudo apt-get install -y -qq wrk; }
[ -x target/release/authing-reset ] || { scripts/setup.sh; cargo leptos build --release; }

LEPTOS_SITE_ADDR=127.0.0.1:$port LEPTOS_SITE_ROOT=target/site LEPTOS_OUTPUT_NAME=authing-reset RUST_LOG=warn \
  target/release/authing-reset >/tmp/authing-reset-load.log 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
for _ in $(seq 50); do curl -fs "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.2; done

rss() { awk '/VmRSS/ { print $2 }' /proc/$server/status; }
echo "RSS at start: $(rss) KiB"
sample() { while kill -0 $server 2>/dev/null; do rss >>/tmp/authing-reset-rss.txt; sleep 1; done; }
: >/tmp/authing-reset-rss.txt
sample &
sampler=$!

echo "GET /reset for ${seconds}s:"
wrk -t2 -c64 -d"${seconds}s" -s scripts/load.lua "http://127.0.0.1:$port/reset" | grep -E "status|p50|Socket errors" || true
echo "RSS after pages: $(rss) KiB"
echo "POST /api/reset/send for ${seconds}s:"
WRK_POST=1 wrk -t2 -c64 -d"${seconds}s" -s scripts/load.lua "http://127.0.0.1:$port/api/reset/send" | grep -E "status|p50|Socket errors" || true
echo "RSS after sends: $(rss) KiB"
kill $sampler 2>/dev/null || true
echo "RSS peak: $(sort -n /tmp/authing-reset-rss.txt | tail -1) KiB"
