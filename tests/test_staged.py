"""`--staged` reads the git index, not the work tree."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

try:
    from fakekeys import fp, leaked, make_key
except ImportError:  # tests/ imported as a package
    from tests.fakekeys import fp, leaked, make_key

if shutil.which("git") is None:
    pytest.skip("git is not installed", allow_module_level=True)

ENV = {**{k: v for k, v in os.environ.items() if not k.startswith("GIT_")},
       "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.com",
       "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.com", "GIT_CONFIG_NOSYSTEM": "1"}


def git(repo: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=repo, env=ENV, check=True, capture_output=True)


def scan(repo: Path, *args: str) -> tuple[int, dict, str]:
    done = subprocess.run([sys.executable, "-m", "kaman_lint", "scan", "--staged", "--format", "json", *args],
                          cwd=repo, env=ENV, capture_output=True, text=True)
    assert done.returncode in (0, 1), done.stderr
    return done.returncode, json.loads(done.stdout), done.stderr


def places(report: dict) -> list[tuple[str, int, str]]:
    return [(f["path"], f["line"], f["fingerprint"]) for f in report["findings"]]


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    git(tmp_path, "init", "-q")
    return tmp_path


def test_a_key_staged_then_removed_from_the_work_tree_still_blocks(repo):
    key = make_key(41)
    (repo / "app.py").write_text(f"KEY = '{key}'\n")
    git(repo, "add", "app.py")
    (repo / "app.py").write_text("import os\nKEY = os.environ['KAMAN_API_KEY']\n")
    status, report, stderr = scan(repo)
    assert status == 1
    assert places(report) == [("app.py", 1, fp(key))]
    assert not leaked(json.dumps(report) + stderr, [key])


def test_a_key_only_in_the_work_tree_does_not_block(repo):
    (repo / "app.py").write_text("x = 1\n")
    git(repo, "add", "app.py")
    (repo / "app.py").write_text(f"x = 1\nKEY = '{make_key(42)}'\n")
    (repo / "untracked.py").write_text(f"KEY = '{make_key(43)}'\n")
    status, report, _ = scan(repo)
    assert status == 0 and report["findings"] == []


def test_named_files_limit_the_scan_to_their_index_entries(repo):
    (repo / "a.py").write_text(f"KEY = '{make_key(44)}'\n")
    (repo / "b.py").write_text("x = 1\n")
    (repo / "my dir").mkdir()
    (repo / "my dir" / "c[1].py").write_text(f"KEY = '{make_key(45)}'\n")  # glob characters: literal
    git(repo, "add", "-A")
    assert scan(repo, "b.py")[0] == 0
    assert [p for p, _, _ in places(scan(repo, "my dir/c[1].py")[1])] == ["my dir/c[1].py"]
    assert sorted(p for p, _, _ in places(scan(repo)[1])) == ["a.py", "my dir/c[1].py"]


def test_paths_are_relative_to_the_working_directory_in_a_subdirectory(repo):
    (repo / "pkg").mkdir()
    (repo / "pkg" / "mod.py").write_text(f"KEY = '{make_key(46)}'\n")
    (repo / "top.py").write_text(f"KEY = '{make_key(47)}'\n")
    git(repo, "add", "-A")
    _, report, _ = scan(repo / "pkg")
    assert [p for p, _, _ in places(report)] == ["mod.py"]  # the index under the working directory


def test_config_excludes_apply(repo):
    (repo / ".kaman-lint.toml").write_text('extend-exclude = ["fixtures/"]\n')
    (repo / "fixtures").mkdir()
    (repo / "fixtures" / "k.py").write_text(f"KEY = '{make_key(48)}'\n")
    git(repo, "add", "-A")
    assert scan(repo)[0] == 0
    assert scan(repo, "fixtures/k.py")[0] == 0


def test_binary_and_deleted_files(repo):
    (repo / "blob.bin").write_bytes(b"\0\1\2" * 20)  # a binary without a key: skipped (keys in binaries: test_binary_and_archives.py)
    (repo / "gone.py").write_text(f"KEY = '{make_key(50)}'\n")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "--no-verify", "-m", "x")
    git(repo, "rm", "-q", "gone.py")
    status, report, stderr = scan(repo)
    assert status == 0 and report["findings"] == []
    assert "blob.bin" not in stderr  # skipped by choice: counted, not one line each
    assert report["skipped"] == [{"kind": "binary", "path": "blob.bin", "line": None,
                                  "message": "binary file skipped"}]


def test_a_syntax_error_in_a_staged_file_still_gives_the_finding(repo):
    key = make_key(51)
    (repo / "broken.py").write_text(f"def f(:\n    KEY = '{key}'\n")
    git(repo, "add", "broken.py")
    status, report, _ = scan(repo)
    assert status == 1 and places(report) == [("broken.py", 2, fp(key))]


def test_outside_a_repository_is_exit_2(tmp_path):
    done = subprocess.run([sys.executable, "-m", "kaman_lint", "scan", "--staged"], cwd=tmp_path,
                          env={**ENV, "GIT_CEILING_DIRECTORIES": str(tmp_path.parent)},
                          capture_output=True, text=True)
    assert done.returncode == 2 and "--staged" in done.stderr


def test_read_blobs_streams_many_blobs_through_one_process(repo):
    from kaman_lint.staged import read_blobs

    ids = []
    for i in range(300):
        (repo / f"f{i}.txt").write_text("x" * (i * 50))
        out = subprocess.run(["git", "hash-object", "-w", f"f{i}.txt"], cwd=repo, env=ENV,
                             capture_output=True, text=True, check=True)
        ids.append(out.stdout.strip())
    old = os.getcwd()
    os.chdir(repo)
    try:
        blobs = list(read_blobs(ids, max_size=10_000))
    finally:
        os.chdir(old)
    assert [len(b) if b is not None else None for b in blobs] == [
        i * 50 if i * 50 <= 10_000 else None for i in range(300)]


def test_named_files_are_compared_with_the_whole_index_and_only_their_findings_are_reported(repo):
    shared, elsewhere = make_key(45), make_key(46)
    (repo / ".env.production").write_text(f"KAMAN_API_KEY={shared}\n")
    (repo / "old.py").write_text(f"KEY = '{elsewhere}'\n")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "--no-verify", "-m", "prod")
    (repo / ".env.development").write_text(f"KAMAN_API_KEY={shared}\n")  # the change: dev gets prod's key
    git(repo, "add", ".env.development")
    status, report, _ = scan(repo, ".env.development")
    assert status == 1
    found = sorted((f["rule_id"], f["path"]) for f in report["findings"])
    # KAM003 sits on the production side, but this change caused it: reported, once
    assert found == [("KAM001", ".env.development"), ("KAM003", ".env.production")]
    assert report["summary"]["files_scanned"] == 1


def test_a_change_without_a_key_reads_nothing_more_of_the_index(repo, monkeypatch):
    from kaman_lint import staged
    from kaman_lint.config import Config

    (repo / ".env.production").write_text(f"KAMAN_API_KEY={make_key(47)}\n")
    (repo / "notes.txt").write_text("nothing\n")
    git(repo, "add", "-A")
    monkeypatch.chdir(repo)
    read = []
    real = staged.read_blobs
    monkeypatch.setattr(staged, "read_blobs", lambda ids, *a, **k: (read.extend(ids), real(ids, *a, **k))[1])
    result = staged.scan_staged(["notes.txt"], Config(project_root=repo), root=repo)
    assert result.findings == [] and len(read) == 1


def test_a_named_module_gets_its_side_from_the_whole_index(repo):
    """A Parcel app's `src/lib/kaman.js` reading KAMAN_API_KEY looks like client code (Parcel
    inlines any variable its bundle reads), but only the Express server imports it: the module
    graph says so from the whole index, not from the one staged file."""
    (repo / "package.json").write_text(json.dumps({"name": "shop", "dependencies": {"express": "^4"},
                                                   "devDependencies": {"parcel": "^2"}}))
    (repo / "src" / "lib").mkdir(parents=True)
    (repo / "src" / "index.html").write_text('<html><body><script type="module" src="./app.js"></script></body></html>\n')
    (repo / "src" / "app.js").write_text('document.body.dataset.ready = "1";\n')
    (repo / "src" / "lib" / "kaman.js").write_text("export const kamanKey = () => process.env.KAMAN_API_KEY;\n")
    (repo / "server.js").write_text('const express = require("express");\nconst { kamanKey } = require("./src/lib/kaman.js");\n'
                                    'const app = express();\napp.listen(3000);\n')
    git(repo, "add", "-A")
    status, report, _ = scan(repo, "--select", "KAM002", "src/lib/kaman.js")
    assert (status, places(report)) == (0, [])
    # the same module imported by the page instead is client code: Parcel ships the value
    (repo / "src" / "app.js").write_text('import { kamanKey } from "./lib/kaman.js";\nconsole.log(kamanKey());\n')
    (repo / "server.js").write_text('const express = require("express");\nexpress().listen(3000);\n')
    git(repo, "add", "-A")
    status, report, _ = scan(repo, "--select", "KAM002", "src/lib/kaman.js")
    assert status == 1 and [(p, line) for p, line, _ in places(report)] == [("src/lib/kaman.js", 1)]


def test_a_linked_checkout_and_a_subdirectory_name_entries_as_the_user_does(repo, tmp_path_factory):
    """git names entries relative to the working directory with symbolic links resolved; the
    report names them from the path the user is in, a linked one too."""
    (repo / "pkg").mkdir()
    (repo / "pkg" / "mod.py").write_text(f"KEY = '{make_key(48)}'\n")
    (repo / "top.py").write_text(f"KEY = '{make_key(49)}'\n")
    git(repo, "add", "-A")
    link = tmp_path_factory.mktemp("elsewhere") / "checkout"
    link.symlink_to(repo, target_is_directory=True)
    _, report, _ = scan(link)
    assert sorted(p for p, _, _ in places(report)) == ["pkg/mod.py", "top.py"]
    _, report, _ = scan(link, "pkg/mod.py", "top.py")
    assert sorted(p for p, _, _ in places(report)) == ["pkg/mod.py", "top.py"]
    _, report, _ = scan(link / "pkg", "mod.py")
    assert [p for p, _, _ in places(report)] == ["mod.py"]


def test_the_whole_index_pass_reads_only_blobs_the_named_pass_did_not(repo, monkeypatch):
    """A pre-commit run whose named files hold a key scans the whole index again (KAM003): the
    named files' blobs are not read twice, and a commit that holds every file starts no second
    `git cat-file`. Files with the same contents (one blob) keep their own paths."""
    from kaman_lint import staged
    from kaman_lint.config import Config

    key, other = make_key(48), make_key(49)
    files = {".env.production": f"# prod\nKAMAN_API_KEY={key}\n", ".env.development": f"KAMAN_API_KEY={key}\n",
             "copy.env": f"KAMAN_API_KEY={key}\n", "app.py": f"KEY = '{other}'\n"}
    for name, text in files.items():
        (repo / name).write_text(text)
    git(repo, "add", "-A")
    monkeypatch.chdir(repo)
    reads = []
    real = staged.read_blobs
    monkeypatch.setattr(staged, "read_blobs", lambda ids, *a, **k: (reads.append(list(ids)), real(ids, *a, **k))[1])
    named = [".env.development", "copy.env", "app.py"]
    result = staged.scan_staged(named, Config(project_root=repo), root=repo)
    assert [len(ids) for ids in reads] == [3, 1]  # the whole index: only .env.production's blob is new
    found = sorted((f.rule_id, f.location.path) for f in result.findings)
    assert ("KAM001", "copy.env") in found and ("KAM001", ".env.development") in found
    assert ("KAM001", "app.py") in found and ("KAM003", ".env.production") in found
    reads.clear()
    everything = staged.scan_staged(list(files), Config(project_root=repo), root=repo)
    assert [len(ids) for ids in reads] == [4]  # the named files are the whole index: no second pass
    assert sorted((f.rule_id, f.location.path) for f in everything.findings) == sorted(
        (f.rule_id, f.location.path) for f in staged.scan_staged([], Config(project_root=repo), root=repo).findings)


def test_named_files_not_read_keep_their_notices_when_the_whole_index_is_compared(repo):
    # A key in one named file sends the run through the whole-index pass; a named file that was
    # never read there (over max-file-size) must still say so, or a gate passes it unchecked.
    (repo / "pyproject.toml").write_text('[tool.kaman-lint]\nmax-file-size = "1KB"\n')
    (repo / ".env.production").write_text(f"KAMAN_API_KEY={make_key(48)}\n")
    (repo / "app.py").write_text(f"KEY = '{make_key(49)}'\n")
    (repo / "big.txt").write_text("x" * 4096 + "\n")
    git(repo, "add", "-A")
    status, report, stderr = scan(repo, "app.py", "big.txt")
    assert status == 1
    assert [(n["kind"], n["path"]) for n in report["skipped"]] == [("too-large", "big.txt")], stderr
    assert report["summary"]["skipped"] == 1


def test_an_unmerged_named_file_is_exit_2_also_when_the_whole_index_is_compared(repo):
    (repo / "app.py").write_text("x = 1\n")
    (repo / "conflict.py").write_text("a = 1\n")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "--no-verify", "-m", "base")
    git(repo, "checkout", "-q", "-b", "other")
    (repo / "conflict.py").write_text("a = 2\n")
    git(repo, "commit", "-q", "--no-verify", "-am", "other")
    git(repo, "checkout", "-q", "-")
    (repo / "conflict.py").write_text("a = 3\n")
    git(repo, "commit", "-q", "--no-verify", "-am", "mine")
    subprocess.run(["git", "merge", "-q", "other"], cwd=repo, env=ENV, capture_output=True)  # conflicts
    (repo / "app.py").write_text(f"KEY = '{make_key(50)}'\n")
    git(repo, "add", "app.py")
    done = subprocess.run([sys.executable, "-m", "kaman_lint", "scan", "--staged", "--format", "json",
                           "app.py", "conflict.py"], cwd=repo, env=ENV, capture_output=True, text=True)
    assert done.returncode == 2, done.stderr
    report = json.loads(done.stdout)
    assert ("unmerged", "conflict.py") in [(n["kind"], n["path"]) for n in report["errors"]]


def test_named_files_that_are_the_whole_index_are_scanned_once(repo, monkeypatch):
    """`pre-commit run --all-files` names every staged file: the named pass is the whole-index
    pass, so it is not run again, and says what the two passes said."""
    from kaman_lint import engine, staged
    from kaman_lint.config import Config

    key = make_key(51)
    (repo / ".env.production").write_text(f"KAMAN_API_KEY={key}\n")
    (repo / ".env.development").write_text(f"KAMAN_API_KEY={key}\n")
    (repo / "app.py").write_text(f"KEY = '{make_key(52)}'  # kaman-lint: ignore[KAM001] -- a test key\n")
    git(repo, "add", "-A")
    monkeypatch.chdir(repo)
    names = [".env.development", ".env.production", "app.py"]
    twice = staged._about(staged._scan_entries([], Config(project_root=repo), repo, []),
                          staged._scan_entries(names, Config(project_root=repo), repo, []), names)
    scans = []
    real = engine.scan
    monkeypatch.setattr(engine, "scan", lambda *a, **k: (scans.append(a[0]), real(*a, **k))[1])
    once = staged.scan_staged(names, Config(project_root=repo), root=repo)
    assert len(scans) == 1
    assert sorted((f.rule_id, f.location.path) for f in once.findings) == [
        ("KAM001", ".env.development"), ("KAM001", ".env.production"), ("KAM003", ".env.production")]
    assert once.findings == twice.findings and once.suppressed == twice.suppressed
    assert once.notices == twice.notices and once.files_scanned == twice.files_scanned
    # one more file in the index than named: the whole index is compared again
    (repo / "other.py").write_text("x = 1\n")
    git(repo, "add", "other.py")
    scans.clear()
    staged.scan_staged(names, Config(project_root=repo), root=repo)
    assert len(scans) == 2
