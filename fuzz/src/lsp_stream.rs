//! The language server's "never down" property, shared by the cargo-fuzz target
//! `lsp_stream` and the proptest suite `tests/lsp_stream.rs` (which includes this file): any
//! byte stream — well-formed requests on a real project's catalog with fuzzed text, ranges
//! and positions, mixed with garbage frames, bad JSON, unknown methods and bad parameters —
//! is served to its end without an I/O error, a panic or an internal error, every output
//! frame is valid JSON-RPC, and every request read gets exactly one response.

use std::collections::BTreeSet;
use std::fs;
use std::io::{BufRead, BufReader, Cursor};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use serde_json::{Value, json};

const JA: &str = "令和3年3月26日\n\n総務省は、5G基地局を2万1,000局整備しました。\n\n詳細は https://example.go.jp/ をご覧ください。\n";
const EN: &str = "March 26, 2021\n\nMIC has deployed 21,000 5G base stations.\n\nFor details, see https://example.go.jp/.\n";

/// A small synced project with a French catalog, made once per process.
pub fn project() -> &'static Path {
    static ROOT: OnceLock<PathBuf> = OnceLock::new();
    ROOT.get_or_init(|| {
        let dir = std::env::temp_dir().join(format!("honyaku-lsp-fuzz-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        for (path, text) in [("source_texts/ja/d.txt", JA), ("source_texts/en/d.txt", EN)] {
            let path = dir.join(path);
            fs::create_dir_all(path.parent().unwrap()).unwrap();
            fs::write(path, text).unwrap();
        }
        fs::create_dir_all(dir.join("locales/fr")).unwrap();
        let (project, _) = honyaku::project::Project::open(&dir).unwrap();
        honyaku::catalog::sync(&project, true).unwrap();
        dir
    })
}

fn frame(body: &[u8]) -> Vec<u8> {
    let mut out = format!("Content-Length: {}\r\n\r\n", body.len()).into_bytes();
    out.extend_from_slice(body);
    out
}

fn message(value: Value) -> Vec<u8> {
    frame(value.to_string().as_bytes())
}

/// The fuzzer's bytes, read one at a time.
struct Bytes<'a> {
    data: &'a [u8],
    at: usize,
}

impl Bytes<'_> {
    fn next(&mut self) -> Option<u8> {
        let byte = self.data.get(self.at).copied();
        self.at += 1;
        byte
    }

    /// Up to `n % 24` bytes as text, without `:` (so no generated text passes for a header).
    fn text(&mut self, n: u8) -> String {
        let chunk: Vec<u8> = (0..n % 24)
            .filter_map(|_| self.next())
            .filter(|b| *b != b':')
            .collect();
        String::from_utf8_lossy(&chunk).into_owned()
    }
}

/// Turns fuzzer bytes into a client's byte stream.
pub fn stream(data: &[u8]) -> Vec<u8> {
    let root = project();
    let catalog = root.join("locales/fr/d.ftl");
    let base = fs::read_to_string(&catalog).unwrap();
    let uris = [
        format!("file://{}", catalog.display()),
        format!("file://{}/locales/fr/elsewhere.ftl", root.display()),
        String::from("file:///nonexistent/x.ftl"),
        String::from("untitled:Untitled-1"),
    ];
    let mut out = Vec::new();
    let mut bytes = Bytes { data, at: 0 };
    let encodings = if data.first().is_some_and(|b| b & 1 == 1) {
        json!(["utf-8", "utf-16"])
    } else {
        json!(["utf-16"])
    };
    out.extend(message(json!({
        "jsonrpc": "2.0", "id": 0, "method": "initialize",
        "params": { "capabilities": { "general": { "positionEncodings": encodings } } }
    })));
    out.extend(message(
        json!({"jsonrpc": "2.0", "method": "initialized", "params": {}}),
    ));
    let mut id = 1;
    while let Some(op) = bytes.next() {
        let uri = &uris[[0, 0, 0, 1, 2, 3][usize::from(bytes.next().unwrap_or(0) % 6)]];
        let position = |line: Option<u8>, character: Option<u8>| json!({ "line": line.unwrap_or(0) % 40, "character": character.unwrap_or(0) % 90 });
        let request = |id: i32, method: &str, params: Value| {
            message(json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}))
        };
        match op % 13 {
            0 => {
                // A raw frame or raw bytes.
                let n = bytes.next().unwrap_or(0);
                let raw = bytes.text(n).into_bytes();
                if n & 1 == 0 {
                    out.extend(frame(&raw));
                } else {
                    out.extend(raw);
                    out.extend(b"\r\n\r\n");
                }
            }
            1 | 2 => {
                let n = bytes.next().unwrap_or(0);
                let at = usize::from(bytes.next().unwrap_or(0)) * base.len() / 256;
                let mut at = at.min(base.len());
                while !base.is_char_boundary(at) {
                    at -= 1;
                }
                let inserted = bytes.text(n);
                let doc = format!("{}{}{}", &base[..at], inserted, &base[at..]);
                out.extend(message(json!({
                    "jsonrpc": "2.0", "method": "textDocument/didOpen",
                    "params": { "textDocument": { "uri": uri, "languageId": "fluent", "version": id, "text": doc } }
                })));
            }
            3 | 4 => {
                let (a, b, c, d) = (bytes.next(), bytes.next(), bytes.next(), bytes.next());
                let n = bytes.next().unwrap_or(0);
                out.extend(message(json!({
                    "jsonrpc": "2.0", "method": "textDocument/didChange",
                    "params": {
                        "textDocument": { "uri": uri, "version": id },
                        "contentChanges": [{ "range": { "start": position(a, b), "end": position(c, d) }, "text": bytes.text(n) }]
                    }
                })));
            }
            5 => {
                let p = position(bytes.next(), bytes.next());
                out.extend(request(
                    id,
                    "textDocument/hover",
                    json!({"textDocument": {"uri": uri}, "position": p}),
                ));
            }
            6 => {
                let range = json!({"start": position(bytes.next(), bytes.next()), "end": position(bytes.next(), bytes.next())});
                out.extend(request(id, "textDocument/codeAction", json!({"textDocument": {"uri": uri}, "range": range, "context": {"diagnostics": []}})));
            }
            7 => {
                let p = position(bytes.next(), bytes.next());
                out.extend(request(
                    id,
                    "textDocument/completion",
                    json!({"textDocument": {"uri": uri}, "position": p}),
                ));
            }
            8 => {
                let p = position(bytes.next(), bytes.next());
                out.extend(request(
                    id,
                    "textDocument/definition",
                    json!({"textDocument": {"uri": uri}, "position": p}),
                ));
            }
            9 => out.extend(request(
                id,
                "textDocument/documentSymbol",
                json!({"textDocument": {"uri": uri}}),
            )),
            10 => out.extend(request(id, "honyaku/unknown", json!({}))),
            11 => out.extend(request(id, "textDocument/hover", json!(5))),
            _ => out.extend(message(json!({
                "jsonrpc": "2.0", "method": "textDocument/didClose",
                "params": { "textDocument": { "uri": uri } }
            }))),
        }
        id += 1;
    }
    out.extend(message(
        json!({"jsonrpc": "2.0", "id": id, "method": "shutdown"}),
    ));
    out.extend(message(json!({"jsonrpc": "2.0", "method": "exit"})));
    out
}

/// Serves a stream and checks the property; panics naming what broke. With `all_answered`,
/// every request frame of the input must have been answered (only for generated streams:
/// raw bytes may hide a frame inside another's declared length).
pub fn check_stream(input: &[u8], all_answered: bool) {
    let mut output = Vec::new();
    let code = honyaku::lsp::serve(&mut Cursor::new(input), &mut output)
        .unwrap_or_else(|e| panic!("the server stopped with an I/O error: {e}"));
    assert!(code == 0 || code == 1, "exit code {code}");
    let mut reader = BufReader::new(output.as_slice());
    let mut answered = BTreeSet::new();
    loop {
        let mut length = None;
        loop {
            let mut line = String::new();
            if reader.read_line(&mut line).unwrap() == 0 {
                break;
            }
            if line == "\r\n" {
                break;
            }
            let value = line
                .strip_prefix("Content-Length: ")
                .expect("a Content-Length header");
            length = Some(value.trim().parse::<usize>().unwrap());
        }
        let Some(length) = length else { break };
        let mut body = vec![0; length];
        std::io::Read::read_exact(&mut reader, &mut body).unwrap();
        let value: Value = serde_json::from_slice(&body).expect("output frames are JSON");
        assert_eq!(value["jsonrpc"], "2.0");
        if value["method"] == "window/logMessage" {
            let message = value["params"]["message"].as_str().unwrap_or_default();
            assert!(!message.contains("internal error"), "{value}");
        }
        if let Some(error) = value.get("error") {
            assert_ne!(error["code"], -32603, "internal error: {value}");
        }
        if value.get("method").is_none() {
            if let Some(id) = value["id"].as_i64() {
                assert!(answered.insert(id), "request {id} answered twice");
            }
        }
    }
    if !all_answered {
        return;
    }
    let requested = requests(input);
    for id in &requested {
        assert!(answered.contains(id), "request {id} got no answer");
    }
}

/// Ids of the requests in a stream that are valid frames of valid JSON.
fn requests(input: &[u8]) -> Vec<i64> {
    let mut ids = Vec::new();
    let text = String::from_utf8_lossy(input);
    for piece in text.split("Content-Length: ").skip(1) {
        let Some((length, rest)) = piece.split_once("\r\n\r\n") else {
            continue;
        };
        let Ok(length) = length.trim().parse::<usize>() else {
            continue;
        };
        let Some(body) = rest.get(..length) else {
            continue;
        };
        if let Ok(value) = serde_json::from_str::<Value>(body) {
            if let (Some(id), Some(_)) = (value["id"].as_i64(), value.get("method")) {
                ids.push(id);
            }
        }
    }
    ids
}

/// The fuzz entry point: structured streams from the fuzzer's bytes, and the raw bytes too.
pub fn fuzz_lsp_stream(data: &[u8]) {
    check_stream(&stream(data), true);
    check_stream(data, false);
}
