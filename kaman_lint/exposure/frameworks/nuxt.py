"""Nuxt and its server engine h3/Nitro (client-exposure.md §2.5, §6.5): `app.config` is bundled
for the browser, `runtimeConfig.public` is sent to it, and a server handler's return value is the
response body."""

import re

from kaman_lint.exposure.frameworks import CLIENT, convention

CONVENTIONS = (
    convention(r"^(app/)?app\.config\.[cm]?[jt]s$", CLIENT, "Nuxt app.config, bundled for the browser",
               frameworks=frozenset({"nuxt"}), overrides=True),
)
# A handler passed to these factories answers the request with its return value.
HANDLER_FACTORIES = ("defineEventHandler", "eventHandler", "defineCachedEventHandler", "cachedEventHandler")
# h3 utilities that answer the request: `send(event, body)`, `setCookie(event, name, value)`.
EVENT_SINK_CALLS = ("send", "setCookie", "setResponseHeader", "setResponseHeaders", "appendResponseHeader")
CONFIG_BLOCKS = (
    (re.compile(r"\bpublic\s*:"), "Nuxt `runtimeConfig.public` (sent to every browser)", "nuxt"),
)
