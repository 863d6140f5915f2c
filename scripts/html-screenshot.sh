#!/usr/bin/env bash
# html-screenshot.sh: renders an HTML report in headless Chromium, writes a PNG screenshot and
# a DOM dump (OUT.png → OUT.dom.html), and checks the DOM, so that a diff report can be seen
# and verified in a real browser. Installs Debian's chromium and a CJK font when missing
# (needs root).
# Usage: scripts/html-screenshot.sh IN.html OUT.png [WIDTH] [HEIGHT]
set -euo pipefail

if [ $# -lt 2 ]; then
  echo "usage: $0 IN.html OUT.png [WIDTH] [HEIGHT]" >&2
  exit 2
fi
in=$(realpath "$1")
out=$(realpath -m "$2")
width=${3:-1280}
height=${4:-2000}
dom="${out%.png}.dom.html"

if ! command -v chromium >/dev/null 2>&1; then
  apt-get update
  DEBIAN_FRONTEND=noninteractive apt-get install -y chromium
fi

# Without a CJK font, Japanese and Chinese text renders as empty boxes.
if ! fc-list :lang=ja 2>/dev/null | grep -q .; then
  apt-get update
  DEBIAN_FRONTEND=noninteractive apt-get install -y fonts-noto-cjk
fi

profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT
flags=(--headless --no-sandbox --disable-gpu --disable-quic --no-first-run
  --disable-background-networking --disable-component-update --disable-sync
  --user-data-dir="$profile" --window-size="$width,$height")

chromium "${flags[@]}" --screenshot="$out" "file://$in" 2>/dev/null
chromium "${flags[@]}" --dump-dom "file://$in" >"$dom" 2>/dev/null

# The browser must have parsed the report: the diff grid is there and every change the file
# marks (deletions, insertions, rows) survived parsing.
for tag in '<del' '<ins' 'class="row'; do
  want=$( { grep -o "$tag" "$in" || true; } | wc -l)
  got=$( { grep -o "$tag" "$dom" || true; } | wc -l)
  if [ "$want" != "$got" ]; then
    echo "DOM check failed: $tag appears $want times in $in but $got times in the DOM" >&2
    exit 1
  fi
done
if grep -q 'class="diff"' "$in"; then
  grep -q 'class="diff"' "$dom" || { echo "DOM check failed: no diff grid" >&2; exit 1; }
fi
rows=$( { grep -o 'class="row [a-z]*' "$dom" || true; } | sort | uniq -c | tr -s ' ' | paste -sd, -)
echo "screenshot: $out"
echo "dom: $dom (rows:$rows)"
