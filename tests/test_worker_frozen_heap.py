"""A pool scan forks its workers with the heap frozen (issue 13, targets 1 and 2): what the main
process built before the fork (modules, grammars, automata) stays out of every garbage
collection while the pool runs, and the main process collects as before once it is done.
Counted on the collector's own state, never timed."""

from __future__ import annotations

import json
import sys

import pytest

from tests import pool_probe
from tests.fakekeys import make_key

# Each worker writes its freeze count as it takes a task; the main process writes its own once
# the scan is over (at exit: main() ends the interpreter with sys.exit).
REPORT_FROZEN = """
import atexit, gc, json, os, sys
from kaman_lint import engine
out = sys.argv[1]
chunk = engine._analyze_chunk
def _analyze_chunk(paths):
    with open(os.path.join(out, f"worker-{os.getpid()}.json"), "w") as f:
        json.dump(gc.get_freeze_count(), f)
    return chunk(paths)
engine._analyze_chunk = _analyze_chunk
main_pid = os.getpid()
def _report_main():
    if os.getpid() == main_pid:
        with open(os.path.join(out, "main.json"), "w") as f:
            json.dump(gc.get_freeze_count(), f)
atexit.register(_report_main)
"""


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="workers are forked on Linux only")
def test_workers_fork_frozen_and_the_main_process_thaws_after(tmp_path):
    out = pool_probe.run(tmp_path, {"app.py": f'KAMAN_API_KEY = "{make_key(1)}"\n'}, REPORT_FROZEN)
    assert json.loads((out / "scan.json").read_text())["findings"], "the key file was analysed"
    workers = [json.loads(p.read_text()) for p in out.glob("worker-*.json")]
    assert workers, "the scan ran in workers"
    assert all(frozen > 1000 for frozen in workers)  # the scanner's modules at least
    assert json.loads((out / "main.json").read_text()) == 0
