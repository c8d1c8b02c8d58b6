"""A stdin buffer is bounded as a file is: `max-file-size`, read no further (an endless pipe
must not fill memory), and over the limit it is skipped and counted like a file that large."""

from __future__ import annotations

import io

from click.testing import CliRunner

from kaman_lint.cli import main


class Endless(io.RawIOBase):
    """A stream of `size` bytes that counts what was read of it."""

    def __init__(self, size: int) -> None:
        self.left, self.taken = size, 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        n = min(len(buffer), self.left)
        buffer[:n] = b"a" * n
        self.left -= n
        self.taken += n
        return n


def test_stdin_is_read_no_further_than_the_size_limit(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".kaman-lint.toml").write_text("max-file-size = 1024\n")
    stream = Endless(64 << 20)
    result = CliRunner().invoke(main, ["scan", "-"], input=io.BufferedReader(stream))
    assert stream.taken <= 1024 + (1 << 16)  # the limit, and at most one buffered read past it
    assert result.exit_code == 0
    assert "over max-file-size" in result.output


def test_a_buffer_within_the_limit_is_scanned(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["scan", "-"], input=b"x = 1\n")
    assert result.exit_code == 0 and "1 file" in result.output
