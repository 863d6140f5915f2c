//! Addresses in running text: `http(s)://` URLs, e-mail addresses and phone numbers, found
//! whole so that a stage compares them as units (QA) or keeps their digits out of the numbers
//! it reads. Phone numbers are read by [`super::phone`], as every stage reads them.

use std::ops::Range;

/// Characters that end a URL or an address written in running text.
fn ends_token(c: char) -> bool {
    c.is_whitespace() || "\"'<>()[]{}「」『』（）、。，,；;".contains(c)
}

/// `http(s)://…` URLs, without the punctuation of the sentence around them.
pub(crate) fn urls(text: &str) -> Vec<String> {
    let mut found = Vec::new();
    let mut rest = text;
    while let Some(at) = rest
        .find("http://")
        .into_iter()
        .chain(rest.find("https://"))
        .min()
    {
        let tail = &rest[at..];
        let end = tail.find(ends_token).unwrap_or(tail.len());
        let url = tail[..end].trim_end_matches(['.', ':', '!', '?']);
        found.push(url.to_owned());
        rest = &tail[end.max(1)..];
    }
    found
}

/// E-mail addresses, lowercased (their domain is case-insensitive, and so is every real mailbox).
pub(crate) fn emails(text: &str) -> Vec<String> {
    let local = |c: char| c.is_ascii_alphanumeric() || "._%+-".contains(c);
    let domain = |c: char| c.is_ascii_alphanumeric() || c == '.' || c == '-';
    let mut found = Vec::new();
    for (at, _) in text.match_indices('@') {
        let start = text[..at].rfind(|c| !local(c)).map_or(0, |i| {
            i + text[i..].chars().next().map_or(1, char::len_utf8)
        });
        let after = &text[at + 1..];
        let end = after.find(|c| !domain(c)).unwrap_or(after.len());
        let host = after[..end].trim_end_matches(['.', '-']);
        if start < at && host.contains('.') {
            found.push(format!("{}@{host}", &text[start..at]).to_lowercase());
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
