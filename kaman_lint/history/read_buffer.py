"""cat-file's output read into one reusable buffer, for the census (objects.py).

`BufferedReader.read(size)` gave every blob a bytes object of its own: a copy of the whole
history's contents out of the reader's buffer (flask: 166 MB, ~145M instructions of memcpy in
callgrind) and an object to allocate and free per blob, for blobs of which the prefilter keeps
about 2%. Here the pipe is read straight into one bytearray, the census tests each blob in place
(offsets into it, or a memoryview of it), and only the candidates are copied out. A blob larger
than the buffer gets an array of its own, of its size: memory stays one blob's, as before.
"""

from __future__ import annotations

from typing import IO

from kaman_lint.history.git import HistoryError

READ_SIZE = 1 << 20  # as the pipe (pipes.WIDE): one read takes what cat-file has written
ENDED = "git cat-file: the object stream ended early"


class ReadBuffer:
    """The unread bytes of `stream` are `data[start:end]`."""

    def __init__(self, stream: IO[bytes], size: int = READ_SIZE) -> None:
        raw = getattr(stream, "raw", stream)  # past the BufferedReader: nothing was read from it
        self._readinto = raw.readinto
        self.data = bytearray(size)
        self._view = memoryview(self.data)
        self.start = self.end = 0

    def line(self) -> bytes | None:
        """The next line without its newline; None at the end of the stream."""
        while (at := self.data.find(b"\n", self.start, self.end)) < 0:
            if not self._fill():
                if self.start == self.end:
                    return None
                raise HistoryError(ENDED)
        line = bytes(self._view[self.start:at])
        self.start = at + 1
        return line

    def take(self, size: int) -> tuple[bytearray, int]:
        """The next `size` bytes, as (array, offset) of where they are: in this buffer (valid
        until the next call), or beyond its size in an array of their own."""
        if self.end - self.start < size:
            if size > len(self.data):
                return self._own(size)
            while self.end - self.start < size:
                if not self._fill(size):
                    raise HistoryError(ENDED)
        at = self.start
        self.start = at + size
        return self.data, at

    def skip(self, count: int) -> None:
        while count > self.end - self.start:
            count -= self.end - self.start
            self.start = self.end = 0
            if not self._fill():
                raise HistoryError(ENDED)
        self.start += count

    def _own(self, size: int) -> tuple[bytearray, int]:
        own = bytearray(size)
        view = memoryview(own)
        have = self.end - self.start
        view[:have] = self._view[self.start:self.end]
        self.start = self.end = 0
        while have < size:
            read = self._readinto(view[have:])
            if not read:
                raise HistoryError(ENDED)
            have += read
        return own, 0

    def _fill(self, need: int = 1) -> bool:
        """Read what the pipe has after the unread bytes, moved to the front first when fewer
        than `need` more bytes would fit after them; False at the end of the stream."""
        if self.start and (len(self.data) - self.start < need or self.end == len(self.data)):
            unread = self.end - self.start
            self._view[:unread] = self._view[self.start:self.end]  # memmove: they may overlap
            self.start, self.end = 0, unread
        if self.end == len(self.data):  # a line longer than the buffer
            self.data = self.data + bytearray(len(self.data))
            self._view = memoryview(self.data)
        read = self._readinto(self._view[self.end:])
        if not read:
            return False
        self.end += read
        return True
