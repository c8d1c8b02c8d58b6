"""The JSON report's documented schema (docs/json-report.schema.json) holds for real output:
every section filled by a real scan, a history scan, stdin, and hostile file names. The schema
forbids undocumented fields, so a new field fails here until the schema describes it."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from kaman_lint.cli import main
from kaman_lint.report.json import SCHEMA_VERSION
from tests.fakekeys import make_key
from tests.tree import write

jsonschema = pytest.importorskip("jsonschema")

SCHEMA_FILE = Path(__file__).resolve().parents[1] / "docs" / "json-report.schema.json"
SCHEMA = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
VALIDATOR = jsonschema.Draft202012Validator(SCHEMA)
KEY, OTHER, SHARED = make_key(501), make_key(502), make_key(503)


def problems(document: dict) -> list[str]:
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in VALIDATOR.iter_errors(document)]


def report(*args: str, input: str | None = None) -> dict:
    result = CliRunner().invoke(main, [*args, "--format", "json"], input=input)
    assert result.exit_code in (0, 1, 2), result.output
    return json.loads(result.stdout)


def test_the_schema_is_a_valid_draft_2020_12_schema_of_this_version() -> None:
    jsonschema.Draft202012Validator.check_schema(SCHEMA)
    assert SCHEMA["properties"]["schema_version"] == {"const": SCHEMA_VERSION,
                                                      "description": "The version of this document's shape."}


@pytest.fixture
def everything(tmp_path: Path, monkeypatch) -> Path:
    """A tree whose scan fills every section: findings with related locations, an error, a
    skipped binary, notices, a suppressed finding, a baseline that hides one."""
    write(tmp_path, {
        "app.py": f"KEY = '{KEY}'\n",
        "broken.py": f"def f(:\n    K = '{OTHER}'\n",
        "tests/conftest.py": f"K = '{OTHER}'  # kaman-lint: ignore[KAM001] -- test fixture\n",
        "bad.py": "X = 1  # kaman-lint: ignore[KAM9] -- typo\n",
        ".env.development": f"KAMAN_API_KEY={SHARED}\n",
        ".env.production": f"KAMAN_API_KEY={SHARED}\n",
        "package.json": '{"dependencies": {"next": "14.0.0"}}\n',
        "app/page.tsx": '"use client";\nconst k = process.env.NEXT_PUBLIC_KAMAN_KEY;\n',
    })
    (tmp_path / "logo.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(64))
    os.symlink(tmp_path / "nowhere", tmp_path / "dangling.env")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_a_scan_filling_every_section_matches_the_schema(everything: Path) -> None:
    CliRunner().invoke(main, ["baseline", "app.py", "-o", "baseline.json"])
    doc = report("scan", ".", "dangling.env", "--baseline", "baseline.json")
    assert problems(doc) == []
    for section in ("findings", "errors", "skipped", "notices", "suppressed"):
        assert doc[section], section  # the test exercises each part of the schema
    assert doc["summary"]["baselined"] == 1 and any(f["related"] for f in doc["findings"])


def test_stdin_and_an_empty_scan_match_the_schema(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert problems(report("scan", "-", input=f"K = '{KEY}'\n")) == []
    assert problems(report("scan", "-", "--stdin-filename", "src/app.py", input="x = 1\n")) == []
    assert problems(report("scan", ".")) == []


def test_names_that_are_not_utf8_match_the_schema(tmp_path: Path, monkeypatch) -> None:
    with open(os.path.join(os.fsencode(tmp_path), b"bad\xff\nname.py"), "w") as handle:
        handle.write(f"K = '{KEY}'\n")
    monkeypatch.chdir(tmp_path)
    assert problems(report("scan", ".")) == []


def test_a_history_scan_matches_the_schema(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    write(repo, {"config.py": f"K = '{KEY}'\n"})
    env = {**os.environ, "GIT_AUTHOR_NAME": "A", "GIT_AUTHOR_EMAIL": "a@example.com",
           "GIT_COMMITTER_NAME": "A", "GIT_COMMITTER_EMAIL": "a@example.com"}
    for args in (["init", "-q"], ["add", "-A"], ["commit", "-q", "-m", "x"]):
        subprocess.run(["git", *args], cwd=repo, check=True, env=env)
    doc = report("history", str(repo))
    assert doc["findings"] and "commit" in doc["findings"][0] and "history" in doc
    assert problems(doc) == []


def test_the_golden_report_matches_the_schema() -> None:
    golden = json.loads((Path(__file__).parent / "golden" / "report.json").read_text(encoding="utf-8"))
    assert problems(golden) == []


def test_an_undocumented_field_is_refused() -> None:
    golden = json.loads((Path(__file__).parent / "golden" / "report.json").read_text(encoding="utf-8"))
    golden["findings"][0]["score"] = 1
    golden["summary"]["speed"] = 2
    assert len(problems(golden)) == 2
