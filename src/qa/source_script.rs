//! Text left in a source's script: Japanese (kana, or kanji in a language not written with
//! them) inside a translation, unless a source in another language wrote the same characters
//! too (a name in the English release); and a whole English sentence copied into another
//! language's translation.

use super::{Check, Entry, Problem};
use crate::locale::Scripts;

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
        let foreign = |c: char| {
            if c.is_ascii() {
                return false;
            }
            let scripts = Scripts::of(c.encode_utf8(&mut [0; 4]));
            scripts.kana > 0 || (scripts.han > 0 && !han_language)
        };
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
                .find(|sentence| translation.contains(sentence) && translation != source.text);
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
