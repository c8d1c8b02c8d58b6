"""Where a hard-coded key sits, in words, and the fix that fits there (KAM001's messages).

"Load it from an environment variable" is the wrong advice for a key that is already a `.env`
value, a notebook's printed output or a CI workflow's setting: each place has its own fix.
"""

from __future__ import annotations

import bisect
import re
from pathlib import PurePosixPath

from kaman_lint import lazy_re
from kaman_lint.named_tuples import NamedTuple
from kaman_lint.paths import pure

TYPE_CHECKING = False  # typing.TYPE_CHECKING: typing is not imported at run time
if TYPE_CHECKING:
    from kaman_lint.facts import FileFacts, KeyLiteral

DEFAULT_FIX = "load it from an environment variable or a vault"
PLACEHOLDER = "`kam_your_api_key`"
# The environment variable name advice falls back to when the setting has no usable name.
DEFAULT_VARIABLE = "KAMAN_API_KEY"

_ENV_TEMPLATES = frozenset({"example", "sample", "template", "dist", "tmpl", "tpl", "defaults"})
_TEST_DIRECTORIES = frozenset({"test", "tests", "__tests__", "spec", "specs", "fixtures", "fixture",
                               "testdata", "test-data", "test_data", "e2e", "cypress"})
_TEST_FILE = lazy_re.compile(r"(?:^test_.*|.*_test|.*[._-](?:test|spec)s?|conftest)\.[a-z0-9]+$", re.IGNORECASE)
_VARIABLE = lazy_re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
# A literal that is the default of an environment read: `os.environ.get("X", "kam_...")`,
# `os.getenv("X", default="kam_...")`, `process.env.X || "kam_..."`, `process.env.X ?? 'kam_...'`,
# `${X:-kam_...}` in a shell or compose file. Matched against the text just before the literal.
_ENV_DEFAULT = lazy_re.compile(
    r"""(?:(?P<call>(?:os\.)?(?:environ\.get|getenv|environ\.setdefault)\(\s*['"]\w+['"])\s*,\s*"""
    r"""(?:default\s*=\s*)?[rRbBuU]?['"]"""
    r"""|(?P<js>(?:process\.env|import\.meta\.env)\.\w+)\s*(?:\|\||\?\?)\s*['"`]"""
    r"""|\$\{(?P<shell>\w+):?-)$"""
)
_LOOK_BACK = 160
# The last character of every `_ENV_DEFAULT` match (a quote, a backtick, the `-` of `${X:-`): a
# literal after anything else is no default, told without the search (160 starts tried).
_DEFAULT_ENDS = frozenset("'\"`-")
_CELL = lazy_re.compile(r'(?<!\\)"cell_type"\s*:')


class Place(NamedTuple):
    """Where a key literal sits, as a finding describes it."""
    where: str  # text after the key's preview: " in `KAMAN_API_KEY`", " in the output of cell 3"
    fix: str  # what to do there, before "and rotate this key"


class Places:
    """The places of one file's literals (what is costly to find is found once per file)."""

    def __init__(self, facts: FileFacts) -> None:
        self.facts = facts
        self._cells: list[int] | None = None
        # What the file's path tells (its CI service, whether it is a test file), found once:
        # a bundle asks for 14,600 literals of one path.
        self._path_facts: tuple[PurePosixPath, str | None, bool] | None = None

    def of(self, lit: KeyLiteral) -> Place:
        """The place of `lit` and the fix that fits it."""
        facts = self.facts
        named = f" in `{lit.name}`" if lit.name else ""
        if self._path_facts is None:
            path = pure(facts.source.relpath)
            self._path_facts = path, _ci_service(path), _is_test_file(path)
        path, ci_service, test_file = self._path_facts
        if lit.context == "notebook-output":
            cell = self._cell_number(lit.offset)
            where = f" in the output of cell {cell}" if cell else " in a cell's output"
            return Place(where, "clear the notebook's outputs before committing (`jupyter nbconvert "
                                "--clear-output --inplace`) and stop printing the key")
        default = _env_default(facts.source.text, lit.offset)
        if default is not None:
            return Place(f" as the default of {default}",
                         "drop the default, so that a missing variable fails instead of using this key")
        ci = _ci_fix_of(ci_service, lit.name)
        if ci is not None:
            return Place(named, ci)
        if facts.source.language == "env":
            if _ENV_TEMPLATES.intersection(path.name.lower().split(".")):
                return Place(named + " in a file meant to be committed",
                             f"replace it with a placeholder such as {PLACEHOLDER}")
            return Place(named, "keep this file out of git (add it to .gitignore; commit a "
                                "`.env.example` with a placeholder instead)")
        if test_file:
            return Place(named + " in a test file",
                         f"use a placeholder ({PLACEHOLDER}, or a `placeholders` pattern in the config) "
                         "or read a test key from the environment; if it is a fake key, suppress it "
                         "with a reason")
        return Place(named, DEFAULT_FIX)

    def _cell_number(self, offset: int) -> int | None:
        """The 1-based number of the notebook cell around `offset`: nbformat writes a cell's keys
        sorted, so `"cell_type"` opens each one."""
        if self._cells is None:
            self._cells = [m.start() for m in _CELL.finditer(self.facts.source.text)]
        return bisect.bisect_right(self._cells, offset) or None


def _env_default(text: str, offset: int) -> str | None:
    """The read (`os.environ.get("X")`, as written) whose default the literal at `offset` is."""
    if text[offset - 1:offset] not in _DEFAULT_ENDS:
        return None  # the pattern ends with one of these, right before the literal
    before = text[max(0, offset - _LOOK_BACK):offset].rsplit("\n", 1)[-1]
    match = _ENV_DEFAULT.search(before)
    if match is None:
        return None
    if match.group("call"):
        return f"`{match.group('call')})`"
    if match.group("js"):
        return f"`{match.group('js')}`"
    return f"`${{{match.group('shell')}}}`"


def _ci_service(path: PurePosixPath) -> str | None:
    """The CI configuration a path is: "github" (a workflow), "gitlab", "other", or None."""
    parts = [p.lower() for p in path.parts]
    if len(parts) >= 3 and parts[-3:-1] == [".github", "workflows"] and path.suffix in (".yml", ".yaml"):
        return "github"
    if path.name.lower() == ".gitlab-ci.yml":
        return "gitlab"
    if (".circleci" in parts or path.name.lower() in ("bitbucket-pipelines.yml", "azure-pipelines.yml",
                                                      "jenkinsfile", ".travis.yml")):
        return "other"
    return None


def _ci_fix_of(service: str | None, name: str | None) -> str | None:
    """The fix for a key named `name` in the CI configuration of `service` (`_ci_service`)."""
    if service is None:
        return None
    variable = name if name and _VARIABLE.fullmatch(name) and name.isupper() else DEFAULT_VARIABLE
    if service == "github":
        return f"store it as a repository secret and write `${{{{ secrets.{variable} }}}}` here"
    if service == "gitlab":
        return f"store it as a masked CI/CD variable and read `${variable}` here"
    return "store it in the CI service's secret settings and read it from the environment"


def _is_test_file(path: PurePosixPath) -> bool:
    return bool(_TEST_DIRECTORIES.intersection(p.lower() for p in path.parts[:-1])) or bool(
        _TEST_FILE.match(path.name))
