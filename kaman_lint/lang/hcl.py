"""Terraform / HCL (`.tf`, `.tfvars`, `.hcl`): every key as in plain text, plus the blocks and
object attributes around it as sections (`locals { production = { api_key = "kam_..." } }`
gives production), found by counting braces line by line so a broken file still scans."""

from __future__ import annotations

import re

from kaman_lint import lazy_re
from kaman_lint.comments import is_comment_line
from kaman_lint.facts import MAX_SECTIONS, FileFacts
from kaman_lint.keys import KeyMatcher
from kaman_lint.lang.text import literal

_STRING = lazy_re.compile(r'"(?:[^"\\\n]|\\.)*"')
# `name = {`, `"name" = {`, `name {`, `module "kaman_prod" {` (the last label names the block)
_OPENER = lazy_re.compile(r'^\s*(?:"([^"]+)"|([\w\-]+))((?:\s+"[^"]*")*)\s*(?:=\s*)?\{')


def sections(lines: list[str]) -> list[tuple[str, ...]]:
    """The labelled blocks enclosing each line (the line's own opener included)."""
    stack: list[str | None] = []
    named: list[str] = []  # the labels in `stack`, kept as it changes
    current: tuple[str, ...] = ()  # their first MAX_SECTIONS: one tuple per change, not per line
    result = []
    for text in lines:
        if is_comment_line(text, "hcl"):
            result.append(current)
            continue
        code = _STRING.sub('""', text).split("#", 1)[0].split("//", 1)[0]
        opener = _OPENER.match(text)
        label = None
        if opener:
            labels = re.findall(r'"([^"]*)"', opener.group(3) or "")
            label = labels[-1] if labels else opener.group(1) or opener.group(2)
        opened = code.count("{")
        closed = code.count("}")
        for n in range(opened):
            own = label if n == 0 and label else None
            stack.append(own)
            if own:
                named.append(own)
                current = tuple(named[:MAX_SECTIONS])
        result.append(current)
        for _ in range(min(closed, len(stack))):
            if stack.pop():
                named.pop()
                current = tuple(named[:MAX_SECTIONS])
    return result


def analyze(facts: FileFacts, matcher: KeyMatcher) -> None:
    source = facts.source
    table = None
    for match in matcher.find(source.text):
        if table is None:
            table = sections(source.lines())
        line, _ = source.position(match.start)
        context = "comment" if is_comment_line(source.line(line), "hcl") else "string"
        section = table[line - 1] if line <= len(table) else ()
        facts.literals.append(literal(facts, match, section=section, context=context))
