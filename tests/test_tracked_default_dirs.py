"""The built-in excludes (`venv`, `.venv`, `__pycache__`, `.tox`...) skip local environments a
walk would wander into. A file git tracks under such a name is pushed like any other
(`src/venv/settings.py`, a committed `.tox/` helper), so it is scanned; so is a file named on the
command line (what pre-commit passes). The config's own excludes still hold everywhere."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from fakekeys import fp, make_key

KEY = make_key(1750)
DEFAULT_DIRS = ["venv/a.py", ".venv/a.py", "__pycache__/a.py", ".tox/a.py", ".nox/a.py", ".mypy_cache/a.py",
                "src/venv/settings.py"]


def kaman_lint(cwd: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "kaman_lint", *args], cwd=cwd, capture_output=True, text=True,
                          timeout=60)


def found_paths(done: subprocess.CompletedProcess) -> set[str]:
    import json

    return {f["path"] for f in json.loads(done.stdout)["findings"] if f["fingerprint"] == fp(KEY)}


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    for rel in DEFAULT_DIRS + ["vendor/a.py", "untracked-venv/venv/b.py"]:
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text(f'KAMAN_API_KEY = "{KEY}"\n', encoding="utf-8")
    (tmp_path / ".kaman-lint.toml").write_text('extend-exclude = ["vendor/"]\n', encoding="utf-8")
    subprocess.run(["git", "init", "-q"], cwd=tmp_path, check=True)
    subprocess.run(["git", "add", "-f", *DEFAULT_DIRS, "vendor/a.py", ".kaman-lint.toml"], cwd=tmp_path, check=True)
    return tmp_path


def test_tracked_files_in_default_excluded_directories_are_scanned(repo: Path) -> None:
    done = kaman_lint(repo, "scan", ".", "--format", "json")
    assert done.returncode == 1
    assert found_paths(done) == set(DEFAULT_DIRS)  # not vendor/ (the config's), not the untracked venv/


def test_staged_and_named_files_in_default_excluded_directories_are_scanned(repo: Path) -> None:
    staged = kaman_lint(repo, "scan", "--staged", "--format", "json")
    assert found_paths(staged) == set(DEFAULT_DIRS)
    named = kaman_lint(repo, "scan", "--staged", "--format", "json", "venv/a.py", "vendor/a.py")
    assert found_paths(named) == {"venv/a.py"}
    named = kaman_lint(repo, "scan", "--format", "json", "src/venv/settings.py", "vendor/a.py")
    assert found_paths(named) == {"src/venv/settings.py"}


def test_outside_git_the_defaults_still_skip_local_environments(tmp_path: Path) -> None:
    (tmp_path / "venv").mkdir()
    (tmp_path / "venv" / "a.py").write_text(f'KAMAN_API_KEY = "{KEY}"\n', encoding="utf-8")
    done = kaman_lint(tmp_path, "scan", ".", "--format", "json")
    assert done.returncode == 0 and found_paths(done) == set()
