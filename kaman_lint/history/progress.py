"""Progress of a long history scan, on stderr, only when stderr is a terminal: blobs read
(count, megabytes, rate), then commits walked (done / total, rate). One line, redrawn at most
ten times a second, erased when the scan is done."""

from __future__ import annotations

import sys
import time
from typing import TextIO

INTERVAL = 0.1


class Progress:
    def __init__(self, *, enabled: bool | None = None, stream: TextIO | None = None,
                 total_commits: int | None = None) -> None:
        self.stream = stream or sys.stderr
        self.enabled = self.stream.isatty() if enabled is None else enabled
        self.total_commits = total_commits
        self.started = time.monotonic()
        self._last = 0.0
        self._shown = False

    def blobs(self, census) -> None:
        if self._due():
            elapsed = max(time.monotonic() - self.started, 1e-6)
            megabytes = census.bytes / 1e6
            self._show(f"reading blobs: {census.blobs:,} ({megabytes:,.0f} MB, {megabytes / elapsed:,.0f} MB/s)")

    def done_blobs(self, census) -> None:
        self.started = time.monotonic()
        self._last = 0.0

    def commit(self, done: int) -> None:
        if self._due():
            rate = done / max(time.monotonic() - self.started, 1e-6)
            total = f" / {self.total_commits:,}" if self.total_commits else ""
            self._show(f"commits: {done:,}{total} ({rate:,.0f}/s)")

    def clear(self) -> None:
        if self._shown:
            self.stream.write("\r\x1b[K")
            self.stream.flush()
            self._shown = False

    def _due(self) -> bool:
        if not self.enabled:
            return False
        now = time.monotonic()
        if now - self._last < INTERVAL:
            return False
        self._last = now
        return True

    def _show(self, line: str) -> None:
        self.stream.write(f"\r\x1b[Kkaman-lint: {line}")
        self.stream.flush()
        self._shown = True
