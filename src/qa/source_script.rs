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
            // A sentence whose first words are not in the translation is not either: that
            // short search is cheap to set up, the whole sentence's is not.
            let copied = source.facts.copyable(source.text).find(|sentence| {
                let mut end = HEAD.min(sentence.len());
                while !sentence.is_char_boundary(end) {
                    end -= 1;
                }
                let head = &sentence[..end];
                translation.contains(head)
                    && translation.contains(sentence)
                    && translation != source.text
            });
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
