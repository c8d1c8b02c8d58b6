"""kaman-lint for detect-secrets users, tested with the real detect-secrets CLI: the Kaman plugin
and filters in a scan, its baseline and audit flow, and the migration of its baseline into a
kaman-lint one (`kaman-lint baseline --from-detect-secrets`)."""

from __future__ import annotations

import json
import os
from functools import cache
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from fakekeys import fp, leaked, make_key

DETECT_SECRETS = shutil.which("detect-secrets", path=os.path.dirname(sys.executable)) or shutil.which("detect-secrets")
pytestmark = pytest.mark.skipif(DETECT_SECRETS is None, reason="detect-secrets is in the test extras")

CLIENT_KEY, SETTINGS_KEY, LATER_KEY = make_key(1600), make_key(1601), make_key(1602)
KEYS = [CLIENT_KEY, SETTINGS_KEY, LATER_KEY]
KAMAN = "Kaman API Key"


@cache
def plugin_path() -> str:
    done = subprocess.run([sys.executable, "-m", "kaman_lint.detect_secrets"], capture_output=True, text=True,
                          check=True)
    return done.stdout.strip()


def kaman_flags() -> list[str]:
    """What the README tells a detect-secrets team to add."""
    return ["--plugin", plugin_path(),
            "--disable-filter", "detect_secrets.filters.heuristic.is_indirect_reference",
            "--filter", "kaman_lint.detect_secrets.filters.is_indirect_reference",
            "--filter", "kaman_lint.detect_secrets.filters.is_kaman_placeholder"]


def detect_secrets(cwd: Path, *args: str, stdin: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([DETECT_SECRETS, *args], cwd=cwd, capture_output=True, text=True, input=stdin,
                          timeout=120)


def results(baseline: dict) -> set[tuple[str, int, str]]:
    return {(r["filename"], r["line_number"], r["type"]) for rs in baseline["results"].values() for r in rs}


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """A repository, and the detect-secrets baseline its scan with the Kaman plugin writes
    (made once: each detect-secrets run costs a second on a busy machine)."""
    root = tmp_path_factory.mktemp("detect-secrets") / "repo"
    root.mkdir()
    (root / "client.py").write_text(f'client = Client("{CLIENT_KEY}")\napi_key = "kam_your_api_key"\n',
                                    encoding="utf-8")
    (root / "settings.py").write_text(f'KAMAN_API_KEY = "{SETTINGS_KEY}"\npassword = "Zx9vQ2mL7pR4wT"\n',
                                      encoding="utf-8")
    subprocess.run(["git", "init", "-q", "."], cwd=root, check=True)
    subprocess.run(["git", "add", "-A"], cwd=root, check=True)
    done = detect_secrets(root, "scan", *kaman_flags())
    assert done.returncode == 0, done.stderr[-500:]
    return root, done.stdout


@pytest.fixture
def repo(template: tuple[Path, str], tmp_path: Path) -> Path:
    copy = tmp_path / "repo"
    shutil.copytree(template[0], copy)
    return copy


@pytest.fixture
def scanned(template: tuple[Path, str], repo: Path) -> Path:
    """`repo` with its `.secrets.baseline` from the plugin scan."""
    (repo / ".secrets.baseline").write_text(template[1], encoding="utf-8")
    return repo


def test_detect_secrets_alone_misses_the_call_and_flags_the_placeholder(repo: Path) -> None:
    found = results(json.loads(detect_secrets(repo, "scan").stdout))
    assert not any(f == "client.py" and line == 1 for f, line, _ in found)
    assert ("client.py", 2, "Secret Keyword") in found


def test_the_plugin_finds_keys_with_kaman_lints_judgement(template: tuple[Path, str]) -> None:
    text = template[1]
    baseline = json.loads(text)
    found = results(baseline)
    assert ("client.py", 1, KAMAN) in found  # Client("kam_...")
    assert ("settings.py", 1, KAMAN) in found
    assert not any(f == "client.py" and line == 2 for f, line, _ in found)  # the placeholder
    assert ("settings.py", 2, "Secret Keyword") in found  # other detectors keep working
    assert leaked(text, KEYS) == []  # a detect-secrets baseline holds hashes only


def test_the_baseline_and_audit_flow(scanned: Path) -> None:
    repo = scanned
    # audit labels every result; our shim works around detect-secrets' custom-plugin audit bug
    audited = subprocess.run([sys.executable, "-m", "kaman_lint.detect_secrets", "audit", ".secrets.baseline"],
                             cwd=repo, input="n\n" * 20, capture_output=True, text=True, timeout=120)
    assert audited.returncode == 0, "audit failed"
    baseline = json.loads((repo / ".secrets.baseline").read_text(encoding="utf-8"))
    kaman = [r for rs in baseline["results"].values() for r in rs if r["type"] == KAMAN]
    assert len(kaman) == 2 and all(r["is_secret"] is True for r in kaman)
    stats = subprocess.run([sys.executable, "-m", "kaman_lint.detect_secrets", "audit", "--stats", "--json",
                            ".secrets.baseline"], cwd=repo, capture_output=True, text=True, timeout=120)
    assert json.loads(stats.stdout)["KamanApiKeyDetector"]["stats"]["raw"]["true-positives"] == 2
    # a later scan against the baseline loads the plugin from the path the baseline records
    (repo / "later.py").write_text(f'k = make("{LATER_KEY}")\n', encoding="utf-8")
    subprocess.run(["git", "add", "later.py"], cwd=repo, check=True)
    updated = detect_secrets(repo, "scan", "--baseline", ".secrets.baseline")
    assert updated.returncode == 0, updated.stderr[-500:]
    after = json.loads((repo / ".secrets.baseline").read_text(encoding="utf-8"))
    assert ("later.py", 1, KAMAN) in results(after)


def kaman_lint(cwd: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "kaman_lint", *args], cwd=cwd, capture_output=True, text=True,
                          timeout=120)


def test_migration_turns_accepted_kaman_keys_into_baseline_entries(scanned: Path) -> None:
    repo = scanned
    done = kaman_lint(repo, "baseline", "--from-detect-secrets", ".secrets.baseline", "-o", "kaman-baseline.json")
    assert done.returncode == 0, done.stderr[-500:]
    entries = json.loads((repo / "kaman-baseline.json").read_text())["entries"]
    assert {(e["path"], e["rule"], e["fingerprint"]) for e in entries} == {
        ("client.py", "KAM001", fp(CLIENT_KEY)), ("settings.py", "KAM001", fp(SETTINGS_KEY))}
    # the password is another kind of secret: listed, not silently dropped
    assert "not mapped: settings.py:2: Secret Keyword: no Kaman key with that hash on the line" in done.stderr
    assert leaked(done.stdout + done.stderr, KEYS) == []
    gate = kaman_lint(repo, "scan", "--baseline", "kaman-baseline.json")
    assert gate.returncode == 0 and "2 recorded in the baseline" in gate.stdout


def test_migration_without_the_plugin_maps_keyword_and_entropy_results(repo: Path) -> None:
    """A team that never used the plugin: its keyword and high-entropy results still map."""
    (repo / ".secrets.baseline").write_text(detect_secrets(repo, "scan").stdout, encoding="utf-8")
    done = kaman_lint(repo, "baseline", "--from-detect-secrets", ".secrets.baseline", "-o", "b.json")
    entries = json.loads((repo / "b.json").read_text())["entries"]
    assert {e["fingerprint"] for e in entries} == {fp(SETTINGS_KEY)}  # detect-secrets never saw the other
    assert "client.py:2: Secret Keyword: no Kaman key with that hash on the line" in done.stderr


def test_migration_lists_results_of_files_that_are_gone(scanned: Path) -> None:
    repo = scanned
    (repo / "client.py").unlink()
    done = kaman_lint(repo, "baseline", "--from-detect-secrets", ".secrets.baseline", "-o", "b.json")
    assert "not mapped: client.py:1: Kaman API Key: the file is not there any more" in done.stderr


@pytest.mark.parametrize("content", ["not json", '{"results": []}'])
def test_migration_of_a_file_that_is_no_detect_secrets_baseline_exits_2(content: str, tmp_path: Path) -> None:
    (tmp_path / "x.baseline").write_text(content, encoding="utf-8")
    done = kaman_lint(tmp_path, "baseline", "--from-detect-secrets", "x.baseline", "-o", "b.json")
    assert done.returncode == 2 and "detect-secrets baseline" in done.stderr
    assert not (tmp_path / "b.json").exists()
