"""A scan's forked workers inherit what every file needs (issue 13, targets 1 and 2): the
prefilters and what the rules import for their surveys and checks are made once by the main
process before it forks (`engine._preload_shared`). The analyzers and grammars, which only a
file that mentions Kaman needs, each worker imports for the files it meets: made by the main
process, they held back the fork while the second core waited. Counted on the modules, never
timed."""

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
def test_forked_workers_inherit_what_every_file_needs_and_import_the_analyzers_they_meet(tmp_path):
    out = pool_probe.run(tmp_path, _key_files(), LIST_WORKER_IMPORTS)
    scan = json.loads((out / "scan.json").read_text())
    assert len({f["path"] for f in scan["findings"]}) >= 10, "the key files were analysed"
    reports = list(out.glob("worker-*.json"))
    assert reports, "the scan ran in workers"
    imported = {name for report in reports for name in json.loads(report.read_text())}
    assert not imported & INHERITED, sorted(imported & INHERITED)
    assert ANALYZERS_MET <= imported, sorted(ANALYZERS_MET - imported)


# What the main process makes before the fork (`engine._preload_shared`): the prefilters' automata
# (ahocorasick_rs), and what KAM002 imports for its survey of plain files and its checks.
INHERITED = {"ahocorasick_rs", "kaman_lint.exposure.graph.survey", "kaman_lint.exposure.graph.served",
             "kaman_lint.exposure.flows.javascript", "kaman_lint.exposure.ci"}
# What the workers import for the key files among them: their analyzers, and the TOML parser
# (settings.toml mentions a key).
ANALYZERS_MET = {"kaman_lint.lang.python", "kaman_lint.lang.javascript", "kaman_lint.lang.html",
                 "kaman_lint.lang.yaml", "kaman_lint.lang.json", "kaman_lint.lang.ini", "kaman_lint.lang.dockerfile",
                 "kaman_lint.lang.hcl", "kaman_lint.lang.envfile", "kaman_lint._toml"}
