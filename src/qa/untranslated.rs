//! A translation identical to a source in another language, when that source has words to
//! translate (not only a name, a number or a URL).

use super::{Check, Entry, Problem};
use crate::figures;

/// `untranslated`: the translation is a copy of a source.
pub(crate) struct Untranslated;

impl Check for Untranslated {
    fn ids(&self) -> &[&'static str] {
        &["untranslated"]
    }

    fn run(&self, entry: &Entry<'_>, out: &mut Vec<Problem>) {
        let Some(translation) = entry.text() else {
            return;
        };
        for source in entry.sources {
            if translation == source.text
                && source.locale.language() != entry.target.language()
                && has_words(source.text)
            {
                out.push(Problem::warning(
                    "untranslated",
                    format!("identical to the {} source", source.locale),
                ));
            }
        }
    }
}

/// Whether a text has something to translate (not only a name, a number or a URL).
fn has_words(text: &str) -> bool {
    let stripped: String = figures::urls(text)
        .iter()
        .fold(text.to_owned(), |t, url| t.replace(url.as_str(), " "));
    let words = stripped
        .split_whitespace()
        .filter(|w| w.chars().filter(|c| c.is_alphabetic()).count() >= 2)
        .count();
    let unspaced = stripped
        .chars()
        .filter(|c| c.is_alphabetic() && !c.is_ascii())
        .count();
    words >= 2 || unspaced >= 4
}
