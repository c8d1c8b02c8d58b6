"""A Python file of millions of tokens (16 million `x` lines fit in the default 32 MiB limit)
must not take the scan's memory with it: the tokenizer's tokens cost about 300 bytes each, and
the analyzer kept them all (10 MB of short lines took 3 GB). Past a bound the file is scanned
as text, which still finds its keys, with a notice saying so."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from kaman_lint.cli import main
from kaman_lint.lang import python
from tests.fakekeys import fp, make_key


def _bound(monkeypatch, tokens: int) -> None:
    """A token bound small enough for a test, with the window (which tokenizes part of a file,
    only in files too small to reach the bound) scaled down with it."""
    monkeypatch.setattr(python, "MAX_TOKENS", tokens)
    monkeypatch.setattr(python, "MAX_CUT_TEXT", tokens // 5)


def _scan(path: Path) -> dict:
    return json.loads(CliRunner().invoke(main, ["scan", "--format", "json", str(path)]).stdout)


def test_a_python_file_past_the_token_bound_is_scanned_as_text(tmp_path, monkeypatch):
    _bound(monkeypatch, 1_000)
    key = make_key(9401)
    path = tmp_path / "generated.py"
    path.write_text("x\n" * 600 + f'KEY = "{key}"\n')  # 1,200 tokens and more
    report = _scan(path)
    assert [(f["rule_id"], f["fingerprint"], f["line"]) for f in report["findings"]] == [("KAM001", fp(key), 601)]
    assert any(n["kind"] == "parse-error" and "tokens" in n["message"] for n in report["notices"])


def test_a_file_of_many_tokens_on_one_line_is_bounded_too(tmp_path, monkeypatch):
    _bound(monkeypatch, 1_000)
    key = make_key(9402)
    path = tmp_path / "one_line.py"
    path.write_text("x;" * 800 + f'KEY = "{key}"\n')
    report = _scan(path)
    assert [(f["rule_id"], f["fingerprint"]) for f in report["findings"]] == [("KAM001", fp(key))]
    assert any(n["kind"] == "parse-error" for n in report["notices"])


def test_a_python_file_under_the_bound_is_analysed_as_python(tmp_path, monkeypatch):
    _bound(monkeypatch, 1_000)
    path = tmp_path / "settings.py"
    path.write_text("x\n" * 100 + f'KEY = "{make_key(9403)}"\n')
    report = _scan(path)
    assert len(report["findings"]) == 1 and not report["notices"]
