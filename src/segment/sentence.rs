//! Sentence segmentation per language: an SRX-like rule table (break rules and no-break
//! exceptions) per language, and Unicode sentence breaks (UAX #29) for locales without one.
//!
//! The rule tables live in `rules/` as plain data ([`Rules`]); the scanner here is shared.
//! It runs over every paragraph of every release on each build, so it makes one byte pass
//! to find candidates (terminals, bullets, matched brackets) and then judges only those,
//! with no regular expressions and a few small allocations per block.
//! UAX #29 is not the candidate generator: it breaks after `Mr.` before a capital, after
//! `1.` list markers and inside `「…。…。」と`, so most of its breaks would need undoing,
//! and it is no faster than this scanner (`cargo bench --bench segment` prints both; the
//! golden-rules harness prints its accuracy beside ours).

use std::borrow::Cow;
use std::ops::Range;

use icu_segmenter::SentenceSegmenter;
use icu_segmenter::options::SentenceBreakInvariantOptions;

use crate::figures::{self, digit_value};
use crate::locale::{Locale, Writing};

#[path = "rules/english.rs"]
mod english;
#[path = "rules/german.rs"]
mod german;
#[path = "rules/japanese.rs"]
mod japanese;

pub use english::ENGLISH;
pub use german::GERMAN;
pub use japanese::JAPANESE;

/// One language's sentence rules, in the spirit of SRX: characters that may end a sentence
/// (break rules) and the contexts that keep them from doing so (exceptions). A new language
/// is a new table; each field says which behaviour of the shared scanner it drives.
#[derive(Debug)]
pub struct Rules {
    /// Spaced scripts decide a boundary by the word after the terminal (its case, whether it
    /// usually starts a sentence); unspaced scripts end a sentence right after the terminal.
    pub writing: Writing,
    /// Characters that may end a sentence. Runs of them (`?!`, `...`) are one terminal.
    pub terminals: &'static [char],
    /// Terminals that are no terminal when a letter or digit follows at once, because they
    /// are decimal points or dots in names (`３．２９`, `ｗｗｗ．ｓｏｕｍｕ`).
    pub infix_terminals: &'static [char],
    /// Whether ASCII terminals end a sentence only after a non-ASCII character: in Japanese,
    /// `!` and `?` after Latin text belong to it (`Yahoo!ニュース`, `?id=1` in a URL).
    pub ascii_marks_need_native: bool,
    /// Closing quotes and brackets that stay with the sentence they follow (`."`, `。」`).
    pub closers: &'static [char],
    /// Quotes and brackets skipped when judging the word after a terminal (`. "The`).
    pub openers: &'static [char],
    /// Bracket pairs (`open_brackets[i]` closes with `close_brackets[i]`). No sentence ends
    /// inside a matched pair; unmatched brackets are ignored. Symmetric quotes cannot be
    /// pairs here, since their direction is unknown.
    pub open_brackets: &'static [char],
    /// The closing brackets, parallel to `open_brackets`.
    pub close_brackets: &'static [char],
    /// Bullets that start a new sentence even in the middle of a line (`• 9. … • 10. …`).
    pub bullets: &'static [char],
    /// Whether an item marker after a space starts a new sentence when the current sentence
    /// opened with the previous marker of the same style (`1) … 2) …`, `a. … b. …`).
    pub split_enumerations: bool,
    /// Abbreviations that are never the last word of a sentence (`Mr.`, `Prof.`, `e.g.`),
    /// lower case, without the final period; matched case-insensitively against the one
    /// word (letters, digits, inner dots) before the period, so `et al.` is listed as `al`.
    pub prepositive: &'static [&'static str],
    /// Abbreviations that may end a sentence: a digit after them continues it (`No. 23`,
    /// `approx. 20`), a capital starts a new one (`… & Co. It closed`).
    pub abbreviations: &'static [&'static str],
    /// Abbreviations that qualify the figure after them (`approx.`, `ca.`, `est.`, `No.`,
    /// German `Mrd.`): before a figure (a token with a digit, `A-12`), a currency or unit
    /// code before a number (`JPY 250`, `EUR 5`) or a word of `units` (`Mrd. Euro`) they
    /// never end a sentence; before any other capital they may, as `abbreviations` do.
    pub figure_abbreviations: &'static [&'static str],
    /// Currencies and units written as capitalised words after a figure abbreviation
    /// (`Euro`, `Yen`), matched case-sensitively.
    pub units: &'static [&'static str],
    /// Whether a number of one or two digits before a full stop is an ordinal (German
    /// `1. April`, `3. Sitzung`): then it ends a sentence only before a word of
    /// `sentence_starters`.
    pub ordinal_stops: bool,
    /// Times of day (`a.m.`, `p.m.`): before a capital they end the sentence unless the
    /// sentence so far is only the time phrase (`At 5 a.m. Mr. Smith went …`).
    pub time_abbreviations: &'static [&'static str],
    /// Words that usually start a sentence, which decide whether a capital after an
    /// ambiguous abbreviation or initial starts a new one (`the U.S. How` vs `the U.S.
    /// Government`).
    pub sentence_starters: &'static [&'static str],
    /// Unspaced scripts: characters (inclusive ranges) that continue a sentence after a
    /// bracketed sentence that opens it (`「…。」と述べた。`).
    pub continuations: &'static [(char, char)],
}

/// The rule table for a locale, by language; `None` means UAX #29 is used.
pub fn rules_for(locale: &Locale) -> Option<&'static Rules> {
    match locale.language() {
        "en" => Some(&ENGLISH),
        "de" => Some(&GERMAN),
        "ja" => Some(&JAPANESE),
        _ => None,
    }
}

/// Splits one block's text into sentences.
///
/// Contract: the returned ranges are in order, do not overlap, start and end on char
/// boundaries, contain no leading or trailing whitespace (Unicode `White_Space`, which
/// includes U+3000 and U+00A0), and together cover every non-whitespace character of `text`.
/// `text` may contain line breaks (hard wraps): they count as whitespace.
pub fn split(text: &str, locale: &Locale) -> Vec<Range<usize>> {
    match rules_for(locale) {
        Some(rules) => split_with(text, rules),
        None => split_uax29(text),
    }
}

/// Splits with an explicit rule table, for languages that share one or for testing a new
/// table; same contract as [`split`].
pub fn split_with(text: &str, rules: &Rules) -> Vec<Range<usize>> {
    Scanner::new(text, rules).run()
}

/// UAX #29 sentence breaks, with hard wraps read as spaces: UAX #29 ends a sentence at every
/// line break, but inside a block a line break is only a wrap.
fn split_uax29(text: &str) -> Vec<Range<usize>> {
    let is_break = |c: char| matches!(c, '\n' | '\r' | '\u{85}' | '\u{2028}' | '\u{2029}');
    let unwrapped: Cow<'_, str> = if text.contains(is_break) {
        // Same byte length per char, so break offsets are offsets into `text`.
        Cow::Owned(
            text.chars()
                .flat_map(|c| {
                    let width = if is_break(c) { c.len_utf8() } else { 0 };
                    std::iter::repeat_n(' ', width).chain((width == 0).then_some(c))
                })
                .collect(),
        )
    } else {
        Cow::Borrowed(text)
    };
    let mut out = Vec::new();
    let mut from = 0;
    for at in
        SentenceSegmenter::new(SentenceBreakInvariantOptions::default()).segment_str(&unwrapped)
    {
        push_trimmed(text, from..at, &mut out);
        from = at;
    }
    out
}

/// Pushes `range` without its outer whitespace, unless nothing is left.
fn push_trimmed(text: &str, range: Range<usize>, out: &mut Vec<Range<usize>>) {
    let piece = &text[range.clone()];
    let start = range.start + (piece.len() - piece.trim_start().len());
    let end = range.start + piece.trim_end().len();
    if start < end {
        out.push(start..end);
    }
}

fn peek(text: &str, at: usize) -> Option<char> {
    text.get(at..).and_then(|rest| rest.chars().next())
}

fn before(text: &str, at: usize) -> Option<char> {
    text.get(..at).and_then(|head| head.chars().next_back())
}

fn skip_space(text: &str, mut at: usize) -> usize {
    while let Some(c) = peek(text, at).filter(|c| c.is_whitespace()) {
        at += c.len_utf8();
    }
    at
}

/// Latin letters and digits, ASCII or full-width, as found around decimal points and in
/// names (`３．２９`, `ｗｗｗ．ｓｏｕｍｕ`); not kana or kanji, which start the next sentence.
fn is_latin_alphanumeric(c: char) -> bool {
    figures::fold_char(c).is_ascii_alphanumeric()
}

/// A set of chars with an exact ASCII bitmap and a 64-bit filter in front of a linear scan
/// for the rest, so that the common case (a letter, a kana, a kanji) costs two shifts.
#[derive(Debug, Clone, Copy)]
struct CharSet {
    ascii: u128,
    filter: u64,
    chars: &'static [char],
}

impl CharSet {
    fn new(chars: &'static [char]) -> Self {
        let mut set = CharSet {
            ascii: 0,
            filter: 0,
            chars,
        };
        for &c in chars {
            if c.is_ascii() {
                set.ascii |= 1 << (c as u32);
            } else {
                set.filter |= 1 << (c as u32 & 63);
            }
        }
        set
    }

    fn contains(&self, c: char) -> bool {
        if c.is_ascii() {
            self.ascii >> (c as u32) & 1 == 1
        } else {
            self.filter >> (c as u32 & 63) & 1 == 1 && self.chars.contains(&c)
        }
    }
}

/// Which bytes may start a char worth a closer look: a table of ASCII stops and of the lead
/// bytes of non-ASCII ones, then the low bits of the second byte (which tells `。` from kana).
/// Skipping text with it is what keeps the scanner fast on prose, where almost every char is
/// a plain letter, kana or kanji. Continuation bytes are never stops, so a skip always lands
/// on a char boundary.
#[derive(Debug, Clone)]
struct Stops {
    table: [bool; 256],
    /// `pairs[lead & 15]` has bit `second & 63` for each non-ASCII stop.
    pairs: [u64; 16],
}

impl Stops {
    fn new(chars: impl IntoIterator<Item = char>) -> Self {
        let mut stops = Stops {
            table: [false; 256],
            pairs: [0; 16],
        };
        for c in chars {
            let mut buffer = [0; 4];
            let bytes = c.encode_utf8(&mut buffer).as_bytes();
            stops.table[usize::from(bytes[0])] = true;
            if let Some(&second) = bytes.get(1) {
                stops.pairs[usize::from(bytes[0] & 15)] |= 1 << (second & 63);
            }
        }
        stops
    }

    /// Also stops at every whitespace char (and at every other non-ASCII one).
    fn with_space(&self) -> Self {
        let mut stops = self.clone();
        for b in [b' ', b'\t', b'\n', 0x0B, 0x0C, b'\r'] {
            stops.table[usize::from(b)] = true;
        }
        stops.table[0xC0..].fill(true);
        stops.pairs = [u64::MAX; 16];
        stops
    }

    /// The first position in `at..limit` (a char boundary) that may hold a stop char.
    /// Byte by byte with a fixed stride, not char by char: without a dependency on each
    /// char's width the loop pipelines, which matters more than touching continuation bytes.
    fn next(&self, bytes: &[u8], mut at: usize, limit: usize) -> usize {
        let limit = limit.min(bytes.len());
        while let Some(offset) = bytes[at.min(limit)..limit]
            .iter()
            .position(|&b| self.table[usize::from(b)])
        {
            at += offset;
            let lead = bytes[at];
            let second = bytes.get(at + 1).map_or(0, |&s| s & 63);
            if lead < 0x80 || self.pairs[usize::from(lead & 15)] >> second & 1 == 1 {
                return at;
            }
            at += 1;
        }
        limit
    }
}

/// What the one pass over every byte finds.
#[derive(Debug)]
struct Candidates {
    /// Positions of terminals and bullets, for the scanner to judge, sorted.
    marks: Vec<usize>,
    /// Outermost matched bracket spans (opening bracket to just after the closing one),
    /// sorted. A closer that matches an opener further down the stack drops the unmatched
    /// openers above it, so one stray `「` cannot swallow a paragraph.
    spans: Vec<Range<usize>>,
    /// Whether a second item marker (`2.`, `2)`, `(b)`, `（２）` …) may occur, without which
    /// the block's first sentence need not be watched for one (see [`Items::Implied`]).
    second_item: bool,
}

fn candidates(text: &str, rules: &Rules) -> Candidates {
    let opens = CharSet::new(rules.open_brackets);
    let closes = CharSet::new(rules.close_brackets);
    let marks = [CharSet::new(rules.terminals), CharSet::new(rules.bullets)];
    let stops = Stops::new(
        [
            rules.open_brackets,
            rules.close_brackets,
            rules.terminals,
            rules.bullets,
        ]
        .into_iter()
        .flatten()
        .copied(),
    );
    let bytes = text.as_bytes();
    let mut positions = Vec::new();
    let mut second_item = false;
    let mut stack: Vec<(usize, usize)> = Vec::new();
    let mut spans: Vec<Range<usize>> = Vec::new();
    let mut at = 0;
    loop {
        at = stops.next(bytes, at, bytes.len());
        let Some(c) = peek(text, at) else { break };
        let here = at;
        at += c.len_utf8();
        if marks.iter().any(|set| set.contains(c)) {
            positions.push(here);
        }
        if matches!(c, '.' | ')' | '．' | '）') {
            second_item |= matches!(before(text, here), Some('2' | '２' | 'b' | 'B'));
        }
        if opens.contains(c) {
            if let Some(kind) = rules.open_brackets.iter().position(|&o| o == c) {
                stack.push((kind, here));
            }
            continue;
        }
        if !closes.contains(c) {
            continue;
        }
        let kind = rules.close_brackets.iter().position(|&o| o == c);
        let Some(depth) = stack.iter().rposition(|&(k, _)| Some(k) == kind) else {
            continue;
        };
        let open = stack[depth].1;
        stack.truncate(depth);
        while spans.last().is_some_and(|s| s.start > open) {
            spans.pop();
        }
        spans.push(open..at);
    }
    Candidates {
        marks: positions,
        spans,
        second_item,
    }
}

/// How list items are numbered; two markers are one enumeration if this and the
/// punctuation agree.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Numbering {
    Digits,
    Letter,
    Circled,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Punct {
    /// `1.` `a.` `１．`
    Dot,
    /// `1)` `a)` `1）`
    Paren,
    /// `1.)` `1.）`
    DotParen,
    /// `(1)` `（１）` `(a)`
    Parens,
    /// `①`
    Bare,
}

/// An enumerator inside running text (`1) … 2) …`), which may break a sentence where the
/// next one follows it. Not a block's list marker ([`crate::figures::Marker`]): that one is
/// read at the start of a line, by the block reader.
#[derive(Debug, Clone, Copy)]
struct Enumerator {
    numbering: Numbering,
    punct: Punct,
    value: u32,
    end: usize,
}

impl Enumerator {
    fn follows(&self, previous: &Enumerator) -> bool {
        self.numbering == previous.numbering
            && self.punct == previous.punct
            && self.value == previous.value + 1
    }
}

/// An enumerator starting at `at`: up to three digits, one Latin letter or a circled number,
/// with its punctuation. A dot marker must not run into a digit (`1.5`), and a letter
/// marker must be followed by a space, so `e.g.` is no marker.
fn enumerator_at(text: &str, at: usize) -> Option<Enumerator> {
    let mut pos = at;
    let parens = matches!(peek(text, pos), Some('(' | '（'));
    if parens {
        pos += peek(text, pos).map_or(0, char::len_utf8);
    }
    let first = peek(text, pos)?;
    let (numbering, value) = if digit_value(first).is_some() {
        let mut value: u32 = 0;
        let mut count = 0;
        while let Some((c, d)) = peek(text, pos).and_then(|c| Some((c, digit_value(c)?))) {
            value = value.saturating_mul(10).saturating_add(d);
            count += 1;
            pos += c.len_utf8();
        }
        if count > 3 {
            return None;
        }
        (Numbering::Digits, value)
    } else if first.is_ascii_alphabetic() {
        pos += 1;
        (
            Numbering::Letter,
            u32::from(first.to_ascii_lowercase() as u8 - b'a') + 1,
        )
    } else if let Some(value) = figures::circled_value(first).filter(|_| !parens) {
        return Some(Enumerator {
            numbering: Numbering::Circled,
            punct: Punct::Bare,
            value,
            end: pos + first.len_utf8(),
        });
    } else {
        return None;
    };
    let is_close = |c: Option<char>| matches!(c, Some(')' | '）'));
    let punct = if parens {
        if !is_close(peek(text, pos)) {
            return None;
        }
        Punct::Parens
    } else {
        match peek(text, pos) {
            Some('.' | '．') => {
                pos += peek(text, pos).map_or(0, char::len_utf8);
                if is_close(peek(text, pos)) {
                    Punct::DotParen
                } else {
                    Punct::Dot
                }
            }
            Some(')' | '）') => Punct::Paren,
            _ => return None,
        }
    };
    if punct != Punct::Dot {
        pos += peek(text, pos).map_or(0, char::len_utf8);
    }
    let next = peek(text, pos);
    let valid = match (punct, numbering) {
        (Punct::Dot, Numbering::Digits) => {
            next.is_none_or(|c| c.is_whitespace() || (!c.is_ascii() && digit_value(c).is_none()))
        }
        (_, Numbering::Letter) => next.is_none_or(char::is_whitespace),
        _ => true,
    };
    valid.then_some(Enumerator {
        numbering,
        punct,
        value,
        end: pos,
    })
}

/// What the word before a period is, which decides how the next word is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum WordKind {
    /// An ordinary word, number or link: the period ends the sentence before a capital.
    Plain,
    Prepositive,
    Time,
    /// `U.S.`, `E.U.`, `Ph.D.`
    Initialism,
    /// A single capital (`E.` in `Jonas E. Smith`).
    Initial(char),
    /// A known abbreviation, or a single lower-case letter (`p. 55`).
    Abbreviation,
}

/// A run of terminals (`.`, `?!`, `...`, `. . . .`) and the closers after it.
#[derive(Debug)]
struct Cluster {
    end: usize,
    dots: usize,
    marks: bool,
    /// Dots separated by single spaces (`. . .`).
    spaced: bool,
    /// The first dot touches the word before it (`compounds. . . .`).
    attached: bool,
    closed: bool,
}

struct Scanner<'a> {
    text: &'a str,
    rules: &'a Rules,
    terminals: CharSet,
    closers: CharSet,
    bullets: CharSet,
    /// Candidate positions and bracket spans (see [`Candidates`]).
    marks: Vec<usize>,
    spans: Vec<Range<usize>>,
    second_item: bool,
    out: Vec<Range<usize>>,
    /// Where the current sentence starts (its first non-space char).
    start: usize,
    /// Where its text starts after bullets and an item marker.
    body: usize,
    /// Which item marker would start the next sentence, while enumerations are split.
    items: Items,
}

/// The enumeration the current sentence belongs to.
#[derive(Debug, Clone, Copy)]
enum Items {
    None,
    /// The sentence opened with this marker: its successor starts the next sentence.
    Opened(Enumerator),
    /// The block's first sentence has no marker of its own, which is what a list item looks
    /// like after the block reader has moved its `1.` into the skeleton: a `2.` (or `b.`)
    /// before a capital starts the next item, unless a `1.` came first inside the sentence
    /// (`He pointed out: (1) … and (2) …`).
    Implied,
}

impl<'a> Scanner<'a> {
    fn new(text: &'a str, rules: &'a Rules) -> Self {
        let Candidates {
            marks,
            spans,
            second_item,
        } = candidates(text, rules);
        Scanner {
            text,
            rules,
            terminals: CharSet::new(rules.terminals),
            closers: CharSet::new(rules.closers),
            bullets: CharSet::new(rules.bullets),
            marks,
            spans,
            second_item,
            out: Vec::new(),
            start: 0,
            body: 0,
            items: Items::None,
        }
    }

    fn run(mut self) -> Vec<Range<usize>> {
        let text = self.text;
        let bytes = text.as_bytes();
        // Between candidates only spaces matter, and only while an enumeration may go on.
        let spaces = Stops::new([]).with_space();
        let mut at = self.begin(0);
        let (mut next_mark, mut next_span) = (0, 0);
        loop {
            while self.marks.get(next_mark).is_some_and(|&m| m < at) {
                next_mark += 1;
            }
            while self.spans.get(next_span).is_some_and(|s| s.start < at) {
                next_span += 1;
            }
            let limit = self.spans.get(next_span).map_or(text.len(), |s| s.start);
            let limit = self.marks.get(next_mark).map_or(limit, |&m| m.min(limit));
            at = match self.items {
                Items::None => limit,
                _ => spaces.next(bytes, at, limit),
            };
            let Some(c) = peek(text, at) else { break };
            if let Some(span) = self.spans.get(next_span).filter(|s| s.start == at).cloned() {
                at = self.after_bracket(span);
            } else if self.terminals.contains(c) {
                at = self.after_terminal(at, c);
            } else if self.bullets.contains(c)
                && at > self.start
                && before(text, at).is_some_and(char::is_whitespace)
            {
                at = self.cut(at);
            } else if !matches!(self.items, Items::None) && c.is_whitespace() {
                at = self
                    .next_item(at + c.len_utf8())
                    .unwrap_or(at + c.len_utf8());
            } else {
                at += c.len_utf8();
            }
        }
        push_trimmed(text, self.start..text.len(), &mut self.out);
        self.out
    }

    /// Ends the current sentence at `at` and starts the next; returns where to scan on.
    fn cut(&mut self, at: usize) -> usize {
        push_trimmed(self.text, self.start..at, &mut self.out);
        self.begin(at)
    }

    /// Starts a sentence at the first non-space char from `at`, stepping over bullets and an
    /// item marker, whose dots are not terminals (`1. The first item`, `１．概要`).
    fn begin(&mut self, at: usize) -> usize {
        let text = self.text;
        self.start = skip_space(text, at);
        let mut body = self.start;
        while let Some(c) = peek(text, body).filter(|&c| self.bullets.contains(c)) {
            body = skip_space(text, body + c.len_utf8());
        }
        let marker = enumerator_at(text, body);
        self.items = match marker {
            _ if !self.rules.split_enumerations => Items::None,
            Some(marker) => Items::Opened(marker),
            None if self.out.is_empty() && self.second_item => Items::Implied,
            None => Items::None,
        };
        let scan_from = match marker {
            Some(marker) => {
                body = skip_space(text, marker.end);
                marker.end
            }
            None => body,
        };
        self.body = body;
        scan_from
    }

    /// At a space before a possible item marker: starts a new sentence if the marker
    /// continues the enumeration this sentence belongs to (see [`Items`]).
    fn next_item(&mut self, at: usize) -> Option<usize> {
        // Most words are no marker: only a digit, `(`, a letter before `.`/`)` or a non-ASCII
        // char (`（`, `１`, `①`) can start one.
        let bytes = self.text.as_bytes();
        let head = *bytes.get(at)?;
        let could_be = head.is_ascii_digit()
            || head == b'('
            || head >= 0x80
            || (head.is_ascii_alphabetic() && matches!(bytes.get(at + 1), Some(b'.' | b')')));
        if !could_be {
            return None;
        }
        let marker = enumerator_at(self.text, at)?;
        let spaced = peek(self.text, marker.end).is_some_and(char::is_whitespace);
        let starts_item = match self.items {
            Items::None => false,
            Items::Opened(current) => marker.follows(&current),
            Items::Implied if marker.value == 1 => {
                self.items = Items::None;
                false
            }
            Items::Implied => {
                marker.value == 2
                    && marker.punct != Punct::Bare
                    && self
                        .content_after(marker.end)
                        .1
                        .is_some_and(char::is_uppercase)
            }
        };
        (spaced && starts_item).then(|| self.cut(at))
    }

    /// After a matched bracket: nothing inside it ends a sentence, but a bracketed sentence
    /// that opens a sentence (`(See the annex.) Next …`, `「ありがとう。」田中氏は…`)
    /// ends there unless what follows continues it.
    fn after_bracket(&mut self, span: Range<usize>) -> usize {
        let text = self.text;
        let opens_sentence = span.start == self.start || span.start == self.body;
        if !(opens_sentence && self.holds_sentence(&span)) {
            return span.end;
        }
        let end = self.skip_closers(span.end);
        let Some(next) = peek(text, skip_space(text, end)) else {
            return end;
        };
        let continues = match self.rules.writing {
            Writing::Spaced => self.content_after(end).1.is_some_and(char::is_lowercase),
            Writing::Unspaced => self
                .rules
                .continuations
                .iter()
                .any(|&(lo, hi)| (lo..=hi).contains(&next)),
        };
        if continues { end } else { self.cut(end) }
    }

    /// Whether a bracketed span holds a sentence of its own: text ending in a terminal
    /// (`(See the annex.)`, `「ありがとう。」`), not a remark (`（個人9件）`, `(TSE: 9999)`).
    fn holds_sentence(&self, span: &Range<usize>) -> bool {
        let inner = &self.text[span.start..span.end];
        inner.chars().any(char::is_alphanumeric)
            && inner
                .chars()
                .rev()
                .skip(1)
                .find(|&c| !self.closers.contains(c) && !c.is_whitespace())
                .is_some_and(|c| self.terminals.contains(c))
    }

    /// Whether what follows a sentence's end at `end` is only a bracketed remark that closes
    /// the block (`…に賛成する。（法人・団体7件）`, `… delivery. (7 comments)`): the remark
    /// qualifies that sentence and is not one of its own.
    fn trailing_remark(&self, end: usize) -> bool {
        let next = skip_space(self.text, end);
        self.spans
            .iter()
            .find(|span| span.start == next)
            .is_some_and(|span| {
                skip_space(self.text, span.end) == self.text.len() && !self.holds_sentence(span)
            })
    }

    /// Whether the current sentence starts with the terminal at `at`: a terminal there (the
    /// dot of a `  . item` line, a stray `。`) ends nothing.
    fn nothing_before(&self, at: usize) -> bool {
        at == self.start
    }

    fn skip_closers(&self, mut at: usize) -> usize {
        while let Some(c) = peek(self.text, at).filter(|&c| self.closers.contains(c)) {
            at += c.len_utf8();
        }
        at
    }

    fn after_terminal(&mut self, at: usize, c: char) -> usize {
        let text = self.text;
        let width = c.len_utf8();
        match self.rules.writing {
            Writing::Unspaced => {
                let infix = self.rules.infix_terminals.contains(&c)
                    && peek(text, at + width).is_some_and(is_latin_alphanumeric);
                let latin = self.rules.ascii_marks_need_native
                    && c.is_ascii()
                    && before(text, at).is_none_or(|p| p.is_ascii());
                if infix || latin {
                    return at + width;
                }
                let mut end = at + width;
                while let Some(t) = peek(text, end).filter(|&t| self.terminals.contains(t)) {
                    end += t.len_utf8();
                }
                let end = self.skip_closers(end);
                if self.nothing_before(at) || self.trailing_remark(end) {
                    return end;
                }
                self.cut(end)
            }
            Writing::Spaced => {
                let cluster = self.cluster(at);
                match self.spaced_break(at, &cluster) {
                    Some(cut) if !self.nothing_before(at) && !self.trailing_remark(cut) => {
                        self.cut(cut)
                    }
                    _ => cluster.end,
                }
            }
        }
    }

    fn cluster(&self, at: usize) -> Cluster {
        let text = self.text;
        let bytes = text.as_bytes();
        let (mut end, mut dots, mut marks, mut spaced) = (at, 0, false, false);
        while let Some(c) = peek(text, end) {
            match c {
                '.' => dots += 1,
                '…' => dots += 3,
                ' ' if dots > 0 && !marks && bytes.get(end + 1) == Some(&b'.') => spaced = true,
                _ if self.terminals.contains(c) => marks = true,
                _ => break,
            }
            end += c.len_utf8();
        }
        let after_terminals = end;
        let end = self.skip_closers(end);
        Cluster {
            end,
            dots,
            marks,
            spaced,
            attached: before(text, at).is_some_and(|p| !p.is_whitespace()),
            closed: end > after_terminals,
        }
    }

    /// Where (if anywhere) a spaced-script sentence ends at the terminal run at `at`.
    fn spaced_break(&self, at: usize, cluster: &Cluster) -> Option<usize> {
        let text = self.text;
        let next = skip_space(text, cluster.end);
        if next >= text.len() {
            return None;
        }
        let (content, first) = self.content_after(cluster.end);
        let upper = first.is_some_and(char::is_uppercase);
        if !cluster.marks && cluster.dots >= 3 {
            // An ellipsis continues the sentence; four dots are an ellipsis and a full stop.
            // `compounds. . . . The` ends at the first dot (the ellipsis opens the next
            // sentence); `period . . . . Next` and `that.... She` end after the last.
            if cluster.dots < 4 || !upper {
                return None;
            }
            return Some(if cluster.spaced && cluster.attached {
                at + peek(text, at).map_or(1, char::len_utf8)
            } else {
                cluster.end
            });
        }
        if next == cluster.end {
            return self.glued(at, cluster.end).then_some(cluster.end);
        }
        // A tab separates the cells of a table row (`Example Co., Ltd.<TAB>Kagawa`), not
        // sentences: the row stays one segment, as its Japanese row is.
        if text[cluster.end..next].contains('\t') && !text[cluster.end..next].contains(['\n', '\r'])
        {
            return None;
        }
        if first.is_some_and(char::is_lowercase) {
            return None;
        }
        if cluster.marks || cluster.closed {
            return Some(cluster.end);
        }
        let digit = first.is_some_and(char::is_numeric);
        let bracketed = matches!(peek(text, next), Some('(' | '['));
        let word = if is_link(self.token_around(at)) {
            ""
        } else {
            self.word_before(at)
        };
        let starter = || {
            self.rules
                .sentence_starters
                .contains(&word_at(text, content))
        };
        if self.inside_spaced_abbreviation(at) {
            return None;
        }
        let figure_follows = || self.figure_at(content);
        let ends = match self.classify(word) {
            // `am 1. April`, `die 3. Sitzung`: an ordinal goes on, unless a new sentence
            // plainly starts.
            WordKind::Plain
                if self.rules.ordinal_stops
                    && is_ordinal_number(word)
                    && !self.counted_before(at - word.len()) =>
            {
                upper && starter()
            }
            WordKind::Plain => true,
            WordKind::Prepositive => false,
            WordKind::Time => {
                !bracketed
                    && !digit
                    && (!upper || starter() || text[self.start..at].split_whitespace().count() > 3)
            }
            WordKind::Initialism => !bracketed && !digit && (!upper || starter()),
            WordKind::Initial(letter) => {
                upper
                    && (starter()
                        || (letter == 'I' && !self.capitalized_before(at - letter.len_utf8())))
            }
            // `Example Holdings Inc. (TSE: 9999) said`: before a bracket an abbreviation
            // goes on, unless the bracket opens the next item (`… Co. (2) The`).
            WordKind::Abbreviation => {
                (upper && !bracketed && !(self.qualifies_figure(word) && figure_follows()))
                    || enumerator_at(text, next)
                        .is_some_and(|m| matches!(m.punct, Punct::Parens | Punct::Paren))
            }
        };
        ends.then_some(cluster.end)
    }

    /// Whether the word before the number at `at` is a figure abbreviation (`Nr. 3`,
    /// `ca. 20`): a number it qualifies is a count or a name, not an ordinal.
    fn counted_before(&self, at: usize) -> bool {
        let head = self.text[self.start..at].trim_end();
        head.strip_suffix('.')
            .and_then(|h| h.split_whitespace().next_back())
            .is_some_and(|w| self.qualifies_figure(w))
    }

    /// Whether `word` (before a full stop) is one of the rules' figure abbreviations.
    fn qualifies_figure(&self, word: &str) -> bool {
        self.rules
            .figure_abbreviations
            .iter()
            .any(|a| a.eq_ignore_ascii_case(word))
    }

    /// Whether what starts at `at` is a figure an abbreviation may qualify: a token with a
    /// digit (`A-12`, `US$3`), a currency symbol, a code of two to four capitals before a
    /// number (`JPY 250`), or a unit word of the rules (`Euro`).
    fn figure_at(&self, at: usize) -> bool {
        let text = &self.text[at..];
        let token = text.split(char::is_whitespace).next().unwrap_or_default();
        let word = token.trim_end_matches([',', ';', ':', '.', ')']);
        if token.chars().any(|c| c.is_ascii_digit())
            || token.starts_with(['$', '¥', '€', '£'])
            || self.rules.units.contains(&word)
        {
            return true;
        }
        let code = (2..=4).contains(&word.len()) && word.bytes().all(|b| b.is_ascii_uppercase());
        let number_after = text[token.len()..]
            .trim_start()
            .starts_with(|c: char| c.is_ascii_digit());
        code && number_after
    }

    /// Whether the full stop at `at` is inside or at the end of an abbreviation of the
    /// rules written with spaces (`z. B.`, `d. h.`: listed in `prepositive` as `z. b`),
    /// which ends no sentence at either of its stops.
    fn inside_spaced_abbreviation(&self, at: usize) -> bool {
        let text = self.text;
        self.rules
            .prepositive
            .iter()
            .filter(|a| a.contains(". "))
            .any(|abbreviation| {
                let whole = format!("{abbreviation}.");
                whole.match_indices('.').any(|(k, _)| {
                    let Some(start) = at.checked_sub(k).filter(|&s| text.is_char_boundary(s))
                    else {
                        return false;
                    };
                    let boundary = before(text, start).is_none_or(|c| !c.is_alphanumeric());
                    boundary
                        && start >= self.start
                        && text
                            .get(start..start + whole.len())
                            .is_some_and(|w| w.to_lowercase() == whole)
                })
            })
    }

    /// A terminal with no space after it ends a sentence only between a real word and a
    /// capitalised word (`Hello world.Today`, `1,000.That`), never inside links,
    /// initialisms or names such as `ASP.NET`.
    fn glued(&self, at: usize, end: usize) -> bool {
        if is_link(self.token_around(at)) {
            return false;
        }
        let mut after = self.text[end..].chars();
        if !(after.next().is_some_and(char::is_uppercase)
            && after.next().is_some_and(char::is_lowercase))
        {
            return false;
        }
        let word = self.word_before(at);
        word.chars().nth(1).is_some()
            && !word.contains('.')
            && (word.chars().any(char::is_lowercase) || word.chars().all(|c| c.is_ascii_digit()))
    }

    /// The first char of the next sentence candidate after `from`, past spaces and opening
    /// quotes or brackets, and where it is.
    fn content_after(&self, from: usize) -> (usize, Option<char>) {
        let text = self.text;
        let mut at = skip_space(text, from);
        while let Some(c) = peek(text, at).filter(|c| self.rules.openers.contains(c)) {
            at += c.len_utf8();
        }
        (at, peek(text, at))
    }

    /// The whitespace-delimited token containing byte `at`.
    fn token_around(&self, at: usize) -> &str {
        let text = self.text;
        let start = text[..at].rfind(char::is_whitespace).map_or(0, |p| {
            p + text[p..].chars().next().map_or(1, char::len_utf8)
        });
        let end = text[at..]
            .find(char::is_whitespace)
            .map_or(text.len(), |p| at + p);
        &text[start..end]
    }

    /// The word just before byte `at` in this sentence: letters, digits and inner dots
    /// (`U.S`, `100.00`, `N°`).
    fn word_before(&self, at: usize) -> &str {
        let head = &self.text[self.start..at];
        let start = head
            .char_indices()
            .rev()
            .take_while(|&(_, c)| c.is_alphanumeric() || matches!(c, '.' | '°' | 'º'))
            .last()
            .map_or(head.len(), |(p, _)| p);
        &head[start..]
    }

    /// Whether the word before byte `at` (in this sentence) starts with a capital
    /// (`Albert I.` rather than `you and I.`).
    fn capitalized_before(&self, at: usize) -> bool {
        self.text[self.start..at]
            .split_whitespace()
            .next_back()
            .and_then(|w| w.chars().find(|c| c.is_alphabetic()))
            .is_some_and(char::is_uppercase)
    }

    fn classify(&self, word: &str) -> WordKind {
        let listed = |list: &[&str]| list.iter().any(|a| a.eq_ignore_ascii_case(word));
        let mut chars = word.chars();
        let (first, second) = (chars.next(), chars.next());
        if word.is_empty() {
            WordKind::Plain
        } else if listed(self.rules.prepositive) {
            WordKind::Prepositive
        } else if listed(self.rules.time_abbreviations) {
            WordKind::Time
        } else if word.contains('.') {
            let initialism = word.split('.').all(|part| {
                (1..=2).contains(&part.len()) && part.bytes().all(|b| b.is_ascii_alphabetic())
            });
            if initialism {
                WordKind::Initialism
            } else {
                WordKind::Plain
            }
        } else if let (Some(letter), None) = (first, second) {
            if letter.is_uppercase() {
                WordKind::Initial(letter)
            } else if letter.is_lowercase() {
                WordKind::Abbreviation
            } else {
                WordKind::Plain
            }
        } else if listed(self.rules.abbreviations) || listed(self.rules.figure_abbreviations) {
            WordKind::Abbreviation
        } else {
            WordKind::Plain
        }
    }
}

/// Whether `word` is one or two digits (an ordinal where the rules write one with a stop).
fn is_ordinal_number(word: &str) -> bool {
    (1..=2).contains(&word.len()) && word.bytes().all(|b| b.is_ascii_digit())
}

/// E-mail addresses and URLs keep their dots and question marks.
fn is_link(token: &str) -> bool {
    token.contains('@')
        || token.contains("://")
        || token
            .trim_start_matches(|c: char| !c.is_alphanumeric())
            .starts_with("www.")
}

/// The run of letters starting at `at`.
fn word_at(text: &str, at: usize) -> &str {
    let rest = &text[at..];
    let end = rest
        .find(|c: char| !c.is_alphabetic())
        .unwrap_or(rest.len());
    &rest[..end]
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn sentences<'t>(text: &'t str, tag: &str) -> Vec<&'t str> {
        let locale: Locale = tag.parse().unwrap();
        split(text, &locale).into_iter().map(|r| &text[r]).collect()
    }

    #[test]
    fn press_release_enumeration_after_a_lead_in() {
        let text = "He pointed out: (1) It would be important to promote data utilization after \
                    ensuring privacy and security. (2) Security should be ensured, and broadband \
                    infrastructure should be improved. (3) Effective measures should be taken.";
        assert_eq!(
            sentences(text, "en"),
            [
                "He pointed out: (1) It would be important to promote data utilization after \
                 ensuring privacy and security.",
                "(2) Security should be ensured, and broadband infrastructure should be improved.",
                "(3) Effective measures should be taken.",
            ]
        );
        // An enumeration opened inside a sentence stays inside it.
        let inline = "The plan has two pillars: (1) Infrastructure and (2) Regulation reform.";
        assert_eq!(sentences(inline, "en"), [inline]);
    }

    #[test]
    fn list_items_whose_first_marker_the_block_reader_removed() {
        assert_eq!(
            sentences("The first item 2) The second item", "en"),
            ["The first item", "2) The second item"]
        );
        assert_eq!(
            sentences("The first item 2. The second item 3. The third item", "en"),
            ["The first item", "2. The second item", "3. The third item"]
        );
    }

    #[test]
    fn press_release_abbreviations_numbers_and_links() {
        let text = "MIC held the study group (chaired by Prof. MORITA Kenji) since Oct. 2020. \
                    Other countries, such as the U.S., the Republic of Korea, and others, acted \
                    too. A total of approx. 36.5 billion yen was appropriated under MIC Ordinance \
                    No. 23 of 2021. Comments must arrive by 5:00 p.m. on Monday, August 15, 2022. \
                    E-mail: riyoryo-comment@ml.soumu.go.jp. See https://www.soumu.go.jp/a?id=1.2 \
                    for details. The U.S. Government agreed.";
        assert_eq!(
            sentences(text, "en"),
            [
                "MIC held the study group (chaired by Prof. MORITA Kenji) since Oct. 2020.",
                "Other countries, such as the U.S., the Republic of Korea, and others, acted too.",
                "A total of approx. 36.5 billion yen was appropriated under MIC Ordinance No. 23 \
                 of 2021.",
                "Comments must arrive by 5:00 p.m. on Monday, August 15, 2022.",
                "E-mail: riyoryo-comment@ml.soumu.go.jp.",
                "See https://www.soumu.go.jp/a?id=1.2 for details.",
                "The U.S. Government agreed.",
            ]
        );
    }

    #[test]
    fn a_tab_between_table_cells_ends_no_sentence() {
        assert_eq!(
            sentences(
                "Setouchi Network Co., Ltd.\tKagawa\tapprox. 41 million yen",
                "en"
            ),
            ["Setouchi Network Co., Ltd.\tKagawa\tapprox. 41 million yen"]
        );
        assert_eq!(
            sentences("The total is fixed. It was approved.", "en"),
            ["The total is fixed.", "It was approved."]
        );
    }

    #[test]
    fn an_abbreviation_before_a_bracket_goes_on() {
        let text = "Sample Networks Corp. (Prime: 1234) and Demo Cable Co., Ltd. (Standard: 5678) \
                    joined. Shares of Demo Cable Co. (Standard: 5678) rose. The Ltd. (Note) is new.";
        assert_eq!(
            sentences(text, "en"),
            [
                "Sample Networks Corp. (Prime: 1234) and Demo Cable Co., Ltd. (Standard: 5678) \
                 joined.",
                "Shares of Demo Cable Co. (Standard: 5678) rose.",
                "The Ltd. (Note) is new.",
            ]
        );
        // A bracketed item marker after an abbreviation still opens the next item.
        assert_eq!(
            sentences("(1) Sold to Demo Co. (2) The rest was kept.", "en"),
            ["(1) Sold to Demo Co.", "(2) The rest was kept."]
        );
    }

    #[test]
    fn a_bracketed_remark_that_closes_the_block_stays_with_its_sentence() {
        assert_eq!(
            sentences("窓口を増やすべきである。（団体4件） ", "ja"),
            ["窓口を増やすべきである。（団体4件）"]
        );
        assert_eq!(
            sentences("More counters are needed. (4 comments from groups)", "en"),
            ["More counters are needed. (4 comments from groups)"]
        );
        // Not when text follows it, nor when it holds a sentence of its own.
        assert_eq!(
            sentences("窓口を増やす。（団体4件）次に移る。", "ja"),
            ["窓口を増やす。", "（団体4件）次に移る。"]
        );
        assert_eq!(
            sentences("He left. (The door was open.)", "en"),
            ["He left.", "(The door was open.)"]
        );
    }

    #[test]
    fn a_terminal_that_opens_a_line_ends_nothing() {
        assert_eq!(
            sentences(". Opening address by the chair", "en"),
            [". Opening address by the chair"]
        );
        assert_eq!(sentences("。前の文の続き。", "ja"), ["。前の文の続き。"]);
    }

    /// Held out (written before the rule): an abbreviation that qualifies a figure (`ca.`,
    /// `No.`, `est.`) goes on before a currency code, a currency symbol or a code with digits,
    /// and still ends a sentence before an ordinary capitalised word.
    #[test]
    fn an_abbreviation_before_a_figure_goes_on() {
        let text = "The cost is ca. USD 3 million in total. Form No. A-12 is required. The \
                    deficit is est. EUR 40 billion. Grants rose by 5% approx. The rest fell.";
        assert_eq!(
            sentences(text, "en"),
            [
                "The cost is ca. USD 3 million in total.",
                "Form No. A-12 is required.",
                "The deficit is est. EUR 40 billion.",
                "Grants rose by 5% approx.",
                "The rest fell.",
            ]
        );
    }

    /// Held out (written before the rule): German abbreviations end no sentence before a
    /// figure, a currency or a word they are part of, and a German sentence still ends at
    /// a plain word.
    #[test]
    fn german_abbreviations_before_figures_and_nouns() {
        let text = "Die Kosten betragen ca. 3 Mrd. Euro, d. h. mehr als im Vorjahr. Gefördert \
                    werden z. B. Schulen bzw. Kitas nach Nr. 4 der Richtlinie. Der Antrag ist \
                    bis zum 1. April zu stellen. Weitere Fragen beantwortet das Amt.";
        assert_eq!(
            sentences(text, "de"),
            [
                "Die Kosten betragen ca. 3 Mrd. Euro, d. h. mehr als im Vorjahr.",
                "Gefördert werden z. B. Schulen bzw. Kitas nach Nr. 4 der Richtlinie.",
                "Der Antrag ist bis zum 1. April zu stellen.",
                "Weitere Fragen beantwortet das Amt.",
            ]
        );
    }

    #[test]
    fn times_of_day_before_capitals() {
        assert_eq!(
            sentences(
                "The meeting lasted until 5 p.m. The minister then left.",
                "en"
            ),
            ["The meeting lasted until 5 p.m.", "The minister then left."]
        );
        assert_eq!(
            sentences(
                "At 5 p.m. Mr. Smith left. He returned at 6 p.m. (JST) on Friday.",
                "en"
            ),
            [
                "At 5 p.m. Mr. Smith left.",
                "He returned at 6 p.m. (JST) on Friday."
            ]
        );
    }

    #[test]
    fn a_bracketed_sentence_that_opens_a_sentence_ends_there() {
        assert_eq!(
            sentences("(See the annex for details.) The plan was adopted.", "en"),
            ["(See the annex for details.)", "The plan was adopted."]
        );
        assert_eq!(
            sentences(
                "He teaches science (He was an engineer.) at the university.",
                "en"
            ),
            ["He teaches science (He was an engineer.) at the university."]
        );
        assert_eq!(
            sentences(
                "「ありがとう。」田中氏はそう述べた。「次も頑張る。」と続けた。",
                "ja"
            ),
            [
                "「ありがとう。」",
                "田中氏はそう述べた。",
                "「次も頑張る。」と続けた。"
            ]
        );
    }

    #[test]
    fn japanese_press_release() {
        let text = "　総務省は、「5G地域展開推進プラン」（以下「本プラン」といいます。）を策定しました。\
                    大臣は「重要です。着実に進めます。」と述べた。\
                    5G人口カバー率は約３．２９％です！今後は？\u{3000}詳細はhttps://www.soumu.go.jp/?id=1を参照。";
        assert_eq!(
            sentences(text, "ja"),
            [
                "総務省は、「5G地域展開推進プラン」（以下「本プラン」といいます。）を策定しました。",
                "大臣は「重要です。着実に進めます。」と述べた。",
                "5G人口カバー率は約３．２９％です！",
                "今後は？",
                "詳細はhttps://www.soumu.go.jp/?id=1を参照。",
            ]
        );
    }

    #[test]
    fn japanese_latin_text_ellipses_notes_and_wraps() {
        assert_eq!(
            sentences(
                "Yahoo!ニュースで公開。Ver.2.0を公開しました……本当です。※詳細は別紙。",
                "ja"
            ),
            [
                "Yahoo!ニュースで公開。",
                "Ver.2.0を公開しました……本当です。",
                "※詳細は別紙。"
            ]
        );
        assert_eq!(
            sentences("これは父の\n家です。そうです！」", "ja"),
            ["これは父の\n家です。", "そうです！」"]
        );
        assert_eq!(
            sentences("１．概要を示す。２．背景を示す。", "ja"),
            ["１．概要を示す。", "２．背景を示す。"]
        );
        assert_eq!(
            sentences("本当ですか?次へ。", "ja"),
            ["本当ですか?", "次へ。"]
        );
    }

    #[test]
    fn ellipses() {
        assert_eq!(
            sentences(
                "It was weakened . . . and then compounds. . . . The end. . . .",
                "en"
            ),
            [
                "It was weakened . . . and then compounds.",
                ". . . The end. . . ."
            ]
        );
        // A four-dot run that starts with `…` ends after the `…` (a multi-byte char).
        assert_eq!(sentences("(… .I", "en"), ["(…", ".I"]);
        assert_eq!(
            sentences("I never meant that.... She left.", "en"),
            ["I never meant that....", "She left."]
        );
    }

    #[test]
    fn english_wraps_are_whitespace() {
        assert_eq!(
            sentences("It was a cold\nnight. The city\nslept.", "en"),
            ["It was a cold\nnight.", "The city\nslept."]
        );
    }

    #[test]
    fn locales_without_rules_use_uax29_and_read_wraps_as_spaces() {
        assert_eq!(
            sentences("C'est bien. Nous rentrons\nà la maison.  ", "fr"),
            ["C'est bien.", "Nous rentrons\nà la maison."]
        );
        assert!(rules_for(&"fr".parse().unwrap()).is_none());
        assert_eq!(
            sentences("Das ist gut. Wir gehen\nnach Hause.  ", "de"),
            ["Das ist gut.", "Wir gehen\nnach Hause."]
        );
    }

    #[test]
    fn a_table_extends_another() {
        static WITH_ETAL: Rules = Rules {
            prepositive: &["al", "approx"],
            ..ENGLISH
        };
        let text = "See Tanaka et al. Figure 2 shows approx. Half of it. Done.";
        let got: Vec<&str> = split_with(text, &WITH_ETAL)
            .into_iter()
            .map(|r| &text[r])
            .collect();
        assert_eq!(
            got,
            [
                "See Tanaka et al. Figure 2 shows approx. Half of it.",
                "Done."
            ]
        );
        assert_eq!(
            sentences(text, "en"),
            [
                "See Tanaka et al.",
                "Figure 2 shows approx.",
                "Half of it.",
                "Done."
            ]
        );
    }

    #[test]
    fn bracket_tables_pair_up() {
        for rules in [&ENGLISH, &JAPANESE] {
            assert_eq!(rules.open_brackets.len(), rules.close_brackets.len());
        }
    }

    fn check_contract(text: &str, ranges: &[Range<usize>]) -> Result<(), TestCaseError> {
        let mut covered = 0;
        for range in ranges {
            prop_assert!(
                range.start >= covered && range.start < range.end,
                "{ranges:?}"
            );
            prop_assert!(text.is_char_boundary(range.start) && text.is_char_boundary(range.end));
            let piece = &text[range.clone()];
            prop_assert_eq!(piece.trim(), piece);
            prop_assert!(
                text[covered..range.start].trim().is_empty(),
                "uncovered text before {range:?}"
            );
            covered = range.end;
        }
        prop_assert!(
            text[covered..].trim().is_empty(),
            "uncovered tail in {ranges:?}"
        );
        Ok(())
    }

    proptest! {
        #[test]
        fn ranges_keep_the_contract(
            chars in proptest::collection::vec(proptest::sample::select(vec![
                'a', 'I', 'M', 'r', 'p', 'm', '1', '2', '.', '.', '!', '?', ' ', ' ', '\n', '(', ')',
                '"', '…', '•', '@', '。', '．', '！', '「', '」', '（', '）', '、', 'と', '山',
                '\u{3000}', '\u{a0}', '①', '２', 'é',
            ]), 0..80),
            tag in proptest::sample::select(vec!["en", "ja", "de"]),
        ) {
            let text: String = chars.into_iter().collect();
            let locale: Locale = tag.parse().unwrap();
            check_contract(&text, &split(&text, &locale))?;
        }

        #[test]
        fn arbitrary_text_keeps_the_contract(
            text in any::<String>(),
            tag in proptest::sample::select(vec!["en", "ja", "de"]),
        ) {
            let locale: Locale = tag.parse().unwrap();
            check_contract(&text, &split(&text, &locale))?;
        }
    }
}
