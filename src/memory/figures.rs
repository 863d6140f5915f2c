//! Figures for the translation memory: numbers, dates, era years, weekdays, URLs, e-mail
//! addresses and phone numbers, found by the alignment's anchor scanner
//! ([`crate::align::extract_anchors`]) so that the memory compares `令和7年` and `2025` as one
//! token, and a translation's figures can be replaced when a sentence comes back with new
//! ones. [`figures`] is the one place the memory reads figures of a source text from.
//!
//! Replacing a figure in a translation needs its surface in the target language: digits
//! (with the translation's own thousands separator), English ordinals, French `1er`, month
//! and weekday names of a few languages (a table here, not a parser), `5月` in Chinese.
//! A figure the translation writes in any other way is not replaced, and the suggestion says
//! so by not being leveraged.

use std::collections::BTreeMap;
use std::ops::Range;

use serde::{Deserialize, Serialize};

use crate::align::extract_anchors;
use crate::figures::{self, MONTH_NAMES, WEEKDAY_NAMES};
use crate::locale::{Locale, Writing};

/// What a figure is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum FigureKind {
    /// A number, amount or year (era years are converted to the Gregorian year).
    Number,
    /// A month name (`March`, `mars`).
    Month,
    /// A weekday name.
    Weekday,
    /// A web address.
    Url,
    /// An e-mail address.
    Email,
    /// A telephone or fax number.
    Phone,
}

impl FigureKind {
    fn of_key(key: &str) -> Option<FigureKind> {
        let prefix = key.split(':').next()?;
        Some(match prefix {
            "n" => FigureKind::Number,
            "mon" => FigureKind::Month,
            "wd" => FigureKind::Weekday,
            "u" => FigureKind::Url,
            "@" => FigureKind::Email,
            "tel" => FigureKind::Phone,
            _ => return None,
        })
    }
}

/// One figure of a text. Kept in the memory's cache as `[start, end, key]` (the kind
/// follows from the key).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(into = "Stored", try_from = "Stored")]
pub(crate) struct Figure {
    /// The language-neutral value: `n:2025e0` for `令和7年` and `2025`, `mon:5` for `5月` and
    /// `May` (the alignment anchor keys).
    pub key: String,
    pub kind: FigureKind,
    /// Where it stands in the text, in bytes.
    pub span: Range<usize>,
}

impl Figure {
    /// A figure as the cache keeps it: its span and key (`None` for a key that names no
    /// kind of figure).
    pub(crate) fn stored(start: usize, end: usize, key: String) -> Option<Figure> {
        Figure::try_from(Stored(start, end, key)).ok()
    }
}

/// A [`Figure`] as the cache keeps it.
#[derive(Debug, Serialize, Deserialize)]
struct Stored(usize, usize, String);

impl From<Figure> for Stored {
    fn from(figure: Figure) -> Stored {
        Stored(figure.span.start, figure.span.end, figure.key)
    }
}

impl TryFrom<Stored> for Figure {
    type Error = String;

    fn try_from(Stored(start, end, key): Stored) -> Result<Figure, String> {
        let kind = FigureKind::of_key(&key).ok_or_else(|| format!("not a figure key: {key}"))?;
        Ok(Figure {
            key,
            kind,
            span: start..end,
        })
    }
}

/// The figures of the two source texts of a remembered unit or an open entry (none for a
/// text it does not have), found once when its document is planned and kept with it in the
/// memory's cache, so that indexing and looking up need not scan every text again.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct SourceFigures {
    #[serde(default, rename = "o", skip_serializing_if = "Vec::is_empty")]
    pub original: Vec<Figure>,
    #[serde(default, rename = "p", skip_serializing_if = "Vec::is_empty")]
    pub pivot: Vec<Figure>,
    /// For a remembered unit, the figures of its translation ([`target_figures`]), which
    /// figure leverage reads; `None` when not found yet (an open entry has no translation).
    #[serde(default, rename = "t", skip_serializing_if = "Option::is_none")]
    pub translation: Option<Vec<Figure>>,
}

impl SourceFigures {
    /// The figures of `original` (in the project's source locale) and `pivot`.
    pub(crate) fn of(
        original: Option<&str>,
        pivot: Option<&str>,
        keys: &super::Keys,
    ) -> SourceFigures {
        SourceFigures {
            original: original.map_or_else(Vec::new, |t| figures(t, keys.original.writing())),
            pivot: match (pivot, &keys.pivot) {
                (Some(text), Some(locale)) => figures(text, locale.writing()),
                _ => Vec::new(),
            },
            translation: None,
        }
    }

    /// The figures of a remembered unit's sources and of its translation into `target`.
    /// Leverage replaces figures of the sources, so a unit whose sources have none is never
    /// leveraged: its translation is not scanned (`None`).
    pub(crate) fn of_unit(
        unit: &super::Unit,
        keys: &super::Keys,
        target: &Locale,
    ) -> SourceFigures {
        let mut found = SourceFigures::of(unit.original.as_deref(), unit.pivot.as_deref(), keys);
        if !found.original.is_empty() || !found.pivot.is_empty() {
            found.translation = Some(target_figures(&unit.translation, target));
        }
        found
    }
}

/// The figures of a source text, in order.
pub(crate) fn figures(text: &str, writing: Writing) -> Vec<Figure> {
    let bytes = char_offsets(text);
    extract_anchors(text, writing)
        .into_iter()
        .filter(|a| !a.soft && a.span.end > a.span.start)
        .filter_map(|a| {
            let kind = FigureKind::of_key(&a.key)?;
            let start = *bytes.get(a.span.start)?;
            let end = *bytes.get(a.span.end)?;
            Some(Figure {
                key: a.key,
                kind,
                span: start..end,
            })
        })
        .collect()
}

/// The byte offset of every char of `text`, and the length at the end.
fn char_offsets(text: &str) -> Vec<usize> {
    text.char_indices()
        .map(|(i, _)| i)
        .chain([text.len()])
        .collect()
}

/// `text` with every figure replaced by a mark of its kind: two texts with the same mask
/// differ only in figures.
pub(crate) fn mask(text: &str, figures: &[Figure]) -> String {
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for figure in figures {
        if figure.span.start < at {
            continue;
        }
        out.push_str(&text[at..figure.span.start]);
        out.push('\u{E000}');
        out.push_str(match figure.kind {
            FigureKind::Number => "n",
            FigureKind::Month => "m",
            FigureKind::Weekday => "w",
            FigureKind::Url => "u",
            FigureKind::Email => "e",
            FigureKind::Phone => "p",
        });
        out.push('\u{E000}');
        at = figure.span.end;
    }
    out.push_str(&text[at..]);
    out
}

/// The names of the language that writes `old` as one of them: the target's when it does,
/// else the first that does, else the target's.
fn name_table<const N: usize>(
    table: &[(&str, [&'static str; N])],
    old: &str,
    locale: &Locale,
) -> Option<[&'static str; N]> {
    let old = old.to_lowercase();
    let holds = |names: &[&str; N]| names.iter().any(|n| n.to_lowercase() == old);
    names(table, locale)
        .filter(holds)
        .or_else(|| {
            table
                .iter()
                .find(|(_, names)| holds(names))
                .map(|(_, names)| *names)
        })
        .or_else(|| names(table, locale))
}

const WEEKDAYS_JA: [char; 7] = ['月', '火', '水', '木', '金', '土', '日'];

fn names<const N: usize>(
    table: &[(&str, [&'static str; N])],
    locale: &Locale,
) -> Option<[&'static str; N]> {
    table
        .iter()
        .find(|(language, _)| *language == locale.language())
        .map(|(_, names)| *names)
}

/// The figures of a translation in `locale`: the source figures, plus month and weekday
/// names of the language and French ordinals (`1er`).
pub(crate) fn target_figures(text: &str, locale: &Locale) -> Vec<Figure> {
    let writing = locale.writing();
    let mut found: BTreeMap<usize, Figure> = figures(text, writing)
        .into_iter()
        .map(|f| (f.span.start, f))
        .collect();
    // The names lower-cased once, not once per word of the text.
    let lowered =
        |names: &[&str]| -> Vec<String> { names.iter().map(|m| m.to_lowercase()).collect() };
    let months = names(&MONTH_NAMES, locale).map(|n| lowered(&n));
    let weekdays = names(&WEEKDAY_NAMES, locale).map(|n| lowered(&n));
    for (start, word) in words(text) {
        let span = start..start + word.len();
        if found
            .values()
            .any(|f| f.span.start < span.end && span.start < f.span.end)
        {
            continue;
        }
        let lower = word.to_lowercase();
        let position =
            |names: &Option<Vec<String>>| names.as_ref()?.iter().position(|m| *m == lower);
        let figure = if let Some(m) = position(&months) {
            Some((format!("mon:{}", m + 1), FigureKind::Month))
        } else if let Some(d) = position(&weekdays) {
            Some((format!("wd:{}", d + 1), FigureKind::Weekday))
        } else {
            ordinal(word, locale).map(|n| (format!("n:{n}e0"), FigureKind::Number))
        };
        if let Some((key, kind)) = figure {
            found.insert(start, Figure { key, kind, span });
        }
    }
    found.into_values().collect()
}

/// Words (letters and digits) of a text with their byte offsets.
fn words(text: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices().chain([(text.len(), ' ')]) {
        match (c.is_alphanumeric() && !figures::is_cjk(c), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                out.push((s, &text[s..i]));
                start = None;
            }
            _ => {}
        }
    }
    out
}

/// `1er` (French), written as digits and the ordinal suffix of the language.
fn ordinal(word: &str, locale: &Locale) -> Option<u32> {
    let digits = word.trim_end_matches(|c: char| c.is_alphabetic());
    let suffix = &word[digits.len()..];
    let known = match locale.language() {
        "fr" => matches!(suffix, "er" | "re" | "e"),
        _ => false,
    };
    if !known || digits.is_empty() || !digits.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    digits.parse().ok()
}

/// A number key `n:<mantissa>e<exp>` as a value.
fn number(key: &str) -> Option<(u128, i32)> {
    let (mantissa, exp) = key.strip_prefix("n:")?.split_once('e')?;
    Some((mantissa.parse().ok()?, exp.parse().ok()?))
}

/// Writes the number of `key` the way `old` (a number in the translation) is written:
/// its digits, thousands separator and decimal mark, and its ordinal suffix.
/// `written`: how the new source writes the figure, whose decimals are kept (`98.0` is
/// `98,0`, not `98`: a statistic keeps its stated precision). `feminine`: whether a French
/// ordinal stands after a feminine determiner (see [`french_feminine_before`]).
fn render_number(
    old: &str,
    key: &str,
    locale: &Locale,
    written: &str,
    feminine: bool,
) -> Option<String> {
    let (mantissa, exp) = number(key)?;
    let digits_end = old
        .char_indices()
        .rfind(|(_, c)| c.is_ascii_digit() || c.is_numeric())
        .map(|(i, c)| i + c.len_utf8())?;
    let (body, suffix) = old.split_at(digits_end);
    // Only an ordinal suffix may follow the digits: a scale word (`1,5 milliard`) would need
    // the value written at its scale, which is not done.
    if !matches!(suffix, "" | "st" | "nd" | "rd" | "th" | "er" | "re" | "e") {
        return None;
    }
    if !body
        .chars()
        .all(|c| c.is_ascii_digit() || matches!(c, ',' | '.' | ' ' | '\u{A0}' | '\u{202F}' | '\''))
    {
        return None;
    }
    // A separator followed by exactly three digits groups thousands; any other is a
    // decimal mark.
    let mut group = None;
    let mut decimal = None;
    let chars: Vec<char> = body.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        if c.is_ascii_digit() {
            continue;
        }
        let run = chars[i + 1..]
            .iter()
            .take_while(|d| d.is_ascii_digit())
            .count();
        if run == 3 && decimal.is_none() {
            group = Some(c);
        } else {
            decimal = Some(c);
        }
    }
    let (integer, mut fraction) = if exp >= 0 {
        let scale = 10u128.checked_pow(u32::try_from(exp).ok()?)?;
        (mantissa.checked_mul(scale)?.to_string(), String::new())
    } else {
        let places = usize::try_from(-exp).ok()?;
        let text = format!("{mantissa:0>width$}", width = places + 1);
        let (i, f) = text.split_at(text.len() - places);
        (i.to_owned(), f.to_owned())
    };
    while fraction.len() < decimal_places(written) {
        fraction.push('0');
    }
    let mut out = String::new();
    for (i, c) in integer.chars().enumerate() {
        if let Some(g) = group {
            if i > 0 && (integer.len() - i) % 3 == 0 {
                out.push(g);
            }
        }
        out.push(c);
    }
    if !fraction.is_empty() {
        let mark = decimal.unwrap_or(match (group, locale.language()) {
            (Some(','), _) | (None, "en" | "ja" | "zh") => '.',
            _ => ',',
        });
        out.push(mark);
        out.push_str(&fraction);
    }
    let value: Option<u128> = integer.parse().ok().filter(|_| fraction.is_empty());
    // French: `1er` and `1re` keep their gender; the epicene `2e` becomes `1re` after a
    // feminine determiner (`la 2e réunion` → `la 1re réunion`), else `1er`.
    let suffix = match (suffix, locale.language(), value) {
        ("st" | "nd" | "rd" | "th", "en", Some(n)) => english_ordinal(n),
        ("er" | "re", "fr", Some(n)) if n != 1 => "e",
        ("e", "fr", Some(1)) if feminine => "re",
        ("e", "fr", Some(1)) => "er",
        _ => suffix,
    };
    Some(out + suffix)
}

/// The decimals a source writes a number with (`98.0` → 1, `98` → 0). A number with a
/// scale (`1.5万`, `1.5 million`) has its decimals in the scale's unit, not the value's.
fn decimal_places(written: &str) -> usize {
    let folded = figures::fold_width(written);
    if folded.contains(|c: char| c.is_alphabetic()) {
        return 0;
    }
    folded.rsplit_once('.').map_or(0, |(before, after)| {
        if before.ends_with(|c: char| c.is_ascii_digit()) {
            after.chars().take_while(char::is_ascii_digit).count()
        } else {
            0
        }
    })
}

/// Whether the French word before byte `at` of `text` is a feminine determiner (`la`,
/// `une`, `cette`, `sa`, `ma`, `ta`): what makes an ordinal after it `1re`. The noun after
/// the ordinal would tell as well, but its gender is in no table here; the determiner's is.
fn french_feminine_before(text: &str, at: usize) -> bool {
    let before = text[..at].trim_end();
    let word = before
        .rsplit(|c: char| !c.is_alphabetic())
        .next()
        .unwrap_or_default()
        .to_lowercase();
    matches!(word.as_str(), "la" | "une" | "cette" | "sa" | "ma" | "ta")
}

fn english_ordinal(n: u128) -> &'static str {
    match (n % 10, n % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    }
}

/// Writes a month or weekday (1-based `value`) the way `old` is written.
fn render_name(old: &str, value: usize, kind: FigureKind, locale: &Locale) -> Option<String> {
    let index = value.checked_sub(1)?;
    if kind == FigureKind::Month {
        if let Some(digits) = old.strip_suffix('月') {
            if digits.chars().all(|c| c.is_ascii_digit()) {
                return Some(format!("{value}月"));
            }
        }
    } else if let Some(inner) = old.strip_prefix(['(', '（']) {
        // `（木）`, as Japanese and Chinese dates write the weekday.
        let close = inner.chars().last()?;
        return Some(format!(
            "{}{}{close}",
            old.chars().next()?,
            WEEKDAYS_JA.get(index)?
        ));
    }
    // In the language the translation wrote the old name in (an English month name quoted
    // in a French text stays English), else in the target's.
    let name = match kind {
        FigureKind::Month => *name_table(&MONTH_NAMES, old, locale)?.get(index)?,
        _ => *name_table(&WEEKDAY_NAMES, old, locale)?.get(index)?,
    };
    let capital = old.chars().next().is_some_and(char::is_uppercase);
    let mut chars = name.chars();
    let first = chars.next()?;
    Some(if capital {
        first.to_uppercase().chain(chars).collect()
    } else {
        first.to_lowercase().chain(chars).collect()
    })
}

/// One figure a suggestion replaced in a translation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Replaced {
    /// What the figure is.
    pub kind: FigureKind,
    /// As the remembered translation wrote it.
    pub from: String,
    /// As the suggestion writes it.
    pub to: String,
    /// The figure in the remembered source and in the new source.
    pub source_from: String,
    /// As the new source writes it (see `source_from`).
    pub source_to: String,
}

/// A remembered translation with its figures replaced by those of a new source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Leveraged {
    pub translation: String,
    pub replaced: Vec<Replaced>,
}

/// Where two source texts differ in figures (same number of figures, paired in order), or
/// `None` when they differ in anything else.
pub(crate) fn figure_changes<'a>(
    old: &'a str,
    old_figures: &'a [Figure],
    new: &'a str,
    new_figures: &'a [Figure],
) -> Option<Vec<(&'a Figure, &'a str, &'a Figure, &'a str)>> {
    if mask(old, old_figures) != mask(new, new_figures) {
        return None;
    }
    Some(
        old_figures
            .iter()
            .zip(new_figures)
            .filter(|(a, b)| a.key != b.key)
            .map(|(a, b)| (a, &old[a.span.clone()], b, &new[b.span.clone()]))
            .collect(),
    )
}

/// Replaces in `translation` (of `old_source`) the figures in which `new_source` differs
/// from `old_source`. `None` when the sources differ in more than figures, when they differ
/// in none, or when a changed figure is not found exactly as often in the translation as in
/// the source or cannot be written in the translation's form.
#[cfg(test)]
pub(crate) fn leverage(
    old_source: &str,
    new_source: &str,
    writing: Writing,
    translation: &str,
    target: &Locale,
) -> Option<Leveraged> {
    let (old_figures, new_figures) = (figures(old_source, writing), figures(new_source, writing));
    leverage_found(
        Figured {
            text: old_source,
            figures: &old_figures,
        },
        Figured {
            text: new_source,
            figures: &new_figures,
        },
        translation,
        None,
        target,
    )
}

/// A text with its figures ([`figures`]), found once.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Figured<'a> {
    pub text: &'a str,
    pub figures: &'a [Figure],
}

/// [`leverage`] with the figures of both sources already found.
/// `in_translation`: the translation's figures ([`target_figures`]) when they were found
/// before (kept in the memory's cache); figures that do not fit the translation are not
/// used (found again).
pub(crate) fn leverage_found(
    old: Figured,
    new: Figured,
    translation: &str,
    in_translation: Option<&[Figure]>,
    target: &Locale,
) -> Option<Leveraged> {
    let (old_source, old_figures) = (old.text, old.figures);
    let (new_source, new_figures) = (new.text, new.figures);
    let changes = figure_changes(old_source, old_figures, new_source, new_figures)?;
    if changes.is_empty() {
        return None;
    }
    // One new value per old value: `4月1日から4月5日` → `4月5日から4月9日` maps 1 → 5 and 5 → 9.
    let mut map: BTreeMap<&str, (&Figure, &str, &str)> = BTreeMap::new();
    for (a, a_text, b, b_text) in &changes {
        match map.get(a.key.as_str()) {
            Some((other, _, _)) if other.key != b.key => return None,
            _ => {
                map.insert(a.key.as_str(), (b, a_text, b_text));
            }
        }
    }
    // A value changed in one place and kept in another cannot be told apart.
    for (a, b) in old_figures.iter().zip(new_figures) {
        if a.key == b.key && map.contains_key(a.key.as_str()) {
            return None;
        }
    }
    // Kept figures are used only as found: in order, apart, on the translation's characters.
    let fits = |found: &[Figure]| {
        let mut end = 0;
        found.iter().all(|f| {
            let fits = end <= f.span.start && translation.get(f.span.clone()).is_some();
            end = f.span.end;
            fits
        })
    };
    let found_now;
    let in_translation: &[Figure] = match in_translation {
        Some(kept) if fits(kept) => kept,
        _ => {
            found_now = target_figures(translation, target);
            &found_now
        }
    };
    for key in map.keys() {
        let in_source = old_figures.iter().filter(|f| f.key == *key).count();
        let found = in_translation.iter().filter(|f| f.key == *key).count();
        if in_source != found {
            return None;
        }
    }
    let mut out = String::with_capacity(translation.len());
    let mut replaced = Vec::new();
    let mut at = 0;
    for figure in in_translation {
        let Some((new, source_from, source_to)) = map.get(figure.key.as_str()) else {
            continue;
        };
        let old = &translation[figure.span.clone()];
        let to = match new.kind {
            FigureKind::Number => {
                let feminine = french_feminine_before(translation, figure.span.start);
                let to = render_number(old, &new.key, target, source_to, feminine)?;
                // French writes the first day of a month `1er` (`1er octobre`), any other
                // day as a plain number (`12 octobre`).
                let month_follows = in_translation.iter().any(|f| {
                    f.kind == FigureKind::Month
                        && f.span.start > figure.span.end
                        && translation[figure.span.end..f.span.start].trim().is_empty()
                });
                if target.language() == "fr" && month_follows {
                    let day = to.trim_end_matches(char::is_alphabetic);
                    if day == "1" {
                        String::from("1er")
                    } else {
                        day.to_owned()
                    }
                } else {
                    to
                }
            }
            FigureKind::Month | FigureKind::Weekday => {
                let value = new.key.split_once(':')?.1.parse().ok()?;
                render_name(old, value, new.kind, target)?
            }
            FigureKind::Url | FigureKind::Email | FigureKind::Phone => (*source_to).to_owned(),
        };
        if new.kind != figure.kind {
            return None;
        }
        out.push_str(&translation[at..figure.span.start]);
        out.push_str(&to);
        at = figure.span.end;
        replaced.push(Replaced {
            kind: figure.kind,
            from: old.to_owned(),
            to,
            source_from: (*source_from).to_owned(),
            source_to: (*source_to).to_owned(),
        });
    }
    out.push_str(&translation[at..]);
    Some(Leveraged {
        translation: out,
        replaced,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn locale(tag: &str) -> Locale {
        tag.parse().unwrap()
    }

    fn lev(old: &str, new: &str, translation: &str, target: &str) -> Option<String> {
        leverage(old, new, Writing::Unspaced, translation, &locale(target)).map(|l| l.translation)
    }

    #[test]
    fn a_name_is_replaced_in_the_language_it_was_written_in() {
        // A French translation quoting an English month name keeps English; one writing
        // French gets French.
        assert_eq!(
            lev(
                "令和3年3月末時点で",
                "令和3年10月末時点で",
                "(fr) As of the end of March 2021",
                "fr"
            )
            .as_deref(),
            Some("(fr) As of the end of October 2021")
        );
        assert_eq!(
            lev(
                "令和3年3月末時点で",
                "令和3年10月末時点で",
                "À la fin mars 2021",
                "fr"
            )
            .as_deref(),
            Some("À la fin octobre 2021")
        );
    }

    #[test]
    fn era_years_dates_and_weekdays_are_replaced_in_the_target_form() {
        assert_eq!(
            lev(
                "令和6年4月1日（月）に開催します。",
                "令和7年5月12日（月）に開催します。",
                "It will be held on Monday, April 1, 2024.",
                "en"
            )
            .as_deref(),
            Some("It will be held on Monday, May 12, 2025.")
        );
        let l = leverage(
            "令和6年4月1日に公表",
            "令和7年4月1日に公表",
            Writing::Unspaced,
            "Publié le 1er avril 2024",
            &locale("fr"),
        )
        .unwrap();
        assert_eq!(l.translation, "Publié le 1er avril 2025");
        // The first day of a month is `1er` in French, also when it comes from another day.
        assert_eq!(
            lev(
                "令和8年10月5日に公表",
                "令和8年10月1日に公表",
                "Publié le 5 octobre 2026",
                "fr"
            )
            .as_deref(),
            Some("Publié le 1er octobre 2026")
        );
        assert_eq!(l.replaced.len(), 1);
        assert_eq!(l.replaced[0].from, "2024");
        assert_eq!(l.replaced[0].source_to, "令和7年");
        assert_eq!(
            lev("令和2年5月1日", "令和3年6月12日", "1er mai 2020", "fr").as_deref(),
            Some("12 juin 2021")
        );
        assert_eq!(
            lev("令和2年5月1日", "令和3年6月12日", "2020年5月1日", "zh-Hans").as_deref(),
            Some("2021年6月12日")
        );
    }

    #[test]
    fn amounts_keep_the_translations_separators_and_ordinals() {
        assert_eq!(
            lev(
                "応募は3,000件でした。",
                "応募は12,500件でした。",
                "There were 3,000 applications.",
                "en"
            )
            .as_deref(),
            Some("There were 12,500 applications.")
        );
        assert_eq!(
            lev("第3回会合", "第22回会合", "the 3rd meeting", "en").as_deref(),
            Some("the 22nd meeting")
        );
        assert_eq!(
            lev("3.5％増加", "4.25％増加", "a 3.5% increase", "en").as_deref(),
            Some("a 4.25% increase")
        );
        // An amount written with a scale word is not rewritten (no `2300000000 milliard`).
        assert_eq!(
            lev("約15億円", "約23億円", "environ 1,5 milliard de yens", "fr"),
            None
        );
        // A decimal comma, as French writes it, stays one.
        assert_eq!(
            lev("3.5％増加", "4.25％増加", "une hausse de 3,5 %", "fr").as_deref(),
            Some("une hausse de 4,25 %")
        );
    }

    /// A figure is written with the decimals the new source states: `98.0％` is `98,0 %`.
    #[test]
    fn a_replaced_figure_keeps_the_sources_precision() {
        assert_eq!(
            lev(
                "カバー率は94.2％です。",
                "カバー率は98.0％です。",
                "est de 94,2 %.",
                "fr"
            )
            .as_deref(),
            Some("est de 98,0 %.")
        );
        assert_eq!(
            lev("率は3％です。", "率は2.50％です。", "a rate of 3%", "en").as_deref(),
            Some("a rate of 2.50%")
        );
        assert_eq!(
            lev("約1.5万件", "約2.0万件", "about 15,000 cases", "en").as_deref(),
            Some("about 20,000 cases")
        );
        assert_eq!(decimal_places("９８．０"), 1);
        assert_eq!(decimal_places("1.5万"), 0);
        assert_eq!(decimal_places("98"), 0);
    }

    /// A French ordinal keeps its gender: `1er`/`1re` as they were, the epicene `2e` by the
    /// determiner before it.
    #[test]
    fn french_ordinals_keep_their_gender() {
        for (translation, expected) in [
            ("la 2e réunion", "la 1re réunion"),
            ("La 2e réunion", "La 1re réunion"),
            ("de cette 2e séance", "de cette 1re séance"),
            ("le 2e rapport", "le 1er rapport"),
            ("au 2e trimestre", "au 1er trimestre"),
        ] {
            assert_eq!(
                lev("第2回会合", "第1回会合", translation, "fr").as_deref(),
                Some(expected),
                "{translation}"
            );
        }
        assert_eq!(
            lev("第1回会合", "第3回会合", "la 1re réunion", "fr").as_deref(),
            Some("la 3e réunion")
        );
        assert_eq!(
            lev("第1回会合", "第3回会合", "le 1er rapport", "fr").as_deref(),
            Some("le 3e rapport")
        );
    }

    #[test]
    fn no_leverage_when_more_than_figures_differ_or_a_figure_is_missing() {
        // Words differ.
        assert_eq!(
            lev("4月1日に開催", "4月2日に中止", "held on April 1", "en"),
            None
        );
        // The translation does not carry the changed figure.
        assert_eq!(
            lev("4月1日に開催", "4月2日に開催", "held today", "en"),
            None
        );
        // The same value kept in one place and changed in another.
        assert_eq!(lev("1件と1件", "1件と2件", "1 case and 1 case", "en"), None);
        // Nothing changed.
        assert_eq!(
            lev("4月1日に開催", "4月1日に開催", "held on April 1", "en"),
            None
        );
    }

    #[test]
    fn a_url_ending_a_sentence_keeps_its_full_stop() {
        assert_eq!(
            leverage(
                "詳しくは https://example.go.jp/a/ をご覧ください。",
                "詳しくは https://example.go.jp/b/ をご覧ください。",
                Writing::Unspaced,
                "See https://example.go.jp/a/.",
                &locale("en"),
            )
            .map(|l| l.translation)
            .as_deref(),
            Some("See https://example.go.jp/b/.")
        );
    }

    #[test]
    fn figures_are_found_with_byte_spans() {
        let text = "令和２年４月３０日（木）";
        let found = figures(text, Writing::Unspaced);
        let shown: Vec<(&str, &str)> = found
            .iter()
            .map(|f| (f.key.as_str(), &text[f.span.clone()]))
            .collect();
        assert_eq!(
            shown,
            vec![
                ("n:202e1", "令和２年"),
                ("mon:4", "４月"),
                ("n:3e1", "３０"),
                ("wd:4", "（木）")
            ]
        );
    }
}
