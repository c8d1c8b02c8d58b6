"""SvelteKit (client-exposure.md §2.6, §6.4): `+server`, `hooks.server` and `$lib/server` run on
the server, `+page`/`+layout` and `hooks.client` in the browser; a `load` function's return value
is serialized to the page."""

from kaman_lint.exposure.frameworks import CLIENT, SERVER, convention

CONVENTIONS = (
    convention(r"(^|/)\+server\.[^/]+$", SERVER, "a server-only module"),
    convention(r"(^|/)hooks\.server\.[cm]?[jt]s$", SERVER, "server entry point"),
    convention(r"(^|/)(src/)?lib/server/", SERVER, "server-only folder"),
    convention(r"(^|/)hooks\.client\.[jt]s$", CLIENT, "client-only module"),
    convention(r"(^|/)\+(page|layout)(@[^/.]*)?\.(svelte|[jt]s)$", CLIENT, "a SvelteKit page, run in the browser"),
    convention(r"\.svelte$", CLIENT, "UI component compiled into the client bundle"),
)
DATA_FUNCTIONS = ("load",)
