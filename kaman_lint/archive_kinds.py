"""Whether a file is an archive, and which kind: the question every scanned file is asked
(engine._skim), answered without importing the reader (`archives`, its member classes and
bounds), which only a file that is one needs."""

from __future__ import annotations

from kaman_lint.source import BINARY_SNIFF, is_binary

MAX_DEPTH = 8  # a release zip > an .ear > a .war > a .jar is 4; a zip quine stops here
SEPARATOR = "!"
EXCLUDE_HINT = "exclude the archive in the config to skip it by choice"

_TAR_MAGIC_OFFSET = 257
_ZIP_END = b"PK\x05\x06"  # the end of central directory record
_ZIP_END_SIZE = 22
_ZIP_COMMENT_MAX = 0xFFFF
_BZIP2_BLOCKS = (b"1AY&SY", b"\x17rE8P\x90")  # a first block, or the end of an empty stream


def kind_of(data: bytes | bytearray, *, binary: bool | None = None, start: int = 0, end: int | None = None) -> str | None:
    """"zip", "tar", "gzip", "bzip2" or "xz" by the bytes' magic, else None. A zip is also
    known by its end record: at the very end (no archive comment: O(1)), or, in a binary
    (`binary`, judged here when not given), anywhere in the last 64 KiB. Every file of a
    scan comes here: the common answer, None for a text file, costs four prefix tests, no
    slice. The bytes are `data[start:end]`, tested in place (the history census's read buffer)."""
    end = len(data) if end is None else end
    size = end - start
    if data.startswith(_MAGIC, start, end):
        kind = _by_magic(bytes(data[start:start + _HEAD]))
        if kind:
            return kind
    if size >= _TAR_MAGIC_OFFSET + 5 and data.startswith(b"ustar", start + _TAR_MAGIC_OFFSET):
        return "tar"
    if size < _ZIP_END_SIZE:
        return None
    if data.startswith(_ZIP_END, end - _ZIP_END_SIZE) and data.endswith(b"\0\0", start, end):  # comment length 0
        return "zip"
    if size > _ZIP_END_SIZE and (is_binary(data[start:end]) if binary is None else binary):
        # a pass over the tail: for binaries only (a text file's head says it is none)
        at = data.rfind(_ZIP_END, max(start, end - _ZIP_END_SIZE - _ZIP_COMMENT_MAX), end)
        comment_end = at + _ZIP_END_SIZE + int.from_bytes(data[at + 20:at + 22], "little")
        if at >= 0 and comment_end <= end:  # zipfile too accepts bytes after the comment
            return "zip"
    return None


# The first byte of the one magic without a control byte (bzip2's `BZh`; the others hold one:
# `PK\3\4`, `\x1f\x8b`, `\xfd7zXZ\0`). Bytes with no control byte in their first BINARY_SNIFF
# that begin with none of these are an archive only by `text_kind_of`'s two tests.
CONTROL_FREE_MAGIC_FIRST = frozenset({b"B"})


def text_kind_of(data: bytes) -> str | None:
    """`kind_of(data, binary=False)` for bytes with no control byte in their first BINARY_SNIFF
    and no first byte of CONTROL_FREE_MAGIC_FIRST (almost every file of a scan, told by
    `engine._skim`): a tar by its magic at 257, or a zip by an end record past those bytes (it
    holds two control bytes). Slices and compares: no `startswith` parsing its arguments (1k
    instructions each) for a file of either size."""
    size = len(data)
    if size > _TAR_MAGIC_OFFSET + 4 and data[_TAR_MAGIC_OFFSET:_TAR_MAGIC_OFFSET + 5] == b"ustar":
        return "tar"
    if size > BINARY_SNIFF and data.startswith(_ZIP_END, size - _ZIP_END_SIZE) and data.endswith(b"\0\0"):
        return "zip"
    return None


_MAGIC = (b"PK\x03\x04", b"PK\x05\x06", b"\x1f\x8b", b"BZh", b"\xfd7zXZ\x00")
_HEAD = 10  # what the magic tests read (`_by_magic`: up to a bzip2 block's magic)


def _by_magic(data: bytes) -> str | None:
    if data.startswith(b"PK"):
        return "zip"
    if data.startswith(b"\x1f\x8b"):
        return "gzip"
    if data.startswith(b"\xfd7zXZ"):
        return "xz"
    level = data[3:4]  # BZh1 .. BZh9, then a block's or the stream end's magic
    return "bzip2" if level.isdigit() and level != b"0" and data[4:10] in _BZIP2_BLOCKS else None
