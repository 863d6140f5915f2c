#!/usr/bin/env python3
"""Checks honyaku's exports with tools nobody here wrote.

For one project and target locale, reads the catalogs with Mozilla's python-fluent (the
expected sources, translations and stale marks), then reads every exported file with
Translate Toolkit (XLIFF 1.2, PO, TMX), gettext's `msgfmt --check` (PO) and lxml (XLIFF 2.0,
checked against the OASIS XLIFF 2.0 core rules it can see: namespace, version, languages,
unique ids, one segment with a source per unit, state values, subState only with state),
and compares unit counts, sources, targets and needs-review flags with honyaku's own
`status --format json`. Prints one line per file; exits 1 on any mismatch.

    pip install translate-toolkit lxml fluent.syntax      # and Debian's gettext
    python3 scripts/exchange_check.py HONYAKU PROJECT LOCALE FROM FILE...
"""

import json
import os
import subprocess
import sys

from fluent.syntax import FluentParser, ast
from lxml import etree
from translate.storage import po, tmx, xliff

XLIFF2 = "urn:oasis:names:tc:xliff:document:2.0"
# The original's language. An XLIFF or PO export leaves out the units without text in its
# source language (`--from ja`: sentences only the English release has; `--from en`: sentences
# the English lacks); a TMX export from the original keeps every pair, each labelled with its
# own language, and one `--from en` holds the English pairs only.
ORIGINAL = "ja"
HONYAKU = "urn:honyaku:exchange:1"
problems = []


def fail(message):
    problems.append(message)
    print("  MISMATCH: " + message)


def plain(pattern):
    """The text of a pattern of text and string literals (what honyaku writes)."""
    text = ""
    for element in pattern.elements:
        if isinstance(element, ast.TextElement):
            text += element.value
        elif isinstance(element.expression, ast.StringLiteral):
            text += element.expression.parse()["value"]
        else:
            return None
    return text


def messages(path):
    """id -> (value, stale) of a catalog, read by python-fluent."""
    if not os.path.exists(path):
        return {}
    with open(path, encoding="utf-8") as f:
        resource = FluentParser().parse(f.read())
    out = {}
    for entry in resource.body:
        if isinstance(entry, ast.Message) and entry.value is not None:
            comment = entry.comment.content if entry.comment else ""
            stale = any(line.startswith("stale:") for line in comment.split("\n"))
            was = {}
            for line in comment.split("\n"):
                if line.startswith("was "):
                    locale, _, text = line[4:].partition(": ")
                    was[locale] = text
            out[entry.id.name] = (plain(entry.value), stale and bool(was), was)
    return out


def expected(project, locale, source, doc):
    """(doc, id) -> {source, sources, target, state} from the catalogs."""
    root = os.path.join(project, "locales")
    ja = messages(os.path.join(root, "ja", doc + ".ftl"))
    en = messages(os.path.join(root, "en", doc + ".ftl"))
    target = messages(os.path.join(root, locale, doc + ".ftl"))
    units = {}
    for mid in list(ja) + [m for m in en if m not in ja]:
        sources = {}
        if mid in ja:
            sources["ja"] = ja[mid][0]
        if mid in en:
            sources["en"] = en[mid][0]
        value, stale, was = target.get(mid, (None, False, {}))
        state = "missing" if value is None else ("stale" if stale else "translated")
        units[(doc, mid)] = {
            "source": sources.get(source),
            "sources": sources,
            "target": value,
            "state": state,
            "was": was,
        }
    return units


def compare(name, found, want):
    """found/want: (doc, id) -> (source, target, state)."""
    if len(found) != len(want):
        fail(f"{name}: {len(found)} units, honyaku has {len(want)}")
    for key, (source, target, state) in want.items():
        if key not in found:
            fail(f"{name}: unit {key} missing")
            continue
        got = found[key]
        if got[0] != source:
            fail(f"{name}: {key} source {got[0]!r} != {source!r}")
        if (got[1] or None) != target:
            fail(f"{name}: {key} target {got[1]!r} != {target!r}")
        if got[2] != state:
            fail(f"{name}: {key} state {got[2]} != {state}")


def check_po(path, want):
    result = subprocess.run(["msgfmt", "--check", "-o", os.devnull, path],
                            capture_output=True, text=True)
    if result.returncode != 0 or result.stderr.strip():
        fail(f"{path}: msgfmt --check: {result.stderr.strip()}")
    store = po.pofile.parsefile(path)
    found = {}
    for unit in store.units:
        if unit.isheader() or unit.isobsolete():
            continue
        doc, _, mid = unit.getcontext().rpartition("/")
        target = unit.target or None
        state = "missing" if not target else ("stale" if unit.isfuzzy() else "translated")
        found[(doc, mid)] = (unit.source, target, state)
    compare(path, found, want)
    return len(found)


def check_xliff12(path, want):
    store = xliff.xlifffile.parsefile(path)
    found = {}
    for unit in store.units:
        doc = unit.getid().split(xliff.ID_SEPARATOR)[0]
        mid = unit.xmlelement.get("resname")
        target = unit.target or None
        # Translate Toolkit (and Weblate) read a target without approved="yes" as fuzzy.
        state = "missing" if not target else ("stale" if unit.isfuzzy() else "translated")
        found[(doc, mid)] = (unit.source, target, state)
    compare(path, found, want)
    return len(found)


def check_tmx(path, want, source, locale):
    store = tmx.tmxfile.parsefile(path)
    found = {}
    for unit in store.units:
        tuv = unit.xmlelement.findall("tuv")
        langs = [t.get("{http://www.w3.org/XML/1998/namespace}lang") for t in tuv]
        found[unit.xmlelement.get("tuid")] = (langs, unit.source, unit.target)
    pairs = {}
    for (doc, mid), u in want.items():
        if u["target"] is None:
            continue
        for lang, text in u["sources"].items():
            if source != ORIGINAL and lang != source:
                continue
            made_from = u["was"].get(lang, text) if u["state"] == "stale" else text
            pairs[f"{doc}/{mid}/{lang}"] = ([lang, locale], made_from, u["target"])
    if len(found) != len(pairs):
        fail(f"{path}: {len(found)} translation units, expected {len(pairs)}")
    for key, value in pairs.items():
        if found.get(key) != value:
            fail(f"{path}: {key}: {found.get(key)!r} != {value!r}")
    return len(found)


def text_of(element):
    text = element.text or ""
    for child in element:
        if child.tag == f"{{{XLIFF2}}}cp":
            text += chr(int(child.get("hex"), 16))
        else:
            fail(f"markup <{child.tag}> in {element.tag}")
        text += child.tail or ""
    return text


def check_xliff2(path, want, source, locale):
    tree = etree.parse(path)
    root = tree.getroot()
    if root.tag != f"{{{XLIFF2}}}xliff" or root.get("version") != "2.0":
        fail(f"{path}: not an XLIFF 2.0 document")
    if root.get("srcLang") != source or root.get("trgLang") != locale:
        fail(f"{path}: languages {root.get('srcLang')}→{root.get('trgLang')}")
    xsd = os.environ.get("XLIFF2_CORE_XSD")
    if xsd:
        schema = etree.XMLSchema(etree.parse(xsd))
        if not schema.validate(tree):
            fail(f"{path}: schema: {schema.error_log}")
    found = {}
    file_ids = set()
    for f in root.findall(f"{{{XLIFF2}}}file"):
        doc = f.get("id")
        if doc in file_ids:
            fail(f"{path}: duplicate file id {doc}")
        file_ids.add(doc)
        for unit in f.findall(f"{{{XLIFF2}}}unit"):
            mid = unit.get("id")
            if (doc, mid) in found:
                fail(f"{path}: duplicate unit id {mid} in {doc}")
            segments = unit.findall(f"{{{XLIFF2}}}segment")
            if len(segments) != 1 or segments[0].find(f"{{{XLIFF2}}}source") is None:
                fail(f"{path}: unit {mid}: one segment with a source expected")
                continue
            seg = segments[0]
            state = seg.get("state", "initial")
            if state not in ("initial", "translated", "reviewed", "final"):
                fail(f"{path}: unit {mid}: state {state}")
            sub = seg.get("subState")
            if sub is not None and (seg.get("state") is None or ":" not in sub):
                fail(f"{path}: unit {mid}: subState {sub} without state or prefix")
            if not unit.get(f"{{{HONYAKU}}}fingerprints"):
                fail(f"{path}: unit {mid}: no fingerprints")
            target_el = seg.find(f"{{{XLIFF2}}}target")
            target = text_of(target_el) if target_el is not None else None
            kind = "missing" if not target else (
                "stale" if sub == "honyaku:stale" else "translated")
            found[(doc, mid)] = (text_of(seg.find(f"{{{XLIFF2}}}source")), target, kind)
    compare(path, found, want)
    reader = os.environ.get("XLIFF2_READER")
    if reader:
        check_xliff2_with_npm(path, reader, want)
    return len(found)


def check_xliff2_with_npm(path, reader, want):
    """The same file read by the npm `xliff` package (xliff2js): every unit, its source and
    its target as honyaku's catalogs have them."""
    result = subprocess.run(["node", reader, path], capture_output=True, text=True)
    if result.returncode != 0:
        fail(f"{path}: xliff2js cannot read it: {result.stderr.strip()}")
        return
    found = {}
    for line in result.stdout.splitlines():
        unit = json.loads(line)
        found[(unit["file"], unit["unit"])] = (unit["source"], unit.get("target"))
    if len(found) != len(want):
        fail(f"{path}: xliff2js reads {len(found)} units, honyaku has {len(want)}")
    for key, (source, target, _state) in want.items():
        got = found.get(key)
        if got is None:
            fail(f"{path}: xliff2js: unit {key} missing")
        elif got[0] != source or (got[1] or None) != target:
            fail(f"{path}: xliff2js: {key} reads {got!r}, honyaku has {(source, target)!r}")


def main():
    honyaku, project, locale, source = sys.argv[1:5]
    files = sys.argv[5:]
    status = json.loads(subprocess.run([honyaku, "status", "-C", project, "--format", "json"],
                                       capture_output=True, text=True, check=True).stdout)
    docs = sorted(status["locales"][locale])
    want_all = {}
    for doc in docs:
        want_all.update(expected(project, locale, source, doc))
    counts = {"translated": 0, "stale": 0, "missing": 0}
    for u in want_all.values():
        counts[u["state"]] += 1
    honyaku_counts = {k: sum(status["locales"][locale][d][k] for d in docs) for k in counts}
    if counts != honyaku_counts:
        fail(f"python-fluent reads {counts} from the catalogs, honyaku status says {honyaku_counts}")
    # Units without text in the file's source language are left out of it; they are still
    # counted above, against `honyaku status`, and each file's line says how many it lacks.
    with_source = {k: v for k, v in want_all.items() if source in v["sources"]}
    for path in files:
        keep_all = path.endswith(".tmx") and source == ORIGINAL
        of_file = want_all
        if len(docs) > 1 and os.path.basename(path).split(".")[0] in docs:
            only = os.path.basename(path).split(".")[0]
            of_file = {k: v for k, v in want_all.items() if k[0] == only}
        in_file = of_file if keep_all else {k: v for k, v in of_file.items() if k in with_source}
        left_out = len(of_file) - len(in_file)
        want = {k: (v["source"], v["target"], v["state"]) for k, v in in_file.items()}
        before = len(problems)
        if path.endswith(".po"):
            n = check_po(path, want)
            tool = "Translate Toolkit + msgfmt --check"
        elif path.endswith(".tmx"):
            n = check_tmx(path, in_file, source, locale)
            tool = "Translate Toolkit"
        elif open(path, encoding="utf-8").read(400).find('version="2.0"') >= 0:
            n = check_xliff2(path, want, source, locale)
            tool = "lxml (XLIFF 2.0 core rules)" + (
                " + npm xliff2js" if os.environ.get("XLIFF2_READER") else "")
        else:
            n = check_xliff12(path, want)
            tool = "Translate Toolkit"
        verdict = "ok" if len(problems) == before else "FAILED"
        units = "unit" if left_out == 1 else "units"
        note = f" ({left_out} {units} without {source} text left out)" if left_out else ""
        print(f"{verdict}: {path}: {n} units read by {tool}{note}; "
              f"honyaku status: {honyaku_counts}")
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
