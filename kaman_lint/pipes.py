"""Wider pipes for the git processes that stream blob contents to this one.

A Linux pipe holds 64 KiB by default: `git cat-file --batch` writing a history's blobs (166 MB
for flask) then stops every 64 KiB until this process has read, and the two ping-pong through
context switches instead of running side by side. At 1 MiB (the limit an unprivileged process
may set, /proc/sys/fs/pipe-max-size) flask's census took 0.47 s instead of 0.8-1.2 s, and less
CPU on both ends. Elsewhere (no F_SETPIPE_SZ, or a lower limit) the pipe stays as it is.
"""

from __future__ import annotations

TYPE_CHECKING = False  # typing.TYPE_CHECKING: typing is not imported at run time
if TYPE_CHECKING:
    from typing import IO

try:
    from fcntl import F_SETPIPE_SZ, fcntl
except ImportError:  # Windows, or a platform whose pipes cannot be resized
    F_SETPIPE_SZ = None

WIDE = 1 << 20


def widen(stream: IO[bytes] | None, size: int = WIDE) -> None:
    """Ask for a `size`-byte buffer on the pipe behind `stream`; keep the old one if refused."""
    if stream is not None:
        widen_fd(stream.fileno(), size)


def widen_fd(fd: int, size: int = WIDE) -> None:
    """`widen` for a pipe's file descriptor (either end: they share the buffer)."""
    if F_SETPIPE_SZ is None:
        return
    try:
        fcntl(fd, F_SETPIPE_SZ, size)
    except OSError:  # EPERM above pipe-max-size, EBUSY if it holds more than `size` already
        pass
