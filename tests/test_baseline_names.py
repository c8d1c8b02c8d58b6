"""A baseline entry's path is relative to the baseline file's directory, so it can hold names
above the scan root: a checkout directory named after a key must not put the key into the
baseline (which is committed), and the redacted entry must still match."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from fakekeys import leaked, make_key

KEY, DIR_KEY = make_key(1740), make_key(1741)


def kaman_lint(cwd: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "kaman_lint", *args], cwd=cwd, capture_output=True, text=True,
                          timeout=60)


def test_a_key_named_directory_between_the_baseline_and_the_scan_root_is_redacted(tmp_path: Path) -> None:
    project = tmp_path / f"x{DIR_KEY}" / "project"  # glued: still a key in a printed name
    project.mkdir(parents=True)
    (project / "app.py").write_text(f'KAMAN_API_KEY = "{KEY}"\n', encoding="utf-8")
    baseline = tmp_path / "baseline.json"
    done = kaman_lint(project, "baseline", ".", "-o", str(baseline))
    assert done.returncode == 0, done.stderr[-300:]
    text = baseline.read_text(encoding="utf-8")
    assert leaked(text, [KEY, DIR_KEY]) == []
    assert len(json.loads(text)["entries"]) == 1
    gate = kaman_lint(project, "scan", ".", "--baseline", str(baseline))
    assert gate.returncode == 0 and "1 recorded in the baseline" in gate.stdout, gate.stdout[-300:]
