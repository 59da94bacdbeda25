#!/usr/bin/env bash
# Installs what building and testing need, skipping whatever is already there at the right
# version. `setup.sh` alone: what the app needs to build and run; `setup.sh test`: also
# Debian's Chromium and the end-to-end tests' npm packages.
set -euo pipefail
cd "$(dirname "$0")/.."

CARGO_LEPTOS_VERSION=0.3.10
want_tests=${1:-}

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
    echo "need root to run: $*" >&2; exit 1; fi
}

apt_packages=()
need_pkg() { dpkg -s "$1" >/dev/null 2>&1 || apt_packages+=("$1"); }

command -v cc >/dev/null || need_pkg build-essential
command -v curl >/dev/null || need_pkg curl
command -v npm >/dev/null || { need_pkg nodejs; need_pkg npm; }
if [ "$want_tests" = test ]; then
  [ -x /usr/bin/chromium ] || need_pkg chromium
  # Chinese pages in the browser tests and screenshots need CJK glyphs.
  need_pkg fonts-noto-cjk
fi
if [ ${#apt_packages[@]} -gt 0 ]; then
  say "apt: ${apt_packages[*]}"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${apt_packages[@]}"
fi

if ! command -v cargo >/dev/null; then
  if [ -x "$HOME/.cargo/bin/cargo" ]; then export PATH="$HOME/.cargo/bin:$PATH"; else
    say "rustup (Rust toolchain)"
    curl --proto '=https' --tlsv1.2 -sSf https://sh.rustup.rs | sh -s -- -y --profile minimal
    export PATH="$HOME/.cargo/bin:$PATH"
  fi
fi

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "rustup target wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown
fi

# cargo install at an exact version; --locked first, then pinned without it when the
# registry mirror lacks a locked dependency.
install_pinned() {
  local crate=$1 version=$2
  say "cargo install $crate $version"
  cargo install "$crate" --version "$version" --locked || cargo install "$crate" --version "$version"
}

if [ "$(cargo leptos --version 2>/dev/null | awk '{print $2}')" != "$CARGO_LEPTOS_VERSION" ]; then
  install_pinned cargo-leptos "$CARGO_LEPTOS_VERSION"
fi

# wasm-bindgen-cli must match the wasm-bindgen in Cargo.lock exactly.
bindgen_version=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/[^0-9.]/, ""); print; exit }' Cargo.lock)
if [ "$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')" != "$bindgen_version" ]; then
  install_pinned wasm-bindgen-cli "$bindgen_version"
fi

# wasm-opt for release builds, from binaryen's npm package: cargo-leptos would otherwise try to
# download it, and Debian's binaryen (108) breaks the WASM of current Rust. Scripts put
# tools/node_modules/.bin first on PATH.
npm_ci() {
  local dir=$1
  if [ ! -f "$dir/node_modules/.package-lock.json" ] || [ "$dir/package-lock.json" -nt "$dir/node_modules/.package-lock.json" ]; then
    say "npm packages of $dir/"
    (cd "$dir" && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund)
  fi
}
npm_ci tools

if [ "$want_tests" = test ]; then
  npm_ci end2end
fi
