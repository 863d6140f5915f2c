//! The direction of dependencies: a module of `src/` may `use` only modules of its own layer
//! or of a lower one, in the order ARCHITECTURE.md gives ("Layers"), and no two modules may
//! depend on each other in a cycle. This test reads the source as text, so a new upward
//! import fails here with its file and line, and a new top-level module fails until it is
//! given a layer.
// Helpers of a test: a panic is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::Path;

/// One layer of the table: its name, its modules, and whether its modules may use each other.
#[derive(Debug)]
struct Layer {
    name: String,
    modules: Vec<String>,
    shared: bool,
}

/// The layer table of ARCHITECTURE.md: the fenced block after the `## Layers` heading, one
/// layer per line from the highest to the lowest, `name: module module …`, with `(shared)`
/// after the name where the modules of the layer may use each other.
fn layers(architecture: &str) -> Vec<Layer> {
    let section = architecture
        .split("\n## Layers")
        .nth(1)
        .expect("ARCHITECTURE.md has a `## Layers` section");
    let block = section
        .split("```")
        .nth(1)
        .expect("the Layers section holds a fenced block");
    let mut layers: Vec<Layer> = block
        .lines()
        .filter_map(|line| line.split_once(':'))
        .map(|(name, modules)| Layer {
            name: name.replace("(shared)", "").trim().to_owned(),
            shared: name.contains("(shared)"),
            modules: modules.split_whitespace().map(str::to_owned).collect(),
        })
        .collect();
    layers.reverse();
    layers
}

/// One reference from a file to another top-level module: `use crate::x`, `crate::x::…`, or
/// a module named in `use crate::{x, y::…}`.
#[derive(Debug)]
struct Reference {
    file: String,
    line: usize,
    to: String,
}

/// The code of a file without comments and without its test module (`#[cfg(test)]` at the
/// end of the file, or a whole `tests.rs`): tests may reach any stage.
fn code(path: &Path, text: &str) -> Vec<(usize, String)> {
    if path.file_name().is_some_and(|n| n == "tests.rs") {
        return Vec::new();
    }
    let mut lines = Vec::new();
    for (index, line) in text.lines().enumerate() {
        if line.trim_start().starts_with("#[cfg(test)]") {
            break;
        }
        let code = match line.find("//") {
            Some(at) => &line[..at],
            None => line,
        };
        lines.push((index + 1, code.to_owned()));
    }
    lines
}

fn references(root: &Path, path: &Path, modules: &BTreeSet<String>, out: &mut Vec<Reference>) {
    let text = fs::read_to_string(path).unwrap();
    let file = path.strip_prefix(root).unwrap().display().to_string();
    let lines = code(path, &text);
    // Join `use crate::{…}` groups that span lines, remembering the line they start on.
    let mut at = 0;
    while at < lines.len() {
        let (number, line) = &lines[at];
        let mut statement = line.clone();
        if line.contains("crate::{") {
            while !statement.contains('}') && at + 1 < lines.len() {
                at += 1;
                statement.push_str(&lines[at].1);
            }
        }
        for (offset, _) in statement.match_indices("crate::") {
            let rest = &statement[offset + "crate::".len()..];
            let names: Vec<String> = if let Some(group) = rest.strip_prefix('{') {
                let group = &group[..group.find('}').unwrap_or(group.len())];
                group
                    .split(',')
                    .filter_map(|item| item.trim().split("::").next())
                    .map(|name| name.trim().to_owned())
                    .collect()
            } else {
                let name: String = rest
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                    .collect();
                vec![name]
            };
            for to in names.into_iter().filter(|n| modules.contains(n)) {
                out.push(Reference {
                    file: file.clone(),
                    line: *number,
                    to,
                });
            }
        }
        at += 1;
    }
}

fn rust_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The top-level module a file of `src/` belongs to (`src/align/dp.rs` → `align`).
fn module_of(src: &Path, path: &Path) -> String {
    let relative = path.strip_prefix(src).unwrap();
    let first = relative.components().next().unwrap().as_os_str();
    Path::new(first)
        .file_stem()
        .unwrap()
        .to_string_lossy()
        .into_owned()
}

#[test]
fn no_stage_uses_a_higher_one_and_there_are_no_cycles() {
    let root = common::repo();
    let src = root.join("src");
    let layers = layers(&fs::read_to_string(root.join("ARCHITECTURE.md")).unwrap());
    let mut rank: BTreeMap<&str, usize> = BTreeMap::new();
    for (index, layer) in layers.iter().enumerate() {
        for module in &layer.modules {
            assert!(
                rank.insert(module, index).is_none(),
                "ARCHITECTURE.md lists `{module}` in two layers"
            );
        }
    }
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    files.sort();
    let modules: BTreeSet<String> = files.iter().map(|f| module_of(&src, f)).collect();
    let unplaced: Vec<&String> = modules
        .iter()
        .filter(|m| !rank.contains_key(m.as_str()))
        .collect();
    assert!(
        unplaced.is_empty(),
        "modules without a layer in ARCHITECTURE.md (## Layers): {unplaced:?}"
    );

    let mut problems = Vec::new();
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for path in &files {
        let from = module_of(&src, path);
        let mut found = Vec::new();
        references(&root, path, &modules, &mut found);
        for reference in found.into_iter().filter(|r| r.to != from) {
            let (a, b) = (rank[from.as_str()], rank[reference.to.as_str()]);
            let layer = &layers[a];
            if b > a {
                problems.push(format!(
                    "{}:{}: `{from}` ({}) uses `{}` ({}), a higher layer",
                    reference.file, reference.line, layer.name, reference.to, layers[b].name
                ));
            } else if b == a && !layer.shared {
                problems.push(format!(
                    "{}:{}: `{from}` uses `{}`, beside it in the {} layer (siblings share lower layers, not each other)",
                    reference.file, reference.line, reference.to, layer.name
                ));
            }
            graph.entry(from.clone()).or_default().insert(reference.to);
        }
    }
    // Cycles, within shared layers too: depth-first search for a back edge.
    fn visit(
        node: &str,
        graph: &BTreeMap<String, BTreeSet<String>>,
        state: &mut BTreeMap<String, u8>,
        path: &mut Vec<String>,
        cycles: &mut Vec<String>,
    ) {
        state.insert(node.to_owned(), 1);
        path.push(node.to_owned());
        for next in graph.get(node).into_iter().flatten() {
            match state.get(next.as_str()) {
                Some(1) => {
                    let start = path.iter().position(|p| p == next).unwrap_or(0);
                    cycles.push(format!("{} → {next}", path[start..].join(" → ")));
                }
                Some(_) => {}
                None => visit(next, graph, state, path, cycles),
            }
        }
        path.pop();
        state.insert(node.to_owned(), 2);
    }
    let mut state = BTreeMap::new();
    let mut cycles = Vec::new();
    for node in graph.keys() {
        if !state.contains_key(node) {
            visit(node, &graph, &mut state, &mut Vec::new(), &mut cycles);
        }
    }
    problems.extend(cycles.into_iter().map(|c| format!("cycle: {c}")));
    assert!(
        problems.is_empty(),
        "dependencies against the layers of ARCHITECTURE.md:\n{}",
        problems.join("\n")
    );
}

/// The checker itself: an upward reference, a sibling one, a grouped one and one in a
/// comment or a test module are told apart.
#[test]
fn references_are_read_from_code_only() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("x.rs");
    fs::write(
        &path,
        "use crate::{\n    a::One,\n    b,\n};\n// crate::c is only mentioned\nfn f() { crate::d::g(); }\n#[cfg(test)]\nmod tests { use crate::e; }\n",
    )
    .unwrap();
    let modules: BTreeSet<String> = ["a", "b", "c", "d", "e"].map(String::from).into();
    let mut found = Vec::new();
    references(dir.path(), &path, &modules, &mut found);
    let seen: Vec<(usize, &str)> = found.iter().map(|r| (r.line, r.to.as_str())).collect();
    assert_eq!(seen, [(1, "a"), (1, "b"), (6, "d")]);
    let table = layers("# A\n\n## Layers\n\n```\napp (shared): x y\nlow: z\n```\n");
    assert_eq!(table[0].modules, ["z"]);
    assert!(table[1].shared);
}
