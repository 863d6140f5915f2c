//! The two printed forms of an alignment: JSON for tools (`honyaku align --format json`)
//! and plain text for a reviewer reading beads side by side.

use std::fmt::Write as _;

use serde_json::{Map, Value, json};

use super::Bead;
use crate::locale::Locale;
use crate::segment::Document;

fn texts<'d>(doc: &'d Document, indices: &[usize]) -> Vec<&'d str> {
    indices
        .iter()
        .filter_map(|&i| doc.segments.get(i))
        .map(|s| s.text.as_str())
        .collect()
}

/// The JSON keys of the two sides: their locale tags, with `#b` appended to b's when both
/// tags are equal (aligning two English versions) so neither side hides the other.
fn keys(a_locale: &Locale, b_locale: &Locale) -> (String, String) {
    let a = a_locale.tag().to_owned();
    let b = if a_locale == b_locale {
        format!("{}#b", b_locale.tag())
    } else {
        b_locale.tag().to_owned()
    };
    (a, b)
}

/// `{"beads": [{"ja": [texts], "en": [texts], "score": 0.97}, …]}`, keyed by the locale tags.
/// Scores are rounded to three decimals: more digits would suggest a precision the model
/// does not have.
pub fn to_json(
    beads: &[Bead],
    a: &Document,
    a_locale: &Locale,
    b: &Document,
    b_locale: &Locale,
) -> Value {
    let (key_a, key_b) = keys(a_locale, b_locale);
    let beads: Vec<Value> = beads
        .iter()
        .map(|bead| {
            let mut object = Map::new();
            object.insert(key_a.clone(), json!(texts(a, &bead.a)));
            object.insert(key_b.clone(), json!(texts(b, &bead.b)));
            object.insert(
                "score".to_owned(),
                json!((bead.score * 1000.0).round() / 1000.0),
            );
            Value::Object(object)
        })
        .collect();
    json!({ "beads": beads })
}

/// One paragraph per bead: a header with its shape (`2:1`) and score, then each side's
/// sentences prefixed by the locale tag, so low scores and one-sided beads stand out.
pub fn render_text(
    beads: &[Bead],
    a: &Document,
    a_locale: &Locale,
    b: &Document,
    b_locale: &Locale,
) -> String {
    let (key_a, key_b) = keys(a_locale, b_locale);
    let mut out = String::new();
    for (index, bead) in beads.iter().enumerate() {
        let _ = writeln!(
            out,
            "#{} {}:{} score {:.2}",
            index + 1,
            bead.a.len(),
            bead.b.len(),
            bead.score
        );
        for text in texts(a, &bead.a) {
            let _ = writeln!(out, "  {key_a}: {text}");
        }
        for text in texts(b, &bead.b) {
            let _ = writeln!(out, "  {key_b}: {text}");
        }
        out.push('\n');
    }
    out
}
