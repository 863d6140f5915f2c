//! Inline changes inside one pair of segments, and the similarity score the matcher ranks
//! pairs by. Tokens follow the locale's writing (words for spaced languages, graphemes for
//! Japanese and Chinese) but numbers, times, dates and URLs are always whole tokens, so that
//! `3件 → 4件` or `4:00 p.m. → 5:00 p.m.` shows the figure as one changed token and reports
//! can flag it.

use rustc_hash::FxHashMap;
use serde::Serialize;
use similar::{Algorithm, DiffOp, capture_diff_slices};
use unicode_segmentation::UnicodeSegmentation;

use crate::figures::{self, is_digit};
use crate::locale::Writing;

/// Whether an inline piece is shared by both sides or only in one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum InlineTag {
    /// Shared by both sides.
    Equal,
    /// Only in the old text.
    Delete,
    /// Only in the new text.
    Insert,
}

/// What an inline piece is, so that a changed figure or link stands out in reports: a
/// wrong number in a published translation is the costliest kind of mistake.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TokenKind {
    /// Words, graphemes, punctuation and spaces.
    Text,
    /// Digits with their inner separators (`1,234.5`, `4:00`, `2020/05/01`), or a month or
    /// weekday name.
    Number,
    /// A web address.
    Url,
}

/// One inline piece. Changed numbers and URLs always get an op of their own with their kind;
/// everything else (and every `equal` op) has kind `text`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct InlineOp {
    /// Shared, deleted or inserted.
    pub op: InlineTag,
    /// The piece as written.
    pub text: String,
    /// Whether the piece is a figure, a URL or text.
    pub kind: TokenKind,
}

/// A changed number or URL: old and new token taken from the same changed run, either side
/// missing when the run lost or gained a figure.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FigureChange {
    /// The figure in the old text; `None` when the run gained one.
    pub old: Option<String>,
    /// The figure in the new text; `None` when the run lost one.
    pub new: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Token<'a> {
    text: &'a str,
    kind: TokenKind,
    space: bool,
    /// Characters the token counts for in a score: 0 for whitespace (see [`weight`]); a
    /// `u32` keeps the token at 24 bytes (a release's tokens are held by the thousand).
    weight: u32,
}

fn is_figure_separator(c: char) -> bool {
    matches!(c, '.' | ',' | ':' | '/' | '-' | '．' | '，' | '：' | '／')
}

/// Length in bytes of a figure starting at the beginning of `rest` (which starts with a digit):
/// digits, with separators only between digits.
fn figure_len(rest: &str) -> usize {
    let mut end = 0;
    let mut chars = rest.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        if is_digit(c) {
            end = at + c.len_utf8();
        } else if is_figure_separator(c) && chars.peek().is_some_and(|&(_, next)| is_digit(next)) {
            continue;
        } else if matches!(c, ' ' | '\u{a0}' | '\u{202f}' | '\u{2009}')
            && groups_of_three(&rest[at + c.len_utf8()..])
        {
            // Thousands grouped by a space (French `3 450`), as `figures` reads them.
            continue;
        } else {
            break;
        }
    }
    end
}

/// Whether `rest` starts with a minus sign of Japanese statistics (`▲`, `△`) before a digit.
fn signed(rest: &str) -> bool {
    let mut chars = rest.chars();
    matches!(chars.next(), Some('▲' | '△')) && chars.next().is_some_and(is_digit)
}

/// The length of `月27日` (a day after a month's number) at the start of `rest`, or 0.
fn month_day_len(rest: &str) -> usize {
    let Some(day) = rest.strip_prefix('月') else {
        return 0;
    };
    let digits: usize = day
        .chars()
        .take_while(|&c| is_digit(c))
        .map(char::len_utf8)
        .sum();
    if digits > 0 && day[digits..].starts_with('日') {
        '月'.len_utf8() + digits + '日'.len_utf8()
    } else {
        0
    }
}

/// Whether `rest` starts with exactly three digits (a group of thousands after a space).
fn groups_of_three(rest: &str) -> bool {
    let mut chars = rest.chars();
    (0..3).all(|_| chars.next().is_some_and(|c| c.is_ascii_digit()))
        && !chars.next().is_some_and(|c| c.is_ascii_digit())
}

pub(super) fn tokenize(text: &str, writing: Writing) -> Vec<Token<'_>> {
    // About one token per three bytes, whether graphemes of Japanese or words and spaces of
    // English: one allocation instead of a growing vector's several.
    let mut tokens = Vec::with_capacity(text.len() / 3 + 1);
    let mut at = 0;
    while let Some(first) = text[at..].chars().next() {
        let rest = &text[at..];
        let url = figures::url_len(rest.chars()).filter(|&len| len > 0);
        let (len, kind, space) = if let Some(len) = url {
            (len, TokenKind::Url, false)
        } else if is_digit(first) || signed(rest) {
            // `▲1.2` (a fall, in Japanese statistics) and `△0.6` keep their sign: a figure
            // whose sign changed changed.
            let sign = if is_digit(first) { 0 } else { first.len_utf8() };
            let len = sign + figure_len(&rest[sign..]);
            // A Japanese date, `3月27日`, is one figure: its month and day change together,
            // and a diff must not pair the day of one date with the month of the next.
            let date = month_day_len(&rest[len..]);
            let len = len + date;
            // `5G`, `4K` are names, not figures; an ordinal (`3rd`, `4th`, French `3e`, `1er`)
            // is a figure, as `第3回` is in Japanese, and so is a measure (`24.5km`). A date
            // ends at its `日` (`12月1日10:00` is a date, then a time).
            let tail = if date > 0 {
                0
            } else {
                rest[len..]
                    .find(|c: char| !c.is_ascii_alphanumeric())
                    .unwrap_or(rest.len() - len)
            };
            let suffix = &rest[len..len + tail];
            let ordinal = figures::is_ordinal_suffix(suffix);
            match tail {
                0 => (len, TokenKind::Number, false),
                _ if ordinal || figures::is_unit(suffix) => (len + tail, TokenKind::Number, false),
                tail => (len + tail, TokenKind::Text, false),
            }
        } else if first.is_whitespace() {
            (
                rest.find(|c: char| !c.is_whitespace())
                    .unwrap_or(rest.len()),
                TokenKind::Text,
                true,
            )
        } else if first.is_ascii_alphabetic()
            || (writing == Writing::Spaced && first.is_alphabetic())
        {
            // Digits glued to a word belong to it: `G20`, `FY2021`, `H2O` are names, not figures.
            let len = rest
                .find(|c: char| {
                    !(c.is_ascii_alphanumeric()
                        || (writing == Writing::Spaced && c.is_alphabetic()))
                })
                .unwrap_or(rest.len());
            let word = &rest[..len];
            // Month and weekday names change with the dates they belong to: figures too.
            let month = figures::MONTHS.iter().any(|m| m.eq_ignore_ascii_case(word))
                || figures::weekday(word).is_some();
            (
                len,
                if month {
                    TokenKind::Number
                } else {
                    TokenKind::Text
                },
                false,
            )
        } else {
            let len = rest
                .graphemes(true)
                .next()
                .map_or(first.len_utf8(), str::len);
            (len, TokenKind::Text, false)
        };
        tokens.push(Token {
            text: &rest[..len],
            kind,
            space,
            weight: if space {
                0
            } else {
                u32::try_from(rest[..len].chars().count()).unwrap_or(u32::MAX)
            },
        });
        at += len;
    }
    tokens
}

/// How many characters a token counts for in a score: whitespace counts for nothing, so that
/// scores mean the same for words and for graphemes.
fn weight(token: &Token<'_>) -> usize {
    token.weight as usize
}

/// The inline ops between two texts and their similarity in `0..=1`: twice the characters
/// (whitespace aside) in unchanged tokens over the characters of both sides, so that the
/// score means the same for words and for graphemes.
pub(crate) fn inline_diff(old: &str, new: &str, writing: Writing) -> (Vec<InlineOp>, f64) {
    let old_tokens = tokenize(old, writing);
    let new_tokens = tokenize(new, writing);
    let old_texts: Vec<&str> = old_tokens.iter().map(|t| t.text).collect();
    let new_texts: Vec<&str> = new_tokens.iter().map(|t| t.text).collect();
    let ops = capture_diff_slices(Algorithm::Myers, &old_texts, &new_texts);

    let mut chunks = Vec::new();
    for op in &ops {
        match *op {
            DiffOp::Equal { old_index, len, .. } => {
                let tokens = &old_tokens[old_index..old_index + len];
                chunks.push(Chunk::Equal(tokens.to_vec()));
            }
            _ => {
                let deleted = &old_tokens[op.old_range()];
                let inserted = &new_tokens[op.new_range()];
                match chunks.last_mut() {
                    Some(Chunk::Change(d, i)) => {
                        d.extend_from_slice(deleted);
                        i.extend_from_slice(inserted);
                    }
                    _ => chunks.push(Chunk::Change(deleted.to_vec(), inserted.to_vec())),
                }
            }
        }
    }
    let similarity = score_of(&ops, &old_tokens, &new_tokens, old == new);
    (flatten(absorb_short_equals(chunks, writing)), similarity)
}

/// The similarity of [`inline_diff`] alone, without building its ops: what the segment
/// matcher scores thousands of candidate pairs and groups with.
pub(crate) fn similarity(old: &str, new: &str, writing: Writing) -> f64 {
    similarity_of(&tokenize(old, writing), &tokenize(new, writing), old == new)
}

/// [`similarity`] of two tokenized texts (`same`: whether the texts are equal).
pub(super) fn similarity_of(old_tokens: &[Token<'_>], new_tokens: &[Token<'_>], same: bool) -> f64 {
    score_of(
        &token_diff(old_tokens, new_tokens),
        old_tokens,
        new_tokens,
        same,
    )
}

/// A text's tokens with each token's text numbered by an [`Interner`], so that the many
/// diffs the segment matcher runs compare integers rather than strings.
#[derive(Debug, Default)]
pub(super) struct Tokenized<'a> {
    pub(super) tokens: Vec<Token<'a>>,
    ids: Vec<u32>,
}

/// Numbers token texts: equal texts get equal numbers, within one matcher.
#[derive(Debug, Default)]
pub(super) struct Interner<'a> {
    ids: FxHashMap<&'a str, u32>,
}

impl<'a> Interner<'a> {
    #[cfg(test)]
    pub(super) fn tokenized(&mut self, text: &'a str, writing: Writing) -> Tokenized<'a> {
        self.numbered(tokenize(text, writing))
    }

    /// `tokens` (of [`tokenize`]) with their texts numbered: what [`Self::tokenized`] gives
    /// for their text, for tokens made elsewhere (on another thread).
    pub(super) fn numbered(&mut self, tokens: Vec<Token<'a>>) -> Tokenized<'a> {
        let ids = tokens
            .iter()
            .map(|t| {
                let next = u32::try_from(self.ids.len()).unwrap_or(u32::MAX);
                *self.ids.entry(t.text).or_insert(next)
            })
            .collect();
        Tokenized { tokens, ids }
    }
}

/// The score the segment matcher gives a pair: 0 when `new` states otherwise
/// ([`states_otherwise_of`]), else [`similarity_of`]. One diff serves both, which halves the
/// work on a release in which every figure changed (each pair there needs both).
pub(super) fn pair_score_of(old: &Tokenized<'_>, new: &Tokenized<'_>, same: bool) -> f64 {
    let ops = capture_diff_slices(Algorithm::Myers, &old.ids, &new.ids);
    if figure_gone(&old.tokens, &new.tokens) && wording_gone(&ops, &old.tokens) {
        0.0
    } else {
        score_of(&ops, &old.tokens, &new.tokens, same)
    }
}

/// The ordered diff of two token sequences, by their texts.
fn token_diff(old_tokens: &[Token<'_>], new_tokens: &[Token<'_>]) -> Vec<DiffOp> {
    let old_texts: Vec<&str> = old_tokens.iter().map(|t| t.text).collect();
    let new_texts: Vec<&str> = new_tokens.iter().map(|t| t.text).collect();
    capture_diff_slices(Algorithm::Myers, &old_texts, &new_texts)
}

/// Twice the weight of the unchanged tokens over the weight of both sides (see
/// [`inline_diff`]); two texts without weight score 1 when equal. When only figures changed
/// (the same wording around other numbers, dates or addresses: a date moved, a phone number
/// corrected, an amount updated), each figure counts as one character, as a figure is one
/// token: a long figure (`03-5253-5757`, `2026-04-01`) would otherwise outweigh the words
/// around it, and a line's corrected phone number would read as a different line.
fn score_of(ops: &[DiffOp], old_tokens: &[Token<'_>], new_tokens: &[Token<'_>], same: bool) -> f64 {
    let score = |weigh: &dyn Fn(&Token<'_>) -> usize| {
        let matched: usize = ops
            .iter()
            .filter_map(|op| match *op {
                DiffOp::Equal { old_index, len, .. } => Some(
                    old_tokens[old_index..old_index + len]
                        .iter()
                        .map(weigh)
                        .sum::<usize>(),
                ),
                _ => None,
            })
            .sum();
        let total: usize = old_tokens.iter().chain(new_tokens).map(weigh).sum();
        if total == 0 {
            if same { 1.0 } else { 0.0 }
        } else {
            2.0 * matched as f64 / total as f64
        }
    };
    let by_characters = score(&weight);
    if figures_only(old_tokens, new_tokens) {
        let by_figures = score(&|t: &Token<'_>| if is_figure(t) { 1 } else { weight(t) });
        by_characters.max(by_figures)
    } else {
        by_characters
    }
}

/// Whether two texts differ in their figures alone: the same words in the same order, some
/// wording at all, and a figure changed, added or dropped.
pub(super) fn figures_only(old_tokens: &[Token<'_>], new_tokens: &[Token<'_>]) -> bool {
    // Compared as they are walked: the matcher scores thousands of pairs, none copied.
    fn texts<'t, 'a>(tokens: &'t [Token<'a>], figures: bool) -> impl Iterator<Item = &'a str> + 't {
        tokens
            .iter()
            .filter(move |t| !t.space && is_figure(t) == figures)
            .map(|t| t.text)
    }
    texts(old_tokens, false).next().is_some()
        && texts(old_tokens, false).eq(texts(new_tokens, false))
        && texts(old_tokens, true).ne(texts(new_tokens, true))
}

/// Similarity that ignores order: shared tokens (as a multiset, weighted like
/// [`inline_diff`]'s score) over all tokens. Splits and merges often move a clause across
/// the cut, which an order-preserving score undervalues.
pub(crate) fn bag_similarity(old: &str, new: &str, writing: Writing) -> f64 {
    bag_similarity_of(&tokenize(old, writing), &tokenize(new, writing))
}

/// [`bag_similarity`] of two tokenized texts.
pub(super) fn bag_similarity_of(old_tokens: &[Token<'_>], new_tokens: &[Token<'_>]) -> f64 {
    let score = |weigh: &dyn Fn(&Token<'_>) -> usize| {
        let mut counts: FxHashMap<&str, isize> = FxHashMap::default();
        old_tokens
            .iter()
            .filter(|t| !t.space)
            .for_each(|t| *counts.entry(t.text).or_default() += 1);
        let mut matched = 0;
        for token in new_tokens.iter().filter(|t| !t.space) {
            if let Some(count) = counts.get_mut(token.text).filter(|c| **c > 0) {
                *count -= 1;
                matched += weigh(token);
            }
        }
        let total: usize = old_tokens.iter().chain(new_tokens).map(weigh).sum();
        if total == 0 {
            0.0
        } else {
            2.0 * matched as f64 / total as f64
        }
    };
    let by_characters = score(&weight);
    // Weighted as the ordered score is when only figures changed, so that it is never above
    // this one (a figure added to `年` scores 2/3 there, not 1/2).
    if figures_only(old_tokens, new_tokens) {
        by_characters.max(score(&|t: &Token<'_>| {
            if is_figure(t) { 1 } else { weight(t) }
        }))
    } else {
        by_characters
    }
}

/// Whether two texts have the same words in the same order, setting case, spacing and
/// punctuation aside: what a segment must keep to be recognised after a long move.
pub fn same_wording(a: &str, b: &str) -> bool {
    fn letters(text: &str) -> impl Iterator<Item = char> + '_ {
        text.chars()
            .filter(|c| c.is_alphanumeric())
            .flat_map(char::to_lowercase)
    }
    letters(a).eq(letters(b))
}

/// Whether `new` says something else than `old` instead of revising it: a figure of the old
/// text (number, date, URL) is gone *and* so is some of its wording. An editor updating a
/// statistic keeps the sentence around it (perhaps adding to it: "20 countries" → "21
/// countries and regions"), and one rewording a sentence keeps its figures; a sentence whose
/// figures and words were both replaced is a different statement, typically a sibling written
/// from the same pattern ("A total of 659 comments were submitted to the demonstration
/// project." and "A total of 351 comments were submitted to the meeting."). Pairing those
/// would pass the translation of one statement off as that of the other.
pub(crate) fn states_otherwise(old: &str, new: &str, writing: Writing) -> bool {
    states_otherwise_of(&tokenize(old, writing), &tokenize(new, writing))
}

/// [`states_otherwise`] of two tokenized texts.
pub(super) fn states_otherwise_of(old_tokens: &[Token<'_>], new_tokens: &[Token<'_>]) -> bool {
    figure_gone(old_tokens, new_tokens)
        && wording_gone(&token_diff(old_tokens, new_tokens), old_tokens)
}

fn is_figure(token: &Token<'_>) -> bool {
    matches!(token.kind, TokenKind::Number | TokenKind::Url)
}

/// Whether a figure of the old text is missing from the new one (counted as a multiset).
fn figure_gone(old_tokens: &[Token<'_>], new_tokens: &[Token<'_>]) -> bool {
    let mut figures: FxHashMap<&str, isize> = FxHashMap::default();
    for t in old_tokens.iter().filter(|t| is_figure(t)) {
        *figures.entry(t.text).or_default() += 1;
    }
    for t in new_tokens.iter().filter(|t| is_figure(t)) {
        *figures.entry(t.text).or_default() -= 1;
    }
    figures.values().any(|&count| count > 0)
}

/// Whether a changed run of the diff drops wording: two or more letters of words. A lone
/// grapheme changing next to a figure (`（木）` → `（金）`, `30分` → ``) goes with the figure.
fn wording_gone(ops: &[DiffOp], old_tokens: &[Token<'_>]) -> bool {
    ops.iter().any(|op| {
        let dropped: usize = old_tokens[op.old_range()]
            .iter()
            .filter(|t| !is_figure(t) && t.text.chars().any(char::is_alphanumeric))
            .map(weight)
            .sum();
        !matches!(op, DiffOp::Equal { .. }) && dropped >= 2
    })
}

enum Chunk<'a> {
    Equal(Vec<Token<'a>>),
    Change(Vec<Token<'a>>, Vec<Token<'a>>),
}

impl Chunk<'_> {
    fn is_plain_change(&self) -> bool {
        let plain = |tokens: &[Token<'_>]| tokens.iter().all(|t| t.kind == TokenKind::Text);
        matches!(self, Chunk::Change(d, i) if plain(d) && plain(i))
    }
}

/// Folds a tiny unchanged piece between two changes into them (a lone space between two
/// replaced words, a lone particle between two rewritten Japanese phrases), which reads far
/// better than a comb of one-character matches. Never done around figures: they must stay
/// separate ops.
fn absorb_short_equals(chunks: Vec<Chunk<'_>>, writing: Writing) -> Vec<Chunk<'_>> {
    let short = |tokens: &[Token<'_>]| {
        let visible: usize = tokens.iter().map(weight).sum();
        match writing {
            Writing::Spaced => visible == 0,
            Writing::Unspaced => visible <= 1 && tokens.iter().all(|t| t.kind == TokenKind::Text),
        }
    };
    let mut out: Vec<Chunk<'_>> = Vec::with_capacity(chunks.len());
    let mut iter = chunks.into_iter().peekable();
    while let Some(chunk) = iter.next() {
        let foldable = matches!(&chunk, Chunk::Equal(tokens) if short(tokens))
            && out.last().is_some_and(Chunk::is_plain_change)
            && iter.peek().is_some_and(Chunk::is_plain_change);
        if let (true, Chunk::Equal(glue), Some(Chunk::Change(d, i)), Some(Chunk::Change(nd, ni))) =
            (foldable, &chunk, out.last_mut(), iter.peek())
        {
            d.extend_from_slice(glue);
            d.extend_from_slice(nd);
            i.extend_from_slice(glue);
            i.extend_from_slice(ni);
            iter.next();
            continue;
        }
        out.push(chunk);
    }
    out
}

/// Turns chunks into ops: runs of plain tokens coalesce, each figure gets its own op.
fn flatten(chunks: Vec<Chunk<'_>>) -> Vec<InlineOp> {
    let mut ops: Vec<InlineOp> = Vec::new();
    let mut push = |op: InlineTag, token: &Token<'_>| {
        let kind = if op == InlineTag::Equal {
            TokenKind::Text
        } else {
            token.kind
        };
        match ops.last_mut() {
            Some(last)
                if last.op == op && kind == TokenKind::Text && last.kind == TokenKind::Text =>
            {
                last.text.push_str(token.text);
            }
            _ => ops.push(InlineOp {
                op,
                text: token.text.to_owned(),
                kind,
            }),
        }
    };
    for chunk in &chunks {
        match chunk {
            Chunk::Equal(tokens) => tokens.iter().for_each(|t| push(InlineTag::Equal, t)),
            Chunk::Change(deleted, inserted) => {
                deleted.iter().for_each(|t| push(InlineTag::Delete, t));
                inserted.iter().for_each(|t| push(InlineTag::Insert, t));
            }
        }
    }
    ops
}

/// The figures (numbers, URLs) that changed in `ops`, paired in order within each changed
/// run. A value deleted in one place of `whole` and inserted in another (a clause moved
/// across a split, a figure repeated) did not change and is left out; `whole` is the diff
/// that `ops` is a share of, or `ops` itself.
pub fn figure_changes(ops: &[InlineOp], whole: &[InlineOp]) -> Vec<FigureChange> {
    let values = |tag: InlineTag| -> std::collections::HashSet<&str> {
        whole
            .iter()
            .filter(|op| op.op == tag && op.kind != TokenKind::Text)
            .map(|op| op.text.as_str())
            .collect()
    };
    let (all_deleted, all_inserted) = (values(InlineTag::Delete), values(InlineTag::Insert));
    let mut out = Vec::new();
    let mut run = FigureRun::default();
    for op in ops {
        match (op.op, op.kind) {
            (InlineTag::Equal, _)
                if run.is_open() && run.joiner.is_none() && joins_figures(&op.text) =>
            {
                run.joiner = Some(&op.text);
            }
            (InlineTag::Equal, _) => {
                run.flush(&mut out, &all_deleted, &all_inserted, Some(&op.text));
            }
            // A unit changed with the figure (`30分` → ``) belongs to its expression.
            (tag, TokenKind::Text) if run.is_open() && joins_figures(&op.text) => {
                run.unit(tag, &op.text);
            }
            (_, TokenKind::Text) => {}
            (tag, _) => run.push(tag, &op.text),
        }
    }
    run.flush(&mut out, &all_deleted, &all_inserted, None);
    out
}

/// Unchanged text that holds the parts of one date, time or amount together (`月` in
/// `5月31日`, `:` in `10:30`, the space in `May 31`), so that changed parts on both sides of
/// it are one figure change.
fn joins_figures(text: &str) -> bool {
    let count = text.chars().count();
    (1..=2).contains(&count) && text.chars().all(is_figure_unit)
}

/// Characters of date, time and amount expressions between or after their numbers.
fn is_figure_unit(c: char) -> bool {
    matches!(
        c,
        '年' | '月' | '日' | '時' | '分' | '秒' | ':' | '：' | '/' | '／' | '.' | '．' | ' '
    )
}

/// The changed figures of one changed run, and, when a joiner stood between two of them,
/// the whole expression on each side.
#[derive(Debug, Default)]
struct FigureRun<'a> {
    deleted: Vec<&'a str>,
    inserted: Vec<&'a str>,
    /// The expression as written on each side, joiners included.
    old: String,
    new: String,
    /// An unchanged joiner seen after a changed figure; it joins the run when another
    /// changed figure follows.
    joiner: Option<&'a str>,
    joined: bool,
}

impl<'a> FigureRun<'a> {
    fn is_open(&self) -> bool {
        !(self.deleted.is_empty() && self.inserted.is_empty())
    }

    fn unit(&mut self, tag: InlineTag, text: &str) {
        if self.joiner.is_some() {
            return;
        }
        if tag == InlineTag::Delete {
            self.old.push_str(text);
        } else {
            self.new.push_str(text);
        }
    }

    fn push(&mut self, tag: InlineTag, text: &'a str) {
        if let Some(joiner) = self.joiner.take() {
            self.old.push_str(joiner);
            self.new.push_str(joiner);
            self.joined = true;
        }
        if tag == InlineTag::Delete {
            self.deleted.push(text);
            self.old.push_str(text);
        } else {
            self.inserted.push(text);
            self.new.push_str(text);
        }
    }

    /// Ends the run before unchanged `next`: one change for a joined expression (with the
    /// unit that closes it, `日` of `5月31日`), else the figures paired in order; a value
    /// deleted in one place and inserted in another did not change.
    fn flush(
        &mut self,
        out: &mut Vec<FigureChange>,
        all_deleted: &std::collections::HashSet<&str>,
        all_inserted: &std::collections::HashSet<&str>,
        next: Option<&str>,
    ) {
        let mut run = std::mem::take(self);
        if run.joined {
            let unit = run.joiner.or(next).and_then(|text| {
                text.chars()
                    .next()
                    .filter(|&c| is_figure_unit(c) && c != ' ')
                    .map(|c| &text[..c.len_utf8()])
            });
            if let Some(unit) = unit {
                run.old.push_str(unit);
                run.new.push_str(unit);
            }
            out.push(FigureChange {
                old: (!run.deleted.is_empty()).then_some(run.old),
                new: (!run.inserted.is_empty()).then_some(run.new),
            });
            return;
        }
        run.deleted.retain(|v| !all_inserted.contains(v));
        run.inserted.retain(|v| !all_deleted.contains(v));
        for k in 0..run.deleted.len().max(run.inserted.len()) {
            out.push(FigureChange {
                old: run.deleted.get(k).map(|s| (*s).to_owned()),
                new: run.inserted.get(k).map(|s| (*s).to_owned()),
            });
        }
    }
}

/// Which side of a diff holds the pieces of a split or merge.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Along {
    Old,
    New,
}

/// Cuts the ops of `text ↔ pieces joined by joiner` into one list per piece, along the side
/// that holds the pieces, so that each entry of a split or merge carries its own share of the
/// changes and all shares together read as the whole diff. Ops of the other side that fall on
/// a boundary go to the earlier piece; the joiner itself belongs to no piece.
pub(crate) fn slice_ops(
    ops: &[InlineOp],
    pieces: &[&str],
    joiner: &str,
    along: Along,
) -> Vec<Vec<InlineOp>> {
    let mut ranges = Vec::with_capacity(pieces.len());
    let mut at = 0;
    for (k, piece) in pieces.iter().enumerate() {
        if k > 0 {
            at += joiner.len();
        }
        ranges.push(at..at + piece.len());
        at += piece.len();
    }
    let mut out: Vec<Vec<InlineOp>> = vec![Vec::new(); pieces.len()];
    let mut pos = 0;
    for op in ops {
        let consumes = match op.op {
            InlineTag::Equal => true,
            InlineTag::Delete => along == Along::Old,
            InlineTag::Insert => along == Along::New,
        };
        if !consumes {
            let k = ranges
                .iter()
                .position(|r| pos <= r.end)
                .unwrap_or(pieces.len().saturating_sub(1));
            if let Some(list) = out.get_mut(k) {
                list.push(op.clone());
            }
            continue;
        }
        let start = pos;
        pos += op.text.len();
        let cut = |a: usize, b: usize| {
            op.text
                .get(a.max(start) - start..b.min(pos) - start)
                .filter(|t| !t.is_empty())
        };
        for (k, (list, range)) in out.iter_mut().zip(&ranges).enumerate() {
            if range.start < pos && range.end > start {
                if let Some(text) = cut(range.start, range.end) {
                    list.push(InlineOp {
                        op: op.op,
                        text: text.to_owned(),
                        kind: op.kind,
                    });
                }
            }
            // Unchanged text where the pieces were cut apart (the space between two
            // sentences) exists only on the other side now.
            let joint = range.end..ranges.get(k + 1).map_or(range.end, |next| next.start);
            if op.op == InlineTag::Equal && joint.start < pos && joint.end > start {
                if let Some(text) = cut(joint.start, joint.end) {
                    let other = if along == Along::New {
                        InlineTag::Delete
                    } else {
                        InlineTag::Insert
                    };
                    list.push(InlineOp {
                        op: other,
                        text: text.to_owned(),
                        kind: TokenKind::Text,
                    });
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The figures of a text as the diff reads them, whole.
    fn figures_of(text: &str) -> Vec<&str> {
        tokenize(text, Writing::Unspaced)
            .into_iter()
            .filter(|t| t.kind == TokenKind::Number)
            .map(|t| t.text)
            .collect()
    }

    #[test]
    fn dates_measures_and_signed_figures_are_whole() {
        assert_eq!(figures_of("12月1日10:00現在"), ["12月1日", "10:00"]);
        assert_eq!(figures_of("約24.5km、4.9GHz帯"), ["24.5km", "4.9GHz"]);
        assert_eq!(figures_of("前年同月比▲1.2％、△0.6"), ["▲1.2", "△0.6"]);
        assert_eq!(figures_of("5G基地局"), Vec::<&str>::new());
        assert_eq!(figures_of("第3回"), ["3"]);
    }

    /// The same wording around other figures is an edit, however long the figures.
    #[test]
    fn a_changed_figure_counts_as_one_token_when_the_wording_is_the_same() {
        let score = similarity(
            "電話：03-5253-5757",
            "電話：03-5253-5758",
            Writing::Unspaced,
        );
        assert!(score >= 0.75 - 1e-9, "{score}");
        // Different wording keeps the character count.
        let score = similarity("電話：03-5253-5757", "内線：5758", Writing::Unspaced);
        assert!(score < 0.5, "{score}");
    }

    proptest! {
        /// The matcher's score is exactly the one the report's inline diff shows.
        #[test]
        fn similarity_alone_is_the_inline_diffs(
            old in "[a-c 0-9令和年。、]{0,24}",
            new in "[a-c 0-9令和年。、]{0,24}",
        ) {
            for writing in [Writing::Spaced, Writing::Unspaced] {
                let ordered = similarity(&old, &new, writing);
                prop_assert_eq!(ordered, inline_diff(&old, &new, writing).1);
                // The matcher scores splits and merges by the order-free score alone,
                // since it is never below the ordered one.
                prop_assert!(old == new || bag_similarity(&old, &new, writing) >= ordered - 1e-12);
            }
        }

        /// The matcher's one-diff pair score (over interned tokens) is the two questions it
        /// stands for, asked apart over the token texts: 0 for a text that states
        /// otherwise, else the similarity.
        #[test]
        fn pair_score_is_states_otherwise_then_similarity(
            old in "[a-c 0-9令和年月。、]{0,24}",
            new in "[a-c 0-9令和年月。、]{0,24}",
        ) {
            for writing in [Writing::Spaced, Writing::Unspaced] {
                let mut interner = Interner::default();
                let (a, b) = (interner.tokenized(&old, writing), interner.tokenized(&new, writing));
                let apart = if states_otherwise(&old, &new, writing) {
                    0.0
                } else {
                    similarity(&old, &new, writing)
                };
                prop_assert_eq!(pair_score_of(&a, &b, old == new), apart);
            }
        }
    }
}
