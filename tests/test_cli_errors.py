"""Whatever goes wrong, the command line ends with exit 2 and one redacted line on stderr, never
a traceback (which could quote a key)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from fakekeys import leaked, make_key
from kaman_lint import engine
from kaman_lint.cli import main

KEY = make_key(950)


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "kaman_lint", *args], cwd=cwd, capture_output=True,
                          text=True, check=False)


@pytest.mark.parametrize("command", ["scan", "baseline"])
def test_an_unwritable_output_is_a_tool_error(tmp_path: Path, command: str) -> None:
    (tmp_path / "a.py").write_text("x = 1\n")
    done = run(command, ".", "-o", str(tmp_path / "missing-dir" / "out.json"), cwd=tmp_path)
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    assert done.stderr.startswith("kaman-lint: error: cannot write ") and "missing-dir" in done.stderr


def test_an_unexpected_exception_is_one_redacted_line_and_exit_2(tmp_path: Path, monkeypatch) -> None:
    def broken_scan(*args, **kwargs):
        raise RuntimeError(f"could not handle\n{KEY}")

    monkeypatch.setattr(engine, "scan", broken_scan)
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["scan", "."])
    assert result.exit_code == 2
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert leaked(result.output + result.stderr, [KEY]) == []
    lines = result.stderr.splitlines()
    assert lines == [lines[0]] and lines[0].startswith("kaman-lint: internal error: RuntimeError: could not")


def test_usage_errors_still_exit_2(tmp_path: Path) -> None:
    done = run("scan", "--no-such-option", cwd=tmp_path)
    assert done.returncode == 2 and "No such option" in done.stderr


def test_a_clean_scan_through_python_m_still_exits_0(tmp_path: Path) -> None:
    (tmp_path / "a.py").write_text("x = 1\n")
    assert run("scan", ".", cwd=tmp_path).returncode == 0
