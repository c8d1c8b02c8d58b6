"""The scan and history commands' arguments and options, written once: the click commands
(kaman_lint.cli builds their decorators from these tables) and the click-free reading of a plain
run's argv (kaman_lint.command_argv) both take them from here, so neither can drift from the other.

Each entry holds what its click decorator is given: the declarations, a type named by click's
class and that class's own arguments, and the decorator's other keywords as they are."""

from __future__ import annotations

from pathlib import Path

from kaman_lint.report import FORMATS
from kaman_lint.severity import SEVERITIES

TYPE_CHECKING = False  # typing.TYPE_CHECKING: typing is not imported at run time
if TYPE_CHECKING:
    from typing import Any


class Type:
    """`click.<name>(*args, **kwargs)`, named without importing click."""

    __slots__ = ("name", "args", "kwargs")

    def __init__(self, name: str, *args: Any, **kwargs: Any) -> None:
        self.name, self.args, self.kwargs = name, args, kwargs


class Param:
    """`click.argument(...)` or `click.option(...)` with these declarations and keywords."""

    __slots__ = ("declarations", "type", "kwargs", "is_argument")

    def __init__(self, *declarations: str, type: Type | None = None, is_argument: bool = False,
                 **kwargs: Any) -> None:
        self.declarations, self.type, self.kwargs, self.is_argument = declarations, type, kwargs, is_argument

    @property
    def name(self) -> str:
        """The callback's keyword, as click names it: the declaration that is no option
        string, else the longest option string without its dashes."""
        for declaration in self.declarations:
            if not declaration.startswith("-"):
                return declaration
        longest = max(self.declarations, key=lambda d: len(d) - len(d.lstrip("-")))
        return longest.lstrip("-").replace("-", "_").lower()

    @property
    def flags(self) -> tuple[str, ...]:
        return tuple(d for d in self.declarations if d.startswith("-"))

    @property
    def is_flag(self) -> bool:
        return bool(self.kwargs.get("is_flag"))


def _argument(*declarations: str, **kwargs: Any) -> Param:
    return Param(*declarations, is_argument=True, **kwargs)


def _option(*declarations: str, **kwargs: Any) -> Param:
    return Param(*declarations, **kwargs)


# the options scan and history share, as both show them
_FORMAT = _option("--format", "fmt", type=Type("Choice", FORMATS), default="text", show_default=True)
_OUTPUT = _option("-o", "--output", type=Type("Path", dir_okay=False, writable=True),
                  help="Write the report here instead of stdout.")
_SELECT = _option("--select", help="Comma-separated rule ids or prefixes to check.")
_IGNORE = _option("--ignore", help="Comma-separated rule ids or prefixes to skip.")
_BASELINE = _option("--baseline", type=Type("Path", path_type=Path),
                    help="Report only findings not recorded in this file.")
_EXIT_ZERO = _option("--exit-zero", is_flag=True, help="Exit 0 even with findings (never hides exit 2).")
_FAIL_ON = _option("--fail-on", type=Type("Choice", SEVERITIES),
                   help="Lowest severity that makes the exit status 1 (default: note, i.e. any finding).")

SCAN = (
    _argument("paths", nargs=-1, type=Type("Path", path_type=str)),
    _FORMAT,
    _OUTPUT,
    _option("--config", "config_file", type=Type("Path", path_type=Path),
            help="Config file (default: searched upward)."),
    _SELECT,
    _IGNORE,
    _BASELINE,
    _option("--stdin-filename", help="The path a stdin buffer stands for."),
    _EXIT_ZERO,
    _FAIL_ON,
    _option("--staged", is_flag=True, help="Scan what is staged in the git index, not the work tree."),
    _option("--no-ignore", is_flag=True, help="Include files that .gitignore excludes."),
    _option("--follow-links", is_flag=True,
            help="Follow symbolic links out of the scanned tree (never into /proc or devices)."),
    _option("--jobs", "-j", type=Type("IntRange", min=1), help="Worker processes (default: CPU count)."),
    _option("--fix", is_flag=True,
            help="Rewrite what can be fixed (keys to environment reads), advise on the rest."),
    _option("--unsafe-fixes", is_flag=True,
            help="Apply fixes that change behaviour (every env-read rewrite is one)."),
    _option("--diff", is_flag=True, help="Show the fixes as a diff (keys redacted) instead of writing them."),
    _option("-v", "--verbose", is_flag=True,
            help="Say on stderr which config is used (always when CI is set)."),
)


HISTORY = (
    _argument("repo", default=".", type=Type("Path", path_type=str)),
    _option("--range", "revision_range", metavar="A..B",
            help="Scan only these commits (`origin/main..HEAD`, `v1.2..`); default: every ref."),
    _option("--since", metavar="DATE", help="Only commits after DATE (`2024-01-01`, `2.weeks.ago`)."),
    _FORMAT,
    _OUTPUT,
    _option("--config", "config_file", type=Type("Path", path_type=Path),
            help="Config file (default: the repository's)."),
    _SELECT,
    _IGNORE,
    _BASELINE,
    _EXIT_ZERO,
    _FAIL_ON,
    _option("--pre-push", is_flag=True,
            help="Scan the commits being pushed (PRE_COMMIT_FROM_REF..PRE_COMMIT_TO_REF, set by pre-commit)."),
    _option("--jobs", "-j", type=Type("IntRange", min=1), help="Worker processes for analysis (default: CPU count)."),
)
