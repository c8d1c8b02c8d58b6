"""The command line: click commands only. Errors of the tool map to exit status 2.

Imports here are only what every run needs (click and the option choices): the scanner, the
config reader and the reporters are imported inside the commands that use them, so
`kaman-lint --version` and a pre-commit run on a few files pay for nothing else
(`python -X importtime -m kaman_lint --version` shows it).
"""

from __future__ import annotations

import gc
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

import click

from kaman_lint import __version__
from kaman_lint.report import FORMATS
from kaman_lint.severity import EXIT_ERROR, SEVERITIES, Severity

if TYPE_CHECKING:
    from kaman_lint.config import Config
    from kaman_lint.findings import ScanResult


class ToolError(click.ClickException):
    """The tool could not do its job (exit 2)."""

    exit_code = EXIT_ERROR

    def show(self, file=None) -> None:
        click.echo(f"kaman-lint: error: {_printed(self.format_message())}", err=True)


class InternalError(ToolError):
    """A bug: reported in one redacted line (a traceback could quote a key), exit 2."""

    def show(self, file=None) -> None:
        click.echo(f"kaman-lint: internal error: {_printed(self.format_message())}", err=True)


class _Group(click.Group):
    """Turns any exception a command did not expect into :class:`InternalError`, and redacts
    click's usage errors, which quote what was typed (a key pasted into the wrong option)."""

    def make_context(self, info_name, args, parent=None, **extra) -> click.Context:
        try:
            return super().make_context(info_name, args, parent, **extra)
        except click.ClickException as err:
            raise _redacted(err) from None

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except click.ClickException as err:
            raise _redacted(err) from None
        except (click.exceptions.Exit, click.exceptions.Abort):
            raise
        except BrokenPipeError:
            # `kaman-lint scan | head`: the reader went away, which is no bug of ours to report;
            # the report was not delivered, so the run did not do its job (exit 2), quietly
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())  # the interpreter flushes stdout again at exit
            raise click.exceptions.Exit(EXIT_ERROR) from None
        except Exception as err:
            from kaman_lint.rules import PluginError  # imported already if it is one

            if isinstance(err, PluginError):
                raise ToolError(str(err)) from err
            message = " ".join(f"{type(err).__name__}: {err}".split())
            raise InternalError(message) from err


def _inside(path: str, top: str) -> bool:
    return path == top or path.startswith(top.rstrip(os.sep) + os.sep)


def _redacted(err: click.ClickException) -> click.ClickException:
    """`err` with its message redacted (ours are redacted when shown; click's quote the value)."""
    if not isinstance(err, ToolError):
        from kaman_lint.keys import safe_text

        err.message = safe_text(err.message)
    return err


def _written(path: Path | str, write, tree: Path | str | None = None) -> None:
    """Run `write()`, turning a failure to write `path` into a tool error (exit 2). With `tree`
    (the scanned tree), a `path` inside it that a link sends out of it is refused: a pull request
    can commit `report.sarif -> ~/.bashrc`, and a report must not overwrite the runner's files."""
    if tree is not None:
        named, real = os.path.abspath(path), os.path.realpath(path)
        if named != real and _inside(named, os.path.abspath(tree)) and not _inside(real, os.path.realpath(tree)):
            raise ToolError(f"{path}: a link out of the scanned tree (to {real}); not written")
    try:
        write()
    except OSError as err:
        raise ToolError(f"cannot write {path}: {err.strerror or err}") from err


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="kaman-lint")
def main() -> None:
    """Find Kaman API keys where they must not be."""


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=str))
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="text", show_default=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True), help="Write the report here instead of stdout.")
@click.option("--config", "config_file", type=click.Path(path_type=Path), help="Config file (default: searched upward).")
@click.option("--select", help="Comma-separated rule ids or prefixes to check.")
@click.option("--ignore", help="Comma-separated rule ids or prefixes to skip.")
@click.option("--baseline", type=click.Path(path_type=Path), help="Report only findings not recorded in this file.")
@click.option("--stdin-filename", help="The path a stdin buffer stands for.")
@click.option("--exit-zero", is_flag=True, help="Exit 0 even with findings (never hides exit 2).")
@click.option("--fail-on", type=click.Choice(SEVERITIES),
              help="Lowest severity that makes the exit status 1 (default: note, i.e. any finding).")
@click.option("--staged", is_flag=True, help="Scan what is staged in the git index, not the work tree.")
@click.option("--no-ignore", is_flag=True, help="Include files that .gitignore excludes.")
@click.option("--follow-links", is_flag=True,
              help="Follow symbolic links out of the scanned tree (never into /proc or devices).")
@click.option("--jobs", "-j", type=click.IntRange(min=1), help="Worker processes (default: CPU count).")
@click.option("--fix", is_flag=True, help="Rewrite what can be fixed (keys to environment reads), advise on the rest.")
@click.option("--unsafe-fixes", is_flag=True, help="Apply fixes that change behaviour (every env-read rewrite is one).")
@click.option("--diff", is_flag=True, help="Show the fixes as a diff (keys redacted) instead of writing them.")
@click.option("-v", "--verbose", is_flag=True, help="Say on stderr which config is used (always when CI is set).")
def scan(paths, fmt, output, config_file, select, ignore, baseline, stdin_filename, exit_zero,
         fail_on, staged, no_ignore, follow_links, jobs, fix, unsafe_fixes, diff, verbose) -> None:
    """Scan PATHS (default ".") for Kaman keys; "-" reads one file from stdin."""
    # the whole command, the config's and the rules' imports included: what they make lives
    # as long as the run, and collecting it every 700 allocations found nothing to free
    with _fewer_collections():
        paths = _stdin_paths(list(paths), stdin_filename) or ["."]
        if not staged:  # --staged takes pathspecs into the index, which need not exist on disk
            _check_paths_exist(paths)
        root = scan_root(paths, stdin_filename)
        config = _load(paths, root, config_file, select, ignore, no_ignore, stdin_filename, follow_links, verbose)
        threshold = _fail_on(fail_on, config)
        known = _baseline(baseline, config)
        if (fix or diff) and ("-" in paths or staged):
            raise ToolError("--fix and --diff rewrite files in the work tree: not with stdin or --staged")

        def scan_once() -> ScanResult:
            result = _run(paths, config, root, stdin_filename, staged, jobs)
            if known is None:
                return result
            from kaman_lint import baseline as baselines

            return baselines.apply(result, known, baselines.coverage(paths, config, known, stdin_filename))

        result = scan_once()
        if fix or diff:
            result = _fix(result, config, root, scan_once, unsafe_fixes, diff)
        if diff:
            _print_notices(result)
        else:
            _emit(result, fmt, output)
        sys.exit(result.exit_status(threshold, exit_zero=exit_zero))


# The cyclic collector's thresholds while a command scans and reports. A scan keeps every
# finding, and a report makes a dict tree per finding: millions of objects, nearly none in a
# cycle, that the default thresholds (a collection every 700 allocations) walk again and again
# (a 20 MiB bundle of 161,000 findings: 18.5 -> 16.3 CPU-s, same peak memory).
SCAN_GC_THRESHOLD = (100_000, 20, 100)


@contextmanager
def _fewer_collections() -> Iterator[None]:
    """Collect less often during a scan; the caller's thresholds are back after it (tests and
    the LSP server run scans in a long-lived process)."""
    before = gc.get_threshold()
    gc.set_threshold(*SCAN_GC_THRESHOLD)
    try:
        yield
    finally:
        gc.set_threshold(*before)


@main.command("baseline")
@click.argument("paths", nargs=-1, type=click.Path(path_type=str))
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="The baseline file (default: the config's `baseline`, else .kaman-lint-baseline.json).")
@click.option("--update", is_flag=True, help="Only drop entries that no longer match; record nothing new.")
@click.option("--config", "config_file", type=click.Path(path_type=Path), help="Config file (default: searched upward).")
@click.option("--select", help="Comma-separated rule ids or prefixes to check.")
@click.option("--ignore", help="Comma-separated rule ids or prefixes to skip.")
@click.option("--staged", is_flag=True, help="Record what is staged in the git index, not the work tree.")
@click.option("--no-ignore", is_flag=True, help="Include files that .gitignore excludes.")
@click.option("--follow-links", is_flag=True,
              help="Follow symbolic links out of the scanned tree (never into /proc or devices).")
@click.option("--jobs", "-j", type=click.IntRange(min=1), help="Worker processes (default: CPU count).")
@click.option("-v", "--verbose", is_flag=True, help="Say on stderr which config is used (always when CI is set).")
@click.option("--from-detect-secrets", "detect_secrets_baseline", type=click.Path(path_type=Path),
              help="Record the Kaman keys this detect-secrets baseline accepted instead of scanning PATHS.")
def baseline_command(paths, output, update, config_file, select, ignore, staged, no_ignore, follow_links,
                     jobs, verbose, detect_secrets_baseline) -> None:
    """Record today's findings under PATHS (default ".") so a gate fails only on new ones."""
    from kaman_lint import baseline as baselines
    from kaman_lint.report._common import skipped_counts

    paths = list(paths) or ["."]
    if "-" in paths:
        raise ToolError("a baseline records files, not stdin")
    if not staged:
        _check_paths_exist(paths)
    root = scan_root(paths, None)
    config = _load(paths, root, config_file, select, ignore, no_ignore, None, follow_links, verbose)
    target = output or config.baseline_path or Path(baselines.DEFAULT_PATH)
    old = _read_baseline(target) if Path(target).exists() else baselines.Baseline.empty(target)
    if update and not Path(target).exists():
        raise ToolError(f"{target}: no baseline to update")
    if detect_secrets_baseline is not None:
        return _from_detect_secrets(detect_secrets_baseline, config, target, old, jobs)
    result = _run(paths, config, root, None, staged, jobs)
    _print_notices(result)
    if result.incomplete:  # a baseline of a partial scan would drop what it could not read
        click.echo("kaman-lint: error: the scan was incomplete (see above); baseline not written", err=True)
        sys.exit(EXIT_ERROR)
    entries = baselines.refresh(result, old, baselines.coverage(paths, config, old), prune_only=update)
    try:
        _written(target, lambda: baselines.write(target, entries), root)
    except baselines.BaselineError as err:
        raise ToolError(str(err)) from err
    added, dropped = len(set(entries) - old.entries), len(old.entries - set(entries))
    skipped = skipped_counts(result)
    click.echo(f"Wrote {_shown(str(target))}: {len(entries)} entries ({added} added, {dropped} dropped)"
               + (f"; {skipped} skipped." if skipped else "."), err=True)
    if output is None and config.baseline_path is None:  # a scan does not pick it up by itself
        shown = _shown(str(target))
        click.echo(f"Gate on it with `kaman-lint scan --baseline {shown}`, or `baseline = \"{shown}\"` "
                   "in the config.", err=True)


def _from_detect_secrets(file: Path, config: Config, target: Path, old, jobs) -> None:
    from kaman_lint import baseline as baselines
    from kaman_lint.detect_secrets.baseline import DetectSecretsError, migrate

    try:
        entries, unmapped = migrate(file, config, target, jobs)
    except DetectSecretsError as err:
        raise ToolError(str(err)) from err
    for item in unmapped:
        click.echo(f"kaman-lint: not mapped: {_printed(str(item))}", err=True)
    merged = sorted(old.entries | set(entries))
    try:
        _written(target, lambda: baselines.write(target, merged), Path.cwd())
    except baselines.BaselineError as err:
        raise ToolError(str(err)) from err
    click.echo(f"Wrote {_shown(str(target))}: {len(merged)} entries ({len(set(merged) - old.entries)} added "
               f"from {_shown(str(file))}; "
               f"{len(unmapped)} detect-secrets results not mapped).", err=True)


@main.command()
@click.argument("repo", default=".", type=click.Path(path_type=str))
@click.option("--range", "revision_range", metavar="A..B",
              help="Scan only these commits (`origin/main..HEAD`, `v1.2..`); default: every ref.")
@click.option("--since", metavar="DATE", help="Only commits after DATE (`2024-01-01`, `2.weeks.ago`).")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="text", show_default=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True), help="Write the report here instead of stdout.")
@click.option("--config", "config_file", type=click.Path(path_type=Path), help="Config file (default: the repository's).")
@click.option("--select", help="Comma-separated rule ids or prefixes to check.")
@click.option("--ignore", help="Comma-separated rule ids or prefixes to skip.")
@click.option("--baseline", type=click.Path(path_type=Path), help="Report only findings not recorded in this file.")
@click.option("--exit-zero", is_flag=True, help="Exit 0 even with findings (never hides exit 2).")
@click.option("--fail-on", type=click.Choice(SEVERITIES),
              help="Lowest severity that makes the exit status 1 (default: note, i.e. any finding).")
@click.option("--pre-push", is_flag=True,
              help="Scan the commits being pushed (PRE_COMMIT_FROM_REF..PRE_COMMIT_TO_REF, set by pre-commit).")
@click.option("--jobs", "-j", type=click.IntRange(min=1), help="Worker processes for analysis (default: CPU count).")
def history(repo, revision_range, since, fmt, output, config_file, select, ignore, baseline, exit_zero,
            fail_on, pre_push, jobs) -> None:
    """Scan what every commit of REPO (default ".") added, keys deleted since included."""
    from kaman_lint.history.git import HistoryError
    from kaman_lint.history.start import start

    if pre_push:
        revision_range = _pushed_range(revision_range)
    revisions = [revision_range] if revision_range else []
    try:
        started = start(repo, revisions, since)  # git reads while the config and the scanner load
    except HistoryError as err:
        raise ToolError(str(err)) from err
    try:
        config = _load([repo], Path(repo), config_file, select, ignore, None, None)
        threshold = _fail_on(fail_on, config)
        known = _baseline(baseline, config)
        from kaman_lint.history import scan_history
        from kaman_lint.history.progress import Progress

        result = scan_history(repo, config, revisions=revisions, since=since, jobs=jobs, progress=Progress(),
                              started=started)
    except HistoryError as err:
        raise ToolError(str(err)) from err
    finally:
        started.close()  # stopped early: an error; else they are done and waited for
    if known is not None:
        from kaman_lint import baseline as baselines

        covered = baselines.coverage([result.root], config, known) if not (revision_range or since) else (lambda e: False)
        result = baselines.apply(result, known, covered)
    _emit(result, fmt, output)
    sys.exit(result.exit_status(threshold, exit_zero=exit_zero))


def _pushed_range(given: str | None) -> str:
    """The commits a push sends, as pre-commit's pre-push stage names them. Without a FROM ref
    (a new branch whose first commit is a root) every commit of TO is new."""
    if given:
        raise ToolError("--pre-push takes its range from pre-commit; do not give --range too")
    to_ref, from_ref = os.environ.get("PRE_COMMIT_TO_REF"), os.environ.get("PRE_COMMIT_FROM_REF")
    if not to_ref:
        raise ToolError("--pre-push needs PRE_COMMIT_TO_REF (pre-commit sets it in the pre-push stage); "
                        "outside pre-commit use --range A..B")
    return f"{from_ref}..{to_ref}" if from_ref else to_ref


@main.command()
def server() -> None:
    """Language Server Protocol over stdio, for editors."""
    from kaman_lint.server import serve

    serve()


def _stdin_paths(paths: list[str], stdin_filename: str | None) -> list[str]:
    """`--stdin-filename` means a buffer comes on stdin: with no path, read it (as ruff does);
    with paths other than "-", refuse. Never scan something else than what was named."""
    if stdin_filename is None:
        return paths
    if not paths:
        return ["-"]
    if paths != ["-"]:
        raise ToolError("--stdin-filename names the buffer read from stdin: give '-' (or no path), "
                        "not other paths")
    return paths


def _check_paths_exist(paths: list[str]) -> None:
    """A path that does not exist is a bad argument: one line, exit 2, before any report (a
    "No findings in 0 files." would read as a pass). A broken link does exist: the walk says
    it cannot be read."""
    for path in paths:
        if path != "-" and not os.path.lexists(path):
            raise ToolError(f"{_shown(path)}: no such file or directory")


def _shown(path: str) -> str:
    """A path the user gave, fit to print on one line."""
    from kaman_lint import printable
    from kaman_lint.keys import redact_path

    return printable.line(redact_path(path))


def _printed(message: str) -> str:
    """A message for stderr on one line: redacted, whatever is not printable escaped (a path or
    a value it quotes may hold a newline, which must not start a line of its own in a CI log)."""
    from kaman_lint import printable
    from kaman_lint.keys import safe_text

    return printable.line(safe_text(message))


def scan_root(paths: list[str], stdin_filename: str | None) -> Path:
    """Where finding paths start: the working directory when the scan is inside it, else the
    one directory scanned (reports then rebase them: report/_paths.py)."""
    cwd = Path.cwd()
    # abspath, not Path.absolute(): `../shared/x` must not look as if it were inside the cwd
    targets = [Path(os.path.abspath(p)) for p in paths if p != "-"]
    if stdin_filename:
        targets.append(Path(os.path.abspath(stdin_filename)))
    if all(t == cwd or cwd in t.parents for t in targets):
        return cwd
    if len(targets) == 1:
        return targets[0] if targets[0].is_dir() else targets[0].parent
    return Path(os.path.commonpath([str(t) for t in targets]))


def _load(paths, root, config_file, select, ignore, no_ignore, stdin_filename, follow_links=False,
          verbose=False) -> Config:
    from kaman_lint.config import ConfigError, check_selection, describe, load_config

    try:
        config = load_config(_config_search_start(paths, root, stdin_filename), config_file)
        # an empty `--select ""` is no override at all, as before
        config = config.with_overrides(select=select or None, ignore=ignore or None,
                                       no_ignore=True if no_ignore else None,
                                       follow_links=True if follow_links else None)
        if verbose or _in_ci():  # a CI log says which config the gate ran with
            click.echo(f"kaman-lint: {_shown(describe(config, explicit=config_file is not None))}", err=True)
        check_selection(config)
        return config
    except ConfigError as err:
        raise ToolError(str(err)) from err


def _config_search_start(paths, root: Path, stdin_filename: str | None) -> Path:
    """Where the config search starts: the deepest directory holding everything named. A config
    in a subfolder covers that subfolder only, so a pull request adding `.a/.kaman-lint.toml`
    cannot set the rules for a run that also scans files outside `.a/` (pre-commit names every
    staged file, and `.a/` may sort first). An editor's buffer takes its config from the file it
    stands for."""
    named = [stdin_filename] if stdin_filename and "-" in paths else [p for p in paths if p != "-"]
    if not named:
        return root.absolute()
    directories = [full if os.path.isdir(full) else os.path.dirname(full)
                   for full in (os.path.abspath(p) for p in named)]
    return Path(os.path.commonpath(directories))


def _in_ci() -> bool:
    """`CI` is set (GitHub Actions, GitLab CI, CircleCI, Travis, ... all set it)."""
    return os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")


def _run(paths, config, root, stdin_filename, staged, jobs) -> ScanResult:
    from kaman_lint import engine

    if "-" in paths and paths != ["-"]:
        raise ToolError("'-' (stdin) cannot be combined with other paths")
    if staged:
        from kaman_lint.staged import StagedError, scan_staged

        if "-" in paths:
            raise ToolError("--staged reads the git index; it cannot be combined with '-' (stdin)")
        try:
            return scan_staged(paths, config, root=root)
        except StagedError as err:
            raise ToolError(str(err)) from err
    # at most one byte past the limit: `cat /dev/zero | kaman-lint scan -` must not fill memory
    stdin = _read_at_most(sys.stdin.buffer, config.max_file_size + 1) if paths == ["-"] else None
    return engine.scan(paths, config, root=root, stdin=stdin, stdin_filename=stdin_filename, jobs=jobs)


def _read_at_most(stream, limit: int) -> bytes:
    parts, total = [], 0
    while total < limit:
        chunk = stream.read(min(1 << 20, limit - total))
        if not chunk:
            break
        parts.append(chunk)
        total += len(chunk)
    return b"".join(parts)


def _fix(result, config, root, rescan, unsafe, diff) -> ScanResult:
    from kaman_lint.fix import command

    try:
        return command.run(result, config, root, unsafe=unsafe, diff=diff, rescan=rescan,
                           out=lambda text: click.echo(text, nl=False),
                           err=lambda line: click.echo(f"kaman-lint: {line}", err=True))
    except command.FixError as err:
        raise ToolError(str(err)) from err


def _fail_on(option: str | None, config: Config) -> Severity:
    """The lowest severity that fails the run: `--fail-on`, else the config's `fail-on` (checked
    when the config was read), else any finding."""
    threshold = Severity(option or config.fail_on or Severity.NOTE.value)
    if threshold is not Severity.NOTE:
        _check_can_fail(config, threshold)
    return threshold


def _check_can_fail(config: Config, threshold: Severity) -> None:
    """A config whose `severity` puts every enabled rule below `fail-on` makes a gate that can
    never fail, whatever it finds: a pull request could add that beside its key. An error; a
    report that never fails is `--exit-zero`, said on the command line."""
    from kaman_lint import selectors

    highest = Severity.NOTE
    for rule_id in selectors.rule_ids():
        if config.rule_enabled(rule_id):  # unconfigured: a rule may report up to an error
            configured = Severity(config.severity_for(rule_id) or Severity.ERROR.value)
            highest = max(highest, configured, key=lambda s: s.rank)
    if highest.rank < threshold.rank:
        raise ToolError(f"fail-on = {threshold.value}, but `severity` puts every enabled rule at "
                        f"{highest.value} or lower: no finding could fail the gate; for a report that "
                        "never fails, pass --exit-zero")


def _baseline(option: Path | None, config: Config):
    """The baseline in force: `--baseline` (must exist), else the config's (a missing one only
    draws a notice: every finding is then reported, which fails safe)."""
    if option is not None:
        return _read_baseline(option)
    if config.baseline_path is None:
        return None
    if not config.baseline_path.exists():
        click.echo(f"kaman-lint: baseline {_shown(str(config.baseline_path))} (from the config) not found; "
                   "reporting every finding", err=True)
        return None
    return _read_baseline(config.baseline_path)


def _read_baseline(path: Path):
    from kaman_lint.baseline import BaselineError, load

    try:
        return load(path)
    except BaselineError as err:
        raise ToolError(str(err)) from err


def _emit(result: ScanResult, fmt: str, output: str | None) -> None:
    from kaman_lint import report

    _print_notices(result)
    color = output is None and sys.stdout.isatty() and "NO_COLOR" not in os.environ
    options = {"commit_sha": os.environ["CI_COMMIT_SHA"]} if os.environ.get("CI_COMMIT_SHA") else {}
    chunks = report.render_chunks(fmt, result, _rules(), color=color, **options)
    if output:
        _written(output, lambda: _write_text(output, chunks), result.root)
    else:
        click.echo("".join(chunks), nl=False)


def _write_text(path: str, chunks: list[str], most: int = 1 << 20) -> None:
    """`Path(path).write_text("".join(chunks), encoding="utf-8")`, encoded at most `most`
    characters at a time: a 150 MB report is held neither joined nor as 150 MB of bytes."""
    with open(path, "w", encoding="utf-8") as out:
        for text in chunks:
            for start in range(0, len(text), most):
                out.write(text[start:start + most])


def _print_notices(result: ScanResult) -> None:
    from kaman_lint.notices import for_terminal
    from kaman_lint.report._paths import ReportPaths

    for line in for_terminal(result.notices, paths=ReportPaths.of(result)):
        click.echo(f"kaman-lint: {line}", err=True)


def _rules():
    from kaman_lint.rules import all_rules

    return all_rules()


@main.command()
@click.argument("rule", required=False)
@click.option("--markdown", is_flag=True, help="Print the docs as Markdown (what docs/rules/ holds).")
def rules(rule: str | None, markdown: bool) -> None:
    """List the rules, or explain one."""
    from kaman_lint import printable, selectors
    from kaman_lint.rules import all_rules, origin, rule_by_id

    if rule is None:
        for r in all_rules():
            click.echo(printable.line(f"{r.id}  {r.name:<22} {r.severity.value:<8} {origin(r):<12} {r.summary()}"))
        return
    rule_id = selectors.exact_rule(rule)  # an id or a name, as everywhere else
    found = rule_by_id(rule_id) if rule_id else None
    if found is None:
        raise ToolError(f"unknown rule {rule!r}{selectors.did_you_mean(rule)}; `kaman-lint rules` lists them")
    if markdown:
        click.echo(printable.line(found.help_markdown(), keep_newlines=True), nl=False)
        return
    click.echo(printable.line(f"{found.id} {found.name} ({found.severity.value}; from {origin(found)})") + "\n")
    click.echo(printable.line(found.help_text(), keep_newlines=True))
