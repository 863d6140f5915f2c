//! XML for the exchange formats, on quick-xml: a writer that escapes text so that XML
//! parsers give back exactly the characters written (carriage returns as `&#13;`, characters
//! XML 1.0 cannot hold as inline code elements), and a small tree reader with namespaces
//! resolved and the line and column of every element, for diagnostics. The reader streams:
//! the elements at one depth (an XLIFF `<file>`, a TMX `<tu>`) are handed over one at a time
//! as they close and dropped, so a large file never stands in memory as one tree.

use std::borrow::Cow;
use std::sync::Arc;

use quick_xml::Reader;
use quick_xml::events::Event;

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

/// Escapes an attribute value into `out` as quick-xml's attribute writer did (`<`, `>`,
/// `&`, `'`, `"`), so that files keep their bytes.
fn escape_attribute(out: &mut String, value: &str) {
    let special = |b: u8| matches!(b, b'<' | b'>' | b'&' | b'\'' | b'"');
    let mut rest = value;
    while let Some(at) = rest.bytes().position(special) {
        out.push_str(&rest[..at]);
        out.push_str(match rest.as_bytes()[at] {
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'&' => "&amp;",
            b'\'' => "&apos;",
            _ => "&quot;",
        });
        rest = &rest[at + 1..];
    }
    out.push_str(rest);
}

/// A document being written, straight into a string.
#[derive(Debug, Default)]
pub(crate) struct XmlWriter {
    out: String,
}

impl XmlWriter {
    pub fn new() -> XmlWriter {
        XmlWriter {
            out: String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"),
        }
    }

    /// `<name attr="value"…`, the start of a start or empty tag.
    fn open(&mut self, name: &str, attrs: &[(&str, &str)]) {
        self.out.push('<');
        self.out.push_str(name);
        for (key, value) in attrs {
            self.out.push(' ');
            self.out.push_str(key);
            self.out.push_str("=\"");
            escape_attribute(&mut self.out, value);
            self.out.push('"');
        }
    }

    pub fn start(&mut self, name: &str, attrs: &[(&str, &str)]) {
        self.open(name, attrs);
        self.out.push('>');
    }

    pub fn empty(&mut self, name: &str, attrs: &[(&str, &str)]) {
        self.open(name, attrs);
        self.out.push_str("/>");
    }

    pub fn end(&mut self, name: &str) {
        self.out.push_str("</");
        self.out.push_str(name);
        self.out.push('>');
    }

    /// Layout between elements (newlines and indentation), written as is.
    pub fn raw(&mut self, layout: &str) {
        self.out.push_str(layout);
    }

    /// Text content; each character XML cannot hold goes to `code`, which writes it as an
    /// inline element.
    pub fn text(&mut self, text: &str, code: &mut dyn FnMut(&mut XmlWriter, char)) {
        if all_xml_chars(text) {
            self.out.push_str(&escape_text(text));
            return;
        }
        let mut rest = text;
        while let Some(at) = rest.find(|c| !is_xml_char(c)) {
            let (run, tail) = rest.split_at(at);
            self.out.push_str(&escape_text(run));
            let mut chars = tail.chars();
            if let Some(c) = chars.next() {
                code(self, c);
            }
            rest = chars.as_str();
        }
        self.out.push_str(&escape_text(rest));
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
        XmlWriter::default()
    }

    /// The text written so far.
    pub fn into_text(self) -> String {
        self.out
    }

    /// The document's last line end, and its text.
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

impl From<XmlError> for super::FormatError {
    fn from(e: XmlError) -> super::FormatError {
        super::FormatError {
            line: e.line,
            column: e.column,
            message: format!("not well-formed XML: {}", e.message),
        }
    }
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

/// A document as an XML processor reads it (XML 1.0 §2.11): line ends normalised to `\n`
/// before parsing, so that a file a tool or an editor saved with Windows line ends gives the
/// same text (`\r` written as `&#13;` is still a carriage return), and without the byte
/// order mark, which is not part of the document. Line numbers are unchanged.
fn as_parsed(text: &str) -> Cow<'_, str> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if !text.contains('\r') {
        return Cow::Borrowed(text);
    }
    Cow::Owned(text.replace("\r\n", "\n").replace('\r', "\n"))
}

/// The name of a document's root element, read past the XML declaration, comments,
/// processing instructions and the document type declaration (OmegaT writes
/// `<!DOCTYPE tmx SYSTEM "tmx11.dtd">`); `None` when the text does not start as XML.
pub(crate) fn root_name(text: &str) -> Option<&str> {
    let mut rest = text.strip_prefix('\u{feff}').unwrap_or(text).trim_start();
    loop {
        rest = if let Some(after) = rest.strip_prefix("<?") {
            after.split_once("?>")?.1
        } else if let Some(after) = rest.strip_prefix("<!--") {
            after.split_once("-->")?.1
        } else if let Some(after) = rest.strip_prefix("<!DOCTYPE") {
            // An internal subset in brackets may hold `>`s of its own.
            let end = after.find(['[', '>'])?;
            match after.as_bytes()[end] {
                b'[' => after[end..].split_once(']')?.1.split_once('>')?.1,
                _ => &after[end + 1..],
            }
        } else {
            let name = rest.strip_prefix('<')?;
            let end = name
                .find(|c: char| c.is_whitespace() || c == '>' || c == '/')
                .unwrap_or(name.len());
            return (end > 0).then(|| &name[..end]);
        }
        .trim_start();
    }
}

/// Parses a whole document into a tree; the root element is returned.
#[cfg(test)]
pub(crate) fn parse(text: &str) -> Result<Element, XmlError> {
    parse_streaming(text, usize::MAX, |_, _| Ok::<(), ()>(())).map_err(|e| match e {
        StreamError::Xml(e) => e,
        StreamError::Visit(()) => unreachable!("nothing is visited"),
    })
}

/// Why [`parse_streaming`] stopped: the document is not well-formed XML, or `visit` refused
/// an element.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum StreamError<E> {
    Xml(XmlError),
    Visit(E),
}

/// Parses a document, handing each element at `depth` (the root is at 0) to `visit` when it
/// closes, with its open ancestors (root first; each holds the children closed so far), and
/// dropping it; the root is returned with the children that were not handed over.
///
/// Well-formedness comes first, as if the whole tree were built before anything was read:
/// after `visit` refuses an element the rest is still read, and a later XML error is the one
/// returned.
pub(crate) fn parse_streaming<E>(
    text: &str,
    depth: usize,
    mut visit: impl FnMut(&[&Element], Element) -> Result<(), E>,
) -> Result<Element, StreamError<E>> {
    let mut refused: Option<E> = None;
    let mut hand_over = |stack: &[Open], element: Element| {
        if stack.len() != depth {
            return Some(element);
        }
        if refused.is_none() {
            let ancestors: Vec<&Element> = stack.iter().map(|(e, _)| e).collect();
            if let Err(error) = visit(&ancestors, element) {
                refused = Some(error);
            }
        }
        None
    };
    let text = &*as_parsed(text);
    let root = build(text, Part::whole(text), &mut hand_over, None).map_err(StreamError::Xml)?;
    match refused {
        Some(error) => Err(StreamError::Visit(error)),
        None => Ok(root),
    }
}

/// A document's root and its children read apart: see [`parse_parallel`].
#[derive(Debug)]
pub(crate) struct Parallel<T> {
    /// The root, without the children handed to `map`.
    pub root: Element,
    /// What `map` gave for each child element of the root, in document order.
    pub children: Vec<T>,
}

/// Parses a document whose root's child elements stand on their own (XLIFF `<file>`s): a
/// first pass reads the root and finds where each child ends without building it, then the
/// children are parsed in parallel, each handed to `map` with the root and dropped.
///
/// The result is that of [`parse_streaming`] at depth 1 with `map` as the visitor: the
/// first XML error in document order, else every child's `map` result in order.
pub(crate) fn parse_parallel<T: Send>(
    text: &str,
    map: impl Fn(&Element, Element) -> T + Sync,
) -> Result<Parallel<T>, XmlError> {
    parse_parallel_at(text, 1, |root, _, element| map(root, element))
}

/// [`parse_parallel`] for the elements at `depth` (1: the root's children; 2: their
/// children, such as TMX `<tu>`s in `<body>`): the elements above that depth are built by the
/// first pass (without the elements at `depth`), and `map` gets each element at `depth`
/// with the root and the index of its ancestor among the root's child elements.
pub(crate) fn parse_parallel_at<T: Send>(
    text: &str,
    depth: usize,
    map: impl Fn(&Element, usize, Element) -> T + Sync,
) -> Result<Parallel<T>, XmlError> {
    use rayon::prelude::*;
    let text = &*as_parsed(text);
    let mut chunks = Vec::new();
    let first = build(
        text,
        Part::whole(text),
        &mut |_, e| Some(e),
        Some(Split {
            depth: depth.max(1),
            parts: &mut chunks,
        }),
    );
    // A child cut short by the first pass's error is parsed too: its own first error may
    // come before the one the first pass stopped at.
    let root_shell = first.as_ref().ok();
    let children: Vec<Result<Option<T>, XmlError>> = chunks
        .into_par_iter()
        .map(|part| {
            let ancestor = part.ancestor;
            let element = build(text, part, &mut |_, e| Some(e), None)?;
            Ok(root_shell.map(|root| map(root, ancestor, element)))
        })
        .collect();
    let mut mapped = Vec::with_capacity(children.len());
    for child in children {
        mapped.extend(child?);
    }
    let root = first?;
    Ok(Parallel {
        root,
        children: mapped,
    })
}

/// An element being read, with the namespace prefixes it declares.
type Open = (Element, Vec<(String, String)>);

/// Namespace prefixes and their URIs, per open element, outermost first.
type Scopes = Vec<Vec<(String, String)>>;

/// A span of a document to parse, with the reader state where it starts.
#[derive(Debug, Clone)]
struct Part {
    start: usize,
    end: usize,
    lines: Lines,
    /// The namespace prefixes declared around the span, outermost first: shared by the
    /// spans of one parent (a TMX file has one span per `<tu>`).
    scopes: Arc<Scopes>,
    /// The index, among the root's child elements, of the one this span is in (or is).
    ancestor: usize,
}

/// Where the first pass of [`parse_parallel_at`] leaves elements unbuilt: those at `depth`
/// go to `parts` as spans.
#[derive(Debug)]
struct Split<'p> {
    depth: usize,
    parts: &'p mut Vec<Part>,
}

impl Part {
    fn whole(text: &str) -> Part {
        Part {
            start: 0,
            end: text.len(),
            lines: Lines::default(),
            scopes: Arc::new(vec![vec![
                (String::from("xml"), String::from(XML_NS)),
                (String::new(), String::new()),
            ]]),
            ancestor: 0,
        }
    }
}

/// The tree builder behind [`parse_streaming`] and [`parse_parallel_at`]: reads `part` of
/// `text`; `take` gets every closed element with its open ancestors and gives it back to be
/// attached, or keeps it. With `split`, the elements at its depth are not built: their
/// spans are pushed to its parts (a span cut short by an error included) and left out of
/// their parents.
fn build(
    text: &str,
    part: Part,
    take: &mut dyn FnMut(&[Open], Element) -> Option<Element>,
    mut split: Option<Split<'_>>,
) -> Result<Element, XmlError> {
    let base = part.start;
    let mut reader = Reader::from_str(&text[part.start..part.end]);
    reader.config_mut().trim_text(false);
    reader.config_mut().check_end_names = true;
    let mut stack: Vec<Open> = Vec::new();
    // Prefixes declared around the span, and those of the elements open in it.
    let outer = part.scopes;
    let mut scopes: Scopes = Vec::new();
    // `outer` and `scopes` as one, for the spans split off (until `scopes` changes).
    let mut shared: Option<Arc<Scopes>> = None;
    let mut root: Option<Element> = None;
    let mut lines = part.lines;
    // Child elements of the root started so far.
    let mut root_children = 0;
    let error = |offset: usize, message: String| {
        let (line, column) = crate::error::line_col(text, offset);
        XmlError {
            line,
            column,
            message,
        }
    };
    loop {
        let before = base + reader.buffer_position() as usize;
        let event = reader
            .read_event()
            .map_err(|e| error(base + reader.error_position() as usize, e.to_string()))?;
        match event {
            Event::Start(ref start) | Event::Empty(ref start) => {
                let is_empty = matches!(event, Event::Empty(_));
                let at = before + text[before..].find('<').unwrap_or(0);
                if stack.len() == 1 {
                    root_children += 1;
                }
                let depth = stack.len();
                if let Some(split) = split.as_mut().filter(|s| s.depth == depth) {
                    let children = &mut *split.parts;
                    lines.at(text, at);
                    let mut child = Part {
                        start: at,
                        end: part.end,
                        lines: lines.clone(),
                        scopes: Arc::clone(shared.get_or_insert_with(|| {
                            Arc::new(outer.iter().chain(&scopes).cloned().collect())
                        })),
                        ancestor: root_children - 1,
                    };
                    if !is_empty {
                        if let Err(e) = reader.read_to_end(start.name()) {
                            children.push(child);
                            return Err(error(
                                base + reader.error_position() as usize,
                                e.to_string(),
                            ));
                        }
                    }
                    child.end = base + reader.buffer_position() as usize;
                    children.push(child);
                    continue;
                }
                let (line, column) = lines.at(text, at);
                let mut declared = Vec::new();
                let mut raw_attrs = Vec::new();
                for attr in start.attributes() {
                    let attr = attr.map_err(|e| error(at, e.to_string()))?;
                    let key = String::from_utf8_lossy(attr.key.0);
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
                shared = None;
                let resolve = |prefix: &str| -> Option<String> {
                    scopes
                        .iter()
                        .rev()
                        .chain(outer.iter().rev())
                        .flat_map(|s| s.iter())
                        .find(|(p, _)| p == prefix)
                        .map(|(_, uri)| uri.clone())
                };
                let name = start.name();
                let qname = String::from_utf8_lossy(name.as_ref());
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
                        None => (String::new(), key.into_owned()),
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
                    shared = None;
                    if let Some(element) = take(&stack, element) {
                        attach(&mut stack, &mut root, element, || {
                            error(at, "more than one root element".into())
                        })?;
                    }
                } else {
                    stack.push((element, declared));
                }
            }
            Event::End(_) => {
                scopes.pop();
                shared = None;
                if let Some((element, _)) = stack.pop() {
                    if let Some(element) = take(&stack, element) {
                        attach(&mut stack, &mut root, element, || {
                            error(before, "more than one root element".into())
                        })?;
                    }
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
#[derive(Debug, Default, Clone)]
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
    stack: &mut [Open],
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
    stack: &mut [Open],
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

    #[test]
    fn the_root_is_named_past_declarations_comments_and_doctype() {
        for (text, name) in [
            ("<tmx version=\"1.4\">", Some("tmx")),
            ("\u{feff}<?xml version=\"1.0\"?>\r\n<xliff>", Some("xliff")),
            (
                "<?xml version=\"1.0\"?>\n<!DOCTYPE tmx SYSTEM \"tmx11.dtd\">\n<tmx>",
                Some("tmx"),
            ),
            (
                "<!-- a > b --><!DOCTYPE t [<!ENTITY e \"x>\">]><t/>",
                Some("t"),
            ),
            ("msgid \"\"", None),
            ("<?xml version=\"1.0\"?>", None),
        ] {
            assert_eq!(root_name(text), name, "{text:?}");
        }
    }

    #[test]
    fn windows_line_ends_and_a_byte_order_mark_read_as_the_same_document() {
        let unix = "<a>x\ny<b c=\"1\n2\"/>&#13;</a>";
        let windows = format!("\u{feff}{}", unix.replace('\n', "\r\n"));
        let (Ok(a), Ok(b)) = (parse(unix), parse(&windows)) else {
            panic!("both parse");
        };
        assert_eq!(a, b);
        // A carriage return written as a character reference is kept.
        assert!(matches!(a.children.last(), Some(Node::Text(t)) if t == "\r"));
    }

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

    /// Reading the root's children apart and in parallel gives the whole tree's children,
    /// or its first error.
    #[test]
    fn parallel_parsing_reads_as_the_whole_tree() {
        let docs = [
            "<r a=\"1\">\n <f id=\"1\"><u>x &amp; y</u></f>\n <f id=\"2\"/>\n</r>\n",
            "<r xmlns:p=\"urn:p\"><p:f p:a=\"1\"><g/></p:f></r>",
            "<r/>",
            "<r>\n <f><u></f>\n</r>",
            "<r>\n <f><u>x</u></f>\n <f><u>",
            "<r>\n <f>&bad;</f>\n <f></g>\n</r>",
            "<r>\n <f>\n <u></v>\n</f></r>",
            "<r>\n <f/>\n text &bad;\n <f>&bad;</f></r>",
            "<r><p:f/></r>",
            "<r></r><r/>",
            "<r><f/></r> text",
            "",
        ];
        for doc in docs {
            match (parse(doc), parse_parallel(doc, |_, e| e)) {
                (Ok(root), Ok(read)) => {
                    let children: Vec<Element> = root.elements().cloned().collect();
                    assert_eq!(children, read.children, "{doc}");
                    assert_eq!(root.attrs, read.root.attrs, "{doc}");
                }
                (Err(whole), Err(parallel)) => assert_eq!(whole, parallel, "{doc}"),
                (whole, parallel) => panic!("{doc:?}: {whole:?} but {parallel:?}"),
            }
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
