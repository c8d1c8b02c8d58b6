"""The census reads cat-file's output into one reusable buffer (read_buffer.py) and tests each
blob in place: lines, blobs and skips that straddle its refills, blobs larger than it, and a
stream that ends early; and a census with a tiny buffer sees what one with the default sees."""

from __future__ import annotations

import shutil

import pytest

try:
    from fakekeys import make_key
    from test_history import Repo
except ImportError:  # tests/ imported as a package
    from tests.fakekeys import make_key
    from tests.test_history import Repo

from kaman_lint.history import objects
from kaman_lint.history.git import HistoryError, Repository
from kaman_lint.history.read_buffer import ReadBuffer


class Trickle:
    """A raw stream that hands out at most `step` bytes a read, as a pipe may."""

    def __init__(self, data: bytes, step: int) -> None:
        self.data, self.at, self.step = data, 0, step

    def readinto(self, into) -> int:
        chunk = self.data[self.at:self.at + min(self.step, len(into))]
        into[:len(chunk)] = chunk
        self.at += len(chunk)
        return len(chunk)


def test_lines_blobs_and_skips_across_refills_and_beyond_the_buffer():
    big, small = bytes(range(256)) * 3, b"0123456789"
    stream = b"first header\n" + small + b"\n" + b"x" * 40 + b"\n" + big + b"\nskip me\n" + big + b"\n" \
        + b"a line longer than the whole buffer is\nlast\n"
    buffer = ReadBuffer(Trickle(stream, 7), size=32)
    assert buffer.line() == b"first header"
    data, at = buffer.take(len(small) + 1)
    assert bytes(data[at:at + len(small) + 1]) == small + b"\n"
    assert buffer.line() == b"x" * 40  # longer than the buffer: it grows
    data, at = buffer.take(len(big) + 1)  # larger than the buffer: an array of its own
    assert bytes(data[at:at + len(big) + 1]) == big + b"\n"
    assert buffer.line() == b"skip me"
    buffer.skip(len(big) + 1)
    assert buffer.line() == b"a line longer than the whole buffer is"
    assert buffer.line() == b"last"
    assert buffer.line() is None


@pytest.mark.parametrize("cut", [b"head", b"head\nab"])
def test_a_stream_that_ends_inside_a_line_or_a_blob_is_an_error(cut):
    buffer = ReadBuffer(Trickle(cut, 3), size=16)
    with pytest.raises(HistoryError, match="ended early"):
        buffer.line()
        buffer.take(10)


def test_a_skip_past_the_end_is_an_error():
    buffer = ReadBuffer(Trickle(b"abc", 2), size=8)
    with pytest.raises(HistoryError, match="ended early"):
        buffer.skip(10)


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_a_census_through_a_tiny_buffer_sees_what_the_default_sees(tmp_path, monkeypatch):
    repo = Repo(tmp_path / "repo")
    key, escaped = make_key(90), make_key(91)
    repo.commit({f"f{n}.txt": f"line {n}\n" * n for n in range(40)}
                | {"a.py": f"K = '{key}'\n" + "# pad\n" * 50,
                   "esc.json": '{"k": "\\u006b' + escaped[1:] + '"}\n',
                   "logo.png": b"\x89PNG\r\n\x1a\n\x00\x00" + bytes(range(256)) * 4,
                   "huge.txt": "h" * 5000})
    repo.commit({"a.py": None, "f3.txt": "changed\n"})

    def run() -> tuple:
        seen: list[tuple[str, str, bytes]] = []
        found = objects.census(objects.BlobStream(Repository.open(str(repo.path)), ["--all"]), 4000,
                               on_candidate=lambda *item: seen.append(item))
        return (found.candidates, found.blobs, found.bytes, found.binary, found.too_large, found.missing,
                sorted(seen))

    default = run()
    monkeypatch.setattr(ReadBuffer.__init__, "__defaults__", (64,))  # lines and blobs straddle its refills
    tiny = run()
    assert tiny == default
    candidates, blobs, _, binary, too_large, _, seen = tiny
    assert len(candidates) == 2 and binary == 1 and [path for _, path in too_large] == ["huge.txt"]
    assert blobs == 40 + 4 + 1  # f0..f39, a.py, esc.json, logo.png, huge.txt, the changed f3.txt
    assert {path for _, path, _ in seen} == {"a.py", "esc.json"}
    assert all(isinstance(data, bytes) for _, _, data in seen)
    assert [data for _, path, data in seen if path == "a.py"] == [f"K = '{key}'\n".encode() + b"# pad\n" * 50]


def test_archive_and_wide_tests_in_place_read_only_their_part():
    """kind_of and is_wide_unicode on `data[start:end]` (a blob in the read buffer) see neither
    the blob before nor the one after it."""
    import io
    import zipfile

    from kaman_lint.archive_kinds import kind_of
    from kaman_lint.source import is_wide_unicode

    packed = io.BytesIO()
    with zipfile.ZipFile(packed, "w") as archive:
        archive.writestr("a.txt", "a")
    zipped, text, wide = packed.getvalue(), b"plain text, no archive\n" * 3, "wide".encode("utf-16-le")
    data = bytearray(text + zipped + text + wide)
    assert kind_of(data, binary=True, start=len(text), end=len(text) + len(zipped)) == "zip"
    assert kind_of(data, binary=False, start=0, end=len(text)) is None  # the zip after it is not its
    assert kind_of(data, binary=False, start=len(text) + len(zipped), end=2 * len(text) + len(zipped)) is None
    assert is_wide_unicode(data, 2 * len(text) + len(zipped), len(data))
    assert not is_wide_unicode(data, 0, len(text))
