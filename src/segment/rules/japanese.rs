//! Japanese sentence rules: full-width terminals, quotation and parenthesis brackets that
//! hold whole sentences, and the Latin text, numbers and URLs that press releases embed.

use super::Rules;
use crate::locale::Writing;

/// Japanese as written in ministry press releases.
///
/// A sentence ends right after `。．！？` (and `!?` after Japanese text) plus any closing
/// brackets, with no space needed. Inside a matched bracket nothing ends, so
/// `「…。…。」と述べた。` and `（以下「本プラン」といいます。）を策定しました。` stay whole.
/// The ASCII full stop is not a terminal: in Japanese text it belongs to Latin abbreviations,
/// numbers, versions and URLs (`U.S.`, `Ver.2.0`, `www.soumu.go.jp`), and `1.）` markers.
/// `…` and `……` never end a sentence by themselves (a `。` follows when one ends).
/// Inline enumerations (`①…、②…`, `（１）…こと、（２）…こと`) are parts of one sentence.
pub static JAPANESE: Rules = Rules {
    writing: Writing::Unspaced,
    terminals: &['。', '．', '！', '？', '!', '?', '｡', '‼', '⁇', '⁈', '⁉'],
    infix_terminals: &['．'],
    ascii_marks_need_native: true,
    closers: &[
        '」', '』', '）', '】', '〕', '〉', '》', '］', '｝', '〙', '〛', '”', '’', '"', '\'', ')',
        ']',
    ],
    openers: &[],
    open_brackets: &[
        '「', '『', '（', '【', '〔', '〈', '《', '［', '｛', '〘', '〚', '“', '(', '[',
    ],
    close_brackets: &[
        '」', '』', '）', '】', '〕', '〉', '》', '］', '｝', '〙', '〛', '”', ')', ']',
    ],
    bullets: &[],
    split_enumerations: false,
    prepositive: &[],
    abbreviations: &[],
    figure_abbreviations: &[],
    units: &[],
    ordinal_stops: false,
    time_abbreviations: &[],
    sentence_starters: &[],
    // Hiragana (particles such as と, の, は, を) and commas continue a sentence after a
    // quoted one: `「…。」と述べた。`.
    continuations: &[
        ('\u{3041}', '\u{309F}'),
        ('、', '、'),
        ('，', '，'),
        (',', ','),
    ],
};
