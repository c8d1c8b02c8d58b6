"""`kaman-lint server` against a real LSP client (pytest-lsp runs the server as a subprocess
over stdio): diagnostics on open, change and save, and the suppression quick fix."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

pytest_lsp = pytest.importorskip("pytest_lsp", reason="pytest-lsp is in the test extras: pip install -e '.[test]'")
from lsprotocol import types  # noqa: E402  (pytest-lsp brings it)
from pytest_lsp import ClientServerConfig, LanguageClient, client_capabilities  # noqa: E402

from kaman_lint.comments import HASH_LANGUAGE  # noqa: E402
from kaman_lint.server import comment_style, suppression_edit, token_end  # noqa: E402

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
async def test_a_broken_file_still_gets_its_finding_and_a_parse_error(client: LanguageClient):
    key = make_key(14)
    uri = await _open(client, "broken.py", f"def f(:\n    KEY = '{key}'\n")
    by_code = {d.code: d for d in client.diagnostics[uri]}
    assert sorted(by_code) == ["KAM001", "parse-error"]
    assert by_code["KAM001"].range.start.line == 1
    assert by_code["parse-error"].severity == types.DiagnosticSeverity.Information
    leaked = key[4:] in by_code["parse-error"].message
    assert not leaked


@in_session
async def test_suppression_notices_are_diagnostics_without_a_quick_fix(client: LanguageClient):
    key = make_key(18)
    text = (f"A = '{key}'  # kaman-lint: ignore\n"  # blanket: hides it, with a hint
            f"# kaman-lint: ignore[KAM001] fixture for tests\n"  # malformed: hides nothing
            f"B = '{key}'\n")
    uri = await _open(client, "notices.py", text)
    found = {(d.code, d.range.start.line, d.severity) for d in client.diagnostics[uri]}
    assert found == {("blanket-suppression", 0, types.DiagnosticSeverity.Hint),
                     ("malformed-suppression", 1, types.DiagnosticSeverity.Information),
                     ("KAM001", 2, types.DiagnosticSeverity.Error)}
    notice = next(d for d in client.diagnostics[uri] if d.code == "malformed-suppression")
    actions = await client.text_document_code_action_async(types.CodeActionParams(
        text_document=types.TextDocumentIdentifier(uri), range=notice.range,
        context=types.CodeActionContext(diagnostics=[notice])))
    assert not actions  # "suppress malformed-suppression" would make no sense


@in_session
async def test_a_broken_config_is_shown_redacted(client: LanguageClient):
    key = make_key(19)
    config = client.root / "badcfg" / ".kaman-lint.toml"
    config.parent.mkdir()
    config.write_text(f'select = ["{key}"]\n', encoding="utf-8")
    await _open(client, "badcfg/app.py", "x = 1\n")
    errors = [m.message for m in client.messages if m.type == types.MessageType.Error]
    assert any("unknown rule" in m for m in errors)
    leaked = any(key[4:] in m for m in errors)  # not in the assert: pytest would print it
    assert not leaked


@in_session
async def test_quick_fix_inserts_a_suppression_that_works(client: LanguageClient):
    key = make_key(15)
    text = f"def connect():\n    key = '{key}'\n    return key\n"
    uri = await _open(client, "fix.py", text)
    [diagnostic] = client.diagnostics[uri]
    actions = await client.text_document_code_action_async(types.CodeActionParams(
        text_document=types.TextDocumentIdentifier(uri), range=diagnostic.range,
        context=types.CodeActionContext(diagnostics=[diagnostic])))
    action = next(a for a in actions if a.title.startswith("Suppress"))
    assert action.kind == types.CodeActionKind.QuickFix
    [edit] = action.edit.changes[uri]
    assert (edit.range.start.line, edit.range.start.character) == (1, 0)
    assert edit.new_text == "    # kaman-lint: ignore[KAM001] -- <reason>\n"
    lines = text.splitlines(keepends=True)
    fixed = "".join(lines[:1] + [edit.new_text] + lines[1:])
    await _change(client, uri, fixed, 2)
    # until the placeholder is replaced, the comment is malformed: the finding stays, and says so
    assert sorted(d.code for d in client.diagnostics[uri]) == ["KAM001", "malformed-suppression"]
    await _change(client, uri, fixed.replace("<reason>", "a sandbox key, rotated"), 3)
    assert not client.diagnostics[uri]  # with a reason, the comment suppresses the finding


@in_session
async def test_quick_fix_in_javascript_uses_its_comment_syntax(client: LanguageClient):
    key = make_key(16)
    uri = await _open(client, "web/server.js", f"const cfg = {{\n\tkey: '{key}',\n}};\n", "javascript")
    diagnostic = client.diagnostics[uri][0]
    actions = await client.text_document_code_action_async(types.CodeActionParams(
        text_document=types.TextDocumentIdentifier(uri), range=diagnostic.range,
        context=types.CodeActionContext(diagnostics=[diagnostic])))
    assert actions[0].edit.changes[uri][0].new_text == "\t// kaman-lint: ignore[KAM001] -- <reason>\n"


def _apply(text: str, edit) -> str:
    lines = text.splitlines(keepends=True)
    first, last = edit.range.start.line, edit.range.end.line
    return "".join(lines[:first] + [edit.new_text] + lines[last:])


@in_session
async def test_quick_fix_reads_the_key_from_the_environment(client: LanguageClient):
    key = make_key(18)
    text = f'"""Client."""\nfrom kaman import Kaman\n\nclient = Kaman(api_key="{key}")  # prod\n'
    uri = await _open(client, "envfix.py", text)
    [diagnostic] = client.diagnostics[uri]
    actions = await client.text_document_code_action_async(types.CodeActionParams(
        text_document=types.TextDocumentIdentifier(uri), range=diagnostic.range,
        context=types.CodeActionContext(diagnostics=[diagnostic])))
    titles = [a.title for a in actions]
    assert titles[0].startswith("Suppress KAM001")  # the suppression stays first
    [action] = [a for a in actions if a.title.startswith("Read KAMAN_API_KEY from the environment")]
    [edit] = action.edit.changes[uri]
    fixed = _apply(text, edit)
    assert fixed == ('"""Client."""\nfrom kaman import Kaman\nimport os\n\n'
                     'client = Kaman(api_key=os.environ["KAMAN_API_KEY"])  # prod\n')
    assert key[4:] not in edit.new_text
    await _change(client, uri, fixed, 2)
    assert not client.diagnostics[uri]


@in_session
async def test_client_code_gets_no_env_read_quick_fix(client: LanguageClient):
    (client.root / "web").mkdir(exist_ok=True)
    (client.root / "web" / "package.json").write_text('{"dependencies": {"vite": "5"}}', encoding="utf-8")
    uri = await _open(client, "web/src/main.js", f"const key = '{make_key(19)}';\n", "javascript")
    diagnostic = next(d for d in client.diagnostics[uri] if d.code == "KAM001")
    actions = await client.text_document_code_action_async(types.CodeActionParams(
        text_document=types.TextDocumentIdentifier(uri), range=diagnostic.range,
        context=types.CodeActionContext(diagnostics=[diagnostic])))
    assert [a.title for a in actions if "environment" in a.title] == []
    assert any(a.title.startswith("Suppress") for a in actions)


@in_session
async def test_excluded_files_get_no_diagnostics(client: LanguageClient):
    (client.root / ".kaman-lint.toml").write_text('extend-exclude = ["fixtures/"]\n', encoding="utf-8")
    try:
        uri = await _open(client, "fixtures/sample.py", f"KEY = '{make_key(17)}'\n")
        assert not client.diagnostics[uri]
    finally:
        (client.root / ".kaman-lint.toml").unlink()


@in_session
async def test_repeats_on_a_line_are_related_information_in_the_buffer(client: LanguageClient):
    key = make_key(20)
    text = f'const keys = ["{key}", "{key}"];\n'
    uri = await _open(client, "web/repeats.js", text, "javascript")
    [diagnostic] = [d for d in client.diagnostics[uri] if d.code == "KAM001"]
    assert "2 times on this line" in diagnostic.message
    [also] = diagnostic.related_information
    assert also.location.uri == uri
    second = text.rindex(key)
    assert (also.location.range.start.line, also.location.range.start.character) == (0, second)
    assert (also.location.range.end.line, also.location.range.end.character) == (0, second + len(key))
    assert "occurrence 2 of 2" in also.message


@in_session
async def test_related_places_in_the_buffer_and_in_other_files(client: LanguageClient):
    (client.root / "site" / "templates").mkdir(parents=True)
    (client.root / "site" / "templates" / "page.html").write_text("<script>init('{{ tok }}')</script>\n")
    uri = await _open(client, "site/app.py", "import os\nfrom flask import render_template\n\n"
                      "def view():\n    return render_template('page.html', tok=os.environ['KAMAN_API_KEY'])\n")
    [diagnostic] = [d for d in client.diagnostics[uri] if d.code == "KAM002"]
    places = [(i.location.uri, i.location.range.start.line) for i in diagnostic.related_information]
    assert ((client.root / "site" / "templates" / "page.html").as_uri(), 0) in places
    assert all(i.message for i in diagnostic.related_information)


# -- the helpers, without a client ----------------------------------------------------------------


def test_an_existing_directive_gains_the_rule():
    lines = ["x = 1\n", "    # kaman-lint: ignore[KAM002] -- served to the browser on purpose\n", "    y = 2\n"]
    assert suppression_edit(lines, 2, "KAM001", HASH_LANGUAGE) == (
        1, 2, "    # kaman-lint: ignore[KAM002,KAM001] -- served to the browser on purpose\n")


def test_a_directive_after_code_on_the_line_above_does_not_gain_the_rule():
    lines = ["x = 1  # kaman-lint: ignore[KAM002] -- served on purpose\n", "key = 2\n"]
    assert suppression_edit(lines, 1, "KAM001", HASH_LANGUAGE) == (
        1, 1, "# kaman-lint: ignore[KAM001] -- <reason>\n")  # a new line: that one covers line 1 only


def test_comment_styles():
    assert comment_style("a/b.py").wrap("x") == "# x" and comment_style("x.tsx").wrap("x") == "// x"
    assert comment_style("page.html").wrap("x") == "<!-- x -->"
    assert comment_style("data.json") is None  # JSON has no comments: no quick fix
    assert comment_style("tsconfig.jsonc").wrap("x") == "// x"
    assert comment_style("report.ipynb") is None  # a cell's lines are JSON strings


def test_comment_style_follows_the_region_of_the_line():
    page = "<p>hi</p>\n<script>\n  const k = 1;\n</script>\n<style>\n  a { color: red }\n</style>\n"
    assert comment_style("page.html", page, 0).wrap("x") == "<!-- x -->"
    assert comment_style("page.html", page, 2).wrap("x") == "// x"  # inside <script>
    assert comment_style("page.html", page, 5).wrap("x") == "/* x */"  # inside <style>
    readme = "# Setup\n\n```js\nconst k = 1;\n```\n\n```sh\nexport K=1\n```\n"
    assert comment_style("README.md", readme, 0).wrap("x") == "<!-- x -->"
    assert comment_style("README.md", readme, 3).wrap("x") == "// x"
    assert comment_style("README.md", readme, 7).wrap("x") == "# x"


def test_token_end():
    assert token_end("k = 'kam_abc-DEF_1'", 5) == 18
    assert token_end("", 0) == 0


def test_related_information_only_for_clients_that_take_it():
    from types import SimpleNamespace

    from kaman_lint.server import _shows_related

    def server(capabilities):
        return SimpleNamespace(client_capabilities=capabilities)

    assert _shows_related(server(client_capabilities("neovim")))
    assert not _shows_related(server(client_capabilities("emacs")))  # it does not declare it
    assert not _shows_related(server(types.ClientCapabilities()))
