//! Leading or trailing whitespace that no source has.

use super::{Check, Entry, Problem};

/// `whitespace`: the translation is padded where the sources are not.
pub(crate) struct Whitespace;

impl Check for Whitespace {
    fn ids(&self) -> &[&'static str] {
        &["whitespace"]
    }

    fn run(&self, entry: &Entry<'_>, out: &mut Vec<Problem>) {
        let Some(translation) = entry.text() else {
            return;
        };
        let padded = |t: &str| (t.len() - t.trim_start().len(), t.len() - t.trim_end().len());
        if translation != translation.trim()
            && entry
                .sources
                .iter()
                .all(|s| padded(s.text) != padded(translation))
        {
            out.push(Problem::warning(
                "whitespace",
                "leading or trailing whitespace the source does not have",
            ));
        }
    }
}
