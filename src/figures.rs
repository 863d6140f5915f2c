//! Figures: how Japanese and English releases write numbers, era years, months, weekdays,
//! phone numbers and list markers, known in one place so that segmentation, alignment, the
//! diff, QA and the language server read the same figure from the same text.
//!
//! Everything here is plain data and pure functions of text. The scanners ([`amount`],
//! [`phone`], [`era_year`]) read a slice of chars that the caller has folded with
//! [`fold_width`] (so full-width `５，２５３` reads like `5,253`) and return what they read
//! with the index just past it; each stage keeps its own loop over a text (the aligner turns
//! figures into anchor keys, `check` into comparable tokens), but no stage reads a figure
//! its own way.
//!
//! Decisions, each made once:
//! - **Width**: [`fold_char`] maps the full-width ASCII block U+FF01–U+FF5E to ASCII and the
//!   ideographic space U+3000 to a space; nothing else.
//! - **Numbers** are exact decimals ([`Decimal`], never `f64`). Digits may be grouped in
//!   threes after a first group of one to three digits, by a comma or a space-like separator
//!   (space, no-break space, narrow no-break space, thin space, apostrophe): `5,253`,
//!   `5 253`, `５，２５３` and `5253` are one value. A point, or a comma *not* followed by a
//!   group of exactly three digits, starts the decimals (`1.5`, French `1,5`). A scale
//!   follows: `千`, `万`, `億`/`亿`, `兆`, or after an optional space `hundred`, `thousand`,
//!   `million(s)`, `billion(s)`, `milliard(s)`, `trillion` (`hundred million` multiplies:
//!   10⁸, as `億`); after a scale of at least `万`
//!   a smaller amount adds to it (`2万1,000` is 21,000, `1兆2,000億` is 1.2 trillion).
//! - **Eras**: 明治, 大正, 昭和, 平成 and 令和 with the Gregorian year of their first year
//!   (元年); `大正15年` is 1926 everywhere.
//! - **Phone numbers** start with `0`, `+` or `(`, hold 10 to 13 digits joined by `-`, `(`,
//!   `)`, `.` or single spaces, and show a separator other than `.` (or start with `+` or
//!   `(`), so dates and amounts never qualify; `03(5253)5920`, `03-5253-5920` and
//!   `+81 3 5253 5920` are all `0352535920`.
//! - **List markers** are parsed once, by the segmenter, into a [`Marker`]; the one set of
//!   bullets is [`BULLETS`].

#![warn(missing_docs)]

use std::cmp::Ordering;
use std::collections::BTreeSet;
use std::fmt;

mod addresses;
pub(crate) mod numbers;

pub(crate) use addresses::{
    email_len, emails, may_hold_phone, may_hold_url, phone_spans, phones, url_len, urls,
};

/// A Japanese era: its name and the Gregorian year of its first year (元年).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Era {
    pub(crate) name: &'static str,
    pub(crate) first_year: u32,
}

/// The modern eras, newest first.
pub(crate) const ERAS: [Era; 5] = [
    Era {
        name: "令和",
        first_year: 2019,
    },
    Era {
        name: "平成",
        first_year: 1989,
    },
    Era {
        name: "昭和",
        first_year: 1926,
    },
    Era {
        name: "大正",
        first_year: 1912,
    },
    Era {
        name: "明治",
        first_year: 1868,
    },
];

/// Month names per language (English, French, German, Spanish, Italian), January first:
/// what the memory writes dates in and what `check` reads.
pub(crate) const MONTH_NAMES: [(&str, [&str; 12]); 5] = [
    (
        "en",
        [
            "January",
            "February",
            "March",
            "April",
            "May",
            "June",
            "July",
            "August",
            "September",
            "October",
            "November",
            "December",
        ],
    ),
    (
        "fr",
        [
            "janvier",
            "février",
            "mars",
            "avril",
            "mai",
            "juin",
            "juillet",
            "août",
            "septembre",
            "octobre",
            "novembre",
            "décembre",
        ],
    ),
    (
        "de",
        [
            "Januar",
            "Februar",
            "März",
            "April",
            "Mai",
            "Juni",
            "Juli",
            "August",
            "September",
            "Oktober",
            "November",
            "Dezember",
        ],
    ),
    (
        "es",
        [
            "enero",
            "febrero",
            "marzo",
            "abril",
            "mayo",
            "junio",
            "julio",
            "agosto",
            "septiembre",
            "octubre",
            "noviembre",
            "diciembre",
        ],
    ),
    (
        "it",
        [
            "gennaio",
            "febbraio",
            "marzo",
            "aprile",
            "maggio",
            "giugno",
            "luglio",
            "agosto",
            "settembre",
            "ottobre",
            "novembre",
            "dicembre",
        ],
    ),
];

/// Weekday names per language, Monday first.
pub(crate) const WEEKDAY_NAMES: [(&str, [&str; 7]); 5] = [
    (
        "en",
        [
            "Monday",
            "Tuesday",
            "Wednesday",
            "Thursday",
            "Friday",
            "Saturday",
            "Sunday",
        ],
    ),
    (
        "fr",
        [
            "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche",
        ],
    ),
    (
        "de",
        [
            "Montag",
            "Dienstag",
            "Mittwoch",
            "Donnerstag",
            "Freitag",
            "Samstag",
            "Sonntag",
        ],
    ),
    (
        "es",
        [
            "lunes",
            "martes",
            "miércoles",
            "jueves",
            "viernes",
            "sábado",
            "domingo",
        ],
    ),
    (
        "it",
        [
            "lunedì",
            "martedì",
            "mercoledì",
            "giovedì",
            "venerdì",
            "sabato",
            "domenica",
        ],
    ),
];

/// English month names, January first.
pub const MONTHS: [&str; 12] = MONTH_NAMES[0].1;

/// Abbreviations of the English month names (`Sept` besides `Sep`), January first.
const MONTH_ABBREVIATIONS: [&[&str]; 12] = [
    &["Jan"],
    &["Feb"],
    &["Mar"],
    &["Apr"],
    &[],
    &["Jun"],
    &["Jul"],
    &["Aug"],
    &["Sep", "Sept"],
    &["Oct"],
    &["Nov"],
    &["Dec"],
];

/// The other languages whose month names `check` reads (besides English).
const CHECKED_LANGUAGES: [&str; 3] = ["fr", "es", "de"];

/// English weekday names in lower case, Monday first.
pub(crate) const WEEKDAYS: [&str; 7] = [
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

/// The Japanese weekday characters (`（木）`), Monday first.
pub(crate) const WEEKDAYS_JA: [char; 7] = ['月', '火', '水', '木', '金', '土', '日'];

/// Bullets that open a list item, the one set every stage uses (the segmenter to find list
/// items, the aligner to compare markers, the renderers to draw a list). The ASCII ones (`-`,
/// and `.` as in `  . item`, a bullet lost in a conversion to plain text) need a space
/// after them, which the segmenter checks.
pub(crate) const BULLETS: &[char] = &[
    '•', '・', '●', '○', '◆', '◇', '■', '□', '▪', '◎', '-', '−', '－', '‐', '–', '◯', '.',
];

/// Folds one char: the full-width ASCII block (U+FF01–U+FF5E: `４`, `Ｇ`, `，`, `（`) to
/// ASCII and the ideographic space (U+3000) to a space; every other char is itself.
pub(crate) fn fold_char(c: char) -> char {
    match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(u32::from(c) - 0xFEE0).unwrap_or(c),
        '\u{3000}' => ' ',
        _ => c,
    }
}

/// A text folded with [`fold_char`], one char for one char.
pub(crate) fn fold_width(text: &str) -> String {
    text.chars().map(fold_char).collect()
}

/// Whether a language writes decimals with a comma and groups thousands with a point
/// (`3.450,5`; German, Spanish, Italian, Portuguese, Dutch and others), unlike English
/// (`3,450.5`) and French (`3 450,5`, read as it is).
pub(crate) fn groups_with_point(language: &str) -> bool {
    matches!(
        language,
        "de" | "es"
            | "it"
            | "pt"
            | "nl"
            | "id"
            | "tr"
            | "da"
            | "el"
            | "ro"
            | "vi"
            | "hr"
            | "sl"
            | "sr"
            | "ca"
    )
}

/// A text of a language that [`groups_with_point`], its number separators written as in
/// English, so that numbers read the same: `3.450` → `3,450`, `1,2 Milliarden` → `1.2
/// Milliarden`, `3.450,75` → `3,450.75`. A point is a group separator only between a digit
/// and exactly three digits; a comma between digits is the decimal mark. Dates (`1.10.2026`)
/// keep their points.
pub(crate) fn point_grouped_to_english(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.contains(['.', ',']) {
        return std::borrow::Cow::Borrowed(text);
    }
    let chars: Vec<char> = text.chars().collect();
    let digit = |k: usize| chars.get(k).is_some_and(char::is_ascii_digit);
    let out: String = chars
        .iter()
        .enumerate()
        .map(|(k, &c)| match c {
            '.' if k > 0 && digit(k - 1) && (1..=3).all(|d| digit(k + d)) && !digit(k + 4) => ',',
            ',' if k > 0 && digit(k - 1) && digit(k + 1) => '.',
            _ => c,
        })
        .collect();
    std::borrow::Cow::Owned(out)
}

/// Dates and times as languages that group digits with a point write them, in the forms
/// the numbers reader takes: `14.12.` and `15.01.2027` (day, month, year) become `14 12` and
/// `15 01 2027`, `14.30 Uhr` becomes `14:30 Uhr`, `17 Uhr` becomes `17:00 Uhr`. Run before
/// [`point_grouped_to_english`], which would read `14.30` as a decimal.
pub(crate) fn point_dates_to_english(text: &str) -> std::borrow::Cow<'_, str> {
    let bytes = text.as_bytes();
    let dated = bytes
        .windows(2)
        .any(|w| w[0].is_ascii_digit() && matches!(w[1], b'.' | b':'));
    if !dated && !text.contains("Uhr") {
        return std::borrow::Cow::Borrowed(text);
    }
    let chars: Vec<char> = text.chars().collect();
    let digit = |k: usize| chars.get(k).is_some_and(char::is_ascii_digit);
    // The digits from `k` on (at most `max`, and no more follow): their end.
    let run = |k: usize, max: usize| {
        let end = (k..chars.len()).find(|&e| !digit(e)).unwrap_or(chars.len());
        (end > k && end - k <= max).then_some(end)
    };
    let uhr_at = |k: usize| {
        let k = if chars.get(k) == Some(&' ') { k + 1 } else { k };
        chars.get(k..k + 3).is_some_and(|w| w == ['U', 'h', 'r'])
    };
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < chars.len() {
        let starts = digit(i) && (i == 0 || !(digit(i - 1) || matches!(chars[i - 1], '.' | ',')));
        if let Some(a) = run(i, 2).filter(|_| starts) {
            let day: String = chars[i..a].iter().collect();
            let sep = chars.get(a).copied();
            // `14.30 Uhr`, `14:30 Uhr`
            if matches!(sep, Some('.' | ':'))
                && run(a + 1, 2).is_some_and(|e| e == a + 3)
                && uhr_at(a + 3)
            {
                out.push_str(&day);
                out.push(':');
                out.extend(&chars[a + 1..a + 3]);
                i = a + 3;
                continue;
            }
            // `17 Uhr`
            if uhr_at(a) {
                out.push_str(&day);
                out.push_str(":00");
                i = a;
                continue;
            }
            // `14.12.` and `15.01.2027`
            if sep == Some('.') {
                if let Some(b) = run(a + 1, 2).filter(|&b| chars.get(b) == Some(&'.')) {
                    let month: String = chars[a + 1..b].iter().collect();
                    // A year after the month's point has four digits (`2.10.1` is a version).
                    let year_ok = !digit(b + 1) || run(b + 1, 4).is_some_and(|y| y - (b + 1) == 4);
                    let valid = year_ok
                        && day.parse::<u32>().is_ok_and(|d| (1..=31).contains(&d))
                        && month.parse::<u32>().is_ok_and(|m| (1..=12).contains(&m));
                    if valid {
                        out.push_str(&day);
                        out.push(' ');
                        out.push_str(&month);
                        match run(b + 1, 4).filter(|&y| y - (b + 1) == 4) {
                            Some(y) => {
                                out.push(' ');
                                out.extend(&chars[b + 1..y]);
                                i = y;
                            }
                            None => {
                                out.push(' ');
                                i = b + 1;
                            }
                        }
                        continue;
                    }
                }
            }
        }
        out.push(chars[i]);
        i += 1;
    }
    std::borrow::Cow::Owned(out)
}

/// Whether `c` is kana or a Han character: letters of a writing without spaces between
/// words, so a figure may follow one directly (`では令和2年`, `同日午後4時`) and a word
/// of them is never a month name or a unit.
pub(crate) fn is_cjk(c: char) -> bool {
    matches!(c, '\u{3040}'..='\u{30FF}' | '\u{3400}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}')
}

/// A decimal digit's value, ASCII or full-width (`１`).
pub(crate) fn digit_value(c: char) -> Option<u32> {
    fold_char(c).to_digit(10)
}

/// What an ordinal number is written with after its digits: English `1st`, `2nd`, `3rd`,
/// `4th`; French `1er`, `1re`, `3e`.
pub(crate) fn is_ordinal_suffix(suffix: &str) -> bool {
    ["st", "nd", "rd", "th", "e", "er", "re"]
        .iter()
        .any(|s| s.eq_ignore_ascii_case(suffix))
}

/// Units of measure written right after a number (`24.5km`, `4.9GHz`, `100Mbps`, `30m2`):
/// with its unit the number is one figure. Case matters: `5G` and `4K` name things (a mobile
/// generation, a picture resolution), as `3D` does; none of them is a unit here.
const UNITS: &[&str] = &[
    "mm", "cm", "m", "km", "m2", "km2", "m3", "mg", "g", "kg", "mL", "L", "kL", "ha", "Hz", "kHz",
    "MHz", "GHz", "kW", "MW", "GW", "kWh", "MWh", "GWh", "kbps", "Mbps", "Gbps", "KB", "MB", "GB",
    "TB",
];

/// Whether `suffix`, written right after a number, is a unit of measure ([`UNITS`]).
pub(crate) fn is_unit(suffix: &str) -> bool {
    UNITS.contains(&suffix)
}

/// Whether `c` is a decimal digit, ASCII or full-width.
pub(crate) fn is_digit(c: char) -> bool {
    digit_value(c).is_some()
}

/// The skeleton of a page laid out on a Japanese or Chinese text (markers, indentation)
/// as a page in a language written with spaces writes it: full-width figures and spaces
/// folded (`１．` → `1.`, `（２）` → `(2)`, `　` → ` `), circled numbers in brackets (`①` →
/// `(1)`), katakana item markers lettered as circled numbers are numbered (`ア` → `(a)`,
/// `（イ）` → `(b)`), `※` as `*` and the `・` bullet as `•`. Text without them is returned
/// as it is.
pub(crate) fn spaced_skeleton(text: &str) -> std::borrow::Cow<'_, str> {
    let foreign = |c: char| {
        fold_char(c) != c
            || matches!(c, '※' | '・')
            || circled_value(c).is_some()
            || is_item_katakana(c)
    };
    if !text.chars().any(foreign) {
        return std::borrow::Cow::Borrowed(text);
    }
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    for (i, &c) in chars.iter().enumerate() {
        match c {
            '※' => out.push('*'),
            '・' => out.push('•'),
            c => match (circled_value(c), katakana_letter(&chars, i)) {
                (Some(n), _) => {
                    out.push('(');
                    out.push_str(&n.to_string());
                    out.push(')');
                }
                // `ア　` → `(a) ` as `①　` → `(1) `; `（イ）` → `(b)`, `ウ．` → `c.`.
                (None, Some((letter, bracketed))) if bracketed => out.push(letter),
                (None, Some((letter, _))) => {
                    out.push('(');
                    out.push(letter);
                    out.push(')');
                }
                (None, None) => out.push(fold_char(c)),
            },
        }
    }
    std::borrow::Cow::Owned(out)
}

/// The Latin letter a katakana item marker at `i` of a skeleton stands for (`ア` a, `イ` b,
/// in the gojūon order of [`KATAKANA_SEQ`]), and whether brackets or a stop already mark it
/// as a label (`（イ）`, `イ)`, `イ．`). Only a katakana standing alone is a marker: one
/// between other letters is a word.
fn katakana_letter(chars: &[char], i: usize) -> Option<(char, bool)> {
    let position = KATAKANA_SEQ.chars().position(|k| k == chars[i])?;
    let before = i.checked_sub(1).map(|k| fold_char(chars[k]));
    let after = chars.get(i + 1).map(|&c| fold_char(c));
    let opened = matches!(before, Some('(' | '['));
    let closed = matches!(after, Some(')' | ']' | '.'));
    let alone_before = before.is_none_or(|c| c.is_whitespace()) || opened;
    let alone_after = after.is_none_or(|c| c.is_whitespace()) || closed;
    if !(alone_before && alone_after) {
        return None;
    }
    let letter = char::from(b'a' + u8::try_from(position).ok()?);
    Some((letter, opened || closed))
}

/// The number a circled digit stands for: `①` is 1, `⑳` is 20.
pub(crate) fn circled_value(c: char) -> Option<u32> {
    ('①'..='⑳')
        .contains(&c)
        .then(|| u32::from(c) - u32::from('①') + 1)
}

/// The number of a month name: English in full or abbreviated, any case (`May`, `sept`);
/// the caller decides whether a lower-case `may` can be a month.
pub(crate) fn english_month(word: &str) -> Option<u32> {
    (1..=12)
        .zip(MONTHS.iter().zip(MONTH_ABBREVIATIONS))
        .find_map(|(number, (name, abbreviations))| {
            (name.eq_ignore_ascii_case(word)
                || abbreviations.iter().any(|a| a.eq_ignore_ascii_case(word)))
            .then_some(number)
        })
}

/// The number of a month name in any language translations are checked in: English (full
/// or abbreviated, capitalised: `May`, `Sept`) or French, Spanish and German as spelt.
pub(crate) fn month(word: &str) -> Option<u32> {
    let capitalised = word.starts_with(|c: char| c.is_ascii_uppercase());
    english_month(word).filter(|_| capitalised).or_else(|| {
        MONTH_NAMES
            .iter()
            .filter(|(language, _)| CHECKED_LANGUAGES.contains(language))
            .find_map(|(_, names)| names.iter().position(|name| *name == word))
            .map(|index| index as u32 + 1)
    })
}

/// The number of an English weekday name (Monday is 1), any case.
pub(crate) fn weekday(word: &str) -> Option<u32> {
    (1..=7)
        .zip(WEEKDAYS)
        .find_map(|(number, name)| name.eq_ignore_ascii_case(word).then_some(number))
}

/// The weekdays a text names (1 = Monday … 7 = Sunday): a Japanese or Chinese weekday after
/// a date (`（木）`, `木曜日`, `星期四`, `周四`), or a weekday's name in a language of
/// [`WEEKDAY_NAMES`] as a whole word, any case. Most texts name none and are scanned once.
pub(crate) fn weekdays_in(text: &str) -> BTreeSet<u32> {
    static NAMES: std::sync::OnceLock<Option<aho_corasick::AhoCorasick>> =
        std::sync::OnceLock::new();
    let mut found = BTreeSet::new();
    // A Japanese weekday is bracketed or followed by 曜: a text with neither is not read
    // char by char.
    if text.contains(['（', '(', '曜']) {
        // Each char with the one before and the one after it, nothing copied.
        let mut before = None;
        let mut chars = text.chars().peekable();
        while let Some(c) = chars.next() {
            let after = chars.peek().copied();
            if let Some(day) = WEEKDAYS_JA.iter().position(|&w| w == c) {
                let bracketed =
                    matches!(before, Some('（' | '(')) && matches!(after, Some('）' | ')'));
                if bracketed || after == Some('曜') {
                    found.insert(day as u32 + 1);
                }
            }
            before = Some(c);
        }
    }
    let chinese = if text.contains(['星', '周']) {
        &[("星期", "一二三四五六日"), ("周", "一二三四五六日")][..]
    } else {
        &[]
    };
    for &(prefix, numerals) in chinese {
        for (at, _) in text.match_indices(prefix) {
            let next = text[at + prefix.len()..].chars().next();
            if let Some(day) = next.and_then(|n| numerals.chars().position(|d| d == n)) {
                found.insert(day as u32 + 1);
            }
        }
    }
    let names = NAMES.get_or_init(|| {
        let patterns: Vec<&str> = WEEKDAY_NAMES
            .iter()
            .flat_map(|(_, names)| names.iter().copied())
            .collect();
        aho_corasick::AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .match_kind(aho_corasick::MatchKind::LeftmostLongest)
            .build(patterns)
            .ok()
    });
    if let Some(names) = names {
        let letter_at = |at: usize| text[at..].chars().next().is_some_and(char::is_alphabetic);
        let letter_before = |at: usize| {
            text[..at]
                .chars()
                .next_back()
                .is_some_and(char::is_alphabetic)
        };
        for m in names.find_iter(text) {
            if !letter_before(m.start()) && !letter_at(m.end()) {
                found.insert((m.pattern().as_usize() % 7) as u32 + 1);
            }
        }
    }
    found
}

/// An exact decimal number: `mantissa` × 10^`exp`. Equal values compare equal once
/// [`normalized`](Self::normalized) (`3,000`, `3000` and `0.3万` are all 3 × 10³).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) struct Decimal {
    pub(crate) mantissa: u128,
    pub(crate) exp: i32,
}

impl Decimal {
    /// A whole number.
    pub(crate) fn integer(value: u128) -> Decimal {
        Decimal {
            mantissa: value,
            exp: 0,
        }
        .normalized()
    }

    /// The same value without trailing zeros in the mantissa (zero is `0e0`).
    pub(crate) fn normalized(mut self) -> Decimal {
        if self.mantissa == 0 {
            return Decimal::integer_zero();
        }
        while self.mantissa % 10 == 0 {
            self.mantissa /= 10;
            self.exp += 1;
        }
        self
    }

    fn integer_zero() -> Decimal {
        Decimal {
            mantissa: 0,
            exp: 0,
        }
    }

    /// Both mantissas on the smaller exponent, if that fits.
    fn aligned(self, other: Decimal) -> Option<(u128, u128, i32)> {
        let exp = self.exp.min(other.exp);
        let scale = |d: Decimal| -> Option<u128> {
            let shift = u32::try_from(d.exp - exp).ok()?;
            d.mantissa.checked_mul(10u128.checked_pow(shift)?)
        };
        Some((scale(self)?, scale(other)?, exp))
    }

    /// The exact sum, unless it overflows.
    pub(crate) fn checked_add(self, other: Decimal) -> Option<Decimal> {
        let (a, b, exp) = self.aligned(other)?;
        Some(Decimal {
            mantissa: a.checked_add(b)?,
            exp,
        })
    }

    /// The value times 10^`exp`.
    pub(crate) fn scaled(self, exp: i32) -> Decimal {
        Decimal {
            exp: self.exp + exp,
            ..self
        }
    }

    /// Compares two values exactly (`None` only when they are too far apart to align, which
    /// no figure in a text is).
    pub(crate) fn compare(self, other: Decimal) -> Option<Ordering> {
        let (a, b, _) = self.aligned(other)?;
        Some(a.cmp(&b))
    }

    /// The value as a whole number up to 10⁴, if it is one (a year of an era, a month, a
    /// small count).
    pub(crate) fn small_integer(self) -> Option<u32> {
        let d = self.normalized();
        if d.exp < 0 || d.exp > 4 {
            return None;
        }
        u32::try_from(d.mantissa.checked_mul(10u128.pow(d.exp.unsigned_abs()))?).ok()
    }
}

impl fmt::Display for Decimal {
    /// Plain decimal notation, no grouping, no trailing zeros: `5253`, `1.5`, `0.25`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let d = self.normalized();
        let digits = d.mantissa.to_string();
        if d.exp >= 0 {
            return write!(f, "{digits}{}", "0".repeat(d.exp.unsigned_abs() as usize));
        }
        let point = d.exp.unsigned_abs() as usize;
        if digits.len() > point {
            let (int, frac) = digits.split_at(digits.len() - point);
            write!(f, "{int}.{frac}")
        } else {
            write!(f, "0.{}{digits}", "0".repeat(point - digits.len()))
        }
    }
}

fn at(chars: &[char], i: usize) -> char {
    chars.get(i).copied().unwrap_or('\0')
}

fn digits_end(chars: &[char], from: usize) -> usize {
    (from..chars.len())
        .find(|&k| !chars[k].is_ascii_digit())
        .unwrap_or(chars.len())
}

fn is_group_separator(c: char) -> bool {
    matches!(c, ',' | ' ' | '\u{a0}' | '\u{202f}' | '\u{2009}' | '\'')
}

/// The digits of a number starting at `i` (an ASCII digit) with its thousands groups, as the
/// module documentation decides, and where they end. `5 253` gives `"5253"`.
pub(crate) fn integer_digits(chars: &[char], i: usize) -> (String, usize) {
    let mut end = digits_end(chars, i);
    let mut digits: String = chars[i..end].iter().collect();
    if end - i <= 3 {
        while is_group_separator(at(chars, end))
            && digits_end(chars, end + 1) == end + 4
            && end + 4 <= chars.len()
        {
            digits.extend(&chars[end + 1..end + 4]);
            end += 4;
        }
    }
    (digits, end)
}

/// A number without its scale at `i` (an ASCII digit): grouped digits and decimals.
pub(crate) fn decimal(chars: &[char], i: usize) -> Option<(Decimal, usize)> {
    let (mut digits, mut end) = integer_digits(chars, i);
    let mut exp = 0i32;
    let separator = at(chars, end);
    if matches!(separator, '.' | ',') && at(chars, end + 1).is_ascii_digit() {
        let fraction_end = digits_end(chars, end + 1);
        // A comma before exactly three digits that did not group (`1234,567`) is no decimal.
        if !(separator == ',' && fraction_end - (end + 1) == 3) {
            digits.extend(&chars[end + 1..fraction_end]);
            exp = -i32::try_from(fraction_end - (end + 1)).ok()?;
            end = fraction_end;
        }
    }
    let mantissa = digits.parse::<u128>().ok()?;
    Some((Decimal { mantissa, exp }.normalized(), end))
}

/// The power of ten of a scale written right after a number, and where the scale ends: `千`,
/// `万`, `億`, `亿`, `兆`, or after an optional space an English or French scale word.
fn scale(chars: &[char], start: usize) -> Option<(i32, usize)> {
    match at(chars, start) {
        '千' => return Some((3, start + 1)),
        '万' => return Some((4, start + 1)),
        '億' | '亿' => return Some((8, start + 1)),
        '兆' => return Some((12, start + 1)),
        _ => {}
    }
    let k = if matches!(at(chars, start), ' ' | '\u{a0}') {
        start + 1
    } else {
        start
    };
    // A scale word is short: the letters are read no further than one past the longest.
    let limit = (k + SCALE_WORD_MAX + 1).min(chars.len());
    let end = (k..limit)
        .find(|&i| !chars[i].is_alphabetic())
        .unwrap_or(limit);
    let exp = lowercase_word(&chars[k..end]).and_then(|word| scale_word(&word))?;
    // `324 hundred million yen` (324億円 word for word), Spanish `1,2 mil millones`: the
    // scales multiply.
    if exp <= 3 {
        if let Some((more, after)) =
            scale(chars, end).filter(|(more, _)| *more >= 6 || (exp == 2 && *more >= 3))
        {
            return Some((exp + more, after));
        }
    }
    Some((exp, end))
}

/// The power of ten a lower-case scale word stands for.
fn scale_word(word: &str) -> Option<i32> {
    Some(match word {
        "hundred" => 2,
        "thousand" | "mil" => 3,
        "million" | "millions" | "millionen" | "mio" | "millones" | "millón" | "milione"
        | "milioni" | "milhão" | "milhões" | "miljoen" => 6,
        "billion" | "billions" | "milliard" | "milliards" | "milliarde" | "milliarden" | "mrd"
        | "miliardo" | "miliardi" | "miljard" => 9,
        "trillion" => 12,
        _ => return None,
    })
}

/// The longest scale word [`scale_word`] knows, in chars (`milliarden`).
const SCALE_WORD_MAX: usize = 10;

/// `word` lower-cased, as `str::to_lowercase` writes it, when it is short enough to be a
/// scale word: lower-casing never makes a word shorter, so a longer one is none, and the
/// letters after most numbers (a run of kanji and kana) are not copied.
fn lowercase_word(word: &[char]) -> Option<String> {
    if word.is_empty() || word.len() > SCALE_WORD_MAX {
        return None;
    }
    Some(word.iter().collect::<String>().to_lowercase())
}

/// A Japanese group below `万` written with `千` and `百` (`2千5百`, `8千`, `3百`) whose first
/// number `value` ends at `end`, and where it ends: the group is one number, which a larger
/// scale then multiplies whole (`2千5百万` is 25 million, `4億8千万` 480 million). A number
/// without `千` or `百` after it is given back as it is.
fn thousands_group(chars: &[char], value: Decimal, end: usize) -> (Decimal, usize) {
    let unit = |c: char| match c {
        '千' => Some(3),
        '百' => Some(2),
        _ => None,
    };
    let Some(mut last) = unit(at(chars, end)) else {
        return (value, end);
    };
    let mut total = value.scaled(last).normalized();
    let mut end = end + 1;
    // Then smaller units only (`2千5百`), and a last plain number (`2千5百30`).
    while at(chars, end).is_ascii_digit() {
        let Some((next, next_end)) = decimal(chars, end) else {
            break;
        };
        let part = match unit(at(chars, next_end)) {
            Some(exp) if exp < last => {
                last = exp;
                (next.scaled(exp), next_end + 1)
            }
            Some(_) => break,
            None if next.compare(Decimal::integer(1).scaled(last)) == Some(Ordering::Less) => {
                (next, next_end)
            }
            None => break,
        };
        match total.checked_add(part.0) {
            Some(sum) => (total, end) = (sum.normalized(), part.1),
            None => break,
        }
        if part.1 == next_end {
            break;
        }
    }
    (total, end)
}

/// An amount at `i` (an ASCII digit): a [`decimal`] with its scale, and a smaller amount
/// after a scale of at least `万` added to it (`2万1,000`, `1兆2,000億`).
pub(crate) fn amount(chars: &[char], i: usize) -> Option<(Decimal, usize)> {
    let (value, end) = decimal(chars, i)?;
    let (value, end) = thousands_group(chars, value, end);
    let Some((exp, after)) = scale(chars, end) else {
        return Some((value, end));
    };
    let value = value.scaled(exp).normalized();
    if exp >= 4 && at(chars, after).is_ascii_digit() {
        let unit = Decimal::integer(1).scaled(exp);
        if let Some((rest, rest_end)) = amount(chars, after) {
            let smaller = rest.compare(unit) == Some(Ordering::Less);
            if let Some(sum) = value.checked_add(rest).filter(|_| smaller) {
                return Some((sum.normalized(), rest_end));
            }
        }
    }
    Some((value, after))
}

/// A Japanese era year at the start of `chars`: the era's name, optional spaces, a year in
/// digits or `元` (its first year), and `年`. Returns the Gregorian year and the chars read
/// (`令和2年` → 2020, `大正15年` → 1926, `平成元年` → 1989).
pub(crate) fn era_year(chars: &[char]) -> Option<(u32, usize)> {
    let first = *chars.first()?;
    if !matches!(first, '令' | '平' | '昭' | '大' | '明') {
        return None;
    }
    let era = ERAS.iter().find(|era| {
        era.name
            .chars()
            .enumerate()
            .all(|(k, c)| chars.get(k) == Some(&c))
    })?;
    let mut i = era.name.chars().count();
    while matches!(at(chars, i), ' ' | '\u{3000}') {
        i += 1;
    }
    let year = if at(chars, i) == '元' {
        i += 1;
        1
    } else {
        let start = i;
        let mut year = 0u32;
        while let Some(d) = digit_value(at(chars, i)) {
            year = year.checked_mul(10)?.checked_add(d)?;
            i += 1;
        }
        if i == start || i - start > 3 || year == 0 {
            return None;
        }
        year
    };
    (at(chars, i) == '年').then(|| (era.first_year + year - 1, i + 1))
}

/// [`era_year`] on a `&str`: the Gregorian year and the bytes read.
pub(crate) fn era_year_in(text: &str) -> Option<(u32, usize)> {
    let head: Vec<char> = text.chars().take(12).collect();
    let (year, read) = era_year(&head)?;
    Some((year, head[..read].iter().map(|c| c.len_utf8()).sum()))
}

/// A phone or fax number starting at `i` (see the module documentation), in national form
/// (`+81 3…` → `03…`), and the index just past its last digit.
pub(crate) fn phone(chars: &[char], i: usize) -> Option<(String, usize)> {
    let first = at(chars, i);
    if !matches!(first, '+' | '(' | '0') {
        return None;
    }
    // Digits are counted first and copied only for a number of a phone's length: most
    // `0`s, `+`s and `(`s in a text start none.
    let mut count = 0;
    let mut end = i;
    let mut last_digit_end = i;
    let mut separated = first == '+' || first == '(';
    while end < chars.len() {
        let c = chars[end];
        if c.is_ascii_digit() {
            count += 1;
            last_digit_end = end + 1;
        } else if matches!(c, '-' | '(' | ')' | '.')
            || (c == ' ' && at(chars, end + 1).is_ascii_digit())
        {
            separated |= c != '.';
        } else if !(c == '+' && end == i) {
            break;
        }
        end += 1;
    }
    if !(10..=13).contains(&count) || !separated {
        return None;
    }
    let digits: String = chars[i..last_digit_end]
        .iter()
        .filter(|c| c.is_ascii_digit())
        .collect();
    let national = match digits.strip_prefix("81") {
        Some(rest) if first == '+' => format!("0{rest}"),
        _ => digits,
    };
    Some((national, last_digit_end))
}

/// A block's list or heading marker, reduced to what is comparable across languages: `1.`,
/// `１．`, `（1）`, `①`, `(a)` and `（ア）` are all positions in a sequence.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Marker {
    /// A position in a numbered or lettered sequence (1-based).
    Seq(u32),
    /// One of the [`BULLETS`].
    Bullet,
    /// A note mark: `※`, `(*)`, `（注）`.
    Note,
    /// Anything else (`第1章`), compared literally: width-folded, without spaces, lower case.
    Other(String),
}

/// The gojūon order Japanese uses for `（ア）（イ）（ウ）` sub-items.
const KATAKANA_SEQ: &str = "アイウエオカキクケコサシスセソタチツテトナニヌネノ";

/// The value of a lower-case Roman numeral up to 39 (`i`, `iv`, `xii`), as items are
/// numbered `(i)`, `(ii)`: read before a single letter, so `(i)` is the first item, not the
/// ninth letter.
fn roman_value(text: &str) -> Option<u32> {
    let tens = text.chars().take_while(|&c| c == 'x').count();
    let units = match &text[tens..] {
        "" if tens > 0 => 0,
        "i" => 1,
        "ii" => 2,
        "iii" => 3,
        "iv" => 4,
        "v" => 5,
        "vi" => 6,
        "vii" => 7,
        "viii" => 8,
        "ix" => 9,
        _ => return None,
    };
    (tens <= 3).then(|| tens as u32 * 10 + units)
}

/// The length in bytes of the label a bracketed item marker holds after its opening bracket,
/// when it is not digits: a Roman numeral (`(iv)`), a single letter (`(b)`, `(B)`) or a
/// single katakana of the gojūon order (`（イ）`), followed by `close`.
pub(crate) fn item_label_len(rest: &str, close: char) -> Option<usize> {
    let end = rest.find(close)?;
    let label = &rest[..end];
    let mut chars = label.chars();
    let single = chars.next().filter(|_| chars.next().is_none());
    let roman = roman_value(label).is_some();
    let letter = single.is_some_and(|c| c.is_ascii_alphabetic() || KATAKANA_SEQ.contains(c));
    (roman || letter).then_some(end)
}

/// Whether `c` is a katakana of the gojūon order that numbers third-level items
/// (`ア　…`, `イ　…`).
pub(crate) fn is_item_katakana(c: char) -> bool {
    KATAKANA_SEQ.contains(c)
}

impl Marker {
    /// Reads a marker as the segmenter found it (`raw` is the marker's text).
    pub(crate) fn parse(raw: &str) -> Marker {
        let folded: String = raw
            .chars()
            .map(fold_char)
            .filter(|c| !c.is_whitespace())
            .collect();
        let core: String = folded
            .chars()
            .filter(|c| !matches!(c, '(' | ')' | '.' | '、' | '．'))
            .collect();
        if let Ok(n) = core.parse::<u32>() {
            return Marker::Seq(n);
        }
        if let Some(n) = roman_value(&core) {
            return Marker::Seq(n);
        }
        let mut chars = core.chars();
        match (chars.next(), chars.next()) {
            (Some(c), None) if circled_value(c).is_some() => {
                return Marker::Seq(circled_value(c).unwrap_or_default());
            }
            (Some(c), None) if c.is_ascii_alphabetic() => {
                return Marker::Seq(u32::from(c.to_ascii_lowercase()) - u32::from('a') + 1);
            }
            (Some(c), None) => {
                if let Some(position) = KATAKANA_SEQ.chars().position(|k| k == c) {
                    return Marker::Seq(position as u32 + 1);
                }
            }
            _ => {}
        }
        if folded.contains(['※', '*', '注']) {
            Marker::Note
        } else if !folded.is_empty() && folded.chars().all(|c| BULLETS.contains(&c)) {
            Marker::Bullet
        } else {
            Marker::Other(folded.to_lowercase())
        }
    }
}

#[cfg(test)]
mod tests {

    #[test]
    fn german_dates_and_times_read_as_the_numbers_reader_takes_them() {
        assert_eq!(
            point_dates_to_english("am 14.12. um 14.30 Uhr"),
            "am 14 12  um 14:30 Uhr"
        );
        assert_eq!(
            point_dates_to_english("bis 15.01.2027, 17 Uhr"),
            "bis 15 01 2027, 17:00 Uhr"
        );
        assert_eq!(point_dates_to_english("ab 9:05 Uhr"), "ab 9:05 Uhr");
        // Not dates or times: grouped thousands, decimals, a version, a 13th month.
        for text in [
            "1.234,5 Yen",
            "12.345 Fälle",
            "3,5 %",
            "Version 2.10.1",
            "am 14.13.",
        ] {
            assert_eq!(point_dates_to_english(text), text);
        }
        let read = |text: &str| -> Vec<String> {
            numbers::extract(&point_grouped_to_english(&point_dates_to_english(text)))
                .iter()
                .map(numbers::Token::shown)
                .collect()
        };
        assert_eq!(
            read("Die Sitzung beginnt am 14. Dezember um 14.30 Uhr."),
            ["12", "14", "14:30"]
        );
        assert_eq!(
            read("Einsendeschluss ist der 15.01.2027, 17 Uhr."),
            ["1", "15", "2027", "17:00"]
        );
    }

    #[test]
    fn a_japanese_skeleton_reads_as_a_spaced_language_writes_it() {
        assert_eq!(spaced_skeleton("\n１．　"), "\n1. ");
        assert_eq!(spaced_skeleton("（２）"), "(2)");
        assert_eq!(spaced_skeleton("\r\n　①　"), "\r\n (1) ");
        assert_eq!(spaced_skeleton("※"), "*");
        assert_eq!(spaced_skeleton("・"), "•");
        // Katakana items are lettered as `①` is numbered: `ア　` → `(a) `, `（イ）` → `(b)`.
        assert_eq!(spaced_skeleton("\nア　"), "\n(a) ");
        assert_eq!(spaced_skeleton("　　イ　"), "  (b) ");
        assert_eq!(spaced_skeleton("（ウ）"), "(c)");
        assert_eq!(spaced_skeleton("エ．"), "d.");
        // Katakana inside a word is no marker.
        assert_eq!(spaced_skeleton("アイ　"), "アイ ");
        assert!(matches!(
            spaced_skeleton("\n\n  - "),
            std::borrow::Cow::Borrowed(_)
        ));
    }

    use super::*;
    use proptest::prelude::*;

    fn chars(text: &str) -> Vec<char> {
        fold_width(text).chars().collect()
    }

    fn value(text: &str) -> Option<String> {
        amount(&chars(text), 0).map(|(d, _)| d.to_string())
    }

    #[test]
    fn eras_and_first_years() {
        let year = |text: &str| era_year(&chars(text)).map(|(y, _)| y);
        assert_eq!(year("令和2年"), Some(2020));
        assert_eq!(year("令和元年"), Some(2019));
        assert_eq!(year("平成31年"), Some(2019));
        assert_eq!(year("平成元年"), Some(1989));
        assert_eq!(year("昭和64年"), Some(1989));
        assert_eq!(year("大正15年"), Some(1926));
        assert_eq!(year("大正元年"), Some(1912));
        assert_eq!(year("明治45年"), Some(1912));
        assert_eq!(year("令和 ２ 年"), None, "a space before 年 is no era year");
        assert_eq!(year("令和　２年"), Some(2020));
        assert_eq!(year("令和年"), None);
        assert_eq!(year("大正時代"), None);
        assert_eq!(era_year_in("令和2年5月1日"), Some((2020, "令和2年".len())));
    }

    #[test]
    fn numbers_are_exact_and_agree_across_writings() {
        for same in [
            "5253",
            "5,253",
            "5 253",
            "５，２５３",
            "5\u{a0}253",
            "5'253",
        ] {
            assert_eq!(value(same).as_deref(), Some("5253"), "{same}");
        }
        assert_eq!(value("1.5万").as_deref(), Some("15000"));
        assert_eq!(value("1,5 %").as_deref(), Some("1.5"));
        assert_eq!(value("3.29％").as_deref(), Some("3.29"));
        assert_eq!(value("2万1,000件").as_deref(), Some("21000"));
        assert_eq!(value("1兆2,000億円").as_deref(), Some("1200000000000"));
        // 千 and 百 make one group, which 万 or 億 multiplies whole.
        assert_eq!(value("4億8千万円").as_deref(), Some("480000000"));
        assert_eq!(value("2千5百万円").as_deref(), Some("25000000"));
        assert_eq!(value("3千人").as_deref(), Some("3000"));
        assert_eq!(value("1億2千3百万円").as_deref(), Some("123000000"));
        assert_eq!(value("2千500件").as_deref(), Some("2500"));
        assert_eq!(value("5百万円").as_deref(), Some("5000000"));
        assert_eq!(value("1.2 trillion yen").as_deref(), Some("1200000000000"));
        assert_eq!(value("75 milliards").as_deref(), Some("75000000000"));
        assert_eq!(value("0.05").as_deref(), Some("0.05"));
        assert_eq!(
            value("2020 100").as_deref(),
            Some("2020"),
            "a 4-digit group"
        );
        assert_eq!(value("1234,567").as_deref(), Some("1234"));
        assert_eq!(value("12,34").as_deref(), Some("12.34"));
        assert_eq!(
            value("3万2万").as_deref(),
            Some("30000"),
            "not smaller: not added"
        );
    }

    #[test]
    fn phones_in_every_writing() {
        let national = |text: &str| phone(&chars(text), 0).map(|(n, _)| n);
        for same in [
            "03-5253-5920",
            "03(5253)5920",
            "+81 3 5253 5920",
            "+81-3-5253-5920",
            "０３－５２５３－５９２０",
        ] {
            assert_eq!(national(same).as_deref(), Some("0352535920"), "{same}");
        }
        assert_eq!(national("0352535920"), None, "no separator");
        assert_eq!(
            national("2020-2021-2022"),
            None,
            "does not start like a phone"
        );
        assert_eq!(national("03-5253"), None, "too short");
    }

    #[test]
    fn months_weekdays_and_width() {
        assert_eq!(english_month("sept"), Some(9));
        assert_eq!(english_month("December"), Some(12));
        assert_eq!(month("May"), Some(5));
        assert_eq!(month("may"), None);
        assert_eq!(month("mai"), Some(5));
        assert_eq!(month("Dezember"), Some(12));
        assert_eq!(weekday("Thursday"), Some(4));
        assert_eq!(fold_width("Ｇ２０　（１）"), "G20 (1)");
        assert_eq!(digit_value('７'), Some(7));
        assert!(!is_digit('七'));
    }

    #[test]
    fn markers() {
        assert_eq!(Marker::parse("１．"), Marker::Seq(1));
        assert_eq!(Marker::parse("（2）"), Marker::Seq(2));
        assert_eq!(Marker::parse("3."), Marker::Seq(3));
        assert_eq!(Marker::parse("④"), Marker::Seq(4));
        assert_eq!(Marker::parse("（イ）"), Marker::parse("(b)"));
        for bullet in ["・", "•", "▪", "-", "◯", "."] {
            assert_eq!(Marker::parse(bullet), Marker::Bullet, "{bullet}");
        }
        assert_eq!(Marker::parse("※"), Marker::Note);
        assert_eq!(Marker::parse("(*)"), Marker::Note);
        assert_eq!(Marker::parse("第1章"), Marker::Other("第1章".to_owned()));
        assert_eq!(Marker::parse("TEL:"), Marker::Other("tel:".to_owned()));
    }

    /// [`scale`] as first written: the whole run of letters copied and lower-cased.
    fn scale_by_whole_words(chars: &[char], start: usize) -> Option<(i32, usize)> {
        match at(chars, start) {
            '千' => return Some((3, start + 1)),
            '万' => return Some((4, start + 1)),
            '億' | '亿' => return Some((8, start + 1)),
            '兆' => return Some((12, start + 1)),
            _ => {}
        }
        let k = if matches!(at(chars, start), ' ' | '\u{a0}') {
            start + 1
        } else {
            start
        };
        let end = (k..chars.len())
            .find(|&i| !chars[i].is_alphabetic())
            .unwrap_or(chars.len());
        let word: String = chars[k..end].iter().collect::<String>().to_lowercase();
        let exp = scale_word(&word)?;
        if exp <= 3 {
            if let Some((more, after)) = scale_by_whole_words(chars, end)
                .filter(|(more, _)| *more >= 6 || (exp == 2 && *more >= 3))
            {
                return Some((exp + more, after));
            }
        }
        Some((exp, end))
    }

    proptest! {
        /// Scale words read no further than the longest one reads what copying the whole
        /// run of letters read: words of every length, upper case (`MILLÓN`, `İ`, which
        /// lower-cases to two chars), kanji runs.
        #[test]
        fn short_scale_words_read_as_whole_words(
            words in prop::collection::vec(prop::sample::select(vec![
                "hundred", "Thousand", "MIL", "millón", "MILLÓN", "Milliarden", "milliardenx",
                "İmil", "mio", "Mrd", "trillion", "billions", "件について", "万", "億", "千",
                "x", "", "milhões", "MILHÕES",
            ]), 0..4),
            seps in prop::collection::vec(prop::sample::select(vec![" ", "\u{a0}", "", "1", "."]), 0..4),
        ) {
            let mut text = String::new();
            for (i, word) in words.iter().enumerate() {
                text.push_str(seps.get(i).copied().unwrap_or(""));
                text.push_str(word);
            }
            let chars: Vec<char> = text.chars().collect();
            for start in 0..=chars.len() {
                prop_assert_eq!(scale(&chars, start), scale_by_whole_words(&chars, start));
            }
        }

        /// Folding is one char for one char and leaves ASCII alone.
        #[test]
        fn folding_keeps_length_and_ascii(text in "\\PC{0,40}") {
            let folded = fold_width(&text);
            prop_assert_eq!(folded.chars().count(), text.chars().count());
            for (a, b) in text.chars().zip(folded.chars()) {
                if a.is_ascii() {
                    prop_assert_eq!(a, b);
                }
            }
            prop_assert_eq!(fold_width(&folded), folded.clone());
        }

        /// A number written with any grouping, in full width or not, reads as its value, and
        /// the value written out reads back as itself.
        #[test]
        fn numbers_round_trip(n in 0u64..10_000_000_000, frac in proptest::option::of(1u32..1000),
                              sep in prop::sample::select(vec![",", " ", "\u{a0}", "'", "，"]),
                              wide in any::<bool>()) {
            let plain = n.to_string();
            let mut grouped = String::new();
            for (k, c) in plain.chars().enumerate() {
                if k > 0 && (plain.len() - k) % 3 == 0 {
                    grouped.push_str(sep);
                }
                grouped.push(c);
            }
            let (text, expected) = match frac {
                Some(f) => (format!("{grouped}.{f}"), format!("{plain}.{f}")),
                None => (grouped, plain),
            };
            let text: String = if wide {
                text.chars().map(|c| match c {
                    '0'..='9' | '.' | ',' => char::from_u32(u32::from(c) + 0xFEE0).unwrap_or(c),
                    _ => c,
                }).collect()
            } else {
                text
            };
            let folded = chars(&text);
            let (read, end) = amount(&folded, 0).unwrap();
            let shown = read.to_string();
            let expected_value = decimal(&chars(&expected), 0).unwrap().0;
            prop_assert_eq!(read, expected_value);
            prop_assert_eq!(end, folded.len());
            let again = decimal(&chars(&shown), 0).unwrap();
            prop_assert_eq!(again.0, read);
            prop_assert_eq!(again.1, shown.chars().count());
        }

        /// An era year reads as the Gregorian year, whichever way the year is written.
        #[test]
        fn era_years(index in 0usize..5, year in 1u32..100, first in any::<bool>(), wide in any::<bool>()) {
            let era = ERAS[index];
            let written = if first && year == 1 { "元".to_owned() } else { year.to_string() };
            let written = if wide { written.chars().map(|c| char::from_u32(u32::from(c) + 0xFEE0).filter(|_| c.is_ascii_digit()).unwrap_or(c)).collect() } else { written };
            let text = format!("{}{written}年", era.name);
            prop_assert_eq!(era_year_in(&text), Some((era.first_year + year - 1, text.len())));
        }
    }
}
