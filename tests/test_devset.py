"""Each rule on the labelled dev set, at or above the bar its issue set, measured by the
evaluation's own scorer. Skipped when ../shared (the evaluation checkout) is absent."""

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


# rule -> (least precision, least recall): the "done when" bars of issues 2, 3 and 4.
BARS = {"KAM001": (0.98, 0.98), "KAM002": (0.95, 0.90), "KAM003": (0.95, 0.95)}


@pytest.fixture(scope="module")
def scored(tmp_path_factory) -> str:
    result = engine.scan([str(DEVSET)], Config(project_root=DEVSET), root=DEVSET)
    sarif = tmp_path_factory.mktemp("devset") / "devset.sarif"
    sarif.write_text(report.render("sarif", result, all_rules()), encoding="utf-8")
    run = subprocess.run([sys.executable, str(SHARED / "score.py"), str(DEVSET / "labels.json"), str(sarif)],
                         capture_output=True, text=True, check=False)
    assert run.returncode == 0, run.stderr
    return run.stdout


@pytest.mark.parametrize("rule", sorted(BARS))
def test_precision_and_recall_on_the_devset(scored: str, rule: str) -> None:
    rows = {m.group(1): m.groups() for m in ROW.finditer(scored)}
    precision, recall = float(rows[rule][8]), float(rows[rule][9])
    least_precision, least_recall = BARS[rule]
    assert precision >= least_precision and recall >= least_recall, scored.split("\n\n")[0]
