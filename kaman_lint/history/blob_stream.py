"""The census's git processes: `git rev-list --objects REVISIONS | git cat-file --batch`, or for
the whole history a cat-file fed from the commit log (log_blobs.py).

A module of its own, importing only what starts them, so a history run starts them before it
imports the prefilter, the config or the analyzers (history/start.py)."""

from __future__ import annotations

import subprocess
from collections.abc import Sequence

from kaman_lint import pipes
from kaman_lint.history.git import Repository

BATCH = "--batch=%(objectname) %(objecttype) %(objectsize) %(rest)"
NO_LAZY_FETCH = (2, 44)  # GIT_NO_LAZY_FETCH: a partial clone reports what it lacks, fetches nothing
# refs to a tree or a blob (or a tag of one), which only rev-list lists the blobs of
REF_TYPES = "--format=%(objecttype) %(*objecttype)"
PARTIAL = r"^(extensions\.partialclone|remote\..*\.promisor)$"


class BlobStream:
    """`git rev-list --objects REVISIONS | git cat-file --batch`, started at once: the two git
    processes are piped to each other (no thread of this process between them), so they can
    start before this process has imported the analyzers and forked its workers (a fork copies
    no thread, and the workers inherit no end of the pipe between them). Both pipes are wide
    (pipes.py): rev-list's list of a whole history fits, and git keeps a head start."""

    def __init__(self, repo: Repository, revisions: Sequence[str], *, log_fed: bool = False) -> None:
        """`log_fed`: the revisions are the whole history (`from_log`) and the caller feeds
        cat-file the blobs of its commit log (`feed_from_log`)."""
        self.repo, self.revisions = repo, list(revisions)
        self.lister: subprocess.Popen | None = None
        self.checks: list[subprocess.Popen] = []
        self.log_fed = log_fed
        self.reader: subprocess.Popen | None = None
        if log_fed:  # what decides what cat-file is fed starts now, and cat-file with it
            self.checks.append(repo.popen("for-each-ref", REF_TYPES))
            try:
                if repo.version < NO_LAZY_FETCH:
                    self.checks.append(repo.popen("config", "--get-regexp", PARTIAL))
                # Started now, cat-file has read its packs' indexes by the time the census feeds
                # it (a fork later: a worker must close its copy of this input, `fed_input`)
                self.reader = repo.popen("cat-file", "--buffer", BATCH, stdin=subprocess.PIPE)
                pipes.widen(self.reader.stdout)
            except BaseException:
                self.close()
                raise
            return
        self.lister = self._list(None)
        try:
            # a missing object's `?ID` line comes back from cat-file as `?ID missing`
            self.reader = repo.popen("cat-file", "--buffer", BATCH, stdin=self.lister.stdout)
        except BaseException:
            self.lister.kill()
            self.lister.wait()
            raise
        finally:
            self.lister.stdout.close()  # cat-file's now: its end of file is rev-list's
        pipes.widen(self.reader.stdout)  # the whole history's contents come through it

    def _list(self, into) -> subprocess.Popen:
        """`git rev-list --objects`, writing to `into` (a pipe to cat-file) or to a wide pipe."""
        args = ["rev-list", "--objects", "--missing=print", *self.revisions]
        if self.repo.version >= (2, 32):  # `object:type` filters came with git 2.32; before, trees pass too
            args.insert(2, "--filter=object:type=blob")
        lister = self.repo.popen(*args, stdout=subprocess.PIPE if into is None else into)
        if into is None:
            pipes.widen(lister.stdout)
        return lister

    @staticmethod
    def from_log(repo: Repository, revisions: Sequence[str]) -> bool:
        """Whether the commit log names every blob the revisions reach (log_blobs.py): the whole
        history, and merges diffed against their first parent (git 2.31+, as walk.py asks)."""
        return list(revisions) == ["--all"] and repo.version >= (2, 31)

    def log_lists_all(self) -> bool:
        """No ref names a tree or a blob, and no partial clone could fetch what cat-file is
        asked for (the checks started with the stream)."""
        refs = self.checks[0].communicate()[0] if self.checks else b""
        partial = self.checks[1].communicate()[0] if len(self.checks) > 1 else b""
        known = bool(self.checks) and self.checks[0].returncode == 0  # else ask rev-list, as before
        return known and not partial.strip() and all(line in (b"commit ", b"tag commit") for line in refs.splitlines())

    def fed_input(self) -> tuple[int, ...]:
        """The descriptor of the log-fed cat-file's input, which a process forked from this one
        must close: while a copy is open cat-file waits for more after the log's last blob."""
        return (self.reader.stdin.fileno(),) if self.log_fed and self.reader and self.reader.stdin else ()

    def feed_from_log(self, spool_fd: int, running, graph=None) -> None:
        """Give cat-file the blobs of the commit log git writes to `spool_fd` (while `running()`),
        or, where the log does not list them all, rev-list's list; then close its input.
        `graph` (log_blobs.Graph) gains the commits' parents from the log, if it is read."""
        from kaman_lint.history import log_blobs

        try:
            if self.log_lists_all():
                log_blobs.feed(spool_fd, running, self.reader.stdin.write, graph)
            else:
                self.lister = self._list(self.reader.stdin)
        finally:
            try:
                self.reader.stdin.close()
            except BrokenPipeError:  # cat-file stopped: the census reports its error
                pass

    def close(self) -> None:
        """Stop the processes if they still run (an error elsewhere), and wait for them."""
        for process in [self.reader, self.lister, *self.checks]:
            if process is None:
                continue
            if process.poll() is None:
                process.kill()
            process.wait()
            for stream in (process.stdin, process.stdout, process.stderr):
                if stream is not None and not stream.closed:
                    stream.close()
