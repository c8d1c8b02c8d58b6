"""The scan command itself, and what the other commands share with it (reading the config and
the baseline, running the scan, writing the report), without click: the command line
(kaman_lint.cli) and the click-free reading of a plain scan's arguments (kaman_lint.command_argv)
both call `scan` with the same options, so a pre-commit run or an editor's call need not import
click at all. Errors are :class:`~kaman_lint.tool_errors.ToolError` (exit 2)."""

from __future__ import annotations

import gc
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from kaman_lint.severity import Severity
from kaman_lint.tool_errors import ToolError, echo, shown

TYPE_CHECKING = False  # typing.TYPE_CHECKING: typing is not imported at run time
if TYPE_CHECKING:
    from kaman_lint.config import Config
    from kaman_lint.findings import ScanResult


def _inside(path: str, top: str) -> bool:
    return path == top or path.startswith(top.rstrip(os.sep) + os.sep)


def written(path: Path | str, write, tree: Path | str | None = None) -> None:
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


def scan(paths, fmt, output, config_file, select, ignore, baseline, stdin_filename, exit_zero,
         fail_on, staged, no_ignore, follow_links, jobs, fix, unsafe_fixes, diff, verbose) -> None:
    """Scan PATHS (default ".") for Kaman keys; "-" reads one file from stdin."""
    # the whole command, the config's and the rules' imports included: what they make lives
    # as long as the run, and collecting it every 700 allocations found nothing to free
    with _fewer_collections():
        paths = _stdin_paths(list(paths), stdin_filename) or ["."]
        if not staged:  # --staged takes pathspecs into the index, which need not exist on disk
            check_paths_exist(paths)
        root = scan_root(paths, stdin_filename)
        config = load(paths, root, config_file, select, ignore, no_ignore, stdin_filename, follow_links, verbose)
        threshold = failing_severity(fail_on, config)
        known = known_baseline(baseline, config)
        if (fix or diff) and ("-" in paths or staged):
            raise ToolError("--fix and --diff rewrite files in the work tree: not with stdin or --staged")

        def scan_once() -> ScanResult:
            result = run(paths, config, root, stdin_filename, staged, jobs, fmt)
            if known is None:
                return result
            from kaman_lint import baseline as baselines

            return baselines.apply(result, known, baselines.coverage(paths, config, known, stdin_filename))

        result = scan_once()
        if fix or diff:
            result = _fix(result, config, root, scan_once, unsafe_fixes, diff)
        if diff:
            print_notices(result)
        else:
            emit(result, fmt, output)
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


def check_paths_exist(paths: list[str]) -> None:
    """A path that does not exist is a bad argument: one line, exit 2, before any report (a
    "No findings in 0 files." would read as a pass). A broken link does exist: the walk says
    it cannot be read."""
    for path in paths:
        if path != "-" and not os.path.lexists(path):
            raise ToolError(f"{shown(path)}: no such file or directory")


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


def load(paths, root, config_file, select, ignore, no_ignore, stdin_filename, follow_links=False,
          verbose=False) -> Config:
    from kaman_lint.config import ConfigError, check_selection, describe, load_config

    try:
        config = load_config(_config_search_start(paths, root, stdin_filename), config_file)
        # an empty `--select ""` is no override at all, as before
        config = config.with_overrides(select=select or None, ignore=ignore or None,
                                       no_ignore=True if no_ignore else None,
                                       follow_links=True if follow_links else None)
        if verbose or _in_ci():  # a CI log says which config the gate ran with
            echo(f"kaman-lint: {shown(describe(config, explicit=config_file is not None))}", err=True)
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


def run(paths, config, root, stdin_filename, staged, jobs, fmt: str | None = None) -> ScanResult:
    """The scan's result; with `fmt`, a pooled scan makes that report's modules ready while
    its last workers finish (`ready_to_report`)."""
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
    ready = None if fmt is None else lambda: ready_to_report(fmt)
    return engine.scan(paths, config, root=root, stdin=stdin, stdin_filename=stdin_filename, jobs=jobs, ready=ready)


def ready_to_report(fmt: str) -> None:
    """Import what `emit` imports for `fmt` (the format's module, the notices' wording, the
    JSON writer: ~4 ms from bytecode), called once a pooled scan's walk is done: after the
    pool this process runs alone, on the wall clock's path."""
    import importlib

    from kaman_lint import notices, printable  # noqa: F401 - imported to be ready
    from kaman_lint.report import FORMATS

    if fmt in FORMATS and hasattr(importlib.import_module(f"kaman_lint.report.{fmt}"), "document"):
        from kaman_lint import indented_json  # noqa: F401 - the writer of a JSON document


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
                           out=lambda text: echo(text, nl=False),
                           err=lambda line: echo(f"kaman-lint: {line}", err=True))
    except command.FixError as err:
        raise ToolError(str(err)) from err


def failing_severity(option: str | None, config: Config) -> Severity:
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


def known_baseline(option: Path | None, config: Config):
    """The baseline in force: `--baseline` (must exist), else the config's (a missing one only
    draws a notice: every finding is then reported, which fails safe)."""
    if option is not None:
        return read_baseline(option)
    if config.baseline_path is None:
        return None
    if not config.baseline_path.exists():
        echo(f"kaman-lint: baseline {shown(str(config.baseline_path))} (from the config) not found; "
                   "reporting every finding", err=True)
        return None
    return read_baseline(config.baseline_path)


def read_baseline(path: Path):
    from kaman_lint.baseline import BaselineError, load

    try:
        return load(path)
    except BaselineError as err:
        raise ToolError(str(err)) from err


def emit(result: ScanResult, fmt: str, output: str | None) -> None:
    from kaman_lint import report

    print_notices(result)
    color = output is None and sys.stdout.isatty() and "NO_COLOR" not in os.environ
    options = {"commit_sha": os.environ["CI_COMMIT_SHA"]} if os.environ.get("CI_COMMIT_SHA") else {}
    if output and os.linesep == "\n":  # (a text file's newlines are written as they are)
        encoded = report.render_utf8(fmt, result, _rules(), color=color, **options)
        written(output, lambda: _write_bytes(output, encoded), result.root)
        return
    chunks = report.render_chunks(fmt, result, _rules(), color=color, **options)
    if output:
        written(output, lambda: _write_text(output, chunks), result.root)
    else:
        echo("".join(chunks), nl=False)


def _write_bytes(path: str, chunks: Iterator[bytes]) -> None:
    """`_write_text`, of the report's UTF-8 (`report.render_utf8`): each chunk encoded once,
    as it is written, not tested for undecodable bytes first and encoded again by a writer."""
    with open(path, "wb") as out:
        for data in chunks:
            out.write(data)


def _write_text(path: str, chunks: list[str], most: int = 1 << 20) -> None:
    """`Path(path).write_text("".join(chunks), encoding="utf-8")`, encoded at most `most`
    characters at a time: a 150 MB report is held neither joined nor as 150 MB of bytes."""
    with open(path, "w", encoding="utf-8") as out:
        for text in chunks:
            for start in range(0, len(text), most):
                out.write(text[start:start + most])


def print_notices(result: ScanResult) -> None:
    from kaman_lint.notices import for_terminal
    from kaman_lint.report._paths import ReportPaths

    for line in for_terminal(result.notices, paths=ReportPaths.of(result)):
        echo(f"kaman-lint: {line}", err=True)


def _rules():
    from kaman_lint.rules import all_rules

    return all_rules()
