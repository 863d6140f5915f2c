//! Numbers as values, whatever the writing: `３件` and `3 cases`, `5,253` and `5 253`,
//! `令和2年` and `2020`, `午後4時`, `4:00 p.m.` and `16 h`, `5月1日` and `May 1`. The
//! figures themselves (amounts, era years, month names, phone numbers, addresses) are read by
//! [`crate::figures`], as every other stage reads them; times of day are read here. The
//! `numbers` check compares the tokens of a translation with those of its sources.

use std::collections::BTreeSet;

use super::{Check, Entry, Problem, describe, first_disagreement};
pub(crate) use crate::figures::numbers::{Token, extract, alternatives};
use crate::figures::numbers::{Signed, same, signed, spelled_ordinals};
use crate::figures::numbers::mismatch;

/// `numbers`: the numbers and times of the translation are those of a source.
pub(crate) struct Numbers;

impl Check for Numbers {
    fn ids(&self) -> &[&'static str] {
        &["numbers"]
    }

    fn run(&self, entry: &Entry<'_>, out: &mut Vec<Problem>) {
        let Some(translation) = entry.text() else {
            return;
        };
        let found = extract_in(translation, entry.target);
        let mismatch = |source: &super::Source<'_>| {
            let expected = source.facts.numbers(source.text);
            compare(expected, &found, source.facts.alternatives(source.text))
        };
        if let Some(message) = first_disagreement(entry.sources, mismatch) {
            out.push(Problem::error("numbers", message));
            return;
        }
        // A small number that names something (`第3報`) is not excused as small; an
        // ordinal may be spelt out (`第２次` → "deuxième", `第二次`).
        let ordinals = std::cell::OnceCell::new();
        let lacks_numbered = |source: &super::Source<'_>| {
            let numbered = source.facts.numbered(source.text);
            if numbered.is_empty() {
                return None;
            }
            let ordinals = ordinals.get_or_init(|| spelled_ordinals(translation));
            let missing: Vec<String> = numbered
                .iter()
                .filter(|n| !found.iter().chain(ordinals.iter()).any(|f| same(n, f)))
                .map(Token::shown)
                .collect();
            let missing: Vec<&String> = missing.iter().collect();
            (!missing.is_empty()).then(|| describe("numbers", &missing, &[]))
        };
        if let Some(message) = first_disagreement(entry.sources, lacks_numbered) {
            out.push(Problem::error("numbers", message));
            return;
        }
        // The values agree; their signs, where both texts write one, must too (`▲0.8`, a
        // fall, is not `+0.8`).
        let mut written = None;
        for source in entry.sources {
            let theirs = source.facts.signed(source.text);
            if theirs.is_empty() {
                continue;
            }
            let written = written.get_or_insert_with(|| signed_in(translation, entry.target));
            let opposite = theirs.iter().find_map(|s| {
                written
                    .iter()
                    .find(|w| w.value == s.value && w.negative != s.negative)
                    .map(|w| (s, w))
            });
            if let Some((source_sign, here)) = opposite {
                out.push(Problem::error(
                    "numbers",
                    format!(
                        "sign of `{}` differs from the {} source: `{}` there, `{}` here",
                        here.value,
                        source.locale,
                        source_sign.shown(),
                        here.shown()
                    ),
                ));
                return;
            }
        }
    }
}

/// The signed figures of a translation into `locale`, read as [`extract_in`] reads numbers.
fn signed_in(text: &str, locale: &crate::locale::Locale) -> Vec<Signed> {
    if crate::figures::groups_with_point(locale.language()) {
        signed(&crate::figures::point_grouped_to_english(text))
    } else {
        signed(text)
    }
}


/// The numbers of a translation into `locale`: German `3.450` and `1,2 Milliarden` are read
/// with the separators of English.
fn extract_in(text: &str, locale: &crate::locale::Locale) -> BTreeSet<Token> {
    // The rewriting below changes separators and adds digits only after digits: a text
    // without a char a token is read from has none after it either.
    if !crate::figures::numbers::may_hold_number(text) {
        return BTreeSet::new();
    }
    if crate::figures::groups_with_point(locale.language()) {
        let dates = crate::figures::point_dates_to_english(text);
        extract(&crate::figures::point_grouped_to_english(&dates))
    } else {
        extract(text)
    }
}

/// What a parallel source (the English release) gets wrong against the original's figures,
/// as a translation would be judged against it.
/// Only a figure of the original that the English lacks counts: an official translation
/// may add figures of its own (`COVID-19`, `5G` where the original says 5Gの… once).
pub(crate) fn parallel_disagreement(
    original: &super::Source<'_>,
    parallel: &super::Source<'_>,
) -> Option<String> {
    let (missing, extra) = mismatch(
        original.facts.numbers(original.text),
        parallel.facts.numbers(parallel.text),
        original.facts.alternatives(original.text),
    );
    if missing.is_empty() {
        return None;
    }
    let missing: Vec<&String> = missing.iter().collect();
    let extra: Vec<&String> = extra.iter().collect();
    Some(describe("numbers", &missing, &extra))
}

/// What the translation gets wrong against one source, given the numbers it may write
/// instead of the source's ([`alternatives`]), if anything. Small numbers (up to ten) may be missing, since
/// translations spell them out.
fn compare(
    expected: &BTreeSet<Token>,
    found: &BTreeSet<Token>,
    alternatives: &BTreeSet<Token>,
) -> Option<String> {
    let (missing, extra) = mismatch(expected, found, alternatives);
    if missing.is_empty() && extra.is_empty() {
        return None;
    }
    let missing: Vec<&String> = missing.iter().collect();
    let extra: Vec<&String> = extra.iter().collect();
    Some(describe("numbers", &missing, &extra))
}


#[cfg(test)]
mod tests {
    use super::*;

    fn agree(a: &str, b: &str) -> bool {
        compare(&extract(a), &extract(b), &alternatives(a)).is_none()
    }

    #[test]
    fn equivalent_writings_agree() {
        assert!(agree("令和2年5月1日", "May 1, 2020"));
        assert!(agree("令和2年", "2020"));
        // After kana or kanji, with no punctuation between (unseen releases write so).
        assert!(agree("我が国では令和2年3月に開始", "launched in March 2020"));
        assert!(agree("手引を令和3年夏頃までに作成", "by around summer 2021"));
        assert!(agree("同日午後4時から", "from 4:00 p.m. that day"));
        assert!(!agree("我が国では令和2年3月に開始", "launched in March 2021"));
        assert!(agree(
            "令和2年11月から12月にかけて実施",
            "conducted from November to December 2020"
        ));
        assert!(!agree("令和2年11月から12月", "from October to December 2020"));
        assert!(agree("予算額は約324億円", "approx. 324 hundred million yen"));
        assert!(agree("予算額は約324億円", "approx. 32.4 billion yen"));
        assert!(!agree("予算額は約324億円", "approx. 324 million yen"));
        let de: crate::locale::Locale = "de".parse().unwrap();
        let german = |source: &str, text: &str| {
            compare(&extract(source), &extract_in(text, &de), &alternatives(source)).is_none()
        };
        assert!(german("3,450件", "3.450 Fälle"));
        assert!(german("約12億円", "rund 1,2 Milliarden Yen"));
        assert!(german("約12億円", "rund 1,2 Mrd. Yen"));
        assert!(german("令和8年10月1日", "1. Oktober 2026"));
        assert!(german("1.25%", "1,25 %"));
        assert!(!german("3,450件", "3.540 Fälle"));
        assert!(agree("約12億円", "unos 1,2 mil millones de yenes"));
        assert!(agree("令和元年", "2019"));
        assert!(agree("平成31年", "2019"));
        assert!(agree("大正15年", "1926"));
        assert!(agree("昭和元年", "1926"));
        assert!(agree("5 253件", "5,253 cases"));
        assert!(agree("電話 03(5253)5920", "Tel: +81-3-5253-5920"));
        assert!(agree("午後4時から", "from 4:00 p.m."));
        assert!(agree("午後4時から", "à 16 h"));
        assert!(agree("4:00 p.m.", "16:00"));
        assert!(agree("午前10時30分", "10:30 a.m."));
        assert!(agree("３件", "3 cases"));
        assert!(agree("5,253件", "5253 cases"));
        assert!(agree("5,253 cases", "5 253 cas"));
        assert!(agree("1.5%", "1,5 %"));
        assert!(agree("3万人", "30,000 people"));
        assert!(agree("約2万1,000件", "environ 21 000 cas"));
        assert!(agree("約2万1,000件", "约2万1,000件"));
        assert!(agree("750億円", "750亿日元"));
        assert!(agree("750億円", "75 milliards de yens"));
        assert!(agree("午後5時まで", "下午5时前"));
        assert!(agree("午後5時まで", "jusqu'à 17 h"));
        assert!(agree("14時00分から16時00分まで", "de 14 h 00 à 16 h 00"));
        assert!(agree("午後2時30分", "14 h 30"));
        assert!(agree("午後2時30分", "14\u{202f}h\u{202f}30"));
        assert!(agree("午後2時30分", "14h30"));
        assert!(!agree("午後5時まで", "下午6时前"));
        assert!(agree("1.2 billion yen", "12億円"));
        assert!(agree(
            "第5世代移動通信システム（5G）",
            "fifth-generation mobile communications (5G)"
        ));
        assert!(agree("Tel: 03-5253-5111", "Tél. : +81 3-5253-5111"));
    }

    #[test]
    fn wrong_numbers_disagree() {
        assert!(!agree("令和2年", "2021"));
        assert!(!agree("午後4時", "4:00 a.m."));
        assert!(!agree("5,253件", "5,235 cases"));
        assert!(!agree("May 1, 2020", "2 mai 2020"));
        assert!(!agree("30 participants", "300 participants"));
        assert!(!agree("1.5%", "15 %"));
        assert!(!agree("14時00分", "14 h 30"));
        // Spaced, only two digits are minutes: `10 h 5 salles` keeps its 5.
        assert!(!agree("10時", "10 h 5 salles"));
    }

    #[test]
    fn times_and_months_are_tokens() {
        assert_eq!(
            extract("16 h"),
            BTreeSet::from([Token::Time {
                minutes: 960,
                ambiguous: false
            }])
        );
        assert_eq!(extract("5 hours"), BTreeSet::from([Token::number(5)]));
        assert_eq!(extract("le 1er mai 2020").len(), 3);
        assert_eq!(
            extract("mai 2020"),
            BTreeSet::from([Token::number(5), Token::number(2020)])
        );
        assert_eq!(extract("you may use it"), BTreeSet::new());
    }
}
