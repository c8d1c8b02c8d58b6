"""Files the config names, and the config itself, are read by the rules scanned files are read
by (#9 §3): a regular file, of bounded size, inside the project unless given on the command
line; a bad one is exit 2 with one clear line, never a hang, a MemoryError or a write outside
the project."""

from __future__ import annotations

import os
import signal
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from kaman_lint.cli import main
from tests.fakekeys import make_key
from tests.tree import write

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="FIFOs and /dev as on Linux")

KEY = make_key(9301)


@pytest.fixture(autouse=True)
def fail_instead_of_hanging():  # type: ignore[no-untyped-def]
    def hung(signum, frame):  # type: ignore[no-untyped-def]
        raise TimeoutError("blocked on a FIFO")

    previous = signal.signal(signal.SIGALRM, hung)
    signal.setitimer(signal.ITIMER_REAL, 20)
    yield
    signal.setitimer(signal.ITIMER_REAL, 0)
    signal.signal(signal.SIGALRM, previous)


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = write(tmp_path / "home" / "user" / "src" / "app", {"app.py": f'KEY = "{KEY}"\n'})
    monkeypatch.chdir(root)
    return root


def run(*args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(main, list(args))


def one_error_line(result) -> str:  # type: ignore[no-untyped-def]
    assert result.exit_code == 2, result.output
    assert "internal error" not in result.stderr and "MemoryError" not in result.stderr
    [line] = [ln for ln in result.stderr.splitlines() if "error" in ln]
    return line


@pytest.mark.parametrize("value", ["/dev/zero", "/proc/self/pagemap", "../../../.zshenv"])
def test_a_config_baseline_outside_the_project_is_exit_2(project: Path, value: str) -> None:
    (project / ".kaman-lint.toml").write_text(f'baseline = "{value}"\n')
    line = one_error_line(run("scan", "."))
    assert "baseline" in line and "inside the project" in line


@pytest.mark.parametrize("target", ["/dev/zero", "/proc/self/pagemap"])
def test_a_baseline_linked_out_of_the_project_is_exit_2(project: Path, target: str) -> None:
    os.symlink(target, project / "baseline.json")
    (project / ".kaman-lint.toml").write_text('baseline = "baseline.json"\n')
    assert "inside the project" in one_error_line(run("scan", "."))
    (project / ".kaman-lint.toml").unlink()
    line = one_error_line(run("scan", ".", "--baseline", "baseline.json"))
    assert "never read" in line or "a device" in line


def test_a_fifo_baseline_does_not_hang(project: Path) -> None:
    os.mkfifo(project / "baseline.json")
    (project / ".kaman-lint.toml").write_text('baseline = "baseline.json"\n')
    assert "a named pipe" in one_error_line(run("scan", "."))
    assert "a named pipe" in one_error_line(run("scan", ".", "--baseline", "baseline.json"))


def test_a_device_given_on_the_command_line_is_refused(project: Path) -> None:
    assert "a device" in one_error_line(run("scan", ".", "--baseline", "/dev/zero"))
    assert "a device" in one_error_line(run("scan", ".", "--config", "/dev/zero"))


def test_baseline_command_never_writes_outside_the_project(project: Path) -> None:
    (project / ".kaman-lint.toml").write_text('baseline = "../../.zshenv"\n')
    line = one_error_line(run("baseline", "."))
    assert "inside the project" in line
    assert not (project.parent.parent / ".zshenv").exists()
    outside = project.parent / "elsewhere.json"
    os.symlink(outside, project / "linked.json")  # a link in the project pointing out of it
    (project / ".kaman-lint.toml").write_text('baseline = "linked.json"\n')
    one_error_line(run("baseline", "."))
    assert not outside.exists()
    # -o on the command line is the user's own choice
    (project / ".kaman-lint.toml").unlink()
    result = run("baseline", ".", "-o", str(outside))
    assert result.exit_code == 0, result.output
    assert outside.exists()


@pytest.mark.parametrize("name", [".kaman-lint.toml", "pyproject.toml"])
def test_a_config_file_that_is_not_a_regular_file_is_exit_2(project: Path, name: str) -> None:
    os.symlink("/proc/self/pagemap", project / name)
    assert name in one_error_line(run("scan", "."))
    (project / name).unlink()
    os.mkfifo(project / name)
    assert name in one_error_line(run("scan", "."))


def test_a_huge_config_is_exit_2(project: Path) -> None:
    (project / ".kaman-lint.toml").write_text("# " + "x" * (5 * 1024 * 1024) + "\n")
    assert "too large" in one_error_line(run("scan", "."))
