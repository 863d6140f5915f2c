#!/usr/bin/env python3
"""Synthetic ministry corpus for the benchmarks: Japanese originals and English releases of
the shape of the shipped ones (date, title, lead, numbered sections, bullets, notes, contact
block), revisions of a share of them with the truth recorded, pseudo-translations for the
target locales, and the same corpus as gettext PO files.

Deterministic from a seed, so two runs (or two machines) measure the same bytes. Used as a
module by scripts/bench.py and runnable on its own:

    python3 scripts/gen_corpus.py --docs 50 --out /tmp/corpus
"""

import argparse
import hashlib
import json
import os
import random
import re
from dataclasses import dataclass, field

FW_DIGITS = str.maketrans("0123456789", "０１２３４５６７８９")
WEEKDAYS = [("月", "Monday"), ("火", "Tuesday"), ("水", "Wednesday"), ("木", "Thursday"),
            ("金", "Friday"), ("土", "Saturday"), ("日", "Sunday")]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]
# (ja, en) vocabulary: slots of the sentence templates below.
ORGS = [("総務省", "MIC"), ("情報通信審議会", "the Information and Communications Council"),
        ("電波監理審議会", "the Radio Regulatory Council"), ("消防庁", "the Fire and Disaster Management Agency"),
        ("統計局", "the Statistics Bureau"), ("行政評価局", "the Administrative Evaluation Bureau"),
        ("自治行政局", "the Local Administration Bureau"), ("国際戦略局", "the Global Strategy Bureau")]
TOPICS = [("5G基地局の整備", "the deployment of 5G base stations"),
          ("ローカル5Gの普及", "the diffusion of local 5G"),
          ("電波利用料制度の見直し", "the review of the radio usage fee system"),
          ("マイナンバーカードの普及促進", "the promotion of My Number Cards"),
          ("テレワークの推進", "the promotion of telework"),
          ("地方公共団体のデジタル化", "the digitalization of local governments"),
          ("サイバーセキュリティ対策", "cybersecurity measures"),
          ("放送ネットワークの強靱化", "the resilience of broadcasting networks"),
          ("消防防災体制の強化", "the strengthening of fire and disaster prevention"),
          ("統計調査の効率化", "the efficiency of statistical surveys"),
          ("郵便サービスの確保", "securing postal services"),
          ("光ファイバの整備", "the deployment of optical fiber"),
          ("周波数の再編", "the reallocation of frequencies"),
          ("行政手続のオンライン化", "online administrative procedures"),
          ("偽情報への対応", "countering disinformation"),
          ("地域の課題解決", "solving regional issues")]
EVENTS = [("検討会", "study group"), ("説明会", "briefing session"), ("意見募集", "call for public comments"),
          ("実証事業", "demonstration project"), ("調査", "survey"), ("会合", "meeting"),
          ("研修", "training program"), ("公開ヒアリング", "public hearing")]
PLACES = [("東京", "Tokyo"), ("大阪", "Osaka"), ("札幌", "Sapporo"), ("仙台", "Sendai"), ("名古屋", "Nagoya"),
          ("広島", "Hiroshima"), ("福岡", "Fukuoka"), ("那覇", "Naha"), ("金沢", "Kanazawa"), ("高松", "Takamatsu")]
PEOPLE = [("山本", "YAMAMOTO"), ("佐藤", "SATO"), ("小林", "KOBAYASHI"), ("中村", "NAKAMURA"),
          ("田中", "TANAKA"), ("高橋", "TAKAHASHI"), ("伊藤", "ITO"), ("渡辺", "WATANABE")]
HEADINGS = [("概要", "Overview"), ("背景", "Background"), ("主な内容", "Main points"),
            ("今後の予定", "Future schedule"), ("意見募集の結果", "Results of the call for public comments"),
            ("日時", "Date and time"), ("開催場所", "Venue"), ("対象", "Eligibility"),
            ("関係資料", "Related materials"), ("申込方法", "How to apply")]
# Words an edit inserts: (ja, en).
ADVERBS = [("速やかに", "promptly"), ("引き続き", "continuously"), ("着実に", "steadily"),
           ("積極的に", "actively"), ("全国で", "nationwide")]


def _sentence(rng):
    """One (ja, en) sentence pair of realistic length, with numbers and dates."""
    org, topic, event, place = rng.choice(ORGS), rng.choice(TOPICS), rng.choice(EVENTS), rng.choice(PLACES)
    topic2 = rng.choice(TOPICS)
    y, m, d = rng.randint(2019, 2025), rng.randint(1, 12), rng.randint(1, 28)
    wd = rng.choice(WEEKDAYS)
    n = rng.randint(2, 980)
    pct = rng.randint(10, 99)
    r = y - 2018
    ja_date = f"令和{r}年{m}月{d}日（{wd[0]}）"
    en_date = f"{wd[1]}, {MONTHS[m - 1]} {d}, {y}"
    k = rng.randrange(12)
    if k == 0:
        return (f"{ja_date}、{org[0]}は、{topic[0]}に関する{event[0]}を{place[0]}で開催しました。",
                f"On {en_date}, {org[1]} held a {event[1]} on {topic[1]} in {place[1]}.")
    if k == 1:
        return (f"本{event[0]}には、計{n}件の意見が提出されました。",
                f"A total of {n} comments were submitted to the {event[1]}.")
    if k == 2:
        return (f"{org[0]}は、{topic[0]}を推進するため、令和{r}年度末までに{n}の地方公共団体と連携して施策を実施します。",
                f"To promote {topic[1]}, {org[1]} will implement measures in cooperation with {n} local governments by the end of FY{y}.")
    if k == 3:
        return (f"令和{r}年{m}月末時点で、{topic[0]}の進捗率は約{pct}％となっています。",
                f"As of the end of {MONTHS[m - 1]} {y}, progress in {topic[1]} stood at approx. {pct}%.")
    if k == 4:
        return (f"提出された意見を踏まえ、{topic[0]}及び{topic2[0]}について所要の修正を行いました。",
                f"Based on the comments received, the necessary revisions were made concerning {topic[1]} and {topic2[1]}.")
    if k == 5:
        return (f"{place[0]}を始めとする全国{n}か所において、{topic[0]}に関する{event[0]}を順次開催する予定です。",
                f"{event[1].capitalize()}{'' if event[1].endswith('s') else 's'} on {topic[1]} will be held in turn at {n} locations across the country, starting in {place[1]}.")
    if k == 6:
        return (f"{topic[0]}は、地域間の格差を生じさせないための喫緊の課題となっています。",
                f"{topic[1][0].upper() + topic[1][1:]} has become an urgent task to prevent regional disparities.")
    if k == 7:
        return (f"{org[0]}では、{ja_date}から同年{m}月{min(d + n % 20 + 1, 28)}日までの間、{topic[0]}に関する{event[0]}を実施しました。",
                f"{org[1][0].upper() + org[1][1:]} conducted a {event[1]} on {topic[1]} from {en_date} to {MONTHS[m - 1]} {min(d + n % 20 + 1, 28)}, {y}.")
    if k == 8:
        return (f"予算額は約{n}億円であり、{topic[0]}及び{topic2[0]}に充てられます。",
                f"The budget is approx. {n} hundred million yen, allocated to {topic[1]} and {topic2[1]}.")
    if k == 9:
        return (f"開催日程等の詳細については、決まり次第、{org[0]}のウェブサイトでお知らせします。",
                f"Details such as the schedule for the {event[1]} in {place[1]} will be announced on the website of {org[1]} as soon as they are decided.")
    if k == 10:
        return (f"{topic[0]}の進捗状況については、年{n % 4 + 1}回程度検証を行い、その結果を公表します。",
                f"Progress in {topic[1]} will be reviewed approx. {n % 4 + 1} times a year, and the results will be published.")
    return (f"{event[0]}には、{n}名の参加者がオンラインでも参加できるようにします。",
            f"Up to {n} participants will also be able to join the {event[1]} online.")


@dataclass
class Block:
    """A block of a release; `pairs` are its (ja, en) sentences (one for non-prose blocks)."""
    kind: str  # date, title, para, heading, bullet, note, contact
    pairs: list
    number: int = 0


@dataclass
class Doc:
    name: str
    blocks: list = field(default_factory=list)


def make_doc(rng, index):
    y, m, d = rng.randint(2019, 2025), rng.randint(1, 12), rng.randint(1, 28)
    topic = rng.choice(TOPICS)
    event = rng.choice(EVENTS)
    name = f"{y}-{m:02d}-{d:02d}-release-{index:05d}"
    blocks = [Block("date", [(f"令和{y - 2018}年{m}月{d}日", f"{MONTHS[m - 1]} {d}, {y}")]),
              Block("title", [(f"{topic[0]}に関する{event[0]}の結果（第{index}報）",
                               f"Results of the {event[1]} on {topic[1]} (report No. {index})")]),
              Block("para", [_sentence(rng) for _ in range(rng.randint(2, 4))])]
    for number in range(1, rng.randint(4, 7) + 1):
        blocks.append(Block("heading", [rng.choice(HEADINGS)], number))
        for _ in range(rng.randint(1, 2)):
            blocks.append(Block("para", [_sentence(rng) for _ in range(rng.randint(2, 6))]))
        if rng.random() < 0.5:
            blocks.append(Block("bullets", [_sentence(rng) for _ in range(rng.randint(2, 5))]))
        if rng.random() < 0.3:
            blocks.append(Block("note", [_sentence(rng)]))
    person = rng.sample(PEOPLE, 2)
    tel = f"5253-{rng.randint(5000, 5999)}"
    blocks.append(Block("contact", [("連絡先", "Contact"),
                                    (f"{rng.choice(ORGS)[0]}総務課", f"General Affairs Division, {rng.choice(ORGS)[1]}"),
                                    (f"担当：{person[0][0]}課長補佐、{person[1][0]}係長",
                                     f"Contact persons: Mr. {person[0][1]}, Ms. {person[1][1]}"),
                                    (f"電話：03-{tel}", f"TEL: +81 3 {tel.replace('-', ' ')}")]))
    return Doc(name, blocks)


def render(doc, lang):
    """The release as text: lang 0 is Japanese, 1 English."""
    out = []
    for b in doc.blocks:
        texts = [p[lang] for p in b.pairs]
        if b.kind in ("date", "title"):
            out.append(texts[0])
            if b.kind == "title":
                out.append("")
        elif b.kind == "heading":
            out.append(f"{str(b.number).translate(FW_DIGITS)}．{texts[0]}" if lang == 0 else f"{b.number}. {texts[0]}")
            out.append("")
        elif b.kind == "para":
            out.append(("　" + "".join(texts)) if lang == 0 else " ".join(texts))
            out.append("")
        elif b.kind == "bullets":
            out.extend(("・" + t) if lang == 0 else ("  • " + t) for t in texts)
            out.append("")
        elif b.kind == "note":
            out.append(("※" + texts[0]) if lang == 0 else ("* " + texts[0]))
            out.append("")
        elif b.kind == "contact":
            out.extend(texts)
    return "\n".join(out) + "\n"


def segments(doc, lang):
    """Every translatable text of a release, in order (the msgids of its PO file)."""
    return [p[lang] for b in doc.blocks for p in b.pairs]


def _edit(rng, pair):
    """A small revision of one sentence pair: a figure changes, or a word is added."""
    ja, en = pair
    numbers = [m for m in re.finditer(r"\d+", en) if m.group() in ja]
    if numbers and rng.random() < 0.6:
        m = rng.choice(numbers)
        new = str(int(m.group()) + rng.randint(1, 9))
        return ja.replace(m.group(), new, 1), en[:m.start()] + new + en[m.end():]
    adv = rng.choice(ADVERBS)
    head, _, tail = ja.rpartition("、")
    ja2 = f"{head}、{adv[0]}{tail}" if head else adv[0] + ja
    en2 = en[:-1] + f", {adv[1]}." if en.endswith(".") else en + " " + adv[1]
    return ja2, en2


def revise(doc, rng):
    """A revised copy of `doc` (edits, an insertion, a deletion, a move) and its truth."""
    new = Doc(doc.name, [Block(b.kind, list(b.pairs), b.number) for b in doc.blocks])
    truth = {"edited": [], "inserted": [], "deleted": [], "moved": []}
    prose = [b for b in new.blocks if b.kind in ("para", "bullets", "note")]
    for b in rng.sample(prose, min(2, len(prose))):
        i = rng.randrange(len(b.pairs))
        old = b.pairs[i]
        b.pairs[i] = _edit(rng, old)
        truth["edited"].append({"old": list(old), "new": list(b.pairs[i])})
    edited = {tuple(e["new"]) for e in truth["edited"]}
    paras = [b for b in new.blocks if b.kind == "para" and len(b.pairs) > 1]
    if paras and rng.random() < 0.8:
        b = rng.choice(paras)
        i = rng.randrange(len(b.pairs))
        if b.pairs[i] not in edited:  # an edited sentence stays, or the truth would lie
            truth["deleted"].append(list(b.pairs.pop(i)))
    b = rng.choice([b for b in new.blocks if b.kind == "para"])
    pair = _sentence(rng)
    b.pairs.insert(rng.randrange(len(b.pairs) + 1), pair)
    truth["inserted"].append(list(pair))
    lists = [b for b in new.blocks if b.kind == "bullets" and len(b.pairs) > 2]
    if lists:
        b = rng.choice(lists)
        item = b.pairs.pop(0)
        b.pairs.append(item)
        truth["moved"].append(list(item))
    return new, truth


def corpus(docs, seed):
    rng = random.Random(seed)
    return [make_doc(rng, i) for i in range(docs)]


def revision(base, share, seed):
    """Revises `share` of the documents; returns the revised docs by name and the truth."""
    rng = random.Random(f"{seed}-{share}")
    count = max(1, round(len(base) * share))
    revised, truth = {}, {}
    for doc in sorted(rng.sample(base, count), key=lambda d: d.name):
        revised[doc.name], truth[doc.name] = revise(doc, rng)
    return revised, truth


def write_sources(root, docs):
    for lang, tag in ((0, "ja"), (1, "en")):
        d = os.path.join(root, "source_texts", tag)
        os.makedirs(d, exist_ok=True)
        for doc in docs:
            with open(os.path.join(d, doc.name + ".txt"), "w", encoding="utf-8") as f:
                f.write(render(doc, lang))


def translated(text):
    """Whether the translators have done this segment: ~90%, decided by its English text so
    the PO catalogs and the Fluent files hold the same translations."""
    return hashlib.blake2b(text.encode(), digest_size=2).digest()[0] % 10 != 0


def pseudo(locale, ja, en):
    """The pseudo-translation of a segment in a target locale."""
    return f"({locale}) {ja}" if locale.startswith("zh") else f"({locale}) {en}"


ENTRY = re.compile(r"^# ([a-z][a-z0-9-]*) =$")


def fill_translations(root, locales, per_entry=False):
    """Translates the placeholders `# id =` that `honyaku sync` wrote in target catalogs.
    With `per_entry`, whether a slot is translated is decided by its file and id instead of
    its English, so a sentence repeated across documents is translated in some and open in
    others (what a translation memory's exact matches are measured on)."""
    for locale in locales:
        d = os.path.join(root, "locales", locale)
        for name in sorted(os.listdir(d)):
            path = os.path.join(d, name)
            with open(path, encoding="utf-8") as f:
                lines = f.read().split("\n")
            ja = en = None
            for i, line in enumerate(lines):
                if line.startswith("# ja: "):
                    ja = line[6:]
                elif line.startswith("# en: "):
                    en = line[6:]
                elif line == "":
                    ja = en = None
                else:
                    m = ENTRY.match(line)
                    if m and ja is not None:
                        key = f"{name}/{m.group(1)}" if per_entry else (en if en is not None else ja)
                        if translated(key):
                            lines[i] = f"{m.group(1)} = {pseudo(locale, ja, en or ja)}"
            with open(path, "w", encoding="utf-8") as f:
                f.write("\n".join(lines))


def po_quote(s):
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


PO_HEADER = ('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
             '"Content-Transfer-Encoding: 8bit\\n"\n"Language: {locale}\\n"\n\n')


def po_text(entries, with_translations, locale="fr"):
    """A PO (or POT) file of (reference, English text) entries for `locale`; duplicates are
    merged. Translations are the English-based pseudo-translation (a gettext project's
    msgids are the English release, so every locale translates from it)."""
    seen = set()
    out = [PO_HEADER.format(locale=locale)]
    for ref, en in entries:
        if en in seen:
            continue
        seen.add(en)
        msgstr = f"({locale}) {en}" if with_translations and translated(en) else ""
        out.append(f"#: {ref}\nmsgid {po_quote(en)}\nmsgstr {po_quote(msgstr)}\n\n")
    return "".join(out)


def po_entries(docs):
    return [(f"{d.name}:{i}", s) for d in docs for i, s in enumerate(segments(d, 1), 1)]


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--docs", type=int, default=5000)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--out", required=True, help="writes base/ and rev01/, rev10/ source trees and truth.json")
    args = ap.parse_args()
    base = corpus(args.docs, args.seed)
    write_sources(os.path.join(args.out, "base"), base)
    truth = {}
    for share, tag in ((0.01, "rev01"), (0.10, "rev10")):
        revised, truth[tag] = revision(base, share, args.seed)
        write_sources(os.path.join(args.out, tag), list(revised.values()))
    with open(os.path.join(args.out, "truth.json"), "w", encoding="utf-8") as f:
        json.dump(truth, f, ensure_ascii=False, indent=1)
    n = sum(len(segments(d, 0)) for d in base)
    print(f"{args.docs} documents, {n} segments per source locale, in {args.out}")


if __name__ == "__main__":
    main()
