"""Settings every test starts from, whatever machine runs the suite."""

import pytest


@pytest.fixture(autouse=True)
def _not_in_ci(monkeypatch: pytest.MonkeyPatch) -> None:
    # CI runners set CI=true, and a scan in CI prints which config it used on stderr (click's
    # runner mixes stderr into `output`). Tests that want that line set CI themselves.
    monkeypatch.delenv("CI", raising=False)
