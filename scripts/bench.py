#!/usr/bin/env python3
"""Ministry-scale benchmark of honyaku, side by side with gettext (msgmerge) and po4a.

Generates a synthetic corpus (scripts/gen_corpus.py), then measures, each as the median of
--runs runs with min and max (wall time, CPU time user+sys, peak RSS of the child): honyaku's
cold sync, no-op sync (with and without the .honyaku/ cache), incremental sync after 1% and
10% of documents are revised, status, check, build, and diff of two large revisions; what CI
runs on a fresh clone (`sync --check`, `check`, a first and a repeated `build`; unchanged, and
after 10% of documents are revised and synced); the physical floor (reading and copying the
corpus bytes); and, unless --no-incumbents, compare-locales over the same catalogs and
`msgfmt --check` over the equivalent PO files (honyaku's export), msgmerge
(one catalog for the corpus, one PO per document; fuzzy matching on and off) and po4a's update
and translate steps. It then compares the fuzzy decisions of each tool with the generator's
truth. Full scale (see BENCHMARKS.md):

    python3 scripts/bench.py

CI runs it at a small scale so it cannot rot:

    python3 scripts/bench.py --docs 20 --runs 1 --no-incumbents --build debug
"""

import argparse
import json
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import time

sys.dont_write_bytecode = True  # no __pycache__ in the repository
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import gen_corpus as gen  # noqa: E402

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TARGETS = ["fr", "de", "zh-Hans"]
# Without it (a bare CI machine) peak RSS is an upper bound: it includes this script's.
GNU_TIME = "/usr/bin/time" if os.access("/usr/bin/time", os.X_OK) else None


def log(*args):
    print(*args, file=sys.stderr, flush=True)


def run_once(cmd, cwd=None, timeout=None):
    """Runs `cmd` (a list, or a string for sh) with output discarded; returns wall seconds,
    CPU seconds (user+sys of the child and its waited-for children), peak RSS in bytes."""
    argv = ["sh", "-c", cmd] if isinstance(cmd, str) else cmd
    # A child forked from Python inherits Python's peak RSS in its own; GNU time forks the
    # command from a small process and reports the command's true peak.
    rss_file = os.path.join(os.environ.get("TMPDIR", "/tmp"), f"bench-rss-{os.getpid()}")
    if GNU_TIME:
        argv = [GNU_TIME, "-f", "%M", "-o", rss_file, *argv]
    start = time.perf_counter()
    with open(os.devnull, "wb") as null:
        proc = subprocess.Popen(argv, cwd=cwd, stdout=null, stderr=subprocess.PIPE)
    deadline = start + timeout if timeout else None
    while True:
        pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            break
        if deadline and time.perf_counter() > deadline:
            proc.kill()
            os.wait4(proc.pid, 0)
            return None
        time.sleep(0.002)
    wall = time.perf_counter() - start
    err = proc.stderr.read().decode(errors="replace")
    proc.stderr.close()
    code = os.waitstatus_to_exitcode(status)
    if code not in (0, 1):
        raise SystemExit(f"{cmd} failed with {code}:\n{err[-2000:]}")
    rss = usage.ru_maxrss
    if GNU_TIME:
        with open(rss_file) as f:
            rss = int(f.read().split()[-1])
    return wall, usage.ru_utime + usage.ru_stime, rss * 1024


def measure(name, cmd, runs, prep=None, cwd=None, timeout=None, per=1):
    """Median, min and max over `runs` runs; `prep` (untimed) runs before each; `per` divides
    the times (per-document figures from a sample)."""
    samples = []
    for _ in range(runs):
        if prep:
            prep()
        os.sync()  # the writes of the preparation must not land on the measured run
        result = run_once(cmd, cwd=cwd, timeout=timeout)
        if result is None:
            log(f"  {name}: timed out after {timeout} s")
            return {"name": name, "timeout": timeout}
        samples.append(result)
    wall = [s[0] / per for s in samples]
    cpu = [s[1] / per for s in samples]
    rss = [s[2] for s in samples]
    row = {"name": name, "runs": runs,
           "wall": [statistics.median(wall), min(wall), max(wall)],
           "cpu": [statistics.median(cpu), min(cpu), max(cpu)],
           "rss": max(rss)}
    log(f"  {name}: {row['wall'][0]:.3f} s wall, {row['cpu'][0]:.3f} s CPU, {row['rss'] / 2**20:.0f} MiB")
    return row


def discard(path):
    """Moves `path` aside rather than deleting it: freeing thousands of inodes right before a
    measured run makes the file system's next inode allocations slow (ext4 skips recently
    deleted inodes), which would be charged to the run. The trash goes at the end."""
    if os.path.exists(path):
        trash = os.path.join(os.path.dirname(path), "trash")
        os.makedirs(trash, exist_ok=True)
        os.rename(path, os.path.join(trash, f"{os.path.basename(path)}-{time.monotonic_ns()}"))


def mirror(src, dst):
    """Makes `dst` hold the files of `src`, rewriting only those that differ (as a checkout
    does) and removing the others, except honyaku's spare files."""
    keep = set()
    for root, _, files in os.walk(src):
        rel = os.path.relpath(root, src)
        os.makedirs(os.path.join(dst, rel), exist_ok=True)
        for name in files:
            a, b = os.path.join(root, name), os.path.normpath(os.path.join(dst, rel, name))
            keep.add(b)
            with open(a, "rb") as f:
                data = f.read()
            try:
                with open(b, "rb") as f:
                    if f.read() == data:
                        continue
            except FileNotFoundError:
                pass
            with open(b, "wb") as f:
                f.write(data)
    spare = os.path.join(dst, ".honyaku", "spare")
    for root, _, files in os.walk(dst):
        for name in files:
            path = os.path.normpath(os.path.join(root, name))
            if path not in keep and not path.startswith(spare + os.sep):
                os.remove(path)


def sh(cmd):
    subprocess.run(cmd, shell=True, check=True)


def du(*paths):
    total = 0
    for p in paths:
        for root, _, files in os.walk(p):
            total += sum(os.path.getsize(os.path.join(root, f)) for f in files)
    return total


def ensure_incumbents():
    if shutil.which("msgmerge") and shutil.which("po4a-updatepo"):
        return
    log("installing gettext and po4a (Debian packages)")
    sh("apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq gettext po4a >/dev/null")


# --- reading results ---------------------------------------------------------------------

def ftl_entries(path):
    """English source → (stale, translation or None) for each entry of a target catalog."""
    out = {}
    with open(path, encoding="utf-8") as f:
        blocks = f.read().split("\n\n")
    for block in blocks:
        stale, en, value = False, None, None
        for line in block.split("\n"):
            if line.startswith("# stale"):
                stale = True
            elif line.startswith("# en: "):
                en = line[6:]
            elif re.match(r"^[a-z][a-z0-9-]* = ", line):
                value = line.split(" = ", 1)[1]
        if en is not None:
            out[en] = (stale, value)
    return out


def po_entries(path):
    """msgid → (fuzzy, msgstr) of a PO file written with --no-wrap (obsolete entries skipped)."""
    out = {}
    with open(path, encoding="utf-8") as f:
        blocks = f.read().split("\n\n")
    unquote = lambda s: json.loads(s)  # noqa: E731 -- PO strings are C strings; ours have no octal escapes
    for block in blocks:
        fuzzy, msgid, msgstr = False, None, None
        for line in block.split("\n"):
            if line.startswith("#,") and "fuzzy" in line:
                fuzzy = True
            elif line.startswith("msgid "):
                msgid = unquote(line[6:])
            elif line.startswith("msgstr "):
                msgstr = unquote(line[7:])
        if msgid:
            out[msgid] = (fuzzy, msgstr)
    return out


def judge(truth, lookup, fuzzy_of):
    """Counts, against the truth, what a tool did with edited and inserted segments.

    `lookup(doc, en)` gives the tool's entry for a new English segment; `fuzzy_of(entry)` gives
    (kept as stale/fuzzy, translation). Only edits of translated segments count."""
    c = {"edited": 0, "edited_kept": 0, "edited_wrong_old": 0, "edited_lost": 0,
         "inserted": 0, "inserted_passed_off": 0}
    for doc, t in truth.items():
        for e in t["edited"]:
            old_en, new_en = e["old"][1], e["new"][1]
            if not gen.translated(old_en):
                continue
            c["edited"] += 1
            entry = lookup(doc, new_en)
            flagged, value = fuzzy_of(entry)
            if flagged and value == gen.pseudo("fr", "", old_en):
                c["edited_kept"] += 1
            elif flagged and value:
                c["edited_wrong_old"] += 1
            else:
                c["edited_lost"] += 1
        for ja, en in t["inserted"]:
            c["inserted"] += 1
            flagged, value = fuzzy_of(lookup(doc, en))
            if flagged and value:
                c["inserted_passed_off"] += 1
    return c


# --- the benchmark -----------------------------------------------------------------------

def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--docs", type=int, default=5000)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--runs", type=int, default=5, help="runs of each honyaku measurement")
    ap.add_argument("--incumbent-runs", type=int, default=1,
                    help="runs of each gettext/po4a measurement (the slow ones)")
    ap.add_argument("--po4a-sample", type=int, default=20, help="documents po4a is timed on")
    ap.add_argument("--no-incumbents", action="store_true", help="skip gettext and po4a (no apt)")
    ap.add_argument("--peers", action="store_true",
                    help="measure compare-locales and msgfmt --check even with --no-incumbents")
    ap.add_argument("--build", choices=["release", "debug"], default="release")
    ap.add_argument("--timeout", type=float, default=1800, help="seconds before a measurement is abandoned")
    ap.add_argument("--work", default=os.path.join(REPO, "target", "bench"))
    ap.add_argument("--json", help="also write the results here")
    ap.add_argument("--binary", help="measure this honyaku binary instead of building one "
                    "(e.g. the previous commit's, for a before/after comparison)")
    args = ap.parse_args()

    if args.binary:
        binary = os.path.abspath(args.binary)
    else:
        log(f"== building honyaku ({args.build})")
        sh(f"cd {REPO} && cargo build --quiet {'--release' if args.build == 'release' else ''} --bin honyaku")
        binary = os.path.join(REPO, "target", args.build, "honyaku")

    work = args.work
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(work)
    log(f"== generating {args.docs} documents (seed {args.seed}) in {work}")
    base = gen.corpus(args.docs, args.seed)
    revisions = {tag: gen.revision(base, share, args.seed) for tag, share in (("rev01", 0.01), ("rev10", 0.10))}
    pristine = os.path.join(work, "sources")
    gen.write_sources(pristine, base)
    for tag, (revised, _) in revisions.items():
        gen.write_sources(os.path.join(work, tag), list(revised.values()))
    segments = sum(len(gen.segments(d, 0)) for d in base)
    source_bytes = du(os.path.join(pristine, "source_texts"))

    proj = os.path.join(work, "project")
    snap = os.path.join(work, "snapshot")
    hk = lambda *a: [binary, *a, "-C", proj]  # noqa: E731
    rows = {}

    def fresh():
        discard(proj)
        sh(f"cp -a {pristine} {proj}")
        for t in TARGETS:
            os.makedirs(os.path.join(proj, "locales", t))

    def restore(overlay=None, cache=True):
        """The working tree as the last sync left it, then the revision: files that differ
        from the snapshot are rewritten in place and a sync (untimed) brings the cache in line
        with them, as in an editor's checkout or a CI workspace kept between runs; the revised
        source texts are then copied in. Without `cache`, a fresh clone: no `.honyaku/`."""
        def prep():
            mirror(snap, proj)
            run_once(hk("sync"))
            if not cache:
                shutil.rmtree(os.path.join(proj, ".honyaku"))
            if overlay:
                sh(f"cp -a {overlay}/source_texts/. {proj}/source_texts/")
        return prep

    log("== honyaku")
    rows["cold"] = measure("cold sync", hk("sync"), args.runs, prep=fresh, timeout=args.timeout)
    gen.fill_translations(proj, TARGETS)
    run_once(hk("sync"))  # the sync after the translators' work: it writes the cache
    shutil.rmtree(snap, ignore_errors=True)
    sh(f"cp -a {proj} {snap}")
    project_bytes = du(os.path.join(proj, "source_texts"), os.path.join(proj, "locales"))
    seals = os.path.join(proj, "honyaku.seals")
    sealed = open(seals, "rb").read()

    def clone(seal_bytes):
        """A fresh clone: no `.honyaku/` cache; these committed `honyaku.seals`, or none."""
        def prep():
            shutil.rmtree(os.path.join(proj, ".honyaku"), ignore_errors=True)
            if seal_bytes is not None:
                with open(seals, "wb") as f:
                    f.write(seal_bytes)
            elif os.path.exists(seals):
                os.remove(seals)
        return prep
    rows["noop_unsealed"] = measure("no-op sync, fresh clone without seals (no cache)", hk("sync"),
                                    args.runs, prep=clone(None))
    rows["noop_uncached"] = measure("no-op sync, fresh clone (no cache, committed seals)", hk("sync"),
                                    args.runs, prep=clone(sealed))
    dist = os.path.join(work, "dist")
    fresh_clone_rows(rows, "", hk, dist, clone(sealed), args)
    if args.peers or not args.no_incumbents:
        peers_on_catalogs(rows, work, proj, binary, args)
    clone(sealed)()
    run_once(hk("sync"))
    rows["noop"] = measure("no-op sync", hk("sync"), args.runs)
    rows["status"] = measure("status", hk("status"), args.runs)
    rows["check"] = measure("check", hk("check"), args.runs)
    rows["build"] = measure("build (all locales, txt)", hk("build", "--out", dist), args.runs,
                            prep=lambda: discard(dist))
    files = [os.path.join(r, f) for sub in ("source_texts", "locales")
             for r, _, fs in os.walk(os.path.join(snap, sub)) for f in fs]
    listing = os.path.join(work, "files.txt")
    with open(listing, "w") as f:
        f.write("\n".join(files))
    rows["read"] = measure("floor: read the project bytes", f"xargs cat < {listing} > /dev/null", args.runs)
    copy = os.path.join(work, "copy")
    rows["write"] = measure("floor: copy the project", f"cp -r {snap}/source_texts {snap}/locales {copy}",
                            args.runs, prep=lambda: (discard(copy), os.makedirs(copy)))
    honyaku_judged = {}
    for tag, label in (("rev01", "1%"), ("rev10", "10%")):
        overlay = os.path.join(work, tag)
        rows[f"inc_{tag}"] = measure(f"incremental sync, {label} revised", hk("sync"), args.runs,
                                     prep=restore(overlay), timeout=args.timeout)
        if tag == "rev10":
            rows["inc_rev10_clone"] = measure(f"incremental sync, {label} revised, fresh clone (no cache)",
                                              hk("sync"), args.runs, prep=restore(overlay, cache=False),
                                              timeout=args.timeout)
            restore(overlay)()
            run_once(hk("sync"))
            # The commit of that sync, cloned fresh: what CI runs on the next push.
            fresh_clone_rows(rows, "_rev10", hk, dist, clone(open(seals, "rb").read()), args,
                             f", {label} revised and synced")
        truth = revisions[tag][1]
        cache = {}

        def lookup(doc, en):
            if doc not in cache:
                cache[doc] = ftl_entries(os.path.join(proj, "locales", "fr", doc + ".ftl"))
            return cache[doc].get(en)
        honyaku_judged[tag] = judge(truth, lookup, lambda e: (bool(e and e[0]), e[1] if e else None))
        log(f"  fuzzy decisions after {label}: {honyaku_judged[tag]}")

    # diff of two large revisions: every English release concatenated, before and after rev10.
    old_txt, new_txt = os.path.join(work, "old.txt"), os.path.join(work, "new.txt")
    revised10 = revisions["rev10"][0]
    with open(old_txt, "w", encoding="utf-8") as f:
        f.write("\n".join(gen.render(d, 1) for d in base))
    with open(new_txt, "w", encoding="utf-8") as f:
        f.write("\n".join(gen.render(revised10.get(d.name, d), 1) for d in base))
    rows["diff"] = measure(f"diff of two revisions ({os.path.getsize(new_txt) >> 20} MiB)",
                           [binary, "diff", "--lang", "en", old_txt, new_txt], args.runs, timeout=args.timeout)

    judged = {"honyaku": honyaku_judged["rev10"]}
    if not args.no_incumbents:
        incumbents(args, work, base, revisions["rev10"], rows, judged)

    result = {"docs": args.docs, "segments_per_source_locale": segments, "source_bytes": source_bytes,
              "project_bytes": project_bytes, "rows": rows, "fuzzy": judged, "honyaku_rev01": honyaku_judged["rev01"]}
    shutil.rmtree(os.path.join(work, "trash"), ignore_errors=True)
    if args.json:
        with open(args.json, "w") as f:
            json.dump(result, f, indent=1)
    print(report(result))


def fresh_clone_rows(rows, suffix, hk, dist, clone, args, label=""):
    """What CI runs on a fresh clone (issue 19): the committed catalogs and seals, no
    `.honyaku/`: `sync --check`, `check`, and `build` without outputs and with the previous
    build's outputs in place."""
    rows[f"check_clone{suffix}"] = measure(f"sync --check, fresh clone{label}", hk("sync", "--check"),
                                           args.runs, prep=clone)
    rows[f"qa_clone{suffix}"] = measure(f"check, fresh clone{label}", hk("check"), args.runs, prep=clone)

    def first():
        clone()
        discard(dist)
    rows[f"build_first{suffix}"] = measure(f"build (all locales, txt), fresh clone, no outputs yet{label}",
                                           hk("build", "--out", dist), args.runs, prep=first)
    rows[f"build_again{suffix}"] = measure(f"build (all locales, txt), fresh clone, outputs in place{label}",
                                           hk("build", "--out", dist), args.runs, prep=clone)


def peers_on_catalogs(rows, work, proj, binary, args):
    """The same catalogs checked by the tools CI would otherwise run: Mozilla's compare-locales
    over the Fluent files (the Japanese catalogs as reference), and gettext's `msgfmt --check`
    over the equivalent PO files (honyaku's export, one catalog per locale, as a gettext
    project keeps them)."""
    ensure_incumbents()
    if not shutil.which("compare-locales"):
        sh(f"{sys.executable} -m pip install -q compare-locales==9.0.5")
    locales = ["en", *TARGETS]
    config = os.path.join(work, "l10n.toml")
    with open(config, "w") as f:
        f.write(f'basepath = "{proj}"\nlocales = {json.dumps(locales)}\n\n'
                '[[paths]]\nreference = "locales/ja/*.ftl"\nl10n = "locales/{locale}/*.ftl"\n')
    compare = shutil.which("compare-locales") or os.path.join(os.path.dirname(sys.executable), "compare-locales")
    rows["compare_locales"] = measure(f"compare-locales over the same catalogs ({len(locales)} locales)",
                                      [compare, "--return-zero", "-qqqq", config, proj, *locales],
                                      1, timeout=args.timeout)
    po = os.path.join(work, "po-export")
    os.makedirs(po, exist_ok=True)
    files = []
    for locale in TARGETS:
        path = os.path.join(po, f"{locale}.po")
        run_once([binary, "export", "-C", proj, "--locale", locale, "--format", "po", "-o", path])
        files.append(path)
    rows["msgfmt_check"] = measure(f"msgfmt --check over the equivalent PO files ({len(TARGETS)} locales)",
                                   " && ".join(f"msgfmt --check -o /dev/null {f}" for f in files), 1,
                                   timeout=args.timeout)


def incumbents(args, work, base, rev10, rows, judged):
    """The same work by gettext and po4a: each of the three target locales has its catalog(s),
    updated one locale after another as gettext's po/Makefile (`update-po`) and po4a do."""
    ensure_incumbents()
    revised, truth = rev10
    new_corpus = [revised.get(d.name, d) for d in base]
    po = os.path.join(work, "po")
    os.makedirs(os.path.join(po, "docs"), exist_ok=True)
    for locale in TARGETS:
        with open(os.path.join(po, f"old-{locale}.po"), "w", encoding="utf-8") as f:
            f.write(gen.po_text(gen.po_entries(base), True, locale))
    with open(os.path.join(po, "new.pot"), "w", encoding="utf-8") as f:
        f.write(gen.po_text(gen.po_entries(new_corpus), False))
    log("== gettext: one catalog for the corpus, per locale")
    for fuzzy, key in ((True, "mm_whole"), (False, "mm_whole_nofuzzy")):
        option = "" if fuzzy else " --no-fuzzy-matching"
        for locale in TARGETS:
            out = f"{po}/{'fuzzy' if fuzzy else 'exact'}-{locale}.po"
            rows[f"{key}_{locale}"] = measure(
                f"msgmerge, whole catalog, {'fuzzy' if fuzzy else '--no-fuzzy-matching'} ({locale})",
                f"msgmerge --quiet --no-wrap --previous{option} {po}/old-{locale}.po {po}/new.pot -o {out}",
                args.incumbent_runs, timeout=args.timeout)
        rows[key] = total(rows, [f"{key}_{locale}" for locale in TARGETS],
                          f"msgmerge, whole catalog, {'fuzzy' if fuzzy else '--no-fuzzy-matching'}: "
                          f"{len(TARGETS)} locales")
    for key, out in (("msgmerge whole fuzzy", "fuzzy-fr.po"), ("msgmerge whole no-fuzzy", "exact-fr.po")):
        path = os.path.join(po, out)
        if os.path.exists(path):
            entries = po_entries(path)
            judged[key] = judge(truth, lambda doc, en: entries.get(en), lambda e: e or (False, None))

    log("== gettext: one PO per document and locale (as po4a keeps them)")
    for locale in TARGETS:
        script = []
        for d, n in zip(base, new_corpus):
            for name, docs, translated in ((f"{d.name}.{locale}.po", [d], True), (f"{d.name}.pot", [n], False)):
                with open(os.path.join(po, "docs", name), "w", encoding="utf-8") as f:
                    f.write(gen.po_text(gen.po_entries(docs), translated, locale))
            script.append(f"msgmerge --quiet --no-wrap --previous -o {d.name}.{locale}.out "
                          f"{d.name}.{locale}.po {d.name}.pot")
        with open(os.path.join(po, "docs", f"merge-{locale}.sh"), "w") as f:
            f.write("set -e\n" + "\n".join(script) + "\n")
        rows[f"mm_perdoc_{locale}"] = measure(f"msgmerge, one PO per document, fuzzy ({locale})",
                                              f"sh merge-{locale}.sh", args.incumbent_runs,
                                              cwd=os.path.join(po, "docs"), timeout=args.timeout)
    rows["mm_perdoc"] = total(rows, [f"mm_perdoc_{locale}" for locale in TARGETS],
                              f"msgmerge, one PO per document, fuzzy: {len(TARGETS)} locales")
    outs = {}

    def lookup(doc, en):
        if doc not in outs:
            outs[doc] = po_entries(os.path.join(po, "docs", doc + ".fr.out"))
        return outs[doc].get(en)
    if "timeout" not in rows["mm_perdoc"]:
        judged["msgmerge per document"] = judge(truth, lookup, lambda e: e or (False, None))

    log("== po4a: update and translate (text format), on a sample")
    p4 = os.path.join(work, "po4a")
    os.makedirs(p4, exist_ok=True)
    sample = random.Random(args.seed).sample(sorted(revised), min(args.po4a_sample, len(revised)))
    by_name = {d.name: d for d in base}
    scripts = {"cold1": [], "update1": [], "cold": [], "update": [], "translate": []}
    for name in sample:
        for suffix, doc in (("old", by_name[name]), ("new", revised[name])):
            with open(os.path.join(p4, f"{name}.{suffix}.txt"), "w", encoding="utf-8") as f:
                f.write(gen.render(doc, 1))
        opts = "-f text -M UTF-8 --wrap-po no"
        one = f"-p {name}.fr.po"
        every = " ".join(f"-p {name}.{locale}.po" for locale in TARGETS)
        scripts["cold1"].append(f"rm -f {name}.fr.po && po4a-updatepo {opts} -m {name}.old.txt {one}")
        scripts["update1"].append(f"po4a-updatepo {opts} -m {name}.new.txt {one}")
        scripts["cold"].append(f"rm -f {name}.*.po && po4a-updatepo {opts} -m {name}.old.txt {every}")
        scripts["update"].append(f"po4a-updatepo {opts} -m {name}.new.txt {every}")
        scripts["translate"].extend(
            f"po4a-translate -f text -M UTF-8 -L UTF-8 -m {name}.new.txt -p {name}.{locale}.po "
            f"-l {name}.{locale}.txt -k 0" for locale in TARGETS)
    for name, lines in scripts.items():
        with open(os.path.join(p4, f"{name}.sh"), "w") as f:
            f.write("set -e\n" + "\n".join(lines) + "\n")
    prepare = lambda script: lambda: sh(f"cd {p4} && sh {script}.sh >/dev/null 2>&1")  # noqa: E731
    for key, label, script, prep in (
            ("po4a_cold_fr", "po4a-updatepo, new PO, fr only (per document)", "cold1", None),
            ("po4a_update_fr", "po4a-updatepo, revised master, fr only (per document)", "update1",
             prepare("cold1")),
            ("po4a_cold", f"po4a-updatepo, new POs for {len(TARGETS)} locales (per document)", "cold", None),
            ("po4a_update", f"po4a-updatepo, revised master, {len(TARGETS)} locales (per document)", "update",
             prepare("cold")),
            ("po4a_translate", f"po4a-translate, {len(TARGETS)} locales (per document)", "translate", None)):
        rows[key] = measure(label, f"sh {script}.sh", args.incumbent_runs, cwd=p4, prep=prep,
                            per=len(sample), timeout=args.timeout)


def total(rows, keys, name):
    """A row adding up measured rows (one per locale): medians, mins and maxes summed."""
    parts = [rows[k] for k in keys]
    if any("timeout" in p for p in parts):
        return {"name": name, "timeout": sum(p.get("timeout", 0) for p in parts)}
    return {"name": name, "runs": min(p["runs"] for p in parts),
            "wall": [sum(p["wall"][i] for p in parts) for i in range(3)],
            "cpu": [sum(p["cpu"][i] for p in parts) for i in range(3)],
            "rss": max(p["rss"] for p in parts)}


# --- the report --------------------------------------------------------------------------

def report(r):
    rows, docs = r["rows"], r["docs"]
    out = [f"{docs} documents, {r['segments_per_source_locale']} segments per source locale; "
           f"source texts {r['source_bytes'] / 2**20:.1f} MiB, project (sources + catalogs) "
           f"{r['project_bytes'] / 2**20:.1f} MiB", "",
           "| measurement | wall median (min–max) s | CPU median s | peak RSS MiB |",
           "|---|---|---|---|"]
    for row in rows.values():
        if "timeout" in row:
            out.append(f"| {row['name']} | > {row['timeout']:.0f} (abandoned) | | |")
            continue
        w, c = row["wall"], row["cpu"]
        out.append(f"| {row['name']} | {w[0]:.3f} ({w[1]:.3f}–{w[2]:.3f}) | {c[0]:.3f} | {row['rss'] / 2**20:.0f} |")

    def wall(key):
        row = rows.get(key)
        return row["wall"][0] if row and "wall" in row else None

    out += ["", "| target | figure | met |", "|---|---|---|"]

    def target(text, value, ok):
        """`ok` None: a comparison without a target."""
        out.append(f"| {text} | {value} | {'—' if ok is None else 'yes' if ok else 'NO'} |")
    noop, read = wall("noop"), wall("read")
    target("no-op sync ≤ 3× reading the project bytes", f"{noop / read:.1f}×", noop <= 3 * read)
    if wall("check_clone"):
        target("fresh clone: `sync --check` ≤ 3× reading the project bytes",
               f"{wall('check_clone') / read:.1f}×", wall("check_clone") <= 3 * read)
    copy = wall("write")
    for suffix, label in (("", ""), ("_rev10", ", 10% revised and synced")):
        if wall(f"qa_clone{suffix}"):
            target(f"fresh clone{label}: `check` ≤ 3× reading", f"{wall(f'qa_clone{suffix}') / read:.1f}×",
                   wall(f"qa_clone{suffix}") <= 3 * read)
        if wall(f"build_again{suffix}"):
            target(f"fresh clone{label}: repeated `build` ≤ 3× reading",
                   f"{wall(f'build_again{suffix}') / read:.1f}×", wall(f"build_again{suffix}") <= 3 * read)
        if wall(f"build_first{suffix}"):
            target(f"fresh clone{label}: first `build` ≤ 2× copying",
                   f"{wall(f'build_first{suffix}') / copy:.1f}×", wall(f"build_first{suffix}") <= 2 * copy)
    for key, text in (("compare_locales", "compare-locales over the same catalogs"),
                      ("msgfmt_check", "`msgfmt --check` over the equivalent PO files")):
        if wall(key) and wall("qa_clone"):
            target(f"fresh clone: `check` vs {text}", f"{wall(key):.2f} s / {wall('qa_clone'):.2f} s = "
                   f"{wall(key) / wall('qa_clone'):.1f}×", None)
    inc = wall("inc_rev10")
    if inc and wall("inc_rev10_clone"):
        target("fresh clone: incremental sync (10%) ≤ 2× the cached one",
               f"{wall('inc_rev10_clone') / inc:.1f}×", wall("inc_rev10_clone") <= 2 * inc)
    fr = f" ({TARGETS[0]} only)"
    for key, factor, text in (("mm_whole", 100, "≥ 100× faster than whole-catalog msgmerge, fuzzy"),
                              (f"mm_whole_{TARGETS[0]}", 100, "≥ 100× faster than whole-catalog msgmerge, fuzzy" + fr),
                              ("mm_whole_nofuzzy", None, "vs whole-catalog msgmerge, no fuzzy"),
                              ("mm_perdoc", 1, "faster than per-document msgmerge"),
                              (f"mm_perdoc_{TARGETS[0]}", 1, "faster than per-document msgmerge" + fr)):
        if key in rows:
            other = wall(key)
            if other is None:
                target(f"incremental sync (10%) {text}", f"msgmerge > {rows[key]['timeout']:.0f} s", True)
            else:
                target(f"incremental sync (10%) {text}", f"{other:.2f} s / {inc:.3f} s = {other / inc:.1f}×",
                       factor is None or other / inc >= factor)
    if "mm_whole" in rows and wall("mm_whole") and wall("inc_rev10_clone"):
        clone = wall("inc_rev10_clone")
        target("(fresh clone, no cache) incremental sync (10%) vs whole-catalog msgmerge, fuzzy",
               f"{wall('mm_whole') / clone:.1f}×", True)
    for key, text in (("po4a_cold", ""), ("po4a_cold_fr", fr)):
        if key in rows and wall(key):
            per_doc = wall("cold") / docs
            target(f"cold sync ≥ 20× faster per document than po4a's update{text}",
                   f"{per_doc * 1000:.2f} ms vs {wall(key) * 1000:.0f} ms: {wall(key) / per_doc:.0f}×",
                   wall(key) / per_doc >= 20)
    peak = max(row.get("rss", 0) for key, row in rows.items()
               if key in ("cold", "noop", "noop_uncached", "inc_rev01", "inc_rev10", "status", "check", "build"))
    target("peak RSS of sync/status/check/build ≤ 4× the corpus on disk (sources + catalogs)",
           f"{peak / 2**20:.0f} MiB = {peak / r['project_bytes']:.2f}×", peak <= 4 * r["project_bytes"])
    h = r["fuzzy"]["honyaku"]
    target("every edited segment stale with its old translation (honyaku, 10%)",
           f"{h['edited_kept']} of {h['edited']}", h["edited_kept"] == h["edited"])
    target("no inserted segment passed off as an edit (honyaku, 10%)",
           f"{h['inserted_passed_off']} of {h['inserted']}", h["inserted_passed_off"] == 0)

    out += ["", "Fuzzy decisions after 10% revised (edits of translated segments; insertions):", "",
            "| tool | edited | kept stale/fuzzy with the old translation | paired with a wrong old translation | "
            "translation lost | inserted | inserted passed off as fuzzy |", "|---|---|---|---|---|---|---|"]
    for tool, c in r["fuzzy"].items():
        out.append(f"| {tool} | {c['edited']} | {c['edited_kept']} | {c['edited_wrong_old']} | {c['edited_lost']} "
                   f"| {c['inserted']} | {c['inserted_passed_off']} |")
    return "\n".join(out)


if __name__ == "__main__":
    main()
