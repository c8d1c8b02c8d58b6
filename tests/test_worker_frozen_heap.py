"""A pool scan forks its workers with the heap frozen (issue 13, targets 1 and 2): what the main
process built before the fork (modules, grammars, automata) stays out of every garbage
collection while the pool runs, and the main process collects as before once it is done.
Counted on the collector's own state, never timed."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from kaman_lint.engine import POOL_THRESHOLD
from tests.fakekeys import make_key

SCAN_AND_REPORT_FROZEN = """
import gc, json, os, sys
from kaman_lint import engine
out = sys.argv[1]
chunk = engine._analyze_chunk
def _analyze_chunk(paths):
    with open(os.path.join(out, f"worker-{os.getpid()}.json"), "w") as f:
        json.dump(gc.get_freeze_count(), f)
    return chunk(paths)
engine._analyze_chunk = _analyze_chunk
from kaman_lint.cli import main
sys.argv = ["kaman-lint", "scan", sys.argv[2], "-j", "2", "--format", "json", "-o", os.path.join(out, "scan.json")]
try:
    main()
finally:
    with open(os.path.join(out, "main.json"), "w") as f:
        json.dump(gc.get_freeze_count(), f)
"""


def _tree(root: Path) -> None:
    root.mkdir()
    (root / "app.py").write_text(f'KAMAN_API_KEY = "{make_key(1)}"\n')
    for i in range(POOL_THRESHOLD + 64):
        (root / f"plain{i}.py").write_text(f"x = {i}\n")


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="workers are forked on Linux only")
def test_workers_fork_frozen_and_the_main_process_thaws_after(tmp_path):
    tree = tmp_path / "tree"
    _tree(tree)
    out = tmp_path / "out"
    out.mkdir()
    subprocess.run([sys.executable, "-c", SCAN_AND_REPORT_FROZEN, str(out), str(tree)],
                   cwd=tmp_path, capture_output=True, check=False)
    assert json.loads((out / "scan.json").read_text())["findings"], "the key file was analysed"
    workers = [json.loads(p.read_text()) for p in out.glob("worker-*.json")]
    assert workers, "the scan ran in workers"
    assert all(frozen > 1000 for frozen in workers)  # the scanner's modules at least
    assert json.loads((out / "main.json").read_text()) == 0
