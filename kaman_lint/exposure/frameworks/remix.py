"""Remix and React Router framework mode (client-exposure.md §2.10, §6.3): `.server` modules and
`app/.server/` stay on the server, `.client` modules run in the browser, and what a loader or an
action returns is serialized to it."""

from kaman_lint.exposure.frameworks import CLIENT, SERVER, convention

CONVENTIONS = (
    convention(r"\.server\.[^/]+$", SERVER, "a server-only module"),
    convention(r"(^|/)app/\.server/", SERVER, "server-only folder"),
    convention(r"\.client\.[^/]+$", CLIENT, "client-only module"),
)
RESPONSE_CALLS = (r"json",)  # `return json({...})` from a loader
DATA_FUNCTIONS = ("loader", "action", "clientLoader")
