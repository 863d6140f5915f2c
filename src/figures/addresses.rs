//! Addresses in running text: URLs, e-mail addresses and phone numbers, found whole so that
//! a stage compares them as units (QA, the inline diff) or keys on them (alignment anchors,
//! the memory's figures) and keeps their digits out of the numbers it reads. Every stage
//! reads them here; phone numbers by [`super::phone`].

use std::ops::Range;

/// Whether `c` may stand inside a URL written in running text: ASCII, visible, and not a
/// quotation mark, bracket, comma or semicolon (which close a URL in prose far more often
/// than they belong to one).
fn in_url(c: char) -> bool {
    c.is_ascii_graphic()
        && !matches!(
            c,
            '"' | '\'' | '<' | '>' | '(' | ')' | '[' | ']' | '{' | '}' | ',' | ';'
        )
}

/// Punctuation that ends the sentence around a URL or an address rather than belonging to it.
fn closes_sentence(c: char) -> bool {
    matches!(c, '.' | ':' | '!' | '?')
}

/// The length of the URL that `rest` starts with, if it starts with one: `http://`,
/// `https://` or `www.` in any case, then the characters [`in_url`] allows, without the
/// punctuation of the sentence after it. A URL is ASCII, so the length is in characters and
/// in bytes alike. Every stage that meets URLs (alignment anchors, the inline diff, QA)
/// reads them here.
pub(crate) fn url_len(rest: impl Iterator<Item = char> + Clone) -> Option<usize> {
    if !matches!(rest.clone().next(), Some('h' | 'H' | 'w' | 'W')) {
        return None;
    }
    let starts = |prefix: &str| {
        rest.clone()
            .zip(prefix.chars())
            .filter(|(c, p)| c.eq_ignore_ascii_case(p))
            .count()
            == prefix.len()
    };
    if !(starts("http://") || starts("https://") || starts("www.")) {
        return None;
    }
    let mut len = 0;
    let mut kept = 0;
    for c in rest.take_while(|&c| in_url(c)) {
        len += 1;
        if !closes_sentence(c) {
            kept = len;
        }
    }
    Some(kept)
}

/// Whether `c` may stand in the mailbox part of an e-mail address.
pub(crate) fn in_mailbox(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '%' | '+' | '-')
}

/// The length of the e-mail address that `rest` starts with, if it starts with one: a
/// mailbox ([`in_mailbox`]), `@`, and a domain with a dot in it, without the dots and
/// hyphens that end it (a full stop after the address). ASCII, so characters and bytes
/// alike; every stage reads addresses here.
pub(crate) fn email_len(rest: impl Iterator<Item = char> + Clone) -> Option<usize> {
    let mailbox = rest.clone().take_while(|&c| in_mailbox(c)).count();
    let mut after = rest.skip(mailbox);
    if mailbox == 0 || after.next() != Some('@') {
        return None;
    }
    let domain: String = after
        .take_while(|&c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-'))
        .collect();
    let host = domain.trim_end_matches(['.', '-']);
    host.contains('.').then_some(mailbox + 1 + host.len())
}

/// `http(s)://…` and `www.…` URLs, without the punctuation of the sentence around them.
pub(crate) fn urls(text: &str) -> Vec<String> {
    let mut found = Vec::new();
    let mut at = 0;
    while let Some(next) = text[at..].find(['h', 'H', 'w', 'W']) {
        at += next;
        // A URL starts a word, as the aligner's tokens do, and not inside an e-mail address
        // or a host name (`info@www.example.jp`: the domain of an address, not a URL).
        let starts_word = !text[..at]
            .ends_with(|c: char| c.is_ascii_alphanumeric() || matches!(c, '@' | '.' | '-' | '_'));
        match url_len(text[at..].chars()).filter(|&len| starts_word && len > 0) {
            Some(len) => {
                found.push(text[at..at + len].to_owned());
                at += len;
            }
            None => at += 1,
        }
    }
    found
}

/// E-mail addresses, lowercased (their domain is case-insensitive, and so is every real mailbox).
pub(crate) fn emails(text: &str) -> Vec<String> {
    let mut found = Vec::new();
    for (at, _) in text.match_indices('@') {
        let start = text[..at].rfind(|c| !in_mailbox(c)).map_or(0, |i| {
            i + text[i..].chars().next().map_or(1, char::len_utf8)
        });
        if let Some(len) = email_len(text[start..].chars()) {
            found.push(text[start..start + len].to_lowercase());
        }
    }
    found
}

/// A phone number found in a text: its digits in national form (`+81 3-…` → `03…`) and the
/// chars it takes in the width-folded text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct PhoneSpan {
    pub(crate) national: String,
    pub(crate) chars: Range<usize>,
}

/// The phone numbers of a width-folded text, as [`super::phone`] reads them, where they do
/// not continue a word.
pub(crate) fn phone_spans(folded: &[char]) -> Vec<PhoneSpan> {
    let mut found = Vec::new();
    let mut i = 0;
    while i < folded.len() {
        let after_word = i > 0 && folded[i - 1].is_ascii_alphanumeric();
        match super::phone(folded, i).filter(|_| !after_word) {
            Some((national, end)) => {
                found.push(PhoneSpan {
                    national,
                    chars: i..end,
                });
                i = end;
            }
            None => i += 1,
        }
    }
    found
}

/// Phone numbers as their digits, in national form (`+81 3-…` → `03…`).
pub(crate) fn phones(text: &str) -> Vec<String> {
    // A phone number starts with `0`, `+` or `(`, in full width or not.
    if !text
        .chars()
        .any(|c| matches!(super::fold_char(c), '0' | '+' | '('))
    {
        return Vec::new();
    }
    let folded: Vec<char> = super::fold_width(text).chars().collect();
    phone_spans(&folded)
        .into_iter()
        .map(|span| span.national)
        .collect()
}

/// The fewest digits [`figures::phone`] reads as a phone number.
const PHONE_DIGITS: usize = 10;

/// Whether `text` may hold a URL [`figures::urls`] finds: each starts `http://`, `https://`
/// or `www.`, in any case.
pub(crate) fn may_hold_url(text: &str) -> bool {
    text.contains("://")
        || text
            .match_indices('.')
            .any(|(at, _)| at >= 3 && text.as_bytes()[at - 3..at].eq_ignore_ascii_case(b"www"))
}

/// Whether text may hold a phone number [`figures::phone`] reads: it has enough digits
/// (ASCII or full-width) for one.
pub(crate) fn may_hold_phone(mut chars: impl Iterator<Item = char>) -> bool {
    let mut digits = 0;
    chars.any(|c| {
        digits += usize::from(super::is_digit(c));
        digits >= PHONE_DIGITS
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_are_extracted_whole() {
        assert_eq!(
            urls("See https://www.soumu.go.jp/a.html."),
            ["https://www.soumu.go.jp/a.html"]
        );
        assert_eq!(urls("（https://example.jp/x）。"), ["https://example.jp/x"]);
        assert_eq!(emails("Mail: Info@Example.go.jp."), ["info@example.go.jp"]);
        assert_eq!(phones("TEL: 03-5253-5111"), ["0352535111"]);
        assert_eq!(phones("+81-3-5253-5111"), ["0352535111"]);
        assert!(phones("2020-2021").is_empty());
    }
}
