#!/usr/bin/env python3
"""Soak test for issue 20: random source edits, translator saves and SIGKILLed syncs, for
minutes on end, with syncs in two PID namespaces (the host's and one made by `unshare`, as a
container sharing the checkout would be). At the end it counts

  lost   translator saves whose text is in no catalog of their document, and
  wrong  catalogs holding text of another document or locale,

both of which must be zero. Run as root (for `unshare --pid`); without it, every sync runs in
the host's namespace and the summary says so.

    python3 scripts/soak.py --minutes 10            # the documented run (README.md)
    python3 scripts/soak.py --minutes 1 --docs 8    # what CI runs
"""

import argparse
import json
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def sentence(doc, i, rng):
    """A Japanese sentence that names its document, so a catalog holding another document's
    text is caught."""
    return f"文書{doc}の第{i}文は{rng.randrange(10**6)}件です。"


def source_text(doc, count, rng):
    lines = [f"文書{doc}の見出し", ""]
    for i in range(count):
        lines.append(sentence(doc, i, rng))
        if i % 3 == 2:
            lines.append("")
    return "\n".join(lines) + "\n"


def doc_name(k):
    return f"2030-01-{k:03d}-soak"


def atomic_write(path, text):
    """As editors save: a new file renamed over the old one."""
    tmp = f"{path}.soak-{os.getpid()}-{threading.get_ident()}.swp"
    with open(tmp, "w", encoding="utf-8") as f:
        f.write(text)
    os.replace(tmp, path)


class Soak:
    def __init__(self, args):
        self.args = args
        self.rng = random.Random(args.seed)
        self.root = tempfile.mkdtemp(prefix="honyaku-soak-")
        self.binary = args.binary
        self.saved = {}  # (doc, id) -> the text the translator saved last
        self.counts = dict(syncs=0, killed=0, saves=0, edits=0, exit_1=0, saved_while_sync=0,
                           other_failures=0, namespaced=0)
        self.lock = threading.Lock()
        self.namespaces = args.namespaces and self.can_unshare()
        self.failures = []
        self.t0 = time.time()
        self.log = open(args.log, "w", encoding="utf-8") if args.log else None
        self.caught = []  # saves found missing when the soak next read their catalog

    def event(self, kind, **fields):
        """One line of the event log (--log): what happened when, to explain a loss."""
        if self.log:
            with self.lock:
                fields = dict(t=round(time.time() - self.t0, 4), kind=kind, **fields)
                self.log.write(json.dumps(fields, ensure_ascii=False) + "\n")
                self.log.flush()

    def can_unshare(self):
        try:
            return subprocess.run(["unshare", "--pid", "--fork", "--mount-proc", "true"],
                                  stderr=subprocess.DEVNULL).returncode == 0
        except FileNotFoundError:
            return False

    def path(self, *parts):
        return os.path.join(self.root, *parts)

    def setup(self):
        for d in ["source_texts/ja", "locales/fr"]:
            os.makedirs(self.path(d), exist_ok=True)
        for k in range(self.args.docs):
            with open(self.path("source_texts/ja", f"{doc_name(k)}.txt"), "w") as f:
                f.write(source_text(k, 12 + self.rng.randrange(20), self.rng))
        self.sync_ok()
        for k in range(self.args.docs):
            self.save(k, every=True)
        self.sync_ok()

    def sync_ok(self):
        run = subprocess.run([self.binary, "sync", "-C", self.root], capture_output=True, text=True)
        if run.returncode != 0:
            raise SystemExit(f"sync failed ({run.returncode}):\n{run.stderr}")
        return run

    def save(self, k, every=False):
        """A translator fills or revises French messages of document k."""
        doc = doc_name(k)
        path = self.path("locales/fr", f"{doc}.ftl")
        try:
            with open(path, encoding="utf-8") as f:
                text = f.read()
        except FileNotFoundError:
            return
        # Every save of this document must still be in the catalog: a loss is caught here,
        # between this read and the previous save of the document.
        with self.lock:
            expected = [(i, v) for (d, i), v in self.saved.items() if d == doc]
        missing = [(i, v) for i, v in expected if v not in text]
        if missing:
            self.caught.extend((doc, i, v) for i, v in missing)
            self.event("missing", doc=doc, values=missing, text=text)
            # Saved again below, so that each loss is counted once.
            with self.lock:
                for i, _ in missing:
                    del self.saved[(doc, i)]
        lines = text.split("\n")
        spots = [i for i, l in enumerate(lines)
                 if re.match(r"^# ([a-z0-9-]+) =$", l) or re.match(r"^([a-z0-9-]+) = ", l)]
        if not spots:
            return
        chosen = spots if every else self.rng.sample(spots, min(len(spots), 1 + self.rng.randrange(3)))
        for i in chosen:
            m = re.match(r"^(?:# )?([a-z0-9-]+) =", lines[i])
            ident = m.group(1)
            with self.lock:
                self.counts["saves"] += 1
                value = f"FR{k} {ident} v{self.counts['saves']}"
                self.saved[(doc, ident)] = value
            lines[i] = f"{ident} = {value}"
        self.event("save-start", doc=doc, ids=[lines[i].split(" =")[0] for i in chosen])
        atomic_write(path, "\n".join(lines))
        self.event("saved", doc=doc, values=[lines[i] for i in chosen])

    def edit(self, k):
        """An editor revises the Japanese release of document k."""
        path = self.path("source_texts/ja", f"{doc_name(k)}.txt")
        with open(path, encoding="utf-8") as f:
            lines = f.read().split("\n")
        spots = [i for i, l in enumerate(lines) if l.endswith("です。")]
        i = self.rng.choice(spots)
        if self.rng.random() < 0.3:
            lines.insert(i + 1, sentence(k, 100 + self.rng.randrange(10**4), self.rng))
        else:
            lines[i] = lines[i].replace("件です。", f"件{self.rng.randrange(9)}です。")
        atomic_write(path, "\n".join(lines))
        with self.lock:
            self.counts["edits"] += 1

    def one_sync(self, rng):
        namespaced = self.namespaces and rng.random() < 0.5
        cmd = [self.binary, "sync", "-C", self.root]
        if namespaced:
            cmd = ["unshare", "--pid", "--fork", "--mount-proc", "--kill-child=SIGKILL"] + cmd
        child = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        self.event("sync-start", pid=child.pid, namespaced=namespaced)
        killed = False
        if rng.random() < 0.5:
            time.sleep(rng.random() * self.args.kill_window)
            if child.poll() is None:
                child.send_signal(signal.SIGKILL)
                killed = True
        stdout, stderr = child.communicate()
        self.event("sync-end", pid=child.pid, killed=killed, rc=child.returncode,
                   stdout=stdout[-3000:], stderr=stderr[-3000:])
        with self.lock:
            self.counts["syncs"] += 1
            self.counts["namespaced"] += namespaced
            self.counts["killed"] += killed
            if not killed and child.returncode == 1:
                self.counts["exit_1"] += 1
                if "saved while sync ran" in stderr:
                    self.counts["saved_while_sync"] += 1
            elif not killed and child.returncode != 0:
                self.counts["other_failures"] += 1
                self.failures.append(stderr[-2000:])

    def syncer(self, seed, deadline):
        rng = random.Random(seed)
        while time.time() < deadline:
            self.one_sync(rng)

    def run(self):
        self.setup()
        deadline = time.time() + self.args.minutes * 60
        threads = [threading.Thread(target=self.syncer, args=(self.args.seed + n, deadline))
                   for n in range(2)]
        for t in threads:
            t.start()
        while time.time() < deadline:
            k = self.rng.randrange(self.args.docs)
            if self.rng.random() < 0.4:
                self.edit(k)
            else:
                self.save(k)
            time.sleep(self.rng.random() * self.args.pause)
        for t in threads:
            t.join()
        first = self.sync_ok()
        second = self.sync_ok()
        return self.verify(second)

    def verify(self, second):
        lost, wrong = [], []
        lost = [f"{doc} {ident}: {value} (caught during the run)" for doc, ident, value in self.caught]
        for (doc, ident), value in sorted(self.saved.items()):
            with open(self.path("locales/fr", f"{doc}.ftl"), encoding="utf-8") as f:
                if value not in f.read():
                    lost.append(f"{doc} {ident}: {value}")
        for k in range(self.args.docs):
            doc = doc_name(k)
            for locale, pattern in [("fr", r"FR(\d+) "), ("ja", r"文書(\d+)")]:
                with open(self.path("locales", locale, f"{doc}.ftl"), encoding="utf-8") as f:
                    text = f.read()
                others = {int(n) for n in re.findall(pattern, text)} - {k}
                if others:
                    wrong.append(f"locales/{locale}/{doc}.ftl holds text of documents {sorted(others)}")
            with open(self.path("locales/ja", f"{doc}.ftl"), encoding="utf-8") as f:
                if "FR" in f.read():
                    wrong.append(f"locales/ja/{doc}.ftl holds French")
        settled = "updated" not in second.stdout and "created" not in second.stdout
        summary = dict(minutes=self.args.minutes, docs=self.args.docs,
                       pid_namespaces=2 if self.namespaces else 1, **self.counts,
                       translations_checked=len(self.saved) + len(self.caught), lost=len(lost), wrong=len(wrong),
                       second_sync_settled=settled)
        return summary, lost, wrong

    def cleanup(self):
        shutil.rmtree(self.root, ignore_errors=True)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--minutes", type=float, default=10)
    ap.add_argument("--docs", type=int, default=24)
    ap.add_argument("--seed", type=int, default=20)
    ap.add_argument("--binary", default=os.path.join(REPO, "target", "debug", "honyaku"))
    ap.add_argument("--kill-window", type=float, default=0.3,
                    help="seconds after its start within which a sync may be killed")
    ap.add_argument("--pause", type=float, default=0.05, help="longest pause between edits")
    ap.add_argument("--no-namespaces", dest="namespaces", action="store_false")
    ap.add_argument("--keep", action="store_true", help="keep the project directory")
    ap.add_argument("--log", help="write every save and sync, as JSON lines, to this file")
    args = ap.parse_args()
    if not os.path.exists(args.binary):
        subprocess.run(["cargo", "build", "--quiet", "--bin", "honyaku"], cwd=REPO, check=True)
    soak = Soak(args)
    try:
        summary, lost, wrong = soak.run()
    finally:
        if not args.keep:
            soak.cleanup()
    print(json.dumps(summary, indent=1, ensure_ascii=False))
    for line in lost[:20] + wrong[:20] + soak.failures[:3]:
        print("  " + line)
    ok = not lost and not wrong and summary["second_sync_settled"] and not soak.failures
    print("soak: " + ("PASS" if ok else "FAIL"))
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
