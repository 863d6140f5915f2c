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
from bench import run_once, discard, mirror, sh  # noqa: E402

ap = argparse.ArgumentParser()
ap.add_argument("--a", required=True); ap.add_argument("--b", required=True)
ap.add_argument("--docs", type=int, default=500); ap.add_argument("--runs", type=int, default=5)
ap.add_argument("--work", default=os.path.join(bench.REPO, "target", "ab")); ap.add_argument("--json")
ap.add_argument("--only", default="")
args = ap.parse_args()
TARGETS = bench.TARGETS
work = args.work
shutil.rmtree(work, ignore_errors=True); os.makedirs(work)
base = gen.corpus(args.docs, 7)
revisions = {tag: gen.revision(base, share, 7) for tag, share in (("rev01", 0.01), ("rev10", 0.10))}
pristine = os.path.join(work, "sources"); gen.write_sources(pristine, base)
for tag, (revised, _) in revisions.items():
    gen.write_sources(os.path.join(work, tag), list(revised.values()))
old_txt, new_txt = os.path.join(work, "old.txt"), os.path.join(work, "new.txt")
with open(old_txt, "w") as f: f.write("\n".join(gen.render(d, 1) for d in base))
with open(new_txt, "w") as f: f.write("\n".join(gen.render(revisions["rev10"][0].get(d.name, d), 1) for d in base))

class Side:
    def __init__(self, name, binary):
        self.name, self.binary = name, os.path.abspath(binary)
        self.proj = os.path.join(work, f"proj-{name}"); self.snap = os.path.join(work, f"snap-{name}")
        self.dist = os.path.join(work, f"dist-{name}")
    def hk(self, *a): return [self.binary, *a, "-C", self.proj]
    def fresh(self):
        discard(self.proj); sh(f"cp -a {pristine} {self.proj}")
        for t in TARGETS: os.makedirs(os.path.join(self.proj, "locales", t))
    def setup(self):
        self.fresh(); run_once(self.hk("sync")); gen.fill_translations(self.proj, TARGETS)
        run_once(self.hk("sync")); shutil.rmtree(self.snap, ignore_errors=True); sh(f"cp -a {self.proj} {self.snap}")
    def nocache(self):
        shutil.rmtree(os.path.join(self.proj, ".honyaku"), ignore_errors=True)
    def restore(self, overlay=None, cache=True):
        mirror(self.snap, self.proj); run_once(self.hk("sync"))
        if not cache: self.nocache()
        if overlay: sh(f"cp -a {overlay}/source_texts/. {self.proj}/source_texts/")

A, B = Side("a", args.a), Side("b", args.b)
for s in (A, B): s.setup()
rows = [
 ("cold sync", lambda s: s.hk("sync"), lambda s: s.fresh()),
 ("no-op sync, no cache", lambda s: s.hk("sync"), lambda s: (s.restore(), s.nocache())),
 ("no-op sync", lambda s: s.hk("sync"), lambda s: s.restore()),
 ("status", lambda s: s.hk("status"), lambda s: None),
 ("check", lambda s: s.hk("check"), lambda s: None),
 ("build (all locales, txt)", lambda s: s.hk("build", "--out", s.dist), lambda s: discard(s.dist)),
 ("incremental sync, 1% revised", lambda s: s.hk("sync"), lambda s: s.restore(os.path.join(work, "rev01"))),
 ("incremental sync, 10% revised", lambda s: s.hk("sync"), lambda s: s.restore(os.path.join(work, "rev10"))),
 ("incremental sync, 10% revised, fresh clone", lambda s: s.hk("sync"), lambda s: s.restore(os.path.join(work, "rev10"), cache=False)),
 ("diff of two revisions", lambda s: [s.binary, "diff", "--lang", "en", old_txt, new_txt], lambda s: None),
]
out = {}
print(f"{'row':45} {'A wall':>8} {'B wall':>8} {'A cpu':>8} {'B cpu':>8} {'B/A cpu':>8} {'B/A wall':>8}", flush=True)
for name, cmd, prep in rows:
    if args.only and args.only not in name: continue
    res = {"a": [], "b": []}
    for r in range(args.runs):
        for s in ((A, B) if r % 2 == 0 else (B, A)):
            prep(s)
            wall, cpu, rss = run_once(cmd(s))[:3]
            res[s.name].append((wall, cpu))
    med = {k: (statistics.median(w for w, _ in v), statistics.median(c for _, c in v)) for k, v in res.items()}
    out[name] = {"runs": res, "median": med}
    (aw, ac), (bw, bc) = med["a"], med["b"]
    print(f"{name:45} {aw:8.3f} {bw:8.3f} {ac:8.3f} {bc:8.3f} {bc/ac:8.2f} {bw/aw:8.2f}", flush=True)
if args.json: json.dump(out, open(args.json, "w"), indent=1)
