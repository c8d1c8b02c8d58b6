"""The `kaman-lint` command's entry point. `kaman-lint --version` is answered here, before
click and the command line are imported (editors and CI probe it; the import of click alone is
about half of its time); everything else goes to `kaman_lint.cli`, imported with the cyclic
garbage collector off: an import makes objects (classes, functions, dicts) that live as long as
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
import sys


def main() -> None:
    if sys.argv[1:] == ["--version"]:
        from kaman_lint import __version__

        print(f"kaman-lint, version {__version__}")  # what click.version_option prints
        sys.exit(0)
    command_line()()


def command_line():
    """`kaman_lint.cli.main`, imported without collections (the collector is as it was after)."""
    from kaman_lint import collector

    with collector.paused():
        try:
            from kaman_lint.cli import main as cli
        finally:
            if not gc.get_freeze_count():  # (a caller's frozen objects stay frozen)
                gc.freeze()
                gc.unfreeze()
    atexit.register(gc.freeze)  # the last handler to run (first registered of ours)
    return cli
