"""`--staged`: scan what the git index holds, not the work tree.

A commit records the index, so that is what a pre-commit gate must read: a key staged and then
deleted from the work tree is still committed, and a key only in the work tree is not. Entries
are listed with `git ls-files -s -z` and every blob comes out of one `git cat-file --batch`
process, streamed one blob at a time.

With paths (pre-commit passes the changed files), findings are reported for the index entries
under them, and the rest of the index is read only when they hold a key (KAM003 compares it with
every other file) or name a Kaman variable (KAM002 decides a module's side by the modules that
import it); without paths, the whole index under the working directory. The config's
excludes hold here too; `.gitignore` does not matter, since the files are tracked.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator, Sequence
from pathlib import Path

from kaman_lint import lazy_re, pipes, spawn
from kaman_lint.config import Config
from kaman_lint.named_tuples import NamedTuple
from kaman_lint.paths import relative_path
from kaman_lint.findings import Notice, ScanResult
from kaman_lint.keys import might_contain_key
from kaman_lint.records import replace

LINK_TEXT = "link"  # a third item on what staged_blobs yields: the blob is a symbolic link's target

REGULAR_FILE_MODES = ("100644", "100755")
SYMLINK_MODE, SUBMODULE_MODE = "120000", "160000"


class StagedError(Exception):
    """Not in a git repository, or git failed: the tool cannot do its job (exit 2)."""


class IndexEntry(NamedTuple):
    """One entry of the git index."""
    mode: str
    object_id: str
    stage: int
    path: str  # relative to the working directory, `/`-separated


def scan_staged(paths: Sequence[str], config: Config, *, root: Path) -> ScanResult:
    """Scan the index entries under `paths` (relative to the working directory; none: all).

    With paths (what pre-commit passes: the changed files), findings are reported for those
    files only, but a cross-file rule (KAM003) still compares them with the whole index: when
    the named files hold a key, the whole index is scanned and what is kept is every finding
    in a named file or pointing at one (a production key that a named development file now
    shares). A commit that adds no key reads nothing more, and named files that are the whole
    index (`pre-commit run --all-files`) are not scanned twice."""
    named: list[str] = []
    mentions: list[bool] = []
    known = _KnownBlobs() if paths else None  # the named blobs, not read twice by the whole-index pass
    listed = list(index_entries(paths))
    result = _scan_entries(paths, config, root, named, mentions, known, listed)
    if not paths or not (result.keys_seen or any(mentions)) or not _cross_file_rules(config):
        return result
    whole = list(index_entries([]))
    if set(whole) == set(listed):
        return result  # the named pass was the whole-index pass
    return _about(_scan_entries([], config, root, [], known=known, entries=whole), result, named)


def _scan_entries(paths: Sequence[str], config: Config, root: Path, names: list[str],
                  mentions: list[bool] | None = None, known: _KnownBlobs | None = None,
                  entries: Sequence[IndexEntry] | None = None) -> ScanResult:
    from kaman_lint import engine

    from kaman_lint.walk_counts import WalkCounts

    notices: list[Notice] = []
    # the whole index, or a directory's part of it, is a tree's walk; named files (pre-commit) are not
    counts = WalkCounts(walked_directory=not paths or any(os.path.isdir(p) for p in paths))
    blobs = _recording(staged_blobs(paths, config, root=root, notices=notices, counts=counts, known=known,
                                    entries=entries),
                       names, mentions)
    result = engine.scan(list(paths), config, root=root, files=blobs)
    result.notices.extend(notices)  # complete: the engine has consumed every blob
    return engine.checked_something(result, counts).sorted()


def _recording(blobs: Iterator[tuple[str, bytes]], names: list[str],
               mentions: list[bool] | None = None) -> Iterator[tuple[str, bytes]]:
    """The blobs, noting their paths and (when asked) whether any names a Kaman variable: a
    read of one is client-exposed or not by the files importing it (KAM002's module graph),
    which a scan of the named files alone does not hold."""
    for item in blobs:  # (relpath, data), or (relpath, target, LINK_TEXT) for a link
        relpath, data = item[0], item[1]
        names.append(relpath)
        if mentions is not None and not mentions and _names_kaman(data):
            mentions.append(True)
        yield item


# `KAMAN_API_KEY`, `kamanApiKey`, `VITE_KAMAN_TOKEN`: a name that could be a Kaman key variable.
_KAMAN_VARIABLE = lazy_re.compile(rb"(?i)kaman[\w.\-]{0,40}?(?:key|token|secret)")


def _names_kaman(data: bytes) -> bool:
    return _KAMAN_VARIABLE.search(data) is not None


def _cross_file_rules(config: Config) -> bool:
    from kaman_lint.engine import enabled_rules
    from kaman_lint.rules.base import Rule

    return any(type(rule).finish is not Rule.finish for rule in enabled_rules(config))


def _about(whole: ScanResult, named_scan: ScanResult, named: list[str]) -> ScanResult:
    """What `whole` says about the `named` files: the findings in them or pointing at them, and
    their notices (a suppression a cross-file finding used is used); the named scan's counts,
    and its notices about named entries that were never read (too large, unmerged: `named`
    lists only the files read), which must not be lost, or a gate passes them unchecked."""
    from kaman_lint.keys import redact_path

    shown = {redact_path(relpath) for relpath in named}  # as findings and notices carry paths

    def concerns(finding) -> bool:
        return finding.location.path in shown or any(loc.path in shown for loc in finding.related)

    notices = [n for n in whole.notices if n.path is None or n.path in shown]
    notices += [n for n in named_scan.notices if n.path is not None and n.path not in shown]
    return replace(named_scan, findings=[f for f in whole.findings if concerns(f)],
                   suppressed=[f for f in whole.suppressed if concerns(f)], notices=notices).sorted()


class _KnownBlobs:
    """Blobs already read in this run, by object id (a blob's id names its bytes), up to
    MAX_BYTES in all: the whole-index pass of a pre-commit run then reads only the others (none,
    when the commit holds every file, and no `git cat-file` process is started)."""

    MAX_BYTES = 8 * 1024 * 1024

    def __init__(self) -> None:
        self.blobs: dict[str, bytes] = {}
        self.size = 0

    def keep(self, object_id: str, data: bytes | None) -> None:
        if data is not None and self.size + len(data) <= self.MAX_BYTES:
            self.blobs[object_id] = data
            self.size += len(data)


def _read_blobs_knowing(object_ids: Sequence[str], max_size: int, known: _KnownBlobs | None) -> Iterator[bytes | None]:
    """`read_blobs(object_ids)`, taking the ones `known` holds from it and keeping the others there."""
    if known is None:
        yield from read_blobs(object_ids, max_size)
        return
    held = [oid in known.blobs for oid in object_ids]  # decided first: what is read stays in step
    fresh = read_blobs([oid for oid, have in zip(object_ids, held) if not have], max_size)
    try:
        for object_id, have in zip(object_ids, held):
            if have:
                yield known.blobs[object_id]
            else:
                data = next(fresh)
                known.keep(object_id, data)
                yield data
    finally:
        fresh.close()


def staged_blobs(paths: Sequence[str], config: Config, *, root: Path, notices: list[Notice], counts=None,
                 known: _KnownBlobs | None = None,
                 entries: Sequence[IndexEntry] | None = None) -> Iterator[tuple[str, bytes]]:
    """(path relative to `root`, staged contents) for each file to scan, in index order;
    `entries`: the index entries under `paths`, when they were listed already."""
    # git names entries relative to the working directory, as the physical path getcwd gives
    # (symbolic links resolved): compare real paths
    here, real_root = os.getcwd(), os.path.realpath(root)
    wanted: list[tuple[str, IndexEntry]] = []
    for entry in index_entries(paths) if entries is None else entries:
        absolute = os.path.normpath(os.path.join(here, entry.path))
        relpath = relative_path(absolute, real_root)
        if config.is_excluded(os.path.join(root, relpath), tracked=True):  # the user's path, as project_root is
            if counts is not None:
                counts.excluded += 1
            continue
        if entry.stage != 0:
            notices.append(Notice("unmerged", "skipped: unmerged (resolve the conflict and stage it)", relpath))
        elif entry.mode in REGULAR_FILE_MODES or entry.mode == SYMLINK_MODE:
            wanted.append((relpath, entry))
        # submodules hold no file text of their own; a link's text (its target) is committed too
    blobs = _read_blobs_knowing([e.object_id for _, e in wanted], config.max_file_size, known)
    for (relpath, entry), data in zip(wanted, blobs):
        if data is None:
            notices.append(Notice("too-large", "skipped: the staged file is over the `max-file-size` limit", relpath))
        elif entry.mode == SYMLINK_MODE:
            if might_contain_key(data.decode("utf-8", "replace")):
                yield relpath, data, LINK_TEXT
        else:
            yield relpath, data


def index_entries(paths: Sequence[str]) -> Iterator[IndexEntry]:
    """The index entries under `paths` (all under the working directory when there are none),
    named relative to the working directory (`../x` above it): no `git rev-parse` process to
    find the top, which a pre-commit run would pay for (5-20 ms)."""
    pathspecs = [p for p in paths if p not in ("", ".")] or ["."]
    output = _git("ls-files", "--stage", "-z", "--", *pathspecs)
    seen: set[tuple[str, int]] = set()
    for record in output.decode("utf-8", "surrogateescape").split("\0"):
        if not record:
            continue
        info, path = record.split("\t", 1)
        mode, object_id, stage = info.split(" ")
        if (path, int(stage)) not in seen:  # overlapping pathspecs name a file once
            seen.add((path, int(stage)))
            yield IndexEntry(mode, object_id, int(stage), path)


def read_blobs(object_ids: Sequence[str], max_size: int, *, cwd: str | None = None) -> Iterator[bytes | None]:
    """Each blob's bytes in order (None for one over `max_size`), from one `git cat-file --batch`
    run in `cwd` (default: the working directory)."""
    if not object_ids:
        return
    # `-C`: the child starts here and git changes to `cwd` itself (what Popen(cwd=) did)
    process = spawn.Child(["git", *(["-C", os.fspath(cwd)] if cwd is not None else []), "cat-file", "--batch"])
    assert process.stdin is not None and process.stdout is not None
    pipes.widen(process.stdout)
    # A writer thread feeds the ids while this one reads: no deadlock on full pipes.
    writer = threading.Thread(target=_write_ids, args=(process.stdin, object_ids), daemon=True)
    writer.start()
    try:
        for _ in object_ids:
            header = process.stdout.readline().split()
            if len(header) != 3:
                raise StagedError(f"git cat-file: unexpected reply {b' '.join(header[1:]).decode(errors='replace')!r}")
            size = int(header[2])
            if size > max_size:
                _skip(process.stdout, size + 1)
                yield None
            else:
                data = process.stdout.read(size)
                process.stdout.read(1)  # the newline after each blob
                yield data
    finally:
        process.stdout.close()
        process.wait()
        writer.join()


def _write_ids(pipe, object_ids: Sequence[str]) -> None:
    try:
        pipe.write("".join(f"{oid}\n" for oid in object_ids).encode())
        pipe.close()
    except (BrokenPipeError, OSError):
        pass  # the reader stopped early; it reports why


def _skip(stream, count: int) -> None:
    while count > 0:
        count -= len(stream.read(min(count, 1 << 20)) or b"\0" * count)


def _git(*args: str) -> bytes:
    # Pathspecs are file names (pre-commit passes them), never globs.
    env = {**os.environ, "GIT_LITERAL_PATHSPECS": "1"}
    try:
        status, output, errors = spawn.run(["git", *args], env=env)
    except FileNotFoundError as err:
        raise StagedError("--staged needs git, which is not installed") from err
    if status != 0:
        message = errors.decode(errors="replace").strip().splitlines()
        raise StagedError(f"--staged: git {args[0]} failed: {message[0] if message else status}")
    return output
