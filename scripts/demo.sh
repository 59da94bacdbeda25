#!/usr/bin/env bash
# Runs the app in demo mode (no Authing needed) at http://127.0.0.1:3000/reset.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
export PATH="$PWD/tools/node_modules/.bin:$HOME/.cargo/bin:$PATH"
exec cargo leptos serve "$@"
