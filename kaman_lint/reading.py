"""Reading a file the scan was given, safely: only a regular file on a normal filesystem, never
more than a limit, and never blocking.

A pull request controls the tree it is scanned in: a committed link can point at a device, a
FIFO (opening one blocks until a writer comes), `/proc/kmsg` (blocks forever),
`/proc/self/environ` (the CI job's own secrets) or `/proc/self/pagemap` (a "regular file" of size
0 that never ends). So: `/proc`, `/sys` and `/dev` and every pseudo filesystem mounted anywhere
are never read; files are opened with O_NONBLOCK and checked again with `fstat` on the open
descriptor (a file swapped for a FIFO after the walk must not block); and a read stops at the
limit whatever `st_size` said.
"""

from __future__ import annotations

import os
import stat
from stat import S_ISREG

SPECIAL_TREES = ("/proc", "/sys", "/dev")

# Filesystems whose files are not data at rest: kernel interfaces, devices, live state.
PSEUDO_FILESYSTEMS = frozenset({
    "proc", "sysfs", "devtmpfs", "devpts", "debugfs", "tracefs", "securityfs", "cgroup", "cgroup2",
    "configfs", "fusectl", "bpf", "pstore", "efivarfs", "mqueue", "binfmt_misc", "autofs",
    "rpc_pipefs", "nsfs", "hugetlbfs", "selinuxfs", "nfsd",
})

_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0)


class NotRegular(Exception):
    """Not a regular file on a normal filesystem; the message says what it is."""


class TooLarge(Exception):
    """Over the limit; `size` is what was seen: the file's size by `fstat` when `exact`, else
    what a read got before it stopped (the file grew past `st_size`: at least limit + 1)."""

    def __init__(self, size: int, exact: bool = False) -> None:
        super().__init__(size)
        self.size = size
        self.exact = exact


def special_place(real_path: str, st: os.stat_result | None = None) -> str | None:
    """Why `real_path` (symbolic links resolved) must never be read, or None: it lies under
    /proc, /sys or /dev, or on a pseudo filesystem mounted elsewhere (told by `st.st_dev`)."""
    for tree in SPECIAL_TREES:
        if real_path == tree or real_path.startswith(tree + "/"):
            return f"{tree} is never read"
    if st is not None and st.st_dev in _pseudo_devices():
        return "a kernel or device filesystem is never read"
    return None


def file_kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a named pipe"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISDIR(mode):
        return "a directory"
    return "not a regular file"


def read_file(path: str, limit: int) -> bytes:
    """The bytes of the regular file `path`, at most `limit` of them. Raises NotRegular,
    TooLarge, or OSError (FileNotFoundError when it is gone). This runs for every file of a
    scan: one open, one fstat, one read and one close for a file whose size holds."""
    fd = os.open(path, _OPEN_FLAGS)
    try:
        st = os.fstat(fd)
        if not S_ISREG(st.st_mode):
            raise NotRegular(file_kind(st.st_mode))
        if st.st_dev in (_pseudo or _pseudo_devices()):  # (no call: the set of the first)
            raise NotRegular("a file of a kernel or device filesystem (/proc, /sys, /dev are never read)")
        size = st.st_size
        if size > limit:
            raise TooLarge(size, exact=True)
        data = os.read(fd, size + 1)  # one more: a file grown since fstat shows it here
        if len(data) <= size:
            return data  # a regular file's read comes up short only at its end (pseudo files are refused)
        return _read_at_most(fd, limit, data)
    finally:
        os.close(fd)


def read_named_file(path: str, limit: int) -> bytes:
    """`read_file` for a file a setting or an option names (config, baseline): also refused
    before it is opened when it is not a regular file or lies in a special place, since opening
    a device can itself have effects."""
    st = os.stat(path)
    if not stat.S_ISREG(st.st_mode):
        raise NotRegular(file_kind(st.st_mode))
    why = special_place(os.path.realpath(path), st)
    if why:
        raise NotRegular(why)
    return read_file(path, limit)


def read_head(path: str, limit: int) -> bytes:
    """The first `limit` bytes of a file an analyzer looks at beside the scanned one (a
    framework config, a page's script list), with the refusals of `read_named_file`."""
    st = os.stat(path)
    if not stat.S_ISREG(st.st_mode) or special_place(os.path.realpath(path), st):
        raise NotRegular(file_kind(st.st_mode))
    fd = os.open(path, _OPEN_FLAGS)
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode) or st.st_dev in _pseudo_devices():
            raise NotRegular(file_kind(st.st_mode))
        return os.read(fd, limit)
    finally:
        os.close(fd)


def _read_at_most(fd: int, limit: int, first: bytes) -> bytes:
    """The rest of a file that grew past its `st_size` after `first` was read: read on up to
    the limit, whatever it claims."""
    parts = [first]
    total = len(first)
    request = 1 << 20
    while total <= limit:
        chunk = os.read(fd, min(request, limit + 1 - total))
        if not chunk:
            break
        parts.append(chunk)
        total += len(chunk)
    if total > limit:
        raise TooLarge(total)
    return b"".join(parts)


def _pseudo_devices() -> frozenset[int]:
    """The device numbers of the pseudo filesystems mounted on this machine (once a process)."""
    global _pseudo
    if _pseudo is None:
        _pseudo = _find_pseudo_devices()
    return _pseudo


_pseudo: frozenset[int] | None = None


def _find_pseudo_devices() -> frozenset[int]:
    mount_points = {tree for tree in SPECIAL_TREES if os.path.ismount(tree)}
    try:
        with open("/proc/self/mounts", "rb") as f:  # a known kernel file, read once, bounded
            table = f.read(1 << 20)
    except OSError:
        table = b""
    for line in table.splitlines():
        fields = line.split()
        if len(fields) >= 3 and fields[2].decode(errors="replace") in PSEUDO_FILESYSTEMS:
            mount_points.add(fields[1].decode(errors="replace").replace("\\040", " "))
    devices = set()
    for point in mount_points:
        try:
            devices.add(os.stat(point).st_dev)
        except OSError:
            pass
    try:
        devices.discard(os.stat("/").st_dev)  # an unusual mount table must never refuse everything
    except OSError:
        pass
    return frozenset(devices)
