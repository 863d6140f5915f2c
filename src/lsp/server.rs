//! The server's state machine: one JSON-RPC message in, the messages to send out. No I/O and
//! no threads here, so tests, the fuzz target and the benchmark drive it directly; a request
//! is answered before the next message is read, and a diagnostics run takes milliseconds.

use std::cell::RefCell;
use std::collections::HashMap;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::rc::Rc;

use lsp_server::{Message, Notification, Request, RequestId};
use lsp_types as lsp;
use serde::de::DeserializeOwned;
use serde_json::{Value, json};

use crate::catalog::notes::Note;
use crate::catalog::plan::Unit;
use crate::catalog::state::EntryState;
use crate::catalog::{self, Prepared};
use crate::diff::{self, InlineTag};
use crate::error::Severity;
use crate::fsio::{self, ReadError, Stat};
use crate::locale::Locale;
use crate::memory::{self, Memory, Open, Want};
use crate::project::{LOCALES_DIR, Project, SOURCE_DIR};
use crate::qa::numbers;

use super::analysis::{self, Analysis, Context, Item, ItemKind, Problem};
use super::position::{Encoding, LineIndex};

/// JSON-RPC error codes the server answers with.
mod code {
    pub(super) const INVALID_REQUEST: i32 = -32600;
    pub(super) const METHOD_NOT_FOUND: i32 = -32601;
    pub(super) const INVALID_PARAMS: i32 = -32602;
    pub(super) const INTERNAL_ERROR: i32 = -32603;
    pub(super) const SERVER_NOT_INITIALIZED: i32 = -32002;
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Phase {
    Starting,
    Running,
    ShutDown,
}

/// What handling one message produced.
#[derive(Debug, Default)]
pub struct Step {
    /// Messages to send, in order.
    pub out: Vec<Value>,
    /// The exit code once the client said `exit`.
    pub exit: Option<i32>,
}

/// Where an open catalog sits in its project.
#[derive(Debug, Clone)]
struct Place {
    root: PathBuf,
    locale: Locale,
    doc: String,
}

#[derive(Debug)]
struct OpenDocument {
    text: String,
    index: LineIndex,
    version: i32,
    place: Option<Place>,
    analysis: Analysis,
    /// The last analysis of a translation catalog, for rechecking only what a change touched.
    memo: Option<analysis::Memo>,
    /// Problems not from the text: the file on disk is not UTF-8, it is outside a project…
    notices: Vec<Problem>,
}

/// A document's plan, kept between changes while its inputs on disk stay as they were.
#[derive(Debug)]
struct Planned {
    prepared: Option<Prepared>,
    /// Why the document could not be planned.
    problems: Vec<String>,
    inputs: Vec<(PathBuf, Option<Stat>)>,
    units: HashMap<String, usize>,
    /// A number no other plan made by this process has (see `analysis::Context::plan`).
    generation: u64,
}

/// The number of the next plan made.
static PLANS: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);

fn next_plan() -> u64 {
    PLANS.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
}

#[derive(Debug)]
struct Workspace {
    project: Project,
    documents: HashMap<String, Planned>,
    /// The translation memory of each target locale, loaded on the first hover or code
    /// action that needs it (from `.honyaku/memory/`, planning only changed documents) and
    /// kept while the server runs.
    memories: RefCell<HashMap<Locale, Rc<Memory>>>,
}

/// The language server.
#[derive(Debug)]
pub struct Server {
    phase: Phase,
    encoding: Encoding,
    documents: HashMap<String, OpenDocument>,
    workspaces: HashMap<PathBuf, Workspace>,
}

impl Default for Server {
    fn default() -> Self {
        Server::new()
    }
}

/// A request that cannot be answered, as its error response.
struct Failure {
    code: i32,
    message: String,
}

fn failure(code: i32, message: impl Into<String>) -> Failure {
    Failure {
        code,
        message: message.into(),
    }
}

type Answer = Result<Value, Failure>;

impl Server {
    /// A server before `initialize`, with no project open.
    pub fn new() -> Server {
        Server {
            phase: Phase::Starting,
            encoding: Encoding::Utf16,
            documents: HashMap::new(),
            workspaces: HashMap::new(),
        }
    }

    /// Handles one message from the client.
    pub fn handle(&mut self, message: Message) -> Step {
        let mut step = Step::default();
        match message {
            Message::Request(request) => {
                let id = request.id.clone();
                let answer = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                    self.request(request)
                }))
                .unwrap_or_else(|_| {
                    Err(failure(
                        code::INTERNAL_ERROR,
                        "internal error while answering (a bug in honyaku; the server keeps running)",
                    ))
                });
                step.out.insert(0, response(&id, answer));
            }
            Message::Notification(notification) => {
                let handled = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                    self.notification(notification, &mut step)
                }));
                if handled.is_err() {
                    step.out.push(log_message(
                        "internal error while handling a notification (a bug in honyaku; the server keeps running)",
                    ));
                }
            }
            // Nothing is ever asked of the client that needs its answer.
            Message::Response(_) => {}
        }
        step
    }

    /// The answer to a frame that was not a message.
    pub fn malformed(code: i32, reason: &str, id: Option<RequestId>) -> Value {
        json!({
            "id": id.map_or(Value::Null, |id| json!(id)),
            "error": { "code": code, "message": reason },
        })
    }

    fn request(&mut self, request: Request) -> Answer {
        match (self.phase, request.method.as_str()) {
            (Phase::Starting, "initialize") => self.initialize(request.params),
            (Phase::Starting, _) => Err(failure(
                code::SERVER_NOT_INITIALIZED,
                "the server is not initialized: send `initialize` first",
            )),
            (Phase::ShutDown, _) => Err(failure(
                code::INVALID_REQUEST,
                "the server is shut down: only `exit` is accepted",
            )),
            (Phase::Running, "initialize") => Err(failure(
                code::INVALID_REQUEST,
                "the server is already initialized",
            )),
            (Phase::Running, "shutdown") => {
                self.phase = Phase::ShutDown;
                Ok(Value::Null)
            }
            (Phase::Running, "textDocument/hover") => {
                let params: lsp::HoverParams = params(request.params)?;
                let at = params.text_document_position_params;
                self.hover(at.text_document.uri.as_str(), at.position)
            }
            (Phase::Running, "textDocument/codeAction") => {
                let params: lsp::CodeActionParams = params(request.params)?;
                self.code_actions(params.text_document.uri.as_str(), params.range)
            }
            (Phase::Running, "textDocument/completion") => {
                let params: lsp::CompletionParams = params(request.params)?;
                let at = params.text_document_position;
                self.completion(at.text_document.uri.as_str(), at.position)
            }
            (Phase::Running, "textDocument/definition") => {
                let params: lsp::GotoDefinitionParams = params(request.params)?;
                let at = params.text_document_position_params;
                self.definition(at.text_document.uri.as_str(), at.position)
            }
            (Phase::Running, "textDocument/documentSymbol") => {
                let params: lsp::DocumentSymbolParams = params(request.params)?;
                self.symbols(params.text_document.uri.as_str())
            }
            (Phase::Running, method) => Err(failure(
                code::METHOD_NOT_FOUND,
                format!("method not supported: {method}"),
            )),
        }
    }

    fn notification(&mut self, notification: Notification, step: &mut Step) {
        let method = notification.method.as_str();
        if method == "exit" {
            step.exit = Some(if self.phase == Phase::ShutDown { 0 } else { 1 });
            return;
        }
        if self.phase != Phase::Running {
            return;
        }
        match method {
            "textDocument/didOpen" => {
                if let Ok(p) = params::<lsp::DidOpenTextDocumentParams>(notification.params) {
                    let document = p.text_document;
                    self.did_open(document.uri.as_str(), document.text, document.version, step);
                }
            }
            "textDocument/didChange" => {
                if let Ok(p) = params::<lsp::DidChangeTextDocumentParams>(notification.params) {
                    self.did_change(
                        p.text_document.uri.as_str(),
                        p.text_document.version,
                        p.content_changes,
                        step,
                    );
                }
            }
            "textDocument/didClose" => {
                if let Ok(p) = params::<lsp::DidCloseTextDocumentParams>(notification.params) {
                    let uri = p.text_document.uri.as_str().to_owned();
                    if let Some(document) = self.documents.remove(&uri) {
                        // The plan holds the editor's text for this catalog: read it anew.
                        if let Some(place) = document.place {
                            if let Some(workspace) = self.workspaces.get_mut(&place.root) {
                                workspace.documents.remove(&place.doc);
                            }
                        }
                    }
                    step.out.push(publish(&uri, None, Vec::new()));
                }
            }
            "textDocument/didSave" | "workspace/didChangeWatchedFiles" => {
                // Another catalog or a source text may have changed on disk: every open
                // document is checked against its inputs again.
                let uris: Vec<String> = self.documents.keys().cloned().collect();
                for document in self.documents.values_mut() {
                    document.memo = None;
                }
                for uri in uris {
                    self.reanalyse(&uri, step);
                }
            }
            _ => {} // `initialized`, `$/cancelRequest`, `$/setTrace`…: nothing to do
        }
    }

    fn initialize(&mut self, raw: Value) -> Answer {
        let params: lsp::InitializeParams = params(raw)?;
        let offered = params
            .capabilities
            .general
            .and_then(|g| g.position_encodings)
            .unwrap_or_default();
        self.encoding = if offered.contains(&lsp::PositionEncodingKind::UTF8) {
            Encoding::Utf8
        } else {
            Encoding::Utf16
        };
        self.phase = Phase::Running;
        let encoding = match self.encoding {
            Encoding::Utf8 => "utf-8",
            Encoding::Utf16 => "utf-16",
        };
        Ok(json!({
            "capabilities": {
                "positionEncoding": encoding,
                "textDocumentSync": { "openClose": true, "change": 2, "save": true },
                "hoverProvider": true,
                "codeActionProvider": { "codeActionKinds": ["quickfix"] },
                "completionProvider": { "triggerCharacters": ["-", "{"] },
                "definitionProvider": true,
                "documentSymbolProvider": true,
            },
            "serverInfo": { "name": "honyaku", "version": env!("CARGO_PKG_VERSION") },
        }))
    }

    fn did_open(&mut self, uri: &str, text: String, version: i32, step: &mut Step) {
        let mut notices = Vec::new();
        let path = path_of(uri);
        let place = path.as_deref().and_then(locate);
        if let Some(path) = &path {
            if let Err(ReadError::Content(diagnostic)) = fsio::read_text(path) {
                // The editor decoded the file somehow; honyaku would refuse it.
                let line = diagnostic.line.unwrap_or(1);
                let index = LineIndex::new(&text);
                notices.push(Problem {
                    range: index.line_start(line.saturating_sub(1))
                        ..index.line_end(&text, line.saturating_sub(1)),
                    severity: Severity::Error,
                    hint: false,
                    code: String::from("encoding"),
                    message: format!(
                        "{}; honyaku cannot read this file as saved",
                        diagnostic.message
                    ),
                });
            }
        }
        if place.is_none() {
            notices.push(Problem {
                range: 0..0,
                severity: Severity::Info,
                hint: false,
                code: String::from("outside-project"),
                message: String::from(
                    "not a catalog of a honyaku project (locales/<locale>/<doc>.ftl beside source_texts/): only its Fluent syntax is checked",
                ),
            });
        }
        let document = OpenDocument {
            index: LineIndex::new(&text),
            text,
            version,
            place,
            analysis: Analysis::default(),
            memo: None,
            notices,
        };
        self.documents.insert(uri.to_owned(), document);
        self.reanalyse(uri, step);
    }

    fn did_change(
        &mut self,
        uri: &str,
        version: i32,
        changes: Vec<lsp::TextDocumentContentChangeEvent>,
        step: &mut Step,
    ) {
        let encoding = self.encoding;
        let Some(document) = self.documents.get_mut(uri) else {
            step.out.push(log_message(&format!(
                "change to a document that is not open: {uri}"
            )));
            return;
        };
        for change in changes {
            match change.range {
                Some(range) => {
                    let bytes = document.index.offsets(&document.text, range, encoding);
                    document.text.replace_range(bytes, &change.text);
                }
                None => document.text = change.text,
            }
            document.index = LineIndex::new(&document.text);
        }
        document.version = version;
        self.reanalyse(uri, step);
    }

    /// Recomputes a document's problems and publishes them.
    fn reanalyse(&mut self, uri: &str, step: &mut Step) {
        let Some(document) = self.documents.get_mut(uri) else {
            return;
        };
        let mut planning_problems = Vec::new();
        let mut tags: Vec<String> = Vec::new();
        let context = match &document.place {
            Some(place) => {
                let planned = plan(&mut self.workspaces, place);
                match planned {
                    Some((project, planned)) => {
                        tags = project
                            .source_locales(&place.doc)
                            .iter()
                            .map(|l| l.tag().to_owned())
                            .collect();
                        planning_problems.clone_from(&planned.problems);
                        let plan = planned.generation;
                        planned.prepared.as_mut().map(|prepared| Context {
                            project,
                            prepared,
                            doc: &place.doc,
                            locale: &place.locale,
                            plan,
                        })
                    }
                    None => {
                        planning_problems.push(String::from(
                            "the project could not be opened (see `honyaku check` in a terminal)",
                        ));
                        None
                    }
                }
            }
            None => None,
        };
        let tag_refs: Vec<&str> = tags.iter().map(String::as_str).collect();
        document.analysis = analysis::analyse(
            &document.text,
            &document.index,
            &tag_refs,
            context,
            &mut document.memo,
        );
        let mut notices = document.notices.clone();
        if !planning_problems.is_empty() {
            notices.push(Problem {
                range: 0..0,
                severity: Severity::Warning,
                hint: false,
                code: String::from("unplanned"),
                message: format!(
                    "honyaku cannot plan this document, so only syntax is checked: {}",
                    planning_problems.join("; ")
                ),
            });
        }
        let document = &self.documents[uri];
        let mut items = self.diagnostics(document);
        items.extend(notices.iter().map(|p| self.lsp_diagnostic(document, p)));
        step.out.push(publish(
            uri,
            Some(document.version),
            items.into_iter().collect(),
        ));
    }

    fn diagnostics(&self, document: &OpenDocument) -> Vec<Value> {
        document
            .analysis
            .problems
            .iter()
            .map(|p| self.lsp_diagnostic(document, p))
            .collect()
    }

    fn lsp_diagnostic(&self, document: &OpenDocument, problem: &Problem) -> Value {
        let severity = match (problem.severity, problem.hint) {
            (_, true) => 4,
            (Severity::Error, _) => 1,
            (Severity::Warning, _) => 2,
            (Severity::Info, _) => 3,
        };
        json!({
            "range": self.range(document, problem.range.clone()),
            "severity": severity,
            "code": problem.code,
            "source": "honyaku",
            "message": problem.message,
        })
    }

    fn range(&self, document: &OpenDocument, range: Range<usize>) -> lsp::Range {
        document.index.range(&document.text, range, self.encoding)
    }

    fn open(&self, uri: &str) -> Result<&OpenDocument, Failure> {
        self.documents.get(uri).ok_or_else(|| {
            failure(
                code::INVALID_PARAMS,
                format!("{uri} is not open: send textDocument/didOpen first"),
            )
        })
    }

    fn offset(&self, document: &OpenDocument, position: lsp::Position) -> usize {
        document
            .index
            .offset(&document.text, position, self.encoding)
    }

    /// The plan of an open document's project document, when it has one.
    fn planned(&self, document: &OpenDocument) -> Option<(&Project, &Planned, &Prepared)> {
        let place = document.place.as_ref()?;
        let workspace = self.workspaces.get(&place.root)?;
        let planned = workspace.documents.get(&place.doc)?;
        Some((&workspace.project, planned, planned.prepared.as_ref()?))
    }

    fn unit<'a>(&self, planned: &Planned, prepared: &'a Prepared, id: &str) -> Option<&'a Unit> {
        prepared.plan.units.get(*planned.units.get(id)?)
    }

    /// The translation memory of the open catalog's locale (a target locale), loaded once.
    fn memory(&self, document: &OpenDocument) -> Option<Rc<Memory>> {
        let place = document.place.as_ref()?;
        let workspace = self.workspaces.get(&place.root)?;
        let project = &workspace.project;
        if !project.config.targets.contains(&place.locale) {
            return None;
        }
        if let Some(memory) = workspace.memories.borrow().get(&place.locale) {
            return Some(Rc::clone(memory));
        }
        let mut diagnostics = Vec::new();
        let loaded = memory::store::load(project, &place.locale, &mut diagnostics).ok()?;
        let memory = Rc::new(Memory::new(
            &place.locale,
            &memory::store::keys(project),
            loaded.units,
        ));
        workspace
            .memories
            .borrow_mut()
            .insert(place.locale.clone(), Rc::clone(&memory));
        Some(memory)
    }

    /// Translation-memory suggestions for an untranslated or stale entry of the open
    /// catalog; `None` for other entries or when there are none.
    fn suggestions(&self, document: &OpenDocument, item: &Item) -> Option<memory::Suggestions> {
        let want = match document.analysis.states.get(&item.id)? {
            EntryState::Missing | EntryState::CommentedTranslation => Want::Missing,
            EntryState::Stale => Want::Stale,
            _ => return None,
        };
        if !matches!(
            item.kind,
            ItemKind::Slot | ItemKind::CommentedTranslation | ItemKind::Message
        ) {
            return None;
        }
        let (project, planned, prepared) = self.planned(document)?;
        let unit = self.unit(planned, prepared, &item.id)?;
        let text = |locale: Option<&Locale>| {
            unit.texts
                .iter()
                .find(|(l, _)| Some(l) == locale)
                .map(|(_, t)| t.clone())
        };
        let open = Open {
            document: prepared.document.clone(),
            id: item.id.clone(),
            want,
            original: text(Some(&project.config.source)),
            pivot: text(project.config.parallel.as_ref()),
        };
        let found = self
            .memory(document)?
            .suggest(&open, &memory::notes::options(project));
        (!found.suggestions.is_empty()).then_some(found)
    }

    fn hover(&self, uri: &str, position: lsp::Position) -> Answer {
        let document = self.open(uri)?;
        let offset = self.offset(document, position);
        let Some(item) = document.analysis.outline.item_at(offset) else {
            return Ok(Value::Null);
        };
        let mut out = format!("**{}**", item.id);
        if let Some(state) = document.analysis.states.get(&item.id) {
            out.push_str(match state {
                EntryState::Translated => " · translated",
                EntryState::Stale => " · **stale**",
                EntryState::Missing => " · missing",
                EntryState::CommentedTranslation => " · commented out (counts as missing)",
                EntryState::Obsolete => " · obsolete",
                EntryState::Source => " · source",
            });
        }
        out.push_str("\n\n");
        let planned = self.planned(document);
        let unit =
            planned.and_then(|(_, planned, prepared)| self.unit(planned, prepared, &item.id));
        match unit {
            Some(unit) => {
                for (n, (locale, text)) in unit.texts.iter().enumerate() {
                    let role = if n == 0 { "original" } else { "pivot" };
                    out.push_str(&format!("**{locale}** ({role}): {text}\n\n"));
                }
                for stale in document.analysis.stale.get(&item.id).into_iter().flatten() {
                    out.push_str(&format!(
                        "**was {}**: {}\n\n**change {}**: {}\n\n",
                        stale.locale,
                        stale.was,
                        stale.locale,
                        inline_change(
                            &stale.was,
                            stale.now.as_deref().unwrap_or(""),
                            &stale.locale
                        ),
                    ));
                }
                let translation = translation_text(document, item);
                let mut figures = Vec::new();
                for (locale, text) in &unit.texts {
                    figures.push(format!("{locale} {}", shown_figures(text)));
                }
                if let (Some(place), Some(text)) = (&document.place, translation) {
                    figures.push(format!("{} {}", place.locale, shown_figures(&text)));
                }
                out.push_str(&format!("**figures**: {}\n", figures.join(" · ")));
                if let Some(found) = self.suggestions(document, item) {
                    out.push_str("\n**translation memory**:\n\n");
                    for (n, s) in found.suggestions.iter().enumerate() {
                        let kind = s.kind();
                        out.push_str(&format!(
                            "{}. {}% {kind} ({}/{}): {}\n",
                            n + 1,
                            s.score,
                            s.from.document,
                            s.from.id,
                            s.translation
                        ));
                        if !s.change.is_empty() {
                            out.push_str(&format!("   change {}: {}\n", s.matched_on, s.change));
                        }
                    }
                }
            }
            None if item.kind == ItemKind::Term => {
                out.push_str("a term of this catalog, used as `{ -");
                out.push_str(&item.id);
                out.push_str(" }`\n");
            }
            None => out.push_str("not a message of the source texts\n"),
        }
        Ok(json!({
            "contents": { "kind": "markdown", "value": out },
            "range": self.range(document, item.head.clone()),
        }))
    }

    fn code_actions(&self, uri: &str, range: lsp::Range) -> Answer {
        let document = self.open(uri)?;
        let bytes = document.index.offsets(&document.text, range, self.encoding);
        let mut actions = Vec::new();
        let items = document
            .analysis
            .outline
            .items
            .iter()
            .filter(|i| i.span.start <= bytes.end && bytes.start <= i.span.end);
        for item in items {
            let edit = |edits: Vec<(Range<usize>, String)>| -> Value {
                let edits: Vec<Value> = edits
                    .into_iter()
                    .map(|(r, text)| json!({ "range": self.range(document, r), "newText": text }))
                    .collect();
                json!({ "changes": { uri: edits } })
            };
            let state = document.analysis.states.get(&item.id);
            match item.kind {
                ItemKind::Message if state == Some(&EntryState::Stale) => {
                    let lines: Vec<(Range<usize>, String)> = item
                        .notes
                        .iter()
                        .filter(|(note, _)| {
                            matches!(note, Note::Stale | Note::Was { .. } | Note::Change)
                        })
                        .map(|(_, r)| (r.clone(), String::new()))
                        .collect();
                    if !lines.is_empty() {
                        actions.push(json!({
                            "title": format!("Mark `{}` revised (remove the stale, was and change lines)", item.id),
                            "kind": "quickfix",
                            "edit": edit(lines),
                        }));
                    }
                }
                ItemKind::Slot => {
                    let replacement = format!("{} = ", item.id);
                    actions.push(json!({
                        "title": format!("Fill slot `{}`", item.id),
                        "kind": "quickfix",
                        "isPreferred": true,
                        "edit": edit(vec![(item.head.clone(), replacement)]),
                    }));
                }
                ItemKind::CommentedTranslation => {
                    let start = item.head.start;
                    actions.push(json!({
                        "title": format!("Uncomment the translation of `{}`", item.id),
                        "kind": "quickfix",
                        "isPreferred": true,
                        "edit": edit(vec![(start..start + 2, String::new())]),
                    }));
                }
                _ => {}
            }
            if let Some(found) = self.suggestions(document, item) {
                let end = match item.kind {
                    // A message's value may run over several lines: all of it is replaced.
                    ItemKind::Message => document.text[..item.span.end]
                        .trim_end_matches(['\n', '\r'])
                        .len(),
                    _ => item.head.end,
                };
                for (n, s) in found.suggestions.iter().enumerate() {
                    let message = crate::catalog::value::write_message(&item.id, &s.translation);
                    let message = message.strip_suffix('\n').unwrap_or(&message).to_owned();
                    actions.push(json!({
                        "title": format!(
                            "Apply suggestion {} to `{}`: {}% from {}/{}",
                            n + 1,
                            item.id,
                            s.score,
                            s.from.document,
                            s.from.id
                        ),
                        "kind": "quickfix",
                        "edit": edit(vec![(item.head.start..end.max(item.head.end), message)]),
                    }));
                }
            }
            let numbers_wrong = document
                .analysis
                .checks
                .get(&item.id)
                .is_some_and(|c| c.contains(&"numbers"));
            if item.kind == ItemKind::Message && numbers_wrong {
                if let Some(edits) = self.figure_edits(document, item) {
                    actions.push(json!({
                        "title": format!("Copy figures from the source into `{}`", item.id),
                        "kind": "quickfix",
                        "edit": edit(edits),
                    }));
                }
            }
        }
        Ok(Value::Array(actions))
    }

    /// Edits that put the source's digit runs in place of the translation's, where both have
    /// the same number of runs in the same order (the English pivot first, then the
    /// original with full-width digits folded) and some differ.
    fn figure_edits(
        &self,
        document: &OpenDocument,
        item: &Item,
    ) -> Option<Vec<(Range<usize>, String)>> {
        let (_, planned, prepared) = self.planned(document)?;
        let unit = self.unit(planned, prepared, &item.id)?;
        let value_start = document.text[item.head.clone()].find('=')? + item.head.start + 1;
        let value = &document.text[value_start..item.head.end];
        let found = digit_runs(value);
        for (_, source) in unit.texts.iter().rev() {
            let folded = crate::figures::fold_width(source);
            let wanted = digit_runs(&folded);
            if wanted.len() != found.len() {
                continue;
            }
            let edits: Vec<(Range<usize>, String)> = found
                .iter()
                .zip(&wanted)
                .filter(|(f, w)| value[(*f).clone()] != folded[(*w).clone()])
                .map(|(f, w)| {
                    (
                        value_start + f.start..value_start + f.end,
                        folded[w.clone()].to_owned(),
                    )
                })
                .collect();
            if !edits.is_empty() {
                return Some(edits);
            }
        }
        None
    }

    fn completion(&self, uri: &str, position: lsp::Position) -> Answer {
        let document = self.open(uri)?;
        let offset = self.offset(document, position);
        let line_start = document.index.line_start(document.index.line_of(offset));
        let before = &document.text[line_start..offset];
        // `{`, spaces, then maybe `-` and the start of a term id, right before the cursor.
        let typed_len = before
            .chars()
            .rev()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_' || *c == '-')
            .map(char::len_utf8)
            .sum::<usize>();
        let typed = &before[before.len() - typed_len..];
        let rest = before[..before.len() - typed_len].trim_end_matches(' ');
        if !rest.ends_with('{') || !(typed.is_empty() || typed.starts_with('-')) {
            return Ok(Value::Array(Vec::new()));
        }
        let replace = self.range(document, offset - typed_len..offset);
        let items: Vec<Value> = terms(&document.text)
            .into_iter()
            .filter(|(name, _)| format!("-{name}").starts_with(typed))
            .map(|(name, value)| {
                json!({
                    "label": format!("-{name}"),
                    "kind": 21,
                    "detail": value,
                    "textEdit": { "range": replace, "newText": format!("-{name}") },
                })
            })
            .collect();
        Ok(Value::Array(items))
    }

    fn definition(&self, uri: &str, position: lsp::Position) -> Answer {
        let document = self.open(uri)?;
        let offset = self.offset(document, position);
        let outline = &document.analysis.outline;
        let word = word_at(&document.text, offset);
        // A reference inside a placeable: the term or message it names, in this file.
        if let Some(word) = word.filter(|w| !w.range.contains(&self_item_id(outline, offset))) {
            let target = match word.text.strip_prefix('-') {
                Some(term) => outline.item(term, &[ItemKind::Term]),
                None => outline.item(word.text, &[ItemKind::Message]),
            };
            if let Some(target) = target {
                if target.id_span != word.range {
                    return Ok(
                        json!({ "uri": uri, "range": self.range(document, target.id_span.clone()) }),
                    );
                }
            }
        }
        // Anywhere else in an entry: the segment's lines in the source texts.
        let Some(item) = outline.item_at(offset) else {
            return Ok(Value::Null);
        };
        let Some((project, planned, prepared)) = self.planned(document) else {
            return Ok(Value::Null);
        };
        let Some(place) = &document.place else {
            return Ok(Value::Null);
        };
        let Some(unit) = self.unit(planned, prepared, &item.id) else {
            return Ok(Value::Null);
        };
        let mut locations = Vec::new();
        for (locale, segments) in &unit.segments {
            let Some((_, source)) = prepared.plan.documents.iter().find(|(l, _)| l == locale)
            else {
                continue;
            };
            let spans: Vec<&Range<usize>> = segments
                .iter()
                .filter_map(|&i| source.segments.get(i).map(|s| &s.span))
                .collect();
            let (Some(first), Some(last)) = (spans.first(), spans.last()) else {
                continue;
            };
            let index = LineIndex::new(&source.source);
            let range = index.range(&source.source, first.start..last.end, self.encoding);
            let path = project.source_path(locale, &place.doc);
            locations.push(json!({ "uri": uri_of(&path), "range": range }));
        }
        Ok(Value::Array(locations))
    }

    fn symbols(&self, uri: &str) -> Answer {
        let document = self.open(uri)?;
        let outline = &document.analysis.outline;
        let symbol = |item: &Item| {
            let (kind, detail) = match item.kind {
                ItemKind::Term => (14, "term"),
                ItemKind::Slot => (13, "missing"),
                ItemKind::CommentedTranslation => (13, "commented out"),
                ItemKind::Message => match document.analysis.states.get(&item.id) {
                    Some(EntryState::Stale) => (15, "stale"),
                    Some(EntryState::Missing | EntryState::CommentedTranslation) => (15, "missing"),
                    Some(EntryState::Obsolete) => (15, "obsolete"),
                    _ => (15, "translated"),
                },
            };
            json!({
                "name": item.id,
                "detail": detail,
                "kind": kind,
                "range": self.range(document, item.span.clone()),
                "selectionRange": self.range(document, item.id_span.clone()),
            })
        };
        let first_section = outline
            .sections
            .first()
            .map_or(usize::MAX, |s| s.span.start);
        let mut out: Vec<Value> = outline
            .items
            .iter()
            .filter(|i| i.span.start < first_section)
            .map(symbol)
            .collect();
        for section in &outline.sections {
            let children: Vec<Value> = outline
                .items
                .iter()
                .filter(|i| section.span.contains(&i.span.start))
                .map(symbol)
                .collect();
            let title: String = section.title.chars().take(60).collect();
            out.push(json!({
                "name": if title.is_empty() { String::from("##") } else { title },
                "kind": 3,
                "range": self.range(document, section.span.clone()),
                "selectionRange": self.range(document, section.span.start..section.span.start),
                "children": children,
            }));
        }
        Ok(Value::Array(out))
    }
}

/// Opens (or reuses) the project and the plan of a catalog's document, planning it again when
/// one of its inputs on disk changed.
fn plan<'a>(
    workspaces: &'a mut HashMap<PathBuf, Workspace>,
    place: &Place,
) -> Option<(&'a Project, &'a mut Planned)> {
    // A document the project did not have when it was opened (a new release): open it again.
    let known = workspaces
        .get(&place.root)
        .is_some_and(|w| w.project.documents.contains(&place.doc));
    if !known {
        let (project, _) = Project::open(&place.root).ok()?;
        workspaces.insert(
            place.root.clone(),
            Workspace {
                project,
                documents: HashMap::new(),
                memories: RefCell::new(HashMap::new()),
            },
        );
    }
    let workspace = workspaces.get_mut(&place.root)?;
    let project = &workspace.project;
    // What the plan is made from: the source texts, the source catalogs (which hold the ids)
    // and the pins. Translation catalogs are the editors' business, open or not.
    let mut inputs: Vec<PathBuf> = project
        .source_locales(&place.doc)
        .iter()
        .flat_map(|l| {
            [
                project.source_path(l, &place.doc),
                project.catalog_path(l, &place.doc),
            ]
        })
        .collect();
    inputs.push(project.pins_path(&place.doc));
    let stamp: Vec<(PathBuf, Option<Stat>)> = inputs
        .into_iter()
        .map(|p| {
            let stat = Stat::of(&p).ok().flatten();
            (p, stat)
        })
        .collect();
    let fresh = workspace
        .documents
        .get(&place.doc)
        .is_some_and(|planned| planned.inputs == stamp);
    if !fresh {
        let mut problems = Vec::new();
        let prepared = match catalog::prepare(project, &place.doc, &mut problems) {
            Ok(prepared) => prepared,
            Err(error) => {
                problems.clear();
                return Some((
                    project,
                    workspace
                        .documents
                        .entry(place.doc.clone())
                        .insert_entry(Planned {
                            prepared: None,
                            problems: vec![error.to_string()],
                            inputs: stamp,
                            units: HashMap::new(),
                            generation: next_plan(),
                        })
                        .into_mut(),
                ));
            }
        };
        let units = prepared
            .iter()
            .flat_map(|p| p.plan.units.iter().enumerate())
            .map(|(i, u)| (u.id.clone(), i))
            .collect();
        let problems = if prepared.is_some() {
            Vec::new()
        } else {
            problems
                .iter()
                .map(|d| d.to_string().lines().next().unwrap_or_default().to_owned())
                .collect()
        };
        workspace.documents.insert(
            place.doc.clone(),
            Planned {
                prepared,
                problems,
                inputs: stamp,
                units,
                generation: next_plan(),
            },
        );
    }
    let planned = workspace.documents.get_mut(&place.doc)?;
    Some((&workspace.project, planned))
}

/// The project, locale and document of a catalog path, if it is one.
fn locate(path: &Path) -> Option<Place> {
    if path.extension()? != "ftl" {
        return None;
    }
    let doc = path.file_stem()?.to_str()?.to_owned();
    let locale_dir = path.parent()?;
    let locales = locale_dir.parent()?;
    if locales.file_name()? != LOCALES_DIR {
        return None;
    }
    let root = locales.parent()?;
    if !root.join(SOURCE_DIR).is_dir() {
        return None;
    }
    let locale: Locale = locale_dir.file_name()?.to_str()?.parse().ok()?;
    Some(Place {
        root: root.to_owned(),
        locale,
        doc,
    })
}

fn params<T: DeserializeOwned>(raw: Value) -> Result<T, Failure> {
    serde_json::from_value(raw)
        .map_err(|e| failure(code::INVALID_PARAMS, format!("invalid parameters: {e}")))
}

fn response(id: &RequestId, answer: Answer) -> Value {
    match answer {
        Ok(result) => json!({ "id": id, "result": result }),
        Err(Failure { code, message }) => {
            json!({ "id": id, "error": { "code": code, "message": message } })
        }
    }
}

fn publish(uri: &str, version: Option<i32>, diagnostics: Vec<Value>) -> Value {
    let mut params = json!({ "uri": uri, "diagnostics": diagnostics });
    if let Some(version) = version {
        params["version"] = json!(version);
    }
    json!({ "method": "textDocument/publishDiagnostics", "params": params })
}

fn log_message(message: &str) -> Value {
    json!({ "method": "window/logMessage", "params": { "type": 2, "message": message } })
}

/// The local path of a `file:` URI.
fn path_of(uri: &str) -> Option<PathBuf> {
    let rest = uri.strip_prefix("file://")?;
    let rest = rest.strip_prefix("localhost").unwrap_or(rest);
    let mut bytes = Vec::with_capacity(rest.len());
    let raw = rest.as_bytes();
    let mut i = 0;
    while i < raw.len() {
        if raw[i] == b'%' {
            let hex = std::str::from_utf8(raw.get(i + 1..i + 3)?).ok()?;
            bytes.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            bytes.push(raw[i]);
            i += 1;
        }
    }
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStringExt;
        Some(PathBuf::from(std::ffi::OsString::from_vec(bytes)))
    }
    #[cfg(not(unix))]
    {
        String::from_utf8(bytes).ok().map(PathBuf::from)
    }
}

/// The `file:` URI of a path.
fn uri_of(path: &Path) -> String {
    let mut out = String::from("file://");
    for byte in path.to_string_lossy().bytes() {
        if byte.is_ascii_alphanumeric() || b"/-._~".contains(&byte) {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

/// The translation's text as formatted for the build, when it has one.
fn translation_text(document: &OpenDocument, item: &Item) -> Option<String> {
    if item.kind != ItemKind::Message {
        return None;
    }
    let head = &document.text[item.head.clone()];
    head.split_once('=').map(|(_, v)| v.trim().to_owned())
}

/// Numbers and times of a text, as `check` reads them.
fn shown_figures(text: &str) -> String {
    let figures: Vec<String> = numbers::extract(text)
        .iter()
        .map(numbers::Token::shown)
        .collect();
    if figures.is_empty() {
        String::from("—")
    } else {
        figures.join(", ")
    }
}

/// A change in Markdown: removed text struck through, added text in bold.
fn inline_change(old: &str, new: &str, locale: &Locale) -> String {
    let mut out = String::new();
    for op in diff::revision(None, old, new, locale).inline {
        match op.op {
            InlineTag::Equal => out.push_str(&op.text),
            InlineTag::Delete => out.push_str(&format!("~~{}~~", op.text)),
            InlineTag::Insert => out.push_str(&format!("**{}**", op.text)),
        }
    }
    out
}

/// Runs of ASCII digits (with inner `,` or `.` between digits), as byte ranges.
fn digit_runs(text: &str) -> Vec<Range<usize>> {
    let bytes = text.as_bytes();
    let mut runs = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i].is_ascii_digit() {
            let start = i;
            while i < bytes.len()
                && (bytes[i].is_ascii_digit()
                    || (matches!(bytes[i], b',' | b'.')
                        && bytes.get(i + 1).is_some_and(u8::is_ascii_digit)))
            {
                i += 1;
            }
            runs.push(start..i);
        } else {
            i += 1;
        }
    }
    runs
}

/// Terms defined in a text (found line by line, so completion works while the file does not
/// parse), with their value.
fn terms(text: &str) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = Vec::new();
    for line in text.lines() {
        let Some(rest) = line.strip_prefix('-') else {
            continue;
        };
        let Some((name, value)) = rest.split_once('=') else {
            continue;
        };
        let name = name.trim();
        if crate::catalog::notes::is_identifier(name) && !out.iter().any(|(n, _)| n == name) {
            out.push((name.to_owned(), value.trim().to_owned()));
        }
    }
    out
}

/// An identifier (or `-term`) under the cursor.
struct Word<'a> {
    text: &'a str,
    range: Range<usize>,
}

fn word_at(text: &str, offset: usize) -> Option<Word<'_>> {
    let is_word = |c: char| c.is_ascii_alphanumeric() || c == '_' || c == '-';
    let offset = offset.min(text.len());
    if !text.is_char_boundary(offset) {
        return None;
    }
    let start = text[..offset]
        .char_indices()
        .rev()
        .take_while(|(_, c)| is_word(*c))
        .last()
        .map_or(offset, |(i, _)| i);
    let end = text[offset..]
        .char_indices()
        .find(|(_, c)| !is_word(*c))
        .map_or(text.len(), |(i, _)| offset + i);
    (start < end).then(|| Word {
        text: &text[start..end],
        range: start..end,
    })
}

/// The start of the id of the entry at `offset` when the cursor is on that id itself (so a
/// definition request on an entry's own id goes to its source), else an impossible offset.
fn self_item_id(outline: &analysis::Outline, offset: usize) -> usize {
    outline
        .item_at(offset)
        .filter(|i| i.id_span.contains(&offset) || i.id_span.end == offset)
        .map_or(usize::MAX, |i| i.id_span.start)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uris_and_paths_round_trip() {
        let path = Path::new("/tmp/プロジェクト dir/locales/fr/a.ftl");
        let uri = uri_of(path);
        assert!(uri.starts_with("file:///tmp/%E3%83%97"), "{uri}");
        assert_eq!(path_of(&uri).as_deref(), Some(path));
        assert_eq!(path_of("untitled:1"), None);
        assert_eq!(path_of("file:///a%2"), None);
    }

    #[test]
    fn digit_runs_keep_separators_between_digits() {
        let text = "le 26 mars 2021, 21 000 et 3.5.";
        let runs: Vec<&str> = digit_runs(text).into_iter().map(|r| &text[r]).collect();
        assert_eq!(runs, ["26", "2021", "21", "000", "3.5"]);
    }

    #[test]
    fn terms_are_found_without_parsing() {
        let text = "-brand = MIC\nmsg = { -brand\n-bad line\n";
        assert_eq!(terms(text), [(String::from("brand"), String::from("MIC"))]);
    }
}
