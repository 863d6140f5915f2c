//! Text left in a source's script: Japanese (kana, or kanji in a language not written with
//! them) inside a translation, unless a source in another language wrote the same characters
//! too (a name in the English release); and a whole English sentence copied into another
//! language's translation.

use super::{Check, Entry, Problem};
use crate::locale::Scripts;

/// The bytes of a copyable sentence looked for before the whole of it.
const HEAD: usize = 12;

/// `source-script`: source-language text inside the translation.
pub(crate) struct SourceScript;

impl Check for SourceScript {
    fn ids(&self) -> &[&'static str] {
        &["source-script"]
    }

    fn run(&self, entry: &Entry<'_>, out: &mut Vec<Problem>) {
        let Some(translation) = entry.text() else {
            return;
        };
        let target = entry.target;
        let han_language = matches!(target.language(), "ja" | "zh" | "yue");
        let foreign = |c: char| Scripts::is_kana(c) || (!han_language && Scripts::is_han(c));
        // An ASCII translation has no Japanese in it.
        if target.language() != "ja" && !translation.is_ascii() {
            let run: String = translation
                .chars()
                .skip_while(|&c| !foreign(c))
                .take_while(|&c| foreign(c) || matches!(c, '、' | '・' | 'ー'))
                .collect();
            let in_sources = || {
                entry
                    .sources
                    .iter()
                    .any(|s| s.locale.language() != "ja" && s.text.contains(run.as_str()))
            };
            if !run.is_empty() && !in_sources() {
                let shown: String = run.chars().take(20).collect();
                out.push(Problem::error(
                    "source-script",
                    format!("Japanese text left in the {target} translation: «{shown}»"),
                ));
            }
        }
        for source in entry.sources {
            if source.locale.language() == target.language() {
                continue;
            }
            let copied = source
                .facts
                .copyable(source.text)
                .find(|sentence| holds(translation, sentence) && translation != source.text);
            if let Some(sentence) = copied {
                let shown: String = sentence.chars().take(60).collect();
                out.push(Problem::warning(
                    "source-script",
                    format!(
                        "a {} sentence copied untranslated: «{shown}»",
                        source.locale
                    ),
                ));
            }
        }
    }
}

/// Whether `text` contains `sentence`: its first [`HEAD`] bytes are looked for, and the whole
/// sentence compared only where they are (a sentence whose first words are not in the text
/// is not either; that short search is cheap to set up, a search for the whole sentence is
/// not).
fn holds(text: &str, sentence: &str) -> bool {
    let mut end = HEAD.min(sentence.len());
    while !sentence.is_char_boundary(end) {
        end -= 1;
    }
    let head = &sentence[..end];
    // Every place the head starts, overlapping ones too (`aaab` holds `aab` at 1).
    let mut from = 0;
    while let Some(at) = text[from..].find(head) {
        let at = from + at;
        if text[at..].starts_with(sentence) {
            return true;
        }
        from = at + text[at..].chars().next().map_or(1, char::len_utf8);
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sentence_is_found_where_its_head_is() {
        assert!(holds("(fr) The meeting was held.", "The meeting was held."));
        // The head occurs first where the sentence does not follow it.
        assert!(holds(
            "The meeting was postponed; The meeting was held.",
            "The meeting was held."
        ));
        assert!(!holds("The meeting was postponed.", "The meeting was held."));
        assert!(holds("東京で会議を開催した。", "会議を開催"));
        assert!(holds("anything", ""));
        // Heads that overlap: the second one starts the sentence.
        assert!(holds("xaaaaaaaaaaaaab", "aaaaaaaaaaaab"));
    }

    proptest::proptest! {
        /// The search by head finds what `str::contains` finds, the sentence put in the
        /// text or not (runs of one letter make heads that overlap).
        #[test]
        fn holds_is_contains(
            before in "[ab。]{0,24}",
            sentence in "a{0,14}[ab。]{0,6}",
            after in "[ab。]{0,8}",
            inside in proptest::bool::ANY,
        ) {
            let text = if inside {
                format!("{before}{sentence}{after}")
            } else {
                format!("{before}{after}")
            };
            proptest::prop_assert_eq!(holds(&text, &sentence), text.contains(sentence.as_str()));
        }
    }
}
