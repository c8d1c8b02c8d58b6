"""The gate fails closed: whatever the scan was asked to check and could not (an unreadable
file, a file gone between the walk and the read, a missing path) makes the exit status 2,
after every finding is reported, and `--exit-zero` does not hide it. Files skipped by choice
(binary, too large) are counted, not errors."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from kaman_lint import discover as discover_module
from kaman_lint import engine
from kaman_lint.cli import main
from kaman_lint.findings import NOTICE_CLASSES, Notice, NoticeClass, ScanResult, Severity, notice_class

try:
    from fakekeys import fp, leaked, make_key
except ImportError:  # tests/ imported as a package
    from tests.fakekeys import fp, leaked, make_key

KEY = make_key(8401)
PACKAGE = Path(__file__).resolve().parent.parent / "kaman_lint"


def run(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


@pytest.fixture
def tree(tmp_path: Path, monkeypatch) -> Path:
    (tmp_path / "app.py").write_text(f"KEY = '{KEY}'\n")
    (tmp_path / "clean.py").write_text("x = 1\n")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_every_notice_kind_the_package_writes_is_classified():
    """A kind nobody registered would count as an error; this keeps the table complete (and
    catches a producer's typo, which would otherwise turn a skip into exit 2 or back)."""
    written = set()
    for source in PACKAGE.rglob("*.py"):
        text = source.read_text(encoding="utf-8")
        written |= set(re.findall(r"Notice\(\s*\"([a-z-]+)\"", text))
        written |= set(re.findall(r"_notice\(\s*\"([a-z-]+)\"", text))
    assert written, "the pattern no longer finds how notices are made"
    assert written - set(NOTICE_CLASSES) == set()


def test_classes_of_the_kinds_the_exit_status_depends_on():
    assert {k for k, c in NOTICE_CLASSES.items() if c is NoticeClass.ERROR} >= {
        "missing", "unreadable", "vanished", "internal-error"}
    assert notice_class("binary") is notice_class("too-large") is NoticeClass.SKIPPED
    assert notice_class("parse-error") is notice_class("unused-suppression") is NoticeClass.INFO
    assert notice_class("a-kind-nobody-registered") is NoticeClass.ERROR  # fail closed


def test_exit_status_from_the_result():
    finding_free = ScanResult(notices=[Notice("binary", "binary file skipped", "a.png")])
    assert finding_free.exit_status(Severity.NOTE) == 0 and finding_free.skipped and not finding_free.errors
    broken = ScanResult(notices=[Notice("unreadable", "cannot read: Permission denied", "a.env")])
    assert broken.incomplete and broken.exit_status(Severity.NOTE, exit_zero=True) == 2


def test_a_file_that_vanishes_between_walk_and_read_is_exit_2_even_with_exit_zero(tree, monkeypatch):
    real = discover_module.discover

    def walk_then_lose_one(paths, **kwargs):
        yield from real(paths, **kwargs)
        yield str(tree / "gone.env")  # listed by the walk, deleted before it is read

    monkeypatch.setattr(engine, "discover", walk_then_lose_one)
    result = run("scan", "--format", "json", "--exit-zero", "-j", "1")
    assert result.exit_code == 2
    report = json.loads(result.stdout)
    assert [f["fingerprint"] for f in report["findings"]] == [fp(KEY)]  # reported all the same
    assert "gone.env" in result.stderr
    assert not leaked(result.stdout + result.stderr, [KEY])


def test_skipped_by_choice_is_not_an_error(tree):
    (tree / "logo.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00" + b"\x00" * 64)
    (tree / ".kaman-lint.toml").write_text("max-file-size = 100\n")
    (tree / "big.js").write_text("x" * 500)
    assert run("scan", "clean.py", "logo.png", "big.js").exit_code == 0


def test_a_missing_path_is_one_line_on_stderr_and_no_report(tree):
    result = run("scan", "app.py", "no-such-dir")
    assert result.exit_code == 2
    assert result.stdout == ""  # no "No findings in 0 files.", no half report
    [line] = result.stderr.splitlines()
    assert "no-such-dir" in line and "no such file or directory" in line
    alone = run("scan", "nowhere.py", "--format", "json")
    assert alone.exit_code == 2 and alone.stdout == ""


def test_a_baseline_is_not_written_from_an_incomplete_scan(tree, monkeypatch):
    real = discover_module.discover

    def walk_then_lose_one(paths, **kwargs):
        yield from real(paths, **kwargs)
        yield str(tree / "gone.env")

    monkeypatch.setattr(engine, "discover", walk_then_lose_one)
    result = run("baseline", "-o", "b.json", "-j", "1")
    assert result.exit_code == 2 and not (tree / "b.json").exists()


# -- a real permission error, as a user without root would meet it -------------------------------


def _unprivileged() -> list[str] | None:
    """A command prefix that runs as an ordinary user: none needed when we are not root, else
    setpriv to `nobody` (None when that is not possible here)."""
    if os.name != "posix":
        return None
    if os.geteuid() != 0:
        return []
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        return None
    prefix = [setpriv, "--reuid=65534", "--regid=65534", "--clear-groups"]
    # The interpreter must run as that user too: a pyenv Python under a 0700 /root does not
    # (its libpython cannot be loaded), and then the test would fail for a reason of its own.
    probe = subprocess.run(prefix + [sys.executable, "-c", "import kaman_lint"], capture_output=True,
                           cwd=tempfile.gettempdir(), timeout=60)
    return prefix if probe.returncode == 0 else None


@pytest.mark.skipif(_unprivileged() is None, reason="needs a non-root user this interpreter runs as (setpriv as root)")
def test_an_unreadable_file_is_exit_2_after_the_findings_and_exit_zero_does_not_hide_it():
    prefix = _unprivileged()
    assert prefix is not None
    base = Path(tempfile.mkdtemp(prefix="kaman-gate-"))
    try:
        base.chmod(0o755)
        (base / "app.py").write_text(f"KEY = '{KEY}'\n")
        (base / "secret.env").write_text(f"KAMAN_API_KEY={make_key(8402)}\n")
        (base / "secret.env").chmod(0)
        for path in (base / "app.py",):
            path.chmod(0o644)
        command = prefix + [sys.executable, "-m", "kaman_lint", "scan", ".", "--format", "json", "-j", "1"]
        env = {**os.environ, "HOME": str(base)}
        for extra in ([], ["--exit-zero"]):
            done = subprocess.run(command + extra, cwd=base, capture_output=True, text=True, env=env, timeout=60)
            assert done.returncode == 2, done.stderr
            report = json.loads(done.stdout)
            assert [f["fingerprint"] for f in report["findings"]] == [fp(KEY)]
            assert "secret.env" in done.stderr
            assert not leaked(done.stdout + done.stderr, [KEY])
    finally:
        shutil.rmtree(base, ignore_errors=True)
