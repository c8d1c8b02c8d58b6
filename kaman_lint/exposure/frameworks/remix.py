"""Remix and React Router framework mode (client-exposure.md §2.10, §6.3): `.server` modules and
`app/.server/` stay on the server, `.client` modules run in the browser, and what a loader or an
action returns is serialized to it."""

from kaman_lint import lazy_re
from kaman_lint.exposure.frameworks import CLIENT, SERVER, convention

CONVENTIONS = (
    convention(r"\.server\.[^/]+$", SERVER, "a server-only module"),
    convention(r"(^|/)app/\.server/", SERVER, "server-only folder"),
    convention(r"\.client\.[^/]+$", CLIENT, "client-only module"),
)
RESPONSE_CALLS = (r"json",)  # `return json({...})` from a loader
# Remix's env guide: the root loader returns `ENV`, the document prints it into `window.ENV`, and
# browser code reads `window.ENV.X`: whatever is read there was sent with the page. (Literal
# first, look-behind after it: searched at C speed over every client file, see nuxt.py.)
CLIENT_CONFIG_READS = (
    (lazy_re.compile(r"window(?<![\w$.]window)\.(?:ENV|__ENV__|env|__env)\.([A-Za-z_$][\w$]*)"),
     "`window.ENV` is printed into every page from the server (Remix's root-loader pattern)"),
)
DATA_FUNCTIONS = ("loader", "action", "clientLoader")
