"""Is a file delivered to a browser or app user (client), run only on a server, or unknown?

Decided in this order, the first rule that speaks wins (client-exposure.md §4):
1. the config's `client-globs` / `server-globs`;
2. explicit markers in the file (`"use client"`, `"use server"`, `import "server-only"`);
3. server-only file conventions (Next `pages/api/**`, `app/**/route.*`, `*.server.*`, `gatsby-ssr.*`,
   build configs outside a front-end app's source folders, ...);
4. served-as-is folders and client conventions (`public/`, `static/`, build output, Angular
   `src/environments/`, service workers, extension folders, browser-side HTML);
   (3 and 4 are each framework family's `CONVENTIONS`, in `frameworks/`)
5. the framework's layout (`src/**` of a Vite/CRA/Gatsby/Angular app, Next `components/`);
6. content hints (DOM and React APIs vs Node built-ins and server frameworks).
Anything undecided is "unknown": KAM002 only reports what it can explain.
"""

from __future__ import annotations

import posixpath
import re
from pathlib import PurePosixPath

from kaman_lint import lazy_re
from kaman_lint.config import Config
from kaman_lint.exposure import frameworks
from kaman_lint.exposure.frameworks import mobile
from kaman_lint.exposure.frameworks import (CLIENT, NEXT_SERVER_COMPONENT, SERVER, SERVER_RENDERS_HTML,
                                            SHIPPED_AS_IS, USE_SERVER_DIRECTIVE, Convention)
from kaman_lint.exposure.hints import Hint, any_found
from kaman_lint.named_tuples import NamedTuple
from kaman_lint.project import FRONTEND, Package, Project
from kaman_lint.source import Source

UNKNOWN = "unknown"
SERVER_COMPONENT = "Next.js Server Component"
SCRIPT_LANGUAGES = frozenset({"javascript", "typescript", "jsx", "tsx"})
__all__ = ["CLIENT", "SERVER", "UNKNOWN", "USE_SERVER_DIRECTIVE", "NEXT_SERVER_COMPONENT", "SERVER_RENDERS_HTML",
           "Classification", "classify", "is_client_module_head"]

# Markers in the first statements of a module. The directive is found after whitespace and
# comments skipped one by one (a regex repeating `/\*.*?\*/` backtracks exponentially over
# consecutive block comments without a directive after them).
_DIRECTIVE_AT = lazy_re.compile(r"""(['"])use (client|server)\1""")
_SPACE = lazy_re.compile(r"\s+")
_SERVER_ONLY_IMPORT = lazy_re.compile(r"""^\s*import\s+['"]server-only['"]""", re.M)
_CLIENT_ONLY_IMPORT = lazy_re.compile(r"""^\s*import\s+['"]client-only['"]""", re.M)

# A build tool's configuration (`vite.config.ts`, `tailwind.config.js`), run by Node. Not inside a
# front-end package's source folders: `src/app/app.config.ts` (Angular) or `src/firebase.config.ts`
# are app modules bundled for the browser.
_BUILD_CONFIG = lazy_re.compile(r"(^|/)[^/]+\.config\.[cm]?[jt]s$")
# Folders of a front-end package whose scripts end up in the browser or app bundle.
_FRONTEND_SOURCE = lazy_re.compile(r"^(src|app|components|pages|hooks|composables|layouts|plugins|screens|lib|utils)/")
_TEMPLATE_DIRS = lazy_re.compile(r"(^|/)(templates|views|layouts|partials|_includes|_layouts)/")


# Browser and server APIs. Asked only "is one there?", so searched as a few regexes led by their
# literals, which `re` skips to in C (one alternation led by `\b` was tried at every position:
# 2-5x slower on a 2,000-line file, every keystroke in the editor); `\bword` is written
# `word(?<!\wword)`, the same test.
def _word(word: str) -> str:
    escaped = re.escape(word)
    return rf"{escaped}(?<!\w{escaped})"


_CLIENT_HINTS = (
    Hint("(?:" + "|".join(_word(word) for word in (
        "window.", "document.", "localStorage", "sessionStorage", "navigator.", "addEventListener(", "useState(",
        "useEffect(", "chrome.runtime", "browser.runtime", "dangerouslyAllowBrowser")) + "|"
         + _word("this.element") + r"\b|" + _word("innerHTML") + r"\b)",
         ("addEventListener(", "browser.runtime", "chrome.runtime", "dangerouslyAllowBrowser", "document.",
          "innerHTML", "localStorage", "navigator.", "sessionStorage", "this.element", "useEffect(", "useState(",
          "window.")),
    # Packages that only run in a browser: a Node server never imports them (`react-dom/server`,
    # which it does import, is not among them).
    Hint(r"""(?:from\s+|import\s+|require\(\s*)['"](?:@hotwired/(?:stimulus|turbo(?:-rails)?)|react-dom(?:/client)?|"""
         r"""alpinejs|htmx\.org|jquery)['"]""", ("@hotwired/", "alpinejs", "htmx.org", "jquery", "react-dom")),
)
_SERVER_HINTS = (
    Hint(r"""(?:from\s+|require\(\s*)['"](?:node:)?(?:fs|fs/promises|child_process|net|express|fastify|koa|pg|"""
         r"""mysql2|mongoose|@prisma/client|http)['"]""", ("from", "require(")),
    Hint(r"process\.argv", ("process.argv",)),
    Hint(_word("app.listen("), ("app.listen(",)),
)


def _hints(hints, text: str) -> bool:
    return any_found(hints, text)


# String and template literals, whose text is data, not code; imports keep their module names.
_STRING_BODIES = lazy_re.compile(r"`(?:\\.|[^`\\])*`|'(?:\\.|[^'\\\n])*'|" r'"(?:\\.|[^"\\\n])*"')
_MODULE_NAME_BEFORE = lazy_re.compile(r"(?:\bfrom|\bimport\s*\(?|\brequire\s*\()\s*$")  # `from "x"`, `require("x")`


def _blank_string(match: re.Match[str]) -> str:
    """A string emptied of its text, unless it names an imported module."""
    text = match.string
    line_start = text.rfind("\n", 0, match.start()) + 1
    if _MODULE_NAME_BEFORE.search(text[line_start:match.start()]):
        return match.group(0)
    return match.group(0)[0] * 2


# Pages a web server runs (`public/index.php`): served folders hand out what they output, not them.
EXECUTED_BY_THE_SERVER = (".php", ".phtml", ".php5", ".php7", ".cgi", ".asp", ".aspx", ".jsp", ".cfm")

# How a role was decided. The module graph (rules/kam002 finish) overrules the soft ones: a layout
# guess (`src/**` of a front-end app), a content hint, or no decision at all.
CONFIGURED, MARKED, CONVENTION, LAYOUT, CONTENT = "config", "marker", "convention", "layout", "content"
SOFT_BASES = frozenset({LAYOUT, CONTENT, ""})


class Classification(NamedTuple):
    role: str  # CLIENT, SERVER or UNKNOWN
    reason: str  # explains the guess, in messages
    marker: str = ""  # USE_SERVER_DIRECTIVE, NEXT_SERVER_COMPONENT, SERVER_RENDERS_HTML, NOT_SHIPPED or ""
    basis: str = ""  # CONFIGURED, MARKED, CONVENTION, LAYOUT, CONTENT or "" (undecided)

    @property
    def soft(self) -> bool:
        return self.basis in SOFT_BASES


def classify(source: Source, project: Project, config: Config) -> Classification:
    """The file's role, why, a marker for analyzers, and how it was decided."""
    relpath = source.relpath
    configured = config.role_for(source.project_path)
    if configured:
        return Classification(configured, f"matched `{configured}-globs` in the config", "", CONFIGURED)
    language = source.language
    if language == "python":
        return Classification(SERVER, "Python runs on the server", "", CONVENTION)
    if language in SCRIPT_LANGUAGES:
        head = source.text[:2000]
        marked = marker_role(leading_directive(head), _SERVER_ONLY_IMPORT.search(head) is not None,
                             _CLIENT_ONLY_IMPORT.search(head) is not None)
        if marked:
            return marked
    package = project.package_for(relpath)
    found = classify_path(relpath, package, project)
    if found:
        return found
    inner = package.relative(relpath)
    if language == "html":
        return _html_role(source, inner)
    if language in SCRIPT_LANGUAGES:
        return _script_role(source, package, inner)
    if relpath.endswith(mobile.APPLE_SOURCE_SUFFIXES) and mobile.APPLE_UI_IMPORT.search(source.text[:20000]):
        return Classification(CLIENT, "code of an Apple app (it imports a UI framework), compiled into the app users "
                              "install", "", CONTENT)
    if relpath.endswith(mobile.XCODE_APP_SOURCE_SUFFIXES) and _in_xcode_app(source, project):
        return Classification(CLIENT, "code of an Xcode app project, compiled into the app users install", "",
                              CONVENTION)
    return Classification(UNKNOWN, "")


def _in_xcode_app(source: Source, project: Project) -> bool:
    """Is this Swift/Objective-C file in the folder of an Xcode project (`ShopApp.xcodeproj`
    beside or above it, inside the scan), not in a test target, importing no server framework?"""
    relpath = source.relpath
    if relpath.startswith("../") or mobile.APPLE_TEST_FOLDER.search(relpath) or \
            mobile.APPLE_SERVER_IMPORT.search(source.text[:20000]):
        return False
    folder = posixpath.dirname(relpath)
    while True:
        if project.holds_entry_ending(folder, mobile.XCODE_PROJECT_SUFFIXES):
            return True
        if not folder:
            return False
        folder = posixpath.dirname(folder)


def marker_role(directive: str | None, imports_server_only: bool, imports_client_only: bool) -> Classification | None:
    """The role a module's own markers give it: a directive, `import "server-only"`."""
    if directive == "server":
        return Classification(SERVER, '"use server" directive', USE_SERVER_DIRECTIVE, MARKED)
    if directive == "client":
        return Classification(CLIENT, '"use client" directive', "", MARKED)
    if imports_server_only:
        return Classification(SERVER, 'imports "server-only"', "", MARKED)
    if imports_client_only:
        return Classification(CLIENT, 'imports "client-only"', "", MARKED)
    return None


def classify_path(relpath: str, package: Package, project: Project) -> Classification | None:
    """The role the file's path gives it by a framework convention, or None. `package` is the
    file's (project.package_for)."""
    inner = package.relative(relpath)
    server_side, client_side = frameworks.conventions()
    found = _first_convention(server_side, package, inner)
    if found:
        return found
    if _BUILD_CONFIG.search(inner) and not (package.is_frontend and _FRONTEND_SOURCE.match(inner)):
        return Classification(SERVER, "build configuration run by Node", "", CONVENTION)
    found = _first_convention(client_side, package, inner)
    if found and found.marker == SHIPPED_AS_IS and (relpath.lower().endswith(EXECUTED_BY_THE_SERVER)
                                                    or not _inside_the_project(relpath, package, project, found)):
        found = _first_convention(tuple(c for c in client_side if c.marker != SHIPPED_AS_IS), package, inner)
    if found:
        return found
    asset_reason = _server_app_asset(relpath, project)
    if asset_reason:
        return Classification(CLIENT, asset_reason, "", CONVENTION)
    for framework, reason in frameworks.collect("PACKAGE_FRAMEWORKS"):
        if framework in package.frameworks:
            return Classification(CLIENT, reason, "", CONVENTION)
    return None


def _inside_the_project(relpath: str, package: Package, project: Project, found: Classification) -> bool:
    """Does the served/build-output folder `found` matched lie inside the project? A file named
    outside the scan root (`--stdin-filename ../x`) is in no such folder; folders above the scan
    root count only when a repository bounds the project: a checkout kept in `~/build/` or under
    a stray package.json far above is not build output (issue 12 §2)."""
    if relpath.startswith("../"):
        return False
    if project.in_repository or not package.root_within:
        return True
    return _matches_marker(relpath, package, found)


def _matches_marker(path: str, package: Package, found: Classification) -> bool:
    return any(c.reason == found.reason and c.may_match(path) and c.pattern.search(path) for c in frameworks.conventions()[1]
               if c.marker == SHIPPED_AS_IS)


def layout_role(relpath: str, package: Package) -> Classification | None:
    """The role a script gets from where it sits in its package alone (no content read): code
    of an installed app, the source tree of a front-end app, a Next.js App Router file."""
    inner = package.relative(relpath)
    for framework, reason in frameworks.collect("INSTALLED_APPS"):
        if framework in package.frameworks:
            return Classification(CLIENT, reason, "", CONVENTION)
    if package.is_frontend and _FRONTEND_SOURCE.match(inner):
        if "next" in package.frameworks and inner.startswith("app/"):
            return Classification(SERVER, SERVER_COMPONENT, NEXT_SERVER_COMPONENT, LAYOUT)
        names = ", ".join(sorted(package.frameworks & FRONTEND))
        return Classification(CLIENT, f"source of a {names or 'front-end'} app bundle", "", LAYOUT)
    return None


def _first_convention(conventions: tuple[Convention, ...], package: Package, inner: str) -> Classification | None:
    for c in conventions:
        if (not c.frameworks or c.frameworks & package.frameworks) and c.may_match(inner) and c.pattern.search(inner):
            return Classification(c.role, c.reason, c.marker, LAYOUT if c.soft else CONVENTION)
    return None


def leading_directive(head: str) -> str | None:
    """"client" or "server" when the module's first statement is a `"use client"` / `"use server"`
    directive (whitespace and comments before it are skipped), else None. One pass over `head`."""
    position, end = 0, len(head)
    while position < end:
        space = _SPACE.match(head, position)
        if space:
            position = space.end()
        elif head.startswith("//", position):
            newline = head.find("\n", position)
            if newline < 0:
                return None
            position = newline + 1
        elif head.startswith("/*", position):
            closing = head.find("*/", position + 2)
            if closing < 0:
                return None
            position = closing + 2
        else:
            break
    directive = _DIRECTIVE_AT.match(head, position)
    return directive.group(2) if directive else None


def is_client_module_head(head: str) -> bool:
    """Does a module start with the `"use client"` directive?"""
    return leading_directive(head) == "client"


def _server_app_asset(relpath: str, project: Project) -> str | None:
    """The reason `relpath` is browser JS of a server-rendered app (Rails, Laravel), or None."""
    for pattern, markers, reason in frameworks.collect("ASSET_FOLDERS"):
        match = frameworks.may_match(pattern, relpath) and pattern.search(relpath)
        if match:
            app_root = relpath[:match.start()].rstrip("/")  # the folder above `app/` or `resources/`
            if any(project.has_file(app_root, marker) if isinstance(marker, str) else project.file_mentions(app_root, *marker)
                   for marker in markers):
                return reason
    return None


def _html_role(source: Source, inner: str) -> Classification:
    if _TEMPLATE_DIRS.search(inner) or PurePosixPath(inner).suffix in (".jinja", ".jinja2", ".j2", ".ejs", ".hbs", ".njk", ".erb"):
        return Classification(CLIENT, "template rendered into pages served to browsers", "", CONVENTION)
    return Classification(CLIENT, "HTML page served to browsers", "", CONVENTION)


def _script_role(source: Source, package: Package, inner: str) -> Classification:
    text = source.text[:20000]
    # Installed apps ship all their code to the user, Node APIs or not (server folders, tests and
    # build configs were ruled out above): a mobile bundle, or an Electron app's asar archive,
    # which is a documented, unencrypted format; the main process is in it too.
    server_hint = _hints(_SERVER_HINTS, text)
    laid_out = layout_role(source.relpath, package)
    if laid_out is not None and (laid_out.basis == CONVENTION or not server_hint):
        if laid_out.marker == NEXT_SERVER_COMPONENT and _hints(_CLIENT_HINTS, _STRING_BODIES.sub(_blank_string, text)):
            # App Router files are Server Components unless marked "use client" (checked above).
            # Only code counts: `window.x = ...` in an inline script's string is printed, not run.
            return Classification(CLIENT, "uses browser APIs", "", CONTENT)
        return laid_out
    if server_hint:
        return Classification(SERVER, "uses Node/server APIs", "", CONTENT)
    if _hints(_CLIENT_HINTS, text):
        return Classification(CLIENT, "uses browser APIs", "", CONTENT)
    return Classification(UNKNOWN, "")
