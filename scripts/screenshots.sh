#!/usr/bin/env bash
# Renders every step, in both languages, light and dark, at phone width, to
# docs/screenshots/*.png (the README shows them), against the release build in demo mode.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh test
export PATH="$PWD/tools/node_modules/.bin:$HOME/.cargo/bin:$PATH"
export LEPTOS_OUTPUT_NAME=authing-reset
cargo leptos build --release
cd end2end
E2E_BIN=target/release/authing-reset npx playwright test --config screenshots.config.ts
