"""JSON, JSON with comments, and notebooks. A small tokenizer tracks the key path of every
string, so positions stay exact and a malformed file still yields its keys and names.
In a notebook the path tells a code cell (`source`) from an output (`outputs`)."""

from __future__ import annotations

import re

from kaman_lint.facts import FileFacts
from kaman_lint.keys import KeyMatcher, might_contain_key
from kaman_lint.lang.text import literal

TOKEN = re.compile(r'"(?:[^"\\\n]|\\.)*"|[{}\[\]:,]|//[^\n]*|/\*.*?\*/', re.S)


def analyze(facts: FileFacts, matcher: KeyMatcher) -> None:
    source = facts.source
    if not might_contain_key(source.text):
        return
    stack: list[str | None] = []  # the key of each open container (None for arrays)
    pending_key: str | None = None
    last_string: str | None = None
    for token in TOKEN.finditer(source.text):
        text = token.group(0)
        if text in "{[":
            stack.append(pending_key)
            pending_key = None
        elif text in "}]":
            if stack:
                stack.pop()
            pending_key = None
        elif text == ":":
            pending_key = last_string
        elif text == ",":
            pending_key = None
        elif text.startswith('"'):
            last_string = text[1:-1]
            if might_contain_key(text):
                _string_literals(facts, matcher, token.start(), text, stack, pending_key)
        elif text.startswith("/"):
            _string_literals(facts, matcher, token.start(), text, stack, None, context="comment")


def _string_literals(facts, matcher, start, text, stack, key, context=None) -> None:
    path = tuple(k for k in stack if k)
    if context is None:
        context = _notebook_context(path + (key,)) if facts.source.language == "notebook" else "string"
    for match in matcher.find(text):
        shifted = type(match)(start + match.start, start + match.end, match.key, match.encoding)
        facts.literals.append(literal(facts, shifted, name=key, section=path, context=context))


def _notebook_context(path: tuple[str | None, ...]) -> str:
    if "outputs" in path:
        return "notebook-output"
    if "source" in path:
        return "notebook-source"
    return "notebook-metadata"
