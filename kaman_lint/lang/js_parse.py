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


def parse(text: str, language: str):
    """The syntax tree of `text` (check `tree.root_node.has_error` before trusting it)."""
    return parser(language).parse(text.encode("utf-8"))


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
