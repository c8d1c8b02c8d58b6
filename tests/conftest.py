"""Settings every test starts from, whatever machine runs the suite."""

import sys
from pathlib import Path

import pytest

SHARED_TOOLS = Path(__file__).resolve().parents[1].parent / "shared" / "tools"


@pytest.fixture(autouse=True)
def _not_in_ci(monkeypatch: pytest.MonkeyPatch) -> None:
    # CI runners set CI=true, and a scan in CI prints which config it used on stderr (click's
    # runner mixes stderr into `output`). Tests that want that line set CI themselves.
    monkeypatch.delenv("CI", raising=False)


@pytest.fixture(scope="module")
def sarif_check():
    """The shared SARIF checker (../shared/tools/sarif_check.py), or a skip saying why."""
    if not (SHARED_TOOLS / "sarif_check.py").exists():
        pytest.skip("../shared/tools/sarif_check.py is not available")
    pytest.importorskip("jsonschema")
    sys.path.insert(0, str(SHARED_TOOLS))
    try:
        import sarif_check
    finally:
        sys.path.remove(str(SHARED_TOOLS))
    return sarif_check
