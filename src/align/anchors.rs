//! Anchor extraction: the tokens a translation carries over unchanged or in a convertible
//! form (numbers, dates and era years, acronyms, URLs, e-mail addresses, phone numbers,
//! quotation marks). Length alone cannot tell two similar-sized neighbours apart; a shared
//! `2020` or `OECD` can.
//!
//! Each anchor is a string key in a language-neutral form: `n:202e1` for the number 2020
//! (mantissa and power of ten, so `3,000`, `3000` and `0.3万` agree), `mon:4` for April /
//! `4月`, `wd:4` for Thursday / `（木）`, `w:oecd` for Latin tokens, `u:` URLs, `@:` e-mail
//! addresses, `tel:` phone numbers in national form, `q` for a quotation, and `x:health`
//! for a term of the administrative [`lexicon`] (always soft).

use super::lexicon;
use crate::figures::{self, Decimal, WEEKDAYS_JA};
use crate::locale::Writing;

/// A key with its strength. A hard anchor missing on the other side counts against a
/// pairing; a soft one only counts when it is found (English prose carries every Latin word
/// and many number words, most of which have no counterpart in a Japanese sentence).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct RawAnchor {
    pub key: String,
    pub soft: bool,
    /// Where the anchor stands in the text, in characters (`0..0` for lexicon terms).
    pub span: std::ops::Range<usize>,
}

const NUMBER_WORDS: [(&str, u32); 11] = [
    ("two", 2),
    ("three", 3),
    ("four", 4),
    ("five", 5),
    ("six", 6),
    ("seven", 7),
    ("eight", 8),
    ("nine", 9),
    ("ten", 10),
    ("eleven", 11),
    ("twelve", 12),
];

/// Folds width ([`figures::fold_char`]) and dash variants to ASCII so both languages'
/// spellings meet; one output char per input char.
fn normalize(text: &str) -> Vec<char> {
    text.chars()
        .map(|c| match figures::fold_char(c) {
            '\u{2010}'..='\u{2015}' | '\u{2212}' => '-',
            c => c,
        })
        .collect()
}

/// The anchor key of a number: `n:` with the normalized mantissa and power of ten.
fn number_key(value: Decimal) -> String {
    let d = value.normalized();
    format!("n:{}e{}", d.mantissa, d.exp)
}

struct Scanner<'t> {
    chars: &'t [char],
    writing: Writing,
    out: Vec<RawAnchor>,
    /// Whether to add the administrative lexicon's soft anchors.
    lexicon: bool,
}

/// Extracts the anchors of one segment's text.
pub(crate) fn extract(text: &str, writing: Writing) -> Vec<RawAnchor> {
    scan(text, writing, true)
}

/// The anchors of a text without the lexicon's terms (the translation memory reads only
/// figures, and reads many texts).
pub(crate) fn extract_without_lexicon(text: &str, writing: Writing) -> Vec<RawAnchor> {
    scan(text, writing, false)
}

fn scan(text: &str, writing: Writing, lexicon: bool) -> Vec<RawAnchor> {
    let chars = normalize(text);
    let mut scanner = Scanner {
        chars: &chars,
        writing,
        out: Vec::new(),
        lexicon,
    };
    scanner.run();
    if lexicon && writing == Writing::Unspaced {
        for key in lexicon::japanese(text) {
            scanner.push(format!("x:{key}"), true);
        }
    }
    scanner.out
}

fn is_word_char(c: char) -> bool {
    c.is_ascii_alphanumeric()
}

impl Scanner<'_> {
    fn at(&self, i: usize) -> char {
        self.chars.get(i).copied().unwrap_or('\0')
    }

    fn push(&mut self, key: String, soft: bool) {
        self.out.push(RawAnchor {
            key,
            soft,
            span: 0..0,
        });
    }

    fn run(&mut self) {
        let mut i = 0;
        while i < self.chars.len() {
            let before = self.out.len();
            let (next, span_end) = match self.token(i) {
                Some(end) => (end, end),
                None => (i + 1, self.symbol(i)),
            };
            for anchor in &mut self.out[before..] {
                anchor.span = i..span_end.max(i + 1);
            }
            i = next.max(i + 1);
        }
    }

    /// Reads the multi-char token starting at `i`, if any, and returns where it ends.
    /// Tokens only start at word boundaries so that `G20` never yields a bare `20`.
    fn token(&mut self, i: usize) -> Option<usize> {
        if let Some(end) = self.url(i) {
            return Some(end);
        }
        let c = self.chars[i];
        let after_word = i > 0 && is_word_char(self.chars[i - 1]);
        if !after_word && (c.is_ascii_alphanumeric() || c == '+' || c == '(') {
            if let Some(end) = self.email(i).or_else(|| self.phone(i)) {
                return Some(end);
            }
            if c.is_ascii_alphabetic() {
                return Some(self.word(i));
            }
            if c.is_ascii_digit() {
                return Some(self.number(i));
            }
        }
        self.era_year(i)
    }

    /// Quotation marks, circled numbers and `（木）`-style weekdays; where the symbol ends.
    fn symbol(&mut self, i: usize) -> usize {
        let c = self.chars[i];
        match c {
            '「' | '『' | '“' | '"' => self.push("q".to_owned(), true),
            '\u{2460}'..='\u{2473}' => self.push(format!("n:{}e0", c as u32 - 0x245F), false),
            '(' if self.at(i + 2) == ')' => {
                if let Some(day) = WEEKDAYS_JA.iter().position(|&d| d == self.at(i + 1)) {
                    self.push(format!("wd:{}", day + 1), false);
                    return i + 3;
                }
            }
            _ => {}
        }
        i + 1
    }

    /// A URL, read by [`figures::url_len`]: `u:` with the address in lower case, without
    /// its scheme and a closing `/`.
    fn url(&mut self, i: usize) -> Option<usize> {
        let end = i + figures::url_len(self.chars[i..].iter().copied())?;
        let url = self.chars[i..end]
            .iter()
            .collect::<String>()
            .to_ascii_lowercase();
        let url = url
            .trim_start_matches("https://")
            .trim_start_matches("http://");
        self.push(format!("u:{}", url.trim_end_matches('/')), false);
        Some(end)
    }

    /// An e-mail address, read by [`figures::email_len`]: `@:` with it in lower case.
    fn email(&mut self, i: usize) -> Option<usize> {
        let end = i + figures::email_len(self.chars[i..].iter().copied())?;
        let address: String = self.chars[i..end].iter().collect();
        self.push(format!("@:{}", address.to_ascii_lowercase()), false);
        Some(end)
    }

    /// Phone and fax numbers, read by [`figures::phone`]: `03-5253-5920`, `03(5253)5920`
    /// and `+81 3 5253 5920` all give `tel:0352535920`.
    fn phone(&mut self, i: usize) -> Option<usize> {
        let (national, end) = figures::phone(self.chars, i)?;
        self.push(format!("tel:{national}"), false);
        Some(end)
    }

    /// A Latin word, or an acronym such as `G20`, `COVID-19`, `5G` (also reached from
    /// [`Self::number`] when a digit run turns out to start a word).
    fn word(&mut self, i: usize) -> usize {
        let mut end = i;
        while end < self.chars.len() {
            let c = self.chars[end];
            if is_word_char(c) || (c == '-' && is_word_char(self.at(end + 1)) && end > i) {
                end += 1;
            } else {
                break;
            }
        }
        let word: String = self.chars[i..end].iter().collect();
        let lower = word.to_ascii_lowercase();
        let capitalized = word.starts_with(|c: char| c.is_ascii_uppercase());
        let uppercase = word.chars().filter(char::is_ascii_uppercase).count();
        let has_digit = word.chars().any(|c| c.is_ascii_digit());
        let has_letter = word.chars().any(|c| c.is_ascii_alphabetic());
        if let Some(year) = lower
            .strip_prefix("fy")
            .filter(|y| y.len() == 4 && y.chars().all(|c| c.is_ascii_digit()))
        {
            let key = number_key(Decimal::integer(year.parse().unwrap_or(0)));
            self.push(key, false);
        } else if let Some(month) = figures::english_month(&lower).filter(|_| capitalized) {
            self.push(format!("mon:{month}"), false);
        } else if let Some(day) = figures::weekday(&lower) {
            self.push(format!("wd:{day}"), false);
        } else if let Some(&(_, n)) = NUMBER_WORDS.iter().find(|(w, _)| *w == lower) {
            self.push(format!("n:{n}e0"), true);
        } else if uppercase >= 2 || (has_digit && has_letter) {
            self.push(format!("w:{lower}"), false);
        } else if lower.len() >= 2 {
            self.push(format!("w:{lower}"), self.writing == Writing::Spaced);
        }
        if self.lexicon && self.writing == Writing::Spaced {
            for key in lexicon::english(&lower) {
                self.push(format!("x:{key}"), true);
            }
        }
        end
    }

    /// A number read by [`figures::amount`] (`3,000`, `2.5`, `1兆2,000億`, `300 million`), an
    /// ordinal (`30th`), a month (`4月`), or a word that starts with a digit (`5G`).
    fn number(&mut self, i: usize) -> usize {
        let Some((_, digits_end)) = figures::decimal(self.chars, i) else {
            return self.word(i);
        };
        // `5G`, `3D`: a word that starts with a digit. Ordinals (`30th`) stay numbers.
        let mut ordinal_end = None;
        if self.at(digits_end).is_ascii_alphabetic() {
            let mut letters = digits_end;
            while self.at(letters).is_ascii_alphabetic() {
                letters += 1;
            }
            let suffix: String = self.chars[digits_end..letters]
                .iter()
                .collect::<String>()
                .to_ascii_lowercase();
            if !matches!(suffix.as_str(), "st" | "nd" | "rd" | "th") {
                return self.word(i);
            }
            ordinal_end = Some(letters);
        }
        let (value, end) = match ordinal_end {
            Some(end) => (figures::decimal(self.chars, i).map(|(d, _)| d), end),
            None => match figures::amount(self.chars, i) {
                Some((value, end)) => (Some(value), end),
                None => (None, digits_end),
            },
        };
        let Some(value) = value else { return end };
        if value.mantissa == 0 {
            return end;
        }
        if ordinal_end.is_none() && self.at(end) == '月' {
            if let Some(month) = value.small_integer().filter(|m| (1..=12).contains(m)) {
                self.push(format!("mon:{month}"), false);
                return end + 1;
            }
        }
        self.push(number_key(value), false);
        end
    }

    /// `令和2年`, `平成元年`: converted to the Gregorian year ([`figures::era_year`]) so
    /// `2020` can match it.
    fn era_year(&mut self, i: usize) -> Option<usize> {
        let (year, read) = figures::era_year(&self.chars[i..])?;
        self.push(number_key(Decimal::integer(u128::from(year))), false);
        Some(i + read)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn keys(text: &str, writing: Writing) -> Vec<String> {
        let mut keys: Vec<String> = extract(text, writing)
            .into_iter()
            .filter(|a| !a.soft)
            .map(|a| a.key)
            .collect();
        keys.sort();
        keys.dedup();
        keys
    }

    #[test]
    fn dates_eras_and_weekdays_meet_across_languages() {
        let ja = keys("令和2年4月30日（木）に開催", Writing::Unspaced);
        let en = keys("held on Thursday, April 30, 2020", Writing::Spaced);
        assert_eq!(ja, en);
        assert_eq!(
            keys("平成31年", Writing::Unspaced),
            keys("2019", Writing::Spaced)
        );
        for (era_year, year) in [
            ("令和元年", "2019"),
            ("大正15年", "1926"),
            ("明治元年", "1868"),
        ] {
            assert_eq!(
                keys(era_year, Writing::Unspaced),
                keys(year, Writing::Spaced)
            );
        }
    }

    #[test]
    fn amounts_fold_digits_commas_and_scales() {
        for (japanese, english) in [
            ("３，０００件", "3000 cases"),
            ("1兆2,000億円", "1.2 trillion yen"),
            ("300億円", "30 billion yen"),
            ("3.29％", "3.29%"),
        ] {
            assert_eq!(
                keys(japanese, Writing::Unspaced),
                keys(english, Writing::Spaced),
                "{japanese} ~ {english}"
            );
        }
        assert_ne!(
            keys("300億円", Writing::Unspaced),
            keys("300 yen", Writing::Spaced)
        );
    }

    #[test]
    fn acronyms_urls_mail_and_phones() {
        assert_eq!(
            keys("Ｇ２０、ITU及びOECDはCOVID-19に対応", Writing::Unspaced),
            vec!["w:covid-19", "w:g20", "w:itu", "w:oecd"]
        );
        assert_eq!(
            keys("電話：03-5253-5920", Writing::Unspaced),
            vec!["tel:0352535920"]
        );
        assert_eq!(
            keys("TEL: +81 3 5253 5920", Writing::Spaced),
            vec!["tel:0352535920", "w:tel"]
        );
        assert_eq!(
            keys(
                "https://www.soumu.go.jp/main_content/000686022.pdf PDF)",
                Writing::Spaced
            ),
            vec!["u:www.soumu.go.jp/main_content/000686022.pdf", "w:pdf"]
        );
        assert_eq!(
            keys("info@example.go.jp。", Writing::Unspaced),
            vec!["@:info@example.go.jp"]
        );
    }

    /// The numbers the aligner keys on are the numbers `check` compares: one reading of
    /// figures for every stage ([`figures`]).
    fn numbers_of_check(text: &str) -> Vec<String> {
        let mut keys: Vec<String> = crate::qa::numbers::extract(text)
            .into_iter()
            .filter_map(|token| match token {
                crate::qa::numbers::Token::Number(value) => Some(number_key(value)),
                crate::qa::numbers::Token::Time { .. } => None,
            })
            .collect();
        keys.sort();
        keys
    }

    fn numbers_of_aligner(text: &str, writing: Writing) -> Vec<String> {
        let mut keys: Vec<String> = keys(text, writing)
            .into_iter()
            .filter(|k| k.starts_with("n:"))
            .collect();
        keys.sort();
        keys
    }

    #[test]
    fn aligner_and_check_read_the_same_figures() {
        for (text, writing) in [
            ("大正15年に5 253件、令和元年に1.5万件", Writing::Unspaced),
            ("電話 03(5253)5920、2万1,000人", Writing::Unspaced),
            (
                "5,253 cases, 1.2 trillion yen, +81 3 5253 5920",
                Writing::Spaced,
            ),
        ] {
            assert_eq!(
                numbers_of_aligner(text, writing),
                numbers_of_check(text),
                "{text}"
            );
        }
    }

    proptest! {
        /// Texts made of era years, grouped and scaled amounts and phone numbers, in either
        /// width: the aligner and `check` read the same numbers from them.
        #[test]
        fn stages_agree_on_figures(
            pieces in proptest::collection::vec(
                proptest::prop_oneof![
                    (0usize..5, 1u32..70).prop_map(|(e, y)| {
                        let era = figures::ERAS[e].name;
                        if y == 1 { format!("{era}元年") } else { format!("{era}{y}年") }
                    }),
                    (1u64..100_000_000, proptest::sample::select(vec![",", " ", "，", ""]))
                        .prop_map(|(n, sep)| {
                            let plain = n.to_string();
                            let mut out = String::new();
                            for (k, c) in plain.chars().enumerate() {
                                if k > 0 && (plain.len() - k) % 3 == 0 { out.push_str(sep); }
                                out.push(c);
                            }
                            out
                        }),
                    (1u32..1000, 1u32..100, proptest::sample::select(vec!["", "万", "億", " million"]))
                        .prop_map(|(a, b, unit)| format!("{a}.{b}{unit}")),
                    (1u32..10, 1000u32..10000, 1000u32..10000, proptest::sample::select(vec!["-", "(", " "]))
                        .prop_map(|(a, b, c, sep)| {
                            let close = if sep == "(" { ")" } else { sep };
                            format!("0{a}{sep}{b}{close}{c}")
                        }),
                ],
                1..6,
            ),
            wide in proptest::bool::ANY,
            spaced in proptest::bool::ANY,
        ) {
            let joined = pieces.join(if spaced { "; " } else { "、" });
            let text: String = if wide {
                joined.chars().map(|c| if c.is_ascii_digit() || c == ',' {
                    char::from_u32(u32::from(c) + 0xFEE0).unwrap_or(c)
                } else { c }).collect()
            } else { joined };
            let writing = if spaced { Writing::Spaced } else { Writing::Unspaced };
            prop_assert_eq!(numbers_of_aligner(&text, writing), numbers_of_check(&text));
        }
    }

    /// The addresses the aligner keys on, and those `figures` finds for QA, as the aligner
    /// writes its keys.
    fn addresses_of_aligner(text: &str, writing: Writing) -> Vec<String> {
        let mut keys: Vec<String> = keys(text, writing)
            .into_iter()
            .filter(|k| k.starts_with("u:") || k.starts_with("@:") || k.starts_with("tel:"))
            .collect();
        keys.sort();
        keys
    }

    fn addresses_of_qa(text: &str) -> Vec<String> {
        let urls = figures::urls(text).into_iter().map(|url| {
            let url = url.to_ascii_lowercase();
            let bare = url
                .trim_start_matches("https://")
                .trim_start_matches("http://");
            format!("u:{}", bare.trim_end_matches('/'))
        });
        let emails = figures::emails(text).into_iter().map(|e| format!("@:{e}"));
        let phones = figures::phones(text)
            .into_iter()
            .map(|p| format!("tel:{p}"));
        let mut keys: Vec<String> = urls.chain(emails).chain(phones).collect();
        keys.sort();
        keys
    }

    proptest! {
        /// Texts made of URLs, e-mail addresses and phone numbers between words: the aligner
        /// and QA find the same addresses in them.
        #[test]
        fn stages_agree_on_addresses(
            pieces in proptest::collection::vec(
                proptest::prop_oneof![
                    (proptest::sample::select(vec!["http://", "https://", "HTTPS://", ""]), "[a-z]{2,8}",
                     proptest::collection::vec("[a-zA-Z0-9_-]{1,8}", 0..3),
                     proptest::sample::select(vec!["", ".html", ".pdf", "/"]))
                        .prop_map(|(scheme, host, path, end)| {
                            let mut url = format!("{scheme}www.{host}.go.jp");
                            for part in path {
                                url.push('/');
                                url.push_str(&part);
                            }
                            url + end
                        }),
                    ("[a-zA-Z0-9]{1,8}", proptest::option::of("[a-z]{1,5}"), "[a-zA-Z]{2,8}")
                        .prop_map(|(local, dotted, host)| match dotted {
                            Some(more) => format!("{local}.{more}@{host}.go.jp"),
                            None => format!("{local}@{host}.go.jp"),
                        }),
                    (1u32..10, 1000u32..10000, 1000u32..10000,
                     proptest::sample::select(vec!["-", "(", " "]), proptest::bool::ANY)
                        .prop_map(|(a, b, c, sep, international)| {
                            let close = if sep == "(" { ")" } else { sep };
                            if international {
                                format!("+81 {a}{sep}{b}{close}{c}")
                            } else {
                                format!("0{a}{sep}{b}{close}{c}")
                            }
                        }),
                ],
                1..5,
            ),
            spaced in proptest::bool::ANY,
            between in proptest::sample::select(vec![", ", "; ", ". ", ": ", " (", ") "]),
            end in proptest::sample::select(vec!["", ".", "。", ")", "」", "?", "!"]),
        ) {
            let joint = if spaced { format!("{between}and ") } else { "、".to_owned() };
            let text = pieces.join(&joint) + end;
            let writing = if spaced { Writing::Spaced } else { Writing::Unspaced };
            // Every piece is one address, found whole by both.
            prop_assert_eq!(addresses_of_qa(&text).len(), pieces.len());
            prop_assert_eq!(addresses_of_aligner(&text, writing), addresses_of_qa(&text));
        }
    }

    #[test]
    fn english_prose_words_are_soft_but_japanese_latin_is_hard() {
        let en = extract("The Zoom meeting", Writing::Spaced);
        assert!(en.iter().all(|a| a.soft));
        assert_eq!(keys("Zoomで開催", Writing::Unspaced), vec!["w:zoom"]);
        assert!(keys("the 30th meeting", Writing::Spaced).contains(&"n:3e1".to_owned()));
    }
}
