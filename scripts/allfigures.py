#!/usr/bin/env python3
"""The all-figures-changed release (issue 19 item 4): one long release made of the first N
releases of the benchmark corpus concatenated, synced, then every digit in both languages
changed (+1, wrapping 9 to 0) and synced again. Every segment is edited, so the whole release
is one gap for alignment history and id inheritance: the case that was quadratic.

Prints the messages tracked and the wall and CPU time and peak memory of the second sync
(the first is the setup), best of --runs.

    python3 scripts/allfigures.py --binary target/quick/honyaku [--releases 76] [--runs 3]
"""

import argparse
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import gen_corpus as gen  # noqa: E402

BUMP = str.maketrans("0123456789０１２３４５６７８９", "1234567890１２３４５６７８９０")


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--binary", required=True)
    ap.add_argument("--releases", type=int, default=76)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    binary = os.path.abspath(args.binary)
    docs = gen.corpus(args.releases, args.seed)
    texts = {tag: "\n".join(gen.render(d, lang) for d in docs) for lang, tag in ((0, "ja"), (1, "en"))}
    best = None
    for _ in range(args.runs):
        with tempfile.TemporaryDirectory() as root:
            for lang, text in texts.items():
                write(os.path.join(root, "source_texts", lang, "release.txt"), text)
            os.makedirs(os.path.join(root, "locales", "fr"))
            subprocess.run([binary, "sync", "--quiet", "-C", root], check=True)
            messages = sum(1 for line in open(os.path.join(root, "locales", "ja", "release.ftl"),
                                              encoding="utf-8") if line[:1].isalnum())
            for lang, text in texts.items():
                write(os.path.join(root, "source_texts", lang, "release.txt"), text.translate(BUMP))
            shutil.rmtree(os.path.join(root, ".honyaku"), ignore_errors=True)
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            start = time.perf_counter()
            subprocess.run([binary, "sync", "--quiet", "-C", root], check=True,
                           stdout=subprocess.DEVNULL)
            wall = time.perf_counter() - start
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
            run = (wall, cpu, after.ru_maxrss / 1024)
            best = run if best is None or run[0] < best[0] else best
    wall, cpu, rss = best
    print(f"all-figures-changed release: {args.releases} releases, {messages} messages: "
          f"second sync {wall:.2f} s wall, {cpu:.2f} s CPU, peak {rss:.0f} MiB (best of {args.runs})")


if __name__ == "__main__":
    main()
