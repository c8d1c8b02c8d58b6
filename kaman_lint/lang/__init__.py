"""Analyzers: one per kind of file, each turning a Source into facts with positions.

Every analyzer may fail on a file that does not parse; the file is then scanned as plain text,
so a key in a broken file is still found, and the trouble becomes a notice.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable

from kaman_lint.facts import FileFacts
from kaman_lint.keys import KeyMatcher

# language -> module in this package with `analyze(facts, matcher)`. Imported on first use so
# that a run over three Python files never pays for tree-sitter.
ANALYZERS = {
    "python": "python",
    "env": "envfile",
    "dockerfile": "dockerfile",
    "yaml": "yaml",
    "toml": "ini",
    "ini": "ini",
    "json": "json",
    "notebook": "json",
    "javascript": "javascript",
    "typescript": "javascript",
    "jsx": "javascript",
    "tsx": "javascript",
    "html": "html",
    "hcl": "hcl",
}
# language -> modules (full names) that add facts after the file's own analyzer (same signature).
# They never replace its literals; on trouble they set `facts.parse_error` themselves.
FOLLOW_UPS = {
    "python": ("kaman_lint.exposure.flows.python",),
    "text": ("kaman_lint.exposure.flows.php",),  # PHP pages: what their code echoes (it skips other text)
}

Analyzer = Callable[[FileFacts, KeyMatcher], None]


class ParseError(Exception):
    """An analyzer could not parse its file; the message says where and why."""


def preload() -> None:
    """Import every analyzer, its follow-ups and the JS/TS grammars now (see `Rule.preload`),
    and what an analyzer imports on first use: its own `preload()`, when it has one. Not the
    TOML parser (`tomllib`, 8-10 ms): a tree whose TOML files mention Kaman is rare, and the
    worker that meets one imports it then."""
    from kaman_lint.lang import js_parse

    modules = [importlib.import_module(f"{__name__}.{module}") for module in sorted({*ANALYZERS.values(), "text"})]
    modules += [importlib.import_module(module) for module in sorted({m for ms in FOLLOW_UPS.values() for m in ms})]
    for module in modules:
        if hasattr(module, "preload"):
            module.preload()
    js_parse.preload()


def analyzer_for(language: str) -> Analyzer:
    module = ANALYZERS.get(language, "text")
    return importlib.import_module(f"{__name__}.{module}").analyze


def analyze(facts: FileFacts, matcher: KeyMatcher) -> None:
    """Fill `facts` using the file's own analyzer, falling back to the plain-text scan."""
    from kaman_lint.lang import text

    try:
        analyzer_for(facts.source.language)(facts, matcher)
    except ParseError as err:
        facts.parse_error = str(err)
        facts.literals.clear()
        facts.comment_lines = None
        text.analyze(facts, matcher)
        return
    for module in FOLLOW_UPS.get(facts.source.language, ()):
        importlib.import_module(module).analyze(facts, matcher)
