"""Nuxt and its server engine h3/Nitro (client-exposure.md §2.5, §6.5): `app.config` is bundled
for the browser, `runtimeConfig.public` is sent to it, and a server handler's return value is the
response body."""

from kaman_lint import lazy_re
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
    (lazy_re.compile(r"\bpublic\s*:"), "Nuxt `runtimeConfig.public` (sent to every browser)", "nuxt"),
    # Nuxt 2: `publicRuntimeConfig` is sent to every browser, `env` is inlined into the bundle.
    (lazy_re.compile(r"\bpublicRuntimeConfig\s*:"), "Nuxt 2 `publicRuntimeConfig` (sent to every browser)", "nuxt"),
    (lazy_re.compile(r"(?<![\w.])env\s*:"), "Nuxt 2 `env` in nuxt.config (inlined into the client bundle)", "nuxt"),
)
# Client code reading the public config: Nuxt 2 `$config.x` / `this.$config.x`, Nuxt 3
# `useRuntimeConfig().public.x` and `$config.public.x` (the private part never reaches the browser).
# These run over every client file: each starts with its literal and looks behind only after it,
# so `re` searches for the literal at C speed (a leading look-behind or `\b` tries every offset).
CLIENT_CONFIG_READS = (
    (lazy_re.compile(r"\$config(?<![\w$]\$config)\.(?:public\.)?([A-Za-z_$][\w$]*)"),
     "Nuxt's `$config` in the browser holds the public runtime config, sent with every page"),
    (lazy_re.compile(r"useRuntimeConfig(?<!\wuseRuntimeConfig)\(\)\.public\.([A-Za-z_$][\w$]*)"),
     "Nuxt's `runtimeConfig.public` is sent with every page"),
    # `useState('kaman', () => config.kamanSecret)`: the state is computed during the server render
    # and serialized into the page payload (the runtime-config docs warn against exactly this).
    (lazy_re.compile(r"useState(?<![\w$.]useState)\(\s*['\"][^'\"\n]{0,100}['\"]\s*,\s*\(\)\s*=>\s*"
                     r"(?:useRuntimeConfig\(\)|[A-Za-z_$][\w$]{0,50})\.([A-Za-z_$][\w$]*)"),
     "Nuxt serializes `useState` values into the page payload"),
)
