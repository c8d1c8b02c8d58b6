"""`kaman-lint server`: a Language Server (LSP over stdio) for editors.

Each open buffer is scanned as `kaman-lint scan - --stdin-filename PATH` would scan it: the
config found from the file's directory, the file's language and role from its path. Diagnostics
are published on open, change and save (a scan of one buffer takes milliseconds: the engine's
prefilter stops at once on files that mention no key). A quick fix inserts
`kaman-lint: ignore[KAMxxx] -- <reason>` on the line above, in the file's comment syntax and at
the line's indentation.

Hostile clients (issue 10): the wire is read and written by `lsp_wire` (any frame survived,
echoes redacted); only documents the client opened are scanned, never a file from disk (a FIFO
would hang the server); a buffer outside the workspace, or whose URI makes no usable path, is
scanned under its file name inside the workspace, so no config or neighbour outside is read.

pygls and lsprotocol are imported only when the server starts; the helpers that decide what to
publish and what to insert are plain functions, tested without a client.
"""

from __future__ import annotations

import os
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING

from kaman_lint import __version__, collector, lazy_re

if TYPE_CHECKING:
    from kaman_lint.comments import CommentSyntax
    from kaman_lint.findings import Finding, Notice

SOURCE = "kaman-lint"
# Where a diagnostic has no end: the key or expression token that starts at its column.
TOKEN = lazy_re.compile(r"[\w.\-]+")
EXISTING_RULES = lazy_re.compile(r"kaman-lint:\s*ignore\[(?P<rules>[^\]\n]*)\]")
RULE_ID = lazy_re.compile(r"[A-Z]+[0-9]+")  # a finding's code; notices carry their kind instead
# The buffer's notices are diagnostics too: hints for suppression hygiene, information for the
# rest (a parse error, a malformed suppression: the scan did less than the user may think).
NOTICE_HINTS = frozenset({"blanket-suppression", "unused-suppression"})
# JSON has no comments, except in the dialects that allow JavaScript's.
JSON_WITH_COMMENTS = (".jsonc", ".json5")


# -- what to publish ----------------------------------------------------------------------------------


def scan_buffer(text: str, path: str | None, notices: list[Notice] | None = None) -> list[Finding]:
    """The findings for an editor buffer standing for `path` (None: an unsaved buffer); the
    scan's notices about the buffer go to `notices` when given. `path` must be one
    :func:`buffer_path` gave: the config is searched from its directory.
    Raises ConfigError for a broken config, which the server shows to the user.

    The cyclic collector waits until the scan is done (as in a history worker's task): a
    module's tree (`ast.parse`, tens of thousands of nodes, freed by reference counting with
    the facts) set off a young collection every 700 of them and middle ones over the
    survivors, 3-5 ms of a 2,000-line module's 55 ms. The next collection after it finds the
    cycles the scan made, if any."""
    with collector.paused():
        return _scan_buffer(text, path, notices)


def _scan_buffer(text: str, path: str | None, notices: list[Notice] | None) -> list[Finding]:
    from kaman_lint import engine
    from kaman_lint.config import check_selection, load_config

    directory = Path(path).parent if path else Path.cwd()
    config = load_config(directory.absolute())
    check_selection(config)  # a config that enables no rule would show every buffer clean
    root = config.project_root or directory
    if path and config.is_excluded(Path(path).absolute()):
        return []  # the project excluded it (fixtures, vendored files): no squiggles either
    # "replace": a lone surrogate from the client becomes one "?", so columns stay right
    result = engine.scan(["-"], config, root=root, stdin=text.encode("utf-8", "replace"), stdin_filename=path)
    if notices is not None:
        notices.extend(n for n in result.notices if n.path is not None)  # the buffer is the only file
    return result.findings


def buffer_path(uri: str, path: str | None, workspace: list[str]) -> str | None:
    """The path a buffer of `uri` is scanned as: its own (for its config, language and role)
    when it is a file inside one of the `workspace` folders; else its file name alone inside
    the first folder, so nothing outside the workspace is read (a config beside the file, a
    package.json, a template) while the file's kind still decides its analysis. None for a
    buffer that names no file (an `untitled:` one).

    A path the file system cannot take (a NUL byte, a lone surrogate from `%00` or `\\ud800`
    in the URI) is treated as outside the workspace: it names no file that could be read."""
    if not uri.startswith("file:") or not path:
        return None
    name = PurePosixPath(path.replace("\\", "/")).name
    base = workspace[0] if workspace else os.getcwd()
    if not _usable(path):
        return os.path.join(base, _usable_name(name))
    real = os.path.realpath(path)  # a link inside the workspace may lead out of it
    for folder in workspace or [base]:
        top = os.path.realpath(folder)
        if real == top or real.startswith(top.rstrip(os.sep) + os.sep):
            return path
    return os.path.join(base, _usable_name(name))


def _usable(path: str) -> bool:
    if "\x00" in path:
        return False
    try:
        os.fsencode(path)
    except UnicodeEncodeError:
        return False
    return True


def _usable_name(name: str) -> str:
    """`name` with what the file system cannot take replaced, its suffix (its kind) kept."""
    cleaned = name.replace("\x00", "_").encode("utf-8", "replace").decode("utf-8")
    return cleaned if _usable(cleaned) and cleaned not in ("", ".", "..") else "untitled"


def token_end(line_text: str, column: int) -> int:
    """The 0-based end (code points) of the token at 0-based `column`, at least one past it."""
    match = TOKEN.match(line_text, column)
    return match.end() if match and match.end() > column else min(column + 1, len(line_text))


# -- the quick fix -----------------------------------------------------------------------------------


def comment_style(path: str | None, text: str = "", line: int = 0) -> CommentSyntax | None:
    """The comment syntax a suppression above 0-based `line` is written in (the shared table of
    `comments`: a line inside an HTML <script> takes `//`), or None where a comment cannot go."""
    from kaman_lint import comments
    from kaman_lint.source import detect_language

    name = path or "untitled.txt"
    language = detect_language(name, text[:200].split("\n", 1)[0])
    if language == "json" and PurePosixPath(name).suffix.lower() not in JSON_WITH_COMMENTS:
        return None
    lines = text.splitlines(keepends=True)
    offset = sum(len(before) for before in lines[:line])
    style = comments.locator(text, language)(offset)
    return style if style.insert else None


def suppression_edit(lines: list[str], line: int, rule_id: str, style: CommentSyntax) -> tuple[int, int, str]:
    """How to suppress `rule_id` at 0-based `line`: (first line, last line, new text) to replace
    lines [first, last) with. A directive already on the line above gains the rule; otherwise a
    new comment line goes above, indented like the finding's line."""
    from kaman_lint.suppress import REASON_PLACEHOLDER

    above = lines[line - 1] if line > 0 else None
    # only a directive alone on its line speaks for the next one (one after code covers its own)
    existing = EXISTING_RULES.search(above) if above is not None and style.starts_line(above) else None
    if existing:
        rules = [r.strip() for r in existing.group("rules").split(",") if r.strip()]
        if rule_id not in rules:
            rules.append(rule_id)
        merged = above[: existing.start("rules")] + ",".join(rules) + above[existing.end("rules"):]
        return line - 1, line, merged.rstrip("\r\n") + "\n"
    target = lines[line] if line < len(lines) else ""
    indent = target[: len(target) - len(target.lstrip(" \t"))]
    directive = f"kaman-lint: ignore[{rule_id}] -- {REASON_PLACEHOLDER}"
    return line, line, f"{indent}{style.wrap(directive)}\n"


# -- the server --------------------------------------------------------------------------------------


def serve() -> None:
    from kaman_lint import lsp_wire

    lsp_wire.log_to_stderr()
    lsp_wire.run(build_server())


def build_server():
    from lsprotocol import types
    from pygls.lsp.server import LanguageServer
    from pygls.protocol import LanguageServerProtocol

    from kaman_lint.config import ConfigError
    from kaman_lint.keys import safe_text
    from kaman_lint.lsp_wire import redacting_protocol

    class Server(LanguageServer):
        def report_server_error(self, error: Exception, source) -> None:
            # pygls shows the error's text, which may quote what the client sent
            self.window_show_message(types.ShowMessageParams(
                message=safe_text(f"kaman-lint server error: {type(error).__name__}: {error}"),
                type=types.MessageType.Error))

    server = Server("kaman-lint", __version__, protocol_cls=redacting_protocol(LanguageServerProtocol))
    shown_errors: set[str] = set()  # a config error is shown once, not on every keystroke

    def publish(ls: LanguageServer, uri: str) -> None:
        document = _open_document(ls, uri)
        if document is None:
            return  # never read from disk: a FIFO would hang the server, /proc or a device is no buffer
        notices: list[Notice] = []
        problem = None
        try:
            findings = scan_buffer(document.source, _document_path(ls, document), notices)
        except ConfigError as err:
            problem = safe_text(f"kaman-lint: {err}")
            if problem not in shown_errors:
                shown_errors.add(problem)
                ls.window_show_message(types.ShowMessageParams(types.MessageType.Error, problem))
            findings = []
        lines = document.lines
        places = _Places(uri, _document_path(ls, document)) if _shows_related(ls) else None
        diagnostics = [_diagnostic(f, lines, ls.workspace.position_codec, types, places) for f in findings]
        if problem:  # in the buffer too: nothing was checked, and a clean buffer would say otherwise
            diagnostics.append(_config_diagnostic(problem, lines, ls.workspace.position_codec, types))
        diagnostics += [_notice_diagnostic(n, lines, ls.workspace.position_codec, types) for n in notices]
        ls.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(uri=uri, version=document.version, diagnostics=diagnostics))

    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    def did_open(ls: LanguageServer, params: types.DidOpenTextDocumentParams) -> None:
        publish(ls, params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(ls: LanguageServer, params: types.DidChangeTextDocumentParams) -> None:
        publish(ls, params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_SAVE)
    def did_save(ls: LanguageServer, params: types.DidSaveTextDocumentParams) -> None:
        publish(ls, params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: LanguageServer, params: types.DidCloseTextDocumentParams) -> None:
        ls.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(uri=params.text_document.uri, diagnostics=[]))

    @server.feature(types.TEXT_DOCUMENT_CODE_ACTION,
                    types.CodeActionOptions(code_action_kinds=[types.CodeActionKind.QuickFix]))
    def code_action(ls: LanguageServer, params: types.CodeActionParams) -> list[types.CodeAction]:
        document = _open_document(ls, params.text_document.uri)
        if document is None:
            return []
        path = _document_path(ls, document)
        lines = list(document.lines)
        actions = []
        for diagnostic in params.context.diagnostics:
            if diagnostic.source != SOURCE or not RULE_ID.fullmatch(str(diagnostic.code or "")):
                continue
            if diagnostic.range.start.line >= max(len(lines), 1):
                continue  # a stale diagnostic, or a client's invention: no line to suppress there
            style = comment_style(path, document.source, diagnostic.range.start.line)
            if style is None:
                continue
            first, last, text = suppression_edit(lines, diagnostic.range.start.line, str(diagnostic.code), style)
            echoed = _echoed(diagnostic, types)
            edit = types.TextEdit(types.Range(types.Position(first, 0), types.Position(last, 0)), text)
            actions.append(types.CodeAction(
                title=f"Suppress {diagnostic.code} here (kaman-lint: ignore, with a reason)",
                kind=types.CodeActionKind.QuickFix,
                diagnostics=[echoed],
                edit=types.WorkspaceEdit(changes={params.text_document.uri: [edit]}),
            ))
            actions += _env_read_action(document, path, diagnostic, echoed, params.text_document.uri, types)
        return actions

    return server


def _echoed(diagnostic, types):
    """The client's `diagnostic` as a code action may name it back: its range, code, source and
    severity, its message redacted, nothing else. The client wrote all of it (a hostile or
    merely buggy one can put a key in the message, `data`, a related message or a link), and
    anything the server sends back is redacted (issue 10)."""
    from kaman_lint.keys import safe_text

    return types.Diagnostic(range=diagnostic.range, message=safe_text(str(diagnostic.message or "")),
                            severity=diagnostic.severity, code=diagnostic.code, source=diagnostic.source)


def _env_read_action(document, path: str | None, diagnostic, echoed, uri: str, types) -> list:
    """`scan --fix`'s rewrite of the key under `diagnostic` (kaman_lint/fix/editor.py), as a
    quick fix beside the suppression; none where the fix is advice only. `path`: the
    buffer's, from :func:`_document_path`; `echoed`: the diagnostic as the answer names it."""
    from kaman_lint.config import ConfigError
    from kaman_lint.fix.editor import env_read_fix

    start = diagnostic.range.start
    try:
        fixed = env_read_fix(document.source, path, scan_buffer(document.source, path),
                             start.line, start.character, str(diagnostic.code))
    except ConfigError:
        return []
    if fixed is None:
        return []
    title, (first, last, text) = fixed
    edit = types.TextEdit(types.Range(types.Position(first, 0), types.Position(last, 0)), text)
    return [types.CodeAction(title=f"{title} (unsafe: the code then needs it set)",
                             kind=types.CodeActionKind.QuickFix, diagnostics=[echoed],
                             edit=types.WorkspaceEdit(changes={uri: [edit]}))]


def _open_document(ls, uri: str):
    """The document the client opened at `uri`, or None: pygls would otherwise make one that
    reads the file from disk (a `didSave` or code action for a file never opened)."""
    from urllib.parse import unquote

    return ls.workspace.text_documents.get(unquote(uri))


def _document_path(ls, document) -> str | None:
    """The path an open document is scanned as (:func:`buffer_path`), inside the workspace."""
    from pygls.uris import to_fs_path

    folders = [to_fs_path(folder.uri) for folder in ls.workspace.folders.values()]
    if ls.workspace.root_path:
        folders.append(ls.workspace.root_path)
    return buffer_path(document.uri, document.path, [f for f in folders if f])


def _config_diagnostic(message: str, lines, codec, types):
    """An error on the buffer's first line: the config could not be used, nothing was checked."""
    width = len(lines[0].rstrip("\r\n")) if lines else 0
    return types.Diagnostic(
        range=types.Range(types.Position(0, 0), codec.position_to_client_units(lines, types.Position(0, width))),
        message=message + " (nothing in this file was checked)", severity=types.DiagnosticSeverity.Error,
        code="config-error", source=SOURCE)


def _notice_diagnostic(notice: Notice, lines, codec, types):
    """A notice about the buffer (a parse error, a malformed or blanket suppression) on its
    line, or on the first line when it names none."""
    line = min(max((notice.line or 1) - 1, 0), max(len(lines) - 1, 0))
    width = len(lines[line].rstrip("\r\n")) if lines else 0
    hint = notice.kind in NOTICE_HINTS
    return types.Diagnostic(
        range=types.Range(types.Position(line, 0),
                          codec.position_to_client_units(lines, types.Position(line, width))),
        message=notice.message,  # redacted when made (findings.Notice)
        severity=types.DiagnosticSeverity.Hint if hint else types.DiagnosticSeverity.Information,
        code=notice.kind,
        source=SOURCE,
        tags=[types.DiagnosticTag.Unnecessary] if notice.kind == "unused-suppression" else None,
    )


def _shows_related(ls) -> bool:
    """Whether the client takes `relatedInformation` (the LSP says to send it only then)."""
    capabilities = ls.client_capabilities.text_document
    diagnostics = capabilities.publish_diagnostics if capabilities else None
    return bool(diagnostics and diagnostics.related_information)


class _Places:
    """Where a finding's related places are, for the client: places in the buffer's own file
    are in the buffer (its URI, whatever its path); another file's is its path under the scan
    root, which the buffer's path and its finding's path give (`a/b.js` scanned as `b.js`
    under `a/`). No file is read: columns in other files are not converted, so their places
    are the start of their line."""

    def __init__(self, uri: str, path: str | None) -> None:
        self.uri, self.path = uri, path

    def uri_of(self, own_path: str, path: str) -> str | None:
        if path == own_path:
            return self.uri
        if not self.path or not self.path.replace(os.sep, "/").endswith("/" + own_path):
            return None
        root = self.path[:len(self.path) - len(own_path)]
        return Path(root, path).absolute().as_uri()


def _related_information(finding: Finding, lines, codec, types, places: _Places) -> list:
    """The finding's related places (the imports on the way, the other file's key, ...), the
    steps of its flow, and the repeats on its line, as LSP related information."""
    own = finding.location.path
    shown = [(loc, loc.message or "related location") for loc in sorted(finding.related)]
    shown += [(loc, f"step {n}: {loc.message or 'flow step'}") for n, loc in enumerate(finding.flow, start=1)]
    shown += [(loc, f"also here (occurrence {n} of {finding.occurrences:,} on this line)")
              for n, loc in enumerate(finding.repeats, start=2)]
    information = []
    for loc, message in shown:
        uri = places.uri_of(own, loc.path)
        if uri is None:
            continue
        if uri == places.uri:
            start, end = _span(loc, lines, codec, types)
        else:
            start = end = types.Position(max(loc.line - 1, 0), 0)
        information.append(types.DiagnosticRelatedInformation(types.Location(uri, types.Range(start, end)), message))
    return information


def _span(loc, lines, codec, types):
    """A buffer place's start and end in the client's units (to the end of the token at its
    column when the place has no end)."""
    line = min(max(loc.line - 1, 0), max(len(lines) - 1, 0))
    text = lines[line].rstrip("\r\n") if lines else ""
    start = min(max(loc.column - 1, 0), len(text))
    if loc.end_line is not None and loc.end_column is not None:
        end_line, end = loc.end_line - 1, loc.end_column - 1
    else:
        end_line, end = line, token_end(text, start)
    return (codec.position_to_client_units(lines, types.Position(line, start)),
            codec.position_to_client_units(lines, types.Position(end_line, end)))


def _diagnostic(finding: Finding, lines, codec, types, places: _Places | None = None):
    from kaman_lint.findings import Severity
    from kaman_lint.report import _common

    start, end = _span(finding.location, lines, codec, types)
    severity = {Severity.ERROR: types.DiagnosticSeverity.Error,
                Severity.WARNING: types.DiagnosticSeverity.Warning,
                Severity.NOTE: types.DiagnosticSeverity.Information}[Severity(finding.severity)]
    related = _related_information(finding, lines, codec, types, places) if places else None
    return types.Diagnostic(
        range=types.Range(start, end),
        message=_common.counted(finding),  # with how often on the line (kaman_lint/repeats.py)
        severity=severity,
        code=finding.rule_id,
        source=SOURCE,
        related_information=related or None,
    )
