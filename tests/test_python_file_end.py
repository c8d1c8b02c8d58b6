"""A Python file that ends inside an indented block, without a final newline: tokenize puts the
closing DEDENTs one line past the last, and the analysis must take that as the end of the text."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from kaman_lint.cli import main
from kaman_lint.source import Source
from tests.fakekeys import fp, leaked, make_key

KEY = make_key(9101)


def test_a_file_ending_inside_an_if_block_is_analysed_without_an_internal_error(tmp_path: Path, monkeypatch) -> None:
    (tmp_path / "a.py").write_text(f'KEY = "{KEY}"\nif __name__ == "__main__":\n    x = 1')
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["scan", "a.py", "--format", "json"])
    report = json.loads(result.stdout)
    assert result.exit_code == 1, [e["message"] for e in report["errors"]]
    assert [f["fingerprint"] for f in report["findings"] if f["rule_id"] == "KAM001"] == [fp(KEY)]
    assert not report["errors"]
    assert not leaked(result.output, [KEY])


def test_the_position_after_the_last_line_is_the_end_of_the_text() -> None:
    source = Source("a.py", "a = 1\n    b", "python")
    assert source.offset(3, 1) == len(source.text)
