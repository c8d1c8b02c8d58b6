"""Wide pipes for the git processes that stream blobs (kaman_lint/pipes.py)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest

from kaman_lint import pipes

linux_only = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="F_SETPIPE_SZ is Linux's")


@linux_only
def test_a_pipe_is_widened_to_a_mebibyte():
    import fcntl

    read, write = os.pipe()
    try:
        with os.fdopen(read, "rb") as stream:
            pipes.widen(stream)
            assert fcntl.fcntl(stream.fileno(), fcntl.F_GETPIPE_SZ) == pipes.WIDE
    finally:
        os.close(write)


@linux_only
def test_a_pipe_is_widened_by_either_descriptor():
    import fcntl

    read, write = os.pipe()
    try:
        pipes.widen_fd(write)
        assert fcntl.fcntl(read, fcntl.F_GETPIPE_SZ) == pipes.WIDE
    finally:
        os.close(read)
        os.close(write)


def test_a_refused_size_leaves_the_pipe_as_it_was(tmp_path):
    with open(tmp_path / "file", "wb") as stream:  # not a pipe: the platform refuses, nothing raised
        pipes.widen(stream)
    pipes.widen(None)


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_the_census_widens_the_pipe_its_blobs_come_through(tmp_path, monkeypatch):
    from kaman_lint.history import objects
    from kaman_lint.history.git import Repository

    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    env.update(HOME=str(tmp_path), GIT_CONFIG_NOSYSTEM="1", GIT_AUTHOR_NAME="a", GIT_AUTHOR_EMAIL="a@example.com",
               GIT_COMMITTER_NAME="a", GIT_COMMITTER_EMAIL="a@example.com")
    for args in (["init", "-q"], ["commit", "-q", "--allow-empty", "-m", "x"]):
        subprocess.run(["git", *args], cwd=tmp_path, env=env, check=True, capture_output=True)
    (tmp_path / "a.txt").write_text("hello\n")
    subprocess.run(["git", "add", "a.txt"], cwd=tmp_path, env=env, check=True)
    subprocess.run(["git", "commit", "-q", "-m", "a"], cwd=tmp_path, env=env, check=True)
    widened = []
    monkeypatch.setattr(pipes, "widen", lambda stream, *a: widened.append(stream))
    census = objects.census(objects.BlobStream(Repository.open(str(tmp_path)), ["--all"]), 1 << 20)
    assert census.blobs == 1 and len(widened) == 2  # rev-list's list, cat-file's blobs
