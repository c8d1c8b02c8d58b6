"""Comment syntax by language: which openers start a comment in a file of each kind (the names
of `source.detect_language`). Suppression directives count only in a real comment of the file's
own syntax; the editor's quick fix writes one the same way; analyzers ask whether a line is a
comment.

Telling a comment from a string is done on the text before a directive on its line, without a
parser (tree-sitter is not run on every file): walking it left to right, a quote opens a string
that ends at the same unescaped quote, a block comment ends at its closer, and the first opener
met outside both starts the comment. An apostrophe right after a letter (`don't`) opens nothing,
except after a Python string prefix (`f'...'`). Strings that span lines (template literals,
triple quotes) are not followed; Python has its tokenizer's comment lines for that.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable

from kaman_lint import delimited, lazy_re
from kaman_lint.delimited import Delimiter
from kaman_lint.named_tuples import NamedTuple

# A line longer than this before a directive (a minified bundle) is not walked: not a directive.
MAX_PREFIX = 4096
_STRING_PREFIXES = frozenset({"r", "b", "u", "f", "rb", "br", "fr", "rf"})


class CommentSyntax(NamedTuple):
    """How one language writes comments and strings."""
    line: tuple[str, ...] = ()  # openers of comments that run to the end of the line
    block: tuple[tuple[str, str], ...] = ()  # (opener, closer)
    quotes: str = ""  # string delimiters: an opener inside a string is data, not a comment
    insert: tuple[str, str] | None = None  # how the quick fix writes a comment: (opener, closer)

    def comment_start(self, prefix: str) -> int | None:
        """Where the comment that is still open at the end of `prefix` (the text before some
        point on one line) starts, or None when that point is code or inside a string."""
        if len(prefix) > MAX_PREFIX:
            return None
        i, quote, closer, start = 0, "", "", None
        while i < len(prefix):
            if closer:  # inside a block comment
                end = prefix.find(closer, i)
                if end < 0:
                    return start
                i, closer = end + len(closer), ""
                continue
            char = prefix[i]
            if quote:
                i += 2 if char == "\\" else 1
                quote = "" if char == quote else quote
                continue
            if char in self.quotes and _opens_string(prefix, i):
                quote, i = char, i + 1
                continue
            if any(prefix.startswith(opener, i) for opener in self.line):
                return i
            block = next((pair for pair in self.block if prefix.startswith(pair[0], i)), None)
            if block:
                start, closer, i = i, block[1], i + len(block[0])
                continue
            i += 1
        return None

    def comment_spans(self, line: str) -> list[tuple[int, int]]:
        """Where on `line` (the start of a line) a comment is open, walked once: a point `p`
        lies in a span `[a, b)` exactly when `comment_start(line[:p])` finds a comment (a point
        inside an opener aside). Asking for many points of one line then costs one walk, not one
        per point. A span open to the end of the line ends at `len(line)` + 1."""
        spans: list[tuple[int, int]] = []
        i, quote, n = 0, "", len(line)
        stops = _stops(self)
        while i < n:
            if quote:  # to the escape or the quote that ends the string
                m = _QUOTE_STOPS[quote].search(line, i)
                if m is None:
                    return spans
                i = m.start() + (2 if m.group() == "\\" else 1)
                quote = "" if m.group() == quote else quote
                continue
            m = stops.search(line, i)  # to a character that may open a string or a comment
            if m is None:
                return spans
            i = m.start()
            char = line[i]
            if char in self.quotes and _opens_string(line, i):
                quote, i = char, i + 1
                continue
            opener = next((o for o in self.line if line.startswith(o, i)), None)
            if opener is not None:
                spans.append((i + len(opener), n + 1))
                return spans
            block = next((pair for pair in self.block if line.startswith(pair[0], i)), None)
            if block:
                end = line.find(block[1], i + len(block[0]))
                # comment_start sees a block open only once a character follows its opener
                if end < 0:
                    spans.append((i + len(block[0]) + 1, n + 1))
                    return spans
                spans.append((i + len(block[0]) + 1, end + len(block[1])))
                i = end + len(block[1])
                continue
            i += 1
        return spans

    def starts_line(self, line: str) -> bool:
        """The line, after its indentation, is a comment."""
        stripped = line.lstrip()
        return stripped.startswith(self.line + tuple(opener for opener, _ in self.block))

    def wrap(self, text: str) -> str:
        opener, closer = self.insert or ("#", "")
        return f"{opener} {text}{' ' + closer if closer else ''}"


_STOPS: dict[CommentSyntax, re.Pattern[str]] = {}
_QUOTE_STOPS = {quote: lazy_re.compile(r"[\\%s]" % re.escape(quote)) for quote in "\"'`"}


def _stops(syntax: CommentSyntax) -> re.Pattern[str]:
    """The characters where a walk of `syntax` has something to decide: quotes and the first
    character of each opener; the walk steps over the rest at C speed."""
    pattern = _STOPS.get(syntax)
    if pattern is None:
        firsts = set(syntax.quotes) | {o[0] for o in syntax.line} | {o[0] for o, _ in syntax.block}
        pattern = _STOPS[syntax] = re.compile("[%s]" % "".join(re.escape(c) for c in sorted(firsts)) if firsts else "(?!)")
    return pattern


def _opens_string(prefix: str, i: int) -> bool:
    if prefix[i] != "'" or i == 0 or not prefix[i - 1].isalnum():
        return True
    word_start = i
    while word_start > 0 and (prefix[word_start - 1].isalnum() or prefix[word_start - 1] == "_"):
        word_start -= 1
    return prefix[word_start:i].lower() in _STRING_PREFIXES


HASH = ("#", "")
SLASHES = ("//", "")
_QUOTES = "\"'"
_C_BLOCK = (("/*", "*/"),)
# Template engines' comments, valid anywhere in a template: Jinja/Django/Twig/Nunjucks,
# ERB/EJS, Handlebars/Mustache (the long form first).
_TEMPLATE_BLOCKS = (("{#", "#}"), ("<%#", "%>"), ("{{!--", "--}}"), ("{{!", "}}"))

HASH_LANGUAGE = CommentSyntax(line=("#",), quotes=_QUOTES, insert=HASH)
JAVASCRIPT = CommentSyntax(line=("//",), block=_C_BLOCK, quotes=_QUOTES + "`", insert=SLASHES)
MARKUP = CommentSyntax(block=(("<!--", "-->"),) + _TEMPLATE_BLOCKS, insert=("<!--", "-->"))
INLINE_SCRIPT = CommentSyntax(line=("//",), block=_C_BLOCK + _TEMPLATE_BLOCKS,
                              quotes=_QUOTES + "`", insert=SLASHES)
INLINE_STYLE = CommentSyntax(block=_C_BLOCK + _TEMPLATE_BLOCKS, quotes=_QUOTES, insert=("/*", "*/"))
CODE_FENCE = CommentSyntax(line=("#", "//"), quotes=_QUOTES, insert=HASH)
# Unknown file kinds: any opener we know counts, anywhere (SQL/Lua `--`, INI `;` included).
ANY = CommentSyntax(line=("#", "//", ";", "--"), block=(("<!--", "-->"), ("/*", "*/")) + _TEMPLATE_BLOCKS,
                    insert=HASH)

SYNTAX: dict[str, CommentSyntax] = {
    "python": HASH_LANGUAGE,
    "javascript": JAVASCRIPT, "typescript": JAVASCRIPT, "jsx": JAVASCRIPT, "tsx": JAVASCRIPT,
    "html": MARKUP,  # plus INLINE_SCRIPT/INLINE_STYLE inside <script>/<style>: see `locator`
    "env": HASH_LANGUAGE, "shell": HASH_LANGUAGE, "yaml": HASH_LANGUAGE, "toml": HASH_LANGUAGE,
    "dockerfile": HASH_LANGUAGE,
    "makefile": CommentSyntax(line=("#",), insert=HASH),  # make does not quote: `#` always comments
    "hcl": CommentSyntax(line=("#", "//"), block=_C_BLOCK, quotes='"', insert=HASH),
    "ini": CommentSyntax(line=("#", ";"), quotes=_QUOTES, insert=HASH),
    # JSON has no comments; JSONC/JSON5 (tsconfig, VS Code settings) take JavaScript's.
    "json": CommentSyntax(line=("//",), block=_C_BLOCK, quotes='"', insert=SLASHES),
    # `#` inside the JSON strings that hold a code cell's lines: the JSON quotes are not code.
    "notebook": CommentSyntax(line=("#",), insert=None),
    "markdown": MARKUP,  # plus CODE_FENCE inside ``` / ~~~ fences: see `locator`
    "text": ANY,
}


def syntax(language: str) -> CommentSyntax:
    return SYNTAX.get(language, ANY)


def is_comment_line(line: str, language: str) -> bool:
    """The line, after its indentation, opens a comment of the language."""
    openers = _LINE_OPENERS.get(language)
    if openers is None:  # (asked for every line of a YAML file that holds a key: made once)
        style = syntax(language)
        openers = _LINE_OPENERS[language] = style.line + tuple(opener for opener, _ in style.block)
    return line.lstrip().startswith(openers)


_LINE_OPENERS: dict[str, tuple[str, ...]] = {}  # language -> what `starts_line` looks for


# Scripts and styles inside a page, from `<script ...>` to `</script>` or, unclosed, the end.
_EMBEDDED = tuple(Delimiter(tag, rf"<{tag}\b", rf"</{tag}\s*>", re.I, opener_end=">", to_end=True)
                  for tag in ("script", "style"))
_FENCE = lazy_re.compile(r"^[ \t]{0,3}(`{3,}|~{3,})[ \t]*([\w+#.-]*)[^\n]*$", re.M)


def locator(text: str, language: str) -> Callable[[int], CommentSyntax]:
    """The comment syntax at each offset of `text`: HTML hosts scripts and styles, Markdown hosts
    code fences; other languages have one syntax throughout."""
    base = syntax(language)
    if language == "html":
        regions = [(r.start, r.end, INLINE_SCRIPT if r.kind == "script" else INLINE_STYLE)
                   for r in delimited.regions(text, _EMBEDDED)]
    elif language == "markdown":
        regions = _fences(text)
    elif language in _TEMPLATE_LANGUAGES and "`" in text:
        return _template_locator(text, base)
    elif language == "yaml" and ("|" in text or ">" in text):
        regions = _block_scalars(text)
    else:
        return lambda offset: base
    if not regions:
        return lambda offset: base
    starts = [start for start, _, _ in regions]

    def at(offset: int) -> CommentSyntax:
        index = bisect.bisect_right(starts, offset) - 1
        if index >= 0 and offset < regions[index][1]:
            return regions[index][2]
        return base

    return at


# Text that holds no comment whatever it looks like: the lines of a JS/TS template literal, the
# content of a YAML block scalar (`key: |`). `// kaman-lint: ignore` there is data.
NO_COMMENTS = CommentSyntax()
_TEMPLATE_LANGUAGES = frozenset({"javascript", "typescript", "jsx", "tsx"})
_REGEX_BEFORE = frozenset("(,=:[!&|?{};+-*%<>~^")


# What the lexer stops at: outside templates, openers of comments, strings, regex literals and
# templates (and `{`/`}` within a `${...}`); inside one, an escape, its end or a `${`. Everything
# between is stepped over at C speed: a 20 MiB bundle is lexed per token, not per character.
_OUTSIDE = lazy_re.compile(r"[/'\"`]")
_IN_INTERPOLATION = lazy_re.compile(r"[/'\"`{}]")
_IN_TEMPLATE = lazy_re.compile(r"[\\`]|\$\{")
_STRING_BODY = {quote: lazy_re.compile(rf"(?:[^{quote}\\\n]|\\[\s\S]?)*") for quote in "'\""}


def _template_locator(text: str, base: CommentSyntax) -> Callable[[int], CommentSyntax]:
    """`locator` for JS/TS: the file is lexed only as far as the offsets asked about need (with
    a directive or a match past a line's first MAX_PREFIX characters nobody asks, so a one-line
    bundle is lexed to its first few KiB, not to its end). Offsets may come in any order."""
    lexer = TemplateLexer(text)
    starts: list[int] = []

    def at(offset: int) -> CommentSyntax:
        if lexer.known_to <= offset:
            lexer.run(offset)
            starts[len(starts):] = [start for start, _, _ in lexer.regions[len(starts):]]
        index = bisect.bisect_right(starts, offset) - 1
        if index >= 0 and offset < lexer.regions[index][1]:
            return NO_COMMENTS
        return base

    return at


def _multiline_templates(text: str) -> list[tuple[int, int, CommentSyntax]]:
    """The template literals (`...`) that span lines, found by one pass of a small lexer:
    comments, quoted strings, regex literals (by the character before them) and `${...}` inside
    templates. A misread only makes a directive count less, never more."""
    lexer = TemplateLexer(text)
    lexer.run(len(text))
    return lexer.regions


class TemplateLexer:
    """The lexer of `_multiline_templates`, resumable: `run(offset)` lexes until every region
    that starts at or before `offset` is known (`known_to` > offset), and no farther."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.regions: list[tuple[int, int, CommentSyntax]] = []
        self.known_to = 0  # every region starting before this offset is in `regions`
        self._stack: list[str] = []  # "`" inside a template literal, "{" inside a `${...}` or a block in one
        self._starts: list[int] = []
        self._i = 0
        self._previous = ""  # the last character that is not a space

    def run(self, offset: int) -> None:
        text, regions, stack, starts = self.text, self.regions, self._stack, self._starts
        i, n, previous = self._i, len(self.text), self._previous
        while i < n and (i <= offset or stack):
            if stack and stack[-1] == "`":  # inside a template literal
                m = _IN_TEMPLATE.search(text, i)
                if m is None:
                    i = n  # nothing more to lex
                    break
                j, token = m.start(), m.group()
                if token == "\\":
                    i = j + 2
                elif token == "`":
                    stack.pop()
                    start = starts.pop()
                    if not stack and text.find("\n", start, j) >= 0:
                        regions.append((start, j + 1, NO_COMMENTS))
                    i, previous = j + 1, "`"
                else:
                    stack.append("{")
                    i = j + 2
                continue
            m = (_IN_INTERPOLATION if stack else _OUTSIDE).search(text, i)
            j = n if m is None else m.start()
            stepped = text[i:j].rstrip()  # the code stepped over sets the character before a `/`
            if stepped:
                previous = stepped[-1]
            if m is None:
                i = n
                break
            char = m.group()
            if text.startswith("//", j):
                end = text.find("\n", j)
                i = n if end < 0 else end
                continue
            if text.startswith("/*", j):
                end = text.find("*/", j + 2)
                i = n if end < 0 else end + 2
                continue
            if char in "'\"":
                i = _string_end(text, j, char)
                previous = char
                continue
            if char == "/" and (not previous or previous in _REGEX_BEFORE):
                i = _regex_end(text, j)
                previous = "/"
                continue
            if char == "`":
                stack.append("`")
                starts.append(j)
            elif char == "{":
                stack.append("{")
            elif char == "}" and stack[-1] == "{":
                stack.pop()
            previous = char
            i = j + 1
        self._i, self._previous = i, previous
        self.known_to = i if i < n else n + 1


def _string_end(text: str, start: int, quote: str) -> int:
    """Past the end of the quoted string at `start` (a string never spans a line)."""
    return _STRING_BODY[quote].match(text, start + 1).end() + 1


def _regex_end(text: str, start: int) -> int:
    """Past the end of the regex literal at `start` (its `[...]` classes may hold a `/`)."""
    i, in_class = start + 1, False
    while i < len(text) and text[i] != "\n":
        char = text[i]
        if char == "\\":
            i += 2
            continue
        if char == "[":
            in_class = True
        elif char == "]":
            in_class = False
        elif char == "/" and not in_class:
            return i + 1
        i += 1
    return i


_BLOCK_SCALAR = lazy_re.compile(r"^([ \t]*)(?:.*?:|-)[ \t]+[|>][0-9+-]*[ \t]*(?:#.*)?$", re.M)


def _block_scalars(text: str) -> list[tuple[int, int, CommentSyntax]]:
    """The content of each YAML block scalar (`key: |`, `- >-`): the lines after it that are
    blank or indented deeper than the line that opens it."""
    regions: list[tuple[int, int, CommentSyntax]] = []
    covered = 0
    for opening in _BLOCK_SCALAR.finditer(text):
        if opening.start() < covered:
            continue  # inside the previous scalar's content
        indent = len(opening.group(1).expandtabs())
        start = end = opening.end() + 1
        for line in _lines_from(text, start):
            stripped = line.strip()
            if stripped and len(line) - len(line.lstrip(" \t")) <= indent:
                break
            end += len(line)
        if end > start:
            regions.append((start, end, NO_COMMENTS))
            covered = end
    return regions


def _lines_from(text: str, start: int):
    while start < len(text):
        newline = text.find("\n", start)
        end = len(text) if newline < 0 else newline + 1
        yield text[start:end]
        start = end


def _fences(text: str) -> list[tuple[int, int, CommentSyntax]]:
    """The bodies of fenced code blocks; the quick fix writes the fence language's comment."""
    regions, opening = [], None
    for fence in _FENCE.finditer(text):
        if opening is None:
            opening = fence
        elif fence.group(1)[0] == opening.group(1)[0] and len(fence.group(1)) >= len(opening.group(1)):
            regions.append((opening.end(), fence.start(), _fence_syntax(opening.group(2))))
            opening = None
    if opening is not None:
        regions.append((opening.end(), len(text), _fence_syntax(opening.group(2))))
    return regions


def _fence_syntax(info: str) -> CommentSyntax:
    from kaman_lint.source import detect_language

    own = syntax(detect_language(f"block.{info.lower()}")) if info else ANY
    return CODE_FENCE._replace(insert=SLASHES if own.insert == SLASHES else HASH)
