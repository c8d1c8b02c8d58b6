"""A history scan's scope is printed in JSON (`history`) and SARIF (`versionControlProvenance`):
a branch, a revision range and a remote URL are names anyone with push rights chooses, so a key
in one is redacted like any other text."""

from __future__ import annotations

import dataclasses

from fakekeys import leaked, make_key
from kaman_lint.findings import HistoryScope

try:
    from test_report_data import RULES, render, sample_result
except ImportError:  # tests/ imported as a package
    from tests.test_report_data import RULES, render, sample_result

BRANCH_KEY, RANGE_KEY, REMOTE_KEY = make_key(1720), make_key(1721), make_key(1722)
HEAD = "1234567" + "e" * 33


def test_no_format_shows_a_key_from_a_branch_a_range_or_a_remote() -> None:
    scope = HistoryScope(f"main..feature/{RANGE_KEY}", 3, HEAD, f"feature/{BRANCH_KEY}",
                         f"https://example.com/org/{REMOTE_KEY}.git")
    result = dataclasses.replace(sample_result(), history=scope)
    for fmt in ("text", "json", "sarif", "github", "gitlab"):
        assert leaked(render(fmt, result, RULES), [BRANCH_KEY, RANGE_KEY, REMOTE_KEY]) == [], fmt
    assert "feature/kam_" in render("json", result, RULES)  # redacted, not dropped
