"""Names: does a text mention Kaman, is a variable a Kaman key, does its name carry a framework's
public prefix, and which env modules are public?

A Kaman key variable (client-exposure.md §8): the name, with any public prefix stripped,
contains "kaman" and one of key/token/secret/api, in any case or style (`KAMAN_API_KEY`,
`kamanApiKey`, `kaman-token`). A public prefix is the allow-list a framework uses to inline a
variable into the client bundle.
"""

from __future__ import annotations

import functools

import re
from functools import lru_cache

from kaman_lint import lazy_re

# prefix -> what inlines it (for messages). Longest first, so NEXT_PUBLIC_ wins over PUBLIC_.
PUBLIC_PREFIXES = {
    "NEXT_PUBLIC_": "Next.js",
    "NUXT_PUBLIC_": "Nuxt",
    "EXPO_PUBLIC_": "Expo",
    "REACT_APP_": "Create React App",
    "STORYBOOK_": "Storybook",
    "VUE_APP_": "Vue CLI",
    "GATSBY_": "Gatsby",
    "PUBLIC_": "SvelteKit/Astro/Qwik",
    "VITE_": "Vite",
}
# Shipped only by SvelteKit and Astro: see project.Package.public_prefixes.
GENERIC_PUBLIC_PREFIX = "PUBLIC_"
# Env modules whose every value is bundled into client code, whatever the variable's name
# (lang/javascript.env_reads records the module of each read).
PUBLIC_ENV_MODULES = frozenset({"$env/static/public", "$env/dynamic/public", "astro:env/client", "@env",
                                "react-native-dotenv", "react-native-config"})
# The one spelling test for "is this about Kaman": names, strings and whole files.
KAMAN_NAME = lazy_re.compile(r"kaman", re.I)
_KEYISH = lazy_re.compile(r"key|token|secret|api", re.I)
# A name that ends in one of these words names something beside the key: `KAMAN_API_URL`,
# `kamanApiBase`, `KAMAN_KEY_ID`. ("api" makes a name key-ish, so without this every
# `NEXT_PUBLIC_KAMAN_API_URL` read in client code would look like a shipped key.)
_NOT_THE_KEY = frozenset({"url", "uri", "host", "hostname", "base", "endpoint", "domain", "origin",
                          "version", "index", "region", "port", "timeout", "id", "name", "path",
                          "prefix", "env", "environment", "mode", "enabled", "debug", "retries"})
_WORD = lazy_re.compile(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])|\d+")


def mentions_kaman(text: str) -> bool:
    """Does `text` mention Kaman, in any case? (`in` on the lowered text runs in C: on a whole
    file it is several times faster than the regex.)"""
    return "kaman" in text.lower()


def strip_public_prefix(name: str, extra: tuple[str, ...] = ()) -> str:
    prefix = public_prefix(name, extra)
    return name[len(prefix):] if prefix else name


def public_prefix(name: str, extra: tuple[str, ...] = (), only: bool = False) -> str | None:
    """The public prefix `name` starts with, or None: among the framework prefixes and `extra`
    (the project's own), or with `only`, among `extra` alone (a package's exposed prefixes)."""
    for prefix in _longest_first(extra, only):
        if name.startswith(prefix) and len(name) > len(prefix):
            return prefix
    return None


@lru_cache(maxsize=64)  # called for every name an analyzer meets, with a handful of `extra`s
def _longest_first(extra: tuple[str, ...], only: bool) -> tuple[str, ...]:
    return tuple(sorted(extra if only else (*PUBLIC_PREFIXES, *extra), key=len, reverse=True))


def framework_of(prefix: str) -> str:
    return PUBLIC_PREFIXES.get(prefix, "the project's envPrefix")


@functools.lru_cache(maxsize=8192)  # asked again for each use of a name (a bundle: thousands)
def is_kaman_key_name(name: str | None, extra: tuple[str, ...] = ()) -> bool:
    if not name or "kaman" not in name.lower():  # most names: no prefix can add "kaman"
        return False
    base = strip_public_prefix(name, extra)
    if not KAMAN_NAME.search(base) or not _KEYISH.search(KAMAN_NAME.sub("", base)):
        return False
    words = _WORD.findall(base)
    return not words or words[-1].lower() not in _NOT_THE_KEY
