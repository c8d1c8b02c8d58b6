"""The commit walk's work, counted (never timed): only the commits whose log bytes name a
candidate blob are parsed field by field, and the walk is the same as parsing every commit."""

from __future__ import annotations

import io
import os
import shutil

import pytest

try:
    from fakekeys import make_key
    from test_history import Repo, quiet_commits_then_a_key
except ImportError:  # tests/ imported as a package
    from tests.fakekeys import make_key
    from tests.test_history import Repo, quiet_commits_then_a_key

from kaman_lint.history import walk
from kaman_lint.history.blob_stream import BlobStream
from kaman_lint.history.git import Repository
from kaman_lint.history.objects import census

if shutil.which("git") is None:
    pytest.skip("git is not installed", allow_module_level=True)


def _log(git_repo: Repository) -> bytes:
    log = walk.CommitLog(git_repo, ["--all"])
    try:
        log.process.wait()
        log.spool.seek(0)
        return log.spool.read()
    finally:
        log.close()


def _every_commit(data: bytes, candidates: set[str]) -> walk.Walk:
    """The reference: every field of the log (children first), parents first, through the
    field-by-field parser."""
    commits = data.split(walk.COMMIT_MARK)
    assert commits[0] == b""
    parents_first = b"".join(walk.COMMIT_MARK + commit for commit in reversed(commits[1:]))
    result = walk.Walk()
    walk._parse_commits(iter(parents_first.split(b"\0")), candidates, {c.encode() for c in candidates},
                        frozenset(), result, None)
    return result


def test_only_commits_naming_a_candidate_are_parsed(tmp_path, monkeypatch):
    repo = Repo(tmp_path / "repo")
    quiet_commits_then_a_key(repo, 80, make_key(61))
    git_repo = Repository.open(str(repo.path))
    candidates = census(BlobStream(git_repo, ["--all"]), 1 << 20).candidates
    headers = []
    real = walk.CommitMeta
    monkeypatch.setattr(walk, "CommitMeta", lambda *a: headers.append(a[0]) or real(*a))
    walked = walk.walk(git_repo, ["--all"], candidates)
    assert walked.commits == 82
    assert [len(c) for c in walked.changes.values()] == [2]
    assert len(headers) == 2  # the two commits that touch settings.py; each other one is only counted


def test_the_walk_is_that_of_every_commit_parsed(tmp_path):
    """Merges, renames, deletions, many changes in one commit, and paths that look like the
    log's own fields (a leading `:` or \\x01, a 40-hex name)."""
    repo = Repo(tmp_path / "repo")
    keys = [make_key(70 + n) for n in range(4)]
    repo.commit({f"bulk/f{n}.txt": f"{n}\n" for n in range(50)} | {"a.py": f"K = '{keys[0]}'\n"})
    repo.git("checkout", "-q", "-b", "side")
    repo.commit({"side.py": f"K = '{keys[1]}'\n", ":odd": f"k = '{keys[2]}'\n"})
    repo.commit({"\x01start.txt": f"k = '{keys[2]}'\n", "a.py": None, "moved.py": f"K = '{keys[0]}'\n"})
    repo.git("checkout", "-q", "main")
    repo.commit({"main.py": f"K = '{keys[3]}'\n"})
    repo.git("merge", "-q", "--no-edit", "side", env={"GIT_AUTHOR_NAME": "M", "GIT_AUTHOR_EMAIL": "m@example.com",
                                                     "GIT_COMMITTER_NAME": "M", "GIT_COMMITTER_EMAIL": "m@example.com"})
    blob = repo.git("rev-parse", "HEAD:main.py")
    repo.commit({blob: f"K = '{keys[3]}'\n", "main.py": "K = None\n"})
    git_repo = Repository.open(str(repo.path))
    candidates = census(BlobStream(git_repo, ["--all"]), 1 << 20).candidates
    assert len(candidates) >= 4
    data = _log(git_repo)
    expected = _every_commit(data, candidates)
    for chunk in (1 << 20, 97):  # whole, and commits cut across reads
        monkeypatch = pytest.MonkeyPatch()
        monkeypatch.setattr(walk, "READ_CHUNK", chunk)
        try:
            got = walk.Walk()
            walk._parse(io.BytesIO(data), candidates, frozenset(), got, None)
        finally:
            monkeypatch.undo()
        assert got == expected
    assert any(c.renamed_from for cs in expected.changes.values() for c in cs)
    assert any(c.merge for cs in expected.changes.values() for c in cs)
    assert expected.commits == 6


def test_heads_ancestry_from_the_walk_is_what_git_lists_or_none_when_the_walk_missed_some(tmp_path):
    """HEAD's history from the parents the walk read equals `git rev-list HEAD` (merges, a
    side branch HEAD does not hold); a walk that left some of it out gives None (git is asked)."""
    repo = _merged_side_branch(tmp_path, make_key(62))
    repo.git("checkout", "-q", "-b", "other")
    repo.commit({"other.py": "OTHER = 1\n"})  # on another branch only
    repo.git("checkout", "-q", "main")
    repo.commit({"settings.py": "KEY = None\n"})
    git_repo = Repository.open(str(repo.path))
    candidates = census(BlobStream(git_repo, ["--all"]), 1 << 20).candidates
    walked = walk.walk(git_repo, ["--all"], candidates)
    expected = {c.encode() for c in repo.git("rev-list", "HEAD").split()}
    assert walked.ancestry(git_repo.head) == expected and walked.commits == len(expected) + 1
    assert walk.walk(git_repo, ["HEAD~2..HEAD"], candidates).ancestry(git_repo.head) is None


def test_the_parents_the_log_fed_census_read_are_the_walks_and_the_walk_does_not_search_for_them(tmp_path, monkeypatch):
    """A whole-history census splits every commit of the log (log_blobs.feed): it keeps their
    parents, and the walk after it takes them (the same ancestry, the same commits) instead of
    searching the whole log for them once more; past GRAPH_LIMIT neither keeps them."""
    from kaman_lint.history.start import start

    repo = _merged_side_branch(tmp_path, make_key(63))
    repo.commit({"settings.py": "KEY = None\n"})
    git_repo = Repository.open(str(repo.path))
    candidates = census(BlobStream(git_repo, ["--all"]), 1 << 20).candidates
    own = walk.walk(git_repo, ["--all"], candidates)
    searches = []
    real = walk.PARENTS.findall
    monkeypatch.setattr(walk.PARENTS, "findall", lambda *a: searches.append(1) or real(*a))
    for limit, known in ((walk.GRAPH_LIMIT, True), (2, False)):
        monkeypatch.setattr(walk, "GRAPH_LIMIT", limit)
        searches.clear()
        started = start(str(repo.path))
        try:
            assert started.blobs.log_fed
            fed = census(started.blobs, 1 << 20, log=started.log)
            walked = started.log.walk(fed.candidates)
        finally:
            started.close()
        assert fed.candidates == candidates and not searches
        assert (walked.ancestry(git_repo.head) == own.ancestry(git_repo.head)) == known
        assert (walked.parents == own.parents) == known and walked.commits == own.commits
        assert walked.changes == own.changes and walked.meta == own.meta



def test_heads_ancestry_is_worked_out_by_the_census_feed_and_the_walk_asks_for_it_no_more(tmp_path, monkeypatch):
    """The log-fed census's feed, done before the reader is, works out HEAD's ancestry in the
    parents it read; the walk after the census answers from it, without walking the parents
    again on the main thread (the same set git lists)."""
    from kaman_lint.history.start import start

    repo = _merged_side_branch(tmp_path, make_key(64))
    repo.commit({"settings.py": "KEY = None\n"})
    expected = {c.encode() for c in repo.git("rev-list", "HEAD").split()}
    started = start(str(repo.path))
    try:
        fed = census(started.blobs, 1 << 20, log=started.log)
        head = started.repo.head
        assert started.log.graph.head_ancestry == (head, expected)
        walks = []
        monkeypatch.setattr(walk, "ancestry", lambda *a: walks.append(a) or None)
        walked = started.log.walk(fed.candidates)
    finally:
        started.close()
    assert walked.ancestry(head) == expected and not walks
    assert walked.ancestry("0" * 40) is None and len(walks) == 1  # another commit: walked for

_PROBE = """
import json, sys
from kaman_lint import keys, lazy_re, records
from kaman_lint.findings import Finding
from kaman_lint.history import scan
seen = {}
real = scan._finish
def finish(*args):
    seen["made"] = Finding not in records.pending
    seen["lazy"] = [v.pattern for v in vars(keys).values() if type(v) is lazy_re.LazyPattern and v._compiled is None]
    return real(*args)
scan._finish = finish
from kaman_lint.cli import main
try:
    main(["history", sys.argv[1], "--format", "json", "--exit-zero", "-o", sys.argv[2]])
except SystemExit:
    pass
print(json.dumps(seen))
"""


def test_what_the_steps_after_the_census_make_on_first_use_is_made_during_it(tmp_path):
    """The result's record classes and the key redaction's patterns are made by a background
    thread while git reads, not by the main thread once it is alone after the census (a fresh
    process, as a run has it)."""
    import json
    import subprocess
    import sys

    repo = Repo(tmp_path / "repo")
    quiet_commits_then_a_key(repo, 3, make_key(64))
    out = subprocess.run([sys.executable, "-c", _PROBE, str(repo.path), str(tmp_path / "report.json")],
                         capture_output=True, text=True, check=True).stdout
    assert json.loads(out.splitlines()[-1]) == {"made": True, "lazy": []}


def test_the_config_is_asked_about_each_path_once_however_many_versions_hold_a_key(tmp_path, monkeypatch):
    """Excludes are matched at each version's path; a file's versions share it, so the census
    (each candidate) and the walk (each path and blob) ask the config once a path."""
    from kaman_lint.config import Config, load_config
    from kaman_lint.history import scan_history

    repo = Repo(tmp_path / "repo")
    for n in range(6):
        repo.commit({"settings.py": f"KEY = '{make_key(70 + n)}'\n", "other.py": f"K = '{make_key(80 + n)}'\n"})
    asked = []
    real = Config.is_excluded
    monkeypatch.setattr(Config, "is_excluded", lambda self, path, **k: asked.append(path) or real(self, path, **k))
    result = scan_history(str(repo.path), load_config(repo.path))
    assert len({f.location.path for f in result.findings}) == 2
    assert sorted(os.path.basename(p) for p in asked) == ["other.py", "settings.py"]


def _merged_side_branch(tmp_path, key: str) -> Repo:
    """A key committed on main, then a side branch merged back into main (no fast-forward)."""
    repo = Repo(tmp_path / "repo")
    repo.commit({"settings.py": f"KEY = '{key}'\n"})
    repo.git("checkout", "-q", "-b", "side")
    repo.commit({"side.py": "SIDE = 1\n"})
    repo.git("checkout", "-q", "main")
    repo.commit({"main.py": "MAIN = 1\n"})
    repo.git("merge", "-q", "--no-edit", "side", env={"GIT_COMMITTER_NAME": "J", "GIT_COMMITTER_EMAIL": "j@example.com",
                                                       "GIT_AUTHOR_NAME": "J", "GIT_AUTHOR_EMAIL": "j@example.com"})
    return repo
