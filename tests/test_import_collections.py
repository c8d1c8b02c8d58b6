"""A short run does not run the cyclic garbage collector over what its imports make (issue 13,
target 3): the command line is imported with the collector off, and the scan
command, the config's and the rules' lazy imports included, runs with the scan's thresholds.
Counted on the collections, never timed."""

from __future__ import annotations

import gc

from tests.fakekeys import make_key
from tests.test_lazy_imports import five_files, report_at_exit

# Counts the collections of a real run of the console script's entry point.
COUNT_COLLECTIONS = """
import gc
counted = []
gc.callbacks.append(lambda phase, info: phase == "start" and counted.append(info["generation"]))
def at_exit():
    return f"{len(counted)} {gc.get_freeze_count()}"
"""


def test_a_short_run_collects_at_most_once_or_twice_and_exits_frozen(tmp_path):
    project = tmp_path / "project"
    names = five_files(project)
    for args in (("scan", *names), ("scan", "-", "--stdin-filename", "app.py")):
        done, counts = report_at_exit(project, COUNT_COLLECTIONS, *args, "--format", "json", entry="entry",
                                      input=f'KAMAN_API_KEY = "{make_key(7)}"\n')
        assert done.returncode == 1 and '"findings"' in done.stdout, done.stderr[-2000:]
        # with the default thresholds throughout: ~34 (most of them while importing)
        collections, frozen = map(int, counts.split())
        assert collections <= 3, (args, collections)
        # and the interpreter's last full collection, after the exit handlers, finds it all frozen
        assert frozen > 10_000, (args, frozen)


def test_the_command_line_is_imported_with_the_collector_as_the_caller_had_it():
    from kaman_lint import entry
    from kaman_lint.cli import main

    for enabled in (True, False):
        (gc.enable if enabled else gc.disable)()
        try:
            before = gc.get_threshold()
            assert entry.command_line() is main
            assert gc.isenabled() is enabled and gc.get_threshold() == before
            # nothing frozen: a large scan freezes its heap before forking only if no caller did
            assert gc.get_freeze_count() == 0
        finally:
            gc.enable()
