"""A scan's forked workers import nothing of their own (issue 13, targets 1 and 2): what their
first files would import (analyzers, grammars, KAM002's survey and flows) is imported once by
the main process before it forks, and inherited. Counted on the modules, never timed."""

from __future__ import annotations

import json
import sys

import pytest

from tests import pool_probe
from tests.fakekeys import make_key

# Each worker writes the modules it imported after the fork (its modules at the end of each
# task, less those it was forked with).
LIST_WORKER_IMPORTS = """
import json, os, sys
from kaman_lint import engine
out = sys.argv[1]
forked_with = set()
init, chunk = engine._init_worker, engine._analyze_chunk
def _init_worker(*args):
    forked_with.update(sys.modules)
    init(*args)
def _analyze_chunk(paths):
    result = chunk(paths)
    with open(os.path.join(out, f"worker-{os.getpid()}.json"), "w") as f:
        json.dump(sorted(set(sys.modules) - forked_with), f)
    return result
engine._init_worker, engine._analyze_chunk = _init_worker, _analyze_chunk
"""


def _key_files() -> dict[str, str]:
    """Files of every kind that mention a key (each needs its analyzer), among plain ones."""
    key = make_key(1)
    return {
        "app.py": f'KAMAN_API_KEY = "{key}"\n',
        "web/app.js": f'const kamanKey = "{key}";\n',
        "web/app.ts": f'const kamanKey: string = "{key}";\n',
        "web/App.tsx": f'export const App = () => <div data-k="{key}" />;\n',
        "web/page.html": f'<script>const k = "{key}";</script>\n',
        "web/package.json": '{"name": "web", "dependencies": {"vite": "5"}}\n',
        ".env": f"KAMAN_API_KEY={key}\n",
        "config.json": f'{{"kaman_key": "{key}"}}\n',
        "ci.yml": f"env:\n  KAMAN_API_KEY: {key}\n",
        "settings.toml": f'kaman_key = "{key}"\n',
        "setup.cfg": f"[kaman]\nkey = {key}\n",
        "Dockerfile": f"ENV KAMAN_API_KEY={key}\n",
        "main.tf": f'variable "kaman_key" {{ default = "{key}" }}\n',
        "notes.txt": f"kaman key {key}\n",
    }


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="workers are forked on Linux only")
def test_forked_workers_import_no_analyzer_of_their_own(tmp_path):
    out = pool_probe.run(tmp_path, _key_files(), LIST_WORKER_IMPORTS)
    scan = json.loads((out / "scan.json").read_text())
    assert len({f["path"] for f in scan["findings"]}) >= 10, "the key files were analysed"
    reports = list(out.glob("worker-*.json"))
    assert reports, "the scan ran in workers"
    imported = {name for report in reports for name in json.loads(report.read_text())}
    heavy = sorted(n for n in imported if n.split(".")[0] in ("kaman_lint", "tree_sitter", "tree_sitter_javascript",
                                                                "tree_sitter_typescript", "tree_sitter_html")
                   and n not in LEFT_TO_THE_WORKERS)
    assert heavy == []
    # settings.toml mentions a key: the worker that analysed it imported the TOML parser itself
    assert imported & LEFT_TO_THE_WORKERS == LEFT_TO_THE_WORKERS, sorted(imported)


# What the main process leaves to the worker that first needs it (lang.preload): the TOML parser
# (tomllib, 8-10 ms to import) is needed only by a TOML file that mentions Kaman, which few trees
# hold; preloaded, it was a share of every pool run's time before its workers started.
LEFT_TO_THE_WORKERS = {"kaman_lint._toml"}
