//! TMX 1.4b for translation memories: one translation unit per translated message and source
//! language (original → target, English → target). A stale translation is paired with the
//! source it was made from (its previous source), which is what it translates. Pairs holding a
//! character XML cannot carry are left out (TMX has no code for them) and counted.

use super::ExportSet;
use super::xml::{XmlWriter, is_xml_char};

/// What a TMX export wrote.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct TmxCounts {
    pub pairs: usize,
    /// Pairs left out because XML cannot hold one of their characters.
    pub left_out: usize,
}

/// Writes a TMX 1.4b document.
pub(crate) fn write(set: &ExportSet) -> (String, TmxCounts) {
    let mut counts = TmxCounts::default();
    let mut w = XmlWriter::new();
    w.start("tmx", &[("version", "1.4")]);
    w.raw("\n  ");
    w.empty(
        "header",
        &[
            ("creationtool", "honyaku"),
            ("creationtoolversion", env!("CARGO_PKG_VERSION")),
            ("datatype", "plaintext"),
            ("segtype", "sentence"),
            ("adminlang", "en"),
            ("srclang", "*all*"),
            ("o-tmf", "honyaku"),
        ],
    );
    w.raw("\n  ");
    w.start("body", &[]);
    let mut never = |_: &mut XmlWriter, _: char| {};
    for (document, units) in &set.documents {
        for unit in units {
            let Some(target) = &unit.target else {
                continue;
            };
            for source in &unit.sources {
                let text = unit.previous(&source.locale).unwrap_or(&source.text);
                if !text.chars().chain(target.chars()).all(is_xml_char) {
                    counts.left_out += 1;
                    continue;
                }
                counts.pairs += 1;
                let tuid = format!("{document}/{}/{}", unit.id, source.locale);
                w.raw("\n    ");
                w.start("tu", &[("tuid", &tuid), ("srclang", &source.locale)]);
                w.raw("\n      ");
                w.text_element("prop", &[("type", "x-document")], document, &mut never);
                w.raw("\n      ");
                w.text_element("prop", &[("type", "x-id")], &unit.id, &mut never);
                for (lang, text) in [
                    (source.locale.as_str(), text),
                    (set.target.as_str(), target),
                ] {
                    w.raw("\n      ");
                    w.start("tuv", &[("xml:lang", lang)]);
                    w.text_element("seg", &[], text, &mut never);
                    w.end("tuv");
                }
                w.raw("\n    ");
                w.end("tu");
            }
        }
    }
    w.raw("\n  ");
    w.end("body");
    w.raw("\n");
    w.end("tmx");
    (w.finish(), counts)
}
