"""`scan --fix [--unsafe-fixes] [--diff]` on before/after pairs, in the style of LibCST's codemod
tests: `tests/fixtures/fixes/<case>/before/` is copied into a fresh git repository (every file
tracked), fixed, and must then equal `after/` byte for byte; `expected.txt` lists lines the fix
run must print (key-free). Every fixed file is parsed again, a second run changes nothing, no
new file appears, and no whole key reaches the output."""

from __future__ import annotations

import ast
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from fakekeys import leaked, make_key
from kaman_lint.cli import main
from kaman_lint.keys import safe_text

CASES_DIR = Path(__file__).parent / "fixtures" / "fixes"
CASES = sorted(p.name for p in CASES_DIR.iterdir() if (p / "before").is_dir())
KEY_TEXT = re.compile(r"kam_[A-Za-z0-9]{16,}")


def tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*"))
            if p.is_file() and ".git" not in p.relative_to(root).parts}


def keys_in(files: dict[str, bytes]) -> list[str]:
    return sorted({k for data in files.values() for k in KEY_TEXT.findall(data.decode("utf-8", "replace"))})


def differing(got: dict[str, bytes], want: dict[str, bytes]) -> list[str]:
    """Paths that differ, with a redacted diff: never the files' text itself (it holds keys)."""
    import difflib

    out = []
    for path in sorted(set(got) | set(want)):
        if got.get(path) != want.get(path):
            a = (want.get(path) or b"").decode("utf-8", "replace").splitlines(keepends=True)
            b = (got.get(path) or b"").decode("utf-8", "replace").splitlines(keepends=True)
            out.append(path + "\n" + safe_text("".join(difflib.unified_diff(a, b, "after", "got"))))
    return out


def git_project(case: str, tmp_path: Path) -> Path:
    project = tmp_path / case
    shutil.copytree(CASES_DIR / case / "before", project)
    subprocess.run(["git", "init", "-q", "."], cwd=project, check=True)
    subprocess.run(["git", "add", "-A"], cwd=project, check=True)
    return project


def scan(project: Path, monkeypatch: pytest.MonkeyPatch, *args: str):
    monkeypatch.chdir(project)
    return CliRunner().invoke(main, ["scan", ".", *args])


def reparse(relpath: str, data: bytes) -> None:
    """The fixed file still parses: Python by the compiler, the rest by kaman-lint's own readers
    (which report a parse error for broken YAML, JSON, JS/TS)."""
    from kaman_lint import lang
    from kaman_lint.facts import FileFacts
    from kaman_lint.keys import KeyMatcher
    from kaman_lint.source import Source, detect_language

    text = data.decode("utf-8")
    if relpath.endswith(".py"):
        ast.parse(text)
    facts = FileFacts(Source(relpath, text, detect_language(relpath)))
    lang.analyze(facts, KeyMatcher())
    if facts.source.language in ("javascript", "typescript", "jsx", "tsx"):
        from kaman_lint.exposure.flows.javascript import parse

        assert not parse(facts).root_node.has_error, f"{relpath} no longer parses"
    assert facts.parse_error is None, f"{relpath}: {facts.parse_error}"


@pytest.mark.parametrize("case", CASES)
def test_fix_turns_before_into_after(case: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    project = git_project(case, tmp_path)
    before = tree(project)
    keys = keys_in(before)
    result = scan(project, monkeypatch, "--fix", "--unsafe-fixes")
    assert result.exit_code in (0, 1), safe_text(result.output)
    after = tree(project)
    assert differing(after, tree(CASES_DIR / case / "after")) == []
    assert set(after) == set(before), "a fix never writes a new file"
    for relpath, data in after.items():
        if data != before[relpath]:
            reparse(relpath, data)
    output = result.stdout + result.stderr
    assert leaked(output, keys) == []
    for line in (CASES_DIR / case / "expected.txt").read_text(encoding="utf-8").splitlines():
        assert line in output, f"missing from the output: {line}"
    # one rotation reminder per key the run dealt with
    for key in keys:
        preview = key[:8] + "…"
        assert output.count(f"rotate {preview}") <= 1

    again = scan(project, monkeypatch, "--fix", "--unsafe-fixes")
    assert tree(project) == after, "a second --fix changed the files again"
    assert "Fixed 0 findings" in again.stderr


@pytest.mark.parametrize("case", CASES)
def test_diff_previews_without_writing_or_leaking(case: str, tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    project = git_project(case, tmp_path)
    before = tree(project)
    result = scan(project, monkeypatch, "--diff", "--unsafe-fixes")
    assert tree(project) == before
    assert leaked(result.stdout + result.stderr, keys_in(before)) == []
    changed = [p for p, data in tree(CASES_DIR / case / "after").items() if data != before.get(p)]
    for path in changed:
        assert f"+++ b/{path}" in result.stdout
    if not changed:
        assert result.stdout == ""
    assert result.exit_code == 1  # the findings are still there


def test_fix_without_unsafe_fixes_changes_nothing_and_says_how(tmp_path: Path,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    project = git_project("python-assignments", tmp_path)
    before = tree(project)
    result = scan(project, monkeypatch, "--fix")
    assert tree(project) == before
    assert result.exit_code == 1
    assert "fixable with --unsafe-fixes: app/client.py:8:18: KAM001" in result.stderr
    assert "5 more fixable with --unsafe-fixes" in result.stderr


def test_after_a_fix_the_report_shows_what_is_left(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    project = git_project("python-fstrings-and-concatenation", tmp_path)
    result = scan(project, monkeypatch, "--fix", "--unsafe-fixes")
    assert result.exit_code == 1  # the key in the comment is left
    assert "headers.py:10:15: KAM001" in result.stdout  # one line up: SPLIT now fits on one
    assert "Found 1 finding" in result.stdout


def test_each_key_gets_one_rotation_reminder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    key = make_key(1400)
    (tmp_path / "a.py").write_text(f'A = "{key}"\nB = "{key}"\n', encoding="utf-8")
    (tmp_path / "b.py").write_text(f'C = "{key}"\n', encoding="utf-8")
    result = scan(tmp_path, monkeypatch, "--fix", "--unsafe-fixes")
    assert result.stderr.count(f"rotate {key[:8]}…") == 1
    assert "Fixed 3 findings in 2 files" in result.stderr
    assert (tmp_path / "a.py").read_text() == 'import os\n\nA = os.environ["KAMAN_API_KEY"]\nB = os.environ["KAMAN_API_KEY"]\n'


def test_two_keys_in_one_file_never_read_the_same_variable(tmp_path: Path,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "a.py").write_text(f'import os\ndev = "{make_key(1401)}"\nprod = "{make_key(1402)}"\n', encoding="utf-8")
    scan(tmp_path, monkeypatch, "--fix", "--unsafe-fixes")
    assert (tmp_path / "a.py").read_text() == ('import os\ndev = os.environ["KAMAN_API_KEY"]\n'
                                               'prod = os.environ["KAMAN_PROD"]\n')


def test_suppressed_and_baselined_findings_are_not_fixed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    text = f'A = "{make_key(1403)}"  # kaman-lint: ignore[KAM001] -- documented test key\n'
    (tmp_path / "a.py").write_text(text, encoding="utf-8")
    scan(tmp_path, monkeypatch, "--fix", "--unsafe-fixes")
    assert (tmp_path / "a.py").read_text() == text


@pytest.mark.parametrize("args", [["-", "--fix"], ["--staged", "--diff"]])
def test_fix_refuses_stdin_and_the_index(args: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["scan", *args], input="x = 1\n")
    assert result.exit_code == 2
    assert "work tree" in result.stderr


def test_a_file_that_is_not_utf8_is_left_alone(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    data = f'# \xe9\nA = "{make_key(1404)}"\n'.encode("latin-1")
    (tmp_path / "a.py").write_bytes(data)
    result = scan(tmp_path, monkeypatch, "--fix", "--unsafe-fixes")
    assert (tmp_path / "a.py").read_bytes() == data
    assert "not fixed: the file is not UTF-8" in result.stderr


def test_a_key_split_over_lines_is_masked_in_the_diff(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    key = make_key(1405)
    (tmp_path / "a.py").write_text(f'A = ("{key[:12]}"\n     "{key[12:]}")\n', encoding="utf-8")
    result = scan(tmp_path, monkeypatch, "--diff", "--unsafe-fixes")
    assert '+A = os.environ["KAMAN_API_KEY"]' in result.stdout
    assert key[12:] not in result.stdout and key[4:12] not in result.stdout


def test_an_annotated_parameter_is_named_after_the_parameter_not_its_type(tmp_path: Path,
                                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "a.py").write_text(f'def f(api_key: str = "{make_key(1406)}"):\n    pass\n', encoding="utf-8")
    result = scan(tmp_path, monkeypatch)
    assert "in `api_key`" in result.stdout and "in `str`" not in result.stdout
