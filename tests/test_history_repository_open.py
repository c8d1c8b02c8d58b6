"""Repository.open: where a repository is, told by one rev-parse in a work tree (git's version
asked meanwhile), the same as the two rev-parses one after the other it falls back to."""

from __future__ import annotations

import shutil
import subprocess

import pytest

try:
    from test_history import Repo
except ImportError:  # tests/ imported as a package
    from tests.test_history import Repo

from kaman_lint.history import git
from kaman_lint.history.git import HistoryError, Repository

if shutil.which("git") is None:
    pytest.skip("git is not installed", allow_module_level=True)


def _two_step(path: str) -> tuple[str, str]:
    """(top, git dir) as the two rev-parses say, one after the other."""
    out = subprocess.run(["git", "-C", path, "rev-parse", "--is-bare-repository", "--absolute-git-dir"],
                         capture_output=True, check=True).stdout.decode().splitlines()
    if out[0] == "true":
        return out[1], out[1]
    top = subprocess.run(["git", "-C", path, "rev-parse", "--show-toplevel"], capture_output=True,
                         check=True).stdout.decode().rstrip("\n")
    return top, out[1]


def _runs(monkeypatch) -> list[list[str]]:
    """The git processes started (their arguments after the config), as they are."""
    runs: list[list[str]] = []
    real = git.subprocess.Popen
    monkeypatch.setattr(git.subprocess, "Popen", lambda argv, **k: runs.append(argv[3 + len(git.CONFIG):]) or real(argv, **k))
    return runs


def test_a_work_tree_is_located_by_one_rev_parse_and_git_s_version_comes_along(tmp_path, monkeypatch):
    repo = Repo(tmp_path / "work tree")
    repo.commit({"a.py": "A = 1\n", "sub/b.py": "B = 2\n"})
    runs = _runs(monkeypatch)
    for path in (repo.path, repo.path / "sub"):
        runs.clear()
        opened = Repository.open(str(path))
        version = opened.version  # read: no run of its own
        assert runs == [["version"], ["rev-parse", "--is-bare-repository", "--absolute-git-dir", "--show-toplevel"]]
        assert (opened.top, opened.git_dir) == _two_step(str(path))
        assert version == Repository(opened.top, opened.git_dir).version > (1, 0)


def test_a_bare_repository_and_a_git_dir_are_told_as_before(tmp_path, monkeypatch):
    repo = Repo(tmp_path / "work")
    repo.commit({"a.py": "A = 1\n"})
    bare = tmp_path / "bare.git"
    subprocess.run(["git", "clone", "-q", "--bare", str(repo.path), str(bare)], check=True)
    opened = Repository.open(str(bare))
    assert (opened.top, opened.git_dir) == _two_step(str(bare))
    with pytest.raises(HistoryError, match="work tree"):  # inside .git: what --show-toplevel says
        Repository.open(str(repo.path / ".git"))
    with pytest.raises(HistoryError, match="not a git repository"):
        Repository.open(str(tmp_path))
