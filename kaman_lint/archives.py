"""The members of zip, tar, gzip, bzip2 and xz files, for a scan to look into, within bounds.

A key zipped into `release.zip` or a `.tgz` is as leaked as one in plain sight, so archives are
opened and their members scanned like files. A member is reported as `archive.zip!inner/file.py`
(nested: `a.zip!b.tar.gz!c.py`), the form Java's `jar:` URLs use: the `!` splits the archive
from the path inside it, and it is a plain character in a SARIF `uri`.

A zip is found by its magic at the start or by its end record at the end, as unzip, zipimport
and zipfile find it: a Python zipapp (`#!` line first), a self-extracting installer or a PNG
with a zip appended is a zip with bytes before it (`Leading`), and those bytes are searched too.

Bounds (a zip bomb or a tower of nested archives must not sink the scan): a member is read up
to `max-file-size` bytes and no more (decompression stops there); one file's archives together
expand to at most MAX_EXPANDED bytes and MAX_MEMBERS members; archives nest at most MAX_DEPTH
deep. A member over `max-file-size` is skipped by choice, like a file that large; whatever
else goes unread (past a bound, encrypted, in a compression that cannot be read) is content
the scan was asked to check and did not: `Skipped.unchecked`, exit 2 (docs/what-is-scanned.md).
Only the standard library is used: zipfile, tarfile, gzip, bz2, lzma (imported when an archive
of that kind turns up).
"""

from __future__ import annotations

import io
import posixpath
import sys
from collections.abc import Callable, Iterator

# What every scanned file is asked (is it an archive?) is answered in archive_kinds, without
# this module's classes; they are imported from there to stay part of this module's API.
from kaman_lint.archive_kinds import EXCLUDE_HINT, MAX_DEPTH, SEPARATOR, kind_of  # noqa: F401
from kaman_lint.records import dataclass, field

MAX_MEMBERS = 100_000  # per file scanned, all levels together: 100,000 tiny members cost ~4 s, 100 MB
MAX_EXPANDED = 256 * 1024 * 1024  # bytes of members read per file scanned, all levels together


@dataclass
class Member:
    """One file read out of an archive."""
    name: str  # the path inside the archive, `/`-separated
    data: bytes


@dataclass
class Skipped:
    """An archive member that was not read, and why."""
    name: str
    reason: str
    unchecked: bool = False  # True: not read although asked to (exit 2); False: over max-file-size


@dataclass
class Leading:
    """The bytes before a zip's first member: a zipapp's `#!` line, an installer's stub."""

    data: bytes


@dataclass
class Budget:
    """What one scanned file's archives may still expand to."""

    members: int = field(default_factory=lambda: MAX_MEMBERS)
    expanded: int = field(default_factory=lambda: MAX_EXPANDED)


class Damaged(Exception):
    """Not a readable archive after all (truncated, corrupt)."""


def members(data: bytes, kind: str, name: str, limit: int, budget: Budget) -> Iterator[Member | Skipped | Leading]:
    """The members of the archive `data` (file name `name`), each at most `limit` bytes, and
    the bytes before a zip's first member, if any. Raises Damaged when the archive cannot be
    opened at all. Once a bound is reached, one Skipped stands for the rest of the archive."""
    try:
        if kind == "zip":
            yield from _zip_members(data, limit, budget)
        elif kind == "tar":
            yield from _tar_members(io.BytesIO(data), limit, budget)
        else:
            yield from _stream_members(data, kind, name, limit, budget)
    except Damaged:
        raise
    except _read_errors() as err:  # tarfile.TarError, gzip.BadGzipFile, zlib.error, lzma.LZMAError ...
        raise Damaged(f"{type(err).__name__}: {err}") from err


def _read_errors() -> tuple[type[BaseException], ...]:
    """What reading an archive or a member's stream raises when its data is bad or its
    compression unknown. Their own error classes are no OSError; only a loaded module raises them."""
    zipfile, tarfile, lzma = (sys.modules.get(name) for name in ("zipfile", "tarfile", "lzma"))
    return (OSError, EOFError, ValueError, RuntimeError, NotImplementedError,
            *((zipfile.BadZipFile,) if zipfile else ()), *((tarfile.TarError,) if tarfile else ()),
            *((lzma.LZMAError,) if lzma else ()))


def _zip_members(data: bytes, limit: int, budget: Budget) -> Iterator[Member | Skipped | Leading]:
    import zipfile

    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError, ValueError) as err:
        raise Damaged(str(err)) from err
    with archive:
        infos = archive.infolist()
        first = min((info.header_offset for info in infos), default=0)
        if first > 0:  # bytes before the zip (zipfile counts offsets from the file's start)
            yield Leading(data[:first])
        files = [info for info in infos if not info.is_dir()]
        for index, info in enumerate(files):
            skipped = _over_budget(info.filename, info.file_size, limit, budget, left=len(files) - index)
            if skipped:
                yield skipped
                if skipped.unchecked:
                    return
                continue
            if info.flag_bits & 0x1:
                yield Skipped(info.filename, f"not checked: encrypted member; {EXCLUDE_HINT}", unchecked=True)
                continue
            try:
                with archive.open(info) as stream:
                    member = _bounded(info.filename, stream, limit, budget)
            except _read_errors() as err:
                yield Skipped(info.filename, f"not checked: member cannot be read ({type(err).__name__}: {err}); "
                              f"{EXCLUDE_HINT}", unchecked=True)
                continue
            yield member
            if isinstance(member, Skipped) and member.unchecked:
                return


def _tar_members(stream: io.BytesIO, limit: int, budget: Budget) -> Iterator[Member | Skipped]:
    import tarfile

    try:
        archive = tarfile.open(fileobj=stream, mode="r:")
    except (tarfile.TarError, OSError, EOFError) as err:
        raise Damaged(str(err)) from err
    with archive:
        while True:
            try:
                info = archive.next()
            except (tarfile.TarError, OSError, EOFError) as err:
                raise Damaged(str(err)) from err
            if info is None:
                return
            if not info.isreg():
                continue  # directories, links (never followed), devices: no content of their own
            skipped = _over_budget(info.name, info.size, limit, budget, left=None)
            if skipped:
                yield skipped
                if skipped.unchecked:
                    return
                continue
            handle = archive.extractfile(info)
            if handle is not None:
                member = _bounded(info.name, handle, limit, budget)
                yield member
                if isinstance(member, Skipped) and member.unchecked:
                    return


def _stream_members(data: bytes, kind: str, name: str, limit: int, budget: Budget) -> Iterator[Member | Skipped]:
    """A gzip, bzip2 or xz file holds one stream: a tar (`.tgz`, `.tar.bz2`, `.txz`: its
    members, under this name) or a single file, named after the archive without its suffix."""
    inner = _bounded(_inner_name(name), _OPENERS[kind]()(io.BytesIO(data)), limit, budget)
    if isinstance(inner, Member) and kind_of(inner.data, binary=False) == "tar":
        budget.expanded += len(inner.data)  # counted once, as the tar's members
        budget.members += 1
        yield from _tar_members(io.BytesIO(inner.data), limit, budget)
        return
    yield inner


def _gzip() -> Callable:
    import gzip

    return lambda stream: gzip.GzipFile(fileobj=stream)


def _bzip2() -> Callable:
    import bz2

    return bz2.BZ2File


def _xz() -> Callable:
    import lzma

    return lzma.LZMAFile


_OPENERS: dict[str, Callable[[], Callable]] = {"gzip": _gzip, "bzip2": _bzip2, "xz": _xz}

_SUFFIXES = ((".tgz", ".tar"), (".tbz2", ".tar"), (".tbz", ".tar"), (".txz", ".tar"),
             (".gz", ""), (".gzip", ""), (".bz2", ""), (".xz", ""))


def member_path(name: str) -> str:
    """A member's name as it is reported after `archive!`: relative and confined to the archive,
    as unzip and zipfile extract it (`../../etc/x.py` is `etc/x.py`, `/abs/x.py` is `abs/x.py`,
    `\\` separates too). The name is the archive author's: a `..` kept in it would climb out
    of `pkg.zip!` wherever a report path is normalised (SARIF and GitLab locations, baselines,
    paths shown from another folder) and name a file outside the archive, or the tree."""
    parts = [part for part in name.replace("\\", "/").split("/") if part not in ("", ".", "..")]
    return "/".join(parts) or "_"


def _inner_name(name: str) -> str:
    base = posixpath.basename(name.rsplit(SEPARATOR, 1)[-1])
    lower = base.lower()
    for suffix, replacement in _SUFFIXES:
        if lower.endswith(suffix) and len(base) > len(suffix):
            return base[: -len(suffix)] + replacement
    return base


def _over_budget(name: str, declared_size: int, limit: int, budget: Budget, *, left: int | None) -> Skipped | None:
    """Why the member `name` is not read, if it is not. `left`: members from this one to the
    archive's end, when known. A member over `max-file-size` is skipped by choice; past the
    count or expansion bound the rest is unchecked, named by its first member."""
    rest = "this member" if left == 1 else f"{left} members from this one on" if left else \
        "this member and the rest of the archive"
    if budget.members <= 0:
        return Skipped(name, f"not checked: {rest}, over the limit of {MAX_MEMBERS} archive members in one "
                       f"file; {EXCLUDE_HINT}", unchecked=True)
    if declared_size > limit:
        return Skipped(name, f"skipped: member of {declared_size} bytes is over the `max-file-size` limit")
    if budget.expanded <= 0:
        return Skipped(name, f"not checked: {rest}, over the limit of {MAX_EXPANDED >> 20} MiB expanded from "
                       f"one file's archives; {EXCLUDE_HINT}", unchecked=True)
    return None


def _bounded(name: str, stream, limit: int, budget: Budget) -> Member | Skipped:
    """Read a member, never more than `limit` + 1 bytes nor what the budget has left
    (a declared size can lie; decompression stops where reading stops)."""
    if budget.members <= 0:
        return Skipped(name, f"not checked: over the limit of {MAX_MEMBERS} archive members in one file; "
                       f"{EXCLUDE_HINT}", unchecked=True)
    budget.members -= 1
    allowed = min(limit, budget.expanded)
    data = stream.read(allowed + 1)
    budget.expanded -= len(data)
    if len(data) > allowed:
        if allowed < limit:
            return Skipped(name, f"not checked: over the limit of {MAX_EXPANDED >> 20} MiB expanded from one "
                           f"file's archives; {EXCLUDE_HINT}", unchecked=True)
        return Skipped(name, "skipped: member expands past the `max-file-size` limit")
    return Member(name, data)
