"""Vite, esbuild and Bun (client-exposure.md §2.2, §2.15): `define` replaces expressions with
values in the client bundle."""

from kaman_lint import lazy_re

CONFIG_BLOCKS = (
    (lazy_re.compile(r"\bdefine\s*:"), "bundler `define` (replaced into the client bundle at build time)", None),
)
