"""KAM001 on the labelled dev set: precision and recall of at least 0.98, measured by the
project's own scorer. Skipped when ../shared (the evaluation checkout) is absent."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from kaman_lint import engine, report
from kaman_lint.config import Config
from kaman_lint.rules import all_rules

SHARED = Path(__file__).resolve().parents[2] / "shared" / "eval"
DEVSET = SHARED / "devset"
pytestmark = pytest.mark.skipif(not (DEVSET / "labels.json").is_file(), reason="../shared/eval is absent")

ROW = re.compile(r"^(KAM\d{3})\s+(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s+(\S+)\s+(\S+)\s*$", re.M)


def test_kam001_precision_and_recall_on_the_devset(tmp_path: Path) -> None:
    result = engine.scan([str(DEVSET)], Config(project_root=DEVSET), root=DEVSET)
    sarif = tmp_path / "devset.sarif"
    sarif.write_text(report.render("sarif", result, all_rules()), encoding="utf-8")
    scored = subprocess.run([sys.executable, str(SHARED / "score.py"), str(DEVSET / "labels.json"), str(sarif)],
                            capture_output=True, text=True, check=False)
    assert scored.returncode == 0, scored.stderr
    rows = {m.group(1): m.groups() for m in ROW.finditer(scored.stdout)}
    precision, recall = float(rows["KAM001"][8]), float(rows["KAM001"][9])
    assert precision >= 0.98 and recall >= 0.98, scored.stdout.split("\n\n")[0]
