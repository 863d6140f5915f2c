//! An empty translation: nothing else is compared for it.

use super::{Check, Entry, Problem};

/// `empty`: the translation formats to blank text.
pub(crate) struct Empty;

impl Check for Empty {
    fn ids(&self) -> &[&'static str] {
        &["empty"]
    }

    fn run(&self, entry: &Entry<'_>, out: &mut Vec<Problem>) {
        if entry.formatted().is_some_and(|text| text.trim().is_empty()) {
            out.push(Problem::error("empty", "the translation is empty"));
        }
    }
}
