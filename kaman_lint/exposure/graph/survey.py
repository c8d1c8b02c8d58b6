"""The survey: what one file tells the module graph, read in the worker before the prefilter.

Every JS-family file, component file and HTML page of a scan passes here, most of which never
mention Kaman, so this reads as little as it can: the import lines (`lang.js_imports`), the
module's first statement, and small configs (package.json, tsconfig/jsconfig, bundler aliases,
extension manifests, angular.json, Dockerfiles, web-server configs). Anything that looks like it
holds a key is dropped on the spot: these facts are key-free.
"""

from __future__ import annotations

import re
from functools import lru_cache

from kaman_lint import lazy_re
from kaman_lint.exposure.flows.bundlers import BUNDLER_CONFIG, block_after, config_imports
from kaman_lint.exposure.graph import served
from kaman_lint.exposure.graph.unsurveyed import NOTHING_TO_SAY
from kaman_lint.exposure.graph.facts import (BOTH, CLIENT_ONLY, CLIENT_SIDE, NODE_SERVER, PAGE, SERVER_ONLY,
                                             SERVER_RENDERED, SERVER_SIDE, CopiedFolder, DeclaredEntries, Edge, Manifest, Module,
                                             PathAliases, ReturnedCall, ServedFolder)
from kaman_lint.exposure.roles import leading_directive
from kaman_lint.keys import might_contain_key
from kaman_lint.lang.js_imports import FULL_BYTES, HEAD_BYTES, read_imports

SCRIPT_SUFFIXES = frozenset({".js", ".jsx", ".ts", ".tsx", ".mjs", ".cjs", ".mts", ".cts"})
COMPONENT_SUFFIXES = frozenset({".vue", ".svelte", ".astro"})
PAGE_SUFFIXES = frozenset({".html", ".htm", ".xhtml", ".ejs", ".hbs", ".handlebars", ".njk", ".jinja", ".jinja2",
                           ".j2", ".erb", ".twig", ".liquid", ".mustache", ".djhtml"})
MAX_CONFIG_BYTES = 512 * 1024
MAX_PAGE_BYTES = 512 * 1024

# Node built-ins and server frameworks: a module importing one runs in Node (client-exposure.md §4.4).
NODE_SERVER_PACKAGES = frozenset({
    "fs", "fs/promises", "child_process", "net", "http", "https", "http2", "cluster", "dgram", "tls", "worker_threads",
    "express", "fastify", "koa", "@hapi/hapi", "hapi", "restify", "@nestjs/core", "hono/node-server",
    "@hono/node-server", "pg", "mysql2", "mysql", "mongoose", "mongodb", "@prisma/client", "sqlite3",
    "better-sqlite3", "redis", "ioredis", "dotenv/config",
})
_LISTENS = lazy_re.compile(rb"\.listen\(\s*(?:process\.env\.PORT|PORT|port|\d{2,5})\b")
_BUNDLER_CONFIG_NAME = lazy_re.compile(r"^(vite|webpack|nuxt|svelte|astro|rollup|rspack|quasar|vue)\.config\.[cm]?[jt]s$")


def survey(relpath: str, data: bytes, imports_matter=None) -> list:
    """The graph facts of one file (none for most files that are not code or config).
    `imports_matter(relpath)`: whether a script's imports are worth reading now (see
    `builds_bundles`); by default they are."""
    name = relpath[relpath.rfind("/") + 1:]
    dot = name.rfind(".")
    suffix = name[dot:] if dot > 0 else ""
    if suffix in NOTHING_TO_SAY:  # most files of a tree: a quick no
        return []
    name, suffix = name.lower(), suffix.lower()
    if suffix in SCRIPT_SUFFIXES:
        if imports_matter is not None and not name.endswith(".d.ts") and not imports_matter(relpath):
            return _unread_script(relpath, data)
        return _script(relpath, name, data) if not name.endswith(".d.ts") else []
    if suffix in COMPONENT_SUFFIXES:
        return [_component(relpath, data, astro=suffix == ".astro")]
    if suffix in PAGE_SUFFIXES:
        return _page(relpath, data)
    if suffix == ".json":
        if len(data) > MAX_CONFIG_BYTES:
            return []
        if name == "package.json":
            return _manifest(relpath, data)
        if name.startswith(("tsconfig", "jsconfig")):
            return _tsconfig(relpath, data)
        if name == "manifest.json":
            return _extension(relpath, data)
        if name == "angular.json":
            return _angular(relpath, data)
        return []
    if suffix in served.SURVEYED_SUFFIXES or name.startswith(served.SURVEYED_PREFIXES) or name == "caddyfile":
        return served.survey(relpath, name, suffix, data) if len(data) <= MAX_CONFIG_BYTES else []
    return []


def _safe(text: str) -> bool:
    return bool(text) and not might_contain_key(text)


def _edges(data: bytes, side: str = BOTH) -> list[Edge]:
    return [Edge(i.specifier, i.line, side, i.kind) for i in read_imports(data) if _safe(i.specifier)]


def _marks(edges: list[Edge], data: bytes) -> frozenset[str]:
    specifiers = {e.specifier.removeprefix("node:") for e in edges}
    marks = set()
    if "server-only" in specifiers:
        marks.add(SERVER_ONLY)
    if "client-only" in specifiers:
        marks.add(CLIENT_ONLY)
    if specifiers & NODE_SERVER_PACKAGES or _LISTENS.search(data):
        marks.add(NODE_SERVER)
    return frozenset(marks)


def builds_bundles(package) -> bool:
    """Can a package's modules be part of a client bundle built in this tree: a front-end
    framework's app, an Electron app, a browser extension, or loose files with no package.json
    (a static site's scripts)? A library or a server is read only when a bundle enters it."""
    return package.directory is None or package.is_frontend or bool(
        package.frameworks & {"electron", "browser-extension"})


# Folders shipped as they are (served, built, vendored): their files are client code by their
# path already, and what they load sits beside them; their imports need no reading.
SHIPPED_AS_IS = lazy_re.compile(r"(^|/)(static|public|assets|www|wwwroot|dist|build|out|vendor|node_modules)/")


def _unread_script(relpath: str, data: bytes) -> list:
    """A script of a package no bundle is built from: its path, and the folders it serves (a
    Node server's `express.static`), read only when it names a static-file middleware."""
    if len(data) > FULL_BYTES:
        data = data[:HEAD_BYTES]
    facts: list = [Module(relpath, surveyed=False)]
    if _static().find_matches_as_indexes(data) and (b"tatic(" in data or b"static'" in data or b'static"' in data):  # express.static(, serveStatic(, 'serve-static', '@fastify/static'
        facts.extend(served.from_script(relpath, data, _edges(data)))
    return facts


@lru_cache(maxsize=1)
def _static():
    """What an unread script must hold to name a static-file middleware, searched by the crate's
    SIMD substring search: `bytes.__contains__` took 3-5x as long over the scripts of the large
    benchmark corpus (5,566 files, 31 MB: 19-55 ms against 4-21 ms, the same answers)."""
    import ahocorasick_rs

    return ahocorasick_rs.BytesAhoCorasick([b"tatic"])


def _script(relpath: str, name: str, data: bytes) -> list:
    if len(data) > FULL_BYTES:
        data = data[:HEAD_BYTES]  # a bundle: its head is all a graph needs (lang.js_imports does the same)
    edges = _edges(data)
    marks = _marks(edges, data)
    if _SERVER_EXPORT.search(data):  # its data functions run on the server: an entry of both sides
        edges = _server_only_imports(data, edges)
        marks |= {SERVER_RENDERED}
    head = data[:2000].decode("utf-8", "replace")
    facts: list = [Module(relpath, tuple(edges), leading_directive(head) or "", marks)]
    if any(e.specifier == "electron" for e in edges):
        facts.extend(_electron_entries(relpath, data))
    if b"serviceWorker.register" in data or b"Worker(" in data:
        facts.extend(_worker_entries(relpath, data))
    if _BUNDLER_CONFIG_NAME.match(name) and b"alias" in data:
        facts.extend(_bundler_aliases(relpath, data))
    if BUNDLER_CONFIG.search(relpath) and len(data) <= MAX_CONFIG_BYTES:
        facts.extend(c for c in config_imports(relpath, data.decode("utf-8", "replace")) if _safe(c.specifier))
    facts.extend(served.from_script(relpath, data, edges))
    if SERVER_RENDERED in marks:
        facts.extend(_returned_calls(relpath, data))
    return facts


# Route modules whose server-only exports the framework strips from the client bundle, with the
# imports only they use: Next.js pages' data functions, Remix/React Router `loader`/`action`.
# `export` first and its word boundary looked behind: a pattern starting with a literal is
# searched for that literal, one starting with `\b` is tried at every byte (10x slower over the
# first 64 KiB of the 5,565 .js, .mjs and .ts files of the large benchmark corpus: 0.35 -> 0.04 s;
# the same matches).
_SERVER_EXPORT = lazy_re.compile(
    rb"export(?<=\bexport)\s+(?:async\s+function\s*\*?\s*|function\s*\*?\s*|(?:const|let|var)\s+)"
    rb"(getServerSideProps|getStaticProps|getStaticPaths|loader|action|headers)\b")
_IMPORT_BINDINGS = lazy_re.compile(
    r"""import\s+(?:([\w$]+)\s*,?\s*)?(?:\{([^{}]{0,4000})\}|\*\s*as\s+([\w$]+))?\s*from\s*['"]""")


def _server_only_imports(data: bytes, edges: list[Edge]) -> list[Edge]:
    """The edges of imports whose bindings are used only inside the module's server-only
    exports (a page's `getServerSideProps`, a route's `loader`) marked SERVER_SIDE: the
    framework drops them from the client bundle with the function that uses them."""
    text = data.decode("utf-8", "replace")
    spans = []
    for m in _SERVER_EXPORT.finditer(data):
        opening = text.find("{", len(data[:m.end()].decode("utf-8", "replace")))
        block = block_after(text, opening) if opening >= 0 else None
        if block is not None:
            spans.append(block)
    if not spans:
        return edges
    line_starts = [0]
    while len(line_starts) <= max((e.line for e in edges), default=0):
        found = text.find("\n", line_starts[-1])
        if found < 0:
            break
        line_starts.append(found + 1)
    result = []
    for edge in edges:
        if edge.kind == "import" and edge.side == BOTH and edge.line <= len(line_starts):
            statement = _IMPORT_BINDINGS.match(text, line_starts[edge.line - 1] + _indent(text, line_starts[edge.line - 1]))
            names = _binding_names(statement) if statement else []
            line_end = text.find("\n", statement.end()) if statement else -1
            span = (statement.start(), line_end if line_end >= 0 else len(text)) if statement else (0, 0)
            if names and not any(_used_outside(text, n, span, spans) for n in names):
                edge = edge._replace(side=SERVER_SIDE)
        result.append(edge)
    return result


# Data functions whose return value is serialized into the page (not `headers`, not paths).
_SERIALIZED = frozenset({"loader", "action", "getServerSideProps", "getStaticProps"})
_SERVER_EXPORT_TEXT = lazy_re.compile(_SERVER_EXPORT.pattern.decode())
_ASSIGNED_CALL = lazy_re.compile(r"(?:const|let|var)\s+([\w$]+)\s*=\s*(?:await\s+)?([\w$]+)\s*\(")
_RETURN = lazy_re.compile(r"(?<![\w$.])return\b")
_WINDOW_PRINT = lazy_re.compile(r"window\.(?:ENV|__ENV__|env|__env)\s*=")
MAX_RETURNED_CALLS = 50
MAX_IMPORTED_NAMES = 200  # the alternation of names is tried at every place of a return value
_FRAMEWORK_PACKAGES = ("@remix-run/", "@react-router/", "react-router", "remix-typedjson", "next/", "react")


def _returned_calls(relpath: str, data: bytes) -> list[ReturnedCall]:
    """Calls of imported functions whose result a data function returns: `return json({ ENV:
    getEnv() })`, or `const env = getEnv(); return { env }` (one assignment). Text only, each
    data function's body read once: a return's value runs to its `;`, line end or block end."""
    text = data.decode("utf-8", "replace")
    imported: dict[str, tuple[str, str]] = {}  # local name -> (specifier, exported name)
    for m in _NAMED_IMPORT.finditer(text):
        for part in m.group(1).split(","):
            names = re.split(r"\s+as\s+", part.strip())
            if names[0] and not names[0].startswith("type ") and re.fullmatch(r"[A-Za-z_$][\w$]*", names[-1]):
                imported[names[-1]] = (m.group(2), names[0])
        if len(imported) >= MAX_IMPORTED_NAMES:
            break
    if not imported:
        return []
    found: list[ReturnedCall] = []
    printed = _WINDOW_PRINT.search(text)
    printed_at = text.count("\n", 0, printed.start()) + 1 if printed else 0
    for m in _SERVER_EXPORT_TEXT.finditer(text):
        if m.group(1) not in _SERIALIZED:
            continue
        body = _function_body(text, m.end())
        if body is None:
            continue
        start, end = body
        # One pass per return value over all imported names, and one over the variables assigned
        # from their calls: linear in the body, whatever the number of imports.
        assigned = {a.group(1): a for a in _ASSIGNED_CALL.finditer(text, start, end) if a.group(2) in imported}
        values = _returned_values(text, start, end)
        calls = _words(imported, r"\s*\(")
        variables = _words(assigned, "")
        returned: dict[str, int] = {}
        for s, e in values:
            for c in calls.finditer(text, s, e):
                if c.group(1) not in returned and not _only_a_fact(text, c):
                    returned.setdefault(c.group(1), c.start())
            for v in variables.finditer(text, s, e) if assigned else ():
                returned.setdefault(assigned[v.group(1)].group(2), assigned[v.group(1)].start(2))
        for local, at in returned.items():
            specifier, name = imported[local]
            if _safe(specifier) and not specifier.startswith(_FRAMEWORK_PACKAGES):
                line = text.count("\n", 0, at) + 1
                column = at - (text.rfind("\n", 0, at) + 1) + 1
                found.append(ReturnedCall(relpath, line, column, m.group(1), specifier, name, printed_at))
                if len(found) >= MAX_RETURNED_CALLS:
                    return found
    return found


_FACT_BEFORE = lazy_re.compile(r"(?:!|\bBoolean\s*\(\s*|\btypeof\s+)$")
_FACT_AFTER = lazy_re.compile(r"\s*(?:[!=]==?|[<>]|\?(?![?.])|\.(?:length|startsWith|endsWith|includes)\b)")


def _only_a_fact(text: str, call: re.Match[str]) -> bool:
    """`!!getKamanKey()`, `Boolean(key())`, `key() !== ""`: what is returned is a fact about the
    value (a boolean), never the value."""
    if _FACT_BEFORE.search(text, max(0, call.start() - 12), call.start()):
        return True
    window = text[call.end() - 1:call.end() + 300]  # bounded: nested calls stay linear
    args = block_after(window, 0)
    return bool(args) and args[1] < len(window) and bool(_FACT_AFTER.match(window, args[1]))


def _words(names, after: str) -> re.Pattern[str]:
    return re.compile(r"(?<![\w$.])(" + "|".join(map(re.escape, sorted(names, key=len, reverse=True)))
                      + r")(?![\w$])" + after)


_NAMED_IMPORT = lazy_re.compile(r"""^[ \t]*import\s+(?!type\b)(?:[\w$]+\s*,\s*)?\{([^{}]{0,4000})\}\s*from\s*['"]([^'"\r\n]+)['"]""",
                                re.M)


def _function_body(text: str, position: int) -> tuple[int, int] | None:
    """The body of the function declared at `position` (`function loader(args) {...}`, `const
    loader = async ({ request }) => {...}` or an arrow's expression body)."""
    opening = text.find("(", position, position + 400)
    params = block_after(text, opening) if opening >= 0 else None
    if params is None:
        return None
    rest = re.compile(r"\s*(?::[^={;]{0,200})?(=>)?\s*").match(text, params[1])
    at = rest.end()
    if at >= len(text):
        return None
    if text[at] == "{":
        return block_after(text, at)
    if rest.group(1):  # `=> json({...})`: the expression is the return value
        return block_after(text, at)
    return None


def _returned_values(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The spans of `return <value>` in text[start:end] (an arrow's expression body: all of it)."""
    if text[start] != "{":
        return [(start, end)]
    spans = []
    at = start
    while True:
        m = _RETURN.search(text, at, end)
        if m is None:
            return spans
        depth, i = 0, m.end()
        while i < end:
            ch = text[i]
            if ch in "([{":
                depth += 1
            elif ch in ")]}":
                depth -= 1
                if depth < 0:
                    break
            elif depth == 0 and (ch == ";" or ch == "\n" and text[m.end():i].strip()):
                break
            i += 1
        spans.append((m.end(), i))
        at = max(i, m.end())


def _indent(text: str, start: int) -> int:
    return len(text[start:start + 200]) - len(text[start:start + 200].lstrip(" \t"))


def _binding_names(statement: re.Match[str]) -> list[str]:
    default, named, namespace = statement.groups()
    names = [n for n in (default, namespace) if n]
    for part in (named or "").split(","):
        part = part.strip()
        if part and not part.startswith("type "):
            names.append(re.split(r"\s+as\s+", part)[-1].strip())
    return [n for n in names if re.fullmatch(r"[A-Za-z_$][\w$]*", n)]


def _used_outside(text: str, name: str, statement: tuple[int, int], spans) -> bool:
    """Is `name` used anywhere but in its import statement and the server-only functions?"""
    for m in re.finditer(r"(?<![\w$.])" + re.escape(name) + r"(?![\w$])", text):
        at = m.start()
        if not (statement[0] <= at < statement[1]) and not any(s <= at < e for s, e in spans):
            return True
    return False


# --- component files and pages ------------------------------------------------------------------

_FRONTMATTER_END = lazy_re.compile(rb"\A\s*---[ \t]*\r?\n.*?\r?\n---", re.S)
_ASTRO_DEFAULT_IMPORT = lazy_re.compile(rb"""^\s*import\s+([\w$]+)\s+from\s*['"]([^'"\r\n]+)['"]""", re.M)
_ASTRO_CLIENT_TAG = lazy_re.compile(rb"<([A-Za-z][\w.]*)\b[^<>]{0,2000}?\sclient:(?:load|idle|visible|media|only)\b")


def _component(relpath: str, data: bytes, astro: bool) -> Module:
    """Vue and Svelte components: their scripts are client code. Astro: the frontmatter runs on
    the server (its imports render there) except components hydrated with `client:*`; its
    `<script>` tags are bundled for the browser."""
    edges = _edges(data)
    if astro:
        front = _FRONTMATTER_END.match(data)
        last_front_line = data.count(b"\n", 0, front.end()) + 1 if front else 0
        hydrated = set()
        if front:
            names = {m.group(1).decode(): m.group(2).decode("utf-8", "replace")
                     for m in _ASTRO_DEFAULT_IMPORT.finditer(data, 0, front.end())}
            hydrated = {names[t.group(1).decode()] for t in _ASTRO_CLIENT_TAG.finditer(data, front.end())
                        if t.group(1).decode() in names}
        edges = [e._replace(side=BOTH if e.specifier in hydrated else SERVER_SIDE) if e.line <= last_front_line
                 else e._replace(side=CLIENT_SIDE) for e in edges]
    marks = _marks(edges, b"") | ({SERVER_RENDERED} if astro else frozenset())
    return Module(relpath, tuple(edges), "", marks)


_SCRIPT_TAG = lazy_re.compile(rb"<script\b([^<>]{0,2000})>", re.I)
_SRC = lazy_re.compile(rb"""\bsrc\s*=\s*(["'])([^"'<>]{1,500})\1""", re.I)
_MODULE_TYPE = lazy_re.compile(rb"""\btype\s*=\s*["']?module\b""", re.I)
_MODULE_PRELOAD = lazy_re.compile(rb"""<link\b[^<>]{0,1000}?\brel\s*=\s*["']?modulepreload\b[^<>]{0,1000}?\bhref\s*=\s*(["'])([^"'<>]{1,500})\1""",
                                  re.I)
_REMOTE = lazy_re.compile(r"^(?:[a-z][a-z0-9+.-]*:|//|\{|<|%|\$)", re.I)  # other hosts, data:, templated


def _page(relpath: str, data: bytes) -> list:
    """An HTML page or template: the scripts it loads, the imports of its module scripts, and its
    import map (bare specifiers its modules import, mapped to files)."""
    if len(data) > MAX_PAGE_BYTES:
        data = data[:MAX_PAGE_BYTES]
    edges: list[Edge] = []
    facts: list = []
    for tag in _SCRIPT_TAG.finditer(data):
        attributes = tag.group(1)
        src = _SRC.search(attributes)
        if _IMPORT_MAP_TYPE.search(attributes):
            if not src:
                body_end = data.find(b"</script", tag.end())
                facts.extend(_import_map(relpath, data[tag.end():body_end if body_end >= 0 else len(data)]))
        elif src:
            _add_script(edges, data, tag.start(), src.group(2))
        elif _MODULE_TYPE.search(attributes):
            body_end = data.find(b"</script", tag.end())
            body = data[tag.end():body_end if body_end >= 0 else len(data)]
            first_line = data.count(b"\n", 0, tag.end())
            edges.extend(e._replace(line=e.line + first_line) for e in _edges(body))
    for link in _MODULE_PRELOAD.finditer(data):
        _add_script(edges, data, link.start(), link.group(2))
    if edges:
        facts.append(Module(relpath, tuple(edges), "", frozenset({PAGE})))
    return facts


_IMPORT_MAP_TYPE = lazy_re.compile(rb"""\btype\s*=\s*["']?importmap\b""", re.I)


def _import_map(relpath: str, body: bytes) -> list:
    """`<script type="importmap">{"imports": {"kaman": "./js/kaman.js", "app/": "./js/"}}`: the
    page's modules (and the modules they load, under the page's folder) resolve these bare
    specifiers to files, targets relative to the page. Remote targets (a CDN) are leaves."""
    mapping = _json(body)
    imports = mapping.get("imports") if isinstance(mapping, dict) else None
    if not isinstance(imports, dict):
        return []
    patterns = tuple((key, (target,)) for key, target in imports.items()
                     if isinstance(key, str) and isinstance(target, str) and not _REMOTE.match(target)
                     and not _REMOTE.match(key) and not key.startswith((".", "/")) and _safe(key) and _safe(target))
    return [PathAliases(relpath, None, patterns, kind="alias")] if patterns else []


def _add_script(edges: list[Edge], data: bytes, offset: int, raw: bytes) -> None:
    target = raw.decode("utf-8", "replace").split("?", 1)[0].split("#", 1)[0].strip()
    if target and not _REMOTE.match(target) and _safe(target):
        edges.append(Edge(target, data.count(b"\n", 0, offset) + 1, BOTH, "script"))


# --- JSON configs -------------------------------------------------------------------------------

def _json(data: bytes) -> object:
    import json  # (here: only a project's manifests and configs are read as JSON)

    try:
        return json.loads(data.decode("utf-8", "replace"))
    except ValueError:
        return None


def _manifest(relpath: str, data: bytes) -> list:
    package = _json(data)
    if not isinstance(package, dict):
        return []
    entries: list[str] = []
    subpaths: list[tuple[str, str]] = []
    exports = package.get("exports")
    if isinstance(exports, (str, list)) or (isinstance(exports, dict) and not any(
            isinstance(k, str) and k.startswith(".") for k in exports)):
        entries.extend(_export_targets(exports))
    elif isinstance(exports, dict):
        for key, value in exports.items():
            if key == ".":
                entries.extend(_export_targets(value))
            elif isinstance(key, str) and key.startswith("./") and key.count("*") <= 1:
                # `"./*": "./src/*.js"`: one `*` on each side, the same text in both
                subpaths.extend((key, target) for target in _export_targets(value)[:1]
                                if ("*" in key) == ("*" in target) and target.count("*") <= 1)
    for field in ("browser", "module", "main"):
        if isinstance(package.get(field), str):
            entries.append(package[field])
    dependencies = {}
    for section in ("dependencies", "devDependencies"):
        if isinstance(package.get(section), dict):
            dependencies.update(package[section])
    name = package.get("name") if isinstance(package.get("name"), str) else ""
    safe_entries = tuple(dict.fromkeys(e for e in entries if _safe(e)))
    return [Manifest(relpath, name if _safe(name) else "", safe_entries,
                     tuple((k, v) for k, v in subpaths if _safe(k) and _safe(v)),
                     "electron" in dependencies and isinstance(package.get("main"), str))]


_CONDITIONS = ("browser", "import", "module", "default", "require", "node")


def _export_targets(value: object) -> list[str]:
    """The files an `exports` entry may pick, browser-like conditions first."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [t for item in value for t in _export_targets(item)]
    if isinstance(value, dict):
        ordered = [value[c] for c in _CONDITIONS if c in value]
        ordered += [v for k, v in value.items() if k not in _CONDITIONS and k != "types"]
        return [t for item in ordered for t in _export_targets(item)]
    return []


def jsonc(data: bytes) -> object:
    """JSON with comments and trailing commas (tsconfig.json): comments and trailing commas are
    removed outside strings, in one pass."""
    text = data.decode("utf-8", "replace")
    out: list[str] = []
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch == '"':
            j = i + 1
            while j < n and text[j] != '"':
                j += 2 if text[j] == "\\" else 1
            out.append(text[i:j + 1])
            i = j + 1
        elif text.startswith("//", i):
            end = text.find("\n", i)
            i = n if end < 0 else end
        elif text.startswith("/*", i):
            end = text.find("*/", i + 2)
            i = n if end < 0 else end + 2
        else:
            out.append(ch)
            i += 1
    cleaned = re.sub(r",(\s*[}\]])", r"\1", "".join(out))
    import json

    try:
        return json.loads(cleaned)
    except ValueError:
        return None


def _tsconfig(relpath: str, data: bytes) -> list:
    config = jsonc(data)
    if not isinstance(config, dict):
        return []
    options = config.get("compilerOptions") if isinstance(config.get("compilerOptions"), dict) else {}
    base = options.get("baseUrl") if isinstance(options.get("baseUrl"), str) else None
    paths = options.get("paths") if isinstance(options.get("paths"), dict) else {}
    patterns = tuple((key, tuple(t for t in targets if isinstance(t, str) and _safe(t)))
                     for key, targets in paths.items() if isinstance(targets, list) and _safe(key))
    extends = config.get("extends")
    if isinstance(extends, list):
        extends = next((e for e in extends if isinstance(e, str) and e.startswith(".")), "")
    extends = extends if isinstance(extends, str) and extends.startswith(".") and _safe(extends) else ""
    if base is None and not patterns and not extends:
        return []
    return [PathAliases(relpath, base if base is None or _safe(base) else None, patterns, extends)]


# A browser extension's manifest (client-exposure.md §4.7): every file it names runs in the browser.
_EXTENSION_FIELDS = (
    (("content_scripts", "*", "js", "*"), "content script of the browser extension"),
    (("background", "service_worker"), "background service worker of the browser extension"),
    (("background", "scripts", "*"), "background script of the browser extension"),
    (("background", "page"), "background page of the browser extension"),
    (("action", "default_popup"), "popup of the browser extension"),
    (("browser_action", "default_popup"), "popup of the browser extension"),
    (("page_action", "default_popup"), "popup of the browser extension"),
    (("options_page",), "options page of the browser extension"),
    (("options_ui", "page"), "options page of the browser extension"),
    (("devtools_page",), "devtools page of the browser extension"),
    (("side_panel", "default_path"), "side panel of the browser extension"),
    (("sidebar_action", "default_panel"), "sidebar of the browser extension"),
    (("chrome_url_overrides", "*"), "page of the browser extension"),
    (("sandbox", "pages", "*"), "sandboxed page of the browser extension"),
)


def _extension(relpath: str, data: bytes) -> list:
    manifest = _json(data)
    if not isinstance(manifest, dict) or "manifest_version" not in manifest:
        return []
    text = data.decode("utf-8", "replace")
    found: dict[str, list[tuple[str, int]]] = {}
    for fields, why in _EXTENSION_FIELDS:
        for value in _walk(manifest, fields):
            if isinstance(value, str) and _safe(value) and not _REMOTE.match(value):
                found.setdefault(why, []).append((value, _line_of(text, value)))
    return [DeclaredEntries(relpath, tuple(files), CLIENT_SIDE, why) for why, files in found.items()]


def _walk(value: object, fields: tuple[str, ...]):
    if not fields:
        yield value
        return
    head, rest = fields[0], fields[1:]
    if head == "*":
        items = value.values() if isinstance(value, dict) else value if isinstance(value, list) else ()
        for item in items:
            yield from _walk(item, rest)
    elif isinstance(value, dict) and head in value:
        yield from _walk(value[head], rest)


def _line_of(text: str, value: str) -> int:
    import json

    at = text.find(json.dumps(value))
    return text.count("\n", 0, at) + 1 if at >= 0 else 1


def _angular(relpath: str, data: bytes) -> list:
    """angular.json: each project's browser entry (`main`, `browser`) and server entry."""
    config = _json(data)
    if not isinstance(config, dict) or not isinstance(config.get("projects"), dict):
        return []
    text = data.decode("utf-8", "replace")
    client: list[tuple[str, int]] = []
    server: list[tuple[str, int]] = []
    for project in config["projects"].values():
        build = _walk_one(project, ("architect", "build", "options")) or {}
        for key in ("main", "browser"):
            if isinstance(build.get(key), str) and _safe(build[key]):
                client.append((build[key], _line_of(text, build[key])))
        for key in ("server", "ssr"):
            entry = build.get(key)
            entry = entry.get("entry") if isinstance(entry, dict) else entry
            if isinstance(entry, str) and _safe(entry):
                server.append((entry, _line_of(text, entry)))
    facts = []
    if client:
        facts.append(DeclaredEntries(relpath, tuple(client), CLIENT_SIDE, "browser entry in angular.json"))
    if server:
        facts.append(DeclaredEntries(relpath, tuple(server), SERVER_SIDE, "server entry in angular.json"))
    return facts


def _walk_one(value: object, fields: tuple[str, ...]):
    for field in fields:
        if not isinstance(value, dict):
            return None
        value = value.get(field)
    return value if isinstance(value, dict) else None


# --- entry points named in code -----------------------------------------------------------------

_PRELOAD = lazy_re.compile(rb"""\bpreload\s*:\s*[^}\n]{0,200}?(['"`])([^'"`\r\n]{1,300}\.[cm]?[jt]s)\1""")
_LOAD_FILE = lazy_re.compile(rb"""\b(?:loadFile|loadURL)\s*\([^)\n]{0,200}?(['"`])([^'"`\r\n]{1,300}\.html?)\1""")
_WORKER = lazy_re.compile(rb"""(?:serviceWorker\.register|new\s+(?:Shared)?Worker)\s*\(\s*(['"])([^'"\r\n]{1,300})\1""")


def _electron_entries(relpath: str, data: bytes) -> list:
    """An Electron main process names its preload scripts and the pages its windows load."""
    facts = []
    for pattern, why in ((_PRELOAD, "Electron preload script, run in the renderer"),
                         (_LOAD_FILE, "page of an Electron window (renderer)")):
        files = [(_decoded_tail(m.group(2)), data.count(b"\n", 0, m.start()) + 1) for m in pattern.finditer(data)]
        files = [(f, line) for f, line in files if _safe(f)]
        if files:
            facts.append(DeclaredEntries(relpath, tuple(files), CLIENT_SIDE, why))
    return facts


def _decoded_tail(raw: bytes) -> str:
    """`${__dirname}/preload.js`, `file://${__dirname}/index.html` -> the part after the last
    template expression or scheme."""
    text = raw.decode("utf-8", "replace")
    text = text.rsplit("}", 1)[-1].split("://", 1)[-1]
    return text.lstrip("/") if raw.startswith((b"$", b"file:")) else text


def _worker_entries(relpath: str, data: bytes) -> list:
    files = [(m.group(2).decode("utf-8", "replace"), data.count(b"\n", 0, m.start()) + 1)
             for m in _WORKER.finditer(data)]
    files = [(f, line) for f, line in files if _safe(f) and not _REMOTE.match(f)]
    return [DeclaredEntries(relpath, tuple(files), CLIENT_SIDE, "worker started by the page's script")] if files else []


# --- bundler aliases ----------------------------------------------------------------------------

_ALIAS = lazy_re.compile(rb"\balias\s*:\s*")
_ALIAS_KEY = lazy_re.compile(rb"""(?:^|[{,\n])\s*(['"]?)([@~$#\w][\w@~$#/.-]*)\1\s*:""")
_ARRAY_ALIAS = lazy_re.compile(rb"""\bfind\s*:\s*(['"])([^'"\r\n]{1,100})\1\s*,\s*replacement\s*:""")
_STRING = lazy_re.compile(rb"""(['"`])([^'"`\r\n]{0,300})\1""")


def _bundler_aliases(relpath: str, data: bytes) -> list:
    """`resolve.alias` of a Vite or webpack config: `'@': path.resolve(__dirname, 'src')`,
    `{ find: '@', replacement: fileURLToPath(new URL('./src', import.meta.url)) }`. The target
    is the last string of the value: the folder, relative to the config's."""
    text = data.decode("utf-8", "replace")
    patterns: list[tuple[str, tuple[str, ...]]] = []
    for m in _ALIAS.finditer(data):
        block = block_after(text, m.end())
        if block is None:
            continue
        body = text[block[0]:block[1]].encode("utf-8")
        keys = list(_ARRAY_ALIAS.finditer(body)) or list(_ALIAS_KEY.finditer(body))
        for i, key in enumerate(keys):
            segment = body[key.end():keys[i + 1].start() if i + 1 < len(keys) else len(body)]
            strings = _STRING.findall(segment)
            if not strings:
                continue
            key_text, target_text = key.group(2).decode("utf-8", "replace"), strings[-1][1].decode("utf-8", "replace")
            target_text = re.sub(r"^\$\{[^}]*\}/?", "", target_text)  # `${__dirname}/src`
            if _safe(key_text) and _safe(target_text) and not _REMOTE.match(target_text):
                patterns.append((key_text, (target_text,)))
    return [PathAliases(relpath, None, tuple(patterns), "", "alias")] if patterns else []
