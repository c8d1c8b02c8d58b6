"""A mark after a key (`...`, `…`, `***`, `•`) masks it only when what is shown is shorter than
any real key: a whole key followed by `...` in a note is still a whole key."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from fakekeys import fp, make_key
from kaman_lint.cli import main
from kaman_lint.keys import SHORTEST_KEY_BODY, KeyMatcher

KEY = make_key(980)  # a 32-character body


def found(text: str) -> list[str]:
    return [m.key.fingerprint for m in KeyMatcher().find(text)]


@pytest.mark.parametrize("mark", ["...", "…", "***", "••••"])
def test_a_whole_key_followed_by_a_mask_mark_is_a_key(mark: str) -> None:
    assert found(f"KAMAN_API_KEY={KEY}{mark}") == [fp(KEY)]


@pytest.mark.parametrize("mark", ["...", "…", "***", "••••"])
def test_a_shown_part_of_a_key_is_masked(mark: str) -> None:
    shown = KEY[:4 + SHORTEST_KEY_BODY - 1]  # 23 characters of body: shorter than any key
    assert found(f"KAMAN_API_KEY={shown}{mark}") == []
    assert found(f"KAMAN_API_KEY={shown}") == [fp(shown)]  # unmasked, it would count


def test_a_whole_key_before_an_ellipsis_in_notes_is_reported(tmp_path) -> None:
    (tmp_path / "notes.md").write_text(f"Rotated today.\n\nKAMAN_API_KEY={KEY}...\n")
    result = CliRunner().invoke(main, ["scan", str(tmp_path), "--format", "json"])
    findings = json.loads(result.output)["findings"]
    assert result.exit_code == 1
    assert [(f["rule_id"], f["line"], f["fingerprint"]) for f in findings] == [("KAM001", 3, fp(KEY))]
