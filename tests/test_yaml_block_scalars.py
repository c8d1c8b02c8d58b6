"""YAML block scalars (`run: |`, `script: >-`, `- |`): the text under them is shell or prose,
not YAML, so a `*name` there is no alias and a `key:` there is no mapping key. And alias
resolution costs bounded work per file, however large the anchored nodes."""

from __future__ import annotations

import pytest

from pathlib import Path

from kaman_lint.lang import yaml
from tests.fakekeys import fp, make_key
from tests.test_yaml_aliases import aliases, scan

DEV = make_key(61)


def _repro() -> str:
    return (f"development:\n  api_key: &k {DEV}\n"
            "production:\n  deploy:\n    run: |\n      ls *k\n      echo done\n")


def test_a_star_inside_a_block_scalar_is_not_an_alias() -> None:
    assert aliases(_repro()) == []


def test_the_reviewers_repro_gives_no_kam003(tmp_path: Path) -> None:
    result = scan(tmp_path, {"config/kaman.yml": _repro()})
    assert result.findings == []


def test_an_alias_after_the_block_scalar_still_counts(tmp_path: Path) -> None:
    text = _repro() + "    api_key: *k\n"
    result = scan(tmp_path, {"config/kaman.yml": text})
    assert [(f.rule_id, f.location.line, f.fingerprint) for f in result.findings] == [
        ("KAM003", 8, fp(DEV))]


def test_folded_and_list_item_block_scalars_hide_aliases_too() -> None:
    for header in ("    run: >-  # folded\n", "    - |\n", "    script: &s !!str |2\n"):
        text = (f"development:\n  api_key: &k {DEV}\n"
                f"production:\n  steps:\n{header}      cp *k /tmp\n")
        assert aliases(text) == [], header


def test_a_key_inside_a_block_scalar_is_not_a_mapping_key() -> None:
    lines = ["jobs:", "  build:", "    run: |", "      api_key: x", "      echo", "    env: prod"]
    paths = yaml.key_paths(lines)
    assert paths[3] == (("jobs", "build", "run"), None)
    assert paths[5] == (("jobs", "build"), "env")
    assert yaml.block_scalar_lines(lines) == [False, False, False, True, True, False]


def test_a_pipe_in_a_plain_or_quoted_value_opens_no_block() -> None:
    lines = ['cmd: "a |"', "other: x | y", "  nested: 1"]
    assert yaml.block_scalar_lines(lines) == [False, False, False]


@pytest.fixture
def work_spent(monkeypatch):
    """The units of alias work each file spent (no timing: work counted, as the budget does)."""
    budgets = []

    class Recording(yaml._Budget):
        def __init__(self, units: int) -> None:
            super().__init__(units)
            self.start = units
            budgets.append(self)

    monkeypatch.setattr(yaml, "_Budget", Recording)
    return lambda: sum(b.start - b.left for b in budgets)


def test_many_aliases_of_a_large_anchor_cost_linear_work(work_spent) -> None:
    # 25k aliases of a 25k-line anchor that holds no key: each alias re-read the anchor's lines
    # (36 s) before anchors kept their occurrences (0.2 s).
    text = "\n".join([f"api_key: {DEV}", "big: &big"] + [f"  - item{i}" for i in range(25000)]
                     + ["uses:"] + ["  - *big"] * 25000) + "\n"
    assert aliases(text) == []
    assert work_spent() <= 4 * text.count("\n")


def test_the_work_budget_stops_resolution_without_losing_literals(monkeypatch) -> None:
    monkeypatch.setattr(yaml, "MAX_WORK_PER_FILE", 50)
    text = (f"d: &d\n  api_key: {DEV}\n"
            + "".join(f"s{i}:\n  <<: *d\n" for i in range(100)))
    found = aliases(text)
    assert 0 < len(found) < 100


def test_many_merges_into_one_mapping_stay_within_the_work_budget(work_spent) -> None:
    # Each merge reads its whole mapping for the keys it sets itself: 57 s for 20k merges
    # before that reading counted against the file's work budget, 1.3 s after.
    text = "\n".join(["d: &d", f"  api_key: {DEV}", "m:"] + ["  <<: *d"] * 20000) + "\n"
    found = aliases(text)
    assert {a.fingerprint for a in found} == {fp(DEV)}
    assert work_spent() <= yaml.MAX_WORK_PER_FILE + 20000
