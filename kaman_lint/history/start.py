"""The git processes of a history scan, started before anything else of the run.

The census (`git rev-list --objects | git cat-file --batch`, or for the whole history a cat-file
the log's blobs are fed to) and the commit log (`git log --raw`, spooled) need only the repository and the revisions, not the config, the prefilter or
the analyzers: started first, they work on the other core while this process imports and reads
all that (on flask the log is about done by the time the census starts reading). This module
imports only git's side for that reason.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from kaman_lint.history.blob_stream import BlobStream
from kaman_lint.history.git import Repository
from kaman_lint.history.walk import CommitLog


@dataclass
class Started:
    """An open repository, the revisions as git takes them, and its running git processes."""

    repo: Repository
    revs: list[str]
    blobs: BlobStream
    log: CommitLog

    def close(self) -> None:
        """Stop the processes that still run (the run ended early) and wait for them."""
        self.blobs.close()
        self.log.close()


def start(repo_path: str, revisions: Sequence[str] = (), since: str | None = None) -> Started:
    repo = Repository.open(repo_path)
    revs = list(revisions) or ["--all"]
    if since:
        revs.append(f"--since={since}")
    log = CommitLog(repo, revs)
    try:
        blobs = BlobStream(repo, revs, log_fed=BlobStream.from_log(repo, revs))
    except BaseException:
        log.close()
        raise
    return Started(repo, revs, blobs, log)
