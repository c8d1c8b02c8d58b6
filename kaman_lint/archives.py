"""The members of zip, tar and gzip files, for a scan to look into, within bounds.

A key zipped into `release.zip` or a `.tgz` is as leaked as one in plain sight, so archives are
opened and their members scanned like files. A member is reported as `archive.zip!inner/file.py`
(nested: `a.zip!b.tar.gz!c.py`), the form Java's `jar:` URLs use: the `!` splits the archive
from the path inside it, and it is a plain character in a SARIF `uri`.

Bounds (a zip bomb or a tower of nested archives must not sink the scan): a member is read up
to `max-file-size` bytes and no more (decompression stops there); one file's archives together
expand to at most MAX_EXPANDED bytes and MAX_MEMBERS members; archives nest at most MAX_DEPTH
deep. What a bound leaves out is named in a notice (skipped by choice, like a file over the
size limit). Only the standard library is used: zipfile, tarfile, gzip.
"""

from __future__ import annotations

import io
import posixpath
from collections.abc import Iterator
from dataclasses import dataclass, field

MAX_DEPTH = 3  # archive in archive in archive
MAX_MEMBERS = 10_000  # per file scanned, all nesting levels together
MAX_EXPANDED = 256 * 1024 * 1024  # bytes of members read per file scanned, all levels together
SEPARATOR = "!"

_TAR_MAGIC_OFFSET = 257


@dataclass
class Member:
    name: str  # the path inside the archive, `/`-separated
    data: bytes


@dataclass
class Skipped:
    name: str
    reason: str


@dataclass
class Budget:
    """What one scanned file's archives may still expand to."""

    members: int = field(default_factory=lambda: MAX_MEMBERS)
    expanded: int = field(default_factory=lambda: MAX_EXPANDED)


def kind_of(data: bytes) -> str | None:
    """"zip", "tar" or "gzip" by the bytes' magic, else None."""
    if data.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        return "zip"
    if data.startswith(b"\x1f\x8b"):
        return "gzip"
    if data[_TAR_MAGIC_OFFSET:_TAR_MAGIC_OFFSET + 5] == b"ustar":
        return "tar"
    return None


class Damaged(Exception):
    """Not a readable archive after all (truncated, corrupt)."""


def members(data: bytes, kind: str, name: str, limit: int, budget: Budget) -> Iterator[Member | Skipped]:
    """The members of the archive `data` (file name `name`), each at most `limit` bytes.
    Raises Damaged when the archive cannot be opened at all."""
    try:
        if kind == "zip":
            yield from _zip_members(data, limit, budget)
        elif kind == "tar":
            yield from _tar_members(io.BytesIO(data), limit, budget)
        else:
            yield from _gzip_members(data, name, limit, budget)
    except Damaged:
        raise
    except (OSError, EOFError, ValueError, RuntimeError, NotImplementedError) as err:
        # zipfile.BadZipFile, tarfile.TarError, gzip.BadGzipFile, zlib.error, lzma.LZMAError ...
        raise Damaged(f"{type(err).__name__}: {err}") from err


def _zip_members(data: bytes, limit: int, budget: Budget) -> Iterator[Member | Skipped]:
    import zipfile

    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError, ValueError) as err:
        raise Damaged(str(err)) from err
    with archive:
        for info in archive.infolist():
            if info.is_dir():
                continue
            skipped = _over_budget(info.filename, info.file_size, limit, budget)
            if skipped:
                yield skipped
                continue
            if info.flag_bits & 0x1:
                yield Skipped(info.filename, "encrypted member, not read")
                continue
            try:
                with archive.open(info) as stream:
                    member = _bounded(info.filename, stream, limit, budget)
            except (zipfile.BadZipFile, NotImplementedError, RuntimeError, OSError, EOFError) as err:
                yield Skipped(info.filename, f"member cannot be read ({type(err).__name__})")
                continue
            yield member


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
            skipped = _over_budget(info.name, info.size, limit, budget)
            if skipped:
                yield skipped
                continue
            handle = archive.extractfile(info)
            if handle is not None:
                yield _bounded(info.name, handle, limit, budget)


def _gzip_members(data: bytes, name: str, limit: int, budget: Budget) -> Iterator[Member | Skipped]:
    """A gzip file holds one stream: a tar (`.tgz`, `.tar.gz`: its members, under this name)
    or a single file, named after the archive without `.gz`."""
    import gzip

    inner = _bounded(_inner_name(name), gzip.GzipFile(fileobj=io.BytesIO(data)), limit, budget)
    if isinstance(inner, Member) and kind_of(inner.data) == "tar":
        budget.expanded += len(inner.data)  # counted once, as the tar's members
        budget.members += 1
        yield from _tar_members(io.BytesIO(inner.data), limit, budget)
        return
    yield inner


def _inner_name(name: str) -> str:
    base = posixpath.basename(name.rsplit(SEPARATOR, 1)[-1])
    lower = base.lower()
    for suffix, replacement in ((".tgz", ".tar"), (".gz", ""), (".gzip", "")):
        if lower.endswith(suffix) and len(base) > len(suffix):
            return base[: -len(suffix)] + replacement
    return base


def _over_budget(name: str, declared_size: int, limit: int, budget: Budget) -> Skipped | None:
    if budget.members <= 0:
        return Skipped(name, "over the archive member limit")
    if declared_size > limit:
        return Skipped(name, f"member of {declared_size} bytes is over the `max-file-size` limit")
    if budget.expanded <= 0:
        return Skipped(name, "over the limit of bytes expanded from one file's archives")
    return None


def _bounded(name: str, stream, limit: int, budget: Budget) -> Member | Skipped:
    """Read a member, never more than `limit` + 1 bytes nor what the budget has left
    (a declared size can lie; decompression stops where reading stops)."""
    if budget.members <= 0:
        return Skipped(name, "over the archive member limit")
    budget.members -= 1
    allowed = min(limit, budget.expanded)
    data = stream.read(allowed + 1)
    budget.expanded -= len(data)
    if len(data) > allowed:
        if allowed < limit:
            return Skipped(name, "over the limit of bytes expanded from one file's archives")
        return Skipped(name, "member expands past the `max-file-size` limit")
    return Member(name, data)
