"""Dockerfiles: `ENV`/`ARG` instructions, including multi-line `ENV A=1 \\` continuations."""

from __future__ import annotations

from kaman_lint import lazy_re
from kaman_lint.comments import is_comment_line
from kaman_lint.facts import FileFacts
from kaman_lint.keys import KeyMatcher
from kaman_lint.lang.text import guess_name, literal

INSTRUCTION = lazy_re.compile(r"^\s*([A-Za-z]+)\s")


def _instructions(lines: list[str]) -> list[str]:
    """The instruction each line belongs to (continuation lines inherit it)."""
    current, result, continued = "", [], False
    for text in lines:
        if not continued:
            match = INSTRUCTION.match(text)
            current = match.group(1).upper() if match else ""
        result.append(current)
        continued = text.rstrip().endswith("\\")
    return result


def analyze(facts: FileFacts, matcher: KeyMatcher) -> None:
    source = facts.source
    instructions = _instructions(source.lines())
    for match in matcher.find(source.text):
        line, column = source.position(match.start)
        instruction = instructions[line - 1] if line <= len(instructions) else ""
        context = "comment" if is_comment_line(source.line(line), "dockerfile") else "string"
        name = guess_name(source.line_prefix(match.start))
        section = (instruction,) if instruction in ("ENV", "ARG") else ()
        facts.literals.append(literal(facts, match, name=name, section=section, context=context))
