#!/usr/bin/env bash
# OmegaT round trip (issue 15): an OmegaT project, run headless in console mode, translates a
# PO file honyaku exported, with a TMX of earlier translations in its automatic TM folder
# (tm/auto, whose exact matches OmegaT inserts); `honyaku import` brings the result back.
# Between export and import the release is revised (tests/fixtures/revisions v1 → v2).
# The new document "rev" is untranslated when exported. Checks: the TM's translations arrived, every entry stale before the import is still stale,
# the entries whose source changed after the export came back stale, and no translation was
# lost. Needs Java and OmegaT (Debian: apt-get install omegat; OMEGAT_JAR overrides the jar).
#
#   scripts/omegat-roundtrip.sh [path/to/honyaku]
#
# OmegaT 3.6 (Debian 12) reads PO with msgid as the source; its XLIFF 1.2 filter translates the
# <target> text instead of <source>, so XLIFF goes to newer OmegaT versions (Okapi filter).
set -euo pipefail
cd "$(dirname "$0")/.."
repo="$PWD"
honyaku="${1:-$repo/target/debug/honyaku}"
jar="${OMEGAT_JAR:-/usr/share/omegat/OmegaT.jar}"
[ -f "$jar" ] || { echo "OmegaT not found at $jar (apt-get install omegat)"; exit 1; }
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
p="$work/project"
mkdir -p "$p"
cp -r source_texts locales l10n.toml "$p/"
for lang in ja en; do cp "tests/fixtures/revisions/$lang/v1.txt" "$p/source_texts/$lang/rev.txt"; done
"$honyaku" sync -C "$p" >/dev/null

echo "== earlier translations: a TMX from a copy where every untranslated entry has one"
m="$work/memory"
cp -r "$p" "$m"
sed -i -E 's/^# ([a-z0-9-]+) =$/\1 = TM \1/' "$m"/locales/fr/*.ftl
"$honyaku" sync -C "$m" >/dev/null
"$honyaku" export -C "$m" --locale fr --format tmx -o "$work/earlier.tmx"

echo "== export for the translator (release v1)"
"$honyaku" export -C "$p" --locale fr --format po -o "$work/fr.po"

echo "== meanwhile the release is revised (v2) and synced"
for lang in ja en; do cp "tests/fixtures/revisions/$lang/v2.txt" "$p/source_texts/$lang/rev.txt"; done
"$honyaku" sync -C "$p" >/dev/null
"$honyaku" status -C "$p" | grep -E '^(locale|fr )'
stale_before=$("$honyaku" status -C "$p" --format json | python3 -c 'import json,sys; d=json.load(sys.stdin)["locales"]["fr"]; print(sum(v["stale"] for v in d.values()))')
grep -h -E '^[a-z][a-z0-9-]* = ' "$p"/locales/fr/*.ftl | sort > "$work/translations.before"

echo "== OmegaT project: source/fr.po, tm/auto/earlier.tmx; omegat --mode=console-translate"
o="$work/omegat"
mkdir -p "$o"/{source,target,tm/auto,glossary,dictionary,omegat}
cp "$work/fr.po" "$o/source/"
cp "$work/earlier.tmx" "$o/tm/auto/"
cat > "$o/omegat.project" <<'XML'
<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<omegat>
    <project version="1.0">
        <source_dir>__DEFAULT__</source_dir>
        <target_dir>__DEFAULT__</target_dir>
        <tm_dir>__DEFAULT__</tm_dir>
        <glossary_dir>__DEFAULT__</glossary_dir>
        <glossary_file>__DEFAULT__</glossary_file>
        <dictionary_dir>__DEFAULT__</dictionary_dir>
        <source_lang>ja</source_lang>
        <target_lang>fr</target_lang>
        <source_tok>org.omegat.tokenizer.LuceneJapaneseTokenizer</source_tok>
        <target_tok>org.omegat.tokenizer.LuceneFrenchTokenizer</target_tok>
        <sentence_seg>false</sentence_seg>
        <support_default_translations>true</support_default_translations>
        <remove_tags>false</remove_tags>
    </project>
</omegat>
XML
java -Djava.awt.headless=true -jar "$jar" "$o" --mode=console-translate > "$work/omegat.log" 2>&1 \
  || { cat "$work/omegat.log"; exit 1; }
grep -E '^(Creating translated documents|Translated document created|Finished)' "$work/omegat.log"
sed -n '4,6p' "$o/omegat/project_stats.txt" | cut -c1-60
[ -f "$o/target/fr.po" ] || { echo "OmegaT wrote no target/fr.po"; exit 1; }

echo "== honyaku import of OmegaT's file"
set +e
"$honyaku" import -C "$p" "$o/target/fr.po" 2>"$work/import.err" | tee "$work/import.out"
code=$?
set -e
grep -c 'has no message with this id' "$work/import.err" | sed 's/^/units skipped because v2 removed their sentence: /'
echo "import exit code: $code (1: some units were skipped, as reported)"
"$honyaku" status -C "$p" | grep -E '^(locale|fr )'

echo "== checks"
arrived=$(grep -ho '^[a-z0-9-]* = TM [a-z0-9-]*' "$p"/locales/fr/*.ftl | wc -l)
stale_after=$("$honyaku" status -C "$p" --format json | python3 -c 'import json,sys; d=json.load(sys.stdin)["locales"]["fr"]; print(sum(v["stale"] for v in d.values()))')
echo "translations from the TM that arrived: $arrived"
echo "stale entries before import: $stale_before, after: $stale_after"
came_back_stale=$(grep -o '[0-9]* imported as stale' "$work/import.out" | cut -d' ' -f1)
echo "translations made from v1 text that came back stale: $came_back_stale"
[ "$came_back_stale" -gt 0 ] || { echo "FAIL: nothing came back stale"; exit 1; }
[ "$arrived" -gt 0 ] || { echo "FAIL: no translation arrived"; exit 1; }
[ "$stale_after" -ge "$stale_before" ] || { echo "FAIL: stale entries turned current"; exit 1; }
# Every translation line of before the import is still there, byte for byte.
missing=$( (grep -h -v -x -F -f <(cat "$p"/locales/fr/*.ftl) "$work/translations.before" || true) | wc -l)
echo "translations of before the import that are gone or changed: $missing"
[ "$missing" -eq 0 ] || { echo "FAIL: a translation was lost or changed"; exit 1; }
grep -q '^# was ja: ' "$p/locales/fr/rev.ftl" || { echo "FAIL: no previous source recorded"; exit 1; }
"$honyaku" sync -C "$p" | tail -1
echo "OK: OmegaT round trip"
