"""YAML (compose files, CI workflows, Kubernetes manifests, Rails-style configs): key paths
from indentation, line by line, so positions are exact and a broken file still gives names."""

from __future__ import annotations

import re

from kaman_lint.comments import is_comment_line
from kaman_lint.facts import FileFacts
from kaman_lint.keys import KeyMatcher
from kaman_lint.lang.text import guess_name, literal

# `key:`, `- key:`, `"key":` at the start of a line (after indentation and list dashes).
MAPPING_KEY = re.compile(r"""^(\s*(?:-\s+)*)(?:"([^"]+)"|'([^']+)'|([^\s#'"][^:#]*?))\s*:(?:\s|$)""")


def key_paths(lines: list[str]) -> list[tuple[tuple[str, ...], str | None]]:
    """For each line: (the keys enclosing it, the key it defines itself or None)."""
    stack: list[tuple[int, str]] = []  # (column of the key, key)
    result = []
    for text in lines:
        stripped = text.strip()
        if stripped and not is_comment_line(stripped, "yaml"):
            match = MAPPING_KEY.match(text)
            column = len(match.group(1)) if match else len(text) - len(text.lstrip(" -"))
            while stack and stack[-1][0] >= column:  # a line at or left of a key closes it
                stack.pop()
            if match:
                own = (match.group(2) or match.group(3) or match.group(4)).strip()
                result.append((tuple(k for _, k in stack), own))
                stack.append((column, own))
                continue
        result.append((tuple(k for _, k in stack), None))
    return result


def analyze(facts: FileFacts, matcher: KeyMatcher) -> None:
    source = facts.source
    paths = None
    for match in matcher.find(source.text):
        if paths is None:
            paths = key_paths(source.lines())
        line, column = source.position(match.start)
        parents, own = paths[line - 1] if line <= len(paths) else ((), None)
        prefix = source.line(line)[:column - 1]
        # `- NAME=value` list items (compose `environment:`) name the variable themselves.
        name = guess_name(prefix.lstrip(" -")) if "=" in prefix else own or guess_name(prefix)
        if own and "{" in prefix.split(":", 1)[-1]:  # `production: {api_key: kam_...}`
            parents, name = parents + (own,), guess_name(prefix)
        context = "comment" if is_comment_line(prefix, "yaml") else "string"
        facts.literals.append(literal(facts, match, name=name, section=parents, context=context))
