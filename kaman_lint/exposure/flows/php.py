"""PHP pages that hand a key to the browser (issue 12: PHP templates echoing a key).

A `.php` file is a template: the text outside `<?php ... ?>` is sent as written, and what the
code echoes is inserted into it. So a key reaches the browser when it is
- a literal in the page's HTML (outside the PHP tags);
- in what the code outputs: `<?= $key ?>`, `echo` / `print` / `printf`, `wp_localize_script` and
  `wp_add_inline_script` (WordPress prints them into the page), a JSON response
  (`wp_send_json`, `response()->json(...)`, `new JsonResponse(...)`, `$this->json(...)`), a
  response header (`header("X-Kaman-Key: ...")`) or a cookie (`setcookie`).

A *source* is a key literal, an environment or configuration read naming a Kaman key
(`getenv('KAMAN_API_KEY')`, `$_ENV[...]`, `$_SERVER[...]`, `env(...)`, Laravel
`config('services.kaman.key')`, WordPress `get_option('kaman_api_key')`), a constant, property,
array key or variable named like one (`KAMAN_API_KEY`, `$config['kaman_api_key']`,
`$kamanKey`), or a variable assigned from a source earlier in the file. A source used only as a
condition (`<?= $key ? 'on' : 'off' ?>`, `isset($key)`) is not printed. Comments are never code.

Command-line scripts (`#!/usr/bin/env php`, `bin/`, a `PHP_SAPI === 'cli'` guard) echo to a
terminal, not to a browser: nothing is reported there. The cost is one pass of a small lexer over
the file, then regular expressions over the statements that output something.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from itertools import islice

from kaman_lint import lazy_re
from kaman_lint.exposure.facts import EXPOSURE, TEMPLATE_RENDER, Exposure, TemplateRender, name_fingerprint
from kaman_lint.exposure.names import KAMAN_NAME, is_kaman_key_name, mentions_kaman
from kaman_lint.facts import FileFacts
from kaman_lint.keys import KeyMatcher
from kaman_lint.named_tuples import NamedTuple

PHP_SUFFIXES = (".php", ".phtml", ".php5", ".php7", ".inc.php")
CLI_SCRIPT = lazy_re.compile(r"\A#!.*\bphp\b|\bPHP_SAPI\s*[!=]==?\s*['\"]cli['\"]|\bphp_sapi_name\(\)\s*[!=]==?\s*['\"]cli['\"]")
CLI_FOLDERS = lazy_re.compile(r"(^|/)(bin|cli|scripts?|console|commands?|tests?|migrations?|database/seeders)/", re.I)

# Statements that send what they hold to the browser, with how messages name them.
OUTPUT_STATEMENT = lazy_re.compile(r"^\s*(echo|print|printf|vprintf|print_r|var_dump|var_export|exit|die)\b", re.I)
# Calls that send their arguments to the browser: callee -> mechanism. A method needs the text
# before it to match too (`response()->json(...)`, not any `->json()`).
OUTPUT_CALLS = {
    "wp_localize_script": "printed into the page as a JavaScript object by `wp_localize_script`",
    "wp_add_inline_script": "printed into the page as an inline script by `wp_add_inline_script`",
    "wp_send_json": "sent to the browser as JSON by `wp_send_json`",
    "wp_send_json_success": "sent to the browser as JSON by `wp_send_json_success`",
    "wp_send_json_error": "sent to the browser as JSON by `wp_send_json_error`",
    "JsonResponse": "sent to the browser in a JSON response",
    "json": "sent to the browser in a JSON response",
    "withJson": "written into the HTTP response body",
    "write": "written into the HTTP response body",
    "header": "sent to the browser as a response header by `header(...)`",
    "setcookie": "stored in the browser as a cookie by `setcookie`",
    "setrawcookie": "stored in the browser as a cookie by `setrawcookie`",
}
_METHOD_OWNERS = {
    "json": lazy_re.compile(r"(?:\bresponse\(\s*\)|\$this|\$response|\$res)\s*->\s*$"),
    "withJson": lazy_re.compile(r"->\s*$"),
    "write": lazy_re.compile(r"getBody\(\s*\)\s*->\s*$"),
    "JsonResponse": lazy_re.compile(r"(?:\bnew\s+|::\s*)$|\bnew\s+\\?(?:\w+\\)*$"),
}
# Calls whose result carries their arguments' text: a source inside them is still printed.
TRANSPARENT_CALLS = frozenset({
    "", "array", "json_encode", "wp_json_encode", "htmlspecialchars", "htmlentities", "esc_attr", "esc_html", "esc_js",
    "esc_textarea", "e", "urlencode", "rawurlencode", "sprintf", "vsprintf", "implode", "join", "strval", "trim",
    "base64_encode", "addslashes", "nl2br", "strip_tags", "compact", "array_merge", "print_r", "var_export",
    "printf", "vprintf", "exit", "die", "str_replace", "sanitize_text_field", "wp_kses_post", "json", "withJson",
    "JsonResponse", "create", "write", "view", "make", "with", "render",
} | set(OUTPUT_CALLS))

# Sources, each with the group holding the setting's name.
_NAMED_READS = (
    lazy_re.compile(r"""\b(?:getenv|env|get_option|get_site_option|get_theme_mod|constant)\s*\(\s*(['"])([\w.\-]{1,200})\1"""),
    lazy_re.compile(r"""\$_(?:ENV|SERVER)\s*\[\s*(['"])([\w.\-]{1,200})\1\s*\]"""),
    lazy_re.compile(r"""\bconfig\s*\(\s*(['"])([\w.\-]{1,200})\1"""),
)
_SUBSCRIPT = lazy_re.compile(r"""\[\s*(['"])([\w.\-]{1,200})\1\s*\]""")
_OWNER_BEFORE = lazy_re.compile(r"(?:\$|->)([A-Za-z_]\w{0,100})\s*$")
_PROPERTY = lazy_re.compile(r"(?:->|::)\s*([A-Za-z_]\w{0,100})")
_CONSTANT = lazy_re.compile(r"(?<![\w$>:'\"\\])([A-Z][A-Z0-9_]{2,100})(?![\w(])")
_VARIABLE = lazy_re.compile(r"\$([A-Za-z_]\w{0,100})")
_ASSIGNMENT = lazy_re.compile(r"^\s*\$([A-Za-z_]\w*)\s*(?:\.)?=(?!=|>)")
_DEFINE = lazy_re.compile(r"""^\s*define\s*\(\s*(['"])([A-Za-z_]\w*)\1\s*,""", re.I)
_CONST_DECLARATION = lazy_re.compile(r"^\s*(?:(?:public|private|protected|final)\s+)*const\s+([A-Za-z_]\w*)\s*=")
# After a source: it is tested, not printed (`$key ? 'yes' : 'no'`, `$key !== ''`).
_TESTED_AFTER = lazy_re.compile(r"\s*(?:\?(?![?:>])|[=!]==?|<>|[<>]=?(?!=)|&&|\|\||\band\b|\bor\b|\)\s*\?)", re.I)
_TESTED_BEFORE = lazy_re.compile(r"(?:!|\b(?:isset|empty|is_null|is_string|strlen|mb_strlen|count|boolval|is_numeric)\s*\(|\(bool\)\s*)\s*$",
                                 re.I)


class _Statement(NamedTuple):
    start: int  # offsets into the file
    end: int
    echo_tag: bool  # the body of `<?= ... ?>`


class _Lexed(NamedTuple):
    html: list[tuple[int, int]]  # the page text outside PHP tags
    statements: list[_Statement]
    quoted: list[tuple[int, int]]  # single-quoted strings (no interpolation), nowdocs
    comments: list[tuple[int, int]]


def is_php(relpath: str) -> bool:
    return relpath.lower().endswith(PHP_SUFFIXES) and not relpath.lower().endswith(".blade.php")


def analyze(facts: FileFacts, matcher: KeyMatcher | None = None) -> None:
    """Exposures of a PHP file (a follow-up of the plain-text reader, which found its literals)."""
    text = facts.source.text
    if not is_php(facts.source.relpath) or not (facts.literals or mentions_kaman(text)):
        return
    if CLI_SCRIPT.search(text[:200_000]) or CLI_FOLDERS.search(facts.source.relpath):
        return
    lexed = _lex(text)
    for fact in _exposures(facts, lexed):
        facts.add(TEMPLATE_RENDER if isinstance(fact, TemplateRender) else EXPOSURE, fact)


def _exposures(facts: FileFacts, lexed: _Lexed) -> Iterator[Exposure]:
    text = facts.source.text
    literals = sorted(facts.literals, key=lambda lit: lit.offset)
    html = _Spans(lexed.html)
    comments = _Spans(lexed.comments)
    quoted = _Spans(lexed.quoted)
    for lit in literals:
        if lit.offset in html:
            yield Exposure(lit.line, lit.column, "in the HTML this PHP page outputs", lit.key.preview,
                           lit.key.fingerprint)
    tainted: dict[str, tuple[str, str, tuple[int, int] | None]] = {}  # $name / CONST -> (subject, fingerprint, literal at)
    reported: set[tuple[int, int]] = set()
    admin_file = bool(ADMIN_FILE.search(facts.source.relpath))
    functions = _Functions(text)
    for statement in lexed.statements:
        if statement.end - statement.start > MAX_STATEMENT:
            continue
        body = text[statement.start:statement.end]
        if not _may_hold_source(body, statement, literals, tainted):
            continue
        sources = [s for s in islice(_sources(facts, body, statement.start, literals, tainted, comments, quoted),
                                     MAX_SOURCES) if not _tested(text, s[3], statement.end)]
        if not sources:
            continue
        assigned = _ASSIGNMENT.match(body) or _DEFINE.match(body) or _CONST_DECLARATION.match(body)
        if assigned and not statement.echo_tag:
            name = assigned.group(2) if assigned.re is _DEFINE else assigned.group(1)
            carried = [s for s in sources if _printed(body, s[3] - statement.start, None)]
            if carried:
                subject, fingerprint, at, _offset = carried[0]
                tainted.setdefault(name, (subject, fingerprint, at))
            continue
        view = _VIEW_CALL.search(body)
        if view and not statement.echo_tag:
            yield from _view_renders(facts, body, statement.start, view, sources, tainted)
            continue
        sink = _sink(body, statement.echo_tag)
        if sink is None:
            continue
        mechanism, call_start = sink
        if call_start is None and (admin_file or functions.admin_screen_at(statement.start)):
            continue  # a settings screen shows the site's admin their own key
        for subject, fingerprint, at, offset in sources:
            if not _printed(body, offset - statement.start, call_start):
                continue  # used by a call (an outbound request), not printed
            line, column = at if at is not None else facts.source.position(offset)
            if (line, column) in reported:
                continue
            reported.add((line, column))
            related = ()
            if at is not None:
                sink_line, sink_column = facts.source.position(statement.start + len(body) - len(body.lstrip()))
                if sink_line != line:
                    related = ((sink_line, sink_column, f"{mechanism} here"),)
            yield Exposure(line, column, mechanism, subject, fingerprint, related)


# Laravel views: `view('shop.checkout', ['kamanKey' => ...])`, `View::make(...)`, then
# `->with('kamanKey', ...)` or `compact('kamanKey')`; the Blade template prints `{{ $kamanKey }}`.
_VIEW_CALL = lazy_re.compile(r"""(?:(?<![\w>$:])view|\bView::make|\bInertia::render)\(\s*(['"])([\w.\-/:]{1,200})\1""")
_WITH = lazy_re.compile(r"""->\s*with\(\s*(['"])([A-Za-z_]\w{0,100})\1\s*,""")
_COMPACT = lazy_re.compile(r"""\bcompact\(([^()]{0,2000})\)""")
_QUOTED_NAME = lazy_re.compile(r"""(['"])([A-Za-z_]\w{0,100})\1""")
_ARRAY_KEY_END = lazy_re.compile(r"""(['"])([A-Za-z_]\w{0,100})\1\s*$""")


def _view_renders(facts: FileFacts, body: str, base: int, view: re.Match[str], sources, tainted) -> Iterator[TemplateRender]:
    """The template variables of a Laravel view render that hold a key: checked in the finish
    step against the Blade file (`shop.checkout` is resources/views/shop/checkout.blade.php)."""
    name = view.group(2).split("::")[-1]
    template = name if name.endswith(".php") else name.replace(".", "/") + ".blade.php"
    call = view.group(0).split("(", 1)[0]
    found: list[tuple[str, str, str, int]] = []  # (variable, subject, fingerprint, offset)
    for subject, fingerprint, _at, offset in sources:
        index = offset - base
        if index < view.end() or not _printed(body, index, None):
            continue  # the template name, or a value only a call's result depends on (`filled($key)`)
        variable = _array_key_before(body, index)
        if variable is None:
            with_call = None
            for m in _WITH.finditer(body, view.end(), index):
                with_call = m
            variable = with_call.group(2) if with_call else None
        if variable:
            found.append((variable, subject, fingerprint, offset))
    for m in _COMPACT.finditer(body, view.end()):
        for quoted in _QUOTED_NAME.finditer(m.group(1)):
            variable = quoted.group(2)
            if variable in tainted:
                subject, fingerprint, _at = tainted[variable]
            elif is_kaman_key_name(variable):
                subject, fingerprint = "$" + variable, name_fingerprint(variable)
            else:
                continue
            found.append((variable, subject, fingerprint, base + m.start(1) + quoted.start()))
    for variable, subject, fingerprint, offset in found:
        line, column = facts.source.position(offset)
        yield TemplateRender(facts.source.relpath, line, column, template, (variable,), subject, fingerprint,
                             f"Laravel {call}")


def _array_key_before(body: str, index: int) -> str | None:
    """`'kamanKey' => <here>`: the array key the value at `index` is given under, or None."""
    for i, char in _outward(body, index):
        if char in "([,":
            return None
        if body.startswith("=>", i):
            key = _ARRAY_KEY_END.search(body[max(0, i - 120):i])
            return key.group(2) if key else None
    return None


def _outward(body: str, index: int) -> Iterator[tuple[int, str]]:
    """Walk back from `index`, yielding (offset, character) for what encloses it: characters
    outside any bracket pair closed before `index`, and the openers left unclosed (after each,
    the walk goes on one level out)."""
    depth = 0
    for i in range(index - 1, -1, -1):
        char = body[i]
        if char in ")]":
            depth += 1
        elif char in "([" and depth:
            depth -= 1
        elif not depth:
            yield i, char


# WordPress admin screens: a settings field echoing the stored key back into its input shows the
# site's admin what they typed; only the admin's browser gets it, unlike a page for visitors.
ADMIN_FILE = lazy_re.compile(r"(^|/)(?:wp-)?admin/|(^|/)[^/]*(?:admin|settings|options)[^/]*\.php$", re.I)
ADMIN_FUNCTION = lazy_re.compile(r"setting|admin|option|field|meta_?box|form", re.I)
_FUNCTION = lazy_re.compile(r"\bfunction\s+&?\s*([A-Za-z_]\w*)\s*\(")
MAX_FUNCTION_LOOKBACK = 20_000


class _Functions:
    """Where each `function name(` starts, found once per file: the nearest one before an
    offset names the function it is in (near enough for telling admin screens)."""

    def __init__(self, text: str) -> None:
        found = [(m.start(), m.group(1)) for m in _FUNCTION.finditer(text)]
        self._starts = [start for start, _ in found]
        self._names = [name for _, name in found]

    def admin_screen_at(self, offset: int) -> bool:
        from bisect import bisect_right

        i = bisect_right(self._starts, offset) - 1
        return i >= 0 and offset - self._starts[i] <= MAX_FUNCTION_LOOKBACK and bool(ADMIN_FUNCTION.search(self._names[i]))


MAX_STATEMENT = 8_000  # characters: longer runs are data (a serialized blob), not a statement
MAX_SOURCES = 32  # per statement: each is walked back to the statement's start once


_WORD = lazy_re.compile(r"[A-Za-z_]\w*")


def _may_hold_source(body: str, statement: _Statement, literals, tainted) -> bool:
    """A cheap no for most statements: no literal, no "kaman", no name assigned from a source."""
    if "kaman" in body.lower():
        return True
    if literals:
        from bisect import bisect_left

        i = bisect_left(literals, statement.start, key=lambda lit: lit.offset)
        if i < len(literals) and literals[i].offset < statement.end:
            return True
    return bool(tainted) and any(word in tainted for word in _WORD.findall(body))


def _sink(body: str, echo_tag: bool) -> tuple[str, int | None] | None:
    """How the statement outputs what it holds, and where the output call's `(` is (None for
    `echo` and `<?= ?>`, which print the whole statement)."""
    if echo_tag:
        return "printed into the page by `<?= ... ?>`", None
    output = OUTPUT_STATEMENT.match(body)
    if output:
        return f"printed into the page by `{output.group(1).lower()}`", None
    for m in re.finditer(r"([A-Za-z_]\w*)\s*\(", body):
        callee = m.group(1)
        if callee not in OUTPUT_CALLS:
            continue
        before = body[max(0, m.start() - 200):m.start()]  # what the callee hangs on: its owner, `new`
        owner = _METHOD_OWNERS.get(callee)
        if owner is not None and not owner.search(before):
            continue
        if owner is None and re.search(r"(?:->|::|\$)\s*$", before):
            continue  # `$request->header(...)` reads a request header
        return OUTPUT_CALLS[callee], m.end() - 1
    return None


def _printed(body: str, index: int, sink_paren: int | None) -> bool:
    """Does the value at `index` reach the output whole: every call around it, up to the output
    call (or the statement's start), carries its arguments' text (`json_encode`, `esc_attr`,
    `array`)? A source handed to another call (`$client->search($key)`) is used, not printed.
    Inside an output call only its arguments count."""
    for i, char in _outward(body, index):
        if char == "(":
            if sink_paren is not None and i == sink_paren:
                return True
            if _callee_at(body, i) not in TRANSPARENT_CALLS:
                return False
    return sink_paren is None


def _callee_at(body: str, paren: int) -> str:
    """The name called by the `(` at `paren` (`esc_attr`, `json` of `->json(`), "" for a
    grouping parenthesis, "?" for a variable's function (`$fn(...)`)."""
    j = paren
    while j > 0 and body[j - 1] in " \t\r\n":
        j -= 1
    k = j
    while k > 0 and (body[k - 1].isalnum() or body[k - 1] in "_\\"):
        k -= 1
    if k > 0 and body[k - 1] == "$":
        return "?"
    return body[k:j].rsplit("\\", 1)[-1]


def _sources(facts: FileFacts, body: str, base: int, literals, tainted, comments: "_Spans",
             quoted: "_Spans") -> Iterator[tuple[str, str, tuple[int, int] | None, int]]:
    """(subject, fingerprint, literal position or None, offset) of each source in a statement."""
    end = base + len(body)
    from bisect import bisect_left

    i = bisect_left(literals, base, key=lambda lit: lit.offset) if literals else 0
    while i < len(literals) and literals[i].offset < end:
        lit = literals[i]
        i += 1
        if lit.offset not in comments:
            yield lit.key.preview, lit.key.fingerprint, (lit.line, lit.column), lit.offset
    seen: set[int] = set()
    for pattern in _NAMED_READS:
        for m in pattern.finditer(body):
            name = _setting(m.group(2))
            if name and base + m.start() not in comments:
                seen.add(m.start(2))
                subject = m.group(0) + (")" if "(" in m.group(0) else "")
                yield subject, name_fingerprint(name), None, base + m.start()
    for m in _SUBSCRIPT.finditer(body):
        if m.start(2) in seen or base + m.start() in comments:
            continue
        name, subject = m.group(2), m.group(0)
        if not is_kaman_key_name(name):  # `$kaman_settings['api_key']`: the key word one level down
            before = body[max(0, m.start() - 120):m.start()]
            owner = _OWNER_BEFORE.search(before)
            name = f"{owner.group(1)}_{name}" if owner and KAMAN_NAME.search(owner.group(1)) else ""
            subject = before[owner.start():] + subject if owner else subject
        if name and is_kaman_key_name(name):
            yield subject.strip(), name_fingerprint(name), None, base + m.start()
    for m in _PROPERTY.finditer(body):
        if is_kaman_key_name(m.group(1)) and base + m.start() not in comments and base + m.start() not in quoted:
            owner = m.start()
            while owner > 0 and (body[owner - 1].isalnum() or body[owner - 1] in "_$\\"):
                owner -= 1  # `$this->kamanKey` starts at `$this`: what tests it stands around that
            yield body[owner:m.end()], name_fingerprint(m.group(1)), None, base + owner
    for m in _CONSTANT.finditer(body):
        name = m.group(1)
        offset = base + m.start()
        if offset in comments or offset in quoted or _inside_double_quotes(body, m.start()):
            continue
        if name in tainted:
            subject, fingerprint, at = tainted[name]
            yield subject, fingerprint, at, offset
        elif is_kaman_key_name(name):
            yield name, name_fingerprint(name), None, offset
    for m in _VARIABLE.finditer(body):
        name = m.group(1)
        offset = base + m.start()
        if offset in comments or offset in quoted:
            continue
        if name in tainted:
            subject, fingerprint, at = tainted[name]
            yield subject, fingerprint, at, offset
        elif is_kaman_key_name(name):
            yield "$" + name, name_fingerprint(name), None, offset


def _setting(name: str) -> str | None:
    """The Kaman key a read names: `KAMAN_API_KEY`, or the tail of `services.kaman.key`."""
    if is_kaman_key_name(name):
        return name
    parts = [p for p in re.split(r"[.\-]", name) if p]
    start = next((i for i, p in enumerate(parts) if KAMAN_NAME.search(p)), None)
    if start is None:
        return None
    tail = "_".join(parts[start:])
    return tail if is_kaman_key_name(tail) else None


def _tested(text: str, offset: int, end: int) -> bool:
    """Is the source at `offset` only a condition (`$k ? a : b`, `isset($k)`, `!$k`)?"""
    token = re.match(r"\$?[\w]+(?:\s*(?:->|::)\s*\w+|\s*\[[^\]\n]{0,200}\]|\s*\([^()\n]{0,200}\))*", text[offset:end])
    after = offset + (token.end() if token else 0)
    return bool(_TESTED_AFTER.match(text, after, end)) or bool(_TESTED_BEFORE.search(text[max(0, offset - 40):offset]))


def _inside_double_quotes(body: str, index: int) -> bool:
    """A bare word inside "..." is text (`"KAMAN_API_KEY missing"`), not a constant."""
    return body.count('"', 0, index) % 2 == 1


class _Spans:
    """Sorted, non-overlapping spans: is an offset inside one? A bisection each."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        from bisect import bisect_right

        self._bisect = bisect_right
        self._starts = [s for s, _ in spans]
        self._ends = [e for _, e in spans]

    def __contains__(self, offset: int) -> bool:
        i = self._bisect(self._starts, offset) - 1
        return i >= 0 and offset < self._ends[i]


_OPEN_TAG = lazy_re.compile(r"<\?(?:php\b|=)?", re.I)
_HEREDOC = lazy_re.compile(r"""<<<[ \t]*(['"]?)([A-Za-z_]\w*)\1\r?\n""")


# What can change the lexer's state inside PHP code; everything between is skipped at C speed.
_PHP_EVENT = lazy_re.compile(r"""['"`;{}]|#(?!\[)|//|/\*|<<<|\?>""")


def _lex(text: str) -> _Lexed:
    """The page's HTML, the PHP statements, single-quoted strings and comments, in one pass.
    A statement ends at `;`, `{`, `}` or `?>` outside strings and comments."""
    html: list[tuple[int, int]] = []
    statements: list[_Statement] = []
    quoted: list[tuple[int, int]] = []
    comments: list[tuple[int, int]] = []
    n = len(text)
    pos = 0
    while pos < n:
        tag = _OPEN_TAG.search(text, pos)
        if tag is None:
            html.append((pos, n))
            break
        if tag.start() > pos:
            html.append((pos, tag.start()))
        echo_tag = tag.group(0) == "<?="
        i = start = tag.end()
        closed = False
        while i < n:
            event = _PHP_EVENT.search(text, i)
            if event is None:
                i = n
                break
            token, at = event.group(0), event.start()
            if token in ("'", '"', "`"):
                i = _string_end(text, at, token)
                if token == "'":
                    quoted.append((at, i))
            elif token in ("#", "//"):
                i = _line_comment_end(text, at)
                comments.append((at, i))
            elif token == "/*":
                close = text.find("*/", at + 2)
                i = n if close < 0 else close + 2
                comments.append((at, i))
            elif token == "<<<":
                heredoc = _HEREDOC.match(text, at)
                if heredoc is None:
                    i = at + 3
                    continue
                closer = re.compile(rf"^[ \t]*{heredoc.group(2)}\b", re.M).search(text, heredoc.end())
                i = n if closer is None else closer.end()
                if heredoc.group(1) == "'":
                    quoted.append((at, i))
            elif token == "?>":
                i, closed = at, True
                break
            else:  # `;`, `{`, `}`
                if text[start:at].strip():
                    statements.append(_Statement(start, at, echo_tag))
                i = start = at + 1
        if text[start:i].strip():
            statements.append(_Statement(start, min(i, n), echo_tag))
        pos = i + 2 if closed else n
    return _Lexed(html, statements, quoted, comments)


_STRING_STOPS = {quote: lazy_re.compile(rf"[{quote}\\\\]") for quote in "'\"`"}


def _string_end(text: str, start: int, quote: str) -> int:
    """Just past the string opened at `start` (its end unescaped quote), or the text's end."""
    stops = _STRING_STOPS[quote]
    i = start + 1
    while True:
        stop = stops.search(text, i)
        if stop is None:
            return len(text)
        if text[stop.start()] == "\\":
            i = stop.start() + 2
            continue
        return stop.start() + 1


def _line_comment_end(text: str, start: int) -> int:
    """A `//` or `#` comment ends at the line's end or at `?>`, which leaves PHP mode."""
    newline = text.find("\n", start)
    newline = len(text) if newline < 0 else newline
    close = text.find("?>", start, newline)
    return newline if close < 0 else close
