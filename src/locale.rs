//! Locales: BCP 47 tags (via unic-langid) and the writing traits the pipeline cares about,
//! so that segmentation, joining and inline diffs pick rules by how a language is written.

use std::fmt;
use std::str::FromStr;

use unic_langid::LanguageIdentifier;

/// A validated BCP 47 locale such as `ja`, `en`, `fr-CA` or `zh-Hans`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Locale {
    id: LanguageIdentifier,
    tag: String,
}

/// How a language separates words and sentences, which decides how wrapped lines are joined
/// and whether inline diffs work on words or on characters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Writing {
    /// Words separated by spaces (English, French, Korean, …).
    Spaced,
    /// No spaces between words or sentences (Japanese, Chinese, Thai, …).
    Unspaced,
}

/// Why a string is not a usable locale tag.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LocaleError {
    /// The tag as written.
    pub tag: String,
}

impl fmt::Display for LocaleError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "`{}` is not a valid BCP 47 locale tag (expected something like `ja`, `en`, `fr-CA` or `zh-Hans`)",
            self.tag
        )
    }
}

impl std::error::Error for LocaleError {}

impl FromStr for Locale {
    type Err = LocaleError;

    fn from_str(tag: &str) -> Result<Self, Self::Err> {
        let id: LanguageIdentifier = tag.parse().map_err(|_| LocaleError {
            tag: tag.to_owned(),
        })?;
        // Directory names must round-trip: `en_US` parses, but we want the canonical spelling
        // on disk so that two spellings of one locale never coexist.
        if id.to_string().as_str() != tag {
            return Err(LocaleError {
                tag: tag.to_owned(),
            });
        }
        Ok(Locale {
            tag: id.to_string(),
            id,
        })
    }
}

impl Locale {
    /// The language subtag, e.g. `ja` for `ja-JP`.
    pub fn language(&self) -> &str {
        self.id.language.as_str()
    }

    /// The parsed identifier, for fluent-bundle and fluent-langneg.
    pub fn langid(&self) -> &LanguageIdentifier {
        &self.id
    }

    /// The canonical tag, as used for directory names.
    pub fn tag(&self) -> &str {
        &self.tag
    }

    /// Whether a language tag another tool wrote names this locale, as translators' tools
    /// write them: any case, with a region (`fr-FR`, `de-DE` for `de`), without one (`zh`
    /// for `zh-Hans`), or with the region that implies the script (`zh-CN` and `zh-SG` for
    /// `zh-Hans`, `zh-TW` and `zh-HK` for `zh-Hant`). A region or script that contradicts
    /// this locale's does not match (`fr-CA` for `fr-FR`, `zh-TW` for `zh-Hans`).
    pub fn is_named_by(&self, tag: &str) -> bool {
        let Ok(other) = tag.parse::<LanguageIdentifier>() else {
            return false;
        };
        if tag.contains('_') || other.language != self.id.language {
            return false;
        }
        let implied = |id: &LanguageIdentifier| {
            id.script.map(|s| s.as_str().to_owned()).or_else(|| {
                let region = id.region?;
                (id.language.as_str() == "zh").then(|| {
                    match region.as_str() {
                        "TW" | "HK" | "MO" => "Hant",
                        _ => "Hans",
                    }
                    .to_owned()
                })
            })
        };
        let scripts = match (implied(&self.id), implied(&other)) {
            (Some(a), Some(b)) => a == b,
            _ => true,
        };
        let regions = match (self.id.region, other.region) {
            (Some(a), Some(b)) => a == b,
            _ => true,
        };
        scripts && regions
    }

    /// Whether the locale's language separates words with spaces.
    pub fn writing(&self) -> Writing {
        match self.language() {
            "ja" | "zh" | "yue" | "th" | "lo" | "km" | "my" | "bo" => Writing::Unspaced,
            _ => Writing::Spaced,
        }
    }
}

/// ISO 639-1 language codes: a two-letter language subtag must be one of them.
const ISO_639_1: &[&str] = &[
    "aa", "ab", "ae", "af", "ak", "am", "an", "ar", "as", "av", "ay", "az", "ba", "be", "bg", "bh",
    "bi", "bm", "bn", "bo", "br", "bs", "ca", "ce", "ch", "co", "cr", "cs", "cu", "cv", "cy", "da",
    "de", "dv", "dz", "ee", "el", "en", "eo", "es", "et", "eu", "fa", "ff", "fi", "fj", "fo", "fr",
    "fy", "ga", "gd", "gl", "gn", "gu", "gv", "ha", "he", "hi", "ho", "hr", "ht", "hu", "hy", "hz",
    "ia", "id", "ie", "ig", "ii", "ik", "io", "is", "it", "iu", "ja", "jv", "ka", "kg", "ki", "kj",
    "kk", "kl", "km", "kn", "ko", "kr", "ks", "ku", "kv", "kw", "ky", "la", "lb", "lg", "li", "ln",
    "lo", "lt", "lu", "lv", "mg", "mh", "mi", "mk", "ml", "mn", "mr", "ms", "mt", "my", "na", "nb",
    "nd", "ne", "ng", "nl", "nn", "no", "nr", "nv", "ny", "oc", "oj", "om", "or", "os", "pa", "pi",
    "pl", "ps", "pt", "qu", "rm", "rn", "ro", "ru", "rw", "sa", "sc", "sd", "se", "sg", "si", "sk",
    "sl", "sm", "sn", "so", "sq", "sr", "ss", "st", "su", "sv", "sw", "ta", "te", "tg", "th", "ti",
    "tk", "tl", "tn", "to", "tr", "ts", "tt", "tw", "ty", "ug", "uk", "ur", "uz", "ve", "vi", "vo",
    "wa", "wo", "xh", "yi", "yo", "za", "zh", "zu",
];

/// Three-letter languages honyaku knows to exist (ISO 639-1 has no code for them) and `und`.
const ISO_639_3: &[&str] = &["ast", "ckb", "fil", "gsw", "haw", "hsb", "yue", "und"];

/// Whether a tag names a real language, not just a well-formed one: `zz` or `klingon` parse
/// as BCP 47 but are nobody's language, and a typo there silently picks the wrong rules.
pub fn is_known_language(locale: &Locale) -> bool {
    let language = locale.language();
    ISO_639_1.binary_search(&language).is_ok() || ISO_639_3.contains(&language)
}

/// The letters of a text counted by script, to tell how it is written when nothing else says.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Scripts {
    /// Hiragana and katakana: only Japanese uses them.
    pub kana: usize,
    /// Han characters (kanji, hanzi).
    pub han: usize,
    /// Hangul syllables and jamo.
    pub hangul: usize,
    /// Latin letters.
    pub latin: usize,
    /// Letters of any other script.
    pub other: usize,
}

impl Scripts {
    /// Counts the letters of `text`.
    pub fn of(text: &str) -> Scripts {
        let mut scripts = Scripts::default();
        for c in text.chars() {
            match c {
                c if Scripts::is_kana(c) => scripts.kana += 1,
                c if Scripts::is_han(c) => scripts.han += 1,
                '\u{AC00}'..='\u{D7AF}' | '\u{1100}'..='\u{11FF}' => scripts.hangul += 1,
                c if c.is_ascii_alphabetic() => scripts.latin += 1,
                c if c.is_alphabetic() && (c as u32) < 0x0250 => scripts.latin += 1,
                c if c.is_alphabetic() => scripts.other += 1,
                _ => {}
            }
        }
        scripts
    }

    /// Hiragana or katakana, full or half width: the chars counted as `kana`.
    pub fn is_kana(c: char) -> bool {
        matches!(c, '\u{3041}'..='\u{309F}' | '\u{30A0}'..='\u{30FF}' | '\u{FF66}'..='\u{FF9F}')
    }

    /// A Han character (kanji, hanzi): the chars counted as `han`.
    pub fn is_han(c: char) -> bool {
        matches!(c, '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}' | '\u{F900}'..='\u{FAFF}')
    }

    fn letters(&self) -> usize {
        self.kana + self.han + self.hangul + self.latin + self.other
    }

    /// Japanese or Chinese characters (kana, kanji, hanzi).
    pub fn cjk(&self) -> usize {
        self.kana + self.han
    }

    /// The locale the script tells, where it tells one: kana make Japanese, Han without kana
    /// Chinese, Hangul Korean, and mostly Latin letters `und-Latn` (a language written with
    /// spaces, which one the letters do not say). `None` when there are too few letters.
    pub fn guess(&self) -> Option<Locale> {
        let letters = self.letters();
        if letters < 8 {
            return None;
        }
        let tag = if self.kana * 20 >= letters {
            "ja"
        } else if self.han * 2 >= letters {
            "zh"
        } else if self.hangul * 2 >= letters {
            "ko"
        } else if self.latin * 2 >= letters {
            "und-Latn"
        } else {
            return None;
        };
        tag.parse().ok()
    }
}

/// Whether text with these scripts can be written in `locale`: what `diff --lang` warns
/// about when it cannot (Japanese text diffed as French splits no words).
pub fn contradicts(locale: &Locale, scripts: &Scripts) -> bool {
    let Some(guess) = scripts.guess() else {
        return false;
    };
    match (locale.language(), guess.language()) {
        ("ja", "ja" | "zh") | ("zh" | "yue", "zh") | ("ko", "ko") => false,
        ("ja" | "zh" | "yue" | "ko", _) => true,
        (_, "und") => false,
        // Vietnamese and others write Han in quotations; a mostly CJK text is not theirs.
        _ => true,
    }
}

impl fmt::Display for Locale {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.tag)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_canonical_tags_and_rejects_others() {
        assert_eq!(
            "zh-Hans".parse::<Locale>().map(|l| l.writing()),
            Ok(Writing::Unspaced)
        );
        assert_eq!(
            "fr-CA".parse::<Locale>().map(|l| l.writing()),
            Ok(Writing::Spaced)
        );
        assert!("en_US".parse::<Locale>().is_err());
        assert!("not a tag".parse::<Locale>().is_err());
        assert!("".parse::<Locale>().is_err());
    }

    #[test]
    fn tags_of_translators_tools_name_the_project_locale() {
        let locale = |tag: &str| -> Locale { tag.parse().unwrap_or_else(|_| unreachable!()) };
        for (tag, of, named) in [
            ("de-DE", "de", true),
            ("DE", "de", true),
            ("de_DE", "de", false),
            ("zh-CN", "zh-Hans", true),
            ("zh-SG", "zh-Hans", true),
            ("zh-TW", "zh-Hans", false),
            ("zh-HK", "zh-Hant", true),
            ("zh-Hant-TW", "zh-Hans", false),
            ("fr-CA", "fr-FR", false),
            ("fr", "fr-FR", true),
            ("en", "de", false),
        ] {
            assert_eq!(locale(of).is_named_by(tag), named, "{tag} for {of}");
        }
    }

    #[test]
    fn invented_languages_are_told_apart_from_real_ones() {
        let known = |tag: &str| {
            is_known_language(&tag.parse::<Locale>().unwrap_or_else(|_| unreachable!()))
        };
        assert!(known("ja") && known("fr-CA") && known("zh-Hans") && known("yue"));
        assert!(!known("zz") && !known("klingon") && !known("xx-Fake"));
        assert!(
            ISO_639_1.windows(2).all(|w| w[0] < w[1]),
            "sorted for binary search"
        );
    }

    #[test]
    fn the_script_tells_how_a_text_is_written() {
        let guess = |text: &str| Scripts::of(text).guess().map(|l| l.to_string());
        assert_eq!(
            guess("令和2年4月30日（木）、会合が開催されました。").as_deref(),
            Some("ja")
        );
        assert_eq!(
            guess("二〇二〇年五月一日召开了二十国集团数字经济部长会议").as_deref(),
            Some("zh")
        );
        assert_eq!(
            guess("The meeting was held on April 30, 2020.").as_deref(),
            Some("und-Latn")
        );
        assert_eq!(guess("12345"), None);
        let fr: Locale = "fr".parse().unwrap_or_else(|_| unreachable!());
        let ja: Locale = "ja".parse().unwrap_or_else(|_| unreachable!());
        let japanese = Scripts::of("会合がテレビ会議形式で開催されました。");
        assert!(contradicts(&fr, &japanese) && !contradicts(&ja, &japanese));
        assert!(contradicts(
            &ja,
            &Scripts::of("The meeting was held by video conference.")
        ));
        assert!(!contradicts(
            &fr,
            &Scripts::of("La réunion s'est tenue par visioconférence.")
        ));
    }
}
