//! Brackets and quotation marks a translation leaves open (or closes before opening), when
//! every source has them balanced.

use super::facts::PairKind;
use super::{Check, Entry, Problem};

/// One kind of paired punctuation and how to tell it is balanced.
pub(crate) struct Pairs {
    id: &'static str,
    message: &'static str,
    kind: PairKind,
}

/// `brackets`: round, square and Japanese brackets.
pub(crate) const BRACKETS: Pairs = Pairs {
    id: "brackets",
    message: "unbalanced brackets",
    kind: PairKind::Brackets,
};

/// `quotes`: straight, curly and angle quotation marks.
pub(crate) const QUOTES: Pairs = Pairs {
    id: "quotes",
    message: "unbalanced quotation marks",
    kind: PairKind::Quotes,
};

impl Check for Pairs {
    fn ids(&self) -> &[&'static str] {
        std::slice::from_ref(&self.id)
    }

    fn run(&self, entry: &Entry<'_>, out: &mut Vec<Problem>) {
        let Some(translation) = entry.text() else {
            return;
        };
        if !self.kind.balanced(translation)
            && entry
                .sources
                .iter()
                .all(|s| s.facts.balanced(self.kind, s.text))
        {
            out.push(Problem::warning(self.id, self.message));
        }
    }
}

const BRACKET_PAIRS: [(char, char); 7] = [
    ('(', ')'),
    ('（', '）'),
    ('[', ']'),
    ('「', '」'),
    ('『', '』'),
    ('【', '】'),
    ('〔', '〕'),
];

/// Whether each bracket pair opens before it closes and closes as often as it opens: one
/// pass over the bytes for all the pairs. A bracket is ASCII or a three-byte char led by
/// 0xE3 (`「」『』【】〔〕`) or 0xEF (`（）`); no other byte starts one, and those lead bytes
/// never occur inside another char, so only they are decoded.
pub(crate) fn brackets_balanced(text: &str) -> bool {
    let bytes = text.as_bytes();
    let mut depth = [0i64; BRACKET_PAIRS.len()];
    let mut i = 0;
    while i < bytes.len() {
        let c = match bytes[i] {
            b @ (b'(' | b')' | b'[' | b']') => {
                i += 1;
                char::from(b)
            }
            0xE3 | 0xEF => {
                let c = text.get(i..i + 3).and_then(|s| s.chars().next());
                i += 3;
                match c {
                    Some(c) => c,
                    None => continue,
                }
            }
            _ => {
                i += 1;
                continue;
            }
        };
        for (depth, &(open, close)) in depth.iter_mut().zip(&BRACKET_PAIRS) {
            if c == open {
                *depth += 1;
            } else if c == close {
                *depth -= 1;
                if *depth < 0 {
                    return false;
                }
            }
        }
    }
    depth.iter().all(|&d| d == 0)
}

/// Straight double quotes come in pairs; curly and angle quotes open and close, in the
/// conventions of the languages translated into: English `“…”`, German `„…“` and `»…«`,
/// Polish `„…”`, French `«…»`. Each opens before it closes and every one is closed.
pub(crate) fn quotes_balanced(text: &str) -> bool {
    if text.bytes().filter(|&b| b == b'"').count() % 2 != 0 {
        return false;
    }
    // Every curly or angle quote is led by 0xC2 (`«»`) or 0xE2 (`„“”`): a text with neither
    // byte is balanced once its straight quotes pair.
    if !text.bytes().any(|b| b == 0xC2 || b == 0xE2) {
        return true;
    }
    let mut open: Vec<char> = Vec::new();
    for c in text.chars() {
        match c {
            '„' => open.push(c),
            // Closes German `»…«`, else opens French `«…»`.
            '«' if open.last() == Some(&'»') => {
                open.pop();
            }
            // Closes German `„…“`, else opens English `“…”`.
            '“' if open.last() == Some(&'„') => {
                open.pop();
            }
            '“' => open.push(c),
            '”' if matches!(open.last(), Some('“' | '„')) => {
                open.pop();
            }
            '”' => return false,
            // Closes French `«…»`, else opens German `»…«`.
            '»' if open.last() == Some(&'«') => {
                open.pop();
            }
            '»' => open.push(c),
            '«' => open.push(c),
            _ => {}
        }
    }
    open.is_empty()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn balance() {
        assert!(brackets_balanced("a (b) 「c」"));
        assert!(!brackets_balanced("a (b"));
        assert!(!brackets_balanced(") a ("));
        assert!(quotes_balanced("\"a\" « b »"));
        assert!(!quotes_balanced("\"a"));
        assert!(quotes_balanced("“English” „Deutsch“ »Deutsch« „polski”"));
        assert!(!quotes_balanced("„offen"));
        assert!(!quotes_balanced("” before “"));
        assert!(!quotes_balanced("« ouvert"));
        assert!(!brackets_balanced("(a] [b)c"), "`]` closes before it opens");
        assert!(brackets_balanced("([)]"), "pairs are counted apart, not nested");
        assert!(!brackets_balanced("「a」」「"));
    }

    /// Every char against every pair, as the one pass was first written.
    fn pairs_balanced(text: &str, pairs: &[(char, char)]) -> bool {
        let mut depth = [0i64; 8];
        for c in text.chars() {
            if c.is_ascii_alphanumeric() || c == ' ' {
                continue;
            }
            for (depth, &(open, close)) in depth.iter_mut().zip(pairs) {
                if c == open {
                    *depth += 1;
                } else if c == close {
                    *depth -= 1;
                    if *depth < 0 {
                        return false;
                    }
                }
            }
        }
        depth.iter().all(|&d| d == 0)
    }

    /// The quotes read char by char, every text, as the check was first written.
    fn quotes_by_chars(text: &str) -> bool {
        if text.bytes().filter(|&b| b == b'"').count() % 2 != 0 {
            return false;
        }
        let mut open: Vec<char> = Vec::new();
        for c in text.chars() {
            match c {
                '„' => open.push(c),
                '«' if open.last() == Some(&'»') => {
                    open.pop();
                }
                '“' if open.last() == Some(&'„') => {
                    open.pop();
                }
                '“' => open.push(c),
                '”' if matches!(open.last(), Some('“' | '„')) => {
                    open.pop();
                }
                '”' => return false,
                '»' if open.last() == Some(&'«') => {
                    open.pop();
                }
                '»' | '«' => open.push(c),
                _ => {}
            }
        }
        open.is_empty()
    }

    /// Each pair counted in its own pass over the text, as the check was first written.
    fn pair_by_pair(text: &str, pairs: &[(char, char)]) -> bool {
        pairs.iter().all(|&(open, close)| {
            let mut depth = 0i64;
            for c in text.chars() {
                if c == open {
                    depth += 1;
                } else if c == close {
                    depth -= 1;
                    if depth < 0 {
                        return false;
                    }
                }
            }
            depth == 0
        })
    }

    proptest::proptest! {
        /// The one pass finds what one pass per pair finds.
        #[test]
        fn one_pass_agrees_with_pair_by_pair(text in "[a 1()\\[\\]（）「」『』【】〔〕“”«»\"]{0,24}") {
            proptest::prop_assert_eq!(
                brackets_balanced(&text),
                pair_by_pair(&text, &BRACKET_PAIRS)
            );
        }

        /// The byte scans read what the char-by-char readers read, in any text: brackets
        /// among other three-byte chars led by the same bytes (`ぁ`, `ｱ`, `【`), quotes among
        /// other chars led by 0xC2 and 0xE2 (`é`, `—`).
        #[test]
        fn byte_scans_agree_with_char_scans(
            text in "[a 1()\\[\\]（）「」『』【】〔〕“”«»„\"ぁ〇ｱ＠é—€\u{a0}\u{3000}漢]{0,32}"
        ) {
            proptest::prop_assert_eq!(
                brackets_balanced(&text),
                pairs_balanced(&text, &BRACKET_PAIRS)
            );
            proptest::prop_assert_eq!(quotes_balanced(&text), quotes_by_chars(&text));
        }

        /// English quotes alone read as they always did: opened, then closed.
        #[test]
        fn english_quotes_open_then_close(text in "[a 1“”\"]{0,24}") {
            let quotes = text.chars().filter(|&c| c == '"').count() % 2 == 0
                && pair_by_pair(&text, &[('“', '”')]);
            proptest::prop_assert_eq!(quotes_balanced(&text), quotes);
        }
    }
}
