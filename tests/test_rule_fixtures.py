"""The one runner for every `rules/<RULE>/<case>/` folder.

A case is a tiny project: its files plus `expected.txt`, one `path:line` per expected finding of
that rule (paths relative to the case folder; `#` starts a comment, on its own line or after an
entry). An expected.txt with only comments is a negative case. The case is scanned with only its
rule selected, suppressions applied, and the set of (path, line) must equal the expected set.
A case may carry its own `.kaman-lint.toml` (e.g. `placeholders`); otherwise the defaults apply,
never the config of the repository the fixtures live in (it excludes `rules/`), and never its
`.gitignore` (which ignores `build/` and `dist/`): a case is judged on its own files.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from kaman_lint import engine
from kaman_lint.config import Config, load_config

RULES_DIR = Path(__file__).resolve().parent.parent / "rules"


def _cases() -> list[pytest.param]:
    cases = sorted(p.parent for p in RULES_DIR.glob("*/*/expected.txt"))
    return [pytest.param(case, id=f"{case.parent.name}/{case.name}") for case in cases]


def read_expected(path: Path) -> set[tuple[str, int]]:
    expected = set()
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        entry = raw.split("#", 1)[0].strip()
        if not entry:
            continue
        file, sep, line = entry.rpartition(":")
        if not sep or not line.isdigit():
            raise ValueError(f"{path}:{number}: expected `path:line`, got {entry!r}")
        expected.add((file, int(line)))
    return expected


def case_config(case: Path, rule: str) -> Config:
    own = [case / name for name in (".kaman-lint.toml", "pyproject.toml") if (case / name).is_file()]
    config = load_config(case, own[0]) if own and own[0].name == ".kaman-lint.toml" else Config()
    config.project_root = case
    return config.with_overrides(select=[rule], no_ignore=True)


@pytest.mark.parametrize("case", _cases())
def test_rule_fixture(case: Path) -> None:
    rule = case.parent.name
    expected = read_expected(case / "expected.txt")
    result = engine.scan([str(case)], case_config(case, rule), root=case, jobs=1)
    found = {(f.location.path, f.location.line) for f in result.findings if f.rule_id == rule}
    assert sorted(found - expected) == [], "unexpected findings (path, line)"
    assert sorted(expected - found) == [], "missing findings (path, line)"


def test_fixture_cases_exist_for_kam001() -> None:
    cases = [c for c in _cases() if c.values[0].parent.name == "KAM001"]
    negatives = [c for c in cases if not read_expected(c.values[0] / "expected.txt")]
    assert len(cases) >= 10 and negatives, "KAM001 needs positive and negative fixture cases"


def test_expected_parser_reads_comments_and_rejects_garbage(tmp_path: Path) -> None:
    good = tmp_path / "expected.txt"
    good.write_text("# why\na/b.py:3   # trailing note\n\n.env:1\n", encoding="utf-8")
    assert read_expected(good) == {("a/b.py", 3), (".env", 1)}
    good.write_text("a/b.py line 3\n", encoding="utf-8")
    with pytest.raises(ValueError):
        read_expected(good)
