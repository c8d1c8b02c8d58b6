"""Configuration: `[tool.kaman-lint]` in pyproject.toml, else `.kaman-lint.toml`, searched
upward from the scan root, or the file given with `--config`.

Every key is validated when the file is read, so a typo fails the run (exit 2) with the file and
the key named, instead of silently scanning with defaults.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterable
from functools import cache, cached_property
from pathlib import Path

from kaman_lint import lazy_re, paths
from kaman_lint.globs import gitignore_spec, literal_regex, literal_test
from kaman_lint.paths import inside, posix
from kaman_lint.reading import NotRegular, TooLarge, read_named_file
from kaman_lint.records import dataclass, field, replace
from kaman_lint.keys import safe_text
from kaman_lint.severity import SEVERITIES
from kaman_lint.user_regex import UnsafePattern, compile_linear

TYPE_CHECKING = False  # typing.TYPE_CHECKING: typing is not imported at run time
if TYPE_CHECKING:
    from typing import Any
    import pathspec

DEFAULT_MAX_FILE_SIZE = 32 * 1024 * 1024  # minified bundles of several MiB are common
CONFIG_FILE_LIMIT = 4 * 1024 * 1024  # a pyproject.toml is a few KiB; /dev/zero-like files end here

# Used when `exclude` is empty. node_modules is deliberately absent: keys get planted in vendored
# code too, and users expect a secret scanner to look there unless it is gitignored.
DEFAULT_EXCLUDE = (
    ".git",
    ".hg",
    ".svn",
    "__pycache__",
    ".venv",
    "venv",
    ".tox",
    ".nox",
    ".mypy_cache",
    ".pytest_cache",
    ".ruff_cache",
)

ENVIRONMENTS = ("development", "production", "staging", "test")

PYPROJECT = "pyproject.toml"
DOTFILE = ".kaman-lint.toml"
TABLE = "[tool.kaman-lint]"


class ConfigError(Exception):
    """A config file that cannot be read, an unknown key or a bad value: exit status 2."""


@dataclass
class Config:
    """The settings of one scan, from the config file and the command line."""
    select: list[str] = field(default_factory=lambda: ["KAM"])
    ignore: list[str] = field(default_factory=list)
    extend_select: list[str] = field(default_factory=list)
    exclude: list[str] = field(default_factory=list)  # replaces the default excludes
    extend_exclude: list[str] = field(default_factory=list)
    per_file_ignores: dict[str, list[str]] = field(default_factory=dict)
    placeholders: list[str] = field(default_factory=list)  # regexes matched against the key
    max_file_size: int = DEFAULT_MAX_FILE_SIZE
    baseline: str | None = None
    fail_on: str | None = None  # lowest severity that fails the run (error, warning, note)
    severity: dict[str, str] = field(default_factory=dict)  # rule id or prefix -> severity
    client_globs: list[str] = field(default_factory=list)
    server_globs: list[str] = field(default_factory=list)
    environments: dict[str, str] = field(default_factory=dict)  # glob -> environment name
    # KAM003: environments whose keys must differ from production's
    shared_key_environments: list[str] = field(default_factory=lambda: ["development"])
    no_ignore: bool = False
    # `--follow-links` only, never a config key: the repository under review must not be able to
    # send the scan out of its own tree
    follow_links: bool = False
    # where the config came from; relative globs and paths are resolved against `project_root`
    path: Path | None = None
    project_root: Path | None = None

    # -- rule selection ------------------------------------------------------------------------

    def rule_enabled(self, rule_id: str, project_path: str | None = None) -> bool:
        """True when `rule_id` is selected (and not ignored, globally or for `project_path`, a
        path from :meth:`project_path`). Ignore wins over select, whatever the prefix lengths."""
        if not rule_id.startswith(self._selected_prefixes):
            return False
        if rule_id.startswith(self._ignored_prefixes):
            return False
        return project_path is None or self.per_file_ignore(rule_id, project_path) is None

    def per_file_ignore(self, rule_id: str, project_path: str) -> str | None:
        """The `per-file-ignores` glob that turns `rule_id` off for `project_path`, or None."""
        for (glob, _), (spec, prefixes) in zip(self.per_file_ignores.items(), self._per_file_ignore_specs):
            if rule_id.startswith(prefixes) and spec.match_file(project_path):
                return glob
        return None

    def severity_for(self, rule_id: str) -> str | None:
        """The configured severity of a rule: the longest matching id or prefix wins."""
        matches = [prefix for prefix in self.severity if prefix == "ALL" or rule_id.startswith(prefix)]
        if not matches:
            return None
        return self.severity[max(matches, key=lambda p: 0 if p == "ALL" else len(p))]

    @cached_property
    def _selected_prefixes(self) -> tuple[str, ...]:
        return _prefixes(self.select + self.extend_select)

    @cached_property
    def _ignored_prefixes(self) -> tuple[str, ...]:
        return _prefixes(self.ignore)

    @cached_property
    def _per_file_ignore_specs(self) -> list[tuple[pathspec.GitIgnoreSpec, tuple[str, ...]]]:
        # Compiled once: rule_enabled runs for every finding.
        return [
            (gitignore_spec([glob]), _prefixes(rules))
            for glob, rules in self.per_file_ignores.items()
        ]

    # -- paths and globs -----------------------------------------------------------------------

    @property
    def effective_exclude(self) -> list[str]:
        """The exclude patterns in force: `exclude` (or the defaults) plus `extend-exclude`."""
        return list(self.exclude or DEFAULT_EXCLUDE) + list(self.extend_exclude)

    @property
    def explicit_exclude(self) -> list[str]:
        """The exclude patterns the config writes out: the ones that hold for files git tracks
        and files named on the command line too. The defaults (`venv`, `.tox`, `__pycache__`...)
        skip local environments a walk would wander into; a tracked file is pushed with the
        rest, whatever its directory is called (`src/venv/settings.py`), so it is scanned."""
        return list(self.exclude) + list(self.extend_exclude)

    @cached_property
    def _exclude_spec(self) -> pathspec.GitIgnoreSpec:
        """`effective_exclude` compiled; match paths relative to `project_root`."""
        return gitignore_spec(self.effective_exclude)

    @property
    def baseline_path(self) -> Path | None:
        """`baseline` resolved against the project root (a CLI `--baseline` replaces it)."""
        if self.baseline is None:
            return None
        return (self.project_root or Path.cwd()) / self.baseline

    # Every glob of the config (excludes, per-file-ignores, client/server globs, environments) is
    # relative to `project_root`, wherever the scan started: the matchers below take only a path
    # from `project_path`, which the engine computes once per file.

    def project_path(self, path: str | os.PathLike[str]) -> str:
        """`path` (absolute, or relative to the working directory) relative to `project_root`,
        `/`-separated ("." for the root); the absolute posix path when it lies outside."""
        absolute = os.path.abspath(path)  # abspath, not resolve: keep the user's symlinked path
        rel = inside(absolute, paths.absolute(self.project_root or os.getcwd()))
        return posix(absolute) if rel is None else rel or "."

    def is_excluded(self, path: str | os.PathLike[str], *, is_dir: bool = False,
                    outside_base: str | None = None, tracked: bool = False) -> bool:
        """Whether `exclude`/`extend-exclude` drop `path` (absolute, or a `project_path`): the
        one test behind the walk, `--staged`, a stdin buffer's name and the language server.
        A path outside the project is matched relative to `outside_base` when given (where a
        walk started, e.g. with `--config` naming another project's file), else never excluded.
        `tracked` (git tracks it, or it was named): only `explicit_exclude` applies."""
        rel = self.project_path(path) if os.path.isabs(path) else posix(os.fspath(path))
        if rel.startswith("/") and outside_base is not None:
            rel = inside(os.path.abspath(path), paths.absolute(outside_base)) or "."
        if rel == "." or rel.startswith("/"):
            return False  # the project (or walk base) itself, or outside it
        return self.excludes(rel, is_dir, tracked=tracked)

    def excludes(self, rel: str, is_dir: bool, *, tracked: bool = False) -> bool:
        """`is_excluded` for a path already relative to the project root ("" for the root):
        what a walk asks of every entry, without path arithmetic."""
        match = self._explicit_match if tracked else self._exclude_match
        return bool(rel) and bool(match(rel + "/" if is_dir else rel))

    def excludes_entry(self, parent: str, name: str, is_dir: bool) -> bool:
        """`excludes(parent/name)` for a walk that judged `parent` and each directory above it
        and found none excluded (it never enters an excluded one). A pattern without a slash
        (`.venv`, `*.min.js`) can then only match the entry's own name: the default excludes
        are a set lookup, other name globs a regex on the name, and only patterns with a slash
        see the whole path. With a negated pattern the whole path is always matched."""
        test = self._entry_exclude_test
        if test is None:
            return self.excludes(f"{parent}/{name}" if parent else name, is_dir)
        return test(parent, name, is_dir)

    @cached_property
    def entry_excluded(self) -> Callable[[str, str, bool], bool]:
        """`excludes_entry` as the one callable it comes to, for a walk that asks it of every
        entry: one call less each (the walk of the large benchmark corpus: -29 M instructions)."""
        return self._entry_exclude_test or self.excludes_entry

    @cached_property
    def _exclude_match(self) -> Callable[[str], bool]:
        """The exclude test, run for every file of a walk."""
        return literal_test(self.effective_exclude) or _matcher(self._exclude_spec)

    @cached_property
    def _explicit_match(self) -> Callable[[str], bool]:
        return literal_test(self.explicit_exclude) or _matcher(gitignore_spec(self.explicit_exclude))

    @cached_property
    def file_names_excluded(self) -> frozenset[str] | None:
        """The names that exclude a file (not a directory) in a directory `excludes_entry`
        holds for, when the name alone decides (no name glob, no pattern with a slash: the
        defaults): a walk asks `name in` these of most entries, with no call."""
        parts = self._entry_exclude_parts
        if parts is None or parts[2] or parts[3]:
            return None
        return frozenset(parts[0])

    @cached_property
    def directory_names_excluded(self) -> frozenset[str] | None:
        """With `file_names_excluded`, the names that exclude a directory where `excludes_entry`
        holds (plain names and plain `name/`s): the walk's test of a subdirectory, a set lookup."""
        parts = self._entry_exclude_parts
        if self.file_names_excluded is None or parts is None:
            return None
        return frozenset(parts[0] | parts[1])

    @cached_property
    def _entry_exclude_test(self) -> Callable[[str, str, bool], bool] | None:
        parts = self._entry_exclude_parts
        if parts is None:
            return None
        names, directory_names, name_globs, path_patterns, literal = parts
        name_glob = _any_pattern(name_globs)  # (none when literal: a plain body is a plain name)
        whole_path = (literal_test(path_patterns) if literal else None) or _any_pattern(path_patterns)

        def test(parent: str, name: str, is_dir: bool) -> bool:
            if name in names or (is_dir and name in directory_names):
                return True
            if name_globs and name_glob(name + "/" if is_dir else name):
                return True
            if path_patterns:
                rel = f"{parent}/{name}" if parent else name
                return bool(whole_path(rel + "/" if is_dir else rel))
            return False

        return test

    @cached_property
    def _entry_exclude_parts(self) -> tuple[set[str], set[str], list, list, bool] | None:
        """The excludes sorted for `excludes_entry`: plain names, plain `name/`s, name globs,
        patterns that see the whole path, and whether all are literal lines (not pathspec
        patterns); None with a negated pattern."""
        names: set[str] = set()  # plain names, for files and directories
        directory_names: set[str] = set()  # `name/`
        name_globs, path_patterns = [], []
        # Plain names and paths only (the defaults, most configs): sorted from the lines
        # themselves, with no pathspec to import (20-30 ms at the start of every walk).
        literal = all(literal_regex(line) is not None for line in self.effective_exclude)
        for pattern in self.effective_exclude if literal else self._exclude_spec.patterns:
            if not literal and pattern.include is None:
                continue
            if not literal and not pattern.include:
                return None
            line = pattern if literal else pattern.pattern
            body = line[:-1] if line.endswith("/") else line
            # `**`, classes (`[!a]` matches a slash) and escapes can reach across directories
            if "/" in body or "\\" in body or "**" in body or "[" in body:
                path_patterns.append(pattern)
            elif _PLAIN_NAME.fullmatch(body):
                (directory_names if line.endswith("/") else names).add(body)
            else:
                name_globs.append(pattern)
        return names, directory_names, name_globs, path_patterns, literal

    def environment_for(self, project_path: str | None) -> str | None:
        """The environment the `environments` table assigns to a `project_path` (last matching
        glob wins), or None when no glob matches."""
        found = None
        for spec, env in self._environment_specs if project_path else ():
            if spec.match_file(project_path):
                found = env
        return found

    def role_for(self, project_path: str | None) -> str | None:
        """"client" or "server" from `client-globs` / `server-globs` (server wins a tie, as it is
        the safer default for a key), or None when neither matches."""
        if not project_path or not (self.server_globs or self.client_globs):
            return None
        if self._server_spec.match_file(project_path):
            return "server"
        if self._client_spec.match_file(project_path):
            return "client"
        return None

    @cached_property
    def _environment_specs(self) -> list[tuple[pathspec.GitIgnoreSpec, str]]:
        return [(gitignore_spec([g]), env) for g, env in self.environments.items()]

    @cached_property
    def _client_spec(self) -> pathspec.GitIgnoreSpec:
        return gitignore_spec(self.client_globs)

    @cached_property
    def _server_spec(self) -> pathspec.GitIgnoreSpec:
        return gitignore_spec(self.server_globs)

    # -- command-line overrides ----------------------------------------------------------------

    def with_overrides(
        self,
        *,
        select: str | Iterable[str] | None = None,
        ignore: str | Iterable[str] | None = None,
        no_ignore: bool | None = None,
        follow_links: bool | None = None,
    ) -> Config:
        """A copy with the command line's values in place of the config's.

        `--select` replaces both `select` and `extend-select` (the user said exactly which rules
        to run); `--ignore` replaces `ignore` (per-file-ignores still apply); `--no-ignore` sets
        `no_ignore`. Rule lists may be comma-separated strings, as click hands them over. Bad
        ids raise ConfigError.
        """
        changes: dict[str, Any] = {}
        if select is not None:
            changes["select"] = parse_rule_list(select, "--select")
            changes["extend_select"] = []
        if ignore is not None:
            changes["ignore"] = parse_rule_list(ignore, "--ignore")
        if no_ignore is not None:
            changes["no_ignore"] = no_ignore
        if follow_links is not None:
            changes["follow_links"] = follow_links
        return replace(self, **changes)  # a new instance: no stale cached properties


def parse_rule_list(value: str | Iterable[str], where: str) -> list[str]:
    """Rule ids, prefixes and names from the command line or the config, in canonical form
    (`kam001` is KAM001, as ruff takes `e501`; `hardcoded-api-key` is KAM001) and checked against
    the registry (`selectors`): the one place that reads a rule list. An unknown one is an error
    with a did-you-mean. Comma-separated strings are split (click hands `--select a,b` over as one)."""
    from kaman_lint import selectors

    items = [value] if isinstance(value, str) else list(value)
    try:
        return [selectors.resolve(part) for item in items for part in item.split(",") if part.strip()]
    except selectors.UnknownRule as err:
        raise ConfigError(f"{where}: {err}") from err


def check_selection(config: Config) -> None:
    """A selection that leaves no rule enabled (`--ignore KAM`, `select = []`, select and ignore
    naming the same rule) would pass every tree: an error, not a quiet "No findings"."""
    from kaman_lint import selectors

    enabled = [rule_id for rule_id in selectors.rule_ids() if config.rule_enabled(rule_id)]
    if not enabled:
        shown = ", ".join(config.select + config.extend_select) or "nothing"
        ignored = f"; ignore = {', '.join(config.ignore)}" if config.ignore else ""
        raise ConfigError(f"the rule selection enables no rule (select = {shown}{ignored}); "
                          "`kaman-lint rules` lists them")
    # `per-file-ignores = {"**" = ["KAM"]}` says the same for every file: no rule runs anywhere
    everywhere = {glob: prefixes for glob, (spec, prefixes) in zip(config.per_file_ignores,
                                                                   config._per_file_ignore_specs)
                  if all(spec.match_file(probe) for probe in _ANY_PATHS)}
    if everywhere and all(any(rule_id.startswith(p) for p in everywhere.values()) for rule_id in enabled):
        globs = ", ".join(repr(glob) for glob in everywhere)
        raise ConfigError(f"per-file-ignores {globs} match every file and leave no rule enabled: "
                          "nothing would be checked; name the files to ignore rules for")


# Paths of every shape a glob may have to match to match "every file": one at the top, one deep,
# hidden ones, names without a suffix.
_ANY_PATHS = ("app.py", "src/a/b/settings.env", ".env", ".github/workflows/ci.yml", "Dockerfile",
              "docs/.hidden/x")


_PLAIN_NAME = lazy_re.compile(r"(?!\.+$)[A-Za-z0-9._-]+")  # an exclude that is just a name, `.venv`


def _any_pattern(patterns: list) -> Callable[[str], bool]:
    """Whether any of these (non-negated) pathspec patterns matches: one combined regex instead
    of a loop over them."""
    if not patterns:
        return lambda rel: False
    # pathspec names a group in each regex; one regex may hold a name only once
    combined = "|".join(f"(?:{re.sub(r'[(][?]P<[^>]+>', '(?:', p.regex.pattern)})" for p in patterns)
    return re.compile(combined).match


def _prefixes(rules: Iterable[str]) -> tuple[str, ...]:
    # "ALL" is the empty prefix: every id starts with it.
    return tuple("" if r == "ALL" else r for r in rules)


# -- finding and reading the file ------------------------------------------------------------------


def load_config(start: Path, explicit: Path | None = None) -> Config:
    """Read the config for a scan starting at `start` (a directory, or a file in one).

    With `explicit` (`--config`), read that file and nothing else: it replaces the repository's
    config entirely (no merging), so a CI job can pin a trusted config kept outside the change
    under review. A pyproject.toml gives its `[tool.kaman-lint]` table (missing table: an error,
    since the user pointed at it), any other file is the table. Its globs and paths are relative
    to the working directory (as ruff does with `--config`): a config taken from the base branch
    into a temporary file still means the checkout's `tests/**`.
    Otherwise the nearest directory upward with a pyproject.toml holding the table, else a
    `.kaman-lint.toml`, wins. Nothing found: defaults, with `project_root` = the start directory.
    """
    if explicit is not None:
        path = Path(os.path.abspath(explicit))
        data = _read_toml(path)
        if path.name == PYPROJECT:
            table = _tool_table(data)
            if table is None:
                raise ConfigError(f"{_display(path)}: no {TABLE} table")
            return _parse_table(table, path, in_pyproject=True, project_root=Path.cwd())
        return _parse_table(data, path, in_pyproject=False, project_root=Path.cwd())

    start_dir = Path(os.path.abspath(start))  # abspath, not resolve: keep the user's symlinked path
    if not start_dir.is_dir():
        start_dir = start_dir.parent
    found = find_config_file(start_dir)
    if found is None:
        return Config(project_root=start_dir)
    path, table = found
    return _parse_table(table, path, in_pyproject=path.name == PYPROJECT)


def find_config_file(start_dir: Path) -> tuple[Path, dict[str, Any]] | None:
    """The nearest config file from `start_dir` up to the filesystem root, and its table."""
    for directory in (start_dir, *start_dir.parents):
        pyproject = directory / PYPROJECT
        if pyproject.exists():  # a FIFO or a link to a device too: _read_toml refuses those
            table = _tool_table(_read_toml(pyproject, found=True))
            if table is not None:
                return pyproject, table
        dotfile = directory / DOTFILE
        if dotfile.exists():
            return dotfile, _read_toml(dotfile, found=True)
    return None


def _read_toml(path: Path, *, found: bool = False) -> dict[str, Any]:
    """A config file's TOML, read as scanned files are (`reading.read_named_file`): a regular
    file of at most CONFIG_FILE_LIMIT bytes. A config `found` by the upward search must also
    lie inside its repository (or its directory): a link out of it is not read."""
    if found:
        real, home = os.path.realpath(path), os.path.realpath(paths.repository_top(str(path.parent)) or path.parent)
        if inside(real, home) is None:
            raise ConfigError(f"{_display(path)}: a link to a file outside the project ({posix(real)}); not read")
    try:
        data = read_named_file(str(path), CONFIG_FILE_LIMIT)
    except NotRegular as e:
        raise ConfigError(f"{_display(path)}: not a regular file ({e})") from e
    except TooLarge as e:
        raise ConfigError(f"{_display(path)}: too large for a config file ({e.size} bytes; "
                          f"at most {CONFIG_FILE_LIMIT})") from e
    except OSError as e:
        raise ConfigError(f"{_display(path)}: cannot read: {e.strerror or e}") from e
    from kaman_lint._toml import tomllib  # here: a run with no config file never loads the parser

    try:
        return tomllib.loads(data.decode("utf-8"))
    except UnicodeDecodeError as e:
        raise ConfigError(f"{_display(path)}: invalid TOML: not UTF-8 ({e.reason} at byte {e.start})") from e
    except tomllib.TOMLDecodeError as e:
        raise ConfigError(f"{_display(path)}: invalid TOML: {e}") from e


def _tool_table(pyproject: dict[str, Any]) -> dict[str, Any] | None:
    tool = pyproject.get("tool")
    if not isinstance(tool, dict):
        return None
    return tool.get("kaman-lint")


def describe(config: Config, explicit: bool) -> str:
    """Which config a scan uses, in one line for stderr (CI logs, `-v`), and the rules it does
    not run: a change can turn a rule off in the config beside the key that rule would find."""
    from kaman_lint import selectors

    off = [rule_id for rule_id in selectors.rule_ids() if not config.rule_enabled(rule_id)]
    rules = f"; rules not run: {', '.join(off)}" if off else ""
    # and what keeps a finding from failing the run: a rule lowered below `fail-on` still prints
    if config.severity:
        rules += "; severity " + ", ".join(f"{rule} = {level}" for rule, level in sorted(config.severity.items()))
    if config.fail_on:
        rules += f"; fail-on = {config.fail_on}"
    if config.path is None:
        return f"config: none found; defaults{rules}"
    shown = _display(config.path) + (f" {TABLE}" if config.path.name == PYPROJECT else "")
    if explicit:
        return f"config: {shown} (from --config: the repository's own config is not read){rules}"
    return f"config: {shown}{rules}"


def _display(path: Path) -> str:
    """The path as the user would type it: relative to the working directory when inside it."""
    try:
        return path.relative_to(Path.cwd()).as_posix()
    except ValueError:
        return str(path)


# -- validating the table --------------------------------------------------------------------------


class _Validator:
    """Checks one table's values; every error names the file, the table and the key."""

    def __init__(self, path: Path, in_pyproject: bool) -> None:
        self.prefix = f"{_display(path)}: {TABLE + ' ' if in_pyproject else ''}"
        self.project_root = path.parent

    def error(self, message: str) -> ConfigError:
        return ConfigError(self.prefix + message)

    def string(self, key: str, value: Any) -> str:
        if not isinstance(value, str):
            raise self.error(f"'{key}' must be a string, not {_type_name(value)}")
        return value

    def project_file(self, key: str, value: Any) -> str:
        """A file the config names: it must lie inside the project (the config's directory),
        symbolic links resolved. A cloned repository's config must not make the tool read or
        write `../../home/user/.zshenv`; a command-line option may name any file."""
        name = self.string(key, value)
        real = os.path.realpath(os.path.join(self.project_root, name))
        if inside(real, os.path.realpath(self.project_root)) is None:
            raise self.error(f"'{key}' must name a file inside the project ({posix(str(self.project_root))}), "
                             f"not {name!r}")
        return name

    def boolean(self, key: str, value: Any) -> bool:
        if not isinstance(value, bool):
            raise self.error(f"'{key}' must be true or false, not {_type_name(value)}")
        return value

    def strings(self, key: str, value: Any) -> list[str]:
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise self.error(f"'{key}' must be a list of strings")
        return list(value)

    def table(self, key: str, value: Any) -> dict[str, Any]:
        if not isinstance(value, dict):
            raise self.error(f"'{key}' must be a table, not {_type_name(value)}")
        return value

    def rules(self, key: str, value: Any) -> list[str]:
        return parse_rule_list(self.strings(key, value), f"{self.prefix}'{key}'")

    def globs(self, key: str, value: Any) -> list[str]:
        globs = self.strings(key, value)
        for glob in globs:
            self.glob(key, glob)
        return globs

    def glob(self, key: str, glob: str) -> None:
        if literal_regex(glob) is not None:
            return  # a plain name or path: valid, and checking it would import pathspec
        try:
            gitignore_spec([glob])
        except Exception as e:  # pathspec's error types changed across versions
            raise self.error(f"'{key}': invalid glob {glob!r}: {e}") from e

    def regexes(self, key: str, value: Any) -> list[str]:
        patterns = self.strings(key, value)
        for pattern in patterns:
            try:
                compiled = compile_linear(pattern)  # the repository's own patterns: RE2, never backtracking
            except UnsafePattern as e:
                raise self.error(f"'{key}': regular expression {safe_text(repr(pattern))} is not "
                                 f"accepted: {e}") from e
            matched = sum(1 for body in _random_key_bodies()
                          if compiled.search(body) or compiled.search("kam_" + body))
            if matched:  # `.*`, `""`, `[a-z]`: a repository could make every key a placeholder
                raise self.error(f"'{key}': regular expression {safe_text(repr(pattern))} matches "
                                 f"{matched} of {len(_random_key_bodies())} random keys: a placeholder "
                                 "pattern must single out your own fake keys (e.g. \"^kam_test_\")")
        return patterns

    def per_file_ignores(self, key: str, value: Any) -> dict[str, list[str]]:
        result = {}
        for glob, rules in self.table(key, value).items():
            self.glob(key, glob)
            result[glob] = self.rules(f'{key}."{glob}"', rules)
        return result

    def environments(self, key: str, value: Any) -> dict[str, str]:
        """Accept `{"config/live/*" = "production"}` and `{production = ["config/live/*"]}`."""
        result: dict[str, str] = {}
        for name, item in self.table(key, value).items():
            if isinstance(item, str) and name in ENVIRONMENTS and item not in ENVIRONMENTS:
                self.glob(key, item)  # environment = glob
                result[item] = name
            elif isinstance(item, str):  # glob = environment
                self.glob(key, name)
                result[name] = self.environment_name(f'{key}."{name}"', item)
            elif isinstance(item, list):  # environment = [globs]
                env = self.environment_name(key, name)
                for glob in self.globs(f'{key}."{name}"', item):
                    result[glob] = env
            else:
                raise self.error(
                    f"'{key}.\"{name}\"' must be an environment name or a list of globs, not {_type_name(item)}"
                )
        return result

    def non_production_environments(self, key: str, value: Any) -> list[str]:
        """`["development", "staging"]`: environments compared with production (KAM003)."""
        names = [self.environment_name(key, name) for name in self.strings(key, value)]
        if "production" in names:
            raise self.error(f"'{key}': production is what the others are compared with; list the rest")
        return names

    def environment_name(self, key: str, name: str) -> str:
        if name not in ENVIRONMENTS:
            raise self.error(f"'{key}': unknown environment {name!r} (expected one of {', '.join(ENVIRONMENTS)})")
        return name

    def severity_name(self, key: str, value: Any) -> str:
        name = self.string(key, value)
        if name not in SEVERITIES:
            raise self.error(f"'{key}': unknown severity {name!r} (expected one of {', '.join(SEVERITIES)})")
        return name

    def severities(self, key: str, value: Any) -> dict[str, str]:
        """`{KAM003 = "warning"}`: a team's own severity for a rule (or a prefix of ids)."""
        result = {}
        for rule, name in self.table(key, value).items():
            rule_ids = self.rules(key, [rule])
            if len(rule_ids) != 1:  # `"" = ...` or `"KAM001,KAM002" = ...`
                raise self.error(f"'{key}': invalid rule id {rule!r} (expected one id or prefix)")
            result[rule_ids[0]] = self.severity_name(f'{key}."{rule}"', name)
        return result

    def size(self, key: str, value: Any) -> int:
        if isinstance(value, bool) or not isinstance(value, (int, str)):
            raise self.error(f"'{key}' must be a number of bytes or a string like \"10MB\", not {_type_name(value)}")
        size = value if isinstance(value, int) else parse_size(value)
        if size is None or size <= 0:
            raise self.error(
                f"'{key}': invalid size {value!r} (use a number of bytes, or a string like \"10MB\", \"512KiB\", \"2M\")"
            )
        return size


@cache
def _random_key_bodies() -> tuple[str, ...]:
    """Bodies of real-looking keys (random base62, 24-48 characters, seeded): a `placeholders`
    pattern that matches any of them would hide real keys too."""
    import random
    import string

    from kaman_lint.keys import is_placeholder

    rng = random.Random("kaman-lint/placeholder-check")
    alphabet = string.ascii_letters + string.digits
    bodies = ("".join(rng.choices(alphabet, k=rng.randint(24, 48))) for _ in range(64))
    return tuple(b for b in bodies if not is_placeholder(b))[:32]


# The config key, the dataclass field it sets, and how to check it.
_KEYS: dict[str, tuple[str, Any]] = {
    "select": ("select", _Validator.rules),
    "ignore": ("ignore", _Validator.rules),
    "extend-select": ("extend_select", _Validator.rules),
    "exclude": ("exclude", _Validator.globs),
    "extend-exclude": ("extend_exclude", _Validator.globs),
    "per-file-ignores": ("per_file_ignores", _Validator.per_file_ignores),
    "placeholders": ("placeholders", _Validator.regexes),
    "max-file-size": ("max_file_size", _Validator.size),
    "baseline": ("baseline", _Validator.project_file),
    "fail-on": ("fail_on", _Validator.severity_name),
    "severity": ("severity", _Validator.severities),
    "client-globs": ("client_globs", _Validator.globs),
    "server-globs": ("server_globs", _Validator.globs),
    "environments": ("environments", _Validator.environments),
    "shared-key-environments": ("shared_key_environments", _Validator.non_production_environments),
    "no-ignore": ("no_ignore", _Validator.boolean),
}


def _parse_table(table: Any, path: Path, *, in_pyproject: bool, project_root: Path | None = None) -> Config:
    check = _Validator(path, in_pyproject)
    if not isinstance(table, dict):
        raise check.error(f"must be a table, not {_type_name(table)}")
    if not in_pyproject and isinstance(table.get("tool"), dict) and "kaman-lint" in table["tool"]:
        raise check.error(f"this file takes the keys at the top level: drop the {TABLE} header "
                          "(that table is for pyproject.toml)")
    values: dict[str, Any] = {}
    for key, value in table.items():
        if key not in _KEYS:
            import difflib  # only for this message

            hint = difflib.get_close_matches(key, _KEYS, n=1)
            raise check.error(f"unknown key '{key}'" + (f" (did you mean {hint[0]!r}?)" if hint else ""))
        field_name, validate = _KEYS[key]
        values[field_name] = validate(check, key, value)
    return Config(**values, path=path, project_root=project_root or path.parent)


_SIZE = lazy_re.compile(r"\s*(\d+(?:\.\d+)?)\s*(?:([KMG])(i?)B?|B)?\s*", re.IGNORECASE)
_POWERS = {"K": 1, "M": 2, "G": 3}


def parse_size(text: str) -> int | None:
    """Bytes from "1048576", "512KiB", "2M", "10MB". A bare letter or an `i` means powers of
    1024 (as in `du -h`); KB/MB/GB mean powers of 1000. None when the text is not a size."""
    m = _SIZE.fullmatch(text)
    if m is None:
        return None
    number, unit, binary = m.groups()
    if unit is None:
        return int(float(number))
    decimal = text.rstrip().upper().endswith("B") and not binary
    base = 1000 if decimal else 1024
    return int(float(number) * base ** _POWERS[unit.upper()])


def _type_name(value: Any) -> str:
    return {
        bool: "a boolean",
        int: "an integer",
        float: "a number",
        str: "a string",
        list: "a list",
        dict: "a table",
    }.get(type(value), type(value).__name__)


def _matcher(spec: pathspec.GitIgnoreSpec) -> Callable[[str], bool]:
    """A compiled exclude test, run for every file of a walk. Without negated patterns
    "excluded" is "any pattern matches": one combined regex instead of a loop over patterns."""
    patterns = [p for p in spec.patterns if p.include is not None]
    if any(not p.include for p in patterns):
        return spec.match_file
    return _any_pattern(patterns)
