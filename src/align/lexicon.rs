//! A small bilingual lexicon of administrative vocabulary, used as soft anchors: the words a
//! ministry release uses for sectors, offices and procedures (医療 ↔ health, 観光 ↔
//! tourism, 国際 ↔ international). Numbers and acronyms pair most sentences, but short list
//! items (`・観光`) and office names carry none, and a translator who sorts a list
//! alphabetically leaves length as the only other clue, which cannot tell `観光` from
//! `交通`. The lexicon is deliberately general and short: every entry is a term many
//! releases share, never a phrase of one text.

use std::collections::HashMap;
use std::sync::OnceLock;

/// One concept: its key, the Japanese spellings (found as substrings) and the English
/// words (whole words, lowercase; a trailing `*` matches any ending).
type Entry = (
    &'static str,
    &'static [&'static str],
    &'static [&'static str],
);

/// Japanese spellings are chosen so that they rarely occur inside an unrelated word (`局`
/// alone would also be in `基地局`, so bureaus are left out).
const ENTRIES: &[Entry] = &[
    ("agriculture", &["農業", "農林"], &["agricultur*", "farm*"]),
    ("forestry", &["林業", "農林", "森林"], &["forest*"]),
    ("fisheries", &["水産", "漁業"], &["fisher*", "fishing"]),
    (
        "health",
        &["医療", "保健", "健康"],
        &["health*", "medical", "hospital*"],
    ),
    ("care", &["介護"], &["care", "nursing", "caregiv*"]),
    ("disaster", &["防災", "災害", "減災"], &["disaster*"]),
    (
        "transport",
        &["交通", "運輸", "輸送"],
        &["transport*", "traffic"],
    ),
    ("logistics", &["物流"], &["logistic*"]),
    ("tourism", &["観光"], &["touris*"]),
    ("factory", &["工場"], &["factory", "factories"]),
    ("plant", &["プラント"], &["plant", "plants"]),
    ("education", &["教育"], &["educat*"]),
    ("school", &["学校"], &["school*"]),
    ("phone", &["電話"], &["tel", "phone*", "telephone*"]),
    (
        "contact",
        &["連絡", "問合せ", "問い合わせ"],
        &["contact*", "inquir*", "enquir*"],
    ),
    ("in-charge", &["担当"], &["charge", "responsible"]),
    ("mic", &["総務省"], &["mic"]),
    ("international", &["国際"], &["international*"]),
    ("policy", &["政策"], &["policy", "policies"]),
    ("strategy", &["戦略"], &["strateg*"]),
    ("digital", &["デジタル"], &["digital*"]),
    ("economy", &["経済"], &["econom*"]),
    (
        "minister",
        &["大臣"],
        &["minister", "ministers", "ministerial"],
    ),
    ("meeting", &["会合", "会議"], &["meeting*", "conference*"]),
    ("government", &["政府"], &["government*"]),
    ("comment", &["意見"], &["comment*", "opinion*"]),
    ("budget", &["予算"], &["budget*"]),
    ("survey", &["調査"], &["survey*"]),
    ("infrastructure", &["インフラ"], &["infrastructur*"]),
    ("frequency", &["周波数"], &["frequenc*", "spectrum"]),
    ("radio", &["電波", "無線"], &["radio", "wireless"]),
    ("license", &["免許"], &["licens*"]),
    ("internet", &["インターネット"], &["internet"]),
    (
        "security",
        &["セキュリティ"],
        &["security", "cybersecurity"],
    ),
    ("privacy", &["プライバシー"], &["privacy"]),
    ("data", &["データ"], &["data"]),
    ("telework", &["テレワーク"], &["telework*"]),
    ("attachment", &["別紙", "別添"], &["attachment*", "annex*"]),
    ("overview", &["概要"], &["overview", "outline", "summary"]),
    ("subsidy", &["補助"], &["subsid*"]),
    ("support", &["支援"], &["support*"]),
    ("regulation", &["規制"], &["regulat*"]),
    ("guideline", &["ガイドライン"], &["guideline*"]),
    ("procedure", &["手続"], &["procedur*"]),
    ("prefecture", &["都道府県"], &["prefectur*"]),
    ("population", &["人口"], &["population*"]),
];

/// The lexicon indexed for lookups: every word of a release passes through here, so a scan
/// of all entries per word would cost more than the rest of anchor extraction.
struct Index {
    /// English whole words and stems (`*` patterns, without the star) to keys.
    words: HashMap<&'static str, Vec<&'static str>>,
    stems: HashMap<&'static str, Vec<&'static str>>,
    /// Bit `n` set when some stem is `n` bytes long: only those prefixes are looked up.
    stem_lengths: u64,
    /// Japanese spellings by their first char.
    spellings: HashMap<char, Vec<(&'static str, &'static str)>>,
}

fn index() -> &'static Index {
    static INDEX: OnceLock<Index> = OnceLock::new();
    INDEX.get_or_init(|| {
        let mut index = Index {
            words: HashMap::new(),
            stems: HashMap::new(),
            stem_lengths: 0,
            spellings: HashMap::new(),
        };
        for &(key, spellings, words) in ENTRIES {
            for word in words {
                match word.strip_suffix('*') {
                    Some(stem) => {
                        index.stem_lengths |= 1 << stem.len().min(63);
                        index.stems.entry(stem).or_default().push(key);
                    }
                    None => index.words.entry(word).or_default().push(key),
                }
            }
            for spelling in spellings {
                if let Some(first) = spelling.chars().next() {
                    index
                        .spellings
                        .entry(first)
                        .or_default()
                        .push((spelling, key));
                }
            }
        }
        index
    })
}

/// Lexicon keys of one lowercase English word (possibly repeated).
pub(super) fn english(word: &str) -> impl Iterator<Item = &'static str> + '_ {
    let index = index();
    let stems = (1..=word.len().min(63))
        .filter(|&end| index.stem_lengths & (1 << end) != 0 && word.is_char_boundary(end))
        .filter_map(|end| index.stems.get(&word[..end]))
        .flatten();
    index
        .words
        .get(word)
        .into_iter()
        .flatten()
        .chain(stems)
        .copied()
}

/// Lexicon keys of a Japanese text (possibly repeated).
pub(super) fn japanese(text: &str) -> impl Iterator<Item = &'static str> + '_ {
    let index = index();
    text.char_indices().flat_map(move |(at, c)| {
        index
            .spellings
            .get(&c)
            .into_iter()
            .flatten()
            .filter(move |(spelling, _)| text[at..].starts_with(spelling))
            .map(|(_, key)| *key)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sectors_meet_across_languages() {
        let ja: Vec<&str> = japanese("医療・介護").collect();
        let en: Vec<&str> = ["healthcare", "and", "nursing", "care"]
            .iter()
            .flat_map(|w| english(w))
            .collect();
        assert_eq!(ja, vec!["health", "care"]);
        assert_eq!(en, vec!["health", "care", "care"]);
        assert_eq!(
            japanese("農林水産業").collect::<Vec<_>>(),
            vec!["agriculture", "forestry", "fisheries"]
        );
        assert_eq!(english("careful").count(), 0);
        assert_eq!(japanese("5G基地局").count(), 0);
    }
}
