"""The rule registry: built-in rules listed explicitly, third-party ones from the
`kaman_lint.rules` entry-point group (the contract: docs/writing-a-rule.md).

A plugin that cannot be used stops the run with exit status 2, naming the plugin and its
package: one that fails to import, is not a Rule, breaks the declaration contract, or claims an
id that a built-in rule or another plugin already has. A gate must not pass because a rule it
was configured with silently went missing.
"""

from __future__ import annotations

from functools import cache

from kaman_lint import lazy_re
from kaman_lint.findings import Severity
from kaman_lint.rules.base import Rule
from kaman_lint.rules.kam001 import HardcodedApiKey
from kaman_lint.rules.kam002 import ClientExposedKey
from kaman_lint.rules.kam003 import SharedDevProdKey
from kaman_lint.rules.kam004 import KeyInUrl
from kaman_lint.rules.kam005 import HardcodedLongLivedJwt
from kaman_lint.rules.plugins import entry_points

TYPE_CHECKING = False  # typing.TYPE_CHECKING: typing is not imported at run time
if TYPE_CHECKING:
    from importlib.metadata import EntryPoint

BUILTIN: tuple[type[Rule], ...] = (
    HardcodedApiKey,
    ClientExposedKey,
    SharedDevProdKey,
    KeyInUrl,
    HardcodedLongLivedJwt,
)
ENTRY_POINT_GROUP = "kaman_lint.rules"
BUILTIN_PACKAGE = "kaman-lint"
RULE_ID = lazy_re.compile(r"[A-Z]+[0-9]+")  # what --select, suppressions and SARIF expect
RULE_NAME = lazy_re.compile(r"[a-z][a-z0-9]*(?:-[a-z0-9]+)*")  # kebab-case

_origins: dict[type[Rule], str] = {}


class PluginError(Exception):
    """A rule plugin that cannot be used: the run stops (exit 2)."""


@cache  # entry points are read from every installed distribution's metadata: once per process
def all_rules() -> tuple[type[Rule], ...]:
    taken = {rule.id: f"the built-in rule {rule.id} {rule.name}" for rule in BUILTIN}
    plugins = []
    for ep in sorted(entry_points(group=ENTRY_POINT_GROUP), key=lambda e: (_package(e), e.name)):
        rule = _load(ep, taken)
        taken[rule.id] = f"the plugin {ep.name!r} from package {_package(ep)}"
        _origins[rule] = _package(ep, version=True)
        plugins.append(rule)
    return tuple(sorted(BUILTIN + tuple(plugins), key=lambda rule: rule.id))


def rule_by_id(rule_id: str) -> type[Rule] | None:
    return next((r for r in all_rules() if r.id == rule_id.upper()), None)


def origin(rule: type[Rule]) -> str:
    """The package a rule comes from: `kaman-lint`, or the plugin's distribution and version."""
    return _origins.get(rule, BUILTIN_PACKAGE)


def _load(ep: EntryPoint, taken: dict[str, str]) -> type[Rule]:
    where = f"rule plugin {ep.name!r} ({ep.value}) from package {_package(ep)}"
    try:
        rule = ep.load()
    except Exception as err:  # whatever the plugin raises while importing
        raise PluginError(f"{where} failed to import: {type(err).__name__}: {err}") from err
    if not (isinstance(rule, type) and issubclass(rule, Rule)):
        raise PluginError(f"{where} is not a subclass of kaman_lint.rules.base.Rule")
    problem = contract_problem(rule)
    if problem:
        raise PluginError(f"{where}: {problem}")
    if rule.id != ep.name:
        raise PluginError(f"{where} declares id {rule.id}: name the entry point after the rule's id")
    if rule.id in taken:
        raise PluginError(f"{where} claims {rule.id}, already taken by {taken[rule.id]}")
    return rule


def contract_problem(rule: type[Rule]) -> str | None:
    """What a rule class's declaration lacks, or None (docs/writing-a-rule.md)."""
    rule_id, name = getattr(rule, "id", None), getattr(rule, "name", None)
    if not isinstance(rule_id, str) or not RULE_ID.fullmatch(rule_id):
        return f"its id {rule_id!r} is not capital letters then digits (like ACME001)"
    if not isinstance(name, str) or not RULE_NAME.fullmatch(name):
        return f"its name {name!r} is not kebab-case"
    if not isinstance(rule.severity, Severity):
        return "its severity is not a kaman_lint.findings.Severity"
    if not rule.summary():
        return "its docstring has no summary line"
    return None


def _package(ep: EntryPoint, version: bool = False) -> str:
    dist = getattr(ep, "dist", None)
    if dist is None:
        return "an unknown package"
    return f"{dist.name} {dist.version}" if version else dist.name
