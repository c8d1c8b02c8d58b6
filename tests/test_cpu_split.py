"""benchmarks/cpu_split.py measures a scan's stages one after the other: its survey stage must
survey the files a scan's loop surveys, no more (it once surveyed every Python file, where a scan
surveys only those that meet a survey gate: 0.33 s of CPU on the large corpus against 0.07 s)."""

from __future__ import annotations

import importlib.util
import os
from pathlib import Path

from kaman_lint import engine
from kaman_lint.config import Config, load_config

BENCHMARKS = Path(__file__).resolve().parent.parent / "benchmarks"


def _cpu_split():
    spec = importlib.util.spec_from_file_location("cpu_split", BENCHMARKS / "cpu_split.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _tree(root: Path) -> None:
    files = {
        "app/models.py": "class Model:\n    pass\n",  # no survey gate: no survey
        "app/settings.py": "STATICFILES_DIRS = ['assets']\n",  # a gate: surveyed
        "web/main.js": "import { x } from './util.js';\nx();\n",
        "web/util.js": "export const x = () => 1;\n",
        "web/index.html": "<script src='main.js'></script>\n",
        "package.json": '{"name": "site", "dependencies": {"vite": "5"}}\n',
        "README.md": "# site\n",
        "notes.txt": "nothing here\n",
    }
    for relpath, text in files.items():
        path = root / relpath
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)


def _surveyed_by(run, monkeypatch) -> list[str]:
    seen: list[str] = []
    survey_only = engine._survey_only

    def counting(relpath, data, context):
        seen.append(relpath.replace(os.sep, "/"))
        return survey_only(relpath, data, context)

    with monkeypatch.context() as patch:
        patch.setattr(engine, "_survey_only", counting)
        run()
    return sorted(seen)


def test_the_survey_stage_surveys_what_a_scan_surveys(tmp_path, monkeypatch):
    _tree(tmp_path)
    monkeypatch.chdir(tmp_path)
    by_scan = _surveyed_by(lambda: engine.scan(["."], Config(project_root=tmp_path), root=tmp_path, jobs=1),
                           monkeypatch)
    cpu_split = _cpu_split()
    by_stages = _surveyed_by(lambda: cpu_split.one_round(tmp_path, load_config(tmp_path)), monkeypatch)
    assert "app/settings.py" in by_scan and "app/models.py" not in by_scan  # (the gate decides)
    assert by_stages == by_scan
