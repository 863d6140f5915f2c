//! The comment lines honyaku writes and reads back in catalogs: the source shown above each
//! translation (`# ja: …`), stale marks with the previous source (`# was ja: …`), and
//! placeholders for untranslated entries (`# overview-3 =`). Every other comment line belongs
//! to a person and is kept byte for byte.

/// Marks a translation whose source changed, like gettext's `#, fuzzy`.
pub const STALE_MARK: &str = "# stale: the source changed; revise the translation, then delete this line and the \"was\" and \"change\" lines";

/// Prefix of the stale mark, which is how it is recognised (so a reworded mark still counts).
const STALE_PREFIX: &str = "# stale:";

/// One comment line, classified.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Note {
    /// `# ja: text`: the source this entry shows (the basis of the translation when not stale).
    Source { locale: String, text: String },
    /// `# was ja: text`: the source the stale translation was made from.
    Was { locale: String, text: String },
    /// `# change ja: …`: the inline change, for reading only.
    Change,
    /// The stale mark.
    Stale,
    /// `# overview-3 =` with nothing after it: the slot of an untranslated entry.
    Placeholder { id: String },
    /// `# overview-3 = Bonjour`: a translation written into the slot without uncommenting it.
    /// Kept verbatim (it is the translator's text) and reported, since Fluent ignores it.
    CommentedTranslation { id: String, line: String },
    /// A line someone else wrote, kept verbatim (without its line ending).
    Foreign(String),
}

/// Reads one comment line (without its line ending). `locales` are the source locale tags a
/// `# <tag>:` line may name.
pub fn classify(line: &str, locales: &[&str]) -> Note {
    let foreign = || Note::Foreign(line.to_owned());
    if line.starts_with(STALE_PREFIX) {
        return Note::Stale;
    }
    let Some(body) = line.strip_prefix("# ") else {
        return foreign();
    };
    for tag in locales {
        if let Some(text) = body
            .strip_prefix(tag)
            .and_then(|rest| rest.strip_prefix(": "))
        {
            return unescape(text).map_or_else(foreign, |text| Note::Source {
                locale: (*tag).to_owned(),
                text,
            });
        }
        let was = body
            .strip_prefix("was ")
            .and_then(|rest| rest.strip_prefix(tag))
            .and_then(|r| r.strip_prefix(": "));
        if let Some(text) = was {
            return unescape(text).map_or_else(foreign, |text| Note::Was {
                locale: (*tag).to_owned(),
                text,
            });
        }
        if body
            .strip_prefix("change ")
            .and_then(|rest| rest.strip_prefix(tag))
            .is_some_and(|r| r.starts_with(": "))
        {
            return Note::Change;
        }
    }
    if let Some(id) = body.strip_suffix(" =").or_else(|| body.strip_suffix(" = ")) {
        if is_identifier(id) {
            return Note::Placeholder { id: id.to_owned() };
        }
    }
    if let Some((id, text)) = body.split_once(" = ") {
        if is_identifier(id) && !text.trim().is_empty() {
            return Note::CommentedTranslation {
                id: id.to_owned(),
                line: line.to_owned(),
            };
        }
    }
    foreign()
}

/// Renders a classified line back (foreign lines verbatim).
pub fn render(note: &Note) -> String {
    match note {
        Note::Source { locale, text } => format!("# {locale}: {}", escape(text)),
        Note::Was { locale, text } => format!("# was {locale}: {}", escape(text)),
        Note::Change => String::from("# change"),
        Note::Stale => STALE_MARK.to_owned(),
        Note::Placeholder { id } => format!("# {id} ="),
        Note::Foreign(line) | Note::CommentedTranslation { line, .. } => line.clone(),
    }
}

/// Shows a text on one comment line. Injective, so the text read back from a comment compares
/// exactly with the source: backslashes, line breaks and other control characters are escaped.
pub fn escape(text: &str) -> String {
    let escaped =
        |c: char| c == '\\' || c.is_control() || matches!(c, '\u{2028}' | '\u{2029}' | '\u{feff}');
    // Nearly every text needs nothing: copied whole, not char by char (the profile of a
    // sync showed this loop at 3% of its time).
    if !text.chars().any(escaped) {
        return text.to_owned();
    }
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            c if escaped(c) => {
                out.push_str(&format!("\\u{{{:X}}}", u32::from(c)));
            }
            c => out.push(c),
        }
    }
    out
}

/// The inverse of [`escape`]; `None` for a line that [`escape`] cannot have written.
pub fn unescape(shown: &str) -> Option<String> {
    if !shown.contains('\\') {
        return Some(shown.to_owned());
    }
    let mut out = String::with_capacity(shown.len());
    let mut chars = shown.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next()? {
            '\\' => out.push('\\'),
            'n' => out.push('\n'),
            'r' => out.push('\r'),
            'u' => {
                if chars.next()? != '{' {
                    return None;
                }
                let hex: String = chars.by_ref().take_while(|&c| c != '}').collect();
                out.push(
                    u32::from_str_radix(&hex, 16)
                        .ok()
                        .and_then(char::from_u32)?,
                );
            }
            _ => return None,
        }
    }
    Some(out)
}

/// A Fluent message identifier: `[a-zA-Z][a-zA-Z0-9_-]*`.
pub fn is_identifier(id: &str) -> bool {
    let mut chars = id.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn classifies_managed_and_foreign_lines() {
        let l = ["ja", "en"];
        assert_eq!(
            classify("# ja: 本文です。", &l),
            Note::Source {
                locale: "ja".into(),
                text: "本文です。".into()
            }
        );
        assert_eq!(
            classify("# was en: Old.", &l),
            Note::Was {
                locale: "en".into(),
                text: "Old.".into()
            }
        );
        assert_eq!(classify("# change ja: [-3-]{+4+}件", &l), Note::Change);
        assert_eq!(classify(STALE_MARK, &l), Note::Stale);
        assert_eq!(
            classify("# overview-3 =", &l),
            Note::Placeholder {
                id: "overview-3".into()
            }
        );
        assert_eq!(
            classify("# overview-3 = Bonjour", &l),
            Note::CommentedTranslation {
                id: "overview-3".into(),
                line: "# overview-3 = Bonjour".into()
            }
        );
        for foreign in [
            "# stale bread: a note of mine",
            "# Note: keep it short",
            "#",
            "# fr: ceci",
            "## group",
        ] {
            assert_eq!(
                classify(foreign, &l),
                Note::Foreign(foreign.into()),
                "{foreign}"
            );
        }
    }

    proptest! {
        #[test]
        fn escape_round_trips_on_one_line(text in "\\PC*|[\\\\\n\r\u{0}-\u{1f}\u{2028}a]*") {
            let shown = escape(&text);
            prop_assert!(!shown.contains('\n') && !shown.contains('\r'));
            prop_assert_eq!(unescape(&shown), Some(text));
        }
    }
}
