//! Brackets and quotation marks a translation leaves open (or closes before opening), when
//! every source has them balanced.

use super::{Check, Entry, Problem};

/// One kind of paired punctuation and how to tell it is balanced.
pub(crate) struct Pairs {
    id: &'static str,
    message: &'static str,
    balanced: fn(&str) -> bool,
}

/// `brackets`: round, square and Japanese brackets.
pub(crate) const BRACKETS: Pairs = Pairs {
    id: "brackets",
    message: "unbalanced brackets",
    balanced: brackets_balanced,
};

/// `quotes`: straight, curly and angle quotation marks.
pub(crate) const QUOTES: Pairs = Pairs {
    id: "quotes",
    message: "unbalanced quotation marks",
    balanced: quotes_balanced,
};

impl Check for Pairs {
    fn ids(&self) -> &[&'static str] {
        std::slice::from_ref(&self.id)
    }

    fn run(&self, entry: &Entry<'_>, out: &mut Vec<Problem>) {
        let Some(translation) = entry.text() else {
            return;
        };
        if entry.sources.iter().all(|s| (self.balanced)(s.text)) && !(self.balanced)(translation) {
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

fn pairs_balanced(text: &str, pairs: &[(char, char)]) -> bool {
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

fn brackets_balanced(text: &str) -> bool {
    pairs_balanced(text, &BRACKET_PAIRS)
}

/// Straight double quotes come in pairs; curly and angle quotes open and close.
fn quotes_balanced(text: &str) -> bool {
    text.chars().filter(|&c| c == '"').count() % 2 == 0
        && pairs_balanced(text, &[('“', '”'), ('«', '»')])
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
    }
}
