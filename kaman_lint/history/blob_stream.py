"""The census's git processes: `git rev-list --objects REVISIONS | git cat-file --batch`.

A module of its own, importing only what starts them, so a history run starts them before it
imports the prefilter, the config or the analyzers (history/start.py)."""

from __future__ import annotations

from collections.abc import Sequence

from kaman_lint import pipes
from kaman_lint.history.git import Repository


class BlobStream:
    """`git rev-list --objects REVISIONS | git cat-file --batch`, started at once: the two git
    processes are piped to each other (no thread of this process between them), so they can
    start before this process has imported the analyzers and forked its workers (a fork copies
    no thread, and the workers inherit no end of the pipe between them). Both pipes are wide
    (pipes.py): rev-list's list of a whole history fits, and git keeps a head start."""

    def __init__(self, repo: Repository, revisions: Sequence[str]) -> None:
        args = ["rev-list", "--objects", "--missing=print", *revisions]
        if repo.version >= (2, 32):  # `object:type` filters came with git 2.32; before, trees pass too
            args.insert(2, "--filter=object:type=blob")
        self.lister = repo.popen(*args)
        pipes.widen(self.lister.stdout)
        try:
            # a missing object's `?ID` line comes back from cat-file as `?ID missing`
            self.reader = repo.popen("cat-file", "--buffer",
                                     "--batch=%(objectname) %(objecttype) %(objectsize) %(rest)",
                                     stdin=self.lister.stdout)
        except BaseException:
            self.lister.kill()
            self.lister.wait()
            raise
        finally:
            self.lister.stdout.close()  # cat-file's now: its end of file is rev-list's
        pipes.widen(self.reader.stdout)  # the whole history's contents come through it

    def close(self) -> None:
        """Stop both processes if they still run (an error elsewhere), and wait for them."""
        for process in (self.reader, self.lister):
            if process.poll() is None:
                process.kill()
            process.wait()
            for stream in (process.stdout, process.stderr):
                if stream is not None:
                    stream.close()
