//! The memory's similarity score and its candidate index.
//!
//! A text becomes a set of tokens: each figure ([`super::figures`]) is one token by its
//! value (`令和7年` and `2025` are the same token, `2024` and `2025` differ by one token);
//! the rest is character bigrams in Japanese and Chinese (and other unspaced scripts), and
//! lower-cased words in spaced languages. A token repeated in a text counts once per
//! occurrence. The score of two texts is the Dice coefficient of their token sets,
//! `2·|A∩B| / (|A|+|B|)`, as a percentage; only identical texts score 100.
//!
//! The [`Index`] is inverted (token → texts holding it) with prefix filtering: a text
//! scoring at least `t` against a query of `|A|` tokens shares at least
//! `⌈t·|A|/(2−t)⌉` of them, so it holds one of the query's `|A| − ⌈t·|A|/(2−t)⌉ + 1`
//! rarest tokens; only texts found through those are scored.
//!
//! Built in one go from all texts (the memory is rebuilt, never edited): each text's tokens
//! are hashed in parallel ([`TextKeys::of`], or kept from the sync that planned their
//! document), then numbered once, and both directions (text →
//! token ids, token id → texts) are stored as one flat array each with offsets, so the
//! 300,000 texts of a large memory cost a handful of allocations, not two per text.

use std::hash::{BuildHasher, Hash};

use rustc_hash::{FxBuildHasher, FxHashMap};

use super::figures::Figure;
use crate::locale::Writing;

/// Calls `emit` with each token of a text in order (before repeated tokens are told apart),
/// given the text's figures.
fn each_token(text: &str, writing: Writing, found: &[Figure], mut emit: impl FnMut(&str)) {
    let mut buffer = String::new();
    let mut at = 0;
    for figure in found {
        if figure.span.start < at {
            continue;
        }
        run_tokens(
            &text[at..figure.span.start],
            writing,
            &mut buffer,
            &mut emit,
        );
        buffer.clear();
        buffer.push('\u{E000}');
        buffer.push_str(&figure.key);
        emit(&buffer);
        at = figure.span.end;
    }
    run_tokens(&text[at..], writing, &mut buffer, &mut emit);
}

/// The tokens of a piece of text without figures: character bigrams (a single character
/// alone) in unspaced scripts, lower-cased words in spaced ones.
fn run_tokens(piece: &str, writing: Writing, buffer: &mut String, emit: &mut impl FnMut(&str)) {
    match writing {
        Writing::Unspaced => {
            let mut chars = piece.chars().filter(|c| !c.is_whitespace());
            let Some(mut previous) = chars.next() else {
                return;
            };
            let mut single = true;
            for c in chars {
                single = false;
                buffer.clear();
                buffer.push(previous);
                buffer.push(c);
                emit(buffer);
                previous = c;
            }
            if single {
                buffer.clear();
                buffer.push(previous);
                emit(buffer);
            }
        }
        Writing::Spaced => {
            for word in piece.split(|c: char| !c.is_alphanumeric()) {
                if !word.is_empty() {
                    buffer.clear();
                    buffer.extend(word.chars().flat_map(char::to_lowercase));
                    emit(buffer);
                }
            }
        }
    }
}

/// A text as a reader compares it for a near match: figures by value (`令和7年` reads as
/// `2025`), then lower-cased words in spaced scripts and characters in unspaced ones, with
/// punctuation and spacing left out. Two texts that read the same differ only in what a
/// translation does not have to follow word for word; any other difference (a word, a
/// particle, a name) means the translation needs an edit.
pub(crate) fn reading(text: &str, writing: Writing, found: &[Figure]) -> String {
    let mut out = String::with_capacity(text.len());
    let piece = |piece: &str, out: &mut String| match writing {
        Writing::Unspaced => out.extend(
            piece
                .chars()
                .filter(|c| c.is_alphanumeric())
                .flat_map(char::to_lowercase),
        ),
        Writing::Spaced => {
            for word in piece.split(|c: char| !c.is_alphanumeric()) {
                if !word.is_empty() {
                    out.extend(word.chars().flat_map(char::to_lowercase));
                    out.push(' ');
                }
            }
        }
    };
    let mut at = 0;
    for figure in found {
        if figure.span.start < at {
            continue;
        }
        piece(&text[at..figure.span.start], &mut out);
        out.push('\u{E000}');
        out.push_str(&figure.key);
        out.push('\u{E001}');
        at = figure.span.end;
    }
    piece(&text[at..], &mut out);
    out
}

/// A 64-bit hash that is the same on every run and machine (the index only lives in memory,
/// but a lookup must hash a query as the index hashed its texts).
pub(crate) fn stable_hash(value: impl Hash) -> u64 {
    FxBuildHasher.hash_one(value)
}

/// The tokens of a text as 64-bit hashes, each occurrence of a repeated token made
/// distinct (the second `the` is another token than the first), in no particular order.
pub(crate) fn token_hashes(text: &str, writing: Writing, found: &[Figure]) -> Vec<u64> {
    token_hashes_renamed(text, writing, found).0
}

/// [`token_hashes`], and whether a repeated token was renamed (otherwise the hashes are
/// all different).
fn token_hashes_renamed(text: &str, writing: Writing, found: &[Figure]) -> (Vec<u64>, bool) {
    let mut out = Vec::with_capacity(text.len() / 2);
    each_token(text, writing, found, |token| {
        out.push(stable_hash(token));
    });
    // Sorted, the occurrences of a token sit together: the n-th (n ≥ 2) becomes the hash of
    // (token, n).
    out.sort_unstable();
    let mut run: Option<(u64, u64)> = None;
    let mut renamed = false;
    for hash in &mut out {
        run = match run {
            Some((value, n)) if value == *hash => {
                *hash = stable_hash((value, n + 1));
                renamed = true;
                Some((value, n + 1))
            }
            _ => Some((*hash, 1)),
        };
    }
    (out, renamed)
}

/// The tokens of a text as text (for tests and for reading the scheme).
#[cfg(test)]
pub(crate) fn tokens(text: &str, writing: Writing) -> Vec<String> {
    let found = super::figures::figures(text, writing);
    let mut raw = Vec::new();
    each_token(text, writing, &found, |t| raw.push(t.to_owned()));
    let mut seen: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    raw.into_iter()
        .map(|token| {
            let n = seen.entry(token.clone()).or_insert(0);
            *n += 1;
            if *n == 1 {
                token
            } else {
                format!("{token}\u{E001}{n}")
            }
        })
        .collect()
}

/// How many ids two sorted, duplicate-free token id lists share.
fn shared(a: &[u32], b: &[u32]) -> usize {
    let (mut i, mut j, mut shared) = (0, 0, 0usize);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                shared += 1;
                i += 1;
                j += 1;
            }
        }
    }
    shared
}

/// The Dice coefficient of two token sets of `a_len` and `b_len` tokens sharing `shared`.
fn dice(shared: usize, a_len: usize, b_len: usize) -> f64 {
    if a_len + b_len == 0 {
        return 1.0;
    }
    2.0 * shared as f64 / (a_len + b_len) as f64
}

/// The score of two texts as a whole percentage: 100 only when they are identical.
pub(crate) fn percent(similarity: f64, identical: bool) -> u8 {
    if identical {
        return 100;
    }
    // Floor, so that a score shown as 75 is at least 75%; never 100 for different texts.
    ((similarity * 100.0).floor() as u8).min(99)
}

/// The tokens of one text, hashed: what [`Index::build`] numbers. Made apart from the
/// index so that many texts can be tokenised in parallel.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Tokens {
    hashes: Vec<u64>,
    /// With only some of the text's tokens kept ([`Tokens::from_keys`]): how many different
    /// tokens it has in all.
    all: Option<usize>,
}

impl Tokens {
    /// The tokens of a text whose keys were made before: all of them, or (with `wanted`,
    /// the tokens of the queries an index is built for) those among `wanted`, with the
    /// number of all its different tokens: an index of these scores those queries as an
    /// index of all the tokens would (a query shares no other token with the text, and only
    /// the size of the rest counts).
    pub fn from_keys(keys: TextKeys, wanted: Option<&rustc_hash::FxHashSet<u64>>) -> Tokens {
        match wanted {
            None => Tokens {
                hashes: keys.tokens,
                all: None,
            },
            Some(wanted) => Tokens {
                hashes: keys
                    .tokens
                    .into_iter()
                    .filter(|h| wanted.contains(h))
                    .collect(),
                all: Some(keys.distinct as usize),
            },
        }
    }
}

/// What indexing a text takes besides its figures: its tokens ([`token_hashes`]), how many
/// different ones, and the hashes of the text and of the text with its figures masked.
/// Made once when the text's document is planned and kept in the memory's cache (with its
/// figures), so that a sync that must index the whole memory does not tokenise every
/// remembered text again (issue 16 item 6).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct TextKeys {
    pub tokens: Vec<u64>,
    pub distinct: u32,
    pub exact: u64,
    /// `None` when the text has no figures.
    pub masked: Option<u64>,
}

impl TextKeys {
    pub fn of(text: &str, writing: Writing, found: &[Figure]) -> TextKeys {
        let (tokens, renamed) = token_hashes_renamed(text, writing, found);
        let distinct = if renamed {
            // A renamed repeat could, in theory, hash like another token.
            let mut sorted = tokens.clone();
            sorted.sort_unstable();
            sorted.dedup();
            sorted.len()
        } else {
            tokens.len()
        };
        TextKeys {
            tokens,
            distinct: offset(distinct),
            exact: stable_hash(text),
            masked: (!found.is_empty()).then(|| stable_hash(super::figures::mask(text, found))),
        }
    }
}

/// The [`TextKeys`] of a remembered unit's texts (`None` where it has no text in that
/// language).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct SourceKeys {
    pub original: Option<TextKeys>,
    pub pivot: Option<TextKeys>,
}

impl SourceKeys {
    /// The keys of a unit's texts, given their figures.
    pub(crate) fn of(
        original: Option<&str>,
        pivot: Option<&str>,
        found: &super::figures::SourceFigures,
        keys: &super::Keys,
    ) -> SourceKeys {
        SourceKeys {
            original: original.map(|t| TextKeys::of(t, keys.original.writing(), &found.original)),
            pivot: match (pivot, &keys.pivot) {
                (Some(text), Some(locale)) => {
                    Some(TextKeys::of(text, locale.writing(), &found.pivot))
                }
                _ => None,
            },
        }
    }
}

/// An inverted index over the texts of one language.
#[derive(Debug)]
pub(crate) struct Index {
    writing: Writing,
    /// Token hash → token id (dense, in order of first appearance).
    vocabulary: FxHashMap<u64, u32>,
    /// The texts holding token `t` are `posting_texts[posting_starts[t]..posting_starts[t + 1]]`,
    /// in increasing order.
    posting_starts: Vec<u32>,
    posting_texts: Vec<u32>,
    /// The sorted token ids of text `i` are `text_tokens[text_starts[i]..text_starts[i + 1]]`
    /// (none for a text absent from this language).
    text_starts: Vec<u32>,
    text_tokens: Vec<u32>,
    /// How many different tokens text `i` has (more than it keeps in `text_tokens` when
    /// built from [`Tokens::from_keys`] with wanted tokens).
    text_sizes: Vec<u32>,
    /// The fewest different tokens of any text in this language (`None`: no text): no hit
    /// is smaller, which bounds what a query can score ([`Index::could_reach`]).
    smallest: Option<u32>,
}

/// A text of the index that scored at least the threshold.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Hit {
    pub text: u32,
    pub similarity: f64,
}

/// A position in one of the index's flat arrays (the index holds fewer than 2³² tokens).
fn offset(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

impl Index {
    /// Indexes texts, numbered by their position (`None`: the unit has no text in this
    /// language).
    pub fn build(writing: Writing, texts: &[Option<Tokens>]) -> Index {
        let total: usize = texts.iter().flatten().map(|t| t.hashes.len()).sum();
        let mut vocabulary: FxHashMap<u64, u32> = FxHashMap::default();
        let mut text_starts = Vec::with_capacity(texts.len() + 1);
        let mut text_tokens: Vec<u32> = Vec::with_capacity(total);
        let mut text_sizes = Vec::with_capacity(texts.len());
        let mut smallest: Option<u32> = None;
        text_starts.push(0);
        let mut ids: Vec<u32> = Vec::new();
        for tokens in texts {
            let mut size = 0;
            if let Some(Tokens { hashes, all }) = tokens {
                ids.clear();
                ids.extend(hashes.iter().map(|&hash| {
                    let next = offset(vocabulary.len());
                    *vocabulary.entry(hash).or_insert(next)
                }));
                ids.sort_unstable();
                ids.dedup();
                text_tokens.extend_from_slice(&ids);
                size = all.unwrap_or(ids.len());
                let n = offset(size);
                smallest = Some(smallest.map_or(n, |m| m.min(n)));
            }
            text_sizes.push(offset(size));
            text_starts.push(offset(text_tokens.len()));
        }
        // Postings by counting: how many texts hold each token, then each text in order.
        let mut posting_starts = vec![0u32; vocabulary.len() + 1];
        for &token in &text_tokens {
            posting_starts[token as usize + 1] += 1;
        }
        for t in 1..posting_starts.len() {
            posting_starts[t] += posting_starts[t - 1];
        }
        let mut next = posting_starts.clone();
        let mut posting_texts = vec![0u32; text_tokens.len()];
        for (text, bounds) in text_starts.windows(2).enumerate() {
            for &token in &text_tokens[bounds[0] as usize..bounds[1] as usize] {
                let at = &mut next[token as usize];
                posting_texts[*at as usize] = offset(text);
                *at += 1;
            }
        }
        Index {
            writing,
            vocabulary,
            posting_starts,
            posting_texts,
            text_starts,
            text_tokens,
            text_sizes,
            smallest,
        }
    }

    /// How many different tokens text `id` has.
    fn size(&self, id: u32) -> usize {
        self.text_sizes.get(id as usize).map_or(0, |&n| n as usize)
    }

    /// The texts holding token `token`.
    fn postings(&self, token: u32) -> &[u32] {
        let t = token as usize;
        match (self.posting_starts.get(t), self.posting_starts.get(t + 1)) {
            (Some(&start), Some(&end)) => &self.posting_texts[start as usize..end as usize],
            _ => &[],
        }
    }

    /// The sorted token ids of text `id`.
    fn text(&self, id: u32) -> Option<&[u32]> {
        let i = id as usize;
        match (self.text_starts.get(i), self.text_starts.get(i + 1)) {
            (Some(&start), Some(&end)) => Some(&self.text_tokens[start as usize..end as usize]),
            _ => None,
        }
    }

    /// Whether a query whose tokens have these hashes ([`token_hashes`]) could get any hit
    /// from [`Index::search`] at `threshold` (0–1). False only when it cannot: a hit shares
    /// at most the query's `k` tokens this index knows and has at least the smallest text's
    /// size, so it scores at most `2k / (|query| + smallest)`.
    pub fn could_reach(&self, hashes: &[u64], threshold: f64) -> bool {
        let Some(smallest) = self.smallest else {
            return false;
        };
        if hashes.is_empty() {
            return false;
        }
        let known = hashes
            .iter()
            .filter(|h| self.vocabulary.contains_key(h))
            .count();
        if known == 0 {
            return false;
        }
        let threshold = threshold.clamp(0.01, 1.0);
        dice(known, hashes.len(), smallest as usize) + 1e-9 >= threshold
    }

    /// A query's token ids (sorted) and how many of its tokens the index has never seen.
    pub fn query(&self, text: &str, found: &[Figure]) -> Query {
        let mut unknown = 0;
        let mut ids: Vec<u32> = token_hashes(text, self.writing, found)
            .iter()
            .filter_map(|t| {
                let id = self.vocabulary.get(t).copied();
                unknown += usize::from(id.is_none());
                id
            })
            .collect();
        ids.sort_unstable();
        Query { ids, unknown }
    }

    /// Every text scoring at least `threshold` (0–1) against a query.
    pub fn search(&self, query: &Query, threshold: f64) -> Vec<Hit> {
        let Query { ids, unknown } = query;
        let (ids, unknown) = (ids, *unknown);
        let size = ids.len() + unknown;
        if size == 0 {
            return Vec::new();
        }
        let threshold = threshold.clamp(0.01, 1.0);
        let min_shared = (threshold * size as f64 / (2.0 - threshold)).ceil() as usize;
        let prefix = (size + 1).saturating_sub(min_shared.max(1));
        // Unknown tokens are the rarest of all (no text holds them): they fill the prefix
        // first.
        let known_prefix = prefix.saturating_sub(unknown);
        let mut by_rarity = ids.clone();
        by_rarity.sort_by_key(|&t| self.postings(t).len());
        // How many prefix tokens each candidate holds, counted in one pass over their
        // postings: with the query's other tokens that bounds what it can share, so most
        // candidates are dropped without comparing their tokens.
        let mut held = vec![0u16; self.text_sizes.len()];
        let mut candidates: Vec<u32> = Vec::new();
        for &token in by_rarity.iter().take(known_prefix) {
            for &text in self.postings(token) {
                if let Some(count) = held.get_mut(text as usize) {
                    if *count == 0 {
                        candidates.push(text);
                    }
                    *count = count.saturating_add(1);
                }
            }
        }
        candidates.sort_unstable();
        let rest = ids.len().saturating_sub(known_prefix);
        let lower = threshold / (2.0 - threshold) * size as f64;
        let upper = (2.0 - threshold) / threshold * size as f64;
        let mut hits = Vec::new();
        for candidate in candidates {
            let Some(other) = self.text(candidate) else {
                continue;
            };
            let other_size = self.size(candidate);
            let len = other_size as f64;
            if len < lower.floor() || len > upper.ceil() {
                continue;
            }
            let at_most = held.get(candidate as usize).map_or(0, |&n| usize::from(n)) + rest;
            if dice(at_most, size, other_size) + 1e-9 < threshold {
                continue;
            }
            let similarity = dice(shared(ids, other), size, other_size);
            if similarity + 1e-9 >= threshold {
                hits.push(Hit {
                    text: candidate,
                    similarity,
                });
            }
        }
        hits
    }

    /// The similarity of a query with text number `id` of the index.
    pub fn similarity(&self, query: &Query, id: u32) -> f64 {
        let Some(other) = self.text(id) else {
            return 0.0;
        };
        dice(
            shared(&query.ids, other),
            query.ids.len() + query.unknown,
            self.size(id),
        )
    }
}

/// A text looked up in an [`Index`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Query {
    ids: Vec<u32>,
    unknown: usize,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::memory::figures;

    fn index(texts: &[Option<&str>], writing: Writing) -> Index {
        let tokens: Vec<Option<Tokens>> = texts
            .iter()
            .map(|t| {
                t.map(|t| {
                    let keys = TextKeys::of(t, writing, &figures::figures(t, writing));
                    Tokens::from_keys(keys, None)
                })
            })
            .collect();
        Index::build(writing, &tokens)
    }

    fn score(a: &str, b: &str, writing: Writing) -> u8 {
        let index = index(&[Some(a)], writing);
        let query = index.query(b, &figures::figures(b, writing));
        percent(index.similarity(&query, 0), a == b)
    }

    #[test]
    fn figures_are_whole_tokens_and_eras_meet_years() {
        let a = tokens("令和7年5月に開催", Writing::Unspaced);
        assert!(a.contains(&"\u{E000}n:2025e0".to_owned()), "{a:?}");
        assert!(a.contains(&"\u{E000}mon:5".to_owned()));
        assert!(a.contains(&"開催".to_owned()));
        let b = tokens("held in May 2025", Writing::Spaced);
        assert!(b.contains(&"\u{E000}n:2025e0".to_owned()), "{b:?}");
        assert_eq!(
            tokens("the the", Writing::Spaced),
            vec!["the".to_owned(), "the\u{E001}2".to_owned()]
        );
    }

    #[test]
    fn scores_are_dice_percentages_and_only_identical_texts_score_100() {
        let ja = "令和6年4月1日に開催された会議の結果を公表します。";
        assert_eq!(score(ja, ja, Writing::Unspaced), 100);
        // Three figures changed out of about twenty tokens: still a close match.
        let changed = score(
            ja,
            "令和7年5月12日に開催された会議の結果を公表します。",
            Writing::Unspaced,
        );
        assert!((80..100).contains(&changed), "{changed}");
        let unrelated = score(
            ja,
            "電波利用料の見直しについて意見を募集します。",
            Writing::Unspaced,
        );
        assert!(unrelated < 40, "{unrelated}");
        // Spaced languages compare words: a reordering scores 99, not 100.
        assert_eq!(
            score(
                "the meeting was held",
                "was the meeting held",
                Writing::Spaced
            ),
            99
        );
        assert_eq!(score("a b c d", "a b c e", Writing::Spaced), 75);
    }

    #[test]
    fn search_finds_exactly_the_texts_above_the_threshold() {
        let texts = [
            "会議の結果を公表します。",
            "会議の結果を公表しました。",
            "電波利用料の見直し",
            "結果",
            "本日、会議の結果を公表します。なお、資料は後日掲載します。",
        ];
        let mut all: Vec<Option<&str>> = texts.iter().copied().map(Some).collect();
        all.push(None);
        let index = index(&all, Writing::Unspaced);
        let text = "会議の結果を公表します";
        let query = index.query(text, &figures::figures(text, Writing::Unspaced));
        for threshold in [0.3, 0.5, 0.75, 0.9] {
            let mut found: Vec<u32> = index
                .search(&query, threshold)
                .into_iter()
                .map(|h| h.text)
                .collect();
            found.sort_unstable();
            // Brute force over every text gives the same answer.
            let expected: Vec<u32> = (0..texts.len() as u32)
                .filter(|&id| index.similarity(&query, id) + 1e-9 >= threshold)
                .collect();
            assert_eq!(found, expected, "threshold {threshold}");
        }
    }
}
