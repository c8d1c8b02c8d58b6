"""What the survey of one file tells the graph. Key-free: a specifier or path that looks like it
holds a key is dropped where it is read (`survey`), so these cross to the main process as they are."""

from __future__ import annotations

from kaman_lint.named_tuples import NamedTuple

GRAPH = "kam002-graph"  # FileOutcome.shared kind of every fact below

# Edge sides: which bundle an import is part of.
BOTH, CLIENT_SIDE, SERVER_SIDE = "", "client", "server"  # Astro: frontmatter is server, <script> client


class Edge(NamedTuple):
    specifier: str
    line: int
    side: str = BOTH
    kind: str = "import"  # "import", "require", "dynamic-import", "script" (HTML <script src>)


class Module(NamedTuple):
    """A JS-family module, a component file (.vue, .svelte, .astro) or an HTML page."""

    path: str
    edges: tuple[Edge, ...] = ()
    directive: str = ""  # "client" / "server": the module's "use client" / "use server"
    marks: frozenset[str] = frozenset()  # SERVER_ONLY, CLIENT_ONLY, NODE_SERVER, PAGE
    # False: a module of a package no bundle is built from (a library, a server), whose imports
    # were not read in the worker; the graph reads them from disk if a bundle turns out to enter it.
    surveyed: bool = True


class ReturnedCall(NamedTuple):
    """A route's data function (`loader`, `action`, `getServerSideProps`) returning the result of
    `name()` imported from `specifier` (`return json({ ENV: getEnv() })`): what that helper returns
    is serialized into the page. Read here because a root loader names no Kaman variable, so the
    prefilter drops its file; KAM002 joins it with the helper module's KeyReturn."""

    path: str
    line: int
    column: int
    function: str  # the data function
    specifier: str
    imported: str  # the name the helper module exports
    printed_at: int = 0  # line of a `window.ENV = ...` print in the same file, 0 if none


# Module marks
SERVER_ONLY = "server-only"  # imports "server-only"
CLIENT_ONLY = "client-only"  # imports "client-only"
NODE_SERVER = "node-server"  # imports a Node built-in or a server framework, or listens on a port
PAGE = "page"  # an HTML page or template: what it loads runs in the browser
SERVER_RENDERED = "server-rendered"  # an Astro file: its frontmatter runs on the server, so it is a server entry too


class Manifest(NamedTuple):
    """A package.json: the package's name and its entry files, most browser-like first."""

    path: str
    name: str
    entries: tuple[str, ...]  # relative to the package folder: exports ".", browser, module, main
    subpaths: tuple[tuple[str, str], ...] = ()  # exports "./x" -> "./dist/x.js"
    electron_main: bool = False  # `main` is an Electron main process (electron in dependencies)


class PathAliases(NamedTuple):
    """Specifier prefixes a config maps to folders: tsconfig/jsconfig `paths` (+ `baseUrl`),
    or a bundler's `resolve.alias`. Applies to modules under the config's folder."""

    path: str  # the config file
    base: str | None  # tsconfig `baseUrl` relative to the config's folder ("." when set to it)
    patterns: tuple[tuple[str, tuple[str, ...]], ...]  # ("@/*", ("./src/*",)): targets as written
    extends: str = ""  # tsconfig `extends` when relative: inherit from that file
    kind: str = "tsconfig"  # "tsconfig" (targets relative to base) or "alias" (relative to the config folder)


class DeclaredEntries(NamedTuple):
    """Files a config names as entry points of one side: a browser extension's manifest
    (scripts, pages), angular.json `main`/`browser`, an Electron preload."""

    path: str  # the declaring file
    files: tuple[tuple[str, int], ...]  # (path as written, relative to the declaring file's folder; line)
    side: str  # CLIENT_SIDE or SERVER_SIDE
    why: str  # for messages: "content script of the browser extension"


class ServedFolder(NamedTuple):
    """A folder a server or web server hands out as is (`express.static`, Flask `static_folder`,
    Django `STATICFILES_DIRS`, nginx/Caddy `root`)."""

    path: str  # the declaring file
    line: int
    parts: tuple[str, ...]  # path components as written ("..", "client", "dist")
    anchor: str  # "file": from the declaring file's folder; "project": from the project root;
    #              "absolute": a deployed path, matched against the tree by its tail
    how: str  # for messages: "express.static"


class CopiedFolder(NamedTuple):
    """`COPY src dest` in a Dockerfile: a deployed path that holds a folder of the tree."""

    path: str
    source: str  # relative to the Dockerfile's folder
    destination: str  # absolute in the image
