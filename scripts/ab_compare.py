#!/usr/bin/env python3
"""Before/after: the honyaku rows of the benchmark table (scripts/bench.py) for two binaries,
each on its own copy of one generated project, alternated run by run (A then B, then B then A)
so that a shared machine's load falls on both alike. Prints per row the median wall and CPU
seconds of each and the ratios B/A:

    python3 scripts/ab_compare.py --a OLD_BINARY --b NEW_BINARY --docs 500 --runs 5

Only commands every version has are run (sync, status, check, build, diff), so a binary of
any earlier commit can be A."""

import argparse
import json
import os
import shutil
import statistics
import sys

sys.dont_write_bytecode = True  # no __pycache__ in the repository
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import bench  # noqa: E402
import gen_corpus as gen  # noqa: E402
from bench import discard, mirror, run_once, sh  # noqa: E402

SEED = 7


class Side:
    """One binary and its own copy of the project."""

    def __init__(self, name, binary, work, pristine):
        self.name = name
        self.binary = os.path.abspath(binary)
        self.pristine = pristine
        self.proj = os.path.join(work, f"proj-{name}")
        self.snap = os.path.join(work, f"snap-{name}")
        self.dist = os.path.join(work, f"dist-{name}")

    def hk(self, *args):
        return [self.binary, *args, "-C", self.proj]

    def fresh(self):
        """The source texts alone, before any sync."""
        discard(self.proj)
        sh(f"cp -a {self.pristine} {self.proj}")
        for target in bench.TARGETS:
            os.makedirs(os.path.join(self.proj, "locales", target))

    def setup(self):
        """Synced, translated by the generator, synced again, and kept as the snapshot."""
        self.fresh()
        run_once(self.hk("sync"))
        gen.fill_translations(self.proj, bench.TARGETS)
        run_once(self.hk("sync"))
        shutil.rmtree(self.snap, ignore_errors=True)
        sh(f"cp -a {self.proj} {self.snap}")

    def restore(self, overlay=None, cache=True):
        """The snapshot, its cache brought in line, then (optionally) a revision copied in."""
        mirror(self.snap, self.proj)
        run_once(self.hk("sync"))
        if not cache:
            shutil.rmtree(os.path.join(self.proj, ".honyaku"), ignore_errors=True)
        if overlay:
            sh(f"cp -a {overlay}/source_texts/. {self.proj}/source_texts/")


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--a", required=True, help="the binary before")
    ap.add_argument("--b", required=True, help="the binary after")
    ap.add_argument("--docs", type=int, default=500)
    ap.add_argument("--runs", type=int, default=5, help="runs of each binary per row")
    ap.add_argument("--work", default=os.path.join(bench.REPO, "target", "ab"))
    ap.add_argument("--only", default="", help="only the rows whose name contains this")
    ap.add_argument("--json", help="also write every run here")
    args = ap.parse_args()

    work = args.work
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(work)
    base = gen.corpus(args.docs, SEED)
    revisions = {tag: gen.revision(base, share, SEED)[0] for tag, share in (("rev01", 0.01), ("rev10", 0.10))}
    pristine = os.path.join(work, "sources")
    gen.write_sources(pristine, base)
    for tag, revised in revisions.items():
        gen.write_sources(os.path.join(work, tag), list(revised.values()))
    old_txt, new_txt = os.path.join(work, "old.txt"), os.path.join(work, "new.txt")
    with open(old_txt, "w", encoding="utf-8") as f:
        f.write("\n".join(gen.render(d, 1) for d in base))
    with open(new_txt, "w", encoding="utf-8") as f:
        f.write("\n".join(gen.render(revisions["rev10"].get(d.name, d), 1) for d in base))

    sides = [Side("a", args.a, work, pristine), Side("b", args.b, work, pristine)]
    for side in sides:
        side.setup()
    rev01, rev10 = os.path.join(work, "rev01"), os.path.join(work, "rev10")
    rows = [
        ("cold sync", lambda s: s.hk("sync"), Side.fresh),
        ("no-op sync, no cache", lambda s: s.hk("sync"), lambda s: s.restore(cache=False)),
        ("no-op sync", lambda s: s.hk("sync"), lambda s: s.restore()),
        ("status", lambda s: s.hk("status"), None),
        ("check", lambda s: s.hk("check"), None),
        ("build (all locales, txt)", lambda s: s.hk("build", "--out", s.dist), lambda s: discard(s.dist)),
        ("incremental sync, 1% revised", lambda s: s.hk("sync"), lambda s: s.restore(rev01)),
        ("incremental sync, 10% revised", lambda s: s.hk("sync"), lambda s: s.restore(rev10)),
        ("incremental sync, 10% revised, fresh clone", lambda s: s.hk("sync"),
         lambda s: s.restore(rev10, cache=False)),
        ("diff of two revisions", lambda s: [s.binary, "diff", "--lang", "en", old_txt, new_txt], None),
    ]
    results = {}
    print(f"{'row':45} {'A wall':>8} {'B wall':>8} {'A cpu':>8} {'B cpu':>8} {'B/A cpu':>8} {'B/A wall':>8}",
          flush=True)
    for name, command, prep in rows:
        if args.only not in name:
            continue
        runs = {"a": [], "b": []}
        for r in range(args.runs):
            for side in (sides if r % 2 == 0 else sides[::-1]):
                if prep:
                    prep(side)
                wall, cpu, _ = run_once(command(side))
                runs[side.name].append({"wall": wall, "cpu": cpu})
        median = {k: {m: statistics.median(run[m] for run in v) for m in ("wall", "cpu")} for k, v in runs.items()}
        results[name] = {"runs": runs, "median": median}
        a, b = median["a"], median["b"]
        print(f"{name:45} {a['wall']:8.3f} {b['wall']:8.3f} {a['cpu']:8.3f} {b['cpu']:8.3f} "
              f"{b['cpu'] / a['cpu']:8.2f} {b['wall'] / a['wall']:8.2f}", flush=True)
    if args.json:
        with open(args.json, "w") as f:
            json.dump(results, f, indent=1)


if __name__ == "__main__":
    main()
