"""The history command itself, without click: the command line (kaman_lint.cli) and the
click-free reading of a plain history run's arguments (kaman_lint.command_argv) both call
`history` with the same options, so git's processes start before click would even have been
imported. Errors are :class:`~kaman_lint.tool_errors.ToolError` (exit 2)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from kaman_lint.tool_errors import ToolError


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
    from kaman_lint import scan_command as commands

    try:
        config = commands.load([repo], Path(repo), config_file, select, ignore, None, None)
        threshold = commands.failing_severity(fail_on, config)
        known = commands.known_baseline(baseline, config)
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
    commands.emit(result, fmt, output)
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
