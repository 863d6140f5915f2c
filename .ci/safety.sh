#!/usr/bin/env bash
# CI for never losing a translator's work (issue 20) and the portable write path (issue 14):
# the Windows build type-checks (its commit path flushes each file through the handle that
# wrote it), the reliability suite runs on its own so its result is visible, and a short soak
# (random edits, saves and SIGKILLed syncs in two PID namespaces) must lose nothing.
set -euo pipefail
cd "$(dirname "$0")/.."

echo "== cargo check --target x86_64-pc-windows-gnu"
rustup target add x86_64-pc-windows-gnu
if ! command -v x86_64-w64-mingw32-gcc >/dev/null; then
  # mimalloc and blake3 compile C for the target even under `cargo check`.
  if [ "$(id -u)" = 0 ]; then
    apt-get install -y -qq gcc-mingw-w64-x86-64 >/dev/null || { apt-get update -qq && apt-get install -y -qq gcc-mingw-w64-x86-64 >/dev/null; }
  else
    sudo apt-get install -y -qq gcc-mingw-w64-x86-64 >/dev/null
  fi
fi
cargo check --quiet --target x86_64-pc-windows-gnu

echo "== reliability suite (locks, saves during sync, hostile files, SIGKILLs)"
cargo test --quiet --test safety --test hostile --test crash

echo "== soak: 1 minute (the documented 10-minute run and its last result are in README.md)"
python3 scripts/soak.py --minutes 1 --docs 8
