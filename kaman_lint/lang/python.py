"""Python: `tokenize` finds every string, bytes, f-string part, docstring and comment exactly
and fast; the standard `ast` gives the exposure rule the structure it needs (calls, returns,
assignments: exposure/flows/python.py). A file that does not tokenize falls back to the
plain-text scan."""

from __future__ import annotations

import ast
import io
import keyword
import tokenize
import warnings
from functools import partial
from itertools import chain, islice

from kaman_lint import escapes, lazy_re
from kaman_lint.facts import OS_ENVIRON, EnvRead, FileFacts
from kaman_lint.keys import PREFILTER, KeyMatcher, might_contain_key
from kaman_lint.lang import ParseError
from kaman_lint.lang.python_sections import add_bracket_sections, string_contents
from kaman_lint.lang.text import literal

STRING_TYPES = {tokenize.STRING}
if hasattr(tokenize, "FSTRING_MIDDLE"):  # Python 3.12+ splits f-strings into parts
    STRING_TYPES.add(tokenize.FSTRING_MIDDLE)
FSTRING_START = getattr(tokenize, "FSTRING_START", -1)  # (-1: no such token before 3.12)
FSTRING_END = getattr(tokenize, "FSTRING_END", -1)
SKIP = {tokenize.NL, tokenize.COMMENT, tokenize.INDENT, tokenize.DEDENT}
# Tokens one file may keep (~300 bytes each): a 10,000-line module has ~100,000. Past this the
# file is data, not code a person wrote (16 million `x` lines fit in the default 32 MiB limit,
# and kept whole they took 10 GB), and the plain-text scan, which still finds its keys, reads it.
MAX_TOKENS = 500_000

ENV_READ = lazy_re.compile(
    r"""(?:os\.environ\.get|os\.getenv|os\.environ|environ\.get|getenv|environ)\s*[\[(]\s*['"]([A-Za-z_]\w*)['"]"""
)


class _LineState:
    """What the tokens so far on the current logical line say about names."""

    __slots__ = ("target", "label", "depth", "previous")

    def __init__(self) -> None:
        self.target: str | None = None  # `NAME = ...` at bracket depth 0
        self.label: str | None = None  # the nearest `name=` keyword, `"key":` or annotated default
        self.depth = 0
        self.previous: list[tokenize.TokenInfo] = []


def analyze(facts: FileFacts, matcher: KeyMatcher) -> None:
    source = facts.source
    state = _LineState()
    run = _StringRun()
    text = _tokenizer_lines(source.text)
    start, stop, inner = _window(facts, text)
    classes: list[tuple[int, str]] = list(inner.classes) if inner else []  # (indent column, class name)
    try:
        tokens = _tokens(text, start, stop, inner.indents if inner else ())
    except (tokenize.TokenError, IndentationError, SyntaxError) as err:
        raise ParseError(f"Python does not tokenize ({_reason(err)}); scanned as text") from err
    if len(tokens) > MAX_TOKENS:  # kept tokens cost ~300 bytes each: 16M short lines fit in 32 MiB
        raise ParseError(f"over {MAX_TOKENS:,} tokens, too large to analyse as Python; scanned as text")

    grouping = 0  # `(`s just opened that group (not call): a run of literals may close them
    raw_fstrings: list[bool] = []  # 3.12+: whether each open f-string is raw (`rf"..."`)
    comment_lines = set()
    # One pass over every token of the file: the names below are locals, not module lookups.
    string, comment, newline, nl = tokenize.STRING, tokenize.COMMENT, tokenize.NEWLINE, tokenize.NL
    skip, string_types, flush = SKIP, STRING_TYPES, run.flush
    for tok in tokens:
        kind, text = tok.type, tok.string
        if kind == FSTRING_START:
            raw_fstrings.append("r" in text.lower())
        elif kind == FSTRING_END and raw_fstrings:
            raw_fstrings.pop()
        previous = state.previous
        if kind == string:
            if not run.parts:
                run.start(_string_context(state), state.label or state.target,
                          _section(classes, tok.start[1]))
                run.open = grouping
            run.parts.append(tok)
        elif run.parts:
            if text == "(" and previous and previous[-1].string == "+":
                run.open += 1  # `"kam_" + ("AbCd" + ...)`
            elif text == ")" and run.open:
                run.open -= 1  # `("kam_" + "AbCd") + ...`: a group the run opened closes
            elif not (kind == nl or kind == comment or text == "+"):
                flush(facts, matcher)
        if kind == newline:
            state = _LineState()
            continue
        if kind in skip:
            if kind == comment:
                comment_lines.add(tok.start[0])
                _literals_in_token(facts, matcher, tok, None, _section(classes, tok.start[1]), "comment")
            continue
        grouping = grouping + 1 if text == "(" and _groups(previous) else 0
        if not previous:
            _pop_classes(classes, tok.start[1])  # a statement left of a class ends it
        if kind in string_types and kind != string:  # 3.12+ f-string parts
            _literals_in_token(facts, matcher, tok, state.label or state.target,
                               _section(classes, tok.start[1]), "string",
                               None if raw_fstrings and raw_fstrings[-1] else escapes.PYTHON)
        if len(previous) == 1 and previous[0].string == "class":
            classes.append((previous[0].start[1], text))
        _track_names(state, tok)
    run.flush(facts, matcher)
    facts.comment_lines = frozenset(comment_lines)
    add_bracket_sections(facts, tokens)  # `{"prod": {...}}` as a section, for KAM003
    facts.env_reads.extend(_env_reads(facts))


# A file whose key markers, escapes and `kaman-lint` mentions sit in a part of it is tokenized
# only there: from the start of the top-level statement that holds (or precedes) the first, to
# the end of the logical line of the last. Nothing outside can add a literal, a section around
# one (a class or bracket around a literal is inside its top-level statement; no bracket is open
# at the end of a logical line) or a comment line a suppression needs, and a top-level statement
# starts at column 0 outside any string, where the tokenizer starts clean. That is most of the
# cost of an editor's or a history scan's file, a whole module with one key somewhere. Only when
# `ast.parse` takes the whole file, which proves that the rest tokenizes too (a file that does
# not must still fall back to the text scan), and in files too small to reach MAX_TOKENS.
# KAM002's flows, which parse the file anyway, get the tree.
PARSED = "python-ast"  # facts.extra kind: [the module's tree], for exposure/flows/python.py
MAX_CUT_TEXT = 200_000  # characters: fewer than MAX_TOKENS tokens, whatever they are
CUT_SHARE = 0.75  # the window must leave out a quarter of the file to pay for the parse
SUPPRESS_MARK = "kaman-lint"  # what suppress.parse looks for: comment lines matter there
_MARKERS = (*PREFILTER, SUPPRESS_MARK)


def _window(facts: FileFacts, text: str) -> tuple[int, tuple[int, int] | None, _Inner | None]:
    """(first line to tokenize, the (line, 0-based column) from which on the tokens cannot
    matter or None: to the end, what the tokenizer and the analyzer know there when it is
    inside a class or function: `_inner_start`)."""
    if len(text) > MAX_CUT_TEXT:
        return 1, None, None
    found = [at for at in (text.find(marker) for marker in _MARKERS) if at >= 0]
    hidden = escapes.hidden_spans(text)
    first = min(found + [span[0] for span in hidden[:1]], default=0)
    last = max(text.rfind(marker) + len(marker) for marker in _MARKERS)
    last = max([last] + [span[1] for span in hidden[-1:]])
    # what the window could leave out at most: a top-level statement starts a line with code
    if _last_code_line_start(text, first) + len(text) - last <= (1 - CUT_SHARE) * len(text):
        return 1, None, None
    try:
        with warnings.catch_warnings():  # `"\d"` in a scanned file is its author's business, not a notice
            warnings.simplefilter("ignore")
            tree = ast.parse(text)
    except Exception:  # noqa: BLE001 - SyntaxError, ValueError (a NUL), RecursionError: tokenize all
        return 1, None, None
    if text is facts.source.text:  # no lone CR changed: the text flows would parse, the same tree
        facts.add(PARSED, tree)
    first_line = facts.source.position(first)[0]
    # `x = 1; y = ...` and `s = """...\n"""; y = ...`: a statement after `;` does not start its line.
    # The body is in source order: the last such start at or before the first line, read no further.
    start, top = 1, None
    for node in tree.body:
        if node.lineno > first_line:
            break
        if node.col_offset == 0:
            start, top = node.lineno, node
    line, column = facts.source.position(last)
    inner = _inner_start(facts.source, top, first_line)
    return (inner.line if inner else start), (line, column - 1), inner


class _Inner:
    """A window's start inside classes and functions: its line, the indentation of every block
    around it (what the tokenizer's indent stack holds there) and the classes around it (what
    the analyzer's `classes` holds there)."""

    __slots__ = ("line", "indents", "classes")

    def __init__(self, line: int, indents: tuple[str, ...], classes: tuple[tuple[int, str], ...]) -> None:
        self.line, self.indents, self.classes = line, indents, classes


_BLOCKS = (ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)
_CLASS_NAME = lazy_re.compile(r"class[ \f\t]+(\w+)")


def _inner_start(source, node: ast.stmt | None, first_line: int) -> _Inner | None:
    """The innermost statement of the top-level `node` that starts a line at or before
    `first_line`, down through classes and functions only, when that is inside `node` (None:
    start at `node`). A method holding a key is then tokenized, not its whole class (django's
    test client: 25 tokens for 779). From a statement that starts its line the tokens are the
    ones the whole file gives, once the tokenizer is told the indentation of the blocks around
    it (`_tokens` feeds it a line of each first); the analyzer's state there is a new line's
    but for the classes around it, which the tree names. Not into an `if` (its test labels its
    body: python_sections.if_spans) nor any other statement: their headers matter or might."""
    indents: list[str] = []
    classes: list[tuple[int, str]] = []
    found = None
    while isinstance(node, _BLOCKS):
        body = node.body
        block = _own_line(source, body[0])
        if block is None:
            break
        child = None
        for statement in body:
            first = _own_line(source, statement)
            if first is not None and first[0] > first_line:
                break
            if first is not None:
                child = statement, first
        if child is None:
            break
        if isinstance(node, ast.ClassDef):
            at = _own_line(source, node, decorated=False)
            named = at and _CLASS_NAME.match(source.line(at[0]), len(at[1]))
            if not named or named.group(1) != node.name:  # (the tree's names are NFKC-normalized)
                break
            classes.append((len(at[1]), node.name))
        statement, (line, _) = child
        if statement is not body[0]:  # (before the first, the tokenizer meets the block's INDENT)
            indents.append(block[1])
        found = _Inner(line, tuple(indents), tuple(classes))
        if statement is body[0]:
            indents.append(block[1])
        node = statement
    return found


def _own_line(source, statement: ast.stmt, decorated: bool = True) -> tuple[int, str] | None:
    """(the line a statement's tokens start on: its first decorator's, its indentation) when it
    is the first thing on that line, not after a `;`, a block's `:` or a line-ending backslash;
    else None."""
    line = statement.lineno
    decorators = getattr(statement, "decorator_list", None) if decorated else None
    if decorators:
        line = decorators[0].lineno
    text = source.line(line)
    code = text.lstrip(" \t\f")
    indent = text[:len(text) - len(code)]
    if decorators and not code.startswith("@") or not decorators and statement.col_offset != len(indent):
        return None
    if len(indent) != statement.col_offset or source.line(line - 1).endswith("\\"):
        return None
    return line, indent


# (greedy: the regex engine walks back from `before` to the last one, no step per line here)
_LAST_CODE_LINE_START = lazy_re.compile(r"(?s:.*)\n(?=[^\s#])")


def _last_code_line_start(text: str, before: int) -> int:
    """The offset of the last line before offset `before` that starts with code (no indent, no
    comment), 0 if none: no top-level statement starts later than that."""
    found = _LAST_CODE_LINE_START.match(text, 0, before)
    return found.end() if found else 0


def _tokens(text: str, start: int, stop: tuple[int, int] | None,
            indents: tuple[str, ...] = ()) -> list[tokenize.TokenInfo]:
    """The file's tokens from line `start` on, up to the first NEWLINE at or after `stop` (the
    end of a logical line, where no run of literals and no bracket is open). `indents`: the
    indentation of the blocks open at `start`, each given to the tokenizer as a line of its own
    first (their tokens are not kept)."""
    lines = io.StringIO(text)
    for _ in range(start - 1):
        lines.readline()
    readline = lines.readline
    if indents:
        readline = partial(next, chain([f"{indent}pass\n" for indent in indents], iter(readline, "")), "")
    tokens = tokenize.generate_tokens(readline)
    if start > 1:
        tokens = _shifted(tokens, start - 1 - len(indents), len(indents))
    if stop is None:
        return list(islice(tokens, MAX_TOKENS + 1))
    kept = []
    newline = tokenize.NEWLINE
    for tok in tokens:
        kept.append(tok)
        if tok.type == newline and tok.start >= stop:
            break
    return kept


def _shifted(tokens, lines: int, hidden: int = 0):
    """Tokens of a text that starts `lines` lines into the file, at the file's own lines, but
    those of its first `hidden` lines."""
    # tuple.__new__, as TokenInfo's own __new__ and _make call it, without their Python frame a token
    info, new = tokenize.TokenInfo, tuple.__new__
    for kind, string, (row, col), (end_row, end_col), line in tokens:
        if row > hidden:
            yield new(info, (kind, string, (row + lines, col), (end_row + lines, end_col), line))


_LONE_CR = lazy_re.compile(r"\r(?!\n)")


def _tokenizer_lines(text: str) -> str:
    """The text with each lone CR made an LF: `tokenize` ends lines at LF only, the engine
    (`Source`) at a lone CR too, and token positions are (line, column) of the engine's lines
    only when both split alike. The length is kept, so offsets stay the file's."""
    return _LONE_CR.sub("\n", text) if "\r" in text else text


class _StringRun:
    """String literals that Python joins into one value: adjacent literals (`"kam_AbCd" "EfGh"`,
    also over lines inside brackets) and `+` between literals (`"kam_" + "AbCd..."`). A key split
    over them is fingerprinted whole and reported at its first character."""

    __slots__ = ("parts", "open", "context", "name", "section")

    def __init__(self) -> None:
        self.parts: list[tokenize.TokenInfo] = []
        self.open = 0  # grouping parentheses opened before or inside the run, not yet closed
        self.context = "string"
        self.name: str | None = None
        self.section: tuple[str, ...] = ()

    def start(self, context: str, name: str | None, section: tuple[str, ...]) -> None:
        self.context, self.name, self.section = context, name, section

    def flush(self, facts: FileFacts, matcher: KeyMatcher) -> None:
        parts, self.parts = self.parts, []
        rules = _escape_rules(parts)
        if not any(might_contain_key(p.string) for p in parts) and rules is None:
            return
        joined, pieces = _join_contents(facts, parts)
        matches = matcher.find(joined)
        if rules is not None:  # `"\x6bam_..."`: read as Python reads it (`escapes`)
            matches = escapes.merge(matches, escapes.keys_in(matcher, joined, [(0, len(joined), rules)]))
        for match in matches:
            offset = _source_offset(pieces, match.start)
            if offset is None:
                continue
            # a key split over literals ends in the last piece it spans, not `len` after its start
            end = _source_offset(pieces, match.end - 1)
            shifted = type(match)(offset, offset + match.end - match.start if end is None else end + 1,
                                  match.key, match.encoding)
            facts.literals.append(literal(facts, shifted, name=self.name, section=self.section,
                                          context=self.context))


_PREFIX = lazy_re.compile(r"[rRbBuUfF]*")


def _escape_rules(parts: list[tokenize.TokenInfo]) -> escapes.Rules | None:
    """How the literals' escapes decode, when one may hide a key (None: nothing to decode, or a
    raw literal among them, whose backslashes stay as written)."""
    if not any("\\" in p.string for p in parts):
        return None
    prefixes = [_PREFIX.match(p.string).group().lower() for p in parts]
    if any("r" in prefix for prefix in prefixes) or not any(escapes.HIDDEN.search(p.string) or
                                                           might_contain_key(p.string) for p in parts):
        return None
    return escapes.PYTHON_BYTES if "b" in prefixes[0] else escapes.PYTHON


def _join_contents(facts: FileFacts, parts: list[tokenize.TokenInfo]) -> tuple[str, list[tuple[int, int]]]:
    """The literals' contents (raw, between the quotes) joined as Python joins them, and for each
    piece (offset in the joined text, offset in the file). A piece that starts a new `kam_` gets
    a space in front, so two keys side by side never merge into one."""
    joined: list[str] = []
    pieces: list[tuple[int, int]] = []
    length = 0
    for tok in parts:
        prefix = _PREFIX.match(tok.string).end()
        quote = 3 if tok.string[prefix:prefix + 3] in ('"""', "'''") else 1
        content = tok.string[prefix + quote:len(tok.string) - quote]
        if content.startswith("kam_") and length:
            joined.append(" ")
            length += 1
        pieces.append((length, facts.source.offset(tok.start[0], tok.start[1] + 1) + prefix + quote))
        joined.append(content)
        length += len(content)
    return "".join(joined), pieces


def _source_offset(pieces: list[tuple[int, int]], position: int) -> int | None:
    for joined_start, file_start in reversed(pieces):
        if position >= joined_start:
            return file_start + position - joined_start
    return None


def _literals_in_token(facts, matcher, tok, name, section, context, rules=None) -> None:
    """Keys inside one comment or f-string part, at their exact file offsets. A 3.12+
    `FSTRING_MIDDLE` token shows `{{`/`}}` as one brace, so the file text is read instead; its
    escapes decode as a string's do (`rules`, None for a comment or a raw f-string)."""
    if not (might_contain_key(tok.string) or rules is not None and escapes.HIDDEN.search(tok.string)):
        return
    base = facts.source.offset(tok.start[0], tok.start[1] + 1)
    length = len(tok.string)
    if tok.type != tokenize.COMMENT:
        length += tok.string.count("{") + tok.string.count("}")
    text = facts.source.text[base:base + length]
    matches = [type(match)(base + match.start, base + match.end, match.key, match.encoding)
               for match in matcher.find(text)]
    if rules is not None and "\\" in text:
        matches = escapes.merge(matches, escapes.keys_in(matcher, facts.source.text, [(base, base + length, rules)]))
    for match in matches:
        facts.literals.append(literal(facts, match, name=name, section=section, context=context))


def _groups(previous: list[tokenize.TokenInfo]) -> bool:
    """Does a `(` after these tokens group (`= (`, `+ (`, `return (`), rather than call or
    subscript (`f(`, `x[0](`, `"s"(`)?"""
    if not previous:
        return True
    last = previous[-1]
    if last.type == tokenize.NAME:
        return keyword.iskeyword(last.string) and last.string not in ("None", "True", "False")
    return last.type == tokenize.OP and last.string not in (")", "]", "}")


def _string_context(state: _LineState) -> str:
    return "docstring" if not state.previous else "string"


def _track_names(state: _LineState, tok: tokenize.TokenInfo) -> None:
    prev = state.previous
    if tok.type == tokenize.OP:
        if tok.string in "([{":
            state.depth += 1
        elif tok.string in ")]}":
            state.depth -= 1
        elif tok.string == "=" and len(prev) >= 3 and prev[-2].string == ":" and prev[-3].type == tokenize.NAME:
            state.label = prev[-3].string  # `api_key: str = "..."`, a parameter's too (not `str`)
        elif tok.string == "=" and prev and prev[-1].type == tokenize.NAME:
            if state.depth == 0 and state.target is None:
                state.target = prev[-1].string
            else:
                state.label = prev[-1].string
        elif tok.string == ":" and prev and prev[-1].type == tokenize.STRING and state.depth:
            state.label = string_contents(prev[-1].string)  # `{"api_key": "..."}`
    prev.append(tok)


def _pop_classes(classes: list[tuple[int, str]], column: int) -> None:
    while classes and classes[-1][0] >= column:
        classes.pop()


def _section(classes: list[tuple[int, str]], column: int) -> tuple[str, ...]:
    """Classes enclosing a token at `column`: those whose `class` keyword is further left."""
    return tuple(name for indent, name in classes if indent < column)


def _reason(err: Exception) -> str:
    args = getattr(err, "args", ())
    if len(args) >= 2 and isinstance(args[1], tuple):
        return f"{args[0]} at line {args[1][0]}"
    return str(err).splitlines()[0] if str(err) else type(err).__name__


def _env_reads(facts: FileFacts) -> list[EnvRead]:
    """Environment reads matter only in code that may reach a client (KAM002's client reads);
    Python is server code unless the config's `client-globs` says otherwise, so most files skip
    the search."""
    if facts.role == "server":
        return []
    reads = []
    for match in ENV_READ.finditer(facts.source.text):
        line, column = facts.source.position(match.start())
        reads.append(EnvRead(match.group(1), line, column, match.group(0), OS_ENVIRON,
                             length=match.end() - match.start()))
    return reads
