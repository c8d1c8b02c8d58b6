"""The census of the whole history fed from the commit log (log_blobs.py): the same blobs as
`git rev-list --objects`, and no rev-list run; rev-list where the log cannot list them all."""

from __future__ import annotations

import shutil

import pytest

try:
    from fakekeys import make_key
    from test_history import Repo
except ImportError:  # tests/ imported as a package
    from tests.fakekeys import make_key
    from tests.test_history import Repo

from kaman_lint.history import blob_stream, log_blobs, objects
from kaman_lint.history.git import Repository
from kaman_lint.history.start import start

if shutil.which("git") is None:
    pytest.skip("git is not installed", allow_module_level=True)


def _census(path, monkeypatch) -> tuple[objects.BlobCensus, list[tuple[str, ...]]]:
    """The census as a run takes it, and the git commands its stream ran."""
    commands: list[tuple[str, ...]] = []
    real = Repository.popen
    monkeypatch.setattr(Repository, "popen", lambda self, *a, **k: commands.append(a) or real(self, *a, **k))
    started = start(str(path))
    try:
        return objects.census(started.blobs, 1 << 20, log=started.log), commands
    finally:
        started.close()


def _rev_list_blobs(repo: Repo) -> set[str]:
    out = repo.git("rev-list", "--objects", "--all", "--filter=object:type=blob")
    ids = {line.split(" ", 1)[0] for line in out.splitlines() if line.strip()}
    return {i for i in ids if repo.git("cat-file", "-t", i) == "blob"}


def _history_of_every_kind(repo: Repo) -> None:
    key = make_key(80)
    repo.commit({f"bulk/f{n}.txt": f"{n}\n" for n in range(30)} | {"a.py": f"K = '{key}'\n"})
    repo.git("checkout", "-q", "-b", "side")
    repo.commit({"side.py": "S = 1\n", ":odd": "odd\n", "new\nline.txt": "two lines\n"})
    repo.commit({"a.py": None, "moved.py": f"K = '{key}'\n", "bulk/f3.txt": None})
    repo.git("checkout", "-q", "main")
    repo.commit({"main.py": "M = 1\n", "bulk/f4.txt": "changed\n"})
    (repo.path / "link").symlink_to("main.py")
    repo.commit({})
    repo.git("merge", "-q", "--no-edit", "side", env={"GIT_AUTHOR_NAME": "M", "GIT_AUTHOR_EMAIL": "m@example.com",
                                                     "GIT_COMMITTER_NAME": "M", "GIT_COMMITTER_EMAIL": "m@example.com"})
    commit = repo.git("rev-parse", "HEAD")
    repo.git("update-index", "--add", "--cacheinfo", f"160000,{commit},vendor/sub")  # a submodule
    repo.git("commit", "-q", "-m", "submodule", env={"GIT_AUTHOR_NAME": "M", "GIT_AUTHOR_EMAIL": "m@example.com",
                                                     "GIT_COMMITTER_NAME": "M", "GIT_COMMITTER_EMAIL": "m@example.com"})


def test_the_log_fed_census_reads_what_rev_list_lists_and_runs_no_rev_list(tmp_path, monkeypatch):
    repo = Repo(tmp_path / "repo")
    _history_of_every_kind(repo)
    fed, commands = _census(repo.path, monkeypatch)
    assert not any(c[0] == "rev-list" for c in commands)  # the log's blobs, no second tree walk
    expected = _rev_list_blobs(repo)
    assert fed.blobs == len(expected) and not fed.missing
    listed = objects.census(blob_stream.BlobStream(Repository.open(str(repo.path)), ["--all"]), 1 << 20)
    assert (fed.blobs, fed.bytes, fed.candidates) == (listed.blobs, listed.bytes, listed.candidates)


def test_a_tag_on_a_blob_is_read_as_rev_list_reads_it(tmp_path, monkeypatch):
    """A ref to a blob (or a tree) names blobs no commit holds: the log cannot list them, so the
    census asks rev-list, and counts and checks them as before."""
    repo = Repo(tmp_path / "repo")
    repo.commit({"a.py": "A = 1\n"})
    (repo.path / "loose.txt").write_text(f"K = '{make_key(81)}'\n")
    blob = repo.git("hash-object", "-w", "loose.txt")
    (repo.path / "loose.txt").unlink()
    repo.git("tag", "a-blob", blob)
    fed, commands = _census(repo.path, monkeypatch)
    assert any(c[0] == "rev-list" for c in commands)
    assert fed.blobs == 2 and blob in fed.candidates


def test_only_the_whole_history_is_fed_from_the_log(tmp_path):
    repo = Repo(tmp_path / "repo")
    repo.commit({"a.py": "A = 1\n"})
    git_repo = Repository.open(str(repo.path))
    assert blob_stream.BlobStream.from_log(git_repo, ["--all"]) == (git_repo.version >= (2, 31))
    for revisions in (["HEAD"], ["--all", "--since=2020-01-01"], ["main..HEAD"]):
        assert not blob_stream.BlobStream.from_log(git_repo, revisions)


def test_paths_and_names_that_look_like_changes_are_no_blobs():
    """Fields are taken by their place: a path or an author that looks like a change record
    names no blob, and a path's newline ends what cat-file is given."""
    a, b, fake = "a" * 40, "b" * 40, "c" * 40
    record = f":100644 100644 {a} {fake} M".encode()
    log = (b"\0\0\x01" + b"1" * 40 + b"\0\0" + b"2024-01-01T00:00:00+00:00\0" + record + b"\0\n"
           + f":000000 100644 {'0' * 40} {b} A".encode() + b"\0" + record + b"\0"
           + f":000000 160000 {'0' * 40} {a} A".encode() + b"\0sub\0"
           + f":000000 100644 {'0' * 40} {a} A".encode() + b"\0two\nlines\0")
    assert log_blobs.new_blobs(log, set()) == [f"{b} ".encode() + record, f"{a} two".encode()]



def test_a_partial_clone_on_a_git_that_would_fetch_is_read_as_rev_list_reads_it(tmp_path, monkeypatch):
    """Before GIT_NO_LAZY_FETCH (git 2.44) cat-file would fetch a blob a partial clone lacks:
    there rev-list lists the blobs (`--missing=print`), and cat-file is asked for none it lacks."""
    repo = Repo(tmp_path / "repo")
    repo.commit({"a.py": "A = 1\n"})
    repo.git("config", "remote.origin.promisor", "true")
    fed, commands = _census(repo.path, monkeypatch)
    lazy = Repository.open(str(repo.path)).version < (2, 44)
    assert any(c[0] == "rev-list" for c in commands) == lazy
    assert fed.blobs == 1


def test_a_commit_of_many_chunks_is_read_in_doubling_steps(tmp_path, monkeypatch):
    """One commit longer than many reads: what it holds so far is copied and searched again on
    each read, so the reads grow with it (linear in the commit), not one chunk at a time."""
    changes = b"".join(f":000000 100644 {'0' * 40} {n:040x} A".encode() + f"\0src/file{n}.py\0".encode()
                       for n in range(1, 2001))
    log = b"\0\0\x01" + b"1" * 40 + b"\0\0" + b"2024-01-01T00:00:00+00:00\0Jane\0\n" + changes
    spool = tmp_path / "log"
    spool.write_bytes(log)
    monkeypatch.setattr(log_blobs, "READ_CHUNK", 256)  # the commit: ~900 chunks
    reads = []
    real = log_blobs.os.pread
    monkeypatch.setattr(log_blobs.os, "pread", lambda *a: reads.append(1) or real(*a))
    for still_writing in (0, 3):  # git done, or git still writing for the first looks
        looks = iter([True] * still_writing)
        written: list[bytes] = []
        reads.clear()
        with open(spool, "rb") as f:
            assert log_blobs.feed(f.fileno(), lambda: next(looks, False), written.append) == 2000
        assert b"".join(written).count(b"\n") == 2000
        assert len(reads) < 40, (still_writing, len(reads))


def test_the_first_lines_go_to_cat_file_after_a_short_first_read(tmp_path, monkeypatch):
    """cat-file (and the census behind it) waits for the feed's first lines: they are written
    after one read of at most FIRST_CHUNK bytes, not of a whole READ_CHUNK; the reads then grow
    (a long log still takes few)."""
    commits = b"".join(b"\0\0\x01" + f"{n:040x}".encode() + b"\0\0" + b"2024-01-01T00:00:00+00:00\0Jane\0\n"
                       + f":000000 100644 {'0' * 40} {n + 1:040x} A".encode() + f"\0src/f{n}.py\0".encode()
                       for n in range(6000))  # ~1.1 MB: more than one READ_CHUNK
    spool = tmp_path / "log"
    spool.write_bytes(commits)
    events: list[tuple[str, int]] = []
    real = log_blobs.os.pread
    monkeypatch.setattr(log_blobs.os, "pread",
                        lambda fd, size, at: events.append(("read", size)) or real(fd, size, at))
    with open(spool, "rb") as f:
        count = log_blobs.feed(f.fileno(), lambda: False, lambda lines: events.append(("write", len(lines))))
    assert count == 6000
    assert [kind for kind, _ in events[:2]] == ["read", "write"]
    assert events[0][1] <= log_blobs.FIRST_CHUNK < log_blobs.READ_CHUNK
    assert sum(1 for kind, _ in events if kind == "read") < 10
