"""`kaman-lint scan` end to end through the CLI: every format, -o, stdin, exit codes, rule
selection and notices (stderr and the JSON `errors`)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from fakekeys import fp, make_key
from kaman_lint.cli import main

KEY = make_key(500)


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "app").mkdir()
    (tmp_path / "app" / "settings.py").write_text(f'API = "https://api.kaman.io"\nKAMAN_API_KEY = "{KEY}"\n')
    (tmp_path / "app" / "clean.py").write_text("import os\nKEY = os.environ['KAMAN_API_KEY']\n")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def scan(*args: str, stdin: bytes | None = None):
    return CliRunner().invoke(main, ["scan", *args], input=stdin)


def test_text_format_lists_findings_and_a_summary(project: Path) -> None:
    result = scan("app")
    assert result.exit_code == 1
    assert "app/settings.py:2:18: KAM001" in result.stdout
    assert result.stdout.rstrip().splitlines()[-1].startswith("Found 1 finding")


def test_json_format_carries_fingerprint_and_position(project: Path) -> None:
    data = json.loads(scan("app", "--format", "json").stdout)
    [finding] = data["findings"]
    assert (finding["path"], finding["line"], finding["column"]) == ("app/settings.py", 2, 18)
    assert finding["fingerprint"] == fp(KEY) and finding["rule_id"] == "KAM001"
    assert data["errors"] == []


def test_sarif_format_has_rule_ids_and_partial_fingerprints(project: Path) -> None:
    sarif = json.loads(scan("app", "--format", "sarif").stdout)
    [run] = sarif["runs"]
    [res] = run["results"]
    assert res["ruleId"] == "KAM001" and res["partialFingerprints"]
    location = res["locations"][0]["physicalLocation"]
    assert location["artifactLocation"]["uri"] == "app/settings.py" and location["region"]["startLine"] == 2
    assert any(rule["id"] == "KAM001" for rule in run["tool"]["driver"]["rules"])


def test_github_format_is_workflow_commands(project: Path) -> None:
    out = scan("app", "--format", "github").stdout
    assert out.startswith("::error file=app/settings.py,line=2,col=18")


def test_gitlab_format_is_a_secret_detection_report(project: Path) -> None:
    report = json.loads(scan("app", "--format", "gitlab").stdout)
    assert report["scan"]["type"] == "secret_detection" and len(report["vulnerabilities"]) == 1


def test_output_file_receives_the_report_and_stdout_stays_empty(project: Path) -> None:
    result = scan("app", "--format", "json", "-o", "out.json")
    assert result.exit_code == 1 and result.stdout == ""
    assert len(json.loads((project / "out.json").read_text())["findings"]) == 1


def test_stdin_uses_the_stdin_filename_for_path_and_language(project: Path) -> None:
    source = f'# notes\nconfig = {{"api_key": "{KEY}"}}\n'.encode()
    data = json.loads(scan("-", "--stdin-filename", "app/inline.py", "--format", "json", stdin=source).stdout)
    assert [(f["path"], f["line"], f["column"]) for f in data["findings"]] == [("app/inline.py", 2, 23)]


def test_stdin_without_a_key_exits_zero(project: Path) -> None:
    assert scan("-", "--stdin-filename", "x.py", stdin=b"print('hello')\n").exit_code == 0


def test_exit_codes_clean_findings_and_exit_zero(project: Path) -> None:
    assert scan("app/clean.py").exit_code == 0
    assert scan("app").exit_code == 1
    assert scan("app", "--exit-zero").exit_code == 0


def test_bad_config_exits_two_even_with_exit_zero(project: Path) -> None:
    (project / ".kaman-lint.toml").write_text("no-such-option = true\n")
    result = scan("app", "--exit-zero")
    assert result.exit_code == 2 and "no-such-option" in result.stderr


def test_unreadable_config_and_bad_arguments_exit_two(project: Path) -> None:
    (project / "broken.toml").write_text("select = [\n")
    assert scan("app", "--config", "broken.toml", "--exit-zero").exit_code == 2
    assert scan("app", "--format", "xml").exit_code == 2
    assert scan("no/such/dir", "--exit-zero").exit_code == 2


def test_select_and_ignore_choose_the_rules(project: Path) -> None:
    assert scan("app", "--select", "KAM001").exit_code == 1
    assert scan("app", "--ignore", "KAM001").exit_code == 0
    assert scan("app", "--select", "KAM002").exit_code == 0
    assert scan("app", "--select", "KAM").exit_code == 1  # a prefix selects every rule under it


def test_notices_go_to_stderr_and_json_errors_not_stdout(project: Path) -> None:
    (project / "app" / "broken.py").write_text(f'def f(:\n    k = "{make_key(501)}"\n')
    (project / "app" / "blob.bin").write_bytes(b"\x00\x01bin\x00" * 10)  # no key marker: skipped as binary
    result = scan("app", "--format", "json")
    data = json.loads(result.stdout)  # stdout stays valid JSON
    listed = {(e["kind"], e["path"]) for key in ("errors", "skipped", "notices") for e in data[key]}
    assert listed == {("parse-error", "app/broken.py"), ("binary", "app/blob.bin")}
    assert data["notices"][0]["kind"] == "parse-error" and data["skipped"][0]["kind"] == "binary"
    assert data["errors"] == [] and result.exit_code == 1
    assert "app/broken.py" in result.stderr and "blob.bin" not in result.stderr
    assert {f["path"] for f in data["findings"]} == {"app/settings.py", "app/broken.py"}


def test_suppressed_finding_gives_exit_zero_and_unused_one_a_notice(project: Path) -> None:
    path = project / "app" / "settings.py"
    path.write_text(path.read_text().replace('"\n', '"  # kaman-lint: ignore[KAM001] -- revoked key\n'))
    (project / "app" / "clean.py").write_text("X = 1  # kaman-lint: ignore[KAM001] -- stale\n")
    result = scan("app")
    assert result.exit_code == 0
    assert "app/clean.py:1" in result.stderr and "matches no finding" in result.stderr


@pytest.mark.skipif(os.name != "posix", reason="FIFOs")
def test_fifo_gives_a_notice_and_the_scan_goes_on(project: Path) -> None:
    os.mkfifo(project / "app" / "pipe")
    result = scan("app")
    assert result.exit_code == 1 and "app/pipe" in result.stderr  # rare: named, and counted
    assert "1 special file skipped." in result.stdout


def test_a_scan_collects_less_often_and_gives_the_thresholds_back(project: Path, monkeypatch) -> None:
    import gc

    from kaman_lint import report, scan_command

    seen = []
    render = report.render_chunks
    monkeypatch.setattr(report, "render_chunks", lambda *a, **k: seen.append(gc.get_threshold()) or render(*a, **k))
    before = gc.get_threshold()
    assert scan("app", "--format", "json").exit_code == 1
    assert seen == [scan_command.SCAN_GC_THRESHOLD] != [before]
    assert gc.get_threshold() == before
