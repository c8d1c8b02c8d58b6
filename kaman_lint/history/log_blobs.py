"""The census's list of blobs from the commit log, instead of a `git rev-list --objects` of its own.

`git log --raw` (walk.py) reads every commit and diffs its tree against its first parent's (a
root or shallow commit against the empty tree, `log.showRoot`); `git rev-list --objects` read
every commit and tree a second time (0.12 s of git's CPU on flask) to list the same blobs: every
blob of a commit's tree is either at the same path in its first parent's tree or new there, so
the new sides of the log's changes, over a history closed under parents (`--all`, with no range
or `--since`), are every blob rev-list lists from commits. What they do not cover is a ref to a
tree or a blob (a tag on a file), and a partial clone on a git that would fetch what it lacks
(GIT_NO_LAZY_FETCH came with 2.44): BlobStream asks git about both, and lists the blobs with
rev-list there.

This module reads the log as git writes it (its spool file, at an offset of its own) and hands
each blob id, with the path of its first change, to cat-file: git lists the newest commits first,
so cat-file reads them in about the order rev-list would, close to the pack's deltas. On the way
it keeps each commit's parents (the fields it splits anyway), which the walk would otherwise
search the whole log for after the census (HEAD's history: walk.Walk.ancestry).
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterable

from kaman_lint.history.git import NULL_SHA, HistoryError, decode_path

COMMIT_MARK = b"\0\0\x01"  # as walk.COMMIT_MARK: where each commit's header starts
READ_CHUNK = 1 << 20
# The first read is short: cat-file waits for the lines of the first chunk, and the census for
# cat-file, so a whole READ_CHUNK of log (~1,900 commits on flask, ~9 ms to split) before the
# first line was that much later a start; the reads double from there up to READ_CHUNK.
FIRST_CHUNK = 1 << 16
WAIT = 0.005  # seconds between looks at a spool git is still writing
GITLINK = b"160000"  # a submodule's commit, not a blob of this repository
_NULL = NULL_SHA.encode()


def new_blobs(part: bytes, seen: set[bytes], parents: dict[bytes, bytes] | None = None) -> list[bytes]:
    """`id path` lines for the blobs that whole commits of the log (`part`) write first (not
    in `seen`, which gains them), in the log's order. Fields are taken by their place, as the
    walk takes them: after a commit's four header fields (id, parents, date, author) its changes
    alternate with their paths, so a path or an author name that looks like a change is none.
    `parents` gains each commit's id and parents (as walk.PARENTS reads them)."""
    lines = []
    commits = part.split(COMMIT_MARK)
    if commits[0].strip(b"\0\n"):
        raise HistoryError(f"git log: unexpected output {decode_path(commits[0][:60])!r}")
    for commit in commits[1:]:
        fields = commit.split(b"\0")
        if parents is not None and len(fields) > 1:
            parents[fields[0]] = fields[1]
        hex_size = len(fields[0])  # a blob's id is as long as the commit's
        size, at, null = 2 * hex_size + 18, hex_size + 16, _NULL[:1] * hex_size  # `:mode mode old new X`
        del fields[:4]
        while fields and not fields[-1]:
            fields.pop()  # the end of the last path, or of a commit without changes
        if not fields:
            continue
        fields[0] = fields[0].lstrip(b"\n")  # the first change follows a newline
        records, paths = fields[0::2], fields[1::2]
        if len(records) != len(paths):
            raise HistoryError("git log: the output ended inside a change")
        for record, path in zip(records, paths):
            if len(record) != size or record[:1] != b":" or record[-2:-1] != b" ":
                raise HistoryError(f"git log: unexpected change record {decode_path(record[:80])!r}")
            new = record[at:-2]
            if new in seen or new == null or record[8:14] == GITLINK:
                continue
            seen.add(new)
            lines.append(new + b" " + path.split(b"\n", 1)[0])  # as rev-list: cat-file's line ends there
    return lines


class Graph:
    """Each commit's parents (ids as bytes) as the log lists them, up to `limit` commits (past
    that `parents` is None, as the walk's own); `whole` once the feed has read all of the log;
    `head_ancestry`, (HEAD, its ancestry in `parents`), once the feed has worked it out."""

    def __init__(self, limit: int) -> None:
        self.parents: dict[bytes, bytes] | None = {}
        self.limit = limit
        self.whole = False
        self.head_ancestry: tuple[str, set[bytes] | None] | None = None


def feed(spool_fd: int, running: Callable[[], bool], write: Callable[[bytes], object],
         graph: Graph | None = None) -> int:
    """Read the log from `spool_fd` while git writes it (`running`), and `write` the lines of
    its new blobs; the number of blobs. `graph` gains every commit's parents."""
    seen: set[bytes] = set()
    offset, rest = 0, b""
    step = min(FIRST_CHUNK, READ_CHUNK)
    while True:
        done = not running()  # asked before reading: an empty read after it is the end
        # A commit of many chunks is read in doubling steps: `rest` is copied and searched again
        # on each read, so reads as long as it keep the work linear in the commit. While git
        # writes, a read waits until that much is there (a short read would copy `rest` again).
        wanted = max(step, len(rest))
        if not done and os.fstat(spool_fd).st_size - offset < wanted:
            time.sleep(WAIT)
            continue
        chunk = os.pread(spool_fd, wanted, offset)
        if not chunk and not done:
            time.sleep(WAIT)
            continue
        offset += len(chunk)
        step = min(2 * step, READ_CHUNK)
        data = rest + chunk if rest else chunk
        cut = len(data) if not chunk else data.rfind(COMMIT_MARK)  # the last commit may go on
        if cut > 0:
            _write_lines(new_blobs(data[:cut], seen, graph and graph.parents), write)
            if graph and graph.parents is not None and len(graph.parents) > graph.limit:
                graph.parents = None
            rest = data[cut:]
        else:
            rest = data
        if not chunk:
            if graph:
                graph.whole = True
            return len(seen)


def _write_lines(lines: Iterable[bytes], write: Callable[[bytes], object]) -> None:
    lines = list(lines)
    if lines:
        write(b"\n".join(lines) + b"\n")
