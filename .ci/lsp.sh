#!/usr/bin/env bash
# Installs the language-server clients nobody here wrote, for tests/lsp_clients.rs (run by
# `cargo test` after this): pytest-lsp from PyPI and Neovim from Debian. Under CI=true that
# test fails if either is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

echo "== pytest-lsp (PyPI) and Neovim (Debian) for the language-server tests"
python3 -m pip install --quiet --disable-pip-version-check "pytest-lsp==1.0.1" "pytest-asyncio>=0.24"
if ! command -v nvim >/dev/null 2>&1; then
    if [ "$(id -u)" = 0 ]; then
        apt-get update -qq
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq neovim >/dev/null
    else
        sudo apt-get update -qq
        sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq neovim >/dev/null
    fi
fi
nvim --version | head -1

echo "== the VS Code extension (editors/vscode): npm ci, syntax check, client module resolves"
(
    cd editors/vscode
    npm ci --no-audit --no-fund --silent
    node --check extension.js
    node -e "require.resolve('vscode-languageclient/node')"
)

echo "== the VS Code extension packaged as a .vsix by @vscode/vsce (npm), and its contents read back"
(
    cd editors/vscode
    out="$(mktemp -d)"
    trap 'rm -rf "$out"' EXIT
    npx --yes @vscode/vsce@3.9.2 package --allow-missing-repository --skip-license -o "$out/honyaku-fluent.vsix" >/dev/null
    python3 - "$out/honyaku-fluent.vsix" <<'PY'
import sys, zipfile
names = set(zipfile.ZipFile(sys.argv[1]).namelist())
wanted = ["extension/package.json", "extension/extension.js",
          "extension/node_modules/vscode-languageclient/node.js"]
missing = [n for n in wanted if n not in names]
if missing:
    sys.exit(f"the .vsix lacks {missing}")
print(f"honyaku-fluent.vsix: {len(names)} files, extension.js and vscode-languageclient inside")
PY
)
