//! Plain text: the layout source with each segment replaced by its chosen text, so the
//! skeleton (markers, indentation, line endings, blank lines) stays byte for byte.

use std::borrow::Cow;

use super::fallback::Piece;
use super::{Page, Render};
use crate::locale::Writing;
use crate::segment::Fill;

/// `--format txt`.
pub(super) struct Text;

impl Render for Text {
    fn name(&self) -> &'static str {
        "txt"
    }

    fn page(&self, page: &Page<'_>) -> String {
        // Sentences a Japanese layout writes back to back get a space on a page in a
        // language written with spaces.
        let joiner = match page.locale.writing() {
            Writing::Spaced => " ",
            Writing::Unspaced => "",
        };
        let respaced = super::respaced(page.locale, page.layout_locale);
        page.layout.render_with(
            |index, _| match page.pieces.get(index) {
                Some(Piece::Text { text, .. }) => Fill::Text(Cow::Borrowed(text)),
                Some(Piece::Covered) => Fill::Covered,
                _ => Fill::Source,
            },
            joiner,
            |skeleton| {
                if !respaced {
                    return Cow::Borrowed(skeleton);
                }
                // `（２）` before French text: `(2) `, as the language writes a marker.
                let mut spaced = crate::figures::spaced_skeleton(skeleton);
                if spaced.ends_with(|c: char| !c.is_whitespace()) {
                    spaced.to_mut().push(' ');
                }
                spaced
            },
        )
    }
}
