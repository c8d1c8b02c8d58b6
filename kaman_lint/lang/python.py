"""Python: `tokenize` finds every string, bytes, f-string part, docstring and comment exactly
and fast; libcst is left to rules that need structure. A file that does not tokenize falls
back to the plain-text scan."""

from __future__ import annotations

import io
import re
import tokenize
from dataclasses import dataclass, field

from kaman_lint.facts import EnvRead, FileFacts
from kaman_lint.keys import KeyMatcher
from kaman_lint.lang import ParseError
from kaman_lint.lang.text import literal

STRING_TYPES = {tokenize.STRING}
if hasattr(tokenize, "FSTRING_MIDDLE"):  # Python 3.12+ splits f-strings into parts
    STRING_TYPES.add(tokenize.FSTRING_MIDDLE)
SKIP = {tokenize.NL, tokenize.COMMENT, tokenize.INDENT, tokenize.DEDENT}

ENV_READ = re.compile(
    r"""(?:os\.environ\.get|os\.getenv|os\.environ|environ\.get|getenv|environ)\s*[\[(]\s*['"]([A-Za-z_]\w*)['"]"""
)


@dataclass
class _LineState:
    """What the tokens so far on the current logical line say about names."""

    target: str | None = None  # `NAME = ...` at bracket depth 0
    label: str | None = None  # the nearest `name=` keyword, `"key":` or annotated default
    depth: int = 0
    previous: list[tokenize.TokenInfo] = field(default_factory=list)


def analyze(facts: FileFacts, matcher: KeyMatcher) -> None:
    source = facts.source
    classes: list[tuple[int, str]] = []  # (indent column, class name)
    state = _LineState()
    try:
        tokens = list(tokenize.generate_tokens(io.StringIO(source.text).readline))
    except (tokenize.TokenError, IndentationError, SyntaxError) as err:
        raise ParseError(f"Python does not tokenize ({_reason(err)}); scanned as text") from err

    for tok in tokens:
        if tok.type == tokenize.NEWLINE:
            state = _LineState()
            continue
        if tok.type not in SKIP and not state.previous:
            _pop_classes(classes, tok.start[1])  # a statement left of a class ends it
        if tok.type in STRING_TYPES or tok.type == tokenize.COMMENT:
            _literals_in_token(facts, matcher, tok, state, _section(classes, tok.start[1]))
        if tok.type not in SKIP:
            if len(state.previous) == 1 and state.previous[0].string == "class":
                classes.append((state.previous[0].start[1], tok.string))
            _track_names(state, tok)
    facts.env_reads.extend(_env_reads(facts))


def _literals_in_token(facts, matcher, tok, state, section) -> None:
    if "kam_" not in tok.string and "a2FtX" not in tok.string:
        return
    context = "comment" if tok.type == tokenize.COMMENT else _string_context(state)
    name = None if tok.type == tokenize.COMMENT else (state.label or state.target)
    base = facts.source.offset(tok.start[0], tok.start[1] + 1)
    for match in matcher.find(tok.string):
        shifted = type(match)(base + match.start, base + match.end, match.key, match.encoding)
        facts.literals.append(literal(facts, shifted, name=name, section=section, context=context))


def _string_context(state: _LineState) -> str:
    return "docstring" if not state.previous else "string"


def _track_names(state: _LineState, tok: tokenize.TokenInfo) -> None:
    prev = state.previous
    if tok.type == tokenize.OP:
        if tok.string in "([{":
            state.depth += 1
        elif tok.string in ")]}":
            state.depth -= 1
        elif tok.string == "=" and prev and prev[-1].type == tokenize.NAME:
            if state.depth == 0 and state.target is None:
                state.target = prev[-1].string
            else:
                state.label = prev[-1].string
        elif tok.string == "=" and len(prev) >= 3 and prev[-2].string == ":":
            state.label = prev[-3].string  # `api_key: str = "..."`
        elif tok.string == ":" and prev and prev[-1].type == tokenize.STRING and state.depth:
            state.label = _unquote(prev[-1].string)  # `{"api_key": "..."}`
    prev.append(tok)


def _pop_classes(classes: list[tuple[int, str]], column: int) -> None:
    while classes and classes[-1][0] >= column:
        classes.pop()


def _section(classes: list[tuple[int, str]], column: int) -> tuple[str, ...]:
    """Classes enclosing a token at `column`: those whose `class` keyword is further left."""
    return tuple(name for indent, name in classes if indent < column)


def _unquote(token: str) -> str:
    return token.strip("'\"bBrRuUfF")


def _reason(err: Exception) -> str:
    args = getattr(err, "args", ())
    if len(args) >= 2 and isinstance(args[1], tuple):
        return f"{args[0]} at line {args[1][0]}"
    return str(err).splitlines()[0] if str(err) else type(err).__name__


def _env_reads(facts: FileFacts) -> list[EnvRead]:
    text = facts.source.text
    reads = []
    for match in ENV_READ.finditer(text):
        line, column = facts.source.position(match.start())
        reads.append(EnvRead(match.group(1), line, column, match.group(0)))
    return reads
