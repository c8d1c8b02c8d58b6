"""In a git work tree the scan covers what `git ls-files --cached --others --exclude-standard`
lists: tracked files always (git never ignores a tracked file), untracked ones unless ignored.
These tests build real repositories and compare with git itself."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from kaman_lint.config import Config
from kaman_lint.discover import discover, relative_path
from kaman_lint.engine import scan as engine_scan
from kaman_lint.findings import Notice
from tests.fakekeys import fp, make_key
from tests.tree import write

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="needs git")

KEY = make_key(8001)


def git(root: Path, *args: str) -> str:
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.invalid",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.invalid"}
    for name in ("GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE"):
        env.pop(name, None)
    return subprocess.run(["git", "-c", "init.defaultBranch=main", "-c", "protocol.file.allow=always", *args],
                          cwd=root, env=env, check=True, capture_output=True, text=True).stdout


def repo(root: Path, files: dict[str, str], *, commit: bool = True) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    git(root, "init", "-q")
    write(root, files)
    if commit:
        git(root, "add", "-A")
        git(root, "commit", "-qm", "initial")
    return root


def listed_by_git(directory: Path) -> list[str]:
    out = git(directory, "ls-files", "-z", "--cached", "--others", "--exclude-standard")
    return sorted({p for p in out.split("\0") if p}, key=lambda p: p.split("/"))


def found(root: Path, paths: list[Path] | None = None, *, config: Config | None = None,
          no_ignore: bool = False) -> tuple[list[str], list[Notice]]:
    notices: list[Notice] = []
    config = config or Config(project_root=root)
    if no_ignore:
        config = config.with_overrides(no_ignore=True)
    files = discover(paths or [root], root=root, config=config, notices=notices)
    return [relative_path(p, root) for p in files], notices


def test_tracked_file_that_gitignore_matches_is_scanned(tmp_path: Path) -> None:
    root = repo(tmp_path / "r", {".env": f"KAMAN_API_KEY={KEY}\n", "app.py": "x = 1\n"})
    write(root, {".gitignore": ".env\n*.log\n", "debug.log": "x\n", "new.py": "y = 2\n"})
    files, notices = found(root)
    assert files == [".env", ".gitignore", "app.py", "new.py"]
    assert files == listed_by_git(root)
    assert notices == []
    result = engine_scan([str(root)], Config(project_root=root), root=root, jobs=1)
    assert [(f.location.path, f.fingerprint) for f in result.findings if f.rule_id == "KAM001"] == [(".env", fp(KEY))]


def test_tracked_file_in_an_ignored_directory_is_scanned(tmp_path: Path) -> None:
    root = repo(tmp_path / "r", {"dist/app.js": "x\n", "src/a.py": "x\n"})
    write(root, {".gitignore": "dist/\n", "dist/built.js": "y\n"})
    files, _ = found(root)
    assert files == [".gitignore", "dist/app.js", "src/a.py"] == listed_by_git(root)


def test_named_subdirectory_and_file(tmp_path: Path) -> None:
    root = repo(tmp_path / "r", {"src/.env": "x\n", "src/a.py": "x\n", "other/b.py": "x\n"})
    write(root, {".gitignore": ".env\nsrc/gen/\n", "src/gen/g.py": "x\n", "src/new.py": "x\n"})
    files, _ = found(root, [root / "src"])
    assert files == ["src/.env", "src/a.py", "src/new.py"]
    assert [f"src/{p}" for p in listed_by_git(root / "src")] == files
    files, _ = found(root, [root / "src" / ".env"])
    assert files == ["src/.env"]


def test_named_directory_that_git_ignores_is_scanned_with_its_own_rules(tmp_path: Path) -> None:
    root = repo(tmp_path / "r", {"dist/tracked.js": "x\n", "dist/.gitignore": "*.map\n"})
    write(root, {".gitignore": "dist/\n", "dist/app.js": "x\n", "dist/app.js.map": "x\n"})
    files, _ = found(root, [root / "dist"])
    assert files == ["dist/.gitignore", "dist/app.js", "dist/tracked.js"]


def test_untracked_nested_repository_and_submodule_start_afresh(tmp_path: Path) -> None:
    lib = repo(tmp_path / "lib", {"index.js": "x\n", ".gitignore": "*.tmp\n"})
    root = repo(tmp_path / "r", {"top.js": "x\n", ".gitignore": "*.js\n!top.js\n"})
    git(root, "submodule", "add", "-q", str(lib), "vendor/lib")
    git(root, "commit", "-qm", "submodule")
    write(root / "vendor" / "lib", {"scratch.tmp": "x\n", "new.js": "x\n"})
    nested = repo(root / "nested", {"n.js": "x\n", "ignored.tmp": "x\n"}, commit=False)
    write(nested, {".gitignore": "*.tmp\n"})
    files, notices = found(root)
    assert files == [".gitignore", ".gitmodules", "nested/.gitignore", "nested/n.js", "top.js",
                     "vendor/lib/.gitignore", "vendor/lib/index.js", "vendor/lib/new.js"]
    assert notices == []


def test_tracked_file_deleted_from_the_work_tree_is_no_error(tmp_path: Path) -> None:
    root = repo(tmp_path / "r", {"gone.py": "x\n", "kept.py": "x\n"})
    (root / "gone.py").unlink()
    files, notices = found(root)
    assert files == ["kept.py"]
    assert notices == []


def test_no_ignore_scans_ignored_untracked_files_too(tmp_path: Path) -> None:
    root = repo(tmp_path / "r", {"a.py": "x\n"})
    write(root, {".gitignore": "*.log\n", "debug.log": "x\n"})
    files, _ = found(root, no_ignore=True)
    assert files == [".gitignore", "a.py", "debug.log"]


def test_config_excludes_still_apply_to_tracked_files(tmp_path: Path) -> None:
    root = repo(tmp_path / "r", {"fixtures/keys.py": "x\n", "src/a.py": "x\n", "src/a_test.py": "x\n",
                                 "venv/lib.py": "x\n"})
    files, _ = found(root, config=Config(project_root=root, extend_exclude=["fixtures/", "*_test.py"]))
    # venv/ is a default exclude, which skips untracked local environments only: a tracked
    # venv/lib.py is pushed, so it is scanned (tests/test_tracked_default_dirs.py)
    assert files == ["src/a.py", "venv/lib.py"]


def test_worktree_whose_git_is_a_file(tmp_path: Path) -> None:
    main = repo(tmp_path / "main", {".env": "x\n", "a.py": "x\n"})
    write(main, {".gitignore": ".env\n"})
    git(main, "add", ".gitignore")
    git(main, "commit", "-qm", "ignore")
    git(main, "worktree", "add", "-q", str(tmp_path / "wt"))
    wt = tmp_path / "wt"
    assert (wt / ".git").is_file()
    write(wt, {"b.py": "x\n", "local.env": "x\n"})
    files, _ = found(wt)
    assert files == [".env", ".gitignore", "a.py", "b.py", "local.env"]


def test_without_git_the_walk_runs_and_says_what_it_could_not_tell(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = repo(tmp_path / "r", {".env": "x\n", "a.py": "x\n"})
    write(root, {".gitignore": ".env\n"})
    monkeypatch.setenv("PATH", str(tmp_path / "no-bin"))  # no git on the PATH
    files, notices = found(root)
    assert files == [".gitignore", "a.py"]  # the walk's answer: it cannot know .env is tracked
    assert [n.kind for n in notices] == ["git-unavailable"]
    assert "--no-ignore" in notices[0].message
    files, notices = found(root, no_ignore=True)  # nothing left unchecked: no notice
    assert files == [".env", ".gitignore", "a.py"] and notices == []


def test_without_git_nothing_ignored_means_nothing_to_say(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = repo(tmp_path / "r", {"a.py": "x\n"})
    monkeypatch.setenv("PATH", str(tmp_path / "no-bin"))
    files, notices = found(root)
    assert files == ["a.py"] and notices == []


def test_without_git_a_scan_that_ignored_something_is_exit_2(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from click.testing import CliRunner

    from kaman_lint.cli import main

    root = repo(tmp_path / "r", {".env": f"KAMAN_API_KEY={KEY}\n", "a.py": "x = 1\n"})
    write(root, {".gitignore": ".env\n"})
    monkeypatch.chdir(root)
    monkeypatch.setenv("PATH", str(tmp_path / "no-bin"))
    assert CliRunner().invoke(main, ["scan", "."]).exit_code == 2
    assert CliRunner().invoke(main, ["scan", ".", "--no-ignore"]).exit_code == 1
