//! The block reader: lines → structural blocks → sentence segments, plus the skeleton.

use super::{Document};
use crate::locale::Locale;

pub(super) fn read(source: String, locale: &Locale) -> Document {
    let _ = locale;
    Document { source, blocks: Vec::new(), segments: Vec::new() }
}
