"""Sections from Python structure, the way a YAML `prod:` mapping gives one: the dict key,
keyword or variable a `{`, `(` or `[` is the value of (`CONFIG = {"prod": {"api_key": "kam_..."}}`
puts the key in section (CONFIG, prod)), and the string an `if` block compares with
(`if APP_ENV == "production":`). Environments are read off these sections."""

from __future__ import annotations

import tokenize

from kaman_lint import lazy_re
from kaman_lint.facts import MAX_SECTIONS, FileFacts
from kaman_lint.keys import safe_label

_SKIP = {tokenize.NL, tokenize.NEWLINE, tokenize.COMMENT, tokenize.INDENT, tokenize.DEDENT}
_STRING_PREFIX = lazy_re.compile(r"[rRbBuUfF]*")


def string_contents(token: str) -> str:
    """The text between the quotes of a STRING token (`rb"..."`, triple quotes), as written.
    (`str.strip` with quotes and prefix letters would also eat the `buf` of `"buffer"`.)"""
    prefix = _STRING_PREFIX.match(token).end()
    quote = 3 if token[prefix:prefix + 3] in ('"' * 3, "'" * 3) else 1
    return token[prefix + quote:len(token) - quote]


def add_bracket_sections(facts: FileFacts, tokens: list[tokenize.TokenInfo]) -> None:
    """Append the labels of the brackets around each literal to its section."""
    if not facts.literals:
        return
    spans = sorted(bracket_spans(facts, tokens) + if_spans(facts, tokens),
                   key=lambda span: (span[0], -span[1]))
    if not spans:
        return
    # One sweep over spans and literals in offset order (every span tested against every literal
    # was quadratic on a long file of small blocks). Brackets nest, and an `if` block holds whole
    # lines (a bracket never spans its dedent): the spans open at a point form a stack, each
    # pushed and popped once. A span reaching past the one it opens in is cut to it, so the
    # stack holds even on text that is not Python.
    labels: dict[int, tuple[str, ...]] = {}
    stack: list[tuple[int, int, str]] = []
    next_span = 0
    for offset in sorted({lit.offset for lit in facts.literals}):
        while next_span < len(spans) and spans[next_span][0] <= offset:
            start, end, label = spans[next_span]
            next_span += 1
            while stack and stack[-1][1] <= start:
                stack.pop()
            stack.append((start, min(end, stack[-1][1]) if stack else end, label))
        while stack and stack[-1][1] <= offset:
            stack.pop()
        labels[offset] = tuple(safe_label(label) or "" for _, _, label in stack[:MAX_SECTIONS])
    facts.literals[:] = [lit._replace(section=lit.section + labels[lit.offset])
                         for lit in facts.literals]


def if_spans(facts: FileFacts, tokens: list[tokenize.TokenInfo]) -> list[tuple[int, int, str]]:
    """(start, end, label) of `if`/`elif` blocks whose test compares with a string, labelled by
    that string: `if os.environ["APP_ENV"] == "production":` gives section production to its
    body. An `else:` after exactly one such branch naming development or production gets the
    other one (`if ENV == "production": ... else: ...`); after more branches it gets nothing."""
    source = facts.source
    spans: list[tuple[int, int, str]] = []
    open_blocks: list[tuple[int, int, str]] = []  # (indent level of the header, start, label)
    chains: dict[int, list[str | None]] = {}  # labels of the if/elif branches so far, per level
    level = 0
    header: list[tokenize.TokenInfo] | None = None
    keyword = ""
    at_line_start = True
    indent, dedent, name, op, newline = tokenize.INDENT, tokenize.DEDENT, tokenize.NAME, tokenize.OP, tokenize.NEWLINE
    line_ends, not_code = (newline, indent, dedent), (tokenize.NL, tokenize.COMMENT)
    for tok in tokens:
        kind = tok.type
        if kind == indent:
            level += 1
        elif kind == dedent:
            level -= 1
            while open_blocks and open_blocks[-1][0] >= level:
                _, start, label = open_blocks.pop()
                spans.append((start, source.offset(tok.start[0], tok.start[1] + 1), label))
        elif at_line_start and kind == name:
            keyword = tok.string
            header = [] if keyword in ("if", "elif", "else") else None
            if keyword == "if" or keyword not in ("elif", "else"):
                chains.pop(level, None)
        elif header is not None and kind == op and tok.string == ":" and (
                keyword == "else" or _compares(header)):
            label = _else_label(chains.get(level, [])) if keyword == "else" else _test_label(header)
            chains.setdefault(level, []).append(label)
            if label:
                open_blocks.append((level, source.offset(tok.end[0], tok.end[1] + 1), label))
            header = None
        elif header is not None:
            header.append(tok)
        if kind in line_ends:
            at_line_start, header = True, None
        elif kind not in not_code:
            at_line_start = False
    end = len(source.text)
    spans.extend((start, end, label) for _, start, label in open_blocks)
    return spans


def _test_label(header: list[tokenize.TokenInfo]) -> str | None:
    return next((string_contents(t.string) for i, t in enumerate(header)
                 if t.type == tokenize.STRING and not _is_read(header, i)), None)


def _else_label(branches: list[str | None]) -> str | None:
    from kaman_lint.environments import DEVELOPMENT, PRODUCTION, from_name

    if len(branches) != 1 or not branches[0]:
        return None
    return {PRODUCTION: DEVELOPMENT, DEVELOPMENT: PRODUCTION}.get(from_name(branches[0], 2) or "")


def _compares(header: list[tokenize.TokenInfo]) -> bool:
    return any(t.string in ("==", "in") for t in header)


def _is_read(header: list[tokenize.TokenInfo], index: int) -> bool:
    """True for the variable name in `environ["APP_ENV"]` / `getenv("APP_ENV")`: a string
    (at `index`) right after an opening bracket."""
    return index > 0 and header[index - 1].string in ("[", "(")


def bracket_spans(facts: FileFacts, tokens: list[tokenize.TokenInfo]) -> list[tuple[int, int, str]]:
    """(start offset, end offset, label) of every labelled bracket pair, outermost first."""
    source = facts.source
    significant: list[tokenize.TokenInfo] = []
    open_brackets: list[tuple[int, str | None]] = []
    spans: list[tuple[int, int, str]] = []
    newline, op, skip = tokenize.NEWLINE, tokenize.OP, _SKIP
    for tok in tokens:
        kind = tok.type
        if kind == newline:  # a bracket's label is on its own logical line
            significant.clear()
            continue
        if kind in skip:
            continue
        if kind == op:
            text = tok.string
            if text in "([{":
                label = _label(significant)  # most brackets have none: their place is not needed
                open_brackets.append((source.offset(tok.start[0], tok.start[1] + 1) if label else 0, label))
            elif text in ")]}" and open_brackets:
                start, label = open_brackets.pop()
                if label:
                    spans.append((start, source.offset(tok.end[0], tok.end[1] + 1), label))
        significant.append(tok)
        if len(significant) > 8:
            del significant[0]
    spans.sort(key=lambda span: (span[0], -span[1]))
    return spans


def _label(before: list[tokenize.TokenInfo]) -> str | None:
    """What the bracket about to open is the value of: `"prod": {`, `prod=dict(`,
    `PROD = {`, `PROD: dict = {`. A call's name is stepped over (`prod=Settings(`)."""
    i = len(before) - 1
    while i >= 0 and before[i].type == tokenize.NAME:  # a call: `dict(`, `settings.Config(`
        i -= 1
        if i >= 0 and before[i].string == ".":
            i -= 1
        else:
            break
    if i < 1:
        return None
    op, owner = before[i], before[i - 1]
    if op.string == ":" and owner.type == tokenize.STRING:
        return string_contents(owner.string)
    if op.string == "=" and owner.type == tokenize.NAME:
        if i >= 3 and before[i - 2].string == ":" and before[i - 3].type == tokenize.NAME:
            return before[i - 3].string  # `PROD: dict = {`
        return owner.string
    return None
