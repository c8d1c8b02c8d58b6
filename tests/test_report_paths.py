"""Where report paths start from (issue 8 items 6 and 7): text, github, json and notices name
files as one opens them from the current directory; SARIF and GitLab from the source root (the
repository's top), whatever directory the scan started from; baselines from their own folder.
Files skipped by choice are counted, not listed on stderr one by one."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from kaman_lint.cli import main
from tests.fakekeys import make_key
from tests.tree import write

KEY = make_key(301)


def run(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A git work tree `repo/` with `sub/app.py` holding a key and `sub/broken.py` that does not
    parse (a notice), and a sibling folder `elsewhere/` to run from."""
    root = tmp_path / "repo"
    write(root, {"sub/app.py": f"KEY = '{KEY}'\n", "sub/broken.py": f"def f(:\n    K = '{KEY}'\n"})
    subprocess.run(["git", "init", "-q", str(root)], check=True)
    (tmp_path / "elsewhere").mkdir()
    return root


def finding_paths(output: str) -> list[str]:
    return sorted(line.split(":", 1)[0] for line in output.splitlines() if " KAM00" in line)


# --- item 6: text, github, json, notices relative to the current directory -------------------

def test_text_names_files_from_the_current_directory(repo: Path, monkeypatch) -> None:
    monkeypatch.chdir(repo.parent / "elsewhere")
    result = run("scan", "../repo/sub/app.py", "../repo/sub/broken.py")
    assert finding_paths(result.stdout) == ["../repo/sub/app.py", "../repo/sub/broken.py"]
    assert "kaman-lint: ../repo/sub/broken.py: " in result.stderr  # the parse-error notice
    monkeypatch.chdir(repo / "sub")
    assert finding_paths(run("scan", ".").stdout) == ["app.py", "broken.py"]
    monkeypatch.chdir(repo)
    assert finding_paths(run("scan", "sub").stdout) == ["sub/app.py", "sub/broken.py"]


def test_github_and_json_name_files_from_the_current_directory(repo: Path, monkeypatch) -> None:
    monkeypatch.chdir(repo.parent / "elsewhere")
    github = run("scan", "../repo/sub", "--format", "github").stdout
    assert "::error file=../repo/sub/app.py,line=1," in github
    doc = json.loads(run("scan", "../repo/sub", "--format", "json").stdout)
    assert {f["path"] for f in doc["findings"]} == {"../repo/sub/app.py", "../repo/sub/broken.py"}
    assert [n["path"] for n in doc["notices"]] == ["../repo/sub/broken.py"]


def test_a_file_sharing_only_the_filesystem_root_is_named_absolutely(repo: Path, monkeypatch) -> None:
    monkeypatch.chdir("/")
    assert finding_paths(run("scan", str(repo / "sub" / "app.py")).stdout) == [
        str(repo / "sub" / "app.py").lstrip("/")]  # from `/`, relative is the natural name
    from kaman_lint.report._paths import ReportPaths

    assert ReportPaths("/tmp/x", cwd="/home/me/project").from_cwd("a.py") == "/tmp/x/a.py"
    assert ReportPaths("/home/me/other", cwd="/home/me/project").from_cwd("a.py") == "../other/a.py"


# --- item 6: SARIF and GitLab from the source root, wherever the scan starts -------------------

def sarif_uris(output: str) -> tuple[str, list[str]]:
    run_ = json.loads(output)["runs"][0]
    uris = sorted(r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in run_["results"])
    return run_["originalUriBaseIds"]["%SRCROOT%"]["uri"], uris


def test_sarif_uris_start_at_the_repository_top_from_any_directory(repo: Path, monkeypatch) -> None:
    reports = []
    for cwd, target in ((repo / "sub", "."), (repo, "sub"), (repo.parent / "elsewhere", "../repo/sub")):
        monkeypatch.chdir(cwd)
        reports.append(run("scan", target, "--format", "sarif").stdout)
    base, uris = sarif_uris(reports[0])
    assert base == repo.as_uri() + "/" and uris == ["sub/app.py", "sub/broken.py"]
    assert reports[1] == reports[0] == reports[2]  # the same bytes, line hashes included


def test_gitlab_files_start_at_the_repository_top(repo: Path, monkeypatch) -> None:
    monkeypatch.chdir(repo / "sub")
    doc = json.loads(run("scan", ".", "--format", "gitlab").stdout)
    assert {v["location"]["file"] for v in doc["vulnerabilities"]} == {"sub/app.py", "sub/broken.py"}


def test_outside_git_the_source_root_is_the_scan_root(tmp_path: Path, monkeypatch) -> None:
    write(tmp_path, {"project/src/app.py": f"KEY = '{KEY}'\n", "here/.keep": ""})
    monkeypatch.chdir(tmp_path / "here")
    base, uris = sarif_uris(run("scan", "../project", "--format", "sarif").stdout)
    assert base == (tmp_path / "project").as_uri() + "/" and uris == ["src/app.py"]


# --- item 6: baselines relative to their own folder, not to the current directory -------------

def test_a_baseline_matches_from_any_directory(repo: Path, monkeypatch) -> None:
    monkeypatch.chdir(repo)
    assert run("baseline", "-o", ".kaman-lint-baseline.json").exit_code == 0
    recorded = (repo / ".kaman-lint-baseline.json").read_bytes()
    assert {e["path"] for e in json.loads(recorded)["entries"]} == {"sub/app.py", "sub/broken.py"}
    for cwd, target, baseline in ((repo / "sub", ".", "../.kaman-lint-baseline.json"),
                                  (repo.parent / "elsewhere", "../repo/sub", "../repo/.kaman-lint-baseline.json")):
        monkeypatch.chdir(cwd)
        result = run("scan", target, "--baseline", baseline)
        assert result.exit_code == 0 and "stale" not in result.stderr, cwd
    monkeypatch.chdir(repo / "sub")
    run("baseline", ".", "-o", "../.kaman-lint-baseline.json", "--update")
    assert (repo / ".kaman-lint-baseline.json").read_bytes() == recorded  # stable bytes


# --- item 7: binaries skipped quietly, counted ---------------------------------------------------

@pytest.fixture
def with_binaries(tmp_path: Path, monkeypatch) -> Path:
    write(tmp_path, {"app.py": f"KEY = '{KEY}'\n"})
    for i in range(12):
        (tmp_path / f"img{i}.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(64))
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_binaries_get_one_count_in_the_summary_and_no_stderr_line(with_binaries: Path) -> None:
    result = run("scan", ".")
    assert result.exit_code == 1
    assert result.stdout.splitlines()[-1] == "Found 1 finding (KAM001: 1) in 1 file, 12 binary files skipped."
    assert result.stderr == ""
    clean = run("scan", "img0.png", "img1.png")
    assert clean.exit_code == 0 and clean.stdout == "No findings in 0 files, 2 binary files skipped.\n"
    assert clean.stderr == ""


def test_binaries_are_listed_under_skipped_in_json_never_under_errors(with_binaries: Path) -> None:
    doc = json.loads(run("scan", ".", "--format", "json").stdout)
    assert doc["errors"] == [] and doc["summary"]["errors"] == 0
    assert sorted(s["path"] for s in doc["skipped"]) == sorted(f"img{i}.png" for i in range(12))
    assert {s["kind"] for s in doc["skipped"]} == {"binary"}
    assert doc["summary"]["skipped"] == 12 and doc["summary"]["skipped_by_kind"] == {"binary": 12}


def test_github_counts_binaries_instead_of_annotating_each(with_binaries: Path) -> None:
    out = run("scan", ".", "--format", "github").stdout.splitlines()
    assert [line for line in out if line.startswith("::warning")] == []
    assert out[-1].endswith("12 binary files skipped.")


def test_the_baseline_command_counts_them_too(with_binaries: Path) -> None:
    result = run("baseline", "-o", "b.json")
    assert result.exit_code == 0 and "img" not in result.stderr
    assert result.stderr.strip().endswith("; 12 binary files skipped.")
