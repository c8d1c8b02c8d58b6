"""A history worker's task runs without garbage collections (a module's tree set off dozens
per blob), counted, never timed; the collector is on again after it."""

from __future__ import annotations

import gc

from fakekeys import make_key

from kaman_lint import engine
from kaman_lint.config import Config
from kaman_lint.history import analysis
from kaman_lint.history.scan import _context


def test_a_task_runs_without_collections_and_leaves_the_collector_on(tmp_path, monkeypatch):
    key = make_key(91)
    body = "".join(f"def f{n}(a, b):\n    return {{'x': [a, b, {n}], 'y': (a, {n})}}\n" for n in range(1500))
    data = f"KEY = '{key}'\n{body}".encode()
    context = _context(Config(), tmp_path)
    monkeypatch.setattr(analysis, "_worker", (context, tmp_path))
    engine._preload(context)
    collections = []
    callback = lambda phase, info: phase == "start" and collections.append(info["generation"])  # noqa: E731
    gc.callbacks.append(callback)
    try:
        results = analysis._analyze_chunk([(analysis.Unit("app.py", "1" * 40), data)])
    finally:
        gc.callbacks.remove(callback)
    assert [f.rule_id for f in results[0][1].findings] == ["KAM001"]
    assert collections == []
    assert gc.isenabled()
