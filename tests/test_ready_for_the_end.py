"""A pooled scan makes ready what its serial end uses (the report's modules, the redaction's
patterns) once its walk is done, while results are still to come, and only then: a short run
(pre-commit, a buffer, the LSP) starts no pool and prepares nothing it would not use."""

from __future__ import annotations

import json
from pathlib import Path

from kaman_lint import engine
from kaman_lint.config import load_config
from tests import pool_probe
from tests.fakekeys import fp, make_key
from tests.tree import write

KEY = make_key(4241)

# counts the calls of both steps and notes how many results the pool had handed back by then
_PROBE = """
import json, os, sys
from kaman_lint import engine, forked_pool, scan_command
out = sys.argv[1]
calls, received, at_ready = [], [], []
imap = forked_pool.imap
def counting_imap(*args, **kwargs):
    for result in imap(*args, **kwargs):
        received.append(1)
        yield result
forked_pool.imap = counting_imap
ready_for_the_end = engine._ready_for_the_end
def engine_ready(*args):
    calls.append("engine")
    at_ready.append(len(received))
    ready_for_the_end(*args)
engine._ready_for_the_end = engine_ready
ready_to_report = scan_command.ready_to_report
def report_ready(fmt):
    calls.append("report " + fmt)
    ready_to_report(fmt)
scan_command.ready_to_report = report_ready
import atexit
atexit.register(lambda: open(os.path.join(out, "calls.json"), "w").write(json.dumps(
    {"calls": calls, "at_ready": at_ready, "results": len(received)})))
"""


def test_a_pooled_scan_prepares_the_end_once_and_reports_as_before(tmp_path):
    out = pool_probe.run(tmp_path, {"app/settings.py": f'KAMAN_API_KEY = "{KEY}"\n'}, _PROBE)
    seen = json.loads((out / "calls.json").read_text())
    assert seen["calls"] == ["engine", "report json"]
    # the walk (of 321 files) is done when the third task of six is cut: before its result
    [at] = seen["at_ready"]
    assert 1 <= at < seen["results"]
    report = json.loads((out / "scan.json").read_text())
    assert [f["fingerprint"] for f in report["findings"]] == [fp(KEY)]


def test_a_short_scan_prepares_nothing(tmp_path):
    tree = write(tmp_path / "tree", {"settings.py": f'KAMAN_API_KEY = "{KEY}"\n', "b.py": "x = 1\n"})
    calls = []
    result = engine.scan([str(tree)], load_config(tree), root=tree, jobs=2, ready=lambda: calls.append(1))
    assert calls == []
    assert [f.fingerprint for f in result.findings] == [fp(KEY)]
