"""tree-sitter parsers for JavaScript, TypeScript and TSX: one per language, built on first use.

Building a parser loads its grammar (tens of milliseconds), so the readers that need structure
(`js_concat`), KAM002's flows and the fixer share these instead of keeping a table each.
"""

from __future__ import annotations

_PARSERS: dict[str, object] = {}


def parser(language: str):
    """The parser for `language` ("javascript", "typescript" or "tsx"; anything else reads as
    JavaScript)."""
    built = _PARSERS.get(language)
    if built is None:
        import tree_sitter

        if language in ("typescript", "tsx"):
            import tree_sitter_typescript as grammar

            lang = grammar.language_tsx() if language == "tsx" else grammar.language_typescript()
        else:
            import tree_sitter_javascript as grammar

            lang = grammar.language()
        built = _PARSERS[language] = tree_sitter.Parser(tree_sitter.Language(lang))
    return built


def preload() -> None:
    """Import the grammars (a process about to fork workers: `lang.preload`)."""
    import tree_sitter  # noqa: F401
    import tree_sitter_javascript  # noqa: F401
    import tree_sitter_typescript  # noqa: F401


def parse(text: str, language: str):
    """The syntax tree of `text` (check `tree.root_node.has_error` before trusting it)."""
    return parser(language).parse(text.encode("utf-8"))
