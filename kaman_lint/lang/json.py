"""JSON, JSON with comments, and notebooks. A small tokenizer tracks the key path of every
string, so positions stay exact and a malformed file still yields its keys and names.
In a notebook the path tells a code cell (`source`) from an output (`outputs`).

Strings are read as JSON decodes them (`\\u006bam_...` is `kam_...`: `escapes`), and in a
notebook the strings of a list (a cell's `source`, an output's `text`) as one text, as Jupyter
joins them."""

from __future__ import annotations

import re

from kaman_lint import escapes, lazy_re
from kaman_lint.facts import MAX_SECTIONS, FileFacts
from kaman_lint.keys import PREFILTER, KeyMatch, KeyMatcher, might_contain_key
from kaman_lint.lang.text import literal

TOKEN = lazy_re.compile(r'"(?:[^"\\\n]|\\.)*"|[{}\[\]:,]|//[^\n]*|/\*.*?\*/', re.S)


def analyze(facts: FileFacts, matcher: KeyMatcher) -> None:
    source = facts.source
    notebook = source.language == "notebook"
    if not (might_contain_key(source.text) or escapes.has_hidden(source.text)):
        return
    stack: list[str | None] = []  # the key of each open container (None for arrays)
    labels: list[str] = []  # the keys in `stack` that are set: its path, kept as it changes
    arrays: list[bool] = []  # whether each open container is an array
    items: list[tuple[int, int]] = []  # a notebook list's strings so far (start, end)
    pending_key: str | None = None
    last_string: str | None = None
    # Past the last key marker and backslash no string or comment holds a key: the tokens there
    # only move the path, which nothing reads after (a notebook's list is read when it closes).
    last = len(source.text) if notebook else max(source.text.rfind(marker) for marker in (*PREFILTER, "\\"))
    for token in TOKEN.finditer(source.text):
        if token.start() > last:
            break
        text = token.group(0)
        if items and text not in ",":
            if text.startswith('"') and arrays and arrays[-1]:
                items.append(token.span())
                continue
            _list_literals(facts, matcher, items, labels)
            items = []
        if text in "{[":
            stack.append(pending_key)
            if pending_key:
                labels.append(pending_key)
            arrays.append(text == "[")
            pending_key = None
        elif text in "}]":
            if stack:
                if stack.pop():
                    labels.pop()
                arrays.pop()
            pending_key = None
        elif text == ":":
            pending_key = last_string
        elif text == ",":
            pending_key = None
        elif text.startswith('"'):
            last_string = text[1:-1]
            if notebook and arrays and arrays[-1] and pending_key is None:
                items.append(token.span())
            elif might_contain_key(text) or "\\" in text:
                _string_literals(facts, matcher, _matches(matcher, source.text, *token.span()), labels, pending_key)
        elif text.startswith("/"):
            matches = [_shifted(m, token.start()) for m in matcher.find(text)]
            _string_literals(facts, matcher, matches, labels, None, context="comment")
    if items:
        _list_literals(facts, matcher, items, labels)


def _matches(matcher: KeyMatcher, text: str, start: int, end: int) -> list[KeyMatch]:
    """The keys in one string token at text[start:end], plain and escaped, at file offsets."""
    plain = [_shifted(m, start) for m in matcher.find(text[start:end])]
    if "\\" not in text[start:end]:
        return plain
    return escapes.merge(plain, escapes.keys_in(matcher, text, [(start + 1, end - 1, escapes.JSON)]))


def _list_literals(facts, matcher, items: list[tuple[int, int]], labels: list[str]) -> None:
    """A notebook list of strings, read as the one text Jupyter joins it into."""
    text = facts.source.text
    plain = [m for start, end in items for m in _matches(matcher, text, start, end)]
    joined = escapes.keys_in(matcher, text, [(items[0][0] + 1, items[-1][1] - 1, escapes.NOTEBOOK_LIST)])
    matches = escapes.merge(plain, joined)
    if matches:
        _string_literals(facts, matcher, matches, labels, None)


def _shifted(match: KeyMatch, start: int) -> KeyMatch:
    return type(match)(start + match.start, start + match.end, match.key, match.encoding)


def _string_literals(facts, matcher, matches: list[KeyMatch], labels: list[str], key, context=None) -> None:
    path = tuple(labels[:MAX_SECTIONS])  # the open containers' keys: O(MAX_SECTIONS), not the depth
    if context is None:
        context = _notebook_context(path + (key,)) if facts.source.language == "notebook" else "string"
    for match in matches:
        facts.literals.append(literal(facts, match, name=key, section=path, context=context))


def _notebook_context(path: tuple[str | None, ...]) -> str:
    if "outputs" in path:
        return "notebook-output"
    if "source" in path:
        return "notebook-source"
    return "notebook-metadata"
