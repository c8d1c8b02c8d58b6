"""Reading bytes into a Source: encodings, the line index, columns in code points, language."""

from __future__ import annotations

import codecs
import random
import re

import pytest

from kaman_lint.source import NotText, Source, decode, detect_language, is_wide_unicode


@pytest.mark.parametrize("data", [
    "kam_é\n".encode("utf-8"), codecs.BOM_UTF8 + "kam_é\n".encode("utf-8"),
    "kam_é\n".encode("utf-16"), "kam_é\n".encode("utf-16-be").join([codecs.BOM_UTF16_BE, b""]),
])
def test_utf8_bom_and_utf16_decode_to_the_same_text(data: bytes) -> None:
    assert decode(data) == ("kam_é\n", None)


def test_undecodable_bytes_become_replacement_characters_with_a_notice() -> None:
    text, notice = decode(b"caf\xe9 ok\nkam_x\n")
    assert text.endswith("ok\nkam_x\n") and "\ufffd" in text and "1 undecodable" in notice


def test_nul_byte_early_is_binary_but_after_8_kib_is_text() -> None:
    with pytest.raises(NotText):
        decode(b"PK\x03\x04\x00\x00 kam_")
    text, _ = decode(b"a" * 9000 + b"\x00kam_\n")
    assert text.endswith("kam_\n")


def test_positions_are_one_based_code_points_for_every_line_break() -> None:
    source = Source("a.txt", "é€\r\nab\rcd\nxyz", "text")
    assert source.position(0) == (1, 1)
    assert source.position(1) == (1, 2)  # after a 2-byte UTF-8 character: still column 2
    assert source.position(4) == (2, 1)  # after CRLF
    assert source.position(7) == (3, 1)  # after a lone CR
    assert source.position(source.text.index("z")) == (4, 3)
    assert [source.line(n) for n in range(1, 5)] == ["é€", "ab", "cd", "xyz"]
    assert source.offset(4, 3) == source.text.index("z")


def test_lines_split_like_positions_do_not_on_form_feed_or_u2028() -> None:
    source = Source("a.yaml", "a: 1\x0c\nb: '\u2028'\nc: 3", "yaml")
    assert len(source.lines()) == 3 and source.position(source.text.index("c")) == (3, 1)


def test_line_prefix_is_bounded_on_huge_lines() -> None:
    source = Source("b.js", "x" * 100_000 + "key=kam_", "javascript")
    prefix = source.line_prefix(source.text.index("kam_"))
    assert prefix.endswith("key=") and len(prefix) <= 240


@pytest.mark.parametrize("path, first_line, language", [
    ("app/main.py", "", "python"), ("bin/tool", "#!/usr/bin/env python3", "python"),
    ("bin/run", "#!/bin/bash", "shell"), ("x/.env.production", "", "env"), ("Dockerfile.prod", "", "dockerfile"),
    ("a/Makefile", "", "makefile"), ("nb.ipynb", "", "notebook"), ("prod.tfvars", "", "hcl"),
    ("t/base.html.j2", "", "html"), ("c.yml", "", "yaml"), ("notes", "", "text"),
])
def test_language_by_name_extension_and_shebang(path: str, first_line: str, language: str) -> None:
    assert detect_language(path, first_line) == language


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom_is_told_by_its_nuls(codec: str) -> None:
    text = "# notes\nKAMAN_API_KEY=kam_x\n"
    assert is_wide_unicode(text.encode(codec))
    assert decode(text.encode(codec)) == (text, None)


@pytest.mark.parametrize("data", [b"\x00", b"a\x00", b"\x00" * 64, b"MZ\x90\x00\x03\x00\x00\x00\x04\x00",
                                  "kam_é\n".encode("utf-8")])
def test_short_binary_and_utf8_data_are_not_taken_for_bomless_utf16(data: bytes) -> None:
    assert not is_wide_unicode(data)


def test_line_starts_are_after_every_kind_of_line_break():
    """The index a file without a CR builds by its LFs alone is the one every break gives."""
    rng = random.Random("line-starts")
    for _ in range(500):
        text = "".join(rng.choice(["a", "bc", " ", "\n", "\n\n", "\r\n", "\r", "é"]) for _ in range(rng.randint(0, 40)))
        for variant in (text, text.replace("\r", "")):
            expected = [0] + [m.end() for m in re.finditer(r"\r\n|\n|\r", variant)]
            assert list(Source("a.py", variant, "python").line_starts) == expected, repr(variant)


def test_binary_is_the_share_of_control_bytes_in_the_first_8_kib():
    """`is_binary` counts the controls by a table pass: the same answer as counting them."""
    from kaman_lint.source import BINARY_SHARE, BINARY_SNIFF, _CONTROL_BYTES, is_binary

    def by_definition(data: bytes) -> bool:
        sample = data[:BINARY_SNIFF]
        return sum(b in _CONTROL_BYTES for b in sample) > BINARY_SHARE * len(sample)

    rng = random.Random("binary-share")
    alphabets = [b"ab \t\n\r\x1b\xff", b"a\x00", b"a\x01", b"ab\x00\x01\x7f\x1f", bytes(range(256))]
    for _ in range(400):
        alphabet = rng.choice(alphabets)
        data = bytes(rng.choice(alphabet) for _ in range(rng.choice([0, 1, 20, 100, 9000])))
        for variant in (data, bytearray(data), data.replace(b"\x00", b"\x01"), b"a" * 95 + b"\x00" * 5, b"a" * 94 + b"\x01" * 6):
            assert is_binary(variant) == by_definition(bytes(variant)), variant[:40]
