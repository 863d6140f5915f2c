//! A message the source does not have: it is never published.

use super::{Check, Entry, Problem};

/// `unknown-id`: the message's id is not a message of the source.
pub(crate) struct UnknownId;

impl Check for UnknownId {
    fn ids(&self) -> &[&'static str] {
        &["unknown-id"]
    }

    fn run(&self, entry: &Entry<'_>, out: &mut Vec<Problem>) {
        if entry.unit.is_none() {
            out.push(Problem::warning(
                "unknown-id",
                format!(
                    "`{}` is not a message of the source; it is never published",
                    entry.id
                ),
            ));
        }
    }
}
