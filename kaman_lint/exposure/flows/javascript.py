"""Server-to-client flows in JS/TS (client-exposure.md §6), with tree-sitter.

A *source* is a key literal, a read of a Kaman-named variable (`process.env.KAMAN_API_KEY`), a
member named like a Kaman key (`config.kamanApiKey` from Nuxt's `useRuntimeConfig()`, as the
Python side treats `settings.KAMAN_API_KEY`), a binding destructured under such a name
(`const { kamanApiKey } = useRuntimeConfig()`), or a local variable assigned from one. From each source we climb the syntax tree through
value-preserving nodes (objects, arrays, template strings, `+`, `JSON.stringify`) and stop at the
first node that decides:
- a response call (`res.json`, `res.send`, `res.cookie`, `Response.json`, `json()`, `new Response`)
  or `res.locals` / `ctx.body` assignment: the key is sent to the browser;
- a `return` from `getServerSideProps`/`getStaticProps`/`getInitialProps`, a Remix `loader`/
  `action`, a SvelteKit `load`, or a `"use server"` action: serialized to the page;
- in a file whose JSX the server renders into HTML (a Next Server Component, `gatsby-ssr`): an
  attribute or child of an HTML element (`<meta content={key}>`), or an argument of Gatsby's
  `setHeadComponents`/`setHtmlAttributes`/...: printed into the page;
- a `return` from the callback of an h3/Nitro handler factory (`defineEventHandler`, Nuxt's
  `server/` routes), or h3's `send(event, ...)`, `setCookie(event, ...)`: the response body;
- `!x`, `typeof x`, comparisons: only a fact about the key travels on, never the key;
- any other call (`fetch(url, { headers })`, a SDK constructor): the key is *used*, not shipped —
  the backend-proxy pattern the Kaman guide recommends.
"""

from __future__ import annotations

import os
import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from pathlib import Path

from kaman_lint import lazy_re
from kaman_lint.exposure import frameworks
from kaman_lint.exposure.facts import EXPOSURE, KEY_RETURN, Exposure, KeyReturn, name_fingerprint
from kaman_lint.exposure.flows.bundlers import BUNDLER_CONFIG, bundler_exposures
from kaman_lint.exposure.names import is_kaman_key_name, mentions_kaman
from kaman_lint.exposure.hints import Hint, any_found
from kaman_lint.exposure.roles import NEXT_SERVER_COMPONENT, SERVER_RENDERS_HTML, USE_SERVER_DIRECTIVE, is_client_module_head
from kaman_lint.facts import IMPORTED_ENV_NAME, FileFacts
from kaman_lint.keys import redact
from kaman_lint.lang import js_parse
from kaman_lint.named_tuples import NamedTuple
from kaman_lint.records import replace

SINK_CALL = lazy_re.compile(rf"^(?:{'|'.join(frameworks.collect('RESPONSE_CALLS'))})$")
RESPONSE_CONSTRUCTORS = frozenset(frameworks.collect("RESPONSE_CONSTRUCTORS"))  # `new Response(body)`
TRANSPARENT_CALL = lazy_re.compile(r"^(?:JSON\.stringify|String|Object\.assign|encodeURIComponent|btoa|Buffer\.from|defer)$")
HANDLER_FACTORIES = frozenset(frameworks.collect("HANDLER_FACTORIES"))  # their handler's return value answers
EVENT_SINK_CALLS = frozenset(frameworks.collect("EVENT_SINK_CALLS"))  # `send(event, body)`
HTML_RENDER_CALLS = frozenset(frameworks.collect("HTML_RENDER_CALLS"))  # Gatsby's `setHeadComponents(...)`
# Binary operators whose result is the operand's value (or embeds it); others yield a boolean or number.
VALUE_OPERATORS = frozenset({"+", "||", "??", "&&"})
SINK_ASSIGNMENT = lazy_re.compile(rf"^(?:{'|'.join(frameworks.collect('SINK_ASSIGNMENTS'))})")
SSR_FUNCTIONS = frozenset(frameworks.collect("DATA_FUNCTIONS"))  # their return value is serialized to the page
RESPONSE_HANDLERS = frozenset(frameworks.collect("RESPONSE_HANDLERS"))  # their response-shaped return answers
RESPONSE_FIELDS = frozenset(frameworks.collect("RESPONSE_FIELDS"))
FUNCTIONS = frozenset({"function_declaration", "function_expression", "arrow_function", "method_definition",
                       "function", "generator_function_declaration"})
STOP = frozenset({"program", "statement_block", "expression_statement", "if_statement", "for_statement",
                  "for_in_statement", "while_statement", "class_body", "jsx_expression", "jsx_opening_element",
                  "jsx_self_closing_element", "member_expression", "subscript_expression", "ternary_expression",
                  "lexical_declaration", "variable_declaration", "export_statement", "throw_statement"})


# Words that make a parse worthwhile: something that can hand a value to a browser. Asked only
# "is any there?", so they are searched a few regexes at a time, each a branch of words led by
# their literals, which `re` skips to in C; one alternation led by `\b` was tried at every
# position (4x slower on a 2,000-line file, the editor's every keystroke). `\bword` is written
# `word(?<!\wword)`: the same test, made after the literal. One regex per word was faster still
# to search but its 26 compiles cost a one-file run more than they saved.
def _word(word: str) -> str:
    """`\bword` with the boundary checked after the word (`word` starts with a word character)."""
    escaped = re.escape(word)
    return rf"{escaped}(?<!\w{escaped})"


def _words(*words: str) -> str:
    return "(?:" + "|".join(_word(word) for word in words) + ")"


SINK_HINTS = (
    Hint(_words("res", "response", "reply", "ctx", "c")
         + r"\s*\.\s*(?:json|jsonp|send|cookie|setHeader|header|set|append|end|write|render|locals|body)\b",
         ("append", "body", "cookie", "end", "header", "json", "locals", "render", "set", "write")),
    Hint(_words("app.locals", "Response.json", "NextResponse", "getServerSideProps", "getStaticProps",
                "getInitialProps", "loader", "load", "json", "statusCode", "onCall") + r"\b",
         ("Response", "app.locals", "getInitialProps", "getServerSideProps", "getStaticProps", "json", "load",
          "onCall", "statusCode")),
    Hint(_word("new") + r"\s+Response\b", ("Response",)),
    Hint(r"['\"]use server['\"]", ("use server",)),
    # h3 / Nitro / Nuxt server routes: the handler's return value is the response body
    Hint(_words("defineEventHandler", "eventHandler", "defineCachedEventHandler", "cachedEventHandler", "send",
                "setCookie", "setResponseHeader", "appendResponseHeader") + r"\s*\(",
         ("EventHandler", "appendResponseHeader", "eventHandler", "send", "setCookie", "setResponseHeader")),
    # Gatsby SSR APIs: what they are handed is rendered into every page's HTML
    Hint(_words("set", "replace") + r"(?:HeadComponents|PreBodyComponents|PostBodyComponents|HtmlAttributes|BodyAttributes)\b",
         ("BodyAttributes", "HeadComponents", "HtmlAttributes", "PostBodyComponents", "PreBodyComponents")),
)


def has_sink_hint(text: str) -> bool:
    return any_found(SINK_HINTS, text)


# Server-side functions inside files that are otherwise client code (Pages Router pages, Remix
# routes, SvelteKit universal loads): their return values are serialized into the page.
# Two searches, each led by its literals, which `re` skips to in C: as one alternation led by
# `\b` the pattern was tried at every character (25x slower over the large corpus's scripts).
# (`export` has no boundary before it: `_export function load` counts, as it always did.)
SERVER_FUNCTIONS_IN_CLIENT_FILE = (
    lazy_re.compile(_words("getServerSideProps", "getStaticProps", "getInitialProps") + r"\b"),
    lazy_re.compile(r"export\s+(?:async\s+)?function\s+(?:loader|action|load)\b"),
)


def has_server_function(text: str) -> bool:
    return any(pattern.search(text) is not None for pattern in SERVER_FUNCTIONS_IN_CLIENT_FILE)



class _Source(NamedTuple):
    """Where a key value enters a JavaScript flow."""
    start: int  # byte offsets
    end: int
    subject: str
    fingerprint: str
    literal_at: tuple[int, int] | None = None  # (line, column) of the key literal it carries


class _Tree:
    """Upward navigation in a parsed file. tree-sitter's `Node.parent` walks down from the root on
    every call, so climbing d levels with it costs d² (a key 25,000 arrays deep in `res.json`:
    45 s). Here the parents are recorded while walking down to the nodes a flow starts from; the
    last path walked is kept, so nearby nodes, looked up in file order, share the walk. Climbs
    remember their verdict per node: sources that meet on the way up finish with one lookup."""

    def __init__(self, root) -> None:
        self.root = root
        self._parents: dict[int, object] = {}  # node id -> parent, for every node on a walked path
        self._path = [root]
        self._located: dict[tuple[int, int], object] = {}
        self.climbed: dict[int, tuple[str, str] | None] = {}  # node id -> verdict of climbing from it

    def locate(self, start: int, end: int):
        """The smallest node spanning bytes [start, end), with its ancestors recorded."""
        found = self._located.get((start, end))
        if found is not None:
            return found
        path = self._path
        while len(path) > 1 and not (path[-1].start_byte <= start and end <= path[-1].end_byte):
            path.pop()
        node = path[-1]
        while node.child_count:  # (`first_child_for_byte` on a leaf crashes py-tree-sitter 0.26)
            child = node.first_child_for_byte(start)
            if child is None or child.start_byte > start or child.end_byte < end:
                break
            self._parents[child.id] = node
            path.append(child)
            node = child
        self._located[(start, end)] = node
        return node

    def parent_of(self, node):
        return self._parents.get(node.id) if node is not None else None

    def field(self, node, name: str):
        """`node.child_by_field_name(name)`, its parent recorded for a later climb from it."""
        child = node.child_by_field_name(name)
        if child is not None:
            self._parents[child.id] = node
        return child


def analyze(facts: FileFacts) -> None:
    """Exposure facts for a JS/TS file the reader found literals or Kaman names in: a bundler
    config's inlining blocks, or the flows of a file that needs structure (parsed with
    tree-sitter, imported only then). A tree with syntax errors is not trusted: the facts are
    then those of the text scan, and the trouble becomes a notice."""
    if BUNDLER_CONFIG.search(facts.source.relpath):
        for exposure in bundler_exposures(facts):
            facts.add(EXPOSURE, exposure)
        return
    returns_key = _may_return_key(facts)
    if not returns_key and not _needs_structure(facts):
        return
    tree = parse(facts)
    if tree is None:
        return
    if tree.root_node.has_error:
        line = _first_error_line(tree.root_node)
        facts.parse_error = (f"{facts.source.language} does not parse (syntax error near line {line}); "
                             "scanned as text")
        return
    key_returns: list[tuple[str, int, int, _Source]] = []
    for exposure in exposures(facts, tree, key_returns):
        facts.add(EXPOSURE, exposure)
    for function, line, column, src in key_returns:
        facts.add(KEY_RETURN, KeyReturn(facts.source.relpath, function, line, src.subject, src.fingerprint, column))


# A module exporting a function that returns a Kaman env read (`export function getEnv() { return
# { KAMAN_PUBLIC_KEY: process.env.KAMAN_API_KEY } }`, Remix's env.server.ts): a route loader in
# another file may return its result (joined in KAM002's finish step with the survey's ReturnedCall).
_EXPORTED_FUNCTION = lazy_re.compile(r"\bexport\s+(?:default\s+)?(?:async\s+)?(?:function\b|(?:const|let)\s+[\w$]+\s*=)")


def _may_return_key(facts: FileFacts) -> bool:
    text_ = facts.source.text
    return (len(text_) <= MAX_PARSE_CHARS and facts.role != "client"
            and any(is_kaman_key_name(r.name) for r in facts.env_reads) and bool(_EXPORTED_FUNCTION.search(text_)))


MAX_PARSE_CHARS = 2 * 1024 * 1024  # larger files are bundles: client by content, no flows to follow


def _needs_structure(facts: FileFacts) -> bool:
    """Server-to-client flows start in server (or unknown) code that holds a key or a Kaman
    variable and calls something able to answer a browser. Client files need no parse: every key
    in them is exposed already."""
    text_ = facts.source.text
    if len(text_) > MAX_PARSE_CHARS:
        return False
    if facts.role == "client" and not has_server_function(text_):
        return False
    if facts.role_marker in (NEXT_SERVER_COMPONENT, SERVER_RENDERS_HTML) and (facts.literals or mentions_kaman(text_)):
        return True  # its props to client components, and the HTML it renders, are sent to the browser
    return has_sink_hint(text_) and (bool(facts.literals) or mentions_kaman(text_))


# A comment could hold what is written after this on its line: `//`, `/*`, or a `*` line of a block.
_COMMENT_BEFORE = lazy_re.compile(r"//|/\*|^\s*\*")
_COMMENT_QUERIES: dict[str, object] = {}


def in_comments(facts: FileFacts, places: list[tuple[int, int]]) -> set[tuple[int, int]]:
    """The (line, column) places of `places` that sit inside a comment. Bundlers drop comments,
    so a key or a read there reaches no user (issue 12 §2). The file is parsed only when a place
    has a comment opener before it on its line, which is rare."""
    if len(facts.source.text) > MAX_PARSE_CHARS:
        return set()
    candidates = _comment_before(facts.source, places)
    if not candidates:
        return set()
    tree = parse(facts)
    if tree is None:
        return set()
    tree_sitter = js_parse.binding()
    language = facts.source.language
    query = _COMMENT_QUERIES.get(language)
    if query is None:
        query = _COMMENT_QUERIES[language] = tree_sitter.Query(js_parse.parser(language).language, "(comment) @comment")
    comments = tree_sitter.QueryCursor(query).captures(tree.root_node).get("comment", [])
    to_byte = _ByteOffsets(facts.source.text)
    spans = sorted((c.start_byte, c.end_byte) for c in comments)
    starts = [s for s, _e in spans]
    inside = set()
    for place in candidates:
        at = to_byte(facts.source.offset(*place))
        i = bisect_right(starts, at) - 1
        if i >= 0 and spans[i][0] <= at < spans[i][1]:
            inside.add(place)
    return inside


def _comment_before(source, places: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The places with a comment opener before them on their line (`_COMMENT_BEFORE`). The
    openers are found once per file: copying and searching each place's line was quadratic
    on a one-line bundle."""
    text, starts = source.text, source.line_starts
    openers = [m.start() for m in _OPENER.finditer(text)]
    found = []
    for line, column in places:
        line_start = starts[line - 1]
        offset = line_start + max(0, column - 1)
        i = bisect_left(openers, line_start)  # the line's first opener (none spans a line break)
        if i < len(openers) and openers[i] + 2 <= offset or _STAR_LINE.match(text, line_start, offset):
            found.append((line, column))
    return found


_OPENER = lazy_re.compile(r"//|/\*")
_STAR_LINE = lazy_re.compile(r"\s*\*")


def parse(facts: FileFacts):
    """The file's syntax tree (the fixer reads it too)."""
    return js_parse.parse(facts.source.text, facts.source.language)


def _first_error_line(node) -> int:
    stack = [node]
    while stack:
        current = stack.pop()
        if current.type == "ERROR" or current.is_missing:
            return current.start_point[0] + 1
        stack.extend(reversed([c for c in current.children if c.has_error or c.is_missing]))
    return node.start_point[0] + 1


def exposures(facts: FileFacts, parsed, key_returns: list | None = None) -> Iterator[Exposure]:
    """The exposures of a parsed file; `key_returns` collects (function, line, column, source)
    of top-level functions returning a source."""
    text = facts.source.text
    data = text.encode("utf-8")
    to_byte = _ByteOffsets(text)
    sources = [_Source(to_byte(lit.offset), to_byte(lit.end), lit.key.preview, lit.key.fingerprint,
                       (lit.line, lit.column)) for lit in facts.literals]
    tree = _Tree(parsed.root_node)
    for read in facts.env_reads:
        if not is_kaman_key_name(read.name):
            continue
        offset = facts.source.offset(read.line, read.column)
        start, end = to_byte(offset), to_byte(offset + read.length)
        if read.kind == IMPORTED_ENV_NAME:  # `import { KAMAN_API_KEY } from "$env/static/private"`
            imported = _Source(start, end, read.name, name_fingerprint(read.name))
            sources.extend(_uses(tree, data, read.name, imported))
        else:
            sources.append(_Source(start, end, read.expression, name_fingerprint(read.name)))
    sources.extend(_named_member_sources(tree, data))
    use_server = facts.role_marker == USE_SERVER_DIRECTIVE
    client_components = (client_component_imports(facts) if facts.role_marker == NEXT_SERVER_COMPONENT
                         else frozenset())
    renders_html = facts.role_marker in (NEXT_SERVER_COMPONENT, SERVER_RENDERS_HTML)
    seen_names: dict[str, _Source] = {}
    reported: set[int] = set()
    found: dict[tuple[int, int, str], Exposure] = {}
    for _round in range(3):  # follow `const a = src; const b = { a }` a few steps
        new_sources: list[_Source] = []
        for src in sources:
            node = tree.locate(src.start, src.end)
            if node.type == "comment":
                continue  # `res.json({ // apiKey: process.env.KAMAN_API_KEY`: a comment is never code
            node = _widen(tree, node)
            verdict = _climb(tree, node, use_server, client_components, renders_html)
            if verdict is None:
                continue
            kind, detail = verdict
            if kind == "returns":
                if key_returns is not None and src.literal_at is None:
                    line, column = _position(facts, tree.locate(src.start, src.end))
                    key_returns.append((detail, line, column, src))
            elif kind == "declare":
                if detail not in seen_names:
                    seen_names[detail] = src
                    new_sources.extend(_uses(tree, data, detail, src))
            elif node.start_byte not in reported:
                reported.add(node.start_byte)
                _record(found, _exposure(facts, node, detail, src))
        if not new_sources:
            break
        sources = new_sources
    yield from found.values()


def _exposure(facts: FileFacts, node, mechanism: str, src: _Source) -> Exposure:
    """A literal is reported where it is written (as KAM001 is), the place that ships it related;
    a variable where it is shipped."""
    line, column = _position(facts, node)
    if src.literal_at is None or src.literal_at[0] == line:
        return Exposure(line, column, mechanism, src.subject, src.fingerprint)
    return Exposure(*src.literal_at, mechanism, src.subject, src.fingerprint, ((line, column, f"{mechanism} here"),))


def _record(found: dict[tuple[int, int, str], Exposure], exposure: Exposure) -> None:
    """One exposure per place: a literal shipped twice is one finding with both places related."""
    place = (exposure.line, exposure.column, exposure.fingerprint)
    earlier = found.get(place)
    found[place] = exposure if earlier is None else replace(earlier, related=earlier.related + exposure.related)


def _widen(tree: _Tree, node):
    """From a string fragment to its whole string or template literal."""
    parent = tree.parent_of(node)
    while parent is not None and (node.type == "string_fragment" or parent.type in ("string", "template_string")):
        node, parent = parent, tree.parent_of(parent)
    return node


def _climb(tree: _Tree, node, use_server: bool, client_components: frozenset[str] = frozenset(),
           renders_html: bool = False) -> tuple[str, str] | None:
    """Follow the value of `node` upward; ("sink", mechanism), ("declare", name) or None.
    `renders_html`: the file's JSX is rendered into HTML on the server (a Server Component,
    gatsby-ssr), so what an HTML element prints reaches the browser. The verdict from a node
    up depends on nothing below it, so it is remembered for every node passed."""
    passed: list[int] = []
    verdict = None
    child = node
    while child is not None:
        if child.id in tree.climbed:
            verdict = tree.climbed[child.id]
            break
        passed.append(child.id)
        verdict, child = _climb_step(tree, child, use_server, client_components, renders_html)
    for node_id in passed:
        tree.climbed[node_id] = verdict
    return verdict


MAX_CALLEE_BYTES = 4096  # a longer callee is an inline function, never a response method


def _climb_step(tree: _Tree, child, use_server: bool, client_components: frozenset[str], renders_html: bool):
    """One step up from `child`: (verdict, None) when its parent decides, (None, parent) to go on."""
    parent = tree.parent_of(child)
    if parent is None:
        return None, None
    kind = parent.type
    holder = tree.parent_of(parent)
    if kind == "jsx_expression" and holder is not None and holder.type in ("jsx_attribute", "jsx_element"):
        return _jsx_verdict(tree, parent, renders_html, client_components), None
    if kind in ("call_expression", "new_expression"):
        callee_node = parent.child_by_field_name("function") or parent.child_by_field_name("constructor")
        if callee_node is None or _same(callee_node, child):
            return None, None
        if callee_node.end_byte - callee_node.start_byte > MAX_CALLEE_BYTES:
            return None, None
        callee = _text(callee_node)
        if kind == "new_expression" and callee in RESPONSE_CONSTRUCTORS:
            return ("sink", "sent in an HTTP response body (`new Response`)"), None
        if kind == "call_expression" and SINK_CALL.match(callee):
            return ("sink", f"sent to the browser by `{_method(callee_node)}(...)`"), None
        if kind == "call_expression" and callee in HTML_RENDER_CALLS:
            return ("sink", f"rendered into every page's HTML by Gatsby's `{callee}`"), None
        if kind == "call_expression" and callee in EVENT_SINK_CALLS and _is_h3_call(tree, parent, child):
            return ("sink", f"sent to the browser by h3 `{callee}(event, ...)`"), None
        if not TRANSPARENT_CALL.match(callee):
            return None, None
    elif kind == "assignment_expression":
        left = parent.child_by_field_name("left")
        if left is None or _same(left, child):
            return None, None
        target = _text(left)
        if SINK_ASSIGNMENT.match(target):
            return ("sink", f"assigned to `{redact(target)}` (delivered to the browser)"), None
        return None, None
    elif kind == "variable_declarator":
        name = parent.child_by_field_name("name")
        if name is not None and name.type == "identifier" and not _same(name, child):
            return ("declare", _text(name)), None
        return None, None
    elif kind == "return_statement" or (kind == "arrow_function" and _same(parent.child_by_field_name("body"), child)):
        function = parent if kind == "arrow_function" else _enclosing_function(tree, parent)
        name = _function_name(tree, function)
        if name in SSR_FUNCTIONS:
            return ("sink", f"returned from `{name}` (serialized into the page for the browser)"), None
        if name in RESPONSE_HANDLERS and _response_shaped(parent if kind == "return_statement" else child):
            return ("sink", f"returned from serverless function `{name}` as its HTTP response"), None
        if use_server and function is not None and _is_top_level(tree, function):
            return ("sink", "returned from a \"use server\" action (serialized to the client)"), None
        factory = _handler_factory(tree, function)
        if factory:
            return ("sink", f"returned from a `{factory}` handler (sent to the browser as the response body)"), None
        if name and function is not None and _is_top_level(tree, function):
            return ("returns", name), None  # a helper: its callers decide (KAM002's finish step)
        return None, None
    elif kind == "unary_expression" or (kind == "binary_expression" and _operator(parent) not in VALUE_OPERATORS):
        return None, None  # `!key`, `typeof key`, `key === x`: a fact about the key, not the key
    elif kind == "pair" and _same(parent.child_by_field_name("key"), child):
        return None, None
    elif kind in STOP or kind in FUNCTIONS or kind.endswith("_statement"):
        return None, None
    return None, parent


# JSX attributes React never writes into the HTML.
UNPRINTED_ATTRIBUTE = lazy_re.compile(r"^(?:key|ref|on[A-Z]\w*|suppressHydrationWarning)$")


def _jsx_verdict(tree: _Tree, expression, renders_html: bool, client_components: frozenset[str]) -> tuple[str, str] | None:
    """A `{value}` in JSX: an attribute or a child of its element. A client component's props
    (children too) are serialized for the browser; an HTML element rendered on the server prints
    its attributes and children into the page."""
    holder = tree.parent_of(expression)
    if holder.type == "jsx_attribute":
        element = tree.parent_of(holder)
        attribute = _text(holder.named_children[0]) if holder.named_children else ""
        place = "the content" if attribute == "dangerouslySetInnerHTML" else f"the `{redact(attribute)}` attribute"
    else:
        element = holder.child_by_field_name("open_tag")
        attribute, place = "children", "the content"
    tag = _text(element.child_by_field_name("name")) if element is not None else ""
    if tag in client_components:
        return "sink", (f"passed as a prop to client component `<{redact(tag)}>` (props are serialized "
                        "into the page for the browser)")
    if renders_html and HTML_TAG.match(tag) and not UNPRINTED_ATTRIBUTE.match(attribute):
        return "sink", f"rendered on the server into {place} of `<{tag}>`, in the HTML sent to the browser"
    return None


HTML_TAG = lazy_re.compile(r"^[a-z][a-z0-9-]*$")  # `<meta>`, `<script>`; `<Widget>`, `<motion.div>` are components
IMPORT = lazy_re.compile(r"""^\s*import\s+(?!type\b)([\w$]+)?\s*,?\s*(?:\{([^}]*)\})?\s*from\s*['"]([^'"]+)['"]""", re.M)
RESOLVE_SUFFIXES = ("", ".tsx", ".ts", ".jsx", ".js", "/index.tsx", "/index.ts", "/index.jsx", "/index.js")


def client_component_imports(facts: FileFacts) -> frozenset[str]:
    """Names a Server Component imports from `"use client"` modules (relative, `@/` or `~/`
    imports resolved on disk; packages are not followed)."""
    package = facts.package
    if package is None or not package.absolute:
        return frozenset()
    here = Path(package.absolute) / package.relative(facts.source.relpath)
    names: set[str] = set()
    for m in IMPORT.finditer(facts.source.text):
        default, named, spec = m.groups()
        if spec.startswith("."):
            base = Path(os.path.dirname(here), spec)
        elif spec.startswith(("@/", "~/")):
            base = Path(package.absolute) / spec[2:]
            if not _resolve(base):
                base = Path(package.absolute) / "src" / spec[2:]
        else:
            continue
        target = _resolve(base)
        if target is None or not is_client_module_head(_head(target)):
            continue
        if default:
            names.add(default)
        for part in (named or "").split(","):
            local = part.split(" as ")[-1].strip()
            if local:
                names.add(local)
    return frozenset(names)


def _resolve(base: Path) -> Path | None:
    for suffix in RESOLVE_SUFFIXES:
        candidate = Path(str(base) + suffix)
        if candidate.is_file():
            return candidate
    return None


def _head(path: Path) -> str:
    try:
        with open(path, encoding="utf-8", errors="replace") as handle:
            return handle.read(2000)
    except OSError:
        return ""


def _uses(tree: _Tree, data: bytes, name: str, origin: _Source) -> list[_Source]:
    """Every later use of the identifier `name` as a value (not its declaration)."""
    found = []
    pattern = re.compile(rb"(?<![\w$.])" + re.escape(name.encode()) + rb"(?![\w$])")
    for m in pattern.finditer(data, origin.end):
        node = tree.locate(m.start(), m.end())
        if node.type in ("identifier", "shorthand_property_identifier"):
            parent = tree.parent_of(node)
            if parent is not None and parent.type == "variable_declarator" and _same(parent.child_by_field_name("name"), node):
                continue
            found.append(_Source(m.start(), m.end(), origin.subject, origin.fingerprint, origin.literal_at))
    return found


# Only names mentioning Kaman are candidates, so the regex does the filtering in C.
KEYISH_MEMBER = lazy_re.compile(rb"""(?:\?\.|\.)\s*([\w$]*kaman[\w$]*)|\[\s*(['"])([\w$-]*kaman[\w$-]*)\2\s*\]""", re.I)
RUNTIME_ENV_GET = lazy_re.compile(rb"""\bDeno\.env\.get\(\s*(['"])([\w-]{1,100})\1\s*\)""")
# Firebase parameters: `const kamanKey = defineSecret("KAMAN_API_KEY")`, read with `kamanKey.value()`.
FIREBASE_PARAM = lazy_re.compile(
    rb"""\b(?:const|let|var)\s+([\w$]{1,100})\s*=\s*(?:params\.)?define(?:Secret|String)\(\s*(['"])([\w-]{1,100})\2""")
KEYISH_BINDING = lazy_re.compile(rb"[{,]\s*([\w$]*kaman[\w$]*)\s*(?=[,}:=])", re.I)
ENV_OBJECTS = frozenset({"process.env", "import.meta.env"})  # their reads come from `facts.env_reads`
# What the client sent: echoing `req.body.kamanApiKey` back hands users nothing they lacked.
REQUEST_ROOTS = frozenset({"req", "request", "body", "params", "query", "input", "formData"})


def _named_member_sources(tree: _Tree, data: bytes) -> list[_Source]:
    """Members named like a Kaman key (`config.kamanApiKey`, `settings["KAMAN_API_KEY"]`) and the
    locals destructured from them (`const { kamanApiKey: key } = useRuntimeConfig()`)."""
    found: list[_Source] = []
    for m in KEYISH_MEMBER.finditer(data):
        group = 1 if m.group(1) else 3
        name = m.group(group).decode("utf-8", "replace")
        access = _access_of(tree, tree.locate(m.start(group), m.end(group)))
        if not is_kaman_key_name(name):
            # `config.kaman.apiKey`, `cfg["kaman"]["apiKey"]`: the key word is one level down
            access, name = _nested_key_access(tree, access, name)
            if access is None:
                continue
        if access is not None and _text(access.child_by_field_name("object")) not in ENV_OBJECTS \
                and not _from_request(access):
            found.append(_Source(access.start_byte, access.end_byte, _subject(access, name), name_fingerprint(name)))
    # (each pattern below holds a literal: a file without it is not searched from every character)
    for m in RUNTIME_ENV_GET.finditer(data) if b"Deno.env.get(" in data else ():  # Deno.env.get("KAMAN_API_KEY")
        name = m.group(2).decode("utf-8", "replace")
        if is_kaman_key_name(name):
            found.append(_Source(m.start(), m.end(), f'Deno.env.get("{name}")', name_fingerprint(name)))
    for m in FIREBASE_PARAM.finditer(data) if b"defineSecret(" in data or b"defineString(" in data else ():
        name = m.group(3).decode("utf-8", "replace")
        if is_kaman_key_name(name):
            local = re.escape(m.group(1))
            for use in re.finditer(rb"(?<![\w$.])" + local + rb"\s*\.\s*value\s*\(\s*\)", data[m.end():]):
                found.append(_Source(m.end() + use.start(), m.end() + use.end(), f'defineSecret("{name}").value()',
                                     name_fingerprint(name)))
    for m in KEYISH_BINDING.finditer(data):
        name = m.group(1).decode("utf-8", "replace")
        if not is_kaman_key_name(name):
            continue
        local = _destructured_local(tree, tree.locate(m.start(1), m.end(1)))
        if local is not None and not _from_request(_declarator_value(tree, local)):
            origin = _Source(local.start_byte, local.end_byte, name, name_fingerprint(name))
            found.extend(_uses(tree, data, _text(local), origin))
    return found


def _nested_key_access(tree: _Tree, access, name: str):
    """The access one level below a Kaman-named member when that level names the key
    (`kaman` + `apiKey`), with the joined name; else (None, name)."""
    outer = tree.parent_of(access)
    if outer is None or not _same(outer.child_by_field_name("object"), access):
        return None, name
    if outer.type == "member_expression":
        prop = _text(outer.child_by_field_name("property"))
    elif outer.type == "subscript_expression":
        prop = _text(outer.child_by_field_name("index")).strip("'\"")
    else:
        return None, name
    joined = f"{name}_{prop}"
    return (outer, joined) if is_kaman_key_name(joined) else (None, name)


def _access_of(tree: _Tree, node):
    """The member or subscript expression `node` names the property of, or None."""
    if node is None:
        return None
    if node.type == "string_fragment" and tree.parent_of(node) is not None:
        node = tree.parent_of(node)
    parent = tree.parent_of(node)
    if parent is None:
        return None
    if parent.type == "member_expression" and _same(parent.child_by_field_name("property"), node):
        return parent
    if parent.type == "subscript_expression" and _same(parent.child_by_field_name("index"), node):
        return parent
    return None


def _destructured_local(tree: _Tree, node):
    """For a key of an object pattern in a declaration, the local identifier it binds."""
    if node is None:
        return None
    parent = tree.parent_of(node)
    if node.type == "shorthand_property_identifier_pattern":
        local = node
    elif node.type == "property_identifier" and parent is not None and parent.type == "pair_pattern":
        local = tree.field(parent, "value")
        if local is not None and local.type == "assignment_pattern":  # `{ kamanKey: key = "" }`
            local = tree.field(local, "left")
        parent = tree.parent_of(parent)
    else:
        return None
    if local is None or local.type not in ("identifier", "shorthand_property_identifier_pattern"):
        return None
    pattern = parent
    while pattern is not None and tree.parent_of(pattern) is not None \
            and tree.parent_of(pattern).type in ("pair_pattern", "object_pattern"):
        pattern = tree.parent_of(pattern)  # `const { public: { kamanKey } } = useRuntimeConfig()`
    if pattern is None or pattern.type != "object_pattern" or tree.parent_of(pattern) is None \
            or tree.parent_of(pattern).type != "variable_declarator":
        return None
    return local


def _from_request(node) -> bool:
    """Is `node` (a member chain, or what a pattern destructures) data the client sent?"""
    if node is None:
        return False
    text = re.sub(r"^\s*await\s+", "", _text(node))
    root = re.split(r"[.?\[(\s]", text.strip(), maxsplit=1)[0]
    return root in REQUEST_ROOTS


def _declarator_value(tree: _Tree, node):
    while node is not None and node.type != "variable_declarator":
        node = tree.parent_of(node)
    return node.child_by_field_name("value") if node is not None else None


def _subject(access, name: str) -> str:
    text = _text(access)
    return text if SIMPLE_OBJECT.match(text) else name


def _is_h3_call(tree: _Tree, call, child) -> bool:
    """`send(event, value)`: h3's utilities take the request event first, the value after it."""
    arguments = call.child_by_field_name("arguments")
    first = arguments.named_children[0] if arguments is not None and arguments.named_children else None
    if first is None or first.type != "identifier" or _same(first, child):
        return False
    return _text(first) == "event" or _handler_factory(tree, _enclosing_function(tree, call)) is not None


def _handler_factory(tree: _Tree, function) -> str | None:
    """`defineEventHandler` when `function` is the handler passed to it (directly, or as
    `{ handler }` in h3's object form), else None."""
    if function is None:
        return None
    node = tree.parent_of(function)
    if node is not None and node.type == "pair" and _text(node.child_by_field_name("key")) == "handler":
        node = tree.parent_of(tree.parent_of(node))  # pair -> object -> arguments
    call = tree.parent_of(node)
    if node is None or node.type != "arguments" or call is None or call.type != "call_expression":
        return None
    callee = _text(call.child_by_field_name("function"))
    return callee if callee.rsplit(".", 1)[-1] in HANDLER_FACTORIES else None  # `functions.https.onCall`


def _operator(node) -> str:
    operator = node.child_by_field_name("operator")
    return _text(operator) if operator is not None else ""


def _enclosing_function(tree: _Tree, node):
    while node is not None and node.type not in FUNCTIONS:
        node = tree.parent_of(node)
    return node


def _function_name(tree: _Tree, function) -> str | None:
    if function is None:
        return None
    name = function.child_by_field_name("name")
    if name is not None:
        return _text(name)
    parent = tree.parent_of(function)
    if parent is not None and parent.type == "variable_declarator":
        declared = parent.child_by_field_name("name")
        return _text(declared) if declared is not None else None
    if parent is not None and parent.type == "assignment_expression":  # `exports.handler = async () => ...`
        left = parent.child_by_field_name("left")
        if left is not None and left.type == "member_expression":
            return _text(left.child_by_field_name("property"))
    return None


def _response_shaped(returned) -> bool:
    """A return statement's (or arrow body's) value is an object with a `body` or `statusCode`."""
    value = returned.named_children[0] if returned.type == "return_statement" and returned.named_children else returned
    while value is not None and value.type == "parenthesized_expression" and value.named_children:
        value = value.named_children[0]
    if value is None or value.type != "object":
        return False
    return any(pair.type == "pair" and _text(pair.child_by_field_name("key")).strip("'\"") in RESPONSE_FIELDS
               for pair in value.named_children)


def _is_top_level(tree: _Tree, function) -> bool:
    node = tree.parent_of(function)
    while node is not None and node.type != "program":
        if node.type in FUNCTIONS:
            return False
        node = tree.parent_of(node)
    return True


def _same(a, b) -> bool:
    return a is not None and b is not None and a.start_byte == b.start_byte and a.end_byte == b.end_byte


def _text(node) -> str:
    return node.text.decode("utf-8", "replace") if node is not None and node.text is not None else ""


SIMPLE_OBJECT = lazy_re.compile(r"^[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*$")


def _method(callee_node) -> str:
    """The called method as a message shows it: `res.json`, or `.json` when the object is an
    expression (`res.set("Auth", ...).json`) whose text could hold anything, a key included."""
    if callee_node.type != "member_expression":
        return redact(_text(callee_node))
    obj = _text(callee_node.child_by_field_name("object"))
    method = _text(callee_node.child_by_field_name("property"))
    return redact(f"{obj}.{method}" if SIMPLE_OBJECT.match(obj) else f".{method}")


def _position(facts: FileFacts, node) -> tuple[int, int]:
    row, byte_column = node.start_point
    line_text = facts.source.line(row + 1).encode("utf-8")
    return row + 1, len(line_text[:byte_column].decode("utf-8", "ignore")) + 1


class _ByteOffsets:
    """String offset -> UTF-8 byte offset, cheap for ASCII files."""

    def __init__(self, text: str) -> None:
        self._text = text
        self._ascii = text.isascii()

    def __call__(self, offset: int) -> int:
        return offset if self._ascii else len(self._text[:offset].encode("utf-8"))


# Single-file components whose compiler drops comments of both kinds: Vue (`comments: false`
# in production builds) and Svelte (`preserveComments: false`). A literal inside one is not shipped.
COMMENT_DROPPING_COMPONENTS = (".vue", ".svelte")
_BLOCK_OPENER = lazy_re.compile(r"/\*")


def in_page_comments(facts: FileFacts, places: list[tuple[int, int]]) -> set[tuple[int, int]]:
    """The places of a page, template or component (`html` files) that sit inside a comment:
    HTML and template comments, and `//` / `/* */` comments of its inline scripts. One pass over
    the comment regions, then a bisection and a walk of one line prefix per place."""
    from kaman_lint.comments import INLINE_SCRIPT, locator
    from kaman_lint.delimited import Spans, regions
    from kaman_lint.lang.html import COMMENTS, FRONTMATTER, SCRIPTS

    source = facts.source
    text_ = source.text
    code = [(r.inner_start, r.inner_end) for r in regions(text_, SCRIPTS)]
    front = FRONTMATTER.match(text_) if source.relpath.endswith(".astro") else None
    if front:  # Astro's frontmatter is TypeScript too
        code = [front.span()] + [span for span in code if span[0] >= front.end()]
    spans = [(r.start, r.end) for r in regions(text_, COMMENTS) if not (front and r.start < front.end())]
    block_end = -1
    for body_start, body_end in code:
        for opener in _BLOCK_OPENER.finditer(text_, body_start, body_end):
            if opener.start() < block_end:
                continue  # inside a block found before
            line_start = text_.rfind("\n", 0, opener.start()) + 1
            if INLINE_SCRIPT.comment_start(text_[line_start:opener.end()] + " ") != opener.start() - line_start:
                continue  # `/*` inside a string, or after `//`
            closer = text_.find("*/", opener.end(), body_end)
            block_end = body_end if closer < 0 else closer + 2
            spans.append((opener.start(), block_end))
    commented = Spans(_merged(spans))
    syntax_at = locator(text_, "html")
    in_front = Spans([front.span()] if front else [])
    inside = set()
    for place in places:
        offset = source.offset(*place)
        if offset in commented:
            inside.add(place)
            continue
        syntax = INLINE_SCRIPT if offset in in_front else syntax_at(offset)
        if syntax is INLINE_SCRIPT:
            line_start = text_.rfind("\n", 0, offset) + 1
            if syntax.comment_start(text_[line_start:offset]) is not None:
                inside.add(place)
    return inside


def _merged(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sorted spans with overlapping ones joined (HTML comments and script comments may nest)."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged
