"""Child processes (git) started without the `subprocess` module, whose import (with `locale`,
`signal`, `selectors`) is ~6% of the instructions of a 5-file pre-commit run that only needs
two git commands: `os.posix_spawnp` with pipes, as `subprocess` does it on Linux (its children
get the same standard streams; the parent's other descriptors are not inheritable either way).
Where the platform has no `posix_spawnp` (Windows), `subprocess` does the work.
"""

from __future__ import annotations

import os

POSIX = hasattr(os, "posix_spawnp")


def _restored_signals() -> tuple[int, ...]:
    """The signals Python ignores and `subprocess` resets to their default in its children
    (SIGPIPE, SIGXFSZ): a git writing into a closed pipe then ends as git expects. `_signal`, the
    built-in half of `signal`, names them without importing `signal` (and `enum`'s work there)."""
    import _signal

    return tuple(getattr(_signal, name) for name in ("SIGPIPE", "SIGXFZ", "SIGXFSZ") if hasattr(_signal, name))


def run(argv: list[str], *, env: dict[str, str] | None = None) -> tuple[int, bytes, bytes]:
    """`argv`'s exit status, standard output and standard error (its standard input is this
    process's). FileNotFoundError when the program is not found, as `subprocess.run` raises."""
    if not POSIX:
        import subprocess

        done = subprocess.run(argv, capture_output=True, env=env, check=False)
        return done.returncode, done.stdout, done.stderr
    out_r, out_w = os.pipe()
    err_r, err_w = os.pipe()
    try:
        pid = os.posix_spawnp(argv[0], argv, os.environ if env is None else env,
                              file_actions=[(os.POSIX_SPAWN_DUP2, out_w, 1), (os.POSIX_SPAWN_DUP2, err_w, 2)],
                              setsigdef=_restored_signals())
    except BaseException:
        for fd in (out_r, err_r):
            os.close(fd)
        raise
    finally:
        os.close(out_w)
        os.close(err_w)
    output, errors = _read_both(out_r, err_r)
    return _exit_status(pid), output, errors


def _read_both(out_r: int, err_r: int) -> tuple[bytes, bytes]:
    """Everything written to both pipes until both close: each read as it fills (no deadlock
    when the child fills one while this process waits on the other)."""
    import select

    chunks: dict[int, list[bytes]] = {out_r: [], err_r: []}
    waiting = select.poll()  # not select.select: a descriptor numbered past 1023 is fine too
    for fd in chunks:
        waiting.register(fd, select.POLLIN)
    open_fds = 2
    try:
        while open_fds:
            for fd, _events in waiting.poll():
                data = os.read(fd, 1 << 16)  # POLLIN or POLLHUP: data, or b"" at the end
                if data:
                    chunks[fd].append(data)
                else:
                    waiting.unregister(fd)
                    open_fds -= 1
    finally:
        os.close(out_r)
        os.close(err_r)
    return b"".join(chunks[out_r]), b"".join(chunks[err_r])


def _exit_status(pid: int) -> int:
    while True:
        try:
            return os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1])
        except InterruptedError:  # (retried by os itself since 3.5; kept for clarity)
            continue


class Child:
    """A started child whose standard input and output are pipes to this process (its standard
    error goes to the null device): `stdin` and `stdout` as `subprocess.Popen` gives them."""

    def __init__(self, argv: list[str]) -> None:
        if not POSIX:
            import subprocess

            self._popen = subprocess.Popen(argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                           stderr=subprocess.DEVNULL)
            self.stdin, self.stdout = self._popen.stdin, self._popen.stdout
            return
        self._popen = None
        in_r, in_w = os.pipe()
        out_r, out_w = os.pipe()
        try:
            self._pid = os.posix_spawnp(argv[0], argv, os.environ, file_actions=[
                (os.POSIX_SPAWN_DUP2, in_r, 0), (os.POSIX_SPAWN_DUP2, out_w, 1),
                (os.POSIX_SPAWN_OPEN, 2, os.devnull, os.O_WRONLY, 0)], setsigdef=_restored_signals())
        except BaseException:
            os.close(in_w)
            os.close(out_r)
            raise
        finally:
            os.close(in_r)
            os.close(out_w)
        self.stdin = open(in_w, "wb")  # noqa: SIM115 - closed by whoever writes, as Popen's
        self.stdout = open(out_r, "rb")  # noqa: SIM115 - closed by the reader, as Popen's

    def wait(self) -> int:
        return self._popen.wait() if self._popen is not None else _exit_status(self._pid)
