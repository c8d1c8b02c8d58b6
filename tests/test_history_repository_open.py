"""Repository.open: where a repository is, told by one rev-parse in a work tree (git's version
asked meanwhile), the same as the two rev-parses one after the other it falls back to."""

from __future__ import annotations

import os
import shutil
import subprocess

import pytest

try:
    from fakekeys import fp, make_key
    from test_history import BASE_ENV, Repo, found, history
except ImportError:  # tests/ imported as a package
    from tests.fakekeys import fp, make_key
    from tests.test_history import BASE_ENV, Repo, found, history

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


@pytest.mark.skipif(os.name == "nt", reason="file names are bytes on POSIX only")
def test_a_repository_under_a_non_utf8_folder_is_scanned_there(tmp_path):
    """Its git dir keeps the folder's bytes (as surrogates, like its top): a bare repository is
    run from it, and a shallow clone's `shallow` file is read from it."""
    folder = tmp_path / os.fsdecode(b"caf\xe9")
    key, recent = make_key(81), make_key(82)
    repo = Repo(folder / "work")
    repo.commit({"old.py": f"KEY = '{key}'\n"})
    repo.commit({"old.py": "KEY = None\n", "new.py": f"KEY = '{recent}'\n"})
    bare, shallow = folder / "bare.git", folder / "shallow"
    env = {**BASE_ENV, "GIT_CONFIG_NOSYSTEM": "1"}
    subprocess.run(["git", "clone", "-q", "--bare", str(repo.path), str(bare)], check=True, env=env)
    subprocess.run(["git", "clone", "-q", "--depth", "1", f"file://{repo.path}", str(shallow)], check=True, env=env)

    assert Repository.open(str(bare)).git_dir == str(bare)
    status, report, _ = history(bare)
    assert status == 1 and found(report) == {fp(key), fp(recent)}

    assert Repository.open(str(shallow)).git_dir == str(shallow / ".git")
    status, report, stderr = history(shallow)
    assert status == 2 and found(report) == {fp(recent)} and "shallow clone" in stderr
