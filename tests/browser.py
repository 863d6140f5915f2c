#!/usr/bin/env python3
"""Browser tests of what honyaku publishes, in Debian's Chromium through Selenium.

Usage: tests/browser.py WORKDIR
WORKDIR holds `report.html` (a project diff report) and `dist/` (a build with html output),
as .ci/browser.sh prepares them. Checks, on the report: section headings, every change
labelled with kind and message id, the `lang` of every text, keyboard navigation (j/k) and
the filter by kind; on a built page in each shipped locale: the page chrome in the page's
language, real table cells where the source has columns, language switcher and index links
that resolve; everywhere: no console errors and no serious or critical axe-core findings.
Screenshots land in WORKDIR for review.
"""

import json
import os
import sys
from pathlib import Path

from axe_selenium_python import Axe
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By

DOC = "2022-07-15-radio-usage-fee-public-comment"
LABELS = {
    "ja": "報道資料",
    "en": "Press release",
    "fr": "Communiqué de presse",
    "zh-Hans": "新闻稿",
}

failures = []


def check(condition, message):
    if not condition:
        failures.append(message)
        print(f"FAIL: {message}")


def driver():
    options = webdriver.ChromeOptions()
    for flag in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--window-size=1280,1600",
    ):
        options.add_argument(flag)
    options.binary_location = os.environ.get("CHROMIUM", "/usr/bin/chromium")
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    service = Service(os.environ.get("CHROMEDRIVER", "/usr/bin/chromedriver"))
    return webdriver.Chrome(service=service, options=options)


def console_errors(browser, where):
    errors = [e for e in browser.get_log("browser") if e.get("level") == "SEVERE"]
    check(not errors, f"{where}: console errors: {errors}")


def accessibility(browser, where):
    axe = Axe(browser)
    axe.inject()
    results = axe.run()
    serious = [v for v in results["violations"] if v.get("impact") in ("serious", "critical")]
    for violation in serious:
        nodes = [n.get("target") for n in violation.get("nodes", [])][:5]
        print(f"  axe {violation['impact']}: {violation['id']}: {violation['help']} {nodes}")
    check(not serious, f"{where}: {len(serious)} serious axe-core findings")
    others = [v["id"] for v in results["violations"] if v not in serious]
    print(f"{where}: axe: {len(serious)} serious, other findings: {others or 'none'}")


def screenshot(browser, path):
    """The whole page (up to 4000 px), and its first screen as PATH-top.png."""
    browser.set_window_size(1280, 1000)
    browser.execute_script("window.scrollTo(0, 0)")
    top = path.with_name(path.stem + "-top.png")
    browser.save_screenshot(str(top))
    height = browser.execute_script("return document.documentElement.scrollHeight")
    browser.set_window_size(1280, min(max(height, 800), 4000))
    browser.save_screenshot(str(path))
    browser.set_window_size(1280, 1600)
    print(f"screenshot: {path} and {top}")


def report(browser, work):
    path = work / "report.html"
    browser.get(path.as_uri())
    where = "diff report"
    check(browser.find_element(By.TAG_NAME, "h1").text.strip() != "", f"{where}: no h1")
    sections = browser.find_elements(By.CSS_SELECTOR, "section.doc")
    check(len(sections) >= 2, f"{where}: expected sections for two locales, got {len(sections)}")
    summary_links = browser.find_elements(By.CSS_SELECTOR, "table.overview a")
    check(len(summary_links) == len(sections), f"{where}: summary links != sections")
    for link in summary_links:
        target = link.get_attribute("href").split("#", 1)[1]
        check(
            browser.find_elements(By.ID, target),
            f"{where}: summary link #{target} resolves to nothing",
        )
    langs = set()
    for section in sections:
        heading = section.find_element(By.TAG_NAME, "h2").text
        check("(" in heading and heading.endswith(")"), f"{where}: heading {heading!r}")
        locale = heading.rsplit("(", 1)[1].rstrip(")").split(" ")[0]
        for side in section.find_elements(By.CSS_SELECTOR, ".row:not(.head) > .old, .row:not(.head) > .new"):
            if side.get_attribute("lang") != locale:
                check(False, f"{where}: {heading}: a text has lang={side.get_attribute('lang')}")
                break
        langs.add(locale)
    check({"ja", "en"} <= langs, f"{where}: expected ja and en sections, got {langs}")
    changes = browser.find_elements(By.CSS_SELECTOR, ".row.change")
    check(len(changes) >= 2, f"{where}: only {len(changes)} changes")
    for row in changes:
        kind = row.find_elements(By.CSS_SELECTOR, ".tag .kind")
        ident = row.find_elements(By.CSS_SELECTOR, ".tag .id")
        check(kind and kind[0].text.strip(), f"{where}: change {row.get_attribute('id')} has no kind")
        check(ident and ident[0].text.strip(), f"{where}: change {row.get_attribute('id')} has no message id")
    # Keyboard: j goes to the next change, k back.
    body = browser.find_element(By.TAG_NAME, "body")
    body.send_keys("j")
    first = browser.find_element(By.CSS_SELECTOR, ".row.current").get_attribute("id")
    check(first == changes[0].get_attribute("id"), f"{where}: j went to {first}")
    browser.switch_to.active_element.send_keys("j")
    second = browser.find_element(By.CSS_SELECTOR, ".row.current").get_attribute("id")
    check(second == changes[1].get_attribute("id"), f"{where}: second j went to {second}")
    browser.switch_to.active_element.send_keys("k")
    back = browser.find_element(By.CSS_SELECTOR, ".row.current").get_attribute("id")
    check(back == first, f"{where}: k went to {back}, not back to {first}")
    screenshot(browser, work / "report.png")
    # Filter: unticking a kind hides its rows, ticking shows them again.
    kind = changes[0].get_attribute("class").split()[1]
    box = browser.find_element(By.CSS_SELECTOR, f".controls input[data-kind='{kind}']")
    box.click()
    shown = [r for r in browser.find_elements(By.CSS_SELECTOR, f".row.{kind}") if r.is_displayed()]
    check(not shown, f"{where}: {len(shown)} {kind} rows still shown after unticking")
    box.click()
    check(changes[0].is_displayed(), f"{where}: {kind} rows not shown again")
    console_errors(browser, where)
    accessibility(browser, where)


def page(browser, work, locale):
    dist = work / "dist"
    path = dist / locale / f"{DOC}.html"
    where = f"page {locale}"
    browser.get(path.as_uri())
    html = browser.find_element(By.TAG_NAME, "html")
    check(html.get_attribute("lang") == locale, f"{where}: html lang={html.get_attribute('lang')}")
    check(browser.find_element(By.TAG_NAME, "h1").text.strip() != "", f"{where}: no h1")
    label = browser.find_element(By.CSS_SELECTOR, "header .kind").text.strip()
    check(label.lower() == LABELS[locale].lower(), f"{where}: label {label!r}")
    tables = browser.find_elements(By.TAG_NAME, "table")
    check(len(tables) == 1, f"{where}: {len(tables)} tables")
    if tables:
        rows = tables[0].find_elements(By.TAG_NAME, "tr")
        check(len(rows) == 7, f"{where}: table has {len(rows)} rows, not 7")
        for row in rows:
            cells = row.find_elements(By.CSS_SELECTOR, "th, td")
            check(len(cells) == 4, f"{where}: a row has {len(cells)} cells: {row.text!r}")
    # Text in another language carries its own lang.
    for span in browser.find_elements(By.CSS_SELECTOR, ".fallback"):
        check(span.get_attribute("lang") not in (None, "", locale), f"{where}: fallback without lang")
    screenshot(browser, work / f"page-{locale}.png")
    console_errors(browser, where)
    accessibility(browser, where)
    links = [
        (a.get_attribute("hreflang"), a.get_attribute("href"))
        for a in browser.find_elements(By.CSS_SELECTOR, "nav.languages a")
    ]
    others = sorted(l for l, _ in links if l)
    check(others == sorted(l for l in LABELS if l != locale), f"{where}: switcher links {others}")
    for lang, href in links:
        browser.get(href)
        check(
            browser.find_elements(By.TAG_NAME, "h1"),
            f"{where}: link {href} ({lang}) does not resolve to a page",
        )
        if lang:
            got = browser.find_element(By.TAG_NAME, "html").get_attribute("lang")
            check(got == lang, f"{where}: link to {lang} opened a {got} page")
    # The index lists every document with a link that resolves.
    browser.get((dist / locale / "index.html").as_uri())
    entries = browser.find_elements(By.CSS_SELECTOR, "table.index a")
    check(len(entries) == 3, f"index {locale}: {len(entries)} documents")
    console_errors(browser, f"index {locale}")
    accessibility(browser, f"index {locale}")
    for href in [a.get_attribute("href") for a in entries]:
        browser.get(href)
        check(browser.find_elements(By.TAG_NAME, "h1"), f"index {locale}: {href} does not resolve")


def main():
    work = Path(sys.argv[1]).resolve()
    browser = driver()
    try:
        report(browser, work)
        for locale in LABELS:
            page(browser, work, locale)
    finally:
        browser.quit()
    (work / "browser.json").write_text(json.dumps({"failures": failures}, indent=2))
    if failures:
        print(f"{len(failures)} browser checks failed")
        sys.exit(1)
    print("browser checks passed")


if __name__ == "__main__":
    main()
