"""Which config a run takes when several paths are named: the one that covers all of them. A
config in a subfolder covers that subfolder only (pre-commit names every staged file, and a pull
request can add `.a/.kaman-lint.toml`, which sorts first)."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from kaman_lint.cli import main
from tests.fakekeys import fp, leaked, make_key
from tests.tree import write

KEY, OTHER = make_key(9201), make_key(9202)


def _scan(root: Path, monkeypatch, *args: str) -> tuple[int, dict, str]:
    monkeypatch.chdir(root)
    result = CliRunner().invoke(main, ["scan", *args, "--format", "json"])
    assert not leaked(result.output, [KEY, OTHER])
    return result.exit_code, json.loads(result.stdout), result.output


def _hostile_tree(tmp_path: Path) -> Path:
    write(tmp_path, {
        ".kaman-lint.toml": 'extend-exclude = ["docs/"]\n',
        ".a/.kaman-lint.toml": 'ignore = ["KAM001"]\n',
        ".a/notes.py": f'NOTE = "{OTHER}"\n',
        "app.py": f'KAMAN_API_KEY = "{KEY}"\n',
    })
    return tmp_path


def test_a_subfolder_config_does_not_decide_for_files_outside_it(tmp_path: Path, monkeypatch) -> None:
    root = _hostile_tree(tmp_path)
    code, report, _ = _scan(root, monkeypatch, ".a/notes.py", "app.py")
    assert code == 1
    assert fp(KEY) in {f["fingerprint"] for f in report["findings"]}


def test_one_named_path_takes_the_config_of_its_own_folder(tmp_path: Path, monkeypatch) -> None:
    root = _hostile_tree(tmp_path)
    code, report, _ = _scan(root, monkeypatch, "app.py")
    assert code == 1 and [f["fingerprint"] for f in report["findings"] if f["rule_id"] == "KAM001"] == [fp(KEY)]
    # a subfolder scanned alone is governed by its own config (monorepo sub-projects)
    code, report, _ = _scan(root, monkeypatch, ".a")
    assert not any(f["rule_id"] == "KAM001" for f in report["findings"])
