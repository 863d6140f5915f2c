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

const ERAS: [(&str, u32); 4] = [
    ("令和", 2018),
    ("平成", 1988),
    ("昭和", 1925),
    ("大正", 1911),
];
const WEEKDAYS_JA: [char; 7] = ['月', '火', '水', '木', '金', '土', '日'];
pub(crate) const WEEKDAYS_EN: [&str; 7] = [
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];
const MONTHS_EN: [(&str, u32); 21] = [
    ("january", 1),
    ("jan", 1),
    ("february", 2),
    ("feb", 2),
    ("march", 3),
    ("mar", 3),
    ("april", 4),
    ("apr", 4),
    ("may", 5),
    ("june", 6),
    ("jun", 6),
    ("july", 7),
    ("jul", 7),
    ("august", 8),
    ("aug", 8),
    ("september", 9),
    ("sept", 9),
    ("sep", 9),
    ("october", 10),
    ("november", 11),
    ("december", 12),
];
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
const SCALES_EN: [(&str, i32); 4] = [
    ("thousand", 3),
    ("million", 6),
    ("billion", 9),
    ("trillion", 12),
];

/// Folds full-width ASCII (`４`, `Ｇ２０`, `：`) and dash variants to ASCII so both
/// languages' spellings meet; one output char per input char.
fn normalize(text: &str) -> Vec<char> {
    text.chars()
        .map(|c| match c {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            '\u{3000}' => ' ',
            '\u{2010}'..='\u{2015}' | '\u{2212}' => '-',
            _ => c,
        })
        .collect()
}

/// A decimal number as mantissa × 10^exp, exact, so that `1.5兆` and `1.5 trillion` agree.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Decimal {
    mantissa: u128,
    exp: i32,
}

impl Decimal {
    fn normalized(mut self) -> Self {
        while self.mantissa != 0 && self.mantissa % 10 == 0 {
            self.mantissa /= 10;
            self.exp += 1;
        }
        self
    }

    fn add(self, other: Decimal) -> Option<Decimal> {
        let exp = self.exp.min(other.exp);
        let scale = |d: Decimal| -> Option<u128> {
            let shift = u32::try_from(d.exp - exp).ok()?;
            d.mantissa.checked_mul(10u128.checked_pow(shift)?)
        };
        Some(Decimal {
            mantissa: scale(self)?.checked_add(scale(other)?)?,
            exp,
        })
    }

    fn small_integer(self) -> Option<u32> {
        let d = self.normalized();
        if d.exp < 0 || d.exp > 4 {
            return None;
        }
        u32::try_from(d.mantissa.checked_mul(10u128.pow(d.exp as u32))?).ok()
    }

    fn key(self) -> String {
        let d = self.normalized();
        format!("n:{}e{}", d.mantissa, d.exp)
    }
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

/// The power of ten of a Japanese myriad unit.
fn myriad(c: char) -> Option<i32> {
    match c {
        '万' => Some(4),
        '億' => Some(8),
        '兆' => Some(12),
        _ => None,
    }
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

    fn starts_with(&self, i: usize, s: &str) -> bool {
        s.chars()
            .enumerate()
            .all(|(k, c)| self.at(i + k).eq_ignore_ascii_case(&c))
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

    fn url(&mut self, i: usize) -> Option<usize> {
        if !(self.starts_with(i, "http://")
            || self.starts_with(i, "https://")
            || self.starts_with(i, "www."))
        {
            return None;
        }
        let mut end = i;
        while end < self.chars.len() {
            let c = self.chars[end];
            if !c.is_ascii_graphic()
                || matches!(c, '"' | '<' | '>' | '(' | ')' | '[' | ']' | '{' | '}')
            {
                break;
            }
            end += 1;
        }
        let mut url: String = self.chars[i..end].iter().collect();
        while url.ends_with(['.', ',', ';', ':', '!', '?']) {
            url.pop();
        }
        let url = url.to_ascii_lowercase();
        let url = url
            .trim_start_matches("https://")
            .trim_start_matches("http://");
        self.push(format!("u:{}", url.trim_end_matches('/')), false);
        Some(end)
    }

    fn email(&mut self, i: usize) -> Option<usize> {
        let local = |c: char| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '%' | '+' | '-');
        let mut at = i;
        while at < self.chars.len() && local(self.chars[at]) {
            at += 1;
        }
        if at == i || self.at(at) != '@' {
            return None;
        }
        let mut end = at + 1;
        while end < self.chars.len()
            && (self.chars[end].is_ascii_alphanumeric() || matches!(self.chars[end], '.' | '-'))
        {
            end += 1;
        }
        while end > at + 1 && self.chars[end - 1] == '.' {
            end -= 1;
        }
        let domain: String = self.chars[at + 1..end].iter().collect();
        if !domain.contains('.') {
            return None;
        }
        let address: String = self.chars[i..end].iter().collect();
        self.push(format!("@:{}", address.to_ascii_lowercase()), false);
        Some(end)
    }

    /// Phone and fax numbers: `03-5253-5920`, `03(5253)5920`, `+81 3 5253 5920` all give
    /// `tel:0352535920`. At least ten digits, so dates and amounts never qualify.
    fn phone(&mut self, i: usize) -> Option<usize> {
        let first = self.at(i);
        if !(first == '+' || first == '(' || first == '0') {
            return None;
        }
        let mut digits = String::new();
        let mut end = i;
        let mut last_digit_end = i;
        let mut separated = first == '+' || first == '(';
        while end < self.chars.len() {
            let c = self.chars[end];
            if c.is_ascii_digit() {
                digits.push(c);
                last_digit_end = end + 1;
            } else if matches!(c, '-' | '(' | ')' | '.')
                || (c == ' ' && self.at(end + 1).is_ascii_digit())
            {
                separated |= c != '.';
            } else if !(c == '+' && end == i) {
                break;
            }
            end += 1;
        }
        if !(10..=13).contains(&digits.len()) || !separated {
            return None;
        }
        let national = match digits.strip_prefix("81") {
            Some(rest) if first == '+' => format!("0{rest}"),
            _ => digits,
        };
        self.push(format!("tel:{national}"), false);
        Some(last_digit_end)
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
            let key = Decimal {
                mantissa: year.parse().unwrap_or(0),
                exp: 0,
            }
            .key();
            self.push(key, false);
        } else if let Some(&(_, month)) = MONTHS_EN
            .iter()
            .find(|(m, _)| *m == lower)
            .filter(|_| capitalized)
        {
            self.push(format!("mon:{month}"), false);
        } else if let Some(day) = WEEKDAYS_EN.iter().position(|d| *d == lower) {
            self.push(format!("wd:{}", day + 1), false);
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

    /// Reads `3,000`, `2.5` or `12` starting at `i`.
    fn decimal(&self, i: usize) -> (Option<Decimal>, usize) {
        let mut digits = String::new();
        let mut end = i;
        let mut frac = 0i32;
        let mut in_frac = false;
        while end < self.chars.len() {
            let c = self.chars[end];
            let group_follows = (1..=3).all(|k| self.at(end + k).is_ascii_digit())
                && !self.at(end + 4).is_ascii_digit();
            if c.is_ascii_digit() {
                digits.push(c);
                frac += i32::from(in_frac);
            } else if c == ',' && !in_frac && group_follows {
                // A thousands separator: skipped.
            } else if c == '.' && !in_frac && self.at(end + 1).is_ascii_digit() {
                in_frac = true;
            } else {
                break;
            }
            end += 1;
        }
        let value = digits.parse::<u128>().ok().map(|mantissa| Decimal {
            mantissa,
            exp: -frac,
        });
        (value, end)
    }

    fn number(&mut self, i: usize) -> usize {
        let (value, mut end) = self.decimal(i);
        // `5G`, `3D`: a word that starts with a digit. Ordinals (`30th`) stay numbers.
        if self.at(end).is_ascii_alphabetic() {
            let mut letters = end;
            while self.at(letters).is_ascii_alphabetic() {
                letters += 1;
            }
            let suffix: String = self.chars[end..letters]
                .iter()
                .collect::<String>()
                .to_ascii_lowercase();
            if matches!(suffix.as_str(), "st" | "nd" | "rd" | "th") {
                end = letters;
            } else {
                return self.word(i);
            }
        }
        let Some(mut value) = value else { return end };
        // Japanese myriads, possibly followed by a smaller one: `1兆2,000億`.
        if let Some(exp) = myriad(self.at(end)) {
            value.exp += exp;
            end += 1;
            if self.at(end).is_ascii_digit() {
                let (next, next_end) = self.decimal(end);
                let scale = myriad(self.at(next_end)).filter(|&s| s < exp);
                let sum = next.zip(scale).and_then(|(n, s)| {
                    value.add(Decimal {
                        exp: n.exp + s,
                        ..n
                    })
                });
                if let Some(sum) = sum {
                    value = sum;
                    end = next_end + 1;
                }
            }
        }
        // English scale words: `1.5 trillion`, `300 million`.
        if self.at(end) == ' ' {
            if let Some(&(word, exp)) = SCALES_EN.iter().find(|(w, _)| {
                self.starts_with(end + 1, w) && !self.at(end + 1 + w.len()).is_ascii_alphabetic()
            }) {
                value.exp += exp;
                end += 1 + word.len();
            }
        }
        if value.mantissa == 0 {
            return end;
        }
        if self.at(end) == '月' {
            if let Some(month) = value.small_integer().filter(|m| (1..=12).contains(m)) {
                self.push(format!("mon:{month}"), false);
                return end + 1;
            }
        }
        self.push(value.key(), false);
        end
    }

    /// `令和2年`, `平成元年`: converted to the Gregorian year so `2020` can match it.
    fn era_year(&mut self, i: usize) -> Option<usize> {
        let &(era, base) = ERAS.iter().find(|(name, _)| self.starts_with(i, name))?;
        let mut at = i + era.chars().count();
        while self.at(at) == ' ' {
            at += 1;
        }
        let (year, end) = if self.at(at) == '元' {
            (1, at + 1)
        } else {
            let (value, end) = self.decimal(at);
            (value?.small_integer()?, end)
        };
        if self.at(end) != '年' {
            return None;
        }
        self.push(
            Decimal {
                mantissa: u128::from(base + year),
                exp: 0,
            }
            .key(),
            false,
        );
        Some(end + 1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
        assert_eq!(
            keys("令和元年", Writing::Unspaced),
            keys("2019", Writing::Spaced)
        );
    }

    #[test]
    fn amounts_fold_digits_commas_and_scales() {
        assert_eq!(
            keys("３，０００件", Writing::Unspaced),
            keys("3000 cases", Writing::Spaced)
        );
        assert_eq!(
            keys("1兆2,000億円", Writing::Unspaced),
            keys("1.2 trillion yen", Writing::Spaced)
        );
        assert_eq!(
            keys("300億円", Writing::Unspaced),
            keys("30 billion yen", Writing::Spaced)
        );
        assert_eq!(
            keys("3.29％", Writing::Unspaced),
            keys("3.29%", Writing::Spaced)
        );
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

    #[test]
    fn english_prose_words_are_soft_but_japanese_latin_is_hard() {
        let en = extract("The Zoom meeting", Writing::Spaced);
        assert!(en.iter().all(|a| a.soft));
        assert_eq!(keys("Zoomで開催", Writing::Unspaced), vec!["w:zoom"]);
        assert!(keys("the 30th meeting", Writing::Spaced).contains(&"n:3e1".to_owned()));
    }
}
