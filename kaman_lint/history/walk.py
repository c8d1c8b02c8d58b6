"""The commit walk: which commit put which blob at which path.

One `git log --raw` over the same revisions, with tree-level changes only (`--raw
--no-renames`: no blob is read, no patch generated), walked parents before children: git lists
the commits children first (`--topo-order` without `--reverse`, which costs git a sixth more CPU,
its trees then read against the order of the pack's deltas) and the walk reads the log from its
end. A merge commit is diffed
against its first parent, the view of the branch it lands on: a key the merge result lacks and
its first parent had was removed by the merge; what it brings from another parent was written by
a commit of that line, which the walk meets first (attribution tells such a blob from new
content of the merge, e.g. a conflict resolution).

Only changes that touch a candidate blob (old or new side) are kept, with the name, date and
author of their commits: memory follows the keys found, not the length of the history.
"""

from __future__ import annotations

import io
import subprocess
import tempfile
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from typing import IO, TYPE_CHECKING

import ahocorasick_rs

from kaman_lint import lazy_re
from kaman_lint.history.git import NULL_SHA, HistoryError, Repository, decode_path, decode_text, first_line

if TYPE_CHECKING:
    from kaman_lint.history.log_blobs import Graph

# Each commit starts with two empty fields, then \x01 and its id: no other field is empty
# except a root commit's parents (followed by its date) and an empty author name (followed by
# the changes or the next commit), and no path or change record is, so `\0\0\x01` marks where
# a commit starts, whatever its paths and names hold (a path may start with \x01).
FORMAT = "--format=%x00%x00%x01%H%x00%P%x00%aI%x00%an"
COMMIT_MARK = b"\0\0\x01"
REGULAR_FILE_MODES = (b"100644", b"100755")
READ_CHUNK = 1 << 20
ID_PREFIX = 12  # characters of a candidate's id the commit search looks for
MAX_DFA_IDS = 4096
# Each commit's id and parents, from its header (the same bytes COMMIT_MARK starts), for HEAD's
# history: kept up to GRAPH_LIMIT commits (about 150 bytes each), beyond that git is asked.
PARENTS = lazy_re.compile(rb"\0\0\x01([0-9a-f]{40,64})\0([0-9a-f ]*)\0")
GRAPH_LIMIT = 200_000


@dataclass(frozen=True)
class Change:
    """One path of one commit whose blob changed, as `git log --raw` gives it."""

    order: int  # the commit's place in the walk (parents first)
    commit: str
    old: tuple[str, ...]  # the blob at this path in each parent ("" where it had none)
    new: str  # "" when the commit deleted the path (or it is no regular file any more)
    renamed_from: str | None = None  # the same blob deleted at another path in the same commit
    merge: bool = False  # the commit has several parents (diffed against the first)


@dataclass(frozen=True)
class CommitMeta:
    sha: str
    date: str
    author: str


@dataclass
class Walk:
    commits: int = 0
    changes: dict[str, list[Change]] = field(default_factory=dict)  # by path, in walk order
    meta: dict[str, CommitMeta] = field(default_factory=dict)  # commits some change names
    shallow: list[str] = field(default_factory=list)  # grafted commits the walk reached
    # each walked commit's parents (ids as bytes), None past GRAPH_LIMIT commits
    parents: dict[bytes, bytes] | None = field(default_factory=dict, compare=False, repr=False)

    # HEAD's ancestry as the census's feed worked it out from these parents (head, ancestry)
    head_ancestry: tuple[str, set[bytes] | None] | None = field(default=None, compare=False, repr=False)

    def ancestry(self, head: str) -> set[bytes] | None:
        """`head` and every commit it descends from (what `git rev-list HEAD` lists, ids as
        bytes), if the walk met them all; None if it did not (a range, `--since`, too long a
        history)."""
        if self.head_ancestry is not None and self.head_ancestry[0] == head:
            return self.head_ancestry[1]
        return ancestry(self.parents, head)

    def added(self, candidates: set[str]) -> Iterator[tuple[str, str]]:
        """(path, blob) for every candidate blob some commit wrote at a path, once each (a
        change is kept when either side is a candidate: its new blob may be none)."""
        seen: set[tuple[str, str]] = set()
        for path, changes in self.changes.items():
            for change in changes:
                if change.new in candidates and (path, change.new) not in seen:
                    seen.add((path, change.new))
                    yield path, change.new


def ancestry(parents: dict[bytes, bytes] | None, head: str) -> set[bytes] | None:
    """`head` and every commit it descends from in `parents` (ids as bytes), or None if some
    of them is not there (or `parents` is None)."""
    if parents is None or head.encode() not in parents:
        return None
    seen: set[bytes] = set()
    stack = [head.encode()]
    while stack:
        commit = stack.pop()
        if commit in seen:
            continue
        above = parents.get(commit)
        if above is None:  # a parent the walk did not reach (a shallow one has none listed)
            return None
        seen.add(commit)
        stack.extend(above.split())
    return seen


class CommitLog:
    """`git log --raw` started at once, its output spooled to a temporary file (disk, not
    memory) while the object walk runs on the other core; `walk` parses it once the candidates
    are known."""

    def __init__(self, repo: Repository, revisions: Sequence[str]) -> None:
        # merges against their first parent (git 2.31+); older gits show combined changes only,
        # so a key a merge drops is not seen removed there
        merges = "--diff-merges=first-parent" if repo.version >= (2, 31) else "-c"
        self.repo = repo
        self.graph: Graph | None = None  # the commits' parents, if a reader of the log kept them (census)
        self.spool = tempfile.TemporaryFile(prefix="kaman-lint-history-")
        try:
            self.process = subprocess.Popen(
                repo.command("log", "--topo-order", "--raw", "--no-renames", "--no-abbrev",
                             merges, "-z", FORMAT, *revisions),
                stdout=self.spool, stderr=subprocess.PIPE, env=repo.env)
        except FileNotFoundError as err:
            self.spool.close()
            raise HistoryError("the history scan needs git, which is not installed") from err

    def walk(self, candidates: set[str], *, on_commit: Callable[[int], None] | None = None) -> Walk:
        """The changes of every commit that touch a blob of `candidates`."""
        try:
            stderr = self.process.stderr.read()
            self.process.wait()
            if self.process.returncode != 0:
                raise HistoryError(f"git log failed: {first_line(stderr) or self.process.returncode}")
            self.spool.seek(0)
            result = Walk()
            graph = self.graph if self.graph is not None and self.graph.whole else None
            if graph is not None:  # read with the census: the walk need not search the log for them
                result.parents, result.head_ancestry = graph.parents, graph.head_ancestry
            _parse(self.spool, candidates, self.repo.shallow_commits, result, on_commit, graph_known=graph is not None)
            return result
        finally:
            self.close()

    def close(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()
        self.process.stderr.close()
        self.spool.close()


def walk(repo: Repository, revisions: Sequence[str], candidates: set[str], *,
         on_commit: Callable[[int], None] | None = None) -> Walk:
    """The changes of every commit `revisions` select that touch a blob of `candidates`."""
    return CommitLog(repo, revisions).walk(candidates, on_commit=on_commit)


def _tokens(stream: IO[bytes]) -> Iterator[bytes]:
    """The NUL-separated fields of `git log -z`, read in chunks."""
    rest = b""
    while chunk := stream.read(READ_CHUNK):
        parts = (rest + chunk).split(b"\0")
        rest = parts.pop()
        yield from parts
    if rest:
        yield rest


def _parse(stream: IO[bytes], candidates: set[str], shallow: frozenset[str], result: Walk,
           on_commit: Callable[[int], None] | None, *, graph_known: bool = False) -> None:
    """The log (children first) read from its end in chunks of whole commits; of each chunk only
    the commits whose bytes name a candidate blob (one packed search for all their ids) go through
    the field-by-field parser, `_parse_commits`, last commit first; the rest are counted (and looked
    up in `shallow`). A commit that names none keeps no change there, so the walk is the same as
    parsing every commit, parents first (on flask: 270 of 5,553 commits parsed, 0.08 -> 0.01 s of
    CPU, after the census, when nothing else is left to overlap with). `graph_known`: `result.parents`
    is already every commit's (log_blobs.Graph), not searched for here."""
    wanted = {c.encode() for c in candidates}
    finder = _finder(wanted)
    stream.seek(0, io.SEEK_END)
    end = stream.tell()
    rest = b""  # the bytes after this chunk, from a commit's start
    while True:
        start = max(0, end - max(READ_CHUNK, len(rest)))  # a commit of many chunks: read in doubling steps
        stream.seek(start)
        chunk = stream.read(end - start)
        end = start
        data = chunk + rest if rest else chunk
        # the chunk's first commit may start before it: the whole ones start at the first mark
        cut = data.find(COMMIT_MARK) if start else 0
        if cut < 0:
            rest = data
            continue
        _parse_part(data[cut:] if cut else data, finder, candidates, wanted, shallow, result, graph_known)
        rest = data[:cut]
        if on_commit:
            on_commit(result.commits)
        if not start:
            return


def _finder(wanted: set[bytes]) -> ahocorasick_rs.BytesAhoCorasick | None:
    """What finds the commits that may name a candidate: the ids' first ID_PREFIX characters
    (a superset, the parser checks whole ids), in a DFA while they are few (4x faster here than
    the default automaton, and its size grows with the patterns)."""
    if not wanted:
        return None
    prefixes = sorted({w[:ID_PREFIX] for w in wanted})
    dfa = {"implementation": ahocorasick_rs.Implementation.DFA} if len(prefixes) <= MAX_DFA_IDS else {}
    return ahocorasick_rs.BytesAhoCorasick(prefixes, **dfa)


def _parse_part(part: bytes, finder: ahocorasick_rs.BytesAhoCorasick | None, candidates: set[str],
                wanted: set[bytes], shallow: frozenset[str], result: Walk, graph_known: bool = False) -> None:
    """Whole commits (`part` starts where one does), children first: walked from the last."""
    if part.strip(b"\n") and not part.startswith(COMMIT_MARK):
        raise HistoryError(f"git log: unexpected output {decode_path(part[:60])!r}")
    before = result.commits
    total = part.count(COMMIT_MARK)
    hits = [at for _, at, _ in finder.find_matches_as_indexes(part)] if finder else []
    groups = []  # (the commit's start, the commits before it in `part`, its hits)
    counted, done, i = 0, 0, 0
    while i < len(hits):
        start = part.rfind(COMMIT_MARK, 0, hits[i] + 1)
        end = part.find(COMMIT_MARK, start + 1)
        end = len(part) if end < 0 else end
        group = []
        while i < len(hits) and hits[i] < end:
            group.append(hits[i])
            i += 1
        counted += part.count(COMMIT_MARK, done, start)
        done = start
        groups.append((start, counted, group))
    for start, earlier, group in reversed(groups):
        result.commits = before + total - earlier - 1  # `_parse_commits` counts this one
        _parse_commits(iter(_commit_fields(part, start, group)), candidates, wanted, frozenset(), result, None)
    result.commits = before + total
    if result.parents is not None and not graph_known:
        result.parents.update(PARENTS.findall(part))
        if len(result.parents) > GRAPH_LIMIT:
            result.parents = None
    for sha in sorted(shallow, key=lambda s: part.find(COMMIT_MARK + s.encode() + b"\0"), reverse=True):
        if COMMIT_MARK + sha.encode() + b"\0" in part:  # in walk order
            result.shallow.append(sha)


HEADER_FIELDS = 6  # "", "", \x01 + id, parents, date, author; then (change record, path) pairs


def _commit_fields(part: bytes, start: int, hits: list[int]) -> list[bytes]:
    """The fields of the commit at `start`: its header, and the change records (with their
    paths) that `hits` fall in; a hit in a path or the header selects nothing. A field's place
    (its count of NULs from the commit's start) says which it is: a path may look like a record."""
    header_end = start
    for _ in range(HEADER_FIELDS - 1):
        header_end = part.find(b"\0", header_end) + 1 or len(part)
    fields = part[start:header_end].split(b"\0")[:HEADER_FIELDS - 1]
    author_end = part.find(b"\0", header_end)
    fields.append(part[header_end:author_end if author_end >= 0 else len(part)])
    index, at, taken = 0, start, -1
    for hit in hits:
        index += part.count(b"\0", at, hit)
        at = hit
        if index < HEADER_FIELDS or (index - HEADER_FIELDS) % 2 or index == taken:
            continue
        taken = index
        record_start = part.rfind(b"\0", start, hit) + 1
        record_end = part.find(b"\0", hit)
        path_end = part.find(b"\0", record_end + 1)
        fields.append(part[record_start:record_end])
        fields.append(part[record_end + 1:path_end if path_end >= 0 else len(part)])
    return fields


def _parse_commits(tokens: Iterator[bytes], candidates: set[str], wanted: set[bytes], shallow: frozenset[str],
                   result: Walk, on_commit: Callable[[int], None] | None) -> None:
    """Commits field by field: their changes that touch a candidate blob (`wanted`: the
    candidates' ids as bytes)."""
    commit: CommitMeta | None = None
    merge = False
    pending: list[tuple[str, Change]] = []  # this commit's kept changes, for rename matching
    for token in tokens:
        token = token.lstrip(b"\n")
        if not token:
            continue
        if token.startswith(b"\x01"):  # a commit: sha, parents, date, author
            _flush(pending, result)
            sha = token[1:].decode("ascii")
            merge = len(next(tokens, b"").split()) > 1
            commit = CommitMeta(sha, decode_text(next(tokens, b"")), decode_text(next(tokens, b"")))
            result.commits += 1
            if sha in shallow:
                result.shallow.append(sha)
            if on_commit:
                on_commit(result.commits)
            continue
        if not token.startswith(b":") or commit is None:
            raise HistoryError(f"git log: unexpected output {decode_path(token[:60])!r}")
        path = next(tokens, None)
        if path is None:
            raise HistoryError("git log: the output ended inside a change")
        # most records are `:mode mode old new X` (40-hex ids at fixed places): reject those
        # naming no candidate without splitting them
        if token[1:2] != b":" and len(token) > 96 and token[15:55] not in wanted and token[56:96] not in wanted:
            continue
        change = _change(token, commit, result.commits, merge, candidates)
        if change is not None:
            pending.append((decode_path(path), change))
            result.meta.setdefault(commit.sha, commit)
    _flush(pending, result)


def _change(record: bytes, commit: CommitMeta, order: int, merge: bool, candidates: set[str]) -> Change | None:
    """`:old-mode new-mode old new status` (one colon per parent diffed); None when no
    candidate blob is in it."""
    parents = len(record) - len(record.lstrip(b":"))
    fields = record[parents:].split(b" ")
    modes, shas = fields[:parents + 1], fields[parents + 1:2 * parents + 2]
    if len(shas) != parents + 1:
        raise HistoryError(f"git log: unexpected change record {decode_path(record[:80])!r}")
    new = shas[-1].decode("ascii")
    old = tuple("" if s == NULL_SHA.encode() else s.decode("ascii") for s in shas[:-1])
    if modes[-1] not in REGULAR_FILE_MODES or new == NULL_SHA:  # deleted, a symlink, a submodule
        new = ""
    if new not in candidates and not any(o in candidates for o in old):
        return None
    return Change(order, commit.sha, old, new, merge=merge)


def _flush(pending: list[tuple[str, Change]], result: Walk) -> None:
    """Record a commit's changes; a blob it deleted at one path and added at another moved."""
    deleted = {c.old[0]: path for path, c in pending if not c.new and len(c.old) == 1 and c.old[0]}
    for path, change in pending:
        if change.new and change.old == ("",) and change.new in deleted:
            change = replace(change, renamed_from=deleted[change.new])
        result.changes.setdefault(path, []).append(change)
    pending.clear()
