//! TMX 1.4b for translation memories: one translation unit per translated message and source
//! language (original → target, English → target). A stale translation is paired with the
//! source it was made from (its previous source), which is what it translates. Pairs holding a
//! character XML cannot carry are left out (TMX has no code for them) and counted.
//!
//! [`read`] reads any TMX 1.x file (ours or another tool's) into units of language → text,
//! for the translation memory (`memory/<locale>/*.tmx`, issue 16).

use std::path::PathBuf;

use super::FormatError;
use super::model::Unit;
use super::xml::{self, Element, Node, XML_NS, XmlWriter, is_xml_char};
use crate::locale::Locale;
use crate::project::Project;

/// What a TMX export wrote.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct TmxCounts {
    /// Pairs written, by their source language.
    pub pairs: std::collections::BTreeMap<String, usize>,
    /// Pairs left out because XML cannot hold one of their characters.
    pub left_out: usize,
}

/// The start of a TMX 1.4b document, up to its first unit.
pub(crate) fn head() -> String {
    let mut w = XmlWriter::new();
    w.start("tmx", &[("version", "1.4")]);
    w.raw("\n  ");
    w.empty(
        "header",
        &[
            ("creationtool", "honyaku"),
            ("creationtoolversion", env!("CARGO_PKG_VERSION")),
            ("datatype", "plaintext"),
            ("segtype", "sentence"),
            ("adminlang", "en"),
            ("srclang", "*all*"),
            ("o-tmf", "honyaku"),
        ],
    );
    w.raw("\n  ");
    w.start("body", &[]);
    w.into_text()
}

/// The units of one document: every translated pair, or with `only` (an export `--from` the
/// English release) the pairs of that source language only.
pub(crate) fn document(
    target: &str,
    document: &str,
    units: &[Unit],
    only: Option<&str>,
) -> (String, TmxCounts) {
    let mut counts = TmxCounts::default();
    let mut w = XmlWriter::fragment();
    let mut never = |_: &mut XmlWriter, _: char| {};
    for unit in units {
        let Some(translation) = &unit.target else {
            continue;
        };
        for source in &unit.sources {
            if only.is_some_and(|only| source.locale != only) {
                continue;
            }
            let text = unit.made_from(&source.locale).unwrap_or(&source.text);
            if !text.chars().chain(translation.chars()).all(is_xml_char) {
                counts.left_out += 1;
                continue;
            }
            *counts.pairs.entry(source.locale.clone()).or_default() += 1;
            let tuid = format!("{document}/{}/{}", unit.id, source.locale);
            w.raw("\n    ");
            w.start("tu", &[("tuid", &tuid), ("srclang", &source.locale)]);
            w.raw("\n      ");
            w.text_element("prop", &[("type", "x-document")], document, &mut never);
            w.raw("\n      ");
            w.text_element("prop", &[("type", "x-id")], &unit.id, &mut never);
            for (lang, text) in [(source.locale.as_str(), text), (target, translation)] {
                w.raw("\n      ");
                w.start("tuv", &[("xml:lang", lang)]);
                w.text_element("seg", &[], text, &mut never);
                w.end("tuv");
            }
            w.raw("\n    ");
            w.end("tu");
        }
    }
    (w.into_text(), counts)
}

/// The end of a TMX document, after its last unit.
pub(crate) fn tail() -> String {
    let mut w = XmlWriter::fragment();
    w.raw("\n  ");
    w.end("body");
    w.raw("\n");
    w.end("tmx");
    w.finish()
}

/// The folder of a project's own TMX files, per target locale: `memory/<locale>/*.tmx`,
/// which the translation memory reads in place and `honyaku import FILE.tmx` adds to.
pub(crate) const MEMORY_DIR: &str = "memory";

/// The folder of a locale's TMX files.
pub(crate) fn memory_dir(project: &Project, locale: &Locale) -> PathBuf {
    project.root.join(MEMORY_DIR).join(locale.tag())
}

/// Whether a TMX language tag names `locale` (`fr-FR` and `fr` for `fr`, `zh-Hans` for
/// `zh-Hans`).
pub(crate) fn language_matches(tag: &str, locale: &Locale) -> bool {
    locale.is_named_by(tag)
}

/// One translation unit read from a TMX file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct TmxUnit {
    /// The unit's `tuid`, if it has one.
    pub tuid: Option<String>,
    /// honyaku's `x-document` and `x-id` properties, when honyaku wrote the file.
    pub document: Option<String>,
    pub id: Option<String>,
    /// Each variant's language tag and text, in file order.
    pub variants: Vec<(String, String)>,
    /// Where the unit starts in the file (1-based).
    pub line: usize,
}

/// Reads a TMX 1.x document: every `<tu>` of its `<body>` with the text of each `<tuv>`'s
/// `<seg>` (inline codes such as `<ph>` and `<bpt>` are left out: they are the native
/// format's markup, not text).
pub(crate) fn read(text: &str) -> Result<Vec<TmxUnit>, FormatError> {
    let mut units = Vec::new();
    read_each(text, |unit| units.push(unit))?;
    Ok(units)
}

/// [`read`], handing each unit to `visit` as it is read instead of keeping them: the file
/// is parsed one `<tu>` at a time.
pub(crate) fn read_each(text: &str, mut visit: impl FnMut(TmxUnit)) -> Result<(), FormatError> {
    let mut checked = false;
    let root = xml::parse_streaming(text, 2, |ancestors, tu| {
        let (root, parent) = (ancestors[0], ancestors[1]);
        if !checked {
            check_root(root)?;
            checked = true;
        }
        // Units of the first `<body>` only (one closed before this one would be a child of
        // the root by now).
        let in_body = parent.name == "body" && parent.ns == root.ns && root.child("body").is_none();
        if in_body && tu.name == "tu" && tu.ns == parent.ns {
            visit(read_tu(&tu)?);
        }
        Ok(())
    })
    .map_err(|e| match e {
        xml::StreamError::Xml(e) => FormatError::from(e),
        xml::StreamError::Visit(e) => e,
    })?;
    check_root(&root)?;
    root.child("body")
        .ok_or_else(|| at(&root, "a TMX document without <body>".into()))?;
    Ok(())
}

/// [`read_each`] on all cores: the `<tu>`s are read in parallel ([`xml::parse_parallel_at`]),
/// each handed to `map`, and what `map` gives comes back in document order. The result, or
/// the error, is the one [`read_each`] gives: the first XML error, then the root's, then the
/// first unit's in document order, then a missing `<body>`.
pub(crate) fn map_each<T: Send>(
    text: &str,
    map: impl Fn(TmxUnit) -> T + Sync,
) -> Result<Vec<T>, FormatError> {
    let parsed = xml::parse_parallel_at(text, 2, |root, ancestor, tu| {
        // Units of the first `<body>` only, as `read_each` takes them.
        let body = root
            .elements()
            .position(|e| e.name == "body" && e.ns == root.ns)?;
        (ancestor == body && tu.name == "tu" && tu.ns == root.ns).then(|| read_tu(&tu).map(&map))
    })?;
    check_root(&parsed.root)?;
    let mut mapped = Vec::with_capacity(parsed.children.len());
    for unit in parsed.children.into_iter().flatten() {
        mapped.push(unit?);
    }
    parsed
        .root
        .child("body")
        .ok_or_else(|| at(&parsed.root, "a TMX document without <body>".into()))?;
    Ok(mapped)
}

fn at(e: &Element, message: String) -> FormatError {
    FormatError {
        line: e.line,
        column: e.column,
        message,
    }
}

/// Checks that `root` is a `<tmx>` element of version 1.x.
fn check_root(root: &Element) -> Result<(), FormatError> {
    if root.name != "tmx" {
        return Err(at(root, format!("a <{}> document is not TMX", root.name)));
    }
    match root.attr("version") {
        Some(version) if version.starts_with("1.") => Ok(()),
        other => Err(at(
            root,
            format!(
                "TMX version {}: honyaku reads TMX 1.x",
                other.unwrap_or("(none)")
            ),
        )),
    }
}

/// One `<tu>`.
fn read_tu(tu: &Element) -> Result<TmxUnit, FormatError> {
    let prop = |kind: &str| {
        tu.children_named("prop")
            .find(|p| p.attr("type") == Some(kind))
            .map(plain_text)
    };
    let mut variants = Vec::new();
    for tuv in tu.children_named("tuv") {
        let lang = tuv
            .attr_ns(XML_NS, "lang")
            .or_else(|| tuv.attr("lang"))
            .ok_or_else(|| at(tuv, "a <tuv> without xml:lang".into()))?;
        let seg = tuv
            .child("seg")
            .ok_or_else(|| at(tuv, "a <tuv> without <seg>".into()))?;
        variants.push((lang.to_owned(), seg_text(seg)));
    }
    Ok(TmxUnit {
        tuid: tu.attr("tuid").map(str::to_owned),
        document: prop("x-document"),
        id: prop("x-id"),
        variants,
        line: tu.line,
    })
}

fn plain_text(element: &Element) -> String {
    element
        .children
        .iter()
        .filter_map(|n| match n {
            Node::Text(text) => Some(text.as_str()),
            Node::Element(_) => None,
        })
        .collect()
}

/// The text of a `<seg>`: its text and that of `<hi>` and `<sub>`, without inline codes.
fn seg_text(element: &Element) -> String {
    let mut out = String::new();
    for node in &element.children {
        match node {
            Node::Text(text) => out.push_str(text),
            Node::Element(e) if matches!(e.name.as_str(), "hi" | "sub") => {
                out.push_str(&seg_text(e));
            }
            Node::Element(_) => {}
        }
    }
    out
}

#[cfg(test)]
mod read_tests {
    use super::*;

    /// Read on all cores, a TMX document gives the units, or the first error, of a read from
    /// start to end: good files, units outside the first `<body>`, header children, and
    /// errors of every kind early and late.
    #[test]
    fn units_read_in_parallel_are_those_read_in_order() {
        let tu = |n: usize| {
            format!(
                "<tu tuid=\"{n}\"><prop type=\"x-document\">d</prop><prop type=\"x-id\">i{n}</prop>\n<tuv xml:lang=\"ja\"><seg>会議{n}</seg></tuv><tuv xml:lang=\"fr\"><seg>R&amp;union <hi>{n}</hi></seg></tuv></tu>\n"
            )
        };
        let units: String = (0..40).map(tu).collect();
        let head = r#"<?xml version="1.0"?>
<tmx version="1.4"><header srclang="ja" datatype="plaintext"><prop type="x">h</prop><note>n</note></header>
"#;
        let no_lang = "<tu><tuv><seg>x</seg></tuv></tu>\n";
        let no_seg = "<tu><tuv xml:lang=\"fr\"></tuv></tu>\n";
        let texts = [
            format!("{head}<body>\n{units}</body></tmx>"),
            format!("{head}<body/></tmx>"),
            format!("{head}</tmx>"),
            format!("{head}<body>{units}</body><body>{units}</body></tmx>"),
            format!("{head}<x><tu/></x><body>{units}<other/></body></tmx>"),
            format!("{head}<body>{units}{no_lang}{units}{no_seg}</body></tmx>"),
            format!("{head}<body>{units}{no_seg}{units}<tu><seg></body></tmx>"),
            format!("{head}<body>{units}<tu>&bad;</tu>{units}{no_lang}</body></tmx>"),
            format!("{head}<body>{units}</body></tmx><tmx/>"),
            format!("{head}<body>{units}</body>"),
            format!(
                "<?xml version=\"1.0\"?><tmx version=\"2.0\"><body>{units}{no_lang}</body></tmx>"
            ),
            "<?xml version=\"1.0\"?><tmx version=\"2.0\"><body/></tmx>".to_owned(),
            format!("<?xml version=\"1.0\"?><xliff><body>{units}</body></xliff>"),
            format!("<tmx xmlns:t=\"urn:t\" version=\"1.4\"><body>{units}<t:tu/></body></tmx>"),
            "<t:tmx xmlns:t=\"urn:t\" version=\"1.4\"><t:body><t:tu><t:tuv xml:lang=\"fr\"><t:seg>x</t:seg></t:tuv></t:tu><tu/></t:body></t:tmx>".to_owned(),
            format!(
                "{head}<body>{units}<tu><tuv xml:lang=\"fr\"><seg>x</seg></tuv></tu ></body></tmx>"
            ),
            format!(
                "{head}<body>{units}<tu><tuv xml:lang=\"fr\"><seg>x</seg></tuv></tux></body></tmx>"
            ),
        ];
        for text in &texts {
            let parallel = map_each(text, |unit| unit);
            assert_eq!(parallel, read(text), "{text}");
        }
        assert_eq!(read(&texts[0]).map(|u| u.len()), Ok(40));
        assert_eq!(read(&texts[3]).map(|u| u.len()), Ok(40));
    }

    #[test]
    fn language_tags_match_their_locale_its_regions_and_its_language() {
        let fr: Locale = "fr".parse().unwrap();
        let hans: Locale = "zh-Hans".parse().unwrap();
        for (tag, locale, matches) in [
            ("fr", &fr, true),
            ("FR", &fr, true),
            ("fr-FR", &fr, true),
            ("Fr-ca", &fr, true),
            ("fra", &fr, false),
            ("f", &fr, false),
            ("fr_FR", &fr, false),
            ("", &fr, false),
            ("zh-hans", &hans, true),
            ("zh-Hans-CN", &hans, true),
            ("zh", &hans, true),
            ("zh-Hant", &hans, false),
            ("zh-CN", &hans, true),
            ("zh-TW", &hans, false),
            ("zh-", &hans, false),
            ("ja", &fr, false),
        ] {
            assert_eq!(language_matches(tag, locale), matches, "{tag} / {locale}");
        }
    }

    #[test]
    fn reads_units_languages_and_text_without_inline_codes() {
        let units = read(
            r#"<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4"><header srclang="ja" datatype="plaintext" segtype="sentence" adminlang="en" creationtool="x" creationtoolversion="1" o-tmf="x"/>
<body>
  <tu tuid="7"><prop type="x-document">doc</prop><prop type="x-id">intro-1</prop>
    <tuv xml:lang="ja"><seg>会議を<ph>&lt;br/&gt;</ph>開催</seg></tuv>
    <tuv xml:lang="fr-FR"><seg>Réunion &amp; <hi>tenue</hi></seg></tuv>
  </tu>
</body></tmx>"#,
        )
        .unwrap();
        assert_eq!(units.len(), 1);
        assert_eq!(units[0].tuid.as_deref(), Some("7"));
        assert_eq!(units[0].document.as_deref(), Some("doc"));
        assert_eq!(units[0].id.as_deref(), Some("intro-1"));
        assert_eq!(
            units[0].variants,
            vec![
                ("ja".to_owned(), "会議を開催".to_owned()),
                ("fr-FR".to_owned(), "Réunion & tenue".to_owned())
            ]
        );
        assert_eq!(units[0].line, 4);
    }

    #[test]
    fn refuses_what_is_not_tmx_with_a_position() {
        let error = read("<xliff version=\"1.2\"/>").unwrap_err();
        assert!(error.message.contains("not TMX"), "{}", error.message);
        let error =
            read("<tmx version=\"1.4\"><body><tu><tuv><seg>x</seg></tuv></tu></body></tmx>")
                .unwrap_err();
        assert_eq!((error.line, error.column), (1, 30));
        assert!(error.message.contains("xml:lang"));
    }
}
