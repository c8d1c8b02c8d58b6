"""HTML pages, server templates (Jinja, Django, EJS, Handlebars, ...) and single-file components
(`.vue`, `.svelte`, `.astro`).

Every key literal is found by the text scan, wherever it sits: inline `<script>`, attributes,
`<meta content>`, comments, PyScript blocks. The structure KAM002 needs is shallow and regular, so
regular expressions serve: which region a literal is in (script, comment, Astro frontmatter), the
variables a template prints (`{{ var }}`, `{{ var|tojson }}`, `<%= var %>`, `{!! var !!}`), prints of
the server's configuration (Flask `{{ config.KAMAN_API_KEY }}`, ERB `<%= ENV["KAMAN_API_KEY"] %>`,
Blade `{{ config('services.kaman.key') }}`: see config_print), and build-time env substitutions
(`%VITE_KAMAN_KEY%`).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator

from kaman_lint import escapes, lazy_re
from kaman_lint.delimited import Delimiter, Region, Spans, regions
from kaman_lint.exposure.facts import EXPOSURE, TEMPLATE_PRINT, Exposure, TemplatePrint, name_fingerprint
from kaman_lint.exposure.names import is_kaman_key_name, public_prefix
from kaman_lint.facts import FileFacts
from kaman_lint.keys import KeyMatcher
from kaman_lint.lang.config_print import kaman_setting_printed
from kaman_lint.lang.javascript import env_reads
from kaman_lint.lang.js_concat import GATE, join_split_keys
from kaman_lint.lang.js_env import BUNDLED_ENV_OBJECTS, env_read_source, read_name
from kaman_lint.lang.text import literal
from kaman_lint.named_tuples import NamedTuple

# Regions are found by `delimited` (linear whatever is left unclosed), not by `.*?` regexes.
# Inline scripts: `<script ...>` to `</script>` (PyScript's tags too); the body is code.
SCRIPTS = tuple(Delimiter("script", rf"<{tag}\b", rf"</{tag}\s*>", re.I, opener_end=">")
                for tag in ("script", "py-script", "mpy-script"))
# HTML, Jinja/Django, ERB (`<%# %>`) and Blade (`{{-- --}}`) comments.
COMMENTS = (
    Delimiter("html", "<!--", "-->"),
    Delimiter("jinja", r"\{#", r"#\}"),
    Delimiter("django", r"\{%\s*comment\s*%\}", r"\{%\s*endcomment\s*%\}"),
    Delimiter("erb", "<%#", "%>"),
    Delimiter("blade", r"\{\{--", r"--\}\}"),
)
FRONTMATTER = lazy_re.compile(r"\A\s*---\r?\n.*?\r?\n---", re.S)
# What a template prints, whole: `{{ name.attr|filter }}`, `{{{ name }}}`, `{{- name -}}` (Jinja,
# Django, Handlebars, Vue, Blade; no braces inside, so the pattern stops at the first one),
# `{!! name !!}` (Blade, unescaped), `<%= name %>`, `<%- name %>` (ERB, EJS, lodash).
PRINTS = (
    Delimiter("curly", r"\{\{\{?-?[^{}]*\}?\}\}"),
    Delimiter("raw", r"\{!!", r"!!\}"),
    Delimiter("erb", r"<%[=-]", r"%>"),
)
_CURLY_OPENER = lazy_re.compile(r"\{\{\{?-?")
PRINT_SYNTAX = {"curly": ("{{", "}}"), "raw": ("{!!", "!!}"), "erb": ("<%=", "%>")}  # `<%-` kept as written
# The variable path a print starts with: what a render context provides (`user.name`, `items[0]`).
LEADING_PATH = lazy_re.compile(r"""[A-Za-z_][\w.\[\]'"]*""")
MAX_QUOTED = 80  # characters of a printed expression a message quotes
# Astro: `const kamanKey = import.meta.env.KAMAN_API_KEY` in frontmatter; `{...}` in markup
# (text, attributes, `define:vars={{ ... }}`); a value used only as a condition is not printed.
ASTRO_ASSIGN = lazy_re.compile(r"\b(?:const|let|var)\s+([A-Za-z_$][\w$]*)\s*(?::[^=\n]+)?=\s*(\S)")
ASTRO_IMPORT = lazy_re.compile(r"""import\s*\{([^}]*)\}\s*from\s*['"]astro:env/server['"]""")
ASTRO_EXPRESSION = lazy_re.compile(r"\{\{?([^{}<>]*?)\}?\}")
ASTRO_TEST_ONLY = lazy_re.compile(r"^\s*!|\?|&&|\|\||[!=]==?|\.length\b")
ENV_READ_IN_EXPRESSION = lazy_re.compile(env_read_source(*BUNDLED_ENV_OBJECTS, r"Astro\.locals\.\w+\.env"))
# Build-time substitutions in index.html: `%VITE_X%` (Vite, CRA, Storybook), `%sveltekit.env.X%`.
PERCENT_ENV = lazy_re.compile(r"%(?:sveltekit\.env\.)?([A-Z][A-Z0-9_]*)%")


def analyze(facts: FileFacts, matcher: KeyMatcher) -> None:
    source = facts.source
    text = source.text
    found = _PageRegions(text)
    contexts = _Contexts(text, source.name.endswith(".astro"), found)
    for match in escapes.merge(matcher.find(text), escapes.keys_in(matcher, text, _escape_regions(text, found))):
        facts.literals.append(literal(facts, match, context=contexts.at(match.start)))
    if GATE.search(text):  # a key cut where a literal closes: join the scripts' pieces
        join_split_keys(facts, matcher, code_stretches(text, source.name.endswith(".astro"),
                                                       source.name.endswith((".svelte", ".astro")), found))
    facts.env_reads.extend(env_reads(facts))
    for printed in template_prints(text, found):
        expression, variable = printed.expression, printed.variable
        line, column = source.position(printed.offset)
        setting = kaman_setting_printed(printed.text)
        if setting:
            facts.add(EXPOSURE, Exposure(line, column, f"printed into the page by `{printed.quoted()}` "
                                         f"in template {source.name}", setting, name_fingerprint(setting)))
            continue
        if not variable:
            continue
        if printed.lodash and variable == expression and is_kaman_key_name(variable) and public_prefix(variable):
            # Vue CLI's `public/index.html` is a lodash template over the build's env: `<%= VUE_APP_X %>`
            facts.add(EXPOSURE, Exposure(line, column, f"substituted into {source.name} at build time by "
                                         f"`<%= {variable} %>`", variable, name_fingerprint(variable)))
            continue
        facts.add(TEMPLATE_PRINT, TemplatePrint(source.relpath, line, column, variable, printed.syntax,
                                                source.position(printed.end)))
    if source.name.endswith(".astro"):
        front = FRONTMATTER.match(text)
        if front:
            _astro_exposures(facts, front.end())
    for m in PERCENT_ENV.finditer(text):
        name = m.group(1)
        if is_kaman_key_name(name) and (public_prefix(name) or "sveltekit" in m.group(0)):
            line, column = source.position(m.start())
            facts.add(EXPOSURE, Exposure(line, column, f"substituted into {source.name} at build time by "
                                         f"`{m.group(0)}`", name, name_fingerprint(name)))


class _PageRegions:
    """A page's regions of each kind (SCRIPTS, COMMENTS, PRINTS), each found once however many
    passes of `analyze` ask (the scripts were found three times a page, the comments and prints
    twice)."""

    __slots__ = ("text", "_found")

    def __init__(self, text: str) -> None:
        self.text = text
        self._found: dict[int, list[Region]] = {}

    def __call__(self, delimiters: tuple[Delimiter, ...]) -> list[Region]:
        found = self._found.get(id(delimiters))  # (the kinds are module constants)
        if found is None:
            found = self._found[id(delimiters)] = list(regions(self.text, delimiters))
        return found


def _found_in(text: str, delimiters: tuple[Delimiter, ...], found: _PageRegions | None) -> Iterator[Region] | list[Region]:
    return found(delimiters) if found is not None else regions(text, delimiters)


def _escape_regions(text: str, found: _PageRegions | None = None) -> list[tuple[int, int, escapes.Rules]]:
    """Character references (`&#107;`) decode in markup and attribute values; a script's body
    is raw text to HTML and decodes as JavaScript (`\\u006b`)."""
    regions, last = [], 0
    for start, end in _script_bodies(text, found):
        regions += [(last, start, escapes.HTML), (start, end, escapes.JAVASCRIPT)]
        last = end
    return [*regions, (last, len(text), escapes.HTML)]


class PrintedExpression(NamedTuple):
    offset: int
    expression: str  # the leading variable path: `config.KAMAN_API_KEY`, `user.name`, `items[0]`
    variable: str  # its first name: what a render context provides ("" when it starts otherwise)
    lodash: bool  # `<%= ... %>` (ERB, EJS, lodash templates) rather than `{{ ... }}`
    text: str = ""  # the whole printed expression: `ENV.fetch("KAMAN_API_KEY")`, `x|tojson`
    syntax: tuple[str, str] = ("{{", "}}")  # its delimiters in the file's template language
    end: int = -1  # offset just past the print's closing delimiter

    def quoted(self) -> str:
        """The print as the file writes it, for messages (shortened)."""
        text = " ".join(self.text.split())
        if len(text) > MAX_QUOTED:
            text = text[:MAX_QUOTED - 1] + "…"
        return f"{self.syntax[0]} {text} {self.syntax[1]}"


def template_prints(text: str, found: _PageRegions | None = None) -> Iterator[PrintedExpression]:
    """Every expression a template prints into the page, outside template and HTML comments:
    the one extraction for this analyzer and for templates read from disk in the finish step."""
    comments = Spans([(r.start, r.end) for r in _found_in(text, COMMENTS, found)])
    for region in _found_in(text, PRINTS, found):
        if region.start in comments:
            continue
        kind = region.kind
        printed = _printed(text, region)
        leading = LEADING_PATH.match(printed[1:] if printed.startswith("$") else printed)  # Blade `{{ $kamanKey }}`
        expression = leading.group(0) if leading else ""
        yield PrintedExpression(region.start, expression, re.split(r"[.\[]", expression, maxsplit=1)[0],
                                kind == "erb", printed, _syntax(kind, text[region.start:region.end]), region.end)


def _printed(text: str, region: Region) -> str:
    """The expression inside a print, without the whitespace around it and the `-` of a
    whitespace-trimming closer (`{{ x -}}`, `<%= x -%>`)."""
    if region.kind == "curly":
        inner = text[_CURLY_OPENER.match(text, region.start).end():text.index("}", region.start)]
    else:
        inner = text[region.inner_start:region.inner_end]
    inner = inner.lstrip()
    if region.kind != "raw" and inner.endswith("-"):
        inner = inner[:-1]
    return inner.rstrip()


def _syntax(kind: str, whole: str) -> tuple[str, str]:
    opener, closer = PRINT_SYNTAX[kind]
    return (whole[:3], closer) if kind == "erb" else (opener, closer)


def _astro_exposures(facts: FileFacts, front_end: int) -> None:
    """Astro frontmatter runs on the server; a Kaman value it holds reaches the browser when the
    markup prints it, passes it to a component or `define:vars` (client-exposure.md §6.6)."""
    text = facts.source.text
    front = text[:front_end]
    offsets = [lit.offset for lit in facts.literals]  # in file order: the text scan found them
    tainted = {m.group(1) for m in ASTRO_ASSIGN.finditer(front)
               if is_kaman_key_name(m.group(1))
               or _carries_kaman(facts, offsets, m.start(2), _statement_end(front, m.end()))}
    tainted |= {n for n in re.findall(r"[A-Za-z_$][\w$]*", " ".join(ASTRO_IMPORT.findall(front))) if is_kaman_key_name(n)}
    scripts = Spans(_script_bodies(text))  # bundled apart: no frontmatter scope
    comments = Spans([(r.start, r.end) for r in regions(text, COMMENTS, front_end)])  # not evaluated
    for m in ASTRO_EXPRESSION.finditer(text, front_end):
        expression = m.group(1)
        if m.start() in scripts or m.start() in comments:
            continue
        hit = next((n for n in re.findall(r"(?<![\w$.])[A-Za-z_$][\w$]*(?![\w$])", expression) if n in tainted), None)
        read = next((r for r in _env_names(expression) if is_kaman_key_name(r)), None)
        subject = hit or read
        if subject and not ASTRO_TEST_ONLY.search(expression):
            line, column = facts.source.position(m.start())
            where = "`define:vars`" if "define:vars" in text[max(0, m.start() - 14):m.start()] else "the page markup"
            facts.add(EXPOSURE, Exposure(line, column, f"handed from Astro frontmatter to {where} in "
                                         f"{facts.source.name} (rendered into the HTML sent to the browser)",
                                         subject, name_fingerprint(subject)))


def _carries_kaman(facts: FileFacts, offsets: list[int], start: int, end: int) -> bool:
    """Does text[start:end] hold a key literal (`offsets`: the literals', in file order) or
    read a Kaman-named variable?"""
    i = bisect_left(offsets, start)
    if i < len(offsets) and offsets[i] < end:
        return True
    return any(is_kaman_key_name(name) for name in _env_names(facts.source.text, start, end))


def _env_names(text: str, start: int = 0, end: int | None = None) -> Iterator[str]:
    for m in ENV_READ_IN_EXPRESSION.finditer(text, start, len(text) if end is None else end):
        yield read_name(m)


def _statement_end(text: str, start: int) -> int:
    end = text.find("\n", start)
    return len(text) if end < 0 else end


def _script_bodies(text: str, found: _PageRegions | None = None) -> list[tuple[int, int]]:
    return [(r.inner_start, r.inner_end) for r in _found_in(text, SCRIPTS, found)]


class _Contexts:
    """Which region an offset is in: a comment (of HTML or the template language), a script
    body, Astro frontmatter, or else markup. Scripts and comments are each non-overlapping
    runs; a comment inside a script wins, as the inner region. A bisection per question."""

    def __init__(self, text: str, astro: bool, found: _PageRegions | None = None) -> None:
        self.scripts = Spans(_script_bodies(text, found))
        self.comments = Spans([(r.start, r.end) for r in _found_in(text, COMMENTS, found)])
        front = FRONTMATTER.match(text) if astro else None
        self.frontmatter = Spans([front.span()] if front else [])

    def at(self, offset: int) -> str:
        inside = [(*span, context) for spans, context in ((self.scripts, "script"),
                                                          (self.comments, "comment"),
                                                          (self.frontmatter, "frontmatter"))
                  if (span := spans.containing(offset)) is not None]
        return max(inside)[2] if inside else "markup"
_VUE_BINDING = lazy_re.compile(r"""\s(?::|v-bind:)[\w.:-]+\s*=\s*"([^"<>]*)\"""")
_SCRIPT_TYPE = lazy_re.compile(r"""\btype\s*=\s*["']?([\w/+.-]+)""", re.I)
_SCRIPT_LANG = lazy_re.compile(r"""\blang\s*=\s*["']?(ts|tsx|jsx)\b""", re.I)
_JS_TYPES = lazy_re.compile(r"(?:text/|application/)?(?:javascript|ecmascript|module|babel|jsx|typescript|ts)$", re.I)


def code_stretches(text: str, astro: bool, braces: bool = False,
                   found: _PageRegions | None = None) -> list[tuple[int, int, str, str]]:
    """(start, end, language, context) of the JS/TS in a page: `<script>` bodies (not PyScript, JSON
    or template types), Astro's frontmatter, `{{ }}` prints and Vue bindings, and with `braces`
    (Svelte, Astro) every `{...}` of the markup."""
    stretches = []
    front = FRONTMATTER.match(text) if astro else None
    if front:
        stretches.append((text.index("---", front.start()) + 3, front.end() - 3, "typescript", "frontmatter"))
    for region in _found_in(text, SCRIPTS, found):
        opener = text[region.start:region.inner_start]
        if not opener[:7].lower() == "<script":
            continue
        kind = _SCRIPT_TYPE.search(opener)
        if kind and not _JS_TYPES.match(kind.group(1)):
            continue
        lang = _SCRIPT_LANG.search(opener)
        typed = (lang.group(1).lower() if lang else "") or (kind.group(1).lower() if kind else "")
        language = "tsx" if typed == "tsx" else "typescript" if typed.endswith(("ts", "typescript")) else "javascript"
        stretches.append((region.inner_start, region.inner_end, language, "script"))
    # JS expressions in markup: `{{ ... }}` prints (Vue, Angular, Jinja join with `+` alike) and
    # Vue bindings (`:api-key="..."`), outside scripts
    scripts = Spans([(start, end) for start, end, _language, _context in stretches])
    for region in _found_in(text, PRINTS, found):
        if region.kind == "curly" and region.start not in scripts:
            stretches.append((_CURLY_OPENER.match(text, region.start).end(), text.index("}", region.start),
                              "javascript", "markup"))
    for m in _VUE_BINDING.finditer(text):
        if m.start() not in scripts:
            stretches.append((m.start(1), m.end(1), "javascript", "markup"))
    if braces:
        stretches.extend((start, end, "javascript", "markup") for start, end in _brace_expressions(text, scripts))
    return sorted(stretches)


_BRACE = lazy_re.compile(r"[{}]")


def _brace_expressions(text: str, skip: Spans) -> list[tuple[int, int]]:
    """The insides of the outermost `{...}` outside `skip` (Svelte and Astro markup expressions,
    template literals' `${}` nested in them included); one pass over the braces."""
    found: list[tuple[int, int]] = []
    depth = start = 0
    for m in _BRACE.finditer(text):
        if m.start() in skip:
            continue
        if m.group() == "{":
            start = m.end() if depth == 0 else start
            depth += 1
        elif depth:
            depth -= 1
            if depth == 0:
                found.append((start, m.start()))
    return found
