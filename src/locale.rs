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

    pub fn writing(&self) -> Writing {
        match self.language() {
            "ja" | "zh" | "yue" | "th" | "lo" | "km" | "my" | "bo" => Writing::Unspaced,
            _ => Writing::Spaced,
        }
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
}
