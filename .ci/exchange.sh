#!/usr/bin/env bash
# Issue 15: honyaku's XLIFF 2.0 / XLIFF 1.2 / PO / TMX exports read by tools nobody here wrote
# (Translate Toolkit, gettext's msgfmt --check, lxml), on the shipped corpus and on a revised
# corpus with stale entries; then an export → edit → import round trip on both.
# Then OmegaT (Debian package, installed here when missing) translates an export headless and
# the result comes back (scripts/omegat-roundtrip.sh); under CI=true a missing OmegaT fails.
set -euo pipefail
cd "$(dirname "$0")/.."
repo="$PWD"

echo "== exchange: Translate Toolkit, lxml, gettext"
python3 -m pip install --quiet --disable-pip-version-check translate-toolkit==3.20.4 lxml
if ! command -v msgfmt >/dev/null; then
  sudo=""; [ "$(id -u)" = 0 ] || sudo="sudo"
  $sudo apt-get install -y -qq gettext >/dev/null
fi
echo "== the npm xliff package (xliff2js), an independent XLIFF 2.0 reader"
if ! command -v npm >/dev/null; then
  sudo=""; [ "$(id -u)" = 0 ] || sudo="sudo"
  $sudo apt-get install -y -qq nodejs npm >/dev/null
fi
(cd .ci/xliff && npm ci --no-audit --no-fund --silent)
export XLIFF2_READER="$repo/.ci/xliff/read.cjs"
cargo build --quiet
honyaku="$repo/target/debug/honyaku"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

check_project() { # project dir, label
  local project="$1" label="$2"
  for locale in $(cd "$project/locales" && ls | grep -v -x -e ja -e en); do
    for from in ja en; do
      out="$work/out/$label/$locale-$from"
      mkdir -p "$out"
      "$honyaku" export -C "$project" --locale "$locale" --from "$from" --format xliff2 -o "$out/all.xliff2.xlf" >/dev/null
      "$honyaku" export -C "$project" --locale "$locale" --from "$from" --format xliff12 -o "$out/all.xliff12.xlf" >/dev/null
      "$honyaku" export -C "$project" --locale "$locale" --from "$from" --format po -o "$out/all.po" >/dev/null
      "$honyaku" export -C "$project" --locale "$locale" --from "$from" --format tmx -o "$out/all.tmx" >/dev/null
      "$honyaku" export -C "$project" --locale "$locale" --from "$from" --format po -o "$out/po/" >/dev/null
      echo "-- $label: $locale from $from"
      python3 scripts/exchange_check.py "$honyaku" "$project" "$locale" "$from" \
        "$out"/all.* "$out"/po/*.po
      # Export → import with no edits changes no byte.
      before="$(cd "$project" && find locales -type f -exec sha256sum {} + | sort)"
      for file in "$out"/all.xliff2.xlf "$out"/all.xliff12.xlf "$out"/all.po; do
        "$honyaku" import -C "$project" "$file" >/dev/null
      done
      after="$(cd "$project" && find locales -type f -exec sha256sum {} + | sort)"
      [ "$before" = "$after" ] || { echo "round trip changed catalogs in $label"; exit 1; }
    done
  done
}

echo "== shipped corpus"
mkdir -p "$work/shipped"
cp -r source_texts locales l10n.toml "$work/shipped/"
check_project "$work/shipped" shipped

echo "== revised corpus (tests/fixtures/revisions v1 → v2, French translated at v1: stale entries)"
rev="$work/revised"
mkdir -p "$rev/source_texts/ja" "$rev/source_texts/en" "$rev/locales"
cp -r source_texts/ja source_texts/en "$rev/source_texts/"
cp -r locales/. "$rev/locales/"
for lang in ja en; do cp "tests/fixtures/revisions/$lang/v1.txt" "$rev/source_texts/$lang/rev.txt"; done
"$honyaku" sync -C "$rev" >/dev/null
sed -i -E 's/^# ([a-z0-9-]+) =$/\1 = FR \1/' "$rev/locales/fr/rev.ftl"
"$honyaku" sync -C "$rev" >/dev/null
for lang in ja en; do cp "tests/fixtures/revisions/$lang/v2.txt" "$rev/source_texts/$lang/rev.txt"; done
"$honyaku" sync -C "$rev" >/dev/null
"$honyaku" status -C "$rev" | grep -E '^fr +rev '
check_project "$rev" revised

jar="${OMEGAT_JAR:-/usr/share/omegat/OmegaT.jar}"
if [ ! -f "$jar" ]; then
  echo "== installing OmegaT (Debian package, with a Java runtime)"
  sudo=""; [ "$(id -u)" = 0 ] || sudo="sudo"
  start=$SECONDS
  { $sudo apt-get update -qq && $sudo apt-get install -y -qq --no-install-recommends omegat; } >/dev/null 2>&1 || true
  echo "   took $((SECONDS - start)) s"
fi
if [ -f "$jar" ]; then
  echo "== OmegaT round trip"
  scripts/omegat-roundtrip.sh "$honyaku"
elif [ "${CI:-}" = true ]; then
  echo "OmegaT could not be installed: the CAT-tool round trip cannot be checked" >&2
  exit 1
else
  echo "== OmegaT: not installed here; scripts/omegat-roundtrip.sh runs it (output in README.md)"
fi
echo "== exchange: all checks passed"
