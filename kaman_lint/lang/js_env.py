"""How JavaScript-family code reads an environment variable: one definition of the syntax, for
the JS/TS analyzer, the HTML/template analyzer and the bundler-config reader alike.

`process.env.X`, `process.env?.X`, `process.env["X"]`, `import.meta.env.X`. Each caller says
which objects count as an environment where it looks: Astro templates add
`Astro.locals.runtime.env`, bundler configs add the `env` that `loadEnv()` returns.
"""

from __future__ import annotations

import re

BUNDLED_ENV_OBJECTS = (r"process\.env", r"import\.meta\.env")  # what bundlers inline


def env_read_pattern(*objects: str) -> re.Pattern[str]:
    """A regex for reads of `objects` (regex sources), with groups `object` and `name`."""
    alternatives = "|".join(objects)
    return re.compile(
        rf"""\b(?P<object>{alternatives})(?:(?:\?\.|\.)(?P<name>[A-Za-z_$][\w$]*)|"""
        rf"""\[\s*(?P<quote>['"])(?P<quoted>[A-Za-z_]\w*)(?P=quote)\s*\])""")


def read_name(match: re.Match[str]) -> str:
    """The variable a match of :func:`env_read_pattern` reads."""
    return match.group("name") or match.group("quoted")
