"""How JavaScript-family code reads an environment variable: one definition of the syntax, for
the JS/TS analyzer, the HTML/template analyzer and the bundler-config reader alike.

`process.env.X`, `process.env?.X`, `process.env["X"]`, `import.meta.env.X`, and Vite's
`import.meta.env` through an alias or a destructuring pattern. Each caller says
which objects count as an environment where it looks: Astro templates add
`Astro.locals.runtime.env`, bundler configs add the `env` that `loadEnv()` returns.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from kaman_lint import lazy_re
from kaman_lint.named_tuples import NamedTuple

BUNDLED_ENV_OBJECTS = (r"process\.env", r"import\.meta\.env")  # what bundlers inline


def env_read_source(*objects: str) -> str:
    """The regex source of reads of `objects` (regex sources), with groups `object` and `name`."""
    alternatives = "|".join(objects)
    return (rf"""\b(?P<object>{alternatives})(?:(?:\?\.|\.)(?P<name>[A-Za-z_$][\w$]*)|"""
            rf"""\[\s*(?P<quote>['"])(?P<quoted>[A-Za-z_]\w*)(?P=quote)\s*\])""")


def env_read_pattern(*objects: str) -> re.Pattern[str]:
    """`env_read_source` compiled now, for a pattern made at run time (a module constant is a
    `lazy_re.compile` of the source: compiled when first used)."""
    return re.compile(env_read_source(*objects))


def read_name(match: re.Match[str]) -> str:
    """The variable a match of :func:`env_read_pattern` reads."""
    return match.group("name") or match.group("quoted")


# Vite replaces the bare `import.meta.env` too, with an object of every exposed variable, so an
# alias (`const env = import.meta.env; env.VITE_X`) and a destructuring
# (`const { VITE_X: x } = import.meta.env`) read them as surely as `import.meta.env.VITE_X`.
# Not `process.env`: Next and CRA inline only the literal member (client-exposure.md §2.1).
_BARE_META_ENV = r"=\s*import\.meta\.env\b(?!\s*(?:\?\.|\.|\[))"
META_ENV_ALIAS = lazy_re.compile(rf"\b(?:const|let|var)\s+(?P<alias>[A-Za-z_$][\w$]*)\s*(?::[^=;\n]*)?{_BARE_META_ENV}")
META_ENV_DESTRUCTURING = lazy_re.compile(rf"\b(?:const|let|var)\s*\{{(?P<names>[^{{}}]*)\}}\s*(?::[^=;]*)?{_BARE_META_ENV}")
_PATTERN_KEY = lazy_re.compile(r"(?:^|,)\s*([A-Za-z_$][\w$]*)")  # `A`, `B: local`, `C = fallback`; not `...rest`


class IndirectRead(NamedTuple):
    """A read of `import.meta.env` through an alias or a destructuring pattern."""

    name: str
    offset: int  # where the read is written: `env.X`, or `X` inside the pattern
    length: int
    expression: str  # for messages


def indirect_meta_env_reads(text: str) -> Iterator[IndirectRead]:
    """Reads through `const env = import.meta.env` aliases and `{ X } = import.meta.env` patterns."""
    for declared in META_ENV_ALIAS.finditer(text):
        alias = declared.group("alias")
        member = env_read_pattern(rf"(?<![\w$.]){re.escape(alias)}")
        for m in member.finditer(text, declared.end()):
            name = read_name(m)
            yield IndirectRead(name, m.start(), m.end() - m.start(), f"{alias}.{name}")
    for declared in META_ENV_DESTRUCTURING.finditer(text):
        start = declared.start("names")
        for key in _PATTERN_KEY.finditer(declared.group("names")):
            name = key.group(1)
            yield IndirectRead(name, start + key.start(1), len(name), f"{{ {name} }} = import.meta.env")
