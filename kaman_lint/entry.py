"""The `kaman-lint` command's entry point. `kaman-lint --version` is answered here, before
click and the command line are imported (editors and CI probe it; the import of click alone is
about half of its time). A plain scan (the pre-commit hook's, an editor's) or history run is
read and run without click too (kaman_lint.command_argv: the same options, from the tables the
click commands are built from); everything else goes to `kaman_lint.cli`. Either is imported
with the cyclic garbage collector off: an import makes objects (classes, functions, dicts) that live as long as
the process, and the ~30 collections the default thresholds ran over them while the command
line and the rules were imported found nothing to free (10-15 ms of a short run's CPU). After
the import they go straight to the oldest generation (`gc.freeze` then `gc.unfreeze`), which
only a full collection visits: re-enabled with them still young, the collector would walk them
all once more at the next allocation. Nothing stays frozen while the command runs: a large scan freezes its own heap
before it forks its workers, and only when no caller froze on purpose (engine.run_files).

And at exit, everything is frozen: the interpreter's own last full collection (before it
clears the modules) would walk every object the run made only to free none that matter, 25-35
ms of a short run's CPU. Memory goes back to the system with the process either way; files and
streams are closed and flushed by their owners, not by that collection."""

from __future__ import annotations

import atexit
import gc
import os
import sys


def main() -> None:
    args = sys.argv[1:]
    if args == ["--version"]:
        from kaman_lint import __version__

        print(f"kaman-lint, version {__version__}")  # what click.version_option prints
        sys.exit(0)
    if args[:1] in (["scan"], ["history"]):  # a plain scan (the pre-commit hook, an editor) or
        # history run (git starts sooner) runs without click
        command_argv, table, command = _import_quietly(_plain_scan if args[0] == "scan" else _plain_history)
        keywords = command_argv.options(table, args[1:])
        if keywords is not None and command_argv.plain_run():
            try:
                command_argv.run(command, keywords)
            except SystemExit as done:
                if args[0] == "scan":
                    end_now(done.code)
                raise
    command_line()()


def end_now(code) -> None:
    """End this process with exit status `code` (an int) as the interpreter would, without its
    teardown: the exit handlers run and stdout and stderr are flushed, but the clearing of every
    module and object the run made (after a scan of the small benchmark corpus 7M
    instructions, freeing memory the system takes back with the process anyway) is skipped.
    Only when nothing else could need it: no other thread, and both streams flushed; else, and
    for a status that is no int, it returns, and the interpreter ends as always (a stdout
    closed early is reported as it always was: a failed flush leaves its bytes buffered). The
    scan's own files are closed by their writers."""
    import _thread

    if type(code) is not int or _thread._count():
        return
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except Exception:
        return
    atexit._run_exitfuncs()  # (each runs once: the interpreter finds none left)
    try:
        sys.stdout.flush()  # what a handler wrote
        sys.stderr.flush()
    except Exception:
        return
    os._exit(code)


def command_line():
    """`kaman_lint.cli.main`, imported without collections (the collector is as it was after)."""
    def imported():
        from kaman_lint.cli import main as cli

        return cli

    return _import_quietly(imported)


def _plain_scan():
    from kaman_lint import command_argv
    from kaman_lint.command_options import SCAN
    from kaman_lint.scan_command import scan

    return command_argv, SCAN, scan


def _plain_history():
    from kaman_lint import command_argv
    from kaman_lint.command_options import HISTORY
    from kaman_lint.history import start  # noqa: F401 (what the command runs first: git's side)
    from kaman_lint.history_command import history

    return command_argv, HISTORY, history


def _import_quietly(do_import):
    """`do_import()`, without collections while it runs; what it made goes to the oldest
    generation (the collector is as it was after), and all is frozen at exit."""
    from kaman_lint import collector

    with collector.paused():
        try:
            imported = do_import()
        finally:
            if not gc.get_freeze_count():  # (a caller's frozen objects stay frozen)
                gc.freeze()
                gc.unfreeze()
    atexit.unregister(gc.freeze)  # once, when a scan's argv goes to click after all
    atexit.register(gc.freeze)  # the last handler to run (first registered of ours)
    return imported
