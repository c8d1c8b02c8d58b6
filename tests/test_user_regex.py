"""Regexes from the repository's config (`placeholders`) run in linear time (RE2), or are
refused with exit 2: a pull request's config must not be able to hang the gate."""

from __future__ import annotations

import signal
from contextlib import contextmanager
from pathlib import Path

import pytest
from click.testing import CliRunner

from kaman_lint.cli import main
from kaman_lint.config import Config, ConfigError, load_config
from kaman_lint.keys import KeyMatcher
from tests.fakekeys import fp, make_key
from tests.growth import growth, scan_call

KEY = make_key(71)
# Nested quantifiers: Python's `re` takes 2^n steps on n word characters without a `#`.
BACKTRACKING = r"^(\w+)+#"


class Hung(BaseException):
    """Not an Exception: the engine's guard against analyzer bugs must not swallow it."""


@contextmanager
def no_hang(seconds: int = 60):
    """Turn a hang into a failure (the assertion is on growth, not on this bound)."""
    def stop(*_):
        raise Hung(f"still running after {seconds} s")
    previous = signal.signal(signal.SIGALRM, stop)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def test_a_backtracking_placeholder_pattern_costs_linear_time() -> None:
    config = Config(placeholders=[BACKTRACKING])
    # Keys with bodies of 16, 32, 64 characters: each body is searched with the pattern.
    make = lambda size: "".join(f'K{i} = "kam_{make_key(i, size)[4:]}"\n' for i in range(10))  # noqa: E731
    with no_hang():
        measured = growth(scan_call("settings.py", make, config), 16)
    assert measured.linear(), str(measured)


def test_the_pattern_still_works_as_a_placeholder() -> None:
    matcher = KeyMatcher([BACKTRACKING, "^kam_Zz", "FIXTURE"])
    assert [m.key.fingerprint for m in matcher.find(f"a = {KEY}")] == [fp(KEY)]
    assert [matcher.config_placeholder(m.key) for m in matcher.find(f"a = {KEY}")] == [None]
    # what a config pattern matches is still found, and said to be its placeholder: the scan
    # reports it as suppressed by the pattern (test_placeholder_config_visible)
    assert [matcher.config_placeholder(m.key) for m in matcher.find(f"a = kam_Zz{KEY[6:]}")] == ["^kam_Zz"]
    assert [matcher.config_placeholder(m.key) for m in matcher.find(f"a = {KEY[:10]}FIXTURE{KEY[10:]}")] == ["FIXTURE"]


@pytest.mark.parametrize("pattern", [r"(?<=kam_)test", r"(a)\1", r"(?P<x>a)(?P=x)", r"^(?!kam_)", "(unclosed"])
def test_patterns_that_need_backtracking_are_refused_with_exit_2(tmp_path: Path, pattern: str) -> None:
    toml_pattern = pattern.replace("\\", "\\\\")
    (tmp_path / ".kaman-lint.toml").write_text(f'placeholders = ["{toml_pattern}"]\n')
    with pytest.raises(ConfigError, match="placeholders.*not accepted"):
        load_config(tmp_path)
    (tmp_path / "a.py").write_text(f'K = "{KEY}"\n')
    result = CliRunner().invoke(main, ["scan", str(tmp_path)])
    assert result.exit_code == 2
    assert "RE2" in result.output and "placeholders" in result.output


def test_a_refused_pattern_quoting_a_key_is_printed_redacted(tmp_path: Path) -> None:
    (tmp_path / ".kaman-lint.toml").write_text(f'placeholders = ["(?<=x){KEY}"]\n')
    result = CliRunner().invoke(main, ["scan", str(tmp_path)])
    assert result.exit_code == 2
    assert KEY not in result.output and KEY[4:] not in result.output
