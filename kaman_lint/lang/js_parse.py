"""tree-sitter parsers for JavaScript, TypeScript and TSX: one per language, built on first use.

Building a parser loads its grammar, so the readers that need structure (`js_concat`), KAM002's
flows and the fixer share these instead of keeping a table each.

tree-sitter and its grammars are C extensions (`<package>._binding`) behind a Python
`__init__` that only re-exports them: tree_sitter's imports `typing`, the grammars'
`importlib.resources` (with `pathlib`, `tempfile`, `contextlib`...), 8-9 ms of every process
that parses JavaScript, for query files nothing here reads. The extensions are loaded alone,
as `import` would load them (the package's own `import` finds the same module after).
"""

from __future__ import annotations

import sys

_PARSERS: dict[str, object] = {}


def parser(language: str):
    """The parser for `language` ("javascript", "typescript" or "tsx"; anything else reads as
    JavaScript)."""
    built = _PARSERS.get(language)
    if built is None:
        if language in ("typescript", "tsx"):
            grammar = _binding("tree_sitter_typescript")
            lang = grammar.language_tsx() if language == "tsx" else grammar.language_typescript()
        else:
            lang = _binding("tree_sitter_javascript").language()
        tree_sitter = binding()
        built = _PARSERS[language] = tree_sitter.Parser(tree_sitter.Language(lang))
    return built


def binding():
    """The `tree_sitter` module's classes (Parser, Language, Query, QueryCursor, Node...)."""
    return _binding("tree_sitter")


def preload() -> None:
    """Load the grammars (a process about to fork workers: `lang.preload`)."""
    for package in ("tree_sitter", "tree_sitter_javascript", "tree_sitter_typescript"):
        _binding(package)


_last: tuple = (None, None, None)  # (text, language, tree) of the last whole text parsed
# A tree costs ~30 bytes a character (a 1.8 MB bundle's: 50 MB): only a small one is kept
# until the next parse; a file whose flows are followed is one of those (bundles are not).
KEEP_CHARS = 256 * 1024


def parse(text: str, language: str, data: bytes | None = None):
    """The syntax tree of `text` (check `tree.root_node.has_error` before trusting it); `data`:
    `text` as UTF-8, when the caller has it. The last small tree is kept: a script is parsed by
    its reader (js_concat), then by KAM002's flows and comment check, the same text (the same
    `str`) each time, and a tree is never changed once built."""
    global _last
    last = _last  # (one read: another thread may set it meanwhile)
    if last[0] is text and last[1] == language:
        return last[2]
    tree = parser(language).parse(text.encode("utf-8") if data is None else data)
    _last = (text, language, tree) if len(text) <= KEEP_CHARS else (None, None, None)
    return tree


def _binding(package: str):
    """`package._binding`, loaded without running `package/__init__.py` when it is a plain
    extension module file of an installed package; else imported the usual way."""
    name = package + "._binding"
    module = sys.modules.get(name)
    if module is None:
        module = sys.modules[name] = _extension(package, name) or _imported(name)
    return module


def _extension(package: str, name: str):
    from importlib.machinery import ExtensionFileLoader, PathFinder

    try:
        found = PathFinder.find_spec(package)
        spec = found and found.submodule_search_locations and PathFinder.find_spec(
            name, found.submodule_search_locations)
        if not spec or type(spec.loader) is not ExtensionFileLoader:
            return None
        module = spec.loader.create_module(spec)
        spec.loader.exec_module(module)
        return module
    except (ImportError, OSError):
        return None


def _imported(name: str):
    import importlib

    return importlib.import_module(name)
