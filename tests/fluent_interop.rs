//! Checks honyaku's Fluent files against Mozilla's python-fluent, the reference
//! implementation: every value `write_message` writes must read back byte-exact there too,
//! not only in fluent-rs, since translators' tools may use either.
//!
//! Needs `python3` with `pip install fluent.syntax fluent.runtime`; without them the tests
//! skip locally and fail when the `CI` variable is set.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "tests and benchmarks: a failure here is a failed run, not a crash on user data"
)]

use std::path::Path;
use std::process::{Command, Output};

use honyaku::catalog::ftl::{self, EntryKind};
use honyaku::catalog::value::write_message;
use serde_json::Value;

fn python_fluent_available() -> bool {
    let found = Command::new("python3")
        .args(["-c", "import fluent.syntax, fluent.runtime"])
        .output()
        .is_ok_and(|out| out.status.success());
    if !found {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI needs python3 with fluent.syntax and fluent.runtime \
             (pip install fluent.syntax fluent.runtime)"
        );
        eprintln!("skipped: python3 with fluent.syntax and fluent.runtime is not installed");
    }
    found
}

fn run_check(dir: &Path) -> std::io::Result<Output> {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("scripts/fluent_py_check.py");
    Command::new("python3").arg(script).arg(dir).output()
}

/// Every escape rule of `write_message`, one case or more each.
fn escape_cases() -> Vec<String> {
    let mut cases: Vec<String> = [
        "",
        "plain sentence.",
        "政府は本日、新たな方針を発表した。",
        "{",
        "}",
        "a{b}c",
        "{}{}",
        " leading",
        "trailing ",
        "  both  ",
        "\nleading newline",
        "trailing newline\n",
        "\n\n",
        " \n ",
        "two\nlines",
        "blank\n\nline",
        "line\n  indented",
        "spaces before break  \nnext",
        "line\n \nonly a space",
        "a\n.attribute-like",
        "a\n[variant-like]",
        "a\n*[default-like]",
        "a\n}",
        ".first",
        "[first]",
        "*first",
        ".a\n.b",
        "cr\rin the middle",
        "crlf\r\nline",
        "\r\n",
        "tab\there",
        "\u{0}\u{1}\u{1F}\u{7F}\u{80}\u{85}\u{9F}",
        "\u{B}\u{C}\u{1C}\u{1D}\u{1E}",
        "\u{FEFF}bom",
        "line\u{2028}separator\u{2029}paragraph",
        "bidi \u{202E}override\u{202C} \u{2066}isolate\u{2069} \u{200F}",
        "nbsp\u{A0}and\u{3000}ideographic",
        "quote \" and backslash \\",
        " \"quoted\\ ",
        "\\{",
        "\\u0041 is not an escape in text",
        "emoji 😀👩\u{200D}💻🇯🇵",
        "# not a comment\n- not a term\nid = not a message",
        "$var and { $var }",
        "\u{10FFFF}\u{E000}\u{FFFD}",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    cases.push("{a".repeat(150));
    cases.push("\t".repeat(300));
    cases.push("x\n ".repeat(120));
    cases
}

/// Deterministic random texts over the characters the rules care about, so the test is
/// reproducible without proptest's shrinking (one python run checks them all).
fn random_cases(count: usize) -> Vec<String> {
    const ALPHABET: &[char] = &[
        ' ', ' ', '\n', '\n', '\r', '\t', '{', '}', '[', ']', '*', '.', '"', '\\', '#', '-', '=',
        '$', '\u{0}', '\u{85}', '\u{A0}', '\u{FEFF}', '\u{2028}', '\u{3000}', '本', '。', '😀',
        'a', 'b', 'Z',
    ];
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    (0..count)
        .map(|_| {
            let len = (next() % 40) as usize;
            (0..len)
                .map(|_| ALPHABET[(next() % ALPHABET.len() as u64) as usize])
                .collect()
        })
        .collect()
}

#[test]
fn python_fluent_reads_written_values_exactly() {
    if !python_fluent_available() {
        return;
    }
    let cases: Vec<String> = escape_cases()
        .into_iter()
        .chain(random_cases(400))
        .collect();
    let source: String = cases
        .iter()
        .enumerate()
        .map(|(i, text)| write_message(&format!("case-{i}"), text))
        .collect();
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join("nasty.ftl"), &source).expect("write ftl");

    let out = run_check(dir.path()).expect("run python3");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "python-fluent: {stderr}");
    let json: Value = serde_json::from_slice(&out.stdout).expect("json");
    let values = json["nasty.ftl"].as_object().expect("nasty.ftl in output");

    // fluent-rs, through honyaku's own reader, must agree with the same file.
    let file = ftl::parse(&source).unwrap_or_else(|e| panic!("fluent-rs: {e:?}"));
    let rust_values: Vec<(&str, &Option<String>)> = file
        .entries
        .iter()
        .filter_map(|e| match &e.kind {
            EntryKind::Message { id, value, .. } => Some((id.as_str(), value)),
            _ => None,
        })
        .collect();
    assert_eq!(rust_values.len(), cases.len());

    let mut disagreements = Vec::new();
    for (i, text) in cases.iter().enumerate() {
        let id = format!("case-{i}");
        let python = values.get(&id).and_then(Value::as_str);
        if python != Some(text.as_str()) {
            disagreements.push(format!(
                "{id}: wrote {text:?}, python-fluent read {python:?}\n{}",
                write_message(&id, text)
            ));
        }
        assert_eq!(rust_values[i].0, id);
        assert_eq!(
            rust_values[i].1.as_deref(),
            Some(text.as_str()),
            "fluent-rs, {id}"
        );
    }
    assert!(disagreements.is_empty(), "{}", disagreements.join("\n"));
}

#[test]
fn python_fluent_check_fails_on_junk() {
    if !python_fluent_available() {
        return;
    }
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join("good.ftl"), "a = fine\n").expect("write ftl");
    std::fs::write(dir.path().join("bad.ftl"), "a = fine\nb = not } fine\n").expect("write ftl");
    let out = run_check(dir.path()).expect("run python3");
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("bad.ftl:2:9:"), "{stderr}");
}

/// Every shipped catalog reads the same under python-fluent as under honyaku's reader: each
/// plain message value, id by id, and nothing that one sees and the other does not.
#[test]
fn shipped_catalogs_read_the_same_under_python_fluent() {
    if !python_fluent_available() {
        return;
    }
    let locales = Path::new(env!("CARGO_MANIFEST_DIR")).join("locales");
    let out = run_check(&locales).expect("run python3");
    assert!(
        out.status.success(),
        "python-fluent: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let json: Value = serde_json::from_slice(&out.stdout).expect("json");
    let files = json.as_object().expect("object of files");
    let mut compared = 0;
    for (path, python_values) in files {
        let source = std::fs::read_to_string(locales.join(path)).expect("read catalog");
        let file = ftl::parse(&source).unwrap_or_else(|e| panic!("{path}: {e:?}"));
        let rust_values: serde_json::Map<String, Value> = file
            .entries
            .iter()
            .filter_map(|e| match &e.kind {
                EntryKind::Message {
                    id,
                    value: Some(value),
                    ..
                } => Some((id.clone(), Value::from(value.as_str()))),
                _ => None,
            })
            .collect();
        assert_eq!(python_values.as_object(), Some(&rust_values), "{path}");
        compared += rust_values.len();
    }
    assert!(
        files.len() >= 12 && compared > 300,
        "{} files, {compared} values",
        files.len()
    );
}
