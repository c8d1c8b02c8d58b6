"""Python files whose lines end in a lone `\\r` (classic Mac OS, some generators), or mix `\\r`
with `\\r\\n`/`\\n` (issue 10 §1). `tokenize` reads lines at `\\n` only, the engine at every
line break: the two must agree on where each key is, in strings, comments, f-strings,
multi-line strings and literals split over lines, and `--fix` must keep every line end."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from fakekeys import fp, leaked, make_key
from kaman_lint import engine
from kaman_lint.cli import main
from kaman_lint.config import Config

KEYS = [make_key(4700 + i) for i in range(3)]
BREAK = re.compile(r"\r\n|\n|\r")


def found(tmp_path: Path, text: str) -> list[tuple[int, int, int, int, str]]:
    (tmp_path / "a.py").write_bytes(text.encode("utf-8"))
    result = engine.scan([str(tmp_path)], Config(project_root=tmp_path, select=["KAM001"]), root=tmp_path, jobs=1)
    # A key twice on a line (a string and its comment) is one finding, the second place a repeat.
    return sorted((loc.line, loc.column, loc.end_line, loc.end_column, f.fingerprint)
                  for f in result.findings for loc in (f.location, *f.repeats))


def position(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column of `offset`, every `\\r\\n`, `\\n` or lone `\\r` ending a line."""
    starts = [0] + [m.end() for m in BREAK.finditer(text)]
    line = max(i for i, s in enumerate(starts) if s <= offset)
    return line + 1, offset - starts[line] + 1


def where(text: str, key: str, start: int = 0, end: int | None = None) -> tuple[int, int, int, int, str]:
    """The finding expected for `key` written whole from `start` (or in pieces up to `end`)."""
    first = text.index(key, start) if end is None else start
    last = first + len(key) if end is None else end
    return (*position(text, first), *position(text, last), fp(key))


@pytest.mark.parametrize("break_", ["\r", "\r\n", "\n"])
@pytest.mark.parametrize("template", [
    'import os\r#: {k}\rX = 1\r',  # a comment
    'import os\rX = 1\r# note: {k}\rY = 2\r',
    'X = 1\rKEY = "{k}"\rY = 2\r',  # a string
    'X = 1\rKEY = f"{{x}}/{{{{y}}}}{k}"\rY = 2\r',  # an f-string, braces doubled
    'X = 1\rDOC = """\rfirst\r  {k}\r"""\rY = 2\r',  # a multi-line string
    'def f():\r    X = 1\r    return "{k}"  # {k}\r',
])
def test_keys_are_found_where_they_are_whatever_the_line_ends(tmp_path: Path, template: str, break_: str) -> None:
    text = template.replace("\r", break_).format(k=KEYS[0])
    spots = []
    at = text.find(KEYS[0])
    while at >= 0:
        spots.append(where(text, KEYS[0], at))
        at = text.find(KEYS[0], at + 1)
    assert found(tmp_path, text) == sorted(spots)


def test_mixed_line_ends_put_each_key_on_its_own_line(tmp_path: Path) -> None:
    # tokenize sees 3 lines here, the engine 6: the comment's key was read 2 lines too early
    text = f'import os\r\nX = 1\rKEY = "{KEYS[0]}"\r\nY = 2\r# {KEYS[1]}\nZ = 3\r"""\r{KEYS[2]}"""\n'
    assert found(tmp_path, text) == sorted(where(text, k) for k in KEYS)


def test_a_key_split_over_lone_cr_lines_is_joined(tmp_path: Path) -> None:
    key = KEYS[1]
    text = f'X = 1\rKEY = ("{key[:12]}"\r       "{key[12:]}")\rSPLIT = "kam_" + \\\r    "{KEYS[2][4:]}"\r'
    first_end = text.index(key[12:]) + len(key[12:])
    second_start = text.index('"kam_"') + 1
    second_end = text.index(KEYS[2][4:]) + len(KEYS[2][4:])
    assert found(tmp_path, text) == sorted([where(text, key, text.index(key[:12]), first_end),
                                            where(text, KEYS[2], second_start, second_end)])


def scan_fix(project: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.chdir(project)
    return CliRunner().invoke(main, ["scan", ".", "--fix", "--unsafe-fixes"])


@pytest.mark.parametrize("before, after", [
    ('import os\rX = 1\rKEY = "{k}"\rdef f():\r    return KEY\r',
     'import os\rX = 1\rKEY = os.environ["KAMAN_API_KEY"]\rdef f():\r    return KEY\r'),
    ('X = 1\r\nKEY = "{k}"\rY = 2\r\n# end\r',
     'import os\r\n\r\nX = 1\r\nKEY = os.environ["KAMAN_API_KEY"]\rY = 2\r\n# end\r'),
    ('import os\rKEY = "Bearer {k}"\r\r',
     'import os\rKEY = "Bearer " + os.environ["KAMAN_API_KEY"]\r\r'),
])
def test_fix_keeps_every_line_end(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, before: str, after: str) -> None:
    path = tmp_path / "a.py"
    path.write_bytes(before.format(k=KEYS[0]).encode("utf-8"))
    result = scan_fix(tmp_path, monkeypatch)
    assert leaked(result.stdout + result.stderr, KEYS) == []
    assert "Fixed 1 finding" in result.stderr
    fixed = path.read_bytes()
    assert fixed == after.encode("utf-8")
    ast.parse(fixed.decode("utf-8"))
    scan_fix(tmp_path, monkeypatch)
    assert path.read_bytes() == fixed, "a second --fix changed the file again"
