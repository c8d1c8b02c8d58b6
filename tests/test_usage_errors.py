"""Usage errors (click's) quote what was typed: a key pasted into the wrong option, or a CI
variable expanded where it should not be, must not be echoed whole to the log."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from fakekeys import leaked, make_key

KEY = make_key(1710)


@pytest.mark.parametrize("args", [
    ["scan", ".", "--format", KEY],  # a choice
    ["scan", ".", "--fail-on", KEY],
    ["scan", ".", "-j", KEY],  # an integer range
    ["scan", f"--{KEY}"],  # no such option
    ["scan", f"--format={KEY}"],
    [KEY],  # no such command
    [f"--{KEY}"],  # no such option of the group itself
    ["baseline", ".", "-j", KEY],
    ["history", ".", f"--{KEY}"],
], ids=lambda args: " ".join(a if "kam_" not in a else "<key>" for a in args))
def test_a_usage_error_quotes_no_key(tmp_path: Path, args: list[str]) -> None:
    done = subprocess.run([sys.executable, "-m", "kaman_lint", *args], cwd=tmp_path, capture_output=True,
                          text=True, timeout=60)
    assert done.returncode == 2
    assert "Error:" in done.stderr  # still click's usage message, with the value redacted
    assert leaked(done.stdout + done.stderr, [KEY]) == []
