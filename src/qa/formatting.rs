//! A translation fluent-bundle cannot format (an unknown term, a message without a value):
//! a build would fall back from it.

use super::{Check, Entry, Problem};

/// `placeables`: the message does not format.
pub(crate) struct Formatting;

impl Check for Formatting {
    fn ids(&self) -> &[&'static str] {
        &["placeables"]
    }

    fn run(&self, entry: &Entry<'_>, out: &mut Vec<Problem>) {
        if let (Some(_), Some(Err(error))) = (entry.unit, entry.translation) {
            out.push(Problem::error(
                "placeables",
                format!("fluent cannot format the message: {error}"),
            ));
        }
    }
}
