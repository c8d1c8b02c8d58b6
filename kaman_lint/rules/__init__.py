"""The rule registry: built-in rules listed explicitly, third-party ones from the
`kaman_lint.rules` entry-point group."""

from __future__ import annotations

from functools import cache
from importlib.metadata import entry_points

from kaman_lint.rules.base import Rule
from kaman_lint.rules.kam001 import HardcodedApiKey
from kaman_lint.rules.kam002 import ClientExposedKey
from kaman_lint.rules.kam003 import SharedDevProdKey
from kaman_lint.rules.kam004 import KeyInUrl

BUILTIN: tuple[type[Rule], ...] = (
    HardcodedApiKey,
    ClientExposedKey,
    SharedDevProdKey,
    KeyInUrl,
)


@cache  # entry points are read from every installed distribution's metadata: once per process
def all_rules() -> tuple[type[Rule], ...]:
    plugins = tuple(ep.load() for ep in entry_points(group="kaman_lint.rules"))
    return tuple(sorted(BUILTIN + plugins, key=lambda rule: rule.id))


def rule_by_id(rule_id: str) -> type[Rule] | None:
    return next((r for r in all_rules() if r.id == rule_id.upper()), None)
