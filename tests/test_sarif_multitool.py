"""SARIF on the dev set passes Microsoft's SARIF Multitool (its own rules and GitHub's GH10xx),
a second opinion beside sarif_check.py. .ci/run installs the Multitool from npm; elsewhere the
test skips, saying so."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
CHECK = SHARED / "tools" / "multitool_check.py"
BINARY = REPO / ".ci-tools" / "node_modules" / "@microsoft" / "sarif-multitool-linux" / "Sarif.Multitool"


def multitool() -> str | None:
    explicit = os.environ.get("SARIF_MULTITOOL")
    if explicit and Path(explicit).is_file():
        return explicit
    return str(BINARY) if BINARY.is_file() else None


@pytest.mark.skipif(not CHECK.is_file() or not (SHARED / "eval" / "devset").is_dir(),
                    reason="../shared (multitool_check.py and the dev set) is not beside the repository")
@pytest.mark.skipif(multitool() is None,
                    reason="SARIF Multitool not installed (.ci/run: npm install --prefix .ci-tools @microsoft/sarif-multitool)")
def test_devset_sarif_passes_the_multitool(tmp_path):
    sarif = tmp_path / "devset.sarif"
    scan = subprocess.run([sys.executable, "-m", "kaman_lint", "scan", str(SHARED / "eval" / "devset"),
                           "--format", "sarif", "-o", str(sarif), "--exit-zero"], capture_output=True)
    assert scan.returncode == 0, scan.stderr.decode()[-500:]
    check = subprocess.run([sys.executable, str(CHECK), str(sarif), "--multitool", multitool(), "--warnings"],
                           capture_output=True, text=True, timeout=300)
    assert check.returncode == 0, check.stdout[-2000:]
