//! Numbers as values, whatever the writing: `３件` and `3 cases`, `5,253` and `5 253`,
//! `令和2年` and `2020`, `午後4時`, `4:00 p.m.` and `16 h`, `5月1日` and `May 1`. The
//! tokens of one text ([`extract`]) and what one text lacks and adds against another
//! ([`mismatch`]): the `numbers` check compares a translation with its sources, and the
//! English release's lag compares a revised English sentence with the original.

use std::collections::BTreeSet;

use super::Decimal;
use crate::figures;

/// A number, or a time of day in minutes (`ambiguous` when written without a.m./p.m. and
/// 12 or less, so it may mean either half of the day).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Token {
    Number(Decimal),
    Time { minutes: u32, ambiguous: bool },
}

impl Token {
    pub fn shown(&self) -> String {
        match self {
            Token::Number(n) => n.to_string(),
            Token::Time { minutes, .. } => format!("{}:{:02}", minutes / 60, minutes % 60),
        }
    }

    fn small(&self) -> bool {
        matches!(self, Token::Number(n) if n.small_integer().is_some_and(|v| v <= 10))
    }

    pub(crate) fn number(value: u32) -> Token {
        Token::Number(Decimal::integer(u128::from(value)))
    }
}

pub(crate) fn same(a: &Token, b: &Token) -> bool {
    match (a, b) {
        (
            Token::Time {
                minutes: x,
                ambiguous: ax,
            },
            Token::Time {
                minutes: y,
                ambiguous: ay,
            },
        ) => x == y || (*ax && x + 720 == *y) || (*ay && y + 720 == *x),
        _ => a == b,
    }
}

/// Text with URLs, e-mail addresses and phone numbers blanked out: they are checked
/// whole. Width-folded, one char for one char.
fn without_addresses(text: &str) -> Vec<char> {
    // One allocation: a char per byte at most.
    let mut chars: Vec<char> = Vec::with_capacity(text.len());
    chars.extend(text.chars().map(figures::fold_char));
    // Most texts hold no address: only one with an `@`, a `://` or a `www.` (what
    // [`figures::may_hold_url`] looks for) is searched for URLs and e-mail addresses.
    let www = |w: &[char]| w[3] == '.' && w[..3].iter().all(|c| c.eq_ignore_ascii_case(&'w'));
    let may_hold_address = chars.contains(&'@')
        || chars.windows(3).any(|w| w == [':', '/', '/'])
        || chars.windows(4).any(www);
    if may_hold_address {
        let mut folded: String = chars.iter().collect();
        let urls = if figures::may_hold_url(&folded) {
            figures::urls(&folded)
        } else {
            Vec::new()
        };
        for found in urls.into_iter().chain(figures::emails(&folded)) {
            folded = folded.replace(&found, " ");
        }
        chars = folded.chars().collect();
    }
    if figures::may_hold_phone(chars.iter().copied()) {
        for phone in figures::phone_spans(&chars) {
            chars[phone.chars].fill(' ');
        }
    }
    chars
}

/// Whether `c` is a letter of a word of a spaced language (not a kana or kanji, which
/// are read one at a time). ASCII and CJK are told apart before Unicode's tables are asked.
fn word_letter(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphabetic()
    } else {
        !figures::is_cjk(c) && c.is_alphabetic()
    }
}

/// Whether `text` holds a char a token is read from: an ASCII or full-width digit, `元` or a
/// circled number (`①`–`⑳`). Read as bytes: the ASCII digits, and the UTF-8 of the others
/// (`０`–`９` are EF BC 90–99, `元` is E5 85 83, `①`–`⑳` are E2 91 A0–B3), whose lead bytes
/// never occur inside another char.
pub(crate) fn may_hold_token(text: &str) -> bool {
    let bytes = text.as_bytes();
    bytes.iter().enumerate().any(|(i, &b)| match b {
        b'0'..=b'9' => true,
        0xEF => bytes.get(i + 1) == Some(&0xBC) && matches!(bytes.get(i + 2), Some(0x90..=0x99)),
        0xE5 => bytes.get(i + 1) == Some(&0x85) && bytes.get(i + 2) == Some(&0x83),
        0xE2 => bytes.get(i + 1) == Some(&0x91) && matches!(bytes.get(i + 2), Some(0xA0..=0xB3)),
        _ => false,
    })
}

/// Whether `text` may hold a number [`extract`] reads: a char a token is read from, or a
/// scale word written without a digit (`par million`). `false` is certain.
pub(crate) fn may_hold_number(text: &str) -> bool {
    may_hold_token(text) || spells_scale(text)
}

/// The numbers and times of a text (`①` is the number 1).
pub fn extract(text: &str) -> BTreeSet<Token> {
    // Every token is read from a digit (ASCII or full-width) or an era's first year (元年):
    // a text with neither has none, and most sentences are read no further.
    if !may_hold_number(text) {
        return BTreeSet::new();
    }
    let chars = without_addresses(text);
    let at = |i: usize, s: &str| {
        s.chars()
            .enumerate()
            .all(|(k, c)| chars.get(i + k) == Some(&c))
    };
    let mut tokens = BTreeSet::new();
    let mut i = 0;
    while i < chars.len() {
        if let Some((year, read)) = figures::era_year(&chars[i..]) {
            tokens.insert(Token::number(year));
            i += read;
            continue;
        }
        // 午前/午後 in Japanese, 上午/下午 in Chinese.
        let meridiem = if !matches!(chars[i], '午' | '上' | '下') {
            None
        } else if at(i, "午前") || at(i, "上午") {
            Some(0)
        } else if at(i, "午後") || at(i, "下午") {
            Some(12)
        } else {
            None
        };
        if let Some(offset) = meridiem {
            let (hour, after) = read_plain(&chars, i + 2);
            if let (Some(hour), Some('時' | '时' | '点')) = (hour, chars.get(after)) {
                let (minutes, end) = japanese_minutes(&chars, after + 1);
                tokens.insert(Token::Time {
                    minutes: (hour % 12 + offset) * 60 + minutes,
                    ambiguous: false,
                });
                i = end;
                continue;
            }
        }
        // `每百万剂`: a scale without a number before it is one of it (see [`scale_word`]).
        if chars[i] == '百' && chars.get(i + 1) == Some(&'万') && (i == 0 || !numeral(chars[i - 1]))
        {
            tokens.insert(Token::Number(Decimal::integer(1_000_000)));
            i += 2;
            continue;
        }
        // `①及び②`: the items a translation writes `(1) and (2)`.
        if let Some(value) = figures::circled_value(chars[i]) {
            tokens.insert(Token::number(value));
            i += 1;
            continue;
        }
        // Digits after letters count too: `G20`, `5G`, `COVID-19`.
        if chars[i].is_ascii_digit() {
            let (token, end) = read_number(&chars, i);
            tokens.extend(token);
            i = end.max(i + 1);
            continue;
        }
        // A word of a spaced language, which may be a month name. Kana and kanji are read
        // one at a time: an era year or 午後 may follow them directly (`では令和2年3月`).
        if word_letter(chars[i]) && (i == 0 || !word_letter(chars[i - 1])) {
            let end = (i..chars.len())
                .find(|&k| !word_letter(chars[k]))
                .unwrap_or(chars.len());
            // `May 1`, `Dec. 14`, `1 mai`, `1er décembre`.
            let abbreviated = chars.get(end) == Some(&'.') && chars.get(end + 1) == Some(&' ');
            let near_number = chars.get(end + 1).is_some_and(char::is_ascii_digit)
                || (abbreviated && chars.get(end + 2).is_some_and(char::is_ascii_digit))
                || (i >= 2 && chars[i - 2].is_ascii_digit())
                || number_before(&chars, i);
            // Only a word next to a number can be a month (`May 1`, `1 mai`), or an English
            // month's full name, capitalised (`from November to December 2020`).
            let capitalised = chars[i].is_ascii_uppercase() && (3..=9).contains(&(end - i));
            if let Some(value) = scale_word(&chars[i..end]) {
                tokens.insert(Token::Number(value));
                i = end;
                continue;
            }
            if near_number || capitalised {
                let word: String = chars[i..end].iter().collect();
                if near_number || figures::MONTHS.contains(&word.as_str()) {
                    if let Some(month) = figures::month(&word) {
                        tokens.insert(Token::number(month));
                    }
                }
            }
            i = end;
            continue;
        }
        i += 1;
    }
    tokens
}

/// Whether a text may spell a scale without digits (`par million`, `每百万`), which
/// [`extract`] reads as one of it.
fn spells_scale(text: &str) -> bool {
    text.contains("illi") || text.contains("illó") || text.contains("百万")
}

/// Whether `c` writes (part of) a number: a digit or a kanji numeral, which a scale after it
/// multiplies (`100万`, `一百万`).
fn numeral(c: char) -> bool {
    c.is_ascii_digit() || "〇一二三四五六七八九十百千".contains(c)
}

/// A scale word in the singular that no number reads before it (the amount reader takes
/// `12 million` whole): one of it, as `100万回あたり` is written `par million de doses`,
/// `pro eine Million Dosen`, `per million doses`. Plurals (`des millions de`, `Millionen`)
/// are no number.
fn scale_word(word: &[char]) -> Option<Decimal> {
    if !(6..=9).contains(&word.len()) || !matches!(word[0], 'm' | 'M' | 'b' | 'B' | 't' | 'T') {
        return None;
    }
    let word: String = word.iter().collect::<String>().to_lowercase();
    let exp = match word.as_str() {
        "million" | "millón" | "milione" => 6,
        "billion" | "milliard" | "milliarde" | "miliardo" => 9,
        "trillion" => 12,
        _ => return None,
    };
    Some(Decimal::integer(10u128.pow(exp)))
}

/// Ordinals a translation spells out (`deuxième`, `zweite`, `second`, `segunda`, `第二`): the
/// small numbers of [`numbered`] a translation may write so (`第２次公募`, "deuxième appel").
/// Only what a source numbers is looked for among them: `first` and `second` are also words
/// of other senses, so they never count as a translation's own numbers.
pub(crate) fn spelled_ordinals(text: &str) -> BTreeSet<Token> {
    // Per number: the words as written (also with a plural `s`), and the German stem,
    // which is declined (`zweite`, `zweiten`, `dritter`; the bare `acht` is eight).
    const ORDINALS: [(&[&str], &str); 10] = [
        (
            &[
                "first",
                "premier",
                "première",
                "primer",
                "primero",
                "primera",
            ],
            "erst",
        ),
        (
            &["second", "deuxième", "seconde", "segundo", "segunda"],
            "zweit",
        ),
        (
            &["third", "troisième", "tercer", "tercero", "tercera"],
            "dritt",
        ),
        (&["fourth", "quatrième", "cuarto", "cuarta"], "viert"),
        (&["fifth", "cinquième", "quinto", "quinta"], "fünft"),
        (&["sixth", "sixième", "sexto", "sexta"], "sechst"),
        (&["seventh", "septième", "séptimo", "séptima"], "siebt"),
        (&["eighth", "huitième", "octavo", "octava"], "acht"),
        (&["ninth", "neuvième", "noveno", "novena"], "neunt"),
        (&["tenth", "dixième", "décimo", "décima"], "zehnt"),
    ];
    let mut found = BTreeSet::new();
    for word in text.split(|c: char| !c.is_alphabetic() || figures::is_cjk(c)) {
        if word.len() < 4 || word.len() > 14 {
            continue;
        }
        let lower = word.to_lowercase();
        let singular = lower.strip_suffix('s').unwrap_or(&lower);
        let stem = ["e", "er", "es", "en", "em"]
            .iter()
            .find_map(|e| lower.strip_suffix(e));
        let number = ORDINALS.iter().position(|(words, german)| {
            words.iter().any(|w| *w == lower || *w == singular) || stem == Some(*german)
        });
        if let Some(n) = number {
            found.insert(Token::number(n as u32 + 1));
        }
    }
    // `第二次`: a kanji numeral after 第, one char.
    let chars: Vec<char> = text.chars().collect();
    for (i, w) in chars.windows(2).enumerate() {
        if w[0] != '第' {
            continue;
        }
        let Some(n) = "一二三四五六七八九十".chars().position(|k| k == w[1]) else {
            continue;
        };
        if !chars.get(i + 2).is_some_and(|&c| numeral(c)) {
            found.insert(Token::number(n as u32 + 1));
        }
    }
    found
}

/// Whether the word before `i`, past one space, is a number, ordinal or not (`5 mai`,
/// `1er décembre`, `1st May`): what makes the word at `i` a month's name.
fn number_before(chars: &[char], i: usize) -> bool {
    if i < 2 || !chars[i - 1].is_whitespace() {
        return false;
    }
    // `14. Dezember`: a German ordinal day.
    if i >= 3 && chars[i - 2] == '.' && chars[i - 3].is_ascii_digit() {
        return true;
    }
    let end = i - 1;
    let mut start = end;
    while start > 0 && chars[start - 1].is_ascii_alphabetic() && end - start < 2 {
        start -= 1;
    }
    if start == 0 || !chars[start - 1].is_ascii_digit() {
        return false;
    }
    let mut suffix = [0u8; 2];
    for (byte, c) in suffix.iter_mut().zip(&chars[start..end]) {
        *byte = *c as u8; // ASCII letters, checked above
    }
    let suffix = std::str::from_utf8(&suffix[..end - start]).unwrap_or_default();
    suffix.is_empty() || figures::is_ordinal_suffix(suffix)
}

/// The small numbers of a text that name something rather than count it: an ordinal or an
/// attachment's number (`第3報`, `第2回`, `別紙1`, `別添2`, `資料3`, `No. 3`, `Annex 2`). A
/// translation may spell a small count out (`three cases`), but it writes these in digits
/// (`3e rapport`, `annexe 1`), so they are never excused as small.
pub(crate) fn numbered(text: &str) -> BTreeSet<Token> {
    static PREFIXES: std::sync::OnceLock<Option<aho_corasick::AhoCorasick>> =
        std::sync::OnceLock::new();
    let mut found = BTreeSet::new();
    let mut read = |after: usize| {
        let rest = text[after..].trim_start();
        let digits: String = rest
            .chars()
            .map_while(figures::digit_value)
            .filter_map(|d| char::from_digit(d, 10))
            .collect();
        if let Ok(value) = digits.parse::<u32>() {
            let token = Token::number(value);
            if token.small() {
                found.insert(token);
            }
        }
    };
    // One search for all the prefixes. No prefix overlaps itself, so every place one starts
    // is found, as a search for each prefix alone finds them.
    match PREFIXES.get_or_init(|| aho_corasick::AhoCorasick::new(NUMBERED_BEFORE).ok()) {
        Some(prefixes) => {
            for prefix in prefixes.find_overlapping_iter(text) {
                read(prefix.end());
            }
        }
        None => {
            for prefix in NUMBERED_BEFORE {
                for (at, _) in text.match_indices(prefix) {
                    read(at + prefix.len());
                }
            }
        }
    }
    found
}

/// What comes before a number that names something ([`numbered`]).
const NUMBERED_BEFORE: &[&str] = &[
    "第",
    "別紙",
    "別添",
    "資料",
    "参考",
    "No.",
    "No ",
    "Annex ",
    "Attachment ",
];

/// A figure written with an explicit sign: a fall in Japanese statistics (`▲0.8`, `△0.6`),
/// a minus (`−3.5`, `-3.5` after a space or a bracket), a plus (`+0.8`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Signed {
    pub(crate) value: Decimal,
    pub(crate) negative: bool,
}

impl Signed {
    /// `−0.8` or `+0.8`.
    pub(crate) fn shown(&self) -> String {
        format!("{}{}", if self.negative { '−' } else { '+' }, self.value)
    }
}

/// The figures of a text written with an explicit sign (see [`Signed`]); a figure without
/// one says nothing about its sign (`a fall of 0.8%` is written without).
pub(crate) fn signed(text: &str) -> Vec<Signed> {
    // Most texts have no sign before a digit (hyphens join words): they are read no further.
    let sign_before_digit = text.chars().zip(text.chars().skip(1)).any(|(a, b)| {
        matches!(a, '▲' | '△' | '−' | '-' | '+' | '－' | '＋') && figures::is_digit(b)
    });
    if !sign_before_digit {
        return Vec::new();
    }
    let chars: Vec<char> = text.chars().map(figures::fold_char).collect();
    let mut out = Vec::new();
    for (i, &c) in chars.iter().enumerate() {
        // A hyphen or a plus is a sign only where no Latin word or figure ends (`10-12`,
        // `COVID-19` and `03-5253` are ranges and names; `は-3.5%` is a minus).
        let apart = i == 0 || !chars[i - 1].is_ascii_alphanumeric();
        let negative = match c {
            '▲' | '△' | '−' => true,
            '-' if apart => true,
            '+' if apart => false,
            _ => continue,
        };
        if chars.get(i + 1).is_some_and(char::is_ascii_digit) {
            if let Some((value, _)) = figures::decimal(&chars, i + 1) {
                out.push(Signed { value, negative });
            }
        }
    }
    out
}

/// Digits only (an hour, minutes).
fn read_plain(chars: &[char], start: usize) -> (Option<u32>, usize) {
    let end = (start..chars.len())
        .find(|&k| !chars[k].is_ascii_digit())
        .unwrap_or(chars.len());
    let digits: String = chars[start.min(end)..end].iter().collect();
    (digits.parse().ok(), end)
}

/// `30分` or `半` after `時`.
fn japanese_minutes(chars: &[char], start: usize) -> (u32, usize) {
    if chars.get(start) == Some(&'半') {
        return (30, start + 1);
    }
    let (minutes, end) = read_plain(chars, start);
    match (minutes, chars.get(end)) {
        (Some(m), Some('分')) => (m, end + 1),
        _ => (0, start),
    }
}

/// A time written with a number (16:00, 4:00 p.m., 16 h, 16h30, 4 p.m., 16時), or else
/// the amount [`figures::amount`] reads there.
fn read_number(chars: &[char], start: usize) -> (Option<Token>, usize) {
    let digits_end = |from: usize| {
        (from..chars.len())
            .find(|&k| !chars[k].is_ascii_digit())
            .unwrap_or(chars.len())
    };
    let (integer, end) = figures::integer_digits(chars, start);
    let hour: Option<u32> = integer.parse().ok().filter(|&h| h <= 24);
    if let Some(hour) = hour {
        if chars.get(end) == Some(&':') && digits_end(end + 1) == end + 3 {
            let minutes: u32 = chars[end + 1..end + 3]
                .iter()
                .collect::<String>()
                .parse()
                .unwrap_or(0);
            let (offset, after) = meridiem(chars, end + 3);
            return (Some(time(hour, minutes, offset)), after);
        }
        let (offset, after) = meridiem(chars, end);
        if offset.is_some() {
            return (Some(time(hour, 0, offset)), after);
        }
        let mut k = end;
        while chars.get(k).copied().is_some_and(is_space) {
            k += 1;
        }
        if chars.get(k) == Some(&'h') && !chars.get(k + 1).is_some_and(|c| c.is_alphabetic()) {
            // French writes the minutes after the `h` with or without a space: `16h30`,
            // `16 h 30`, `14 h 00`; spaced, only two digits are minutes.
            let spaced =
                chars.get(k + 1).copied().is_some_and(is_space) && digits_end(k + 2) == k + 4;
            let m_start = if spaced { k + 2 } else { k + 1 };
            let m_end = digits_end(m_start);
            let minutes = chars[m_start..m_end]
                .iter()
                .collect::<String>()
                .parse()
                .unwrap_or(0);
            return (
                Some(Token::Time {
                    minutes: hour * 60 + minutes,
                    ambiguous: false,
                }),
                m_end,
            );
        }
        // `14 bis 16:30 Uhr`, `from 2 to 4:30 p.m.`, `de 14 à 16 h 30`: an hour without
        // minutes that opens a range ending in a time is a time too (ambiguous up to 12,
        // the half of the day being the end's).
        if let Some(next) = range_end(chars, end) {
            if let (Some(Token::Time { .. }), _) = read_number(chars, next) {
                return (Some(time(hour, 0, None)), end);
            }
        }
        // `10時間` is a duration of ten hours (a number, as `10 hours` is), not ten o'clock.
        let duration = matches!(chars.get(end + 1), Some('間' | '间'));
        if matches!(chars.get(end), Some('時' | '时')) && !duration {
            let (minutes, after) = japanese_minutes(chars, end + 1);
            return (
                Some(Token::Time {
                    minutes: hour * 60 + minutes,
                    ambiguous: false,
                }),
                after,
            );
        }
    }
    match figures::amount(chars, start) {
        Some((value, end)) => (Some(Token::Number(value)), end),
        None => (None, end),
    }
}

/// Where the number after a range's connector starts (`14 bis 16`, `2 to 4`, `14 à 16`,
/// `14-16`, `14～16`), when one follows the number ending at `end`.
fn range_end(chars: &[char], end: usize) -> Option<usize> {
    let mut k = end;
    while chars.get(k).copied().is_some_and(is_space) {
        k += 1;
    }
    let spaced = k > end;
    let word_end = (k..chars.len())
        .find(|&e| !chars[e].is_alphabetic())
        .unwrap_or(chars.len());
    let word: String = chars[k..word_end].iter().collect();
    let after = if matches!(chars.get(k), Some('-' | '–' | '—' | '~' | '〜')) {
        k + 1
    } else if spaced && matches!(word.as_str(), "bis" | "à" | "a" | "to" | "till" | "until") {
        word_end
    } else {
        return None;
    };
    let mut k = after;
    while chars.get(k).copied().is_some_and(is_space) {
        k += 1;
    }
    chars.get(k).is_some_and(char::is_ascii_digit).then_some(k)
}

/// A space between a number and its unit: plain, no-break or narrow no-break (French).
fn is_space(c: char) -> bool {
    matches!(c, ' ' | '\u{a0}' | '\u{202f}')
}

fn time(hour: u32, minutes: u32, offset: Option<u32>) -> Token {
    match offset {
        Some(offset) => Token::Time {
            minutes: (hour % 12 + offset) * 60 + minutes,
            ambiguous: false,
        },
        None => Token::Time {
            minutes: hour * 60 + minutes,
            ambiguous: hour <= 12,
        },
    }
}

/// ` a.m.` / ` p.m.` / `am` / `pm` after a number: the hour offset and where it ends.
fn meridiem(chars: &[char], start: usize) -> (Option<u32>, usize) {
    let mut k = start;
    while chars.get(k).copied().is_some_and(is_space) {
        k += 1;
    }
    // Every spelling starts with an `a` or a `p`, in either case.
    if !matches!(chars.get(k), Some('a' | 'A' | 'p' | 'P')) {
        return (None, start);
    }
    let rest: String = chars[k.min(chars.len())..chars.len().min(k + 4)]
        .iter()
        .collect::<String>()
        .to_lowercase();
    for (spelled, offset) in [("a.m.", 0), ("p.m.", 12), ("am", 0), ("pm", 12)] {
        let boundary = chars
            .get(k + spelled.chars().count())
            .is_none_or(|c| !c.is_alphanumeric());
        if rest.starts_with(spelled) && boundary {
            return (Some(offset), k + spelled.chars().count());
        }
    }
    (None, start)
}

/// The numbers a translation may write for what `source` writes another way, which a
/// translation's extra numbers are excused by: kanji numerals for small numbers (`三` → 3),
/// and tenths as a percentage (`3割` → 30, `3割5分` → 35, as in `約3割増加`, "about 30 %").
pub(crate) fn alternatives(source: &str) -> BTreeSet<Token> {
    let mut found: BTreeSet<Token> = "〇一二三四五六七八九十"
        .chars()
        .enumerate()
        .filter(|(_, c)| source.contains(*c))
        .map(|(n, _)| Token::number(n as u32))
        .collect();
    if source.contains('割') {
        let chars: Vec<char> = source.chars().map(figures::fold_char).collect();
        for (at, _) in chars.iter().enumerate().filter(|(_, c)| **c == '割') {
            let digits = chars[..at]
                .iter()
                .rev()
                .take_while(|c| c.is_ascii_digit())
                .count();
            let Some(tenths) = read_plain(&chars, at - digits).0.filter(|_| digits > 0) else {
                continue;
            };
            let (hundredths, after) = read_plain(&chars, at + 1);
            let hundredths = hundredths
                .filter(|n| *n < 10 && chars.get(after) == Some(&'分'))
                .unwrap_or(0);
            found.insert(Token::number(tenths * 10 + hundredths));
        }
    }
    found
}

/// The numbers of `expected` that `found` lacks, and those it has that `expected` (or its
/// [`alternatives`]) does not, as shown in messages.
pub(crate) fn mismatch(
    expected: &BTreeSet<Token>,
    found: &BTreeSet<Token>,
    alternatives: &BTreeSet<Token>,
) -> (Vec<String>, Vec<String>) {
    let missing: Vec<String> = expected
        .iter()
        .filter(|e| !e.small() && !found.iter().any(|f| same(e, f)))
        .map(Token::shown)
        .collect();
    let extra: Vec<String> = found
        .iter()
        .filter(|f| !expected.iter().chain(alternatives).any(|e| same(e, f)))
        .map(Token::shown)
        .collect();
    (missing, extra)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shown(text: &str) -> Vec<String> {
        extract(text).iter().map(Token::shown).collect()
    }

    /// `10時間` is ten hours, a number; `10時` is a time of day.
    #[test]
    fn a_duration_in_hours_is_a_number_not_a_time() {
        assert_eq!(shown("（10時間）"), ["10"]);
        assert_eq!(
            shown("午後8時～翌日午前6時（10時間）"),
            ["10", "6:00", "20:00"]
        );
        assert_eq!(
            mismatch(
                &extract("（10時間）"),
                &extract("(10 hours)"),
                &BTreeSet::new()
            ),
            (vec![], vec![])
        );
        assert_eq!(shown("10時から"), ["10:00"]);
    }

    /// An amount with 千 inside 億 or 万 reads as the English writes it.
    #[test]
    fn amounts_with_thousands_inside_a_larger_scale() {
        for (ja, en) in [
            ("約4億8千万円", "approximately 480 million yen"),
            ("約1億2千万円", "approx. 120 million yen"),
            ("約2千5百万円", "about 25 million yen"),
        ] {
            assert_eq!(extract(ja), extract(en), "{ja} / {en}");
        }
    }

    #[test]
    fn numbers_that_name_something_are_found() {
        let shown = |text: &str| numbered(text).iter().map(Token::shown).collect::<Vec<_>>();
        assert_eq!(
            shown("被害状況について（第3報）、別紙2のとおり"),
            ["2", "3"]
        );
        assert_eq!(shown("See Annex 1 and No. 4"), ["1", "4"]);
        // Counts and large numbers are not names (large ones are checked anyway).
        assert_eq!(shown("3件の意見、第25回"), Vec::<String>::new());
    }

    /// [`numbered`] as first written: each prefix looked for on its own.
    fn numbered_prefix_by_prefix(text: &str) -> BTreeSet<Token> {
        let mut found = BTreeSet::new();
        for prefix in NUMBERED_BEFORE {
            for (at, _) in text.match_indices(prefix) {
                let rest = text[at + prefix.len()..].trim_start();
                let digits: String = rest
                    .chars()
                    .map_while(figures::digit_value)
                    .filter_map(|d| char::from_digit(d, 10))
                    .collect();
                if let Ok(value) = digits.parse::<u32>() {
                    let token = Token::number(value);
                    if token.small() {
                        found.insert(token);
                    }
                }
            }
        }
        found
    }

    proptest::proptest! {
        /// The byte test finds a char a token is read from exactly where the char test does,
        /// among chars that share its lead bytes (`Ｅ`, `兀`, `⑴`, `€`).
        #[test]
        fn token_chars_found_as_bytes(
            text in "[a 09０９元兀①⑳⑴⑿€Ｅｚ＃　漢か]{0,16}"
        ) {
            let by_chars = text
                .chars()
                .any(|c| matches!(c, '0'..='9' | '０'..='９' | '元' | '①'..='⑳'));
            proptest::prop_assert_eq!(may_hold_token(&text), by_chars);
        }

        /// One search for every prefix finds what a search per prefix finds.
        #[test]
        fn numbered_agrees_with_a_search_per_prefix(
            text in "(第|別紙|別添|資料|参考|No\\.|No |Annex |Attachment |No|別|[ 0-9３第.]){0,12}"
        ) {
            proptest::prop_assert_eq!(numbered(&text), numbered_prefix_by_prefix(&text));
        }
    }

    #[test]
    fn explicit_signs_are_read_where_they_are_signs() {
        let shown = |text: &str| signed(text).iter().map(Signed::shown).collect::<Vec<_>>();
        assert_eq!(shown("前年同月比▲0.8％、△0.6ポイント"), ["−0.8", "−0.6"]);
        assert_eq!(shown("住居は-3.5%、光熱は+1.2%"), ["−3.5", "+1.2"]);
        assert_eq!(
            shown("COVID-19, 10-12 May, 03-5253-5111"),
            Vec::<String>::new()
        );
        assert_eq!(shown("a fall of 0.8%"), Vec::<String>::new());
    }

    /// What the mismatch shows, when any: nothing for texts that agree.
    #[test]
    fn tenths_circled_items_and_abbreviated_months_are_read() {
        let agree = |source: &str, translation: &str| {
            let (missing, extra) = mismatch(
                &extract(source),
                &extract(translation),
                &alternatives(source),
            );
            assert!(
                missing.is_empty() && extra.is_empty(),
                "{source} / {translation}: missing {missing:?}, extra {extra:?}"
            );
        };
        agree(
            "交付額は約3割増加しました。",
            "Le montant a augmenté d'environ 30 %.",
        );
        agree("利用者は２割５分減りました。", "Users fell by 25%.");
        agree(
            "対象は①及び②のとおりです。",
            "Les points (1) et (2) sont concernés.",
        );
        agree("12月14日（月）", "Mon., Dec. 14");
        assert_eq!(shown("Mon., Dec. 14"), ["12", "14"]);
        assert_eq!(shown("①から③まで"), ["1", "3"]);
        // A tenth is not any number: 30 % for 4割 is still an extra number.
        let (_, extra) = mismatch(
            &extract("約4割"),
            &extract("environ 30 %"),
            &alternatives("約4割"),
        );
        assert_eq!(extra, ["30"]);
    }

    /// A scale without a number is one of it: `100万回あたり` is `par million de doses`.
    #[test]
    fn a_scale_word_without_a_number_is_one_of_it() {
        for translation in [
            "12,5 par million de doses",
            "12.5 per million doses",
            "12,5 pro eine Million Dosen",
            "每百万剂12.5件",
        ] {
            assert_eq!(
                extract(translation),
                extract("接種100万回あたり約12.5件"),
                "{translation}"
            );
        }
        assert_eq!(shown("per million"), ["1000000"]);
        assert_eq!(shown("eine Milliarde Yen"), ["1000000000"]);
        // Plurals are no number; a scale after a number is read with it.
        assert_eq!(shown("des millions de doses"), Vec::<String>::new());
        assert_eq!(shown("Millionen Menschen"), Vec::<String>::new());
        assert_eq!(shown("1.2 million"), ["1200000"]);
        assert_eq!(shown("一百万"), Vec::<String>::new());
    }

    /// An hour without minutes that opens a range of times is a time.
    #[test]
    fn an_hour_opening_a_range_of_times_is_a_time() {
        let agree = |source: &str, translation: &str| {
            mismatch(
                &extract(source),
                &extract(translation),
                &alternatives(source),
            )
        };
        let none = (vec![], vec![]);
        assert_eq!(agree("14:00～16:30", "von 14 bis 16:30 Uhr"), none);
        assert_eq!(agree("14:00～16:30", "de 14 à 16 h 30"), none);
        assert_eq!(agree("14:00～16:30", "from 2 to 4:30 p.m."), none);
        assert_eq!(agree("14:00～16:30", "14–16:30"), none);
        assert_eq!(
            agree("14:00～16:30", "von 15 bis 16:30 Uhr"),
            (vec!["14:00".to_owned()], vec!["15:00".to_owned()])
        );
        // Not before a time: a range of numbers stays numbers.
        assert_eq!(shown("2 to 3 weeks"), ["2", "3"]);
        assert_eq!(shown("10-12 May"), ["10", "5", "12"]);
        assert_eq!(shown("1～2時間"), ["1", "2"]);
    }

    #[test]
    fn spelled_ordinals_are_read() {
        let shown = |text: &str| {
            spelled_ordinals(text)
                .iter()
                .map(Token::shown)
                .collect::<Vec<_>>()
        };
        assert_eq!(shown("Le deuxième appel"), ["2"]);
        assert_eq!(shown("la seconde phase, les premières"), ["1", "2"]);
        assert_eq!(
            shown("die zweite Ausschreibung, im dritten Quartal"),
            ["2", "3"]
        );
        assert_eq!(shown("the second call"), ["2"]);
        assert_eq!(shown("开始第二次公开招募"), ["2"]);
        assert_eq!(shown("la segunda convocatoria"), ["2"]);
        // A cardinal is no ordinal, nor a kanji numeral in a longer number.
        assert_eq!(shown("acht Fälle, 第二十回"), Vec::<String>::new());
    }

    #[test]
    fn texts_in_agreement_show_no_mismatch() {
        let none = BTreeSet::new();
        let (missing, extra) = mismatch(
            &extract("第3回会合を5月1日に開催"),
            &extract("The 3rd meeting on May 1"),
            &none,
        );
        assert!(
            missing.is_empty() && extra.is_empty(),
            "{missing:?} {extra:?}"
        );
    }
}
