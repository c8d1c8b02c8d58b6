"""The CI gate and editor quick path from the command line: exit codes and --fail-on, the
github / sarif / gitlab outputs as CI uploads them, and `scan - --stdin-filename`."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from kaman_lint.cli import main
from kaman_lint.findings import Severity
from kaman_lint.rules.kam001 import HardcodedApiKey

try:
    from fakekeys import fp, leaked, make_key
except ImportError:  # tests/ imported as a package
    from tests.fakekeys import fp, leaked, make_key

KEY = make_key(70)
SARIF_TOOLS = Path("/work/shared/tools")


def run(*args: str, input: str | None = None, env: dict | None = None):
    return CliRunner().invoke(main, list(args), input=input, env=env, catch_exceptions=False)


@pytest.fixture
def tree(tmp_path: Path, monkeypatch) -> Path:
    (tmp_path / "app.py").write_text(f"import os\nKEY = '{KEY}'\n")
    (tmp_path / "clean.py").write_text("x = 1\n")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_exit_codes_stay_as_the_spec_says(tree):
    assert run("scan").exit_code == 1
    assert run("scan", "clean.py").exit_code == 0
    assert run("scan", "--exit-zero").exit_code == 0
    assert run("scan", "--select", "nonsense").exit_code == 2


def test_fail_on_lets_warnings_pass_the_gate(tree, monkeypatch):
    monkeypatch.setattr(HardcodedApiKey, "severity", Severity.WARNING)
    assert run("scan").exit_code == 1  # by default any finding fails
    result = run("scan", "--fail-on", "error")
    assert result.exit_code == 0 and "app.py:2:8: KAM001" in result.stdout  # still reported
    (tree / ".kaman-lint.toml").write_text('fail-on = "error"\n')
    assert run("scan").exit_code == 0
    assert run("scan", "--fail-on", "warning").exit_code == 1  # the option wins over the config


def test_a_bad_fail_on_in_the_config_is_exit_2(tree):
    (tree / ".kaman-lint.toml").write_text('fail-on = "critical"\n')
    result = run("scan")
    assert result.exit_code == 2 and "fail-on" in result.stderr


def test_github_annotations_and_a_summary(tree):
    result = run("scan", "--format", "github")
    lines = result.stdout.splitlines()
    assert lines[0].startswith("::error file=app.py,line=2,col=8,title=KAM001")
    assert lines[-1].startswith("Found 1 finding")
    assert not leaked(result.stdout, [KEY])


def test_sarif_is_ready_for_upload_sarif(tree):
    assert run("scan", "--format", "sarif", "-o", "out.sarif").exit_code == 1
    log = json.loads((tree / "out.sarif").read_text())
    run0 = log["runs"][0]
    assert run0["automationDetails"]["id"].startswith("kaman-lint/")
    assert run0["originalUriBaseIds"]["%SRCROOT%"]["uri"].startswith("file:///")
    location = run0["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
    assert location == {"uri": "app.py", "uriBaseId": "%SRCROOT%"}
    if (SARIF_TOOLS / "sarif_check.py").exists():
        check = subprocess.run([sys.executable, str(SARIF_TOOLS / "sarif_check.py"), "out.sarif", "--github", "--kaman"],
                               capture_output=True, text=True)
        assert check.returncode == 0, check.stdout


def test_gitlab_report_takes_the_commit_from_ci_and_holds_no_secret(tree):
    result = run("scan", "--format", "gitlab", env={"CI_COMMIT_SHA": "0123abcd" * 5})
    report = json.loads(result.stdout)
    [vuln] = report["vulnerabilities"]
    assert vuln["location"]["commit"] == {"sha": "0123abcd" * 5}
    assert report["scan"]["type"] == "secret_detection"
    assert not {"category", "scanner", "message", "cve"} & set(vuln)
    assert not leaked(result.stdout, [KEY])


def test_stdin_quick_path_takes_config_and_role_from_the_filename(tmp_path, monkeypatch):
    project = tmp_path / "project"
    (project / "web").mkdir(parents=True)
    (project / ".kaman-lint.toml").write_text('ignore = ["KAM001"]\n')
    monkeypatch.chdir(tmp_path)  # the editor's working directory is elsewhere
    text = f"const key = '{KEY}';\n"
    ignored = run("scan", "-", "--stdin-filename", str(project / "web" / "app.js"), "--format", "json", input=text)
    assert ignored.exit_code == 0  # the project's config (ignore KAM001) applied
    other = tmp_path / "elsewhere" / "app.js"
    found = run("scan", "-", "--stdin-filename", str(other), "--format", "json", input=text)
    assert found.exit_code == 1
    [finding] = json.loads(found.stdout)["findings"]
    assert finding["fingerprint"] == fp(KEY) and finding["line"] == 1


def test_stdin_cannot_mix_with_paths_or_staged(tree):
    assert run("scan", "-", "app.py", input="").exit_code == 2
    assert run("scan", "-", "--staged", input="").exit_code == 2


def test_the_server_and_rules_commands_exist(tree):
    assert "Language Server" in run("server", "--help").stdout
    assert "KAM001" in run("rules").stdout


def test_stdin_filename_without_dash_reads_stdin_not_the_working_directory(tree):
    other = make_key(71)
    result = run("scan", "--stdin-filename", "buffer.py", "--format", "json", input=f"K = '{other}'\n")
    assert result.exit_code == 1
    [finding] = json.loads(result.stdout)["findings"]  # the buffer's key, not app.py's
    assert (finding["fingerprint"], finding["path"]) == (fp(other), "buffer.py")
    clean = run("scan", "--stdin-filename", "buffer.py", input="x = 1\n")
    assert clean.exit_code == 0  # app.py (with a key) in the working directory was not scanned


def test_stdin_filename_with_other_paths_is_refused(tree):
    result = run("scan", "app.py", "--stdin-filename", "buffer.py", input="x = 1\n")
    assert result.exit_code == 2 and "--stdin-filename" in result.stderr and result.stdout == ""
