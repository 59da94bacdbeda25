#!/usr/bin/env bash
# Runs every test: formatting and lints, Rust unit and integration tests, then the Playwright
# tests in Debian's Chromium (hydrated and without JavaScript) against the built app.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh test
export PATH="$PWD/tools/node_modules/.bin:$HOME/.cargo/bin:$PATH"
# The same value cargo-leptos compiles with, so `cargo test` and `cargo leptos build` share
# one build of the dependencies.
export LEPTOS_OUTPUT_NAME=authing-reset

step() { printf '\033[1m==> %s\033[0m\n' "$*"; }

step "cargo fmt --check"
cargo fmt --all -- --check
step "clippy (ssr)"
cargo clippy --features ssr --all-targets -- -D warnings
step "clippy (hydrate)"
cargo clippy --features hydrate --target wasm32-unknown-unknown --lib -- -D warnings
step "Rust unit and integration tests"
if cargo nextest --version >/dev/null 2>&1; then
  # One process per test (see .config/nextest.toml): no state shared between tests.
  cargo nextest run --features ssr
else
  cargo test --features ssr
fi
# The browser tests run the release build, as deployed: the WASM after wasm-opt is what
# people get.
step "cargo leptos build --release"
cargo leptos build --release
step "playwright (end2end/)"
cd end2end
E2E_BIN=target/release/authing-reset npx playwright test
