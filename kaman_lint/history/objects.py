"""The object walk: every blob of the scanned history read once, and prefiltered.

`git rev-list --objects --filter=object:type=blob --missing=print REVISIONS` lists each blob the
commits reach once, however many commits and paths hold it; `git cat-file --batch` reads them. A
history of 10,000 commits holds each blob in hundreds of trees, so reading every unique blob once
costs a fraction of what generating every commit's patch does (`git log -p`): git inflates each
object once, in the order rev-list found them, which is close to pack order, so delta bases stay
in cat-file's cache.

For the whole history (`--all`) the list is the commit log's instead (log_blobs.py: the same
blobs, without rev-list's second walk over every tree), fed to cat-file by a thread of this
process. rev-list's list goes straight to one cat-file (BlobStream), read by one thread of this process
(with two cat-files, that GIL-bound reader stayed the bottleneck for 6-10% more CPU); the prefilter (a key marker in the bytes, or a UTF-16/32 text the byte test cannot see
into) keeps the few blobs that could hold a key; archives (zip, tar, gzip, bzip2, xz) pass, since
their members are compressed. Only their ids are kept: memory does not grow
with the history.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import IO, TYPE_CHECKING

import ahocorasick_rs

from kaman_lint import archive_kinds, escapes
from kaman_lint.history.blob_stream import BlobStream
from kaman_lint.history.git import HistoryError, decode_path, first_line
from kaman_lint.keys import BASE64_MARKERS, MAX_BASE64, PREFILTER, holds_key
from kaman_lint.history.read_buffer import ENDED, ReadBuffer
from kaman_lint.source import BINARY_SNIFF, is_wide_unicode

if TYPE_CHECKING:
    from kaman_lint.history.walk import CommitLog

# The tree scan's byte markers (`kam_` and its base64 forms), searched in one SIMD pass over each
# blob (leftmost-first lets aho-corasick use its packed Teddy searcher). Not the tree scan's
# `kaman` word test: a history finding is a key that was committed, and a file that only names a
# Kaman variable holds none (the tree scan reports such code at HEAD).
BYTE_MARKERS = tuple(m.encode() for m in PREFILTER)  # as the tree scan's engine.BYTE_MARKERS
_MARKERS = ahocorasick_rs.BytesAhoCorasick(list(BYTE_MARKERS), matchkind=ahocorasick_rs.MATCHKIND_LEFTMOST_FIRST)
# Base64 markers turn up by chance in any long base64 text: lock files' integrity hashes, inline
# images. A hit of one counts only when the base64 run around it decodes to something key-shaped
# (keys.holds_key on a window wide enough for the longest run the scan decodes), or pnpm-lock.yaml
# alone would send hundreds of 1 MB versions through the YAML analyzer.
_BASE64 = frozenset(i for i, m in enumerate(BYTE_MARKERS)
                    if any(b.encode().startswith(m) for b in BASE64_MARKERS))
WINDOW = 2 * MAX_BASE64 + 8


def could_hold_key(data: bytes | bytearray, start: int = 0, end: int | None = None) -> bool:
    """Whether `data` (`data[start:end]`) could hold a key. The part is tested in place (the
    census's read buffer): only the windows around base64 markers, and a head, are copied."""
    end = len(data) if end is None else end
    if is_wide_unicode(data, start, end):
        return True
    part = data if start == 0 and end == len(data) else memoryview(data)[start:end]
    checked_until = -1
    for marker, at, stop in _MARKERS.find_matches_as_indexes(part):
        if marker not in _BASE64:
            return True  # `kam_` itself: the analyzers decide (split literals, escapes, names)
        if at < checked_until:
            continue  # inside a run the last window covered whole
        window = bytes(part[max(0, at - WINDOW):stop + WINDOW]).replace(b"\\/", b"/")  # JSON's `\/`
        if holds_key(window.decode("latin-1")):
            return True
        checked_until = at + MAX_BASE64
    # As the tree scan: a key written with escapes (`\u006bam_…`, `&#107;am_…`) or split over a
    # notebook's source items holds no plain marker; a second packed pass over what the first drops
    return escapes.may_hide_key(data, start, end)


@dataclass
class BlobCensus:
    """What the object walk saw. `candidates` are the ids of blobs that passed the prefilter."""

    candidates: set[str] = field(default_factory=set)
    blobs: int = 0
    bytes: int = 0
    binary: int = 0
    too_large: list[tuple[str, str]] = field(default_factory=list)  # (blob id, a path holding it)
    missing: list[str] = field(default_factory=list)  # objects the history names but the clone lacks


def census(blobs: BlobStream, max_size: int, *, on_progress: Callable[[BlobCensus], None] | None = None,
           on_candidate: Callable[[str, str, bytes], None] | None = None, log: CommitLog | None = None) -> BlobCensus:
    """Read every blob of `blobs` and prefilter it. `on_candidate(blob, path, data)` is called
    (from a reader thread) for each candidate, with the path rev-list (or the log) first met it
    at, so analysis can start before the walk says them all. `log`: the commit log a log-fed
    stream's blobs come from."""
    result = BlobCensus()
    errors: list[BaseException] = []
    if blobs.log_fed and log is None:
        raise ValueError("a log-fed census needs its commit log")
    threads = [threading.Thread(target=_guarded, daemon=True,
                                args=(_read_stream, errors, blobs.reader.stdout, max_size, result, on_candidate))]
    if blobs.log_fed:
        threads.append(threading.Thread(target=_guarded, daemon=True, args=(_feed, errors, blobs.reader.stdin, blobs, log)))
    try:
        for thread in threads:
            thread.start()
        while threads[0].is_alive():
            threads[0].join(0.1)
            if on_progress:
                on_progress(result)
        threads[-1].join()
        if blobs.lister is not None:
            blobs.lister.wait()
        blobs.reader.wait()
        if blobs.lister is not None and blobs.lister.returncode != 0:
            raise HistoryError(f"git rev-list failed: {first_line(blobs.lister.stderr.read()) or blobs.lister.returncode}")
        for error in errors:
            if isinstance(error, HistoryError):
                raise error
        if blobs.reader.returncode != 0 or errors:
            reason = first_line(blobs.reader.stderr.read()) if blobs.reader.returncode else repr(errors[0])
            raise HistoryError(f"git cat-file failed: {reason or 'stopped early'}")
    finally:
        blobs.close()
    return result


def _feed(_stream: IO[bytes], blobs: BlobStream, log: CommitLog) -> None:
    """The log's blobs to cat-file; the commits' parents, split from the log on the way, to the
    walk (`log.graph`), which then does not search the log for them after the census. And
    HEAD's ancestry in them, worked out here while cat-file and the reader finish the census,
    not by the main thread alone after it (flask: 5,500 commits, ~0.01 s)."""
    from kaman_lint.history.log_blobs import Graph
    from kaman_lint.history.walk import GRAPH_LIMIT, ancestry

    graph = log.graph = Graph(GRAPH_LIMIT)
    blobs.feed_from_log(log.spool.fileno(), lambda: log.process.poll() is None, graph)
    if graph.whole and graph.parents is not None and (head := blobs.repo.head) is not None:
        graph.head_ancestry = (head, ancestry(graph.parents, head))


def _guarded(work: Callable[..., None], errors: list[BaseException], stream: IO[bytes], *args) -> None:
    """Run `work` in a thread; on failure keep the error and close `stream`, so that the git
    process on its other end stops instead of waiting on a full pipe."""
    try:
        work(stream, *args)
    except BaseException as err:  # noqa: BLE001 - handed to the main thread
        errors.append(err)
        stream.close()


def _read_stream(stream: IO[bytes], max_size: int, result: BlobCensus,
                 on_candidate: Callable[[str, str, bytes], None] | None) -> None:
    """Each blob is tested where it was read (read_buffer.py); a candidate is copied out."""
    buffer = ReadBuffer(stream)
    while (header := buffer.line()) is not None:
        fields = header.split(b" ", 3)
        if len(fields) >= 2 and fields[1] == b"missing":
            # `?ID`: rev-list's; `ID`: listed, not readable
            result.missing.append(fields[0].decode("ascii", "replace").lstrip("?"))
            continue
        if len(fields) < 3 or not fields[2].isdigit():
            raise HistoryError(f"git cat-file: unexpected reply {decode_path(header[:80])!r}")
        kind, size = fields[1], int(fields[2])
        if kind != b"blob":
            buffer.skip(size + 1)
            continue
        result.blobs += 1
        result.bytes += size
        if size > max_size:
            buffer.skip(size + 1)
            result.too_large.append((fields[0].decode("ascii"), _path(fields)))
            continue
        data, start = buffer.take(size + 1)  # with its newline
        end = start + size
        if data[end] != 10:
            raise HistoryError(ENDED)
        binary = data.find(b"\x00", start, min(end, start + BINARY_SNIFF)) >= 0
        # an archive's members are compressed: the analysis opens it, as the tree scan does
        if could_hold_key(data, start, end) or archive_kinds.kind_of(data, binary=binary, start=start, end=end):
            oid = fields[0].decode("ascii")
            result.candidates.add(oid)
            if on_candidate:
                on_candidate(oid, _path(fields), bytes(data[start:end]))
        else:
            result.binary += binary


def _path(fields: list[bytes]) -> str:
    """The path of a cat-file header's fields (rev-list's or the log's `rest`)."""
    return decode_path(fields[3]) if len(fields) > 3 else ""
