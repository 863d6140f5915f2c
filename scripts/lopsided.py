#!/usr/bin/env python3
"""Writes a project whose one document has a Japanese release far longer than its English one
(issue 20 item 5: 1,000,000 short lines against 10,000), to measure what `honyaku sync` and
`honyaku align` cost on such a pair (BENCHMARKS.md, "Lopsided alignment inputs").

Each line is a paragraph of one short sentence (blank lines between them). With anchors (the
default) English line k names the number of Japanese line k * ja / en, so the aligner finds
points that correspond all along; `--no-anchors` writes English lines without numbers.

    python3 scripts/lopsided.py DIR --ja 1000000 --en 10000
    /usr/bin/time -v target/release/honyaku sync -C DIR
"""

import argparse
import os


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("dir", help="the project directory to write (created)")
    ap.add_argument("--ja", type=int, default=1_000_000, help="Japanese lines")
    ap.add_argument("--en", type=int, default=10_000, help="English lines")
    ap.add_argument("--no-anchors", dest="anchors", action="store_false")
    ap.add_argument("--dense", action="store_true",
                    help="no blank lines: every line of the file is a sentence")
    ap.add_argument("--doc", default="2030-03-01-lopsided")
    args = ap.parse_args()
    for lang in ["ja", "en"]:
        os.makedirs(os.path.join(args.dir, "source_texts", lang), exist_ok=True)
    ja = ["大規模文書の試験"] + [f"第{i}項の内容を確認しました。" for i in range(args.ja)]
    step = max(1, args.ja // max(1, args.en))
    en = ["A test of a large document"] + [
        f"Item {k * step} was confirmed." if args.anchors else "An item was confirmed."
        for k in range(args.en)
    ]
    for lang, lines in [("ja", ja), ("en", en)]:
        path = os.path.join(args.dir, "source_texts", lang, f"{args.doc}.txt")
        with open(path, "w", encoding="utf-8", newline="\n") as f:
            f.write(("\n" if args.dense else "\n\n").join(lines) + "\n")
    print(f"{args.dir}: {args.ja:,} Japanese lines, {args.en:,} English lines")


if __name__ == "__main__":
    main()
