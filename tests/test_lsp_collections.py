"""The language server scans a buffer without running the cyclic garbage collector (issue 13,
target 3: the answer to a didChange): a module's tree is tens of thousands of objects, freed by
reference counting, over which the default thresholds ran collections that freed nothing.
Counted on the collections, never timed."""

from __future__ import annotations

import gc

from tests.fakekeys import make_key


def _module(functions: int) -> str:
    body = "".join(f"def f{i}(a, b=None):\n    x = [a, b, {{'k': a}}]\n    return g(x, a + {i})\n\n"
                   for i in range(functions))
    return f'import os\n\n{body}KAMAN_API_KEY = "{make_key(11)}"\n'


def test_a_buffer_scan_runs_no_collection_and_leaves_the_collector_as_it_was(tmp_path):
    from kaman_lint.server import scan_buffer

    path = str(tmp_path / "module.py")
    text = _module(700)  # ~2,800 lines: a few hundred collections' worth of nodes
    counted: list[int] = []

    def count(phase, info):
        if phase == "start":
            counted.append(info["generation"])

    for enabled in (True, False):
        (gc.enable if enabled else gc.disable)()
        gc.collect()
        gc.callbacks.append(count)
        try:
            findings = scan_buffer(text, path)
        finally:
            gc.callbacks.remove(count)
            state = gc.isenabled()
            gc.enable()
        assert [f.rule_id for f in findings] == ["KAM001"]
        assert state is enabled
        assert counted == [], counted
