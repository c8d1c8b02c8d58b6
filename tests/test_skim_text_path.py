"""`engine._skim` tells a file with no control byte in its first bytes (almost every text file)
by fewer tests than the others: on every kind of file it still says what the tests asked in
turn say (wide text, key markers, an LFS pointer, an archive, a binary)."""

from __future__ import annotations

import bz2
import gzip
import io
import random
import tarfile
import zipfile

from kaman_lint import archive_kinds, engine, lfs
from kaman_lint.source import BINARY_SNIFF, is_binary, is_wide_unicode


def reference(data: bytes) -> str | None:
    """`_skim` as the plain sequence of the tests."""
    if is_wide_unicode(data):
        return None
    found = engine._prefiltered(data)
    if found is True:
        return engine.RELEVANT
    if data.startswith(lfs.START):
        return None
    binary = is_binary(data)
    if archive_kinds.kind_of(data, binary=binary):
        return None
    if binary:
        return engine.GATED_BINARY if found else engine.BINARY
    return engine.GATED_PLAIN if found else engine.PLAIN


def _zip(payload: bytes) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("a.txt", payload)
    return out.getvalue()


def _tar(payload: bytes) -> bytes:
    out = io.BytesIO()
    with tarfile.open(fileobj=out, mode="w") as t:
        info = tarfile.TarInfo("a.txt")
        info.size = len(payload)
        t.addfile(info, io.BytesIO(payload))
    return out.getvalue()


def test_every_kind_of_file_gets_the_answer_of_the_tests_in_turn():
    text = b"plain = 'text'\n" * 700  # past BINARY_SNIFF
    zip_end = b"PK\x05\x06" + b"\0" * 18
    samples = [
        b"", b"x", b"BZh", b"BZh9", b"BZh91AY&SY" + b"x" * 30, b"BZh01AY&SY", b"BZh9\x17rE8P\x90",
        bz2.compress(b"hello"), gzip.compress(b"hello"), _zip(b"hello"), _tar(b"hello"),
        b"a" * 257 + b"ustar" + b"b" * 20, b"a" * 257 + b"ustar", b"a" * 257 + b"usta",
        text + zip_end, text[:BINARY_SNIFF - 22] + zip_end, text[:BINARY_SNIFF - 21] + zip_end, text[:BINARY_SNIFF] + zip_end, text[:100] + zip_end,
        zip_end,
        text + b"PK\x05\x06" + b"\0" * 16 + b"\1\0" + b"c",
        text + bytes(range(32)) * 10,  # controls past the sample: text
        lfs.START + b"oid sha256:" + b"0" * 64 + b"\nsize 12\n",
        "kaman wide".encode("utf-16"), "kaman wide".encode("utf-16-le"), "plain wide".encode("utf-32"),
        "plain wide text here".encode("utf-16-le"), b"\xff\xfeplain", b"\xfe\xffplain",
        b"x = 'kam_'\n", b"STATICFILES_DIRS = []\n", b"\\u006bam_x\n", b'{"cell_type": "code"}',
        b"version 2 of the notes\n", b"Build notes\n" * 30, b"B" + b"x" * 300, b"\xffplain", b"\xfe" + b"x" * 300,
        b"B" * 257 + b"ustar" + b"x", b"version" + b"x" * 250 + b"ustar" + b"x",
        bytes(range(256)) * 40, b"\0" * 100 + b"STATICFILES_DIRS", b"text\0with one NUL\n" * 30,
    ]
    for data in samples:
        assert engine._skim(data) == reference(data), data[:40]


def test_random_bytes_near_the_magics_get_the_same_answer():
    rng = random.Random(5)
    pieces = [b"BZh", b"9", b"0", b"1AY&SY", b"PK", b"\x05\x06", b"\x03\x04", b"\0", b"\1", b"ustar", b"x" * 50, b"v", b"B",
              lfs.START,
              b"\xff\xfe", b"\x1f\x8b", b"\xfd7zXZ", b"kam_", b"aman", b"\n", b"\t", b"k"]
    for _ in range(3000):
        data = b"".join(rng.choice(pieces) for _ in range(rng.randint(0, 20)))
        if rng.random() < 0.3:
            data = rng.choice((b"y", b"B", b"v")) * rng.choice((200, 257, BINARY_SNIFF - 30, BINARY_SNIFF + 5)) + data
        assert engine._skim(data) == reference(data), data[:60]
