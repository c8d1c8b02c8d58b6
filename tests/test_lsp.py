"""`kaman-lint server` against a real LSP client (pytest-lsp runs the server as a subprocess
over stdio): diagnostics on open, change and save, and the suppression quick fix."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

pytest_lsp = pytest.importorskip("pytest_lsp", reason="pytest-lsp is in the test extras: pip install -e '.[test]'")
from lsprotocol import types  # noqa: E402  (pytest-lsp brings it)
from pytest_lsp import ClientServerConfig, LanguageClient, client_capabilities  # noqa: E402

from kaman_lint.server import HASH, SLASHES, comment_style, suppression_edit, token_end  # noqa: E402

try:
    from fakekeys import make_key
except ImportError:  # tests/ imported as a package
    from tests.fakekeys import make_key

in_session = pytest.mark.asyncio(loop_scope="module")  # one server for the async tests

SERVER = [sys.executable, "-m", "kaman_lint", "server"]


@pytest_lsp.fixture(config=ClientServerConfig(server_command=SERVER), scope="module")
async def client(lsp_client: LanguageClient, tmp_path_factory):
    root = tmp_path_factory.mktemp("workspace")
    await lsp_client.initialize_session(types.InitializeParams(
        capabilities=client_capabilities("neovim"), root_uri=root.as_uri(),
        workspace_folders=[types.WorkspaceFolder(uri=root.as_uri(), name="workspace")]))
    lsp_client.root = root
    yield
    await lsp_client.shutdown_session()


async def _open(client: LanguageClient, name: str, text: str, language: str = "python") -> str:
    path: Path = client.root / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    uri = path.as_uri()
    client.text_document_did_open(types.DidOpenTextDocumentParams(
        types.TextDocumentItem(uri=uri, language_id=language, version=1, text=text)))
    await client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    return uri


async def _change(client: LanguageClient, uri: str, text: str, version: int) -> None:
    client.text_document_did_change(types.DidChangeTextDocumentParams(
        types.VersionedTextDocumentIdentifier(uri=uri, version=version),
        [types.TextDocumentContentChangeWholeDocument(text=text)]))
    await client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)


@in_session
async def test_open_publishes_a_diagnostic_at_the_key(client: LanguageClient):
    key = make_key(11)
    uri = await _open(client, "app/settings.py", f'import os\n\nAPI_KEY = "{key}"\n')
    [diagnostic] = client.diagnostics[uri]
    assert (diagnostic.code, diagnostic.source) == ("KAM001", "kaman-lint")
    assert diagnostic.severity == types.DiagnosticSeverity.Error
    start, end = diagnostic.range.start, diagnostic.range.end
    assert (start.line, start.character) == (2, 11)  # the key's first character, after the quote
    assert (end.line, end.character) == (2, 11 + len(key))
    assert key[4:] not in diagnostic.message


@in_session
async def test_change_clears_and_raises_diagnostics(client: LanguageClient):
    key = make_key(12)
    uri = await _open(client, "change.py", "x = 1\n")
    assert not client.diagnostics[uri]
    await _change(client, uri, f"x = 1\nTOKEN = '{key}'\n", 2)
    assert [d.range.start.line for d in client.diagnostics[uri]] == [1]
    await _change(client, uri, "import os\nTOKEN = os.environ['KAMAN_API_KEY']\n", 3)
    assert not client.diagnostics[uri]


@in_session
async def test_save_rescans(client: LanguageClient):
    key = make_key(13)
    uri = await _open(client, "saved.env", "DEBUG=1\n", "sh")
    await _change(client, uri, f"DEBUG=1\nKAMAN_API_KEY={key}\n", 2)
    client.text_document_did_save(types.DidSaveTextDocumentParams(types.TextDocumentIdentifier(uri)))
    await client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    assert [d.code for d in client.diagnostics[uri]] == ["KAM001"]


@in_session
async def test_a_broken_file_still_gets_its_finding(client: LanguageClient):
    key = make_key(14)
    uri = await _open(client, "broken.py", f"def f(:\n    KEY = '{key}'\n")
    assert [(d.code, d.range.start.line) for d in client.diagnostics[uri]] == [("KAM001", 1)]


@in_session
async def test_quick_fix_inserts_a_suppression_that_works(client: LanguageClient):
    key = make_key(15)
    text = f"def connect():\n    key = '{key}'\n    return key\n"
    uri = await _open(client, "fix.py", text)
    [diagnostic] = client.diagnostics[uri]
    actions = await client.text_document_code_action_async(types.CodeActionParams(
        text_document=types.TextDocumentIdentifier(uri), range=diagnostic.range,
        context=types.CodeActionContext(diagnostics=[diagnostic])))
    [action] = actions
    assert action.kind == types.CodeActionKind.QuickFix
    [edit] = action.edit.changes[uri]
    assert (edit.range.start.line, edit.range.start.character) == (1, 0)
    assert edit.new_text == "    # kaman-lint: ignore[KAM001] -- <reason>\n"
    lines = text.splitlines(keepends=True)
    fixed = "".join(lines[:1] + [edit.new_text] + lines[1:])
    await _change(client, uri, fixed, 2)
    assert not client.diagnostics[uri]  # the inserted comment suppresses the finding


@in_session
async def test_quick_fix_in_javascript_uses_its_comment_syntax(client: LanguageClient):
    key = make_key(16)
    uri = await _open(client, "web/server.js", f"const cfg = {{\n\tkey: '{key}',\n}};\n", "javascript")
    diagnostic = client.diagnostics[uri][0]
    actions = await client.text_document_code_action_async(types.CodeActionParams(
        text_document=types.TextDocumentIdentifier(uri), range=diagnostic.range,
        context=types.CodeActionContext(diagnostics=[diagnostic])))
    assert actions[0].edit.changes[uri][0].new_text == "\t// kaman-lint: ignore[KAM001] -- <reason>\n"


@in_session
async def test_excluded_files_get_no_diagnostics(client: LanguageClient):
    (client.root / ".kaman-lint.toml").write_text('extend-exclude = ["fixtures/"]\n', encoding="utf-8")
    try:
        uri = await _open(client, "fixtures/sample.py", f"KEY = '{make_key(17)}'\n")
        assert not client.diagnostics[uri]
    finally:
        (client.root / ".kaman-lint.toml").unlink()


# -- the helpers, without a client ----------------------------------------------------------------


def test_an_existing_directive_gains_the_rule():
    lines = ["x = 1\n", "    # kaman-lint: ignore[KAM002] -- served to the browser on purpose\n", "    y = 2\n"]
    assert suppression_edit(lines, 2, "KAM001", HASH) == (
        1, 2, "    # kaman-lint: ignore[KAM002,KAM001] -- served to the browser on purpose\n")


def test_comment_styles():
    assert comment_style("a/b.py") is HASH and comment_style("x.tsx") is SLASHES
    assert comment_style("page.html").wrap("x") == "<!-- x -->"
    assert comment_style("data.json") is None  # JSON has no comments: no quick fix
    assert comment_style("tsconfig.jsonc") is SLASHES


def test_token_end():
    assert token_end("k = 'kam_abc-DEF_1'", 5) == 18
    assert token_end("", 0) == 0
