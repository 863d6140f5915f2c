#!/usr/bin/env bash
# The small project the "Translation memory" and TMX examples of README.md run on: two
# releases made from tests/fixtures/memory/ (a council meeting, 2024-04-01-council,
# translated into French; a later study-group release, 2025-05-12-study-group, that repeats
# its phrasing, untranslated), with the `# tm` lines on.
#
#   scripts/memory-example.sh DIR          # honyaku on PATH, or HONYAKU=path/to/honyaku
#   cd DIR && honyaku suggest --locale fr 2025-05-12-study-group
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
dir="${1:?usage: scripts/memory-example.sh DIR}"
hk="${HONYAKU:-honyaku}"
if [ -e "$dir" ]; then
  echo "$dir exists: give a new folder" >&2
  exit 2
fi
mkdir -p "$dir/source_texts/ja" "$dir/source_texts/en" "$dir/locales/fr"
printf '[memory]\ncomments = true\n' > "$dir/honyaku.toml"
put() {
  for lang in ja en; do
    cp "$repo/tests/fixtures/memory/$2.$lang.txt" "$dir/source_texts/$lang/$1.txt"
  done
}
put 2024-04-01-council a
"$hk" sync -q -C "$dir"
python3 - "$dir/locales/fr/2024-04-01-council.ftl" <<'PY'
import sys
path = sys.argv[1]
text = open(path, encoding="utf-8").read()
for slot, translation in [
    ("release-date", "1er avril 2024"),
    ("issuer", "Ministère des Affaires intérieures et des Communications"),
    ("title", "Réunion du Conseil de l'information et des communications"),
    ("intro-1", "La 3e réunion du groupe d'étude se tiendra le mercredi 10 avril 2024."),
    ("intro-2", "Les détails figurent en annexe."),
    ("intro-3", "Pour toute question à ce sujet, veuillez contacter le service ci-dessous."),
    ("intro-4", "Le ministère sollicite les commentaires du public sur la révision des "
                "redevances d'utilisation des fréquences."),
]:
    assert f"# {slot} =\n" in text, slot
    text = text.replace(f"# {slot} =\n", f"{slot} = {translation}\n")
open(path, "w", encoding="utf-8").write(text)
PY
"$hk" sync -q -C "$dir"
put 2025-05-12-study-group b
"$hk" sync -q -C "$dir"
echo "example project ready in $dir"
