"""The directories above a finding's path are anyone's to name too: a checkout directory, or the
directory named on the command line, can hold a key (`x_kam_<key>/`). Reports rebase finding
paths onto the current directory (text, json, github) or the repository's top (SARIF, GitLab),
and that prefix, taken from the scan root, was printed whole: only the part below the root was
redacted when the finding was made."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from kaman_lint.cli import main
from tests.fakekeys import leaked, make_key

FORMATS = ["text", "json", "github", "gitlab", "sarif"]


def _run(cwd: Path, *args: str) -> str:
    old = os.getcwd()
    os.chdir(cwd)
    try:
        return CliRunner().invoke(main, list(args), catch_exceptions=False).output
    finally:
        os.chdir(old)


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_key_named_directory_scanned_from_elsewhere_is_redacted(tmp_path, fmt):
    outer, inner = make_key(9901), make_key(9902)
    target = tmp_path / f"x_{outer}_checkout" / f"d_{inner}"
    target.mkdir(parents=True)
    (target / "c.py").write_text(f'K = "{make_key(9903)}"\n')
    here = tmp_path / "elsewhere"
    here.mkdir()
    output = _run(here, "scan", "--format", fmt, str(target))
    assert "c.py" in output
    clean = not leaked(output, [outer, inner])  # a failure must not print the output
    assert clean


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_key_named_folder_between_the_repository_top_and_the_scan_root_is_redacted(tmp_path, fmt):
    repo = tmp_path / "repo"
    subprocess.run(["git", "init", "-q", str(repo)], check=True)
    key = make_key(9904)
    target = repo / f"pkg_{key}"
    target.mkdir()
    (target / "c.py").write_text(f'K = "{make_key(9905)}"\n')
    here = tmp_path / "elsewhere"
    here.mkdir()
    output = _run(here, "scan", "--format", fmt, str(target))
    assert "c.py" in output
    clean = not leaked(output, [key])
    assert clean
