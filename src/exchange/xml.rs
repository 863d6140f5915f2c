//! XML for the exchange formats, on quick-xml: a writer that escapes text so that XML
//! parsers give back exactly the characters written (carriage returns as `&#13;`, characters
//! XML 1.0 cannot hold as inline code elements), and a small tree reader with namespaces
//! resolved and the line and column of every element, for diagnostics.

use std::borrow::Cow;

use quick_xml::Reader;
use quick_xml::Writer;
use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, BytesText, Event};

/// honyaku's namespace for the attributes it adds (fingerprints), which other tools keep.
pub(crate) const HONYAKU_NS: &str = "urn:honyaku:exchange:1";
pub(crate) const XML_NS: &str = "http://www.w3.org/XML/1998/namespace";

/// Whether XML 1.0 can hold `c` at all (even as a character reference).
pub(crate) fn is_xml_char(c: char) -> bool {
    matches!(c, '\u{9}' | '\u{A}' | '\u{D}' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

/// Whether XML 1.0 can hold every character of `text`, decided on its bytes: a control byte
/// other than tab and line ends, or the encoding of U+FFFE or U+FFFF (bytes `BF BE`/`BF BF`
/// end it; a false alarm only sends the text down the exact, slower path).
fn all_xml_chars(text: &str) -> bool {
    let bytes = text.as_bytes();
    !bytes.iter().enumerate().any(|(i, &b)| match b {
        b'\t' | b'\n' | b'\r' => false,
        0..0x20 => true,
        0xBE | 0xBF => i > 0 && bytes[i - 1] == 0xBF,
        _ => false,
    })
}

/// Escapes text content: markup characters, and `\r`, which parsers would turn into `\n`.
fn escape_text(text: &str) -> Cow<'_, str> {
    if !text
        .bytes()
        .any(|b| matches!(b, b'&' | b'<' | b'>' | b'\r'))
    {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\r' => out.push_str("&#13;"),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// A document being written.
pub(crate) struct XmlWriter {
    writer: Writer<Vec<u8>>,
}

impl std::fmt::Debug for XmlWriter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("XmlWriter").finish_non_exhaustive()
    }
}

impl XmlWriter {
    pub fn new() -> XmlWriter {
        let mut writer = Writer::new(Vec::new());
        // Writing into a Vec cannot fail.
        let _ = writer.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)));
        let _ = writer.write_event(Event::Text(BytesText::from_escaped("\n")));
        XmlWriter { writer }
    }

    fn event(&mut self, event: Event<'_>) {
        // Writing into a Vec cannot fail.
        let _ = self.writer.write_event(event);
    }

    pub fn start(&mut self, name: &str, attrs: &[(&str, &str)]) {
        let mut start = BytesStart::new(name);
        for (key, value) in attrs {
            start.push_attribute((*key, *value));
        }
        self.event(Event::Start(start));
    }

    pub fn empty(&mut self, name: &str, attrs: &[(&str, &str)]) {
        let mut start = BytesStart::new(name);
        for (key, value) in attrs {
            start.push_attribute((*key, *value));
        }
        self.event(Event::Empty(start));
    }

    pub fn end(&mut self, name: &str) {
        self.event(Event::End(BytesEnd::new(name)));
    }

    /// Layout between elements (newlines and indentation), written as is.
    pub fn raw(&mut self, layout: &str) {
        self.event(Event::Text(BytesText::from_escaped(layout)));
    }

    /// Text content; each character XML cannot hold goes to `code`, which writes it as an
    /// inline element.
    pub fn text(&mut self, text: &str, code: &mut dyn FnMut(&mut XmlWriter, char)) {
        if all_xml_chars(text) {
            let escaped = escape_text(text);
            if !escaped.is_empty() {
                self.event(Event::Text(BytesText::from_escaped(escaped)));
            }
            return;
        }
        let mut rest = text;
        while let Some(at) = rest.find(|c| !is_xml_char(c)) {
            let (run, tail) = rest.split_at(at);
            if !run.is_empty() {
                let escaped = escape_text(run);
                self.event(Event::Text(BytesText::from_escaped(escaped)));
            }
            let mut chars = tail.chars();
            if let Some(c) = chars.next() {
                code(self, c);
            }
            rest = chars.as_str();
        }
        if !rest.is_empty() {
            let escaped = escape_text(rest);
            self.event(Event::Text(BytesText::from_escaped(escaped)));
        }
    }

    /// An element holding only text.
    pub fn text_element(
        &mut self,
        name: &str,
        attrs: &[(&str, &str)],
        text: &str,
        code: &mut dyn FnMut(&mut XmlWriter, char),
    ) {
        self.start(name, attrs);
        self.text(text, code);
        self.end(name);
    }

    /// A writer for a part of a document (no XML declaration): parts written apart and
    /// joined in order give the bytes of one writer writing them all.
    pub fn fragment() -> XmlWriter {
        XmlWriter {
            writer: Writer::new(Vec::new()),
        }
    }

    /// The bytes written so far.
    pub fn into_text(self) -> String {
        String::from_utf8(self.writer.into_inner()).unwrap_or_default()
    }

    /// The document's last line end, and its bytes.
    pub fn finish(mut self) -> String {
        self.raw("\n");
        self.into_text()
    }
}

/// One element of a read document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Element {
    /// Namespace URI ("" for none) and local name.
    pub ns: String,
    pub name: String,
    /// Attributes: namespace URI ("" for unprefixed), local name, value.
    pub attrs: Vec<(String, String, String)>,
    pub children: Vec<Node>,
    pub line: usize,
    pub column: usize,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Node {
    Element(Element),
    Text(String),
}

/// A document that is not well-formed XML: where and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct XmlError {
    pub line: usize,
    pub column: usize,
    pub message: String,
}

impl Element {
    /// An unprefixed attribute, or one in `ns`.
    pub fn attr_ns(&self, ns: &str, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(n, l, _)| n == ns && l == name)
            .map(|(_, _, v)| v.as_str())
    }

    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attr_ns("", name)
    }

    pub fn elements(&self) -> impl Iterator<Item = &Element> {
        self.children.iter().filter_map(|n| match n {
            Node::Element(e) => Some(e),
            Node::Text(_) => None,
        })
    }

    /// Child elements named `name` in the element's own namespace.
    pub fn children_named<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a Element> {
        self.elements()
            .filter(move |e| e.name == name && e.ns == self.ns)
    }

    pub fn child<'a>(&'a self, name: &'a str) -> Option<&'a Element> {
        self.children_named(name).next()
    }
}

/// Parses a whole document into a tree; the root element is returned.
pub(crate) fn parse(text: &str) -> Result<Element, XmlError> {
    let mut reader = Reader::from_str(text);
    reader.config_mut().trim_text(false);
    reader.config_mut().check_end_names = true;
    let mut stack: Vec<(Element, Vec<(String, String)>)> = Vec::new();
    let mut scopes: Vec<Vec<(String, String)>> = vec![vec![
        (String::from("xml"), String::from(XML_NS)),
        (String::new(), String::new()),
    ]];
    let mut root: Option<Element> = None;
    let mut lines = Lines::default();
    let error = |offset: usize, message: String| {
        let (line, column) = crate::error::line_col(text, offset);
        XmlError {
            line,
            column,
            message,
        }
    };
    loop {
        let before = reader.buffer_position() as usize;
        let event = reader
            .read_event()
            .map_err(|e| error(reader.error_position() as usize, e.to_string()))?;
        match event {
            Event::Start(ref start) | Event::Empty(ref start) => {
                let is_empty = matches!(event, Event::Empty(_));
                let at = before + text[before..].find('<').unwrap_or(0);
                let (line, column) = lines.at(text, at);
                let mut declared = Vec::new();
                let mut raw_attrs = Vec::new();
                for attr in start.attributes() {
                    let attr = attr.map_err(|e| error(at, e.to_string()))?;
                    let key = String::from_utf8_lossy(attr.key.as_ref()).into_owned();
                    let value = attr
                        .unescape_value()
                        .map_err(|e| error(at, e.to_string()))?
                        .into_owned();
                    if key == "xmlns" {
                        declared.push((String::new(), value));
                    } else if let Some(prefix) = key.strip_prefix("xmlns:") {
                        declared.push((prefix.to_owned(), value));
                    } else {
                        raw_attrs.push((key, value));
                    }
                }
                scopes.push(declared.clone());
                let resolve = |prefix: &str| -> Option<String> {
                    scopes
                        .iter()
                        .rev()
                        .flat_map(|s| s.iter())
                        .find(|(p, _)| p == prefix)
                        .map(|(_, uri)| uri.clone())
                };
                let qname = String::from_utf8_lossy(start.name().as_ref()).into_owned();
                let (prefix, local) = qname.split_once(':').unwrap_or(("", &qname));
                let ns = resolve(prefix)
                    .ok_or_else(|| error(at, format!("undeclared namespace prefix `{prefix}`")))?;
                let mut attrs = Vec::new();
                for (key, value) in raw_attrs {
                    let (ns, local) = match key.split_once(':') {
                        Some((prefix, local)) => {
                            let ns = resolve(prefix).ok_or_else(|| {
                                error(at, format!("undeclared namespace prefix `{prefix}`"))
                            })?;
                            (ns, local.to_owned())
                        }
                        None => (String::new(), key),
                    };
                    attrs.push((ns, local, value));
                }
                let element = Element {
                    ns,
                    name: local.to_owned(),
                    attrs,
                    children: Vec::new(),
                    line,
                    column,
                };
                if is_empty {
                    scopes.pop();
                    attach(&mut stack, &mut root, element, || {
                        error(at, "more than one root element".into())
                    })?;
                } else {
                    stack.push((element, declared));
                }
            }
            Event::End(_) => {
                scopes.pop();
                if let Some((element, _)) = stack.pop() {
                    attach(&mut stack, &mut root, element, || {
                        error(before, "more than one root element".into())
                    })?;
                }
            }
            Event::Text(t) => {
                let value = t
                    .unescape()
                    .map_err(|e| error(before, e.to_string()))?
                    .into_owned();
                push_text(&mut stack, value, || {
                    error(before, "text outside the root element".into())
                })?;
            }
            Event::CData(c) => {
                let value = String::from_utf8_lossy(&c.into_inner()).into_owned();
                push_text(&mut stack, value, || {
                    error(before, "text outside the root element".into())
                })?;
            }
            Event::Eof => break,
            _ => {}
        }
    }
    if let Some((element, _)) = stack.last() {
        return Err(XmlError {
            line: element.line,
            column: element.column,
            message: format!("element <{}> is not closed", element.name),
        });
    }
    root.ok_or_else(|| error(text.len(), "no root element".into()))
}

/// Line and column of increasing offsets, counted from the previous one: every element's
/// position in one pass over the text (`error::line_col` from the start each time would make
/// reading a 30,000-unit file quadratic).
#[derive(Debug, Default)]
struct Lines {
    offset: usize,
    line: usize,
    line_start: usize,
}

impl Lines {
    fn at(&mut self, text: &str, offset: usize) -> (usize, usize) {
        if offset < self.offset || self.line == 0 {
            *self = Lines {
                offset: 0,
                line: 1,
                line_start: 0,
            };
        }
        let chunk = &text[self.offset..offset];
        for (i, _) in chunk.match_indices('\n') {
            self.line += 1;
            self.line_start = self.offset + i + 1;
        }
        self.offset = offset;
        let column = text[self.line_start..offset].chars().count() + 1;
        (self.line, column)
    }
}

fn attach(
    stack: &mut [(Element, Vec<(String, String)>)],
    root: &mut Option<Element>,
    element: Element,
    two_roots: impl Fn() -> XmlError,
) -> Result<(), XmlError> {
    match stack.last_mut() {
        Some((parent, _)) => parent.children.push(Node::Element(element)),
        None if root.is_none() => *root = Some(element),
        None => return Err(two_roots()),
    }
    Ok(())
}

fn push_text(
    stack: &mut [(Element, Vec<(String, String)>)],
    value: String,
    outside: impl Fn() -> XmlError,
) -> Result<(), XmlError> {
    match stack.last_mut() {
        Some((parent, _)) => {
            if let Some(Node::Text(last)) = parent.children.last_mut() {
                last.push_str(&value);
            } else {
                parent.children.push(Node::Text(value));
            }
        }
        None if value.trim().is_empty() => {}
        None => return Err(outside()),
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// The byte test on the writer's fast path never passes a text holding a character
        /// XML cannot hold (it may send a good one down the exact path).
        #[test]
        fn byte_test_never_passes_a_character_xml_cannot_hold(
            text in "(\\PC|[\u{0}-\u{1f}\u{fffe}\u{ffff}\u{ffbe}\u{0ffe}\u{7f}])*"
        ) {
            if all_xml_chars(&text) {
                prop_assert!(text.chars().all(is_xml_char), "{:?}", text);
            }
            let alarm = text
                .as_bytes()
                .windows(2)
                .any(|w| w[0] == 0xBF && matches!(w[1], 0xBE | 0xBF));
            if !alarm {
                prop_assert_eq!(all_xml_chars(&text), text.chars().all(is_xml_char));
            }
        }
    }

    #[test]
    fn text_survives_a_parser() {
        let mut w = XmlWriter::new();
        w.start("r", &[("a", "x\"<&")]);
        w.text("a\r\nb & <c> \u{1}d", &mut |w, c| {
            w.empty("cp", &[("hex", &format!("{:04X}", u32::from(c)))]);
        });
        w.end("r");
        let text = w.finish();
        let root = parse(&text).unwrap_or_else(|e| panic!("{e:?} in {text}"));
        assert_eq!(root.attr("a"), Some("x\"<&"));
        assert_eq!(root.children[0], Node::Text("a\r\nb & <c> ".into()));
        assert!(matches!(&root.children[1], Node::Element(e) if e.attr("hex") == Some("0001")));
    }

    #[test]
    fn positions_are_counted_incrementally() {
        let text = "<a>\n <b/>\n  <c/><d/>\n</a>";
        let root = parse(text).unwrap_or_else(|e| panic!("{e:?}"));
        let at: Vec<(usize, usize)> = root.elements().map(|e| (e.line, e.column)).collect();
        assert_eq!(at, vec![(2, 2), (3, 3), (3, 7)]);
        for (e, (line, column)) in root.elements().zip(at) {
            let offset = text.find(&format!("<{}", e.name)).unwrap_or_default();
            assert_eq!(crate::error::line_col(text, offset), (line, column));
        }
    }

    #[test]
    fn errors_have_a_position() {
        let error = parse("<a>\n  <b></c>\n</a>").err();
        assert!(
            error.is_some_and(|e| e.line == 2),
            "unclosed tags are errors"
        );
        assert!(parse("<a>").is_err());
        assert!(parse("<p:a/>").is_err(), "undeclared prefix");
    }
}
