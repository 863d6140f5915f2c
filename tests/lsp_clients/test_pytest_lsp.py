"""pytest-lsp drives `honyaku lsp` through open, change, diagnostics, hover, code action,
completion, definition and document symbols on a copy of the shipped corpus. Run by
tests/lsp_clients.rs (which passes the binary in HONYAKU_BIN) or by hand:

    HONYAKU_BIN=target/debug/honyaku python3 -m pytest tests/lsp_clients -q
"""

import os
import pathlib
import shutil
import tempfile

import pytest
import pytest_lsp
from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient

REPO = pathlib.Path(__file__).resolve().parents[2]
DOC = "2021-03-26-5g-regional-deployment-plan"
BIN = os.environ.get("HONYAKU_BIN", str(REPO / "target" / "debug" / "honyaku"))


@pytest_lsp.fixture(config=ClientServerConfig(server_command=[BIN, "lsp"]))
async def client(lsp_client: LanguageClient):
    await lsp_client.initialize_session(
        types.InitializeParams(capabilities=types.ClientCapabilities())
    )
    yield
    await lsp_client.shutdown_session()


@pytest.fixture
def project():
    root = pathlib.Path(tempfile.mkdtemp(prefix="honyaku-pytest-lsp-"))
    for part in ("source_texts", "locales"):
        shutil.copytree(REPO / part, root / part)
    yield root
    shutil.rmtree(root)


def line_of(text: str, start: str) -> int:
    return next(i for i, line in enumerate(text.split("\n")) if line.startswith(start))


async def open_catalog(client: LanguageClient, path: pathlib.Path):
    uri = path.as_uri()
    text = path.read_text(encoding="utf-8")
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(
            text_document=types.TextDocumentItem(
                uri=uri, language_id="fluent", version=1, text=text
            )
        )
    )
    await client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    return uri, text


async def replace_all(client: LanguageClient, uri: str, text: str, version: int):
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
            content_changes=[types.TextDocumentContentChangeWholeDocument(text=text)],
        )
    )
    await client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)


def apply(text: str, edits) -> str:
    """Applies LSP text edits (UTF-16 positions; this corpus is BMP-only) to a text."""
    lines = text.split("\n")
    starts = [0]
    for line in lines:
        starts.append(starts[-1] + len(line) + 1)

    def offset(position):
        return starts[position.line] + position.character

    for edit in sorted(edits, key=lambda e: offset(e.range.start), reverse=True):
        text = text[: offset(edit.range.start)] + edit.new_text + text[offset(edit.range.end) :]
    return text


def at(line: int, character: int = 0) -> types.Position:
    return types.Position(line=line, character=character)


@pytest.mark.asyncio
async def test_diagnostics_hover_and_mark_revised(client: LanguageClient, project):
    uri, text = await open_catalog(client, project / "locales" / "fr" / f"{DOC}.ftl")
    diagnostics = client.diagnostics[uri]
    stale = [d for d in diagnostics if d.code == "stale"]
    missing = [d for d in diagnostics if d.code == "missing"]
    assert stale and missing
    first = stale[0]
    assert first.severity == types.DiagnosticSeverity.Warning
    assert "was «" in first.message and "now «" in first.message
    assert all(d.severity == types.DiagnosticSeverity.Hint for d in missing)
    stale_line = first.range.start.line
    assert text.split("\n")[stale_line].startswith(text.split("\n")[stale_line].split(" =")[0])

    hover = await client.text_document_hover_async(
        types.HoverParams(text_document=types.TextDocumentIdentifier(uri=uri), position=at(stale_line, 2))
    )
    value = hover.contents.value
    assert "**ja** (original)" in value and "**en** (pivot)" in value
    assert "**was en**" in value and "~~" in value and "**figures**" in value

    actions = await client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            range=types.Range(start=at(stale_line), end=at(stale_line)),
            context=types.CodeActionContext(diagnostics=[first]),
        )
    )
    revise = [a for a in actions if a.title.startswith("Mark")]
    assert len(revise) == 1
    revised = apply(text, revise[0].edit.changes[uri])
    assert revised.count("# stale:") == text.count("# stale:") - 1
    # The ledger keeps a translation stale until its value is revised too.
    lines = revised.split("\n")
    value_line = next(i for i in range(stale_line - 3, len(lines)) if " = " in lines[i] and not lines[i].startswith("#"))
    lines[value_line] += " (révisé)"
    revised = "\n".join(lines)
    await replace_all(client, uri, revised, 2)
    assert len([d for d in client.diagnostics[uri] if d.code == "stale"]) == len(stale) - 1


@pytest.mark.asyncio
async def test_a_wrong_year_is_found_and_fixed_from_the_source(client: LanguageClient, project):
    uri, text = await open_catalog(client, project / "locales" / "fr" / f"{DOC}.ftl")
    assert not [d for d in client.diagnostics[uri] if d.code == "numbers"]
    line = line_of(text, "release-date =")
    lines = text.split("\n")
    assert lines[line] == "release-date = 26 mars 2021"
    # An incremental change: the year's last digit.
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=2),
            content_changes=[
                types.TextDocumentContentChangePartial(
                    range=types.Range(start=at(line, 26), end=at(line, 27)), text="0"
                )
            ],
        )
    )
    await client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    numbers = [d for d in client.diagnostics[uri] if d.code == "numbers"]
    assert len(numbers) == 1 and numbers[0].range.start.line == line
    assert numbers[0].severity == types.DiagnosticSeverity.Error
    assert "2021" in numbers[0].message

    actions = await client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            range=types.Range(start=at(line, 3), end=at(line, 3)),
            context=types.CodeActionContext(diagnostics=numbers),
        )
    )
    copy = [a for a in actions if a.title.startswith("Copy figures")]
    assert len(copy) == 1
    edits = copy[0].edit.changes[uri]
    assert [e.new_text for e in edits] == ["2021"]
    lines[line] = "release-date = 26 mars 2020"
    fixed = apply("\n".join(lines), edits)
    assert fixed == text


@pytest.mark.asyncio
async def test_fill_slot_completion_definition_and_symbols(client: LanguageClient, project):
    uri, text = await open_catalog(client, project / "locales" / "fr" / f"{DOC}.ftl")
    slot = line_of(text, "# related-budget =")
    actions = await client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            range=types.Range(start=at(slot), end=at(slot)),
            context=types.CodeActionContext(diagnostics=[]),
        )
    )
    fill = [a for a in actions if a.title.startswith("Fill slot")]
    assert len(fill) == 1
    filled = apply(text, fill[0].edit.changes[uri])
    assert filled.split("\n")[slot] == "related-budget = "

    # A term, then a message using it, typed up to `{ -`.
    edited = filled.replace("related-budget = ", "related-budget = Budget du { -", 1)
    edited += "\n-ministere = ministère\n"
    await replace_all(client, uri, edited, 2)
    column = len("related-budget = Budget du { -")
    completion = await client.text_document_completion_async(
        types.CompletionParams(text_document=types.TextDocumentIdentifier(uri=uri), position=at(slot, column))
    )
    items = completion if isinstance(completion, list) else completion.items
    assert [i.label for i in items] == ["-ministere"]

    finished = edited.replace("Budget du { -", "Budget du { -ministere }", 1)
    await replace_all(client, uri, finished, 3)
    assert not [d for d in client.diagnostics[uri] if d.code in ("syntax", "unknown-term")]
    definition = await client.text_document_definition_async(
        types.DefinitionParams(text_document=types.TextDocumentIdentifier(uri=uri), position=at(slot, column + 2))
    )
    locations = definition if isinstance(definition, list) else [definition]
    term_line = line_of(finished, "-ministere =")
    assert [(l.uri, l.range.start.line) for l in locations] == [(uri, term_line)]

    # Go to source: on the message id, the segment in both source texts.
    sources = await client.text_document_definition_async(
        types.DefinitionParams(text_document=types.TextDocumentIdentifier(uri=uri), position=at(slot, 2))
    )
    by_locale = {pathlib.Path(l.uri.removeprefix("file://")).parent.name: l for l in sources}
    assert set(by_locale) == {"ja", "en"}
    ja = (project / "source_texts" / "ja" / f"{DOC}.txt").read_text(encoding="utf-8").split("\n")
    assert "関連予算" in ja[by_locale["ja"].range.start.line]

    symbols = await client.text_document_document_symbol_async(
        types.DocumentSymbolParams(text_document=types.TextDocumentIdentifier(uri=uri))
    )
    names = [s.name for s in symbols]
    assert "release-date" in names and "ministere" in names


@pytest.mark.asyncio
async def test_unknown_requests_and_files_outside_the_project(client: LanguageClient, project):
    outside = project / "notes.ftl"
    outside.write_text("hello = { -nowhere\n", encoding="utf-8")
    uri, _ = await open_catalog(client, outside)
    codes = sorted(d.code for d in client.diagnostics[uri])
    assert codes == ["outside-project", "syntax"]
    with pytest.raises(Exception):
        await client.protocol.send_request_async("honyaku/nonexistent", {})
    hover = await client.text_document_hover_async(
        types.HoverParams(text_document=types.TextDocumentIdentifier(uri=uri), position=at(0, 1))
    )
    assert hover is None or "hello" in hover.contents.value
