"""One small module per framework family, each answering the same two questions:

- which files are entry points, and on which side: `CONVENTIONS`, path conventions matched
  against a file's path inside its package (`pages/api/**` is a server entry point, `public/**`
  is served as is);
- which calls are sinks: names of the calls, assignments, returning functions and config blocks
  through which a value reaches a browser (`res.json`, `getServerSideProps`, next.config `env`).

Every attribute is optional; `collect(name)` joins one attribute over all families in the order
of `FAMILIES`, which is also the order in which conventions are tried (the first that matches
gives the reason a message shows). A new framework is one module here plus its fixtures under
`rules/KAM002/`.
"""

from __future__ import annotations

import importlib
import os
import re
from functools import cache

from kaman_lint import lazy_re
from kaman_lint.exposure.frameworks.needs import NEEDS
from kaman_lint.named_tuples import NamedTuple

CLIENT, SERVER = "client", "server"
# Markers: the machine-readable side of a reason, for analyzers (reasons are display text).
USE_SERVER_DIRECTIVE = "use-server-directive"  # its exported functions are server actions
NEXT_SERVER_COMPONENT = "next-server-component"  # its props to client components are serialized
SERVER_RENDERS_HTML = "server-renders-html"  # its JSX is rendered into the pages' HTML (gatsby-ssr)
SHIPPED_AS_IS = "shipped-as-is"  # served or built output: downloaded as written, comments included
NOT_SHIPPED = "not-shipped"  # test code: neither shipped nor a server, so no entry point of either side

FAMILIES = (
    "web", "next", "build_tools", "vite", "mobile", "nuxt", "angular", "gatsby", "remix", "sveltekit",
    "vue", "desktop", "extensions", "serverless", "node_servers", "server_rendered", "python_web",
    "python_ui",
)


class Convention(NamedTuple):
    """Files matching `pattern` (a path inside its package) are `role` code, because `reason`.

    `marker` tells analyzers something the role alone does not (roles.SERVER_RENDERS_HTML);
    `frameworks`, when set, limits the convention to packages built with one of them; `overrides`
    lets it win over every server convention (a client file a generic server rule would misread,
    like Nuxt's `app.config.ts` among the Node `*.config.ts` files)."""

    pattern: re.Pattern[str]
    role: str
    reason: str
    marker: str = ""
    frameworks: frozenset[str] = frozenset()
    overrides: bool = False
    soft: bool = False  # a guess from a folder's name: the module graph may overrule it
    needs: tuple[str, ...] = ()  # one of these is in every path `pattern` matches (needs.py); () = no pre-check

    def may_match(self, path: str) -> bool:
        """False when `path` has none of the literals the pattern needs: no need to try (and
        compile) the pattern."""
        return not self.needs or any(literal in path for literal in self.needs)


def convention(pattern: str, role: str, reason: str, **options) -> Convention:
    # compiled when first tried, and tried only on a path with a literal it needs
    return Convention(lazy_re.compile(pattern), role, reason, needs=NEEDS.get(pattern, ()), **options)


def may_match(pattern, text: str) -> bool:
    """False when `text` has none of the literals a family's `pattern` needs (needs.py): no need
    to try, or compile, it (CLIENT_CONFIG_READS, ASSET_FOLDERS)."""
    needs = NEEDS.get(pattern.pattern, ())
    if len(needs) > 1:  # `window.ENV.`, `window.__env.`...: a text without `window.` has none (one search, not four)
        shared = _shared_prefix(needs)
        if len(shared) >= _SHARED and shared not in text:
            return False
    return not needs or any(literal in text for literal in needs)


_SHARED = 4  # characters of a prefix the literals share that is worth a search of its own


@cache
def _shared_prefix(needs: tuple[str, ...]) -> str:
    return os.path.commonprefix(needs)


@cache
def families() -> tuple:
    return tuple(importlib.import_module(f"{__name__}.{name}") for name in FAMILIES)


@cache
def collect(name: str) -> tuple:
    """Attribute `name` of every family that has it, joined in family order."""
    return tuple(item for family in families() for item in getattr(family, name, ()))


@cache
def conventions() -> tuple[tuple[Convention, ...], tuple[Convention, ...]]:
    """Every family's conventions in the order they are tried, as two groups with the build-config
    rule between them (roles.py): client files that override server conventions, servers that
    render HTML and other server conventions; then client conventions."""
    def stage(c: Convention) -> int:
        if c.overrides:
            return 0
        if c.role == SERVER:
            return 1 if c.marker == SERVER_RENDERS_HTML else 2
        return 3
    ordered = sorted(collect("CONVENTIONS"), key=stage)  # sorted() is stable: family order stays
    return (tuple(c for c in ordered if stage(c) < 3), tuple(c for c in ordered if stage(c) == 3))
