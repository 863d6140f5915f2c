//! Exact values: writes any text as a Fluent pattern that parses and formats back to the same
//! bytes, escaping what Fluent would otherwise eat or misread.
//!
//! Segments are stored verbatim, so a value must survive the round trip through both
//! fluent-rs and Mozilla's python-fluent byte for byte. Fluent drops or reinterprets some text
//! (indentation, leading and trailing blanks, braces, line-start syntax), and fluent-syntax's
//! serializer escapes nothing, so the pattern source is built here. Everything Fluent would
//! not keep as plain text goes into a string-literal placeable (`{ "{" }`), where `\uXXXX`
//! escapes can carry any character; everything else stays plain text so that ordinary
//! sentences read as `id = text` in the file.
//!
//! The rules, each forced by the parsers (fluent-syntax 0.12 and python `fluent.syntax`):
//! - `{` and `}` open and close placeables anywhere in text.
//! - Leading and trailing spaces and line feeds of the whole value are trimmed by the parsers.
//! - The spaces at the start of a line are read as indentation and dedented away, and a line
//!   whose text starts with `.` `[` `*` is read as an attribute or a variant.
//! - A carriage return is read as part of a line ending, and vanishes in CRLF files.
//! - Control characters (tab included), U+2028/U+2029, the BOM and the bidi controls are not
//!   wrong for the parsers, but editors, diff tools and Python's `splitlines` turn them into
//!   line breaks, strip them or hide them; a file a human reviews must show them.
//! - Spaces before a line break are kept by the parsers but stripped by many editors.
//!
//! Newlines stay real newlines: a multi-line value is written as a block, each line indented
//! by four spaces, and a blank line inside the value as an empty line.

use fluent_syntax::ast;
use fluent_syntax::unicode::unescape_unicode_to_string;

/// fluent-bundle 0.16 aborts formatting after 100 placeables (`TooManyPlaceables`), so the
/// writer never emits more string literals than this.
const MAX_LITERALS: usize = 100;

const INDENT: &str = "    ";

/// One run of the value as it will appear in the pattern.
#[derive(Debug, Clone, PartialEq)]
enum Piece {
    /// Written as is.
    Text(String),
    /// Written as a string literal placeable; holds the unescaped characters.
    Literal(String),
}

/// Characters that can never be plain text, wherever they are.
fn is_always_literal(c: char) -> bool {
    c != '\n'
        && (c.is_control()
            || matches!(
                c,
                '{' | '}'
                    | '\u{2028}'
                    | '\u{2029}'
                    | '\u{FEFF}'
                    | '\u{061C}'
                    | '\u{200E}'
                    | '\u{200F}'
                    | '\u{202A}'..='\u{202E}'
                    | '\u{2066}'..='\u{2069}'
            ))
}

/// Trimmed by both parsers at the two ends of a pattern.
fn is_fluent_blank(c: char) -> bool {
    c == ' ' || c == '\n'
}

/// Read as an attribute (`.`) or a variant (`[`, `*[`) at the start of a continuation line.
fn is_special_line_start(c: char) -> bool {
    matches!(c, '.' | '[' | '*')
}

/// Marks every character that must go into a string literal. A `\n` left unmarked becomes
/// a line break in the file.
fn literal_mask(chars: &[char]) -> Vec<bool> {
    let mut mask: Vec<bool> = chars.iter().map(|&c| is_always_literal(c)).collect();
    for (slot, _) in mask
        .iter_mut()
        .zip(chars)
        .take_while(|(_, c)| is_fluent_blank(**c))
    {
        *slot = true;
    }
    for (slot, _) in mask
        .iter_mut()
        .zip(chars)
        .rev()
        .take_while(|(_, c)| is_fluent_blank(**c))
    {
        *slot = true;
    }
    let breaks: Vec<usize> = (0..chars.len())
        .filter(|&i| chars[i] == '\n' && !mask[i])
        .collect();
    if breaks.is_empty() {
        // A single-line value follows `id = ` on the same line, where `.`, `[` and `*`
        // are plain text for both parsers.
        return mask;
    }
    // A block value: every line, the first included, is a continuation line.
    let mut line_starts = vec![0];
    line_starts.extend(breaks.iter().map(|&i| i + 1));
    for start in line_starts {
        let mut i = start;
        while i < chars.len() && chars[i] == ' ' {
            mask[i] = true;
            i += 1;
        }
        if i == start && i < chars.len() && is_special_line_start(chars[i]) {
            mask[i] = true;
        }
    }
    for &line_end in &breaks {
        let mut i = line_end;
        while i > 0 && chars[i - 1] == ' ' {
            i -= 1;
            mask[i] = true;
        }
    }
    mask
}

fn pieces(text: &str) -> Vec<Piece> {
    let chars: Vec<char> = text.chars().collect();
    let mask = literal_mask(&chars);
    let mut out: Vec<Piece> = Vec::new();
    for (&c, &literal) in chars.iter().zip(&mask) {
        match (out.last_mut(), literal) {
            (Some(Piece::Literal(s)), true) | (Some(Piece::Text(s)), false) => s.push(c),
            (_, true) => out.push(Piece::Literal(c.to_string())),
            (_, false) => out.push(Piece::Text(c.to_string())),
        }
    }
    if out.is_empty() {
        // An empty pattern is a syntax error; an empty literal is the empty value.
        out.push(Piece::Literal(String::new()));
    }
    limit_literals(out)
}

/// Keeps the number of literals within [`MAX_LITERALS`] by folding the shortest text runs
/// between two literals into one literal, so a text that needs many escapes (hundreds of
/// braces, say) still formats in full and stays as readable as the limit allows.
fn limit_literals(pieces: Vec<Piece>) -> Vec<Piece> {
    let literals = pieces
        .iter()
        .filter(|p| matches!(p, Piece::Literal(_)))
        .count();
    if literals <= MAX_LITERALS {
        return pieces;
    }
    // Text runs between two literals: pieces alternate, so these are the inner text runs.
    let mut gaps: Vec<(usize, usize)> = pieces
        .iter()
        .enumerate()
        .filter_map(|(i, p)| match p {
            Piece::Text(s) if i > 0 && i + 1 < pieces.len() => Some((s.chars().count(), i)),
            _ => None,
        })
        .collect();
    gaps.sort_unstable();
    let mut absorbed = vec![false; pieces.len()];
    for &(_, i) in gaps.iter().take(literals - MAX_LITERALS) {
        absorbed[i] = true;
    }
    let mut out: Vec<Piece> = Vec::new();
    let mut joining = false;
    for (piece, absorb) in pieces.into_iter().zip(absorbed) {
        match (piece, out.last_mut()) {
            (Piece::Text(s), Some(Piece::Literal(lit))) if absorb => {
                lit.push_str(&s);
                joining = true;
            }
            (Piece::Literal(s), Some(Piece::Literal(lit))) if joining => {
                lit.push_str(&s);
                joining = false;
            }
            (piece, _) => {
                joining = false;
                out.push(piece);
            }
        }
    }
    out
}

/// The body of a string literal: only `"` and `\` must be escaped, but line feeds and the
/// control and invisible characters are written as `\uXXXX` so that they are visible and
/// survive editors (a raw line feed would also end the literal). `\{` is never written: python-fluent rejects it and fluent-rs formats it
/// as U+FFFD.
fn escape_literal(s: &str, out: &mut String) {
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\u000A"),
            c if is_always_literal(c) && c != '{' && c != '}' => {
                out.push_str(&format!("\\u{:04X}", u32::from(c)));
            }
            c => out.push(c),
        }
    }
}

/// Writes the complete entry `id = …` with its final newline, such that fluent-rs and
/// python-fluent both format the message (without bidi isolation) as exactly `text`.
/// `id` must already be a valid Fluent identifier (honyaku mints them); it is written as is.
pub fn write_message(id: &str, text: &str) -> String {
    let mut pattern = String::new();
    for piece in pieces(text) {
        match piece {
            Piece::Text(s) => pattern.push_str(&s),
            Piece::Literal(s) => {
                pattern.push_str("{ \"");
                escape_literal(&s, &mut pattern);
                pattern.push_str("\" }");
            }
        }
    }
    let mut entry = String::with_capacity(id.len() + pattern.len() + 8);
    entry.push_str(id);
    if pattern.contains('\n') {
        entry.push_str(" =");
        for line in pattern.split('\n') {
            entry.push('\n');
            if !line.is_empty() {
                entry.push_str(INDENT);
                entry.push_str(line);
            }
        }
    } else {
        entry.push_str(" = ");
        entry.push_str(&pattern);
    }
    entry.push('\n');
    entry
}

/// The text of a message that holds only text and string literals: what honyaku writes,
/// and what a translator writes when no variable or term is needed. `None` when the message
/// has no value or uses any other expression; those are formatted by fluent-bundle, which
/// knows the arguments and terms.
pub fn read_message<S: AsRef<str>>(message: &ast::Message<S>) -> Option<String> {
    message.value.as_ref().and_then(read_pattern)
}

/// [`read_message`] for any pattern (a term's value, an attribute).
pub fn read_pattern<S: AsRef<str>>(pattern: &ast::Pattern<S>) -> Option<String> {
    let mut text = String::new();
    for element in &pattern.elements {
        match element {
            ast::PatternElement::TextElement { value } => text.push_str(value.as_ref()),
            ast::PatternElement::Placeable {
                expression: ast::Expression::Inline(ast::InlineExpression::StringLiteral { value }),
            } => text.push_str(&unescape_unicode_to_string(value.as_ref())),
            ast::PatternElement::Placeable { .. } => return None,
        }
    }
    Some(text)
}

#[cfg(test)]
mod tests {
    use super::*;
    use fluent_bundle::{FluentBundle, FluentResource};
    use proptest::prelude::*;

    /// Parses `entry` with fluent-syntax (no junk allowed), formats it with fluent-bundle
    /// and reads it back with `read_message`; returns both results and the number of
    /// placeables.
    fn round_trip(entry: &str) -> (String, String, usize) {
        let resource = match fluent_syntax::parser::parse(entry) {
            Ok(resource) => resource,
            Err((_, errors)) => panic!("parse errors {errors:?} in {entry:?}"),
        };
        assert_eq!(resource.body.len(), 1, "one entry expected in {entry:?}");
        let (read, placeables) = match &resource.body[0] {
            ast::Entry::Message(message) => (
                read_message(message),
                message.value.as_ref().map_or(0, |v| {
                    v.elements
                        .iter()
                        .filter(|e| matches!(e, ast::PatternElement::Placeable { .. }))
                        .count()
                }),
            ),
            other => panic!("not a message: {other:?} in {entry:?}"),
        };
        let read = read.unwrap_or_else(|| panic!("not plain: {entry:?}"));

        let resource = FluentResource::try_new(entry.to_string())
            .unwrap_or_else(|(_, e)| panic!("bundle parse {e:?}"));
        let mut bundle: FluentBundle<FluentResource> = FluentBundle::default();
        bundle.set_use_isolating(false);
        bundle.add_resource(resource).expect("no duplicate");
        let message = bundle.get_message("m").expect("message m");
        let pattern = message.value().expect("value");
        let mut errors = vec![];
        let formatted = bundle.format_pattern(pattern, None, &mut errors);
        assert!(errors.is_empty(), "format errors {errors:?} in {entry:?}");
        (formatted.into_owned(), read, placeables)
    }

    /// Checks the round trip of `text` and returns the entry and its number of literals.
    fn assert_exact_counted(text: &str) -> (String, usize) {
        let entry = write_message("m", text);
        let (formatted, read, literals) = round_trip(&entry);
        assert_eq!(formatted, text, "formatted, entry {entry:?}");
        assert_eq!(read, text, "read back, entry {entry:?}");
        (entry, literals)
    }

    fn assert_exact(text: &str) -> String {
        assert_exact_counted(text).0
    }

    #[test]
    fn plain_sentences_stay_readable() {
        assert_eq!(
            assert_exact("政府は本日、新たな方針を発表した。"),
            "m = 政府は本日、新たな方針を発表した。\n"
        );
        assert_eq!(
            assert_exact("The Minister said \"no\" (see [1]); *not* final."),
            "m = The Minister said \"no\" (see [1]); *not* final.\n"
        );
        // Line-start syntax is harmless on the `id =` line itself.
        assert_eq!(assert_exact(".NET"), "m = .NET\n");
        assert_eq!(assert_exact("[Annex] * note"), "m = [Annex] * note\n");
        assert_eq!(
            assert_exact("a\u{00A0}b\u{3000}c"),
            "m = a\u{00A0}b\u{3000}c\n"
        );
    }

    #[test]
    fn empty_value_is_an_empty_literal() {
        assert_eq!(assert_exact(""), "m = { \"\" }\n");
    }

    #[test]
    fn braces_become_literals() {
        assert_eq!(assert_exact("a{b}c"), "m = a{ \"{\" }b{ \"}\" }c\n");
        assert_eq!(assert_exact("{}"), "m = { \"{}\" }\n");
        assert_eq!(assert_exact("\\{"), "m = \\{ \"{\" }\n");
    }

    #[test]
    fn leading_and_trailing_blanks_become_literals() {
        assert_eq!(assert_exact("  a "), "m = { \"  \" }a{ \" \" }\n");
        assert_eq!(
            assert_exact("\na\n\n"),
            "m = { \"\\u000A\" }a{ \"\\u000A\\u000A\" }\n"
        );
        assert_eq!(assert_exact(" "), "m = { \" \" }\n");
        assert_eq!(assert_exact("\n \n"), "m = { \"\\u000A \\u000A\" }\n");
    }

    #[test]
    fn multi_line_values_are_indented_blocks() {
        assert_eq!(assert_exact("a\nb"), "m =\n    a\n    b\n");
        assert_eq!(assert_exact("a\n\n\nb"), "m =\n    a\n\n\n    b\n");
        assert_eq!(assert_exact("a\r\nb"), "m =\n    a{ \"\\u000D\" }\n    b\n");
        assert_eq!(assert_exact("{\n}"), "m =\n    { \"{\" }\n    { \"}\" }\n");
    }

    #[test]
    fn line_starts_and_ends_in_blocks_become_literals() {
        assert_eq!(assert_exact("a\n  b"), "m =\n    a\n    { \"  \" }b\n");
        assert_eq!(assert_exact("a  \nb"), "m =\n    a{ \"  \" }\n    b\n");
        assert_eq!(
            assert_exact(".a\n[b]\n*[c] d"),
            "m =\n    { \".\" }a\n    { \"[\" }b]\n    { \"*\" }[c] d\n"
        );
        assert_eq!(
            assert_exact("a\n \nb"),
            "m =\n    a\n    { \" \" }\n    b\n"
        );
    }

    #[test]
    fn invisible_and_breaking_characters_are_escaped() {
        assert_eq!(assert_exact("a\tb"), "m = a{ \"\\u0009\" }b\n");
        assert_eq!(
            assert_exact("\u{FEFF}x\u{2028}y\u{2029}\u{0085}\u{0000}\u{007F}\u{200E}\u{2068}"),
            "m = { \"\\uFEFF\" }x{ \"\\u2028\" }y{ \"\\u2029\\u0085\\u0000\\u007F\\u200E\\u2068\" }\n"
        );
        assert_eq!(assert_exact("a\rb"), "m = a{ \"\\u000D\" }b\n");
        // Joiners are part of emoji and scripts: they stay plain text.
        assert_eq!(assert_exact("👩\u{200D}💻"), "m = 👩\u{200D}💻\n");
    }

    #[test]
    fn quotes_and_backslashes_are_escaped_only_inside_literals() {
        assert_eq!(assert_exact("\"\\"), "m = \"\\\n");
        assert_eq!(assert_exact(" \"\\ "), "m = { \" \" }\"\\{ \" \" }\n");
        assert_eq!(assert_exact("{\"\\}"), "m = { \"{\" }\"\\{ \"}\" }\n");
        assert_eq!(
            assert_exact("\t\"\\\t"),
            "m = { \"\\u0009\" }\"\\{ \"\\u0009\" }\n"
        );
    }

    #[test]
    fn never_more_than_the_placeable_limit() {
        for text in [
            "{a".repeat(150),
            "x{".repeat(101),
            "\t".repeat(500),
            "a\n b\n".repeat(120) + "end",
            format!("{}{}", "{a".repeat(100), "{bb".repeat(100)),
        ] {
            let (_, literals) = assert_exact_counted(&text);
            assert!(literals <= MAX_LITERALS, "{literals} literals");
        }
    }

    #[test]
    fn folding_keeps_the_longest_text_runs_plain() {
        let text = format!("{}{{long text here{}", "{a".repeat(100), "}");
        let (entry, literals) = assert_exact_counted(&text);
        assert!(entry.contains("long text here"), "{entry}");
        assert_eq!(literals, MAX_LITERALS);
    }

    fn nasty_char() -> impl Strategy<Value = char> {
        prop_oneof![
            3 => prop::sample::select(vec![
                ' ', '\n', '\r', '\t', '{', '}', '[', ']', '*', '.', '"', '\\', '#', '-',
                '=', '$', '\u{0}', '\u{1F}', '\u{7F}', '\u{85}', '\u{9F}', '\u{A0}',
                '\u{FEFF}', '\u{2028}', '\u{2029}', '\u{200D}', '\u{2066}', '\u{3000}',
                '。', '本', '😀', 'a', 'Z', '0',
            ]),
            1 => any::<char>(),
        ]
    }

    fn nasty_text() -> impl Strategy<Value = String> {
        prop_oneof![
            prop::collection::vec(nasty_char(), 0..40).prop_map(|v| v.into_iter().collect()),
            ".*".prop_map(|s: String| s),
            // Long runs that push the literal count over the limit.
            prop::collection::vec(nasty_char(), 200..600).prop_map(|v| v.into_iter().collect()),
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]
        #[test]
        fn any_text_round_trips(text in nasty_text()) {
            let entry = write_message("m", &text);
            let (formatted, read, literals) = round_trip(&entry);
            prop_assert_eq!(&formatted, &text, "entry {:?}", entry);
            prop_assert_eq!(&read, &text, "entry {:?}", entry);
            prop_assert!(literals <= MAX_LITERALS, "{} literals", literals);
        }
    }

    #[test]
    fn read_rejects_other_expressions() {
        let resource = match fluent_syntax::parser::parse("m = Hi { $name }\n") {
            Ok(r) => r,
            Err(e) => panic!("{e:?}"),
        };
        let ast::Entry::Message(message) = &resource.body[0] else {
            panic!("message expected")
        };
        assert_eq!(read_message(message), None);
        let resource = match fluent_syntax::parser::parse("m =\n    .title = x\n") {
            Ok(r) => r,
            Err(e) => panic!("{e:?}"),
        };
        let ast::Entry::Message(message) = &resource.body[0] else {
            panic!("message expected")
        };
        assert_eq!(read_message(message), None);
    }
}
