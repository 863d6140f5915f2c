//! The language server rechecks only the entries a change touched (`lsp::analysis::Memo`):
//! after every one of a run of random edits to a translation catalog — typing in values,
//! breaking and restoring figures, adding and deleting lines, uncommenting slots, editing
//! terms and stale marks, duplicate ids — its diagnostics must equal those of a server that
//! opens the same text fresh.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "tests: a failure here is a failed property"
)]

mod common;

use std::fs;
use std::path::Path;

use lsp_server::{Message, Notification, Request};
use proptest::prelude::*;
use serde_json::{Value, json};

use honyaku::lsp::Server;

/// Paragraphs with figures, a URL and a phone number; the second version changes three of
/// them so that their translations turn stale.
fn sources(revised: bool) -> (String, String) {
    let mut ja = String::new();
    let mut en = String::new();
    for i in 0..12 {
        let year = if revised && i % 4 == 1 { 2023 } else { 2021 };
        ja.push_str(&format!(
            "第{i}回の会議は{year}年{}月{}日に開かれ、{}件の意見がありました。\n\n",
            i % 12 + 1,
            i + 3,
            i * 7 + 2
        ));
        en.push_str(&format!(
            "Meeting {i} was held on {} {}, {year}, with {} comments.\n\n",
            honyaku::figures::MONTHS[i % 12],
            i + 3,
            i * 7 + 2
        ));
    }
    ja.push_str("詳細はhttps://www.example.go.jp/aを参照（電話03-1234-5678）。\n");
    en.push_str("See https://www.example.go.jp/a (phone 03-1234-5678).\n");
    (ja, en)
}

fn write_sources(root: &Path, revised: bool) {
    let (ja, en) = sources(revised);
    for (locale, text) in [("ja", ja), ("en", en)] {
        fs::create_dir_all(root.join("source_texts").join(locale)).unwrap();
        fs::write(root.join(format!("source_texts/{locale}/doc.txt")), text).unwrap();
    }
}

/// A project whose French catalog has translated, stale, missing and commented-out entries,
/// a term, and a translation with a wrong year.
fn project(root: &Path) -> String {
    write_sources(root, false);
    fs::create_dir_all(root.join("locales/fr")).unwrap();
    let sync = || {
        let (project, _) = honyaku::project::Project::open(root).unwrap();
        honyaku::catalog::sync(&project, true).unwrap();
    };
    sync();
    let catalog = root.join("locales/fr/doc.ftl");
    let text = fs::read_to_string(&catalog).unwrap();
    let mut out = String::new();
    let mut english = String::new();
    let mut slot = 0;
    for line in text.lines() {
        if let Some(en) = line.strip_prefix("# en: ") {
            english = en.to_owned();
        }
        match line.strip_prefix("# ").and_then(|l| l.strip_suffix(" =")) {
            Some(id) if !id.contains(' ') => {
                slot += 1;
                let french = english
                    .replace("Meeting", "Réunion")
                    .replace("was held on", "tenue le")
                    .replace("with", "avec")
                    .replace("comments", "commentaires");
                match slot % 5 {
                    0 => out.push_str(&format!("# {id} =\n")),
                    1 => out.push_str(&format!("# {id} = {french}\n")),
                    2 => out.push_str(&format!(
                        "{id} = {} {{ -brand }}\n",
                        french.replace("2021", "2020")
                    )),
                    _ => out.push_str(&format!("{id} = {french}\n")),
                }
            }
            _ => {
                out.push_str(line);
                out.push('\n');
            }
        }
    }
    out.push_str("\n-brand = MIC\n");
    fs::write(&catalog, &out).unwrap();
    sync();
    write_sources(root, true);
    sync();
    fs::read_to_string(&catalog).unwrap()
}

fn notification(method: &str, params: Value) -> Message {
    Message::Notification(Notification {
        method: method.to_owned(),
        params,
    })
}

fn started() -> Server {
    let mut server = Server::new();
    server.handle(Message::Request(Request {
        id: 0.into(),
        method: String::from("initialize"),
        params: json!({ "capabilities": {} }),
    }));
    server.handle(notification("initialized", json!({})));
    server
}

fn diagnostics(step: &honyaku::lsp::Step) -> Value {
    let publish = step
        .out
        .iter()
        .find(|m| m["method"] == "textDocument/publishDiagnostics")
        .expect("diagnostics published");
    publish["params"]["diagnostics"].clone()
}

/// Text a translator might type or paste.
const SNIPPETS: &[&str] = &[
    "x",
    "2022",
    "3",
    " ",
    "https://www.example.go.jp/b",
    "{ -brand }",
    "{ -nope }",
    "{ $count }",
    "（",
    "{ intro-3 }",
    "# ",
    "\n",
    "\n\n",
    "= ",
    "-",
    "# stale\n",
    "extra = Bonjour 2021\n",
    "## section\n",
    "令和3年",
];

/// What an edit does to its line.
#[derive(Debug, Clone, Copy)]
enum Edit {
    /// Types a snippet at the end of the line, after ` = `, or at its start.
    Type { snippet: usize, at: usize },
    /// Deletes the line.
    Delete,
    /// Writes the line twice.
    Duplicate,
    /// `# id = text` ↔ `id = text`, and `# id =` → `id = Bonjour`.
    Toggle,
    /// Changes a year.
    Year,
    /// Deletes one character.
    Cut { at: usize },
}

fn edit_kind(kind: usize, at: usize) -> Edit {
    match kind % 9 {
        0..=3 => Edit::Type {
            snippet: kind / 9 % SNIPPETS.len(),
            at: at % 3,
        },
        4 => Edit::Delete,
        5 => Edit::Duplicate,
        6 => Edit::Toggle,
        7 => Edit::Year,
        _ => Edit::Cut { at },
    }
}

/// One edit of a line (taken modulo the text's lines).
fn edit(text: &str, line: usize, edit: Edit) -> String {
    let mut lines: Vec<String> = text.split_inclusive('\n').map(str::to_owned).collect();
    if lines.is_empty() {
        lines.push(String::new());
    }
    let line = line % lines.len();
    let current = lines[line].clone();
    let body = current.trim_end_matches('\n');
    let ending = &current[body.len()..];
    lines[line] = match edit {
        Edit::Type { snippet, at } => {
            let at = match at {
                0 => body.len(),
                1 => body.find(" = ").map_or(body.len(), |i| i + 3),
                _ => 0,
            };
            format!(
                "{}{}{}{ending}",
                &body[..at],
                SNIPPETS[snippet],
                &body[at..]
            )
        }
        Edit::Delete => String::new(),
        Edit::Duplicate => current.repeat(2),
        Edit::Toggle => match body.strip_prefix("# ") {
            Some(rest) if rest.ends_with(" =") => format!("{rest} Bonjour{ending}"),
            Some(rest) => format!("{rest}{ending}"),
            None => format!("# {current}"),
        },
        Edit::Year => {
            if current.contains("2021") {
                current.replace("2021", "2019")
            } else {
                current.replace("2019", "2021").replace("2020", "2021")
            }
        }
        Edit::Cut { at } => {
            let chars: Vec<(usize, char)> = body.char_indices().collect();
            match chars.get(at % chars.len().max(1)) {
                Some(&(i, c)) => format!("{}{}", &current[..i], &current[i + c.len_utf8()..]),
                None => current,
            }
        }
    };
    lines.concat()
}

/// Applies the edits one by one, comparing diagnostics each time; returns how many of the
/// edited texts parsed (the rest exercise only the syntax path).
fn run(edits: &[(usize, Edit)]) -> usize {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    let mut text = project(root);
    let uri = format!("file://{}", root.join("locales/fr/doc.ftl").display());
    let open = |server: &mut Server, text: &str| {
        diagnostics(&server.handle(notification(
            "textDocument/didOpen",
            json!({ "textDocument": { "uri": uri, "languageId": "fluent", "version": 1, "text": text } }),
        )))
    };
    let mut server = started();
    let first = open(&mut server, &text);
    let codes: Vec<&str> = first
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|d| d["code"].as_str())
        .collect();
    for code in ["stale", "missing", "commented-translation", "numbers"] {
        assert!(codes.contains(&code), "the fixture shows {code}: {codes:?}");
    }
    let mut parsed = 0;
    for (version, &(line, change)) in edits.iter().enumerate() {
        text = edit(&text, line, change);
        let changed = diagnostics(&server.handle(notification(
            "textDocument/didChange",
            json!({
                "textDocument": { "uri": uri, "version": version + 2 },
                "contentChanges": [{ "text": text }],
            }),
        )));
        let fresh = open(&mut started(), &text);
        assert_eq!(
            changed, fresh,
            "after edit {version} ({line}, {change:?}) the diagnostics differ from a fresh analysis of:\n{text}"
        );
        let syntax = fresh
            .as_array()
            .unwrap()
            .iter()
            .any(|d| d["code"] == "syntax");
        parsed += usize::from(!syntax);
    }
    parsed
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    #[test]
    fn incremental_diagnostics_equal_a_fresh_analysis(
        edits in proptest::collection::vec((0..200usize, 0..400usize, 0..80usize), 1..24)
    ) {
        let edits: Vec<(usize, Edit)> = edits
            .into_iter()
            .map(|(line, kind, at)| (line, edit_kind(kind, at)))
            .collect();
        run(&edits);
    }
}

/// Edits chosen to cross what the recheck treats specially: a slot filled, a term renamed
/// (every reference changes), a duplicate id and its removal, a section heading, a message
/// reference; and most edited texts parse, so the recheck itself is what is compared.
#[test]
fn edits_that_reach_other_entries() {
    let dir = tempfile::tempdir().unwrap();
    let text = project(dir.path());
    let find = |wanted: &dyn Fn(&str) -> bool| text.lines().position(wanted).unwrap();
    let brand = find(&|l| l.starts_with("-brand"));
    let slot = find(&|l| {
        l.strip_prefix("# ")
            .and_then(|l| l.strip_suffix(" ="))
            .is_some_and(|id| !id.contains(' '))
    });
    let value = find(&|l| l.starts_with("intro-") && l.contains(" = Réunion 2 "));
    let snippet = |s: &str| SNIPPETS.iter().position(|x| *x == s).unwrap();
    drop(dir);
    let typed = |s: &str, at| Edit::Type {
        snippet: snippet(s),
        at,
    };
    let edits = [
        (slot, Edit::Toggle),              // the slot filled
        (slot, typed("2022", 0)),          // a figure the source lacks
        (brand, typed("x", 2)),            // `x-brand`: a broken term
        (brand, Edit::Cut { at: 0 }),      // and back
        (brand, Edit::Toggle),             // `# -brand`: every `{ -brand }` is unknown
        (brand, Edit::Toggle),             // and back
        (value, Edit::Duplicate),          // a duplicate id
        (value, Edit::Delete),             // and gone again
        (value, Edit::Year),               // a year changed
        (value, typed("{ intro-3 }", 1)),  // a message reference
        (value + 4, Edit::Toggle),         // a translation commented out
        (value, typed("## section\n", 2)), // a section heading
        (value, Edit::Delete),
        (value, typed("extra = Bonjour 2021\n", 2)), // a message of the translator's own
        (value, Edit::Delete),                       // and gone
    ];
    let parsed = run(&edits);
    assert!(parsed >= 9, "most edits keep the catalog parsing: {parsed}");
}
