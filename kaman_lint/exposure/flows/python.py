"""Python server-to-client flows (client-exposure.md §5), with the standard `ast` module.

Runs after the Python analyzer, only on files that mention both a Kaman name or key and a sink
word, so the cost is one `ast.parse` on a handful of files.

A *source* is a key literal, an environment read of a Kaman-named variable, any name or attribute
named like a Kaman key (`settings.KAMAN_API_KEY`, `Config.KAMAN_API_KEY`), a Flask
`app.config["KAMAN_..."]`, or a local variable assigned from one of those. A source reaches the
browser when it sits, through value-preserving expressions (dicts, lists, f-strings, `+`, `or`),
in:
- a template context (`render_template`, Django `render`, `TemplateResponse`): recorded as a
  TemplateRender, confirmed in the finish step against the template that prints it;
- a response body (`jsonify`, `JsonResponse`, `JSONResponse`, whatever a route returns: a dict, a
  string, a module constant holding an HTML page);
- a cookie, a response header or a (cookie-backed) session; a context processor; a Streamlit
  display call.
A source passed to any other call (`httpx.get(..., headers=...)`) is used, not shipped: the
backend proxy the Kaman guide recommends produces nothing.

A key literal is reported where it is written, like KAM001 (the convention for a literal in
content sent to browsers), with the place that ships it as a related location.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator

from kaman_lint import lazy_re
from kaman_lint.exposure import frameworks
from kaman_lint.exposure.facts import (EXPOSURE, IMPORTED_CALL, KEY_RETURN, TEMPLATE_RENDER, Exposure, ImportedCall,
                                       KeyReturn, TemplateRender, name_fingerprint)
from kaman_lint.exposure.frameworks import python_ui
from kaman_lint.exposure.names import is_kaman_key_name, mentions_kaman
from kaman_lint.facts import FileFacts
from kaman_lint.keys import KeyMatcher
from kaman_lint.lang.python import PARSED
from kaman_lint.named_tuples import NamedTuple
from kaman_lint.records import replace

RELEVANT = lazy_re.compile(
    r"render|Response|jsonify|return|set_cookie|headers|session|context_processor|st\.|gr\.|TemplateResponse")

TEMPLATE_CALLS = dict(frameworks.collect("PY_TEMPLATE_CALLS"))  # call -> how messages name it
RESPONSE_CALLS = frozenset(frameworks.collect("PY_RESPONSE_CALLS"))
COOKIE_CALLS = frozenset(frameworks.collect("PY_COOKIE_CALLS"))
ROUTE_DECORATORS = frozenset(frameworks.collect("PY_ROUTE_DECORATORS"))
TRANSPARENT_CALLS = frozenset({"dict", "str", "list", "tuple", "dumps", "format", "strip"})
VALUE_CARRYING_CALLS = TRANSPARENT_CALLS | RESPONSE_CALLS  # their arguments' values flow on
ENV_FUNCTIONS = frozenset({"getenv", "get"})
# A function named as the key's getter returns the key (`get_kaman_key()`, `kaman_api_key()`);
# `mask_kaman_key()`, `has_kaman_key()`, `validate_kaman_key()` return something else.
GETTER = lazy_re.compile(r"^(?:(?:get|load|read|fetch|resolve)_?)?([A-Za-z]*[Kk]aman\w*)$")


def analyze(facts: FileFacts, matcher: KeyMatcher) -> None:
    text = facts.source.text
    parsed = facts.extra.pop(PARSED, None)  # the Python analyzer's tree of this text, if it made one
    if not (facts.literals or mentions_kaman(text)) or not RELEVANT.search(text):
        return
    try:
        tree = parsed[0] if parsed else ast.parse(text)
    except (SyntaxError, ValueError) as err:
        if not facts.parse_error:
            line = getattr(err, "lineno", None)
            facts.parse_error = (f"Python does not parse ({getattr(err, 'msg', err)}"
                                 f"{f' at line {line}' if line else ''}); client-exposure checks skipped")
        return
    _Visitor(facts).run(tree)


class _Found(NamedTuple):
    """A source: what it is, for messages and baselines, and where its key literal is written
    (None for a variable or setting whose value is elsewhere)."""

    subject: str
    fingerprint: str
    origin: tuple[int, int] | None = None


class _Visitor:
    def __init__(self, facts: FileFacts) -> None:
        self.facts = facts
        self.imported: dict[str, tuple[str, int, str]] = {}  # local name -> (module, level, name)
        self.literals_by_line: dict[int, list] = {}
        for lit in facts.literals:
            self.literals_by_line.setdefault(lit.line, []).append(lit)
        self.tainted: dict[str, _Found] = {}  # local name -> the source assigned to it
        # One exposure per place: a literal shipped by two routes is one finding, both related.
        self.exposures: dict[tuple[int, int, str], Exposure] = {}

    def run(self, tree: ast.Module) -> None:
        assignments, checked = _walk(tree)  # walked once: the walk costs more than the checks
        self.taint(assignments)
        self.imported = {alias.asname or alias.name: (node.module or "", node.level, alias.name)
                         for node in tree.body if isinstance(node, ast.ImportFrom)
                         for alias in node.names if alias.name != "*"}
        for node in tree.body:
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                self.key_return(node)
        for node in checked:
            if isinstance(node, ast.Call):
                self.check_call(node)
            elif isinstance(node, ast.Assign):
                self.check_assignment(node)
            elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                self.check_function(node)
        for exposure in self.exposures.values():
            self.facts.add(EXPOSURE, exposure)

    def taint(self, assignments: list[ast.AST]) -> None:
        """Names assigned from sources, then names assigned from those: two passes over the
        assignments, first assignment wins. A value's source matters only to its plain-name
        targets not yet tainted, and in the second pass it can differ from the first only
        through a name tainted since, so those are all the values read again."""
        second: list[tuple[list[ast.Name], list[ast.AST], list[ast.Name]]] = []
        tainted = self.tainted
        for node in assignments:
            targets = [t for t in (node.targets if isinstance(node, ast.Assign) else [node.target])
                       if isinstance(t, ast.Name)]
            if not targets:
                continue
            carried = list(self.carried(node.value))
            source = self.first_source(carried)
            if source:
                for target in targets:
                    tainted.setdefault(target.id, source[1])
            else:
                names = [n for n in carried if isinstance(n, ast.Name)]
                if names:
                    second.append((targets, carried, names))
        for targets, carried, names in second:
            if any(n.id in tainted for n in names) and any(t.id not in tainted for t in targets):
                source = self.first_source(carried)
                if source:
                    for target in targets:
                        tainted.setdefault(target.id, source[1])

    # --- sources ------------------------------------------------------------------------
    def first_source(self, carried: list[ast.AST]) -> tuple[ast.AST, _Found] | None:
        for node in carried:
            found = self.as_source(node)
            if found:
                return node, found
        return None

    def source_in(self, expr: ast.AST) -> tuple[ast.AST, _Found] | None:
        """The first source carried by `expr`'s value, and the node that carries it."""
        for node in self.carried(expr):
            found = self.as_source(node)
            if found:
                return node, found
        return None

    def carried(self, expr: ast.AST) -> Iterator[ast.AST]:
        """`expr` and the sub-expressions whose value it passes on unchanged or embedded."""
        yield expr
        children: list[ast.AST] = []
        if isinstance(expr, ast.Dict):
            children = [v for v in expr.values if v is not None]
        elif isinstance(expr, (ast.List, ast.Tuple, ast.Set)):
            children = list(expr.elts)
        elif isinstance(expr, ast.JoinedStr):
            children = list(expr.values)
        elif isinstance(expr, ast.FormattedValue):
            children = [expr.value]
        elif isinstance(expr, ast.BinOp):
            children = [expr.left, expr.right]
        elif isinstance(expr, ast.BoolOp):
            children = list(expr.values)
        elif isinstance(expr, ast.IfExp):
            children = [expr.body, expr.orelse]
        elif isinstance(expr, (ast.Starred, ast.Await)):
            children = [expr.value]
        elif isinstance(expr, ast.Call) and _callee(expr) in VALUE_CARRYING_CALLS:
            children = list(expr.args) + [k.value for k in expr.keywords]
        for child in children:
            yield from self.carried(child)

    def as_source(self, node: ast.AST) -> _Found | None:
        if isinstance(node, ast.Constant) and isinstance(node.value, (str, bytes)):
            end_line = node.end_lineno or node.lineno
            for line in range(node.lineno, end_line + 1):
                for lit in self.literals_by_line.get(line, ()):
                    after_start = line > node.lineno or lit.column - 1 >= node.col_offset
                    before_end = line < end_line or lit.column - 1 < (node.end_col_offset or 0)
                    if after_start and before_end:
                        return _Found(lit.key.preview, lit.key.fingerprint, (lit.line, lit.column))
            return None
        if isinstance(node, ast.Name):
            if node.id in self.tainted:
                return self.tainted[node.id]
            return _Found(node.id, name_fingerprint(node.id)) if is_kaman_key_name(node.id) else None
        if isinstance(node, ast.Attribute):  # settings.KAMAN_API_KEY, app.config.kaman.api_key
            return _keyed_member(node.value, node.attr, _dotted(node))
        if isinstance(node, ast.Subscript):  # os.environ["K"], app.config["K"], st.secrets["kaman"]["key"]
            key = _constant_str(node.slice)
            return _keyed_member(node.value, key, f'{_dotted(node.value)}["{key}"]') if key else None
        if isinstance(node, ast.Call) and _callee(node) in ENV_FUNCTIONS and node.args:
            key = _constant_str(node.args[0])
            if key and is_kaman_key_name(key) and _dotted(node.func).split(".")[0] in ("os", "environ", "getenv",
                                                                                       "config", "settings"):
                return _Found(f'{_dotted(node.func)}("{key}")', name_fingerprint(key))
        if isinstance(node, ast.Call):  # get_kaman_key(), settings.load_kaman_api_key()
            getter = GETTER.match(_callee(node))
            if getter and is_kaman_key_name(getter.group(1)):
                return _Found(_dotted(node.func) + "()", name_fingerprint(getter.group(1)))
        return None

    # --- sinks --------------------------------------------------------------------------
    def check_call(self, call: ast.Call) -> None:
        callee = _callee(call)
        if callee in TEMPLATE_CALLS:
            self.template_render(call, callee)
        elif callee in RESPONSE_CALLS:
            self.expose_args(call, f"sent in the HTTP response by `{callee}(...)`")
        elif callee in COOKIE_CALLS:
            self.expose_args(call, "stored in a browser cookie by `set_cookie`", skip=1)
        elif callee in python_ui.STREAMLIT_CALLS and _dotted(call.func).split(".")[0] in python_ui.STREAMLIT_MODULES:
            self.expose_args(call, f"displayed in the browser by `{_dotted(call.func)}`")
        elif _dotted(call.func).split(".")[0] in python_ui.GRADIO_MODULES and callee[:1].isupper():
            self.gradio_component(call)

    def gradio_component(self, call: ast.Call) -> None:
        """A Gradio component's initial value and its HTML/JS strings are sent to the browser;
        `fn=` callbacks run on the host (their outputs are not followed)."""
        mechanism = f"sent to the browser as the content of `{_dotted(call.func)}`"
        shown = [k.value for k in call.keywords if k.arg in python_ui.GRADIO_SHOWN]
        if call.args and _callee(call) not in python_ui.GRADIO_NON_VALUE_FIRST_ARG:
            shown.insert(0, call.args[0])
        for value in shown:
            self.expose(value, mechanism)

    def expose_args(self, call: ast.Call, mechanism: str, skip: int = 0) -> None:
        for arg in list(call.args[skip:]) + [k.value for k in call.keywords if k.arg not in ("status_code", "status")]:
            self.expose(arg, mechanism)

    def key_return(self, function: ast.FunctionDef | ast.AsyncFunctionDef) -> None:
        """A module-level function returning a key: callers in other modules get it."""
        for node in _own_returns(function):
            carried = self.source_in(node.value)
            if carried:
                self.facts.add(KEY_RETURN, KeyReturn(self.facts.source.relpath, function.name, node.lineno,
                                                     carried[1].subject, carried[1].fingerprint))
                return

    def imported_call(self, expr: ast.AST) -> tuple[str, int, str] | None:
        """(module, level, name) when `expr` is a call of a function imported from a module."""
        if isinstance(expr, ast.Call) and isinstance(expr.func, ast.Name):
            return self.imported.get(expr.func.id)
        return None

    def expose(self, expr: ast.AST, mechanism: str) -> None:
        carried = self.source_in(expr)
        if not carried:
            for node in self.carried(expr):
                imported = self.imported_call(node)
                if imported:
                    span = self.facts.location(node.lineno, node.col_offset + 1)
                    self.facts.add(IMPORTED_CALL, ImportedCall(
                        self.facts.source.relpath, node.lineno, node.col_offset + 1, *imported,
                        mechanism=mechanism, end=(span.end_line, span.end_column)))
                    break
            return
        node, found = carried
        # A literal is reported where it is written (as KAM001 is), the place that ships it related.
        line, column = found.origin or (node.lineno, node.col_offset + 1)
        related = ((node.lineno, node.col_offset + 1, f"{mechanism} here"),) \
            if found.origin and not isinstance(node, ast.Constant) else ()
        place = (line, column, found.fingerprint)
        if place in self.exposures:
            earlier = self.exposures[place]
            self.exposures[place] = replace(earlier, related=earlier.related + related)
        else:
            self.exposures[place] = Exposure(line, column, mechanism, found.subject, found.fingerprint, related)

    def template_render(self, call: ast.Call, callee: str) -> None:
        args = list(call.args)
        template_index = 1 if callee in ("render", "TemplateResponse") and len(args) >= 2 and _constant_str(args[1]) else 0
        template = _constant_str(args[template_index]) if len(args) > template_index else None
        template = template or next((_constant_str(k.value) for k in call.keywords
                                     if k.arg in ("template_name", "name")), None)
        contexts: list[tuple[str, ast.AST]] = [(k.arg, k.value) for k in call.keywords if k.arg]
        for candidate in args[template_index + 1:] + [k.value for k in call.keywords if k.arg == "context"]:
            if isinstance(candidate, ast.Dict):
                contexts += [(_constant_str(k) or "", v) for k, v in zip(candidate.keys, candidate.values) if k]
        for variable, value in contexts:
            carried = self.source_in(value)
            if not carried and variable:
                imported = self.imported_call(value)
                if imported:
                    span = self.facts.location(value.lineno, value.col_offset + 1)
                    self.facts.add(IMPORTED_CALL, ImportedCall(
                        self.facts.source.relpath, value.lineno, value.col_offset + 1, *imported,
                        template=template or "", variable=variable, call=TEMPLATE_CALLS[callee],
                        end=(span.end_line, span.end_column)))
            if not carried or not variable:
                continue
            node, found = carried
            line, column = found.origin or (node.lineno, node.col_offset + 1)
            span = self.facts.location(line, column)
            self.facts.add(TEMPLATE_RENDER, TemplateRender(
                self.facts.source.relpath, line, column, template or "", (variable,),
                found.subject, found.fingerprint, TEMPLATE_CALLS[callee], (span.end_line, span.end_column)))

    def check_assignment(self, node: ast.Assign) -> None:
        for target in node.targets:
            if not isinstance(target, ast.Subscript):
                continue
            owner = _dotted(target.value)
            if owner.endswith("headers") and re.search(r"resp|response", owner, re.I):
                self.expose(node.value, f"sent to the browser as a response header (`{owner}[...]`)")
            elif owner.split(".")[-1] == "session":
                self.expose(node.value, "stored in the session, a cookie the user can read")
            elif re.fullmatch(r"(response|resp|res|r)", owner):  # Django `response["X-Key"] = ...`
                self.expose(node.value, "sent to the browser as a response header")

    def check_function(self, function: ast.FunctionDef | ast.AsyncFunctionDef) -> None:
        decorators = {_callee(d) if isinstance(d, ast.Call) else _dotted(d).split(".")[-1]
                      for d in function.decorator_list}
        if decorators & ROUTE_DECORATORS:
            # Whatever a route returns is the response body: a dict or list (JSON), a string or a
            # constant holding HTML (`response_class=HTMLResponse`), an f-string, a `str(...)`.
            mechanism = f"returned in the response body of route `{function.name}`"
            returned_values = (ast.AST,)
        elif "context_processor" in decorators or self.facts.source.name == "context_processors.py":
            mechanism = f"added to every template context by context processor `{function.name}`"
            returned_values = (ast.Dict, ast.List, ast.Call)  # the context dict, `dict(...)`
        elif _is_lambda_handler(function):
            self.lambda_responses(function)
            return
        else:
            return
        for node in _own_returns(function):
            value = node.value.elts[0] if isinstance(node.value, ast.Tuple) and node.value.elts else node.value
            if isinstance(value, returned_values):
                self.expose(value, mechanism)


    def lambda_responses(self, function: ast.FunctionDef | ast.AsyncFunctionDef) -> None:
        """An AWS Lambda (API Gateway, function URL) or Netlify handler answers with the dict it
        returns: what its `body`, `headers` and `cookies` hold is sent to the caller. A returned
        dict without `statusCode`/`body` is no HTTP response (an event-driven Lambda's result)."""
        mechanism = f"returned from Lambda handler `{function.name}` as its HTTP response"
        for node in _own_returns(function):
            value = node.value
            if not isinstance(value, ast.Dict):
                continue
            fields = {_constant_str(k): v for k, v in zip(value.keys, value.values) if k is not None}
            if not fields.keys() & LAMBDA_RESPONSE_SHAPE:
                continue
            for name in LAMBDA_RESPONSE_PARTS:
                if name in fields:
                    self.expose(fields[name], mechanism)


# AWS Lambda proxy responses: `{"statusCode": 200, "headers": {...}, "body": "..."}`.
LAMBDA_HANDLER_NAMES = frozenset({"handler", "lambda_handler", "main"})
LAMBDA_RESPONSE_SHAPE = frozenset({"statusCode", "body"})
LAMBDA_RESPONSE_PARTS = ("body", "headers", "multiValueHeaders", "cookies")


def _is_lambda_handler(function: ast.FunctionDef | ast.AsyncFunctionDef) -> bool:
    """`def lambda_handler(event, context)`: a Lambda entry point, by its name or its (event,
    context) parameters."""
    names = [a.arg for a in function.args.posonlyargs + function.args.args]
    if len(names) != 2:
        return False
    return function.name in LAMBDA_HANDLER_NAMES or (names[0] in ("event", "evt") and names[1] in ("context", "ctx"))


# Nodes with no node below them that the walk wants (a Name's child is only its `Load()`), and
# fields that hold only such nodes: not visiting them is most of `_walk`'s saving.
_LEAVES = (ast.Name, ast.Constant, ast.expr_context, ast.operator, ast.unaryop, ast.boolop, ast.cmpop,
           ast.alias)
_LEAF_FIELDS = frozenset({"ctx", "op", "ops"})
_CHECKED = frozenset({ast.Call, ast.Assign, ast.FunctionDef, ast.AsyncFunctionDef})


def _node_classes(base: type) -> Iterator[type]:
    for cls in base.__subclasses__():
        yield cls
        yield from _node_classes(cls)


# node class -> its fields that may hold a wanted node; a class absent is a leaf or no node
_INNER = {cls: tuple(f for f in cls._fields if f not in _LEAF_FIELDS)
          for cls in _node_classes(ast.AST) if not issubclass(cls, _LEAVES)}


def _walk(tree: ast.AST) -> tuple[list[ast.AST], list[ast.AST]]:
    """The assignments with a value, and the calls, assignments and function definitions, each
    in `ast.walk`'s order (breadth first, children in field order), in one pass that steps over
    leaves: `ast.walk` visits every `Name`, its `Load()` and every operator through generic
    generators (46,000 nodes in a 2,000-line module), the largest cost of this module."""
    assignments: list[ast.AST] = []
    checked: list[ast.AST] = []
    inner = _INNER
    queue = [tree]
    for node in queue:  # the list grows as it is read: breadth first
        kind = type(node)
        if kind in _CHECKED:
            checked.append(node)
        if kind is ast.Assign or kind is ast.AnnAssign and node.value is not None:
            assignments.append(node)
        for name in inner[kind]:
            value = getattr(node, name, None)
            if type(value) is list:
                queue.extend([item for item in value if type(item) in inner])
            elif type(value) in inner:
                queue.append(value)
    return assignments, checked


_SCOPES = (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef)


def _own_returns(function: ast.FunctionDef | ast.AsyncFunctionDef) -> Iterator[ast.Return]:
    """The function's `return <value>` statements, not those of functions nested in it, depth
    first (last statement first). Leaves are stepped over as in `_walk` (no `return` is below
    one), which keeps the order of the rest: `ast.iter_child_nodes` on every node cost as much
    as the whole walk."""
    inner = _INNER
    stack = list(function.body)
    while stack:
        node = stack.pop()
        kind = type(node)
        if kind is ast.Return and node.value is not None:
            yield node
        elif kind not in _SCOPES:
            for name in inner.get(kind, ()):
                value = getattr(node, name, None)
                if type(value) is list:
                    stack.extend([item for item in value if type(item) in inner])
                elif type(value) in inner:
                    stack.append(value)


def _keyed_member(owner: ast.AST, member: str, subject: str) -> _Found | None:
    """A source when the member names a Kaman key, alone (`KAMAN_API_KEY`) or with the level
    above it (`kaman` + `api_key`); `kaman.index` or `kaman.host` are not keys."""
    if is_kaman_key_name(member):
        return _Found(subject, name_fingerprint(member))
    joined = f"{_last_name(owner)}_{member}"
    return _Found(subject, name_fingerprint(joined)) if is_kaman_key_name(joined) else None


def _last_name(node: ast.AST) -> str:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return node.attr
    if isinstance(node, ast.Subscript):
        return _constant_str(node.slice) or ""
    return _last_name(node.func) if isinstance(node, ast.Call) else ""


def _callee(call: ast.Call) -> str:
    func = call.func
    if isinstance(func, ast.Attribute):
        return func.attr
    return func.id if isinstance(func, ast.Name) else ""


def _dotted(node: ast.AST) -> str:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return f"{_dotted(node.value)}.{node.attr}"
    if isinstance(node, ast.Call):
        return _dotted(node.func) + "()"
    if isinstance(node, ast.Subscript):
        key = _constant_str(node.slice)
        return f'{_dotted(node.value)}["{key}"]' if key else _dotted(node.value) + "[]"
    return "?"


def _constant_str(node: ast.AST | None) -> str | None:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    return None
