"""The config's globs (client/server globs, environments, per-file-ignores, excludes) are
relative to the project root (where the config is), whatever directory the scan starts in, and
hold for a stdin buffer too."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from fakekeys import fp, make_key
from kaman_lint.config import Config

KEY, OTHER = make_key(960), make_key(961)


def scan(cwd: Path, *args: str, stdin: str | None = None) -> tuple[int, list[dict]]:
    done = subprocess.run([sys.executable, "-m", "kaman_lint", "scan", *args, "--format", "json"],
                          cwd=cwd, input=stdin, capture_output=True, text=True, check=False)
    assert done.returncode in (0, 1), done.stderr[-300:]
    return done.returncode, json.loads(done.stdout)["findings"]


def project(tmp_path: Path, table: str, files: dict[str, str]) -> Path:
    (tmp_path / "pyproject.toml").write_text(f"[tool.kaman-lint]\n{table}\n")
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text)
    return tmp_path


def rules_at(findings: list[dict]) -> set[tuple[str, str]]:
    return {(f["rule_id"], f["path"]) for f in findings}


@pytest.mark.parametrize("start", [".", "web"])
def test_client_globs_hold_from_a_subdirectory(tmp_path: Path, start: str) -> None:
    root = project(tmp_path, 'select = ["KAM002"]\nclient-globs = ["web/**"]',
                   {"web/x.js": f'export const key = "{KEY}";\n'})
    path = "web/x.js" if start == "." else "x.js"
    assert ("KAM002", path) in rules_at(scan(root / start, ".")[1])


@pytest.mark.parametrize("start", [".", "deploy"])
def test_environments_hold_from_a_subdirectory(tmp_path: Path, start: str) -> None:
    root = project(tmp_path, 'select = ["KAM003"]\n[tool.kaman-lint.environments]\n'
                   '"deploy/live/*" = "production"\n"deploy/local/*" = "development"',
                   {"deploy/live/app.conf": f"KAMAN_API_KEY={KEY}\n",
                    "deploy/local/app.conf": f"KAMAN_API_KEY={KEY}\n"})
    findings = scan(root / start, ".")[1]
    assert [f["fingerprint"] for f in findings if f["rule_id"] == "KAM003"] == [fp(KEY)]


@pytest.mark.parametrize("start", [".", "tests"])
def test_per_file_ignores_hold_from_a_subdirectory(tmp_path: Path, start: str) -> None:
    root = project(tmp_path, '[tool.kaman-lint.per-file-ignores]\n"tests/**" = ["KAM001"]',
                   {"tests/test_a.py": f'KEY = "{KEY}"\n'})
    assert scan(root / start, ".") == (0, [])


def test_an_excluded_stdin_buffer_gives_nothing(tmp_path: Path) -> None:
    root = project(tmp_path, 'extend-exclude = ["fixtures/"]', {})
    text = f'KEY = "{KEY}"\n'
    assert scan(root, "-", "--stdin-filename", "fixtures/f.py", stdin=text) == (0, [])
    rc, findings = scan(root, "-", "--stdin-filename", "src/f.py", stdin=text)
    assert rc == 1 and [f["fingerprint"] for f in findings] == [fp(KEY)]


def test_an_excluded_stdin_buffer_gives_nothing_from_a_subdirectory(tmp_path: Path) -> None:
    root = project(tmp_path, 'extend-exclude = ["/fixtures/"]', {"fixtures/.keep": ""})
    text = f'KEY = "{OTHER}"\n'
    assert scan(root / "fixtures", "-", "--stdin-filename", "f.py", stdin=text) == (0, [])


def test_project_path_and_is_excluded(tmp_path: Path) -> None:
    config = Config(project_root=tmp_path, extend_exclude=["/gen", "fixtures/"])
    assert config.project_path(tmp_path / "web" / "x.js") == "web/x.js"
    assert config.project_path(tmp_path) == "."
    assert config.project_path(tmp_path.parent / "elsewhere.js") == (tmp_path.parent / "elsewhere.js").as_posix()
    assert config.is_excluded(tmp_path / "gen" / "a.py")
    assert config.is_excluded("gen/a.py")  # a project path
    assert not config.is_excluded(tmp_path / "src" / "gen" / "a.py")  # `/gen` is anchored
    assert config.is_excluded(tmp_path / "src" / "fixtures", is_dir=True)
    assert not config.is_excluded(tmp_path)
    assert not config.is_excluded(tmp_path.parent / "gen" / "a.py")  # outside the project
    assert config.is_excluded(tmp_path.parent / "gen" / "a.py", outside_base=os.fspath(tmp_path.parent))
