//! XLIFF 2.0 (OASIS core) and XLIFF 1.2 (as Trados, memoQ and Translate Toolkit read it):
//! one `<file>` per document, one unit per message keyed by its id.
//!
//! State: a translated unit is XLIFF 2.0 `state="translated"`, XLIFF 1.2
//! `state="translated" approved="yes"`; a stale one is XLIFF 2.0 `state="initial"
//! subState="honyaku:stale"` (a tool that changes the state drops the subState, as the
//! specification requires), XLIFF 1.2 `state="needs-review-translation"`. The other source
//! language, the previous source of a stale unit with its change, and the translator's
//! comments are notes (`category`/`from` = `en`, `was ja`, `change ja`, `translator`). Each
//! unit carries `hy:fingerprints="ja=… en=…"` in honyaku's namespace. A character XML cannot
//! hold is an inline code: XLIFF 2.0 `<cp hex="0001"/>`, XLIFF 1.2 `<x id="cp1" hy:hex="0001"/>`.
//!
//! Read back as tools write them: a filled target a tool marks unconfirmed (2.0 `initial`,
//! 1.2 `new` or `needs-*`) is imported stale; the words inside annotations and paired codes
//! (`<mrk>`, `<pc>`, `<g>`) are the text; a 2.0 unit a tool split into several segments is
//! joined again. A unit holding an inline code honyaku cannot write into a catalog (`<ph>`,
//! `<x/>`…) or translated in only some of its segments is skipped with the reason.

use super::FormatError;
use super::model::{
    Incoming, Languages, Previous, Unit, fingerprints_attr, parse_fingerprints, target_fingerprint,
};
use super::xml::{Element, HONYAKU_NS, Node, XML_NS, XmlWriter, parse_parallel};

pub(crate) const XLIFF2_NS: &str = "urn:oasis:names:tc:xliff:document:2.0";
pub(crate) const XLIFF12_NS: &str = "urn:oasis:names:tc:xliff:document:1.2";
/// The subState of a stale unit in XLIFF 2.0.
pub(crate) const STALE_SUBSTATE: &str = "honyaku:stale";
const TRANSLATOR: &str = "translator";

/// The notes of a unit, as (category, text), in the order they are written.
fn notes(unit: &Unit, from: &str) -> Vec<(String, String)> {
    let source = &unit.source(from).locale;
    let mut notes = Vec::new();
    for other in unit.sources.iter().filter(|s| &s.locale != source) {
        notes.push((other.locale.clone(), other.text.clone()));
    }
    for previous in &unit.previous {
        notes.push((format!("was {}", previous.locale), previous.text.clone()));
    }
    for change in &unit.changes {
        notes.push((format!("change {}", change.locale), change.text.clone()));
    }
    for comment in &unit.comments {
        notes.push((TRANSLATOR.to_owned(), comment.clone()));
    }
    notes
}

/// The start of an XLIFF 2.0 file, up to its first document.
pub(crate) fn head_xliff2(from: &str, target: &str) -> String {
    let mut w = XmlWriter::new();
    w.start(
        "xliff",
        &[
            ("xmlns", XLIFF2_NS),
            ("xmlns:hy", HONYAKU_NS),
            ("version", "2.0"),
            ("srcLang", from),
            ("trgLang", target),
        ],
    );
    w.into_text()
}

/// One document of an XLIFF 2.0 file: its `<file>`.
pub(crate) fn document_xliff2(from: &str, document: &str, units: &[Unit]) -> String {
    let mut w = XmlWriter::fragment();
    let mut cp = |w: &mut XmlWriter, c: char| {
        w.empty("cp", &[("hex", &format!("{:04X}", u32::from(c)))]);
    };
    w.raw("\n  ");
    w.start("file", &[("id", document)]);
    for unit in units {
        let fingerprints = fingerprints_attr(&unit.sources);
        let translation = target_fingerprint(unit.target.as_deref()).to_string();
        w.raw("\n    ");
        w.start(
            "unit",
            &[
                ("id", &unit.id),
                ("name", &unit.id),
                ("hy:fingerprints", &fingerprints),
                ("hy:translation", &translation),
            ],
        );
        let notes = notes(unit, from);
        if !notes.is_empty() {
            w.raw("\n      ");
            w.start("notes", &[]);
            for (category, text) in &notes {
                w.raw("\n        ");
                w.text_element("note", &[("category", category)], text, &mut cp);
            }
            w.raw("\n      ");
            w.end("notes");
        }
        let (state, sub) = match unit.state {
            super::State::Translated => ("translated", None),
            super::State::Stale => ("initial", Some(STALE_SUBSTATE)),
            super::State::Missing => ("initial", None),
        };
        let mut attrs = vec![("state", state)];
        attrs.extend(sub.map(|s| ("subState", s)));
        w.raw("\n      ");
        w.start("segment", &attrs);
        w.raw("\n        ");
        let space = [("xml:space", "preserve")];
        w.text_element("source", &space, &unit.source(from).text, &mut cp);
        if let Some(target) = &unit.target {
            w.raw("\n        ");
            w.text_element("target", &space, target, &mut cp);
        }
        w.raw("\n      ");
        w.end("segment");
        w.raw("\n    ");
        w.end("unit");
    }
    w.raw("\n  ");
    w.end("file");
    w.into_text()
}

/// The start of an XLIFF 1.2 file, up to its first document.
pub(crate) fn head_xliff12() -> String {
    let mut w = XmlWriter::new();
    w.start(
        "xliff",
        &[
            ("xmlns", XLIFF12_NS),
            ("xmlns:hy", HONYAKU_NS),
            ("version", "1.2"),
        ],
    );
    w.into_text()
}

/// One document of an XLIFF 1.2 file: its `<file>`.
pub(crate) fn document_xliff12(from: &str, target: &str, document: &str, units: &[Unit]) -> String {
    let mut w = XmlWriter::fragment();
    w.raw("\n  ");
    w.start(
        "file",
        &[
            ("original", document),
            ("source-language", from),
            ("target-language", target),
            ("datatype", "plaintext"),
        ],
    );
    w.raw("\n    ");
    w.start("body", &[]);
    for unit in units {
        let mut count = 0;
        let mut code = |w: &mut XmlWriter, c: char| {
            count += 1;
            let id = format!("cp{count}");
            w.empty(
                "x",
                &[("id", &id), ("hy:hex", &format!("{:04X}", u32::from(c)))],
            );
        };
        let fingerprints = fingerprints_attr(&unit.sources);
        let translation = target_fingerprint(unit.target.as_deref()).to_string();
        let mut attrs = vec![
            ("id", unit.id.as_str()),
            ("resname", unit.id.as_str()),
            ("xml:space", "preserve"),
            ("hy:fingerprints", fingerprints.as_str()),
            ("hy:translation", translation.as_str()),
        ];
        if unit.state == super::State::Translated {
            attrs.push(("approved", "yes"));
        }
        w.raw("\n      ");
        w.start("trans-unit", &attrs);
        w.raw("\n        ");
        w.text_element("source", &[], &unit.source(from).text, &mut code);
        if let Some(target) = &unit.target {
            let state = match unit.state {
                super::State::Stale => "needs-review-translation",
                _ => "translated",
            };
            w.raw("\n        ");
            w.text_element("target", &[("state", state)], target, &mut code);
        }
        for (from, text) in notes(unit, from) {
            w.raw("\n        ");
            w.text_element("note", &[("from", &from)], &text, &mut code);
        }
        w.raw("\n      ");
        w.end("trans-unit");
    }
    w.raw("\n    ");
    w.end("body");
    w.raw("\n  ");
    w.end("file");
    w.into_text()
}

/// The end of an XLIFF file (either version), after its last document.
pub(crate) fn tail() -> String {
    let mut w = XmlWriter::fragment();
    w.raw("\n");
    w.end("xliff");
    w.finish()
}

/// Which XLIFF.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Version {
    V2,
    V12,
}

/// An XLIFF document as read: its languages and units.
#[derive(Debug)]
pub(crate) struct Read {
    pub languages: Languages,
    pub units: Vec<Incoming>,
}

/// Reads the units of an XLIFF 2.0 or 1.2 document (all of them: see [`read_each`]).
pub(crate) fn read(text: &str) -> Result<Read, FormatError> {
    let each = read_each(text, |part| part.units)?;
    Ok(Read {
        languages: each.languages,
        units: each.parts.into_iter().flatten().collect(),
    })
}

/// The units of one `<file>` (one document), as handed to [`read_each`]'s `map`.
#[derive(Debug)]
pub(crate) struct FilePart {
    /// The target language this `<file>` names (XLIFF 1.2) or the document's (2.0).
    pub target: Option<String>,
    /// The document the `<file>` names.
    pub document: String,
    pub units: Vec<Incoming>,
}

/// An XLIFF document read by [`read_each`]: its version, languages, and what `map` gave for
/// each `<file>`, in document order.
#[derive(Debug)]
pub(crate) struct ReadEach<T> {
    pub version: Version,
    pub languages: Languages,
    pub parts: Vec<T>,
}

/// Reads an XLIFF 2.0 or 1.2 document one `<file>` (document) at a time: the `<file>`s are
/// parsed in parallel, each read into units that are handed to `map` on the thread that read
/// them, and dropped, so the units of the whole document are never held at once. `map` runs
/// before the checks that span files: what it gives is only meant to be used when the whole
/// document reads without error. The checks (languages) then run in file order, so the first
/// problem is reported as a reading from start to end would.
pub(crate) fn read_each<T: Send>(
    text: &str,
    map: impl Fn(FilePart) -> T + Sync,
) -> Result<ReadEach<T>, FormatError> {
    let parsed = parse_parallel(text, |root, element| {
        let version = version_of(root).ok()?;
        (element.name == "file" && element.ns == root.ns).then(|| {
            let target = match version {
                Version::V2 => root.attr("trgLang"),
                Version::V12 => element.attr("target-language"),
            }
            .map(str::to_owned);
            let file = FileRead::of(element, version);
            let mapped = file.units.map(|read| {
                read.map(|(document, units)| {
                    map(FilePart {
                        target,
                        document,
                        units,
                    })
                })
            });
            (file.shell, mapped)
        })
    })?;
    let root = &parsed.root;
    let mut reader = Reader::default();
    let version = reader.start(root)?;
    let mut parts = Vec::with_capacity(parsed.children.len());
    for (shell, mapped) in parsed.children.into_iter().flatten() {
        if version == Version::V12 {
            reader.check_languages(
                &shell,
                shell.attr("source-language"),
                shell.attr("target-language"),
            )?;
        }
        let mapped =
            mapped.ok_or_else(|| at(&shell, "a <file> without the document name".into()))??;
        parts.push(mapped);
    }
    let languages = reader
        .languages
        .ok_or_else(|| at(root, "no <file> element".into()))?;
    Ok(ReadEach {
        version,
        languages,
        parts,
    })
}

/// One `<file>` as read on its own: the element without its children (for the checks made
/// in file order) and its document name with its units (`None` without a document name).
#[derive(Debug)]
struct FileRead {
    shell: Element,
    units: Option<Result<(String, Vec<Incoming>), FormatError>>,
}

impl FileRead {
    fn of(file: Element, version: Version) -> FileRead {
        let document = match version {
            Version::V2 => file.attr("id"),
            Version::V12 => file.attr("original"),
        };
        let units = document.map(|document| {
            let mut units = Vec::new();
            match version {
                Version::V2 => collect_units(&file, document, version, &mut units),
                Version::V12 => file
                    .children_named("body")
                    .try_for_each(|body| collect_units(body, document, version, &mut units)),
            }
            .map(|()| (document.to_owned(), units))
        });
        FileRead {
            shell: Element {
                children: Vec::new(),
                ..file
            },
            units,
        }
    }
}

fn at(e: &Element, message: String) -> FormatError {
    FormatError {
        line: e.line,
        column: e.column,
        message,
    }
}

/// The version of an XLIFF document, from its root element.
fn version_of(root: &Element) -> Result<Version, FormatError> {
    match (root.name.as_str(), root.ns.as_str()) {
        ("xliff", XLIFF2_NS | XLIFF12_NS) => match root.attr("version") {
            Some("2.0") if root.ns == XLIFF2_NS => Ok(Version::V2),
            Some("1.2") if root.ns == XLIFF12_NS => Ok(Version::V12),
            other => Err(at(
                root,
                format!(
                    "XLIFF version {} in namespace {}: honyaku reads XLIFF 2.0 and 1.2",
                    other.unwrap_or("(none)"),
                    root.ns
                ),
            )),
        },
        ("xliff", ns) => Err(at(
            root,
            format!("an <xliff> element in namespace {ns:?}: honyaku reads XLIFF 2.0 and 1.2"),
        )),
        (name, _) => Err(at(root, format!("a <{name}> document is not XLIFF"))),
    }
}

/// What has been read so far of a document.
#[derive(Debug, Default)]
struct Reader {
    /// Known once the root has been checked.
    version: Option<Version>,
    languages: Option<Languages>,
}

impl Reader {
    /// Checks the root `<xliff>` element (once): its namespace and version, and the
    /// languages of XLIFF 2.0.
    fn start(&mut self, root: &Element) -> Result<Version, FormatError> {
        if let Some(version) = self.version {
            return Ok(version);
        }
        let version = version_of(root)?;
        if version == Version::V2 {
            self.check_languages(root, root.attr("srcLang"), root.attr("trgLang"))?;
        }
        self.version = Some(version);
        Ok(version)
    }

    /// Checks that every part of the file names the same languages.
    fn check_languages(
        &mut self,
        e: &Element,
        source: Option<&str>,
        target: Option<&str>,
    ) -> Result<(), FormatError> {
        let (Some(source), Some(target)) = (source, target) else {
            return Err(at(e, "the source or target language is missing".into()));
        };
        match &self.languages {
            Some(known) if known.source != source || known.target != target => Err(at(
                e,
                format!(
                    "languages {source}→{target} differ from {}→{} earlier in the file",
                    known.source, known.target
                ),
            )),
            Some(_) => Ok(()),
            None => {
                self.languages = Some(Languages {
                    source: source.to_owned(),
                    target: target.to_owned(),
                });
                Ok(())
            }
        }
    }
}

/// Units of a `<file>` or `<body>`, descending into groups.
fn collect_units(
    container: &Element,
    document: &str,
    version: Version,
    units: &mut Vec<Incoming>,
) -> Result<(), FormatError> {
    let unit_name = match version {
        Version::V2 => "unit",
        Version::V12 => "trans-unit",
    };
    for element in container.elements().filter(|e| e.ns == container.ns) {
        if element.name == "group" {
            collect_units(element, document, version, units)?;
        } else if element.name == unit_name {
            units.push(read_unit(element, document, version)?);
        }
    }
    Ok(())
}

fn read_unit(unit: &Element, document: &str, version: Version) -> Result<Incoming, FormatError> {
    let at = |e: &Element, message: String| FormatError {
        line: e.line,
        column: e.column,
        message,
    };
    let id = unit
        .attr("resname")
        .or_else(|| unit.attr("name"))
        .or_else(|| unit.attr("id"))
        .ok_or_else(|| at(unit, "a unit without an id".into()))?;
    let fingerprints = match unit.attr_ns(HONYAKU_NS, "fingerprints") {
        Some(text) => parse_fingerprints(text)
            .ok_or_else(|| at(unit, format!("malformed hy:fingerprints {text:?}")))?,
        None => Vec::new(),
    };
    let exported_target = match unit.attr_ns(HONYAKU_NS, "translation") {
        Some(text) => Some(
            crate::fingerprint::Fingerprint::parse(text)
                .ok_or_else(|| at(unit, format!("malformed hy:translation {text:?}")))?,
        ),
        None => None,
    };
    let notes: Vec<(String, String)> = match version {
        Version::V2 => unit
            .child("notes")
            .into_iter()
            .flat_map(|n| n.children_named("note"))
            .map(|n| {
                Ok((
                    n.attr("category").unwrap_or_default().to_owned(),
                    text_of(n, version)?,
                ))
            })
            .collect::<Result<_, FormatError>>()?,
        Version::V12 => unit
            .children_named("note")
            .map(|n| {
                Ok((
                    n.attr("from").unwrap_or_default().to_owned(),
                    text_of(n, version)?,
                ))
            })
            .collect::<Result<_, FormatError>>()?,
    };
    let content = match version {
        Version::V2 => segments_of(unit, id),
        Version::V12 => {
            let target = unit.child("target");
            // `new` and `needs-*` (as a tool writes machine-translated or pre-filled text):
            // not yet a translation anyone stands behind, so it needs review.
            let stale = target
                .and_then(|t| t.attr("state"))
                .is_some_and(|s| s == "new" || s.starts_with("needs-"));
            let source = unit
                .child("source")
                .ok_or_else(|| at(unit, format!("unit {id:?} has no <source>")))?;
            let target = target.map(|t| text_of(t, version)).transpose();
            text_of(source, version).and_then(|source| Ok((source, target?, stale)))
        }
    };
    // A unit whose text honyaku cannot take (codes, a translation of part of its segments) is
    // skipped with the reason; the other units of the file are still imported.
    let (source_text, target, needs_review, unreadable) = match content {
        Ok((source, target, stale)) => (source, target, stale, None),
        Err(e) => (String::new(), None, false, Some(e)),
    };
    // The source's locale: the one fingerprint not shown in a note.
    let mut texts: Vec<(String, String)> = Vec::new();
    let mut previous = Vec::new();
    for (category, text) in &notes {
        if let Some(locale) = category.strip_prefix("was ") {
            previous.push(Previous {
                locale: locale.to_owned(),
                text: text.clone(),
            });
        } else if fingerprints.iter().any(|(l, _)| l == category) {
            texts.push((category.clone(), text.clone()));
        }
    }
    if let Some((locale, _)) = fingerprints
        .iter()
        .find(|(l, _)| !texts.iter().any(|(t, _)| t == l))
    {
        texts.push((locale.clone(), source_text));
    }
    Ok(Incoming {
        document: document.to_owned(),
        id: id.to_owned(),
        exported: super::model::exported(&fingerprints, &texts),
        // An empty target is no translation (tools write `<target/>` for untranslated units).
        target: target.filter(|t| !t.is_empty()),
        needs_review,
        previous,
        exported_target,
        unreadable: unreadable.map(|e| super::model::Unreadable {
            message: e.message,
            line: e.line,
            column: e.column,
        }),
        line: unit.line,
        column: unit.column,
    })
}

/// The source, target and review state of an XLIFF 2.0 unit. A tool may split a unit into
/// several `<segment>`s, with `<ignorable>` space between them (the standard lets it); the
/// unit's text is their sources in order and its translation their targets in the order the
/// targets' `order` attributes give. A unit translated in some segments only is unreadable:
/// half a translation is not one.
fn segments_of(unit: &Element, id: &str) -> Result<(String, Option<String>, bool), FormatError> {
    let at = |e: &Element, message: String| FormatError {
        line: e.line,
        column: e.column,
        message,
    };
    let parts: Vec<&Element> = unit
        .elements()
        .filter(|e| e.ns == unit.ns && matches!(e.name.as_str(), "segment" | "ignorable"))
        .collect();
    if !parts.iter().any(|p| p.name == "segment") {
        return Err(at(unit, format!("unit {id:?} has no <segment>")));
    }
    let mut source = String::new();
    let mut slots: Vec<Option<String>> = vec![None; parts.len()];
    let mut stale = false;
    let mut translated = 0;
    let mut segments = 0;
    for (position, part) in parts.iter().enumerate() {
        let part_source = part.child("source").ok_or_else(|| {
            at(
                part,
                format!("a <{}> of unit {id:?} has no <source>", part.name),
            )
        })?;
        let part_source = text_of(part_source, Version::V2)?;
        let target = part.child("target");
        let order = match target.and_then(|t| t.attr("order")) {
            Some(order) => order
                .parse::<usize>()
                .ok()
                .filter(|o| (1..=parts.len()).contains(o))
                .ok_or_else(|| {
                    at(
                        part,
                        format!("order=\"{order}\" in unit {id:?} is not a part's position"),
                    )
                })?,
            None => position + 1,
        };
        let part_target = target.map(|t| text_of(t, Version::V2)).transpose()?;
        if part.name == "segment" {
            segments += 1;
            // honyaku marks a stale unit `initial` with its subState; a filled target a tool
            // says is `initial` (a machine-translated draft) is not confirmed either. (A
            // segment without a state, as some tools write a translated one, is taken as
            // translated when filled, although the standard's default is `initial`.)
            let filled = part_target.as_ref().is_some_and(|t| !t.is_empty());
            stale |= match part.attr("state") {
                Some("initial") => filled || part.attr("subState") == Some(STALE_SUBSTATE),
                None => part.attr("subState") == Some(STALE_SUBSTATE),
                Some(_) => false,
            };
            translated += usize::from(filled);
        }
        let slot = &mut slots[order - 1];
        if slot.is_some() {
            return Err(at(
                part,
                format!("two targets of unit {id:?} take position {order}"),
            ));
        }
        // An ignorable without a target stands for itself (space between sentences).
        *slot = Some(match part_target {
            Some(t) => t,
            None if part.name == "ignorable" => part_source.clone(),
            None => String::new(),
        });
        source.push_str(&part_source);
    }
    let target = match translated {
        0 => None,
        n if n == segments => Some(slots.into_iter().flatten().collect()),
        n => {
            return Err(at(
                unit,
                format!(
                    "unit {id:?} is translated in {n} of its {segments} segments; translate \
                     the others (or join the segments) and export again"
                ),
            ));
        }
    };
    Ok((source, target, stale))
}

/// The text of a `<source>`, `<target>` or `<note>`: text and honyaku's code points, and the
/// words inside annotations and paired codes; an inline code (`<ph>`, `<x/>`, `<sc/>`…) makes
/// it not plain text, which a catalog message cannot hold.
fn text_of(element: &Element, version: Version) -> Result<String, FormatError> {
    let mut text = String::new();
    for node in &element.children {
        match node {
            Node::Text(t) => text.push_str(t),
            // Annotations (`<mrk>`) and paired codes (`<pc>`, 1.2's `<g>`) a tool put around
            // words: their words are the text. Markers of overlapping annotations carry none.
            Node::Element(e)
                if matches!(
                    (version, e.name.as_str()),
                    (_, "mrk") | (Version::V2, "pc") | (Version::V12, "g")
                ) =>
            {
                text.push_str(&text_of(e, version)?);
            }
            Node::Element(e)
                if version == Version::V2 && matches!(e.name.as_str(), "sm" | "em") => {}
            Node::Element(e) => {
                let hex = match version {
                    Version::V2 if e.name == "cp" => e.attr("hex"),
                    Version::V12 if e.name == "x" => e.attr_ns(HONYAKU_NS, "hex"),
                    _ => None,
                };
                let c = hex
                    .and_then(|h| u32::from_str_radix(h, 16).ok())
                    .and_then(char::from_u32)
                    .ok_or_else(|| FormatError {
                        line: e.line,
                        column: e.column,
                        message: format!(
                            "<{}> in <{}> is markup, not text; a translation here must be plain text",
                            e.name, element.name
                        ),
                    })?;
                text.push(c);
            }
        }
    }
    let _ = XML_NS;
    Ok(text)
}
