#!/usr/bin/env bash
# Browser tests (issue 17): Debian's chromium and chromium-driver through Selenium, axe-core
# (bundled by axe-selenium-python) for accessibility. Builds a project diff report and the
# html pages of every shipped locale from a copy of the corpus, then runs tests/browser.py.
# Screenshots: target/browser/*.png. Needs root for apt-get when the packages are missing.
set -euo pipefail
cd "$(dirname "$0")/.."

need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v chromedriver >/dev/null 2>&1 || need+=(chromium-driver)
# Without a CJK font, Japanese and Chinese render as boxes in the screenshots.
fc-list :lang=ja 2>/dev/null | grep -q . || need+=(fonts-noto-cjk)
if [ ${#need[@]} -gt 0 ]; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
fi
python3 -m pip install --quiet --disable-pip-version-check selenium==4.51.0 axe-selenium-python==2.1.6

cargo build --quiet
bin="$PWD/target/debug/honyaku"
work="$PWD/target/browser"
rm -rf "$work"
mkdir -p "$work/project"
cp -r source_texts locales "$work/project/"
cd "$work/project"
# Revise one release in both source languages, so the report has a ja and an en section.
doc=2020-05-01-g20-digital-economy
sed -i 's/令和2年4月30日（木）、G20/令和2年4月30日（木）午後、G20/' "source_texts/ja/$doc.txt"
sed -i "s/was held in the form of a video conference on April 30, 2020,/was held by video conference on the afternoon of April 30, 2020,/" "source_texts/en/$doc.txt"
sed -i 's/^令和2年5月1日/令和2年5月7日/' "source_texts/ja/$doc.txt"
"$bin" diff --format html -o "$work/report.html"
"$bin" build --format html --format md --out "$work/dist" > "$work/build.txt"
cd - >/dev/null
python3 tests/browser.py "$work"
