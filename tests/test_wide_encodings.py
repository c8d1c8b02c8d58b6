"""Text in UTF-32 without a BOM: `.gitattributes` can ask git for any working-tree encoding
(`secret.txt working-tree-encoding=UTF-32LE`), and git writes it without a BOM. Each ASCII
character is then followed (or preceded) by three NULs: the file read as binary, its printable
runs one character long, and the key in it was missed with exit 0."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from kaman_lint.cli import main
from kaman_lint.source import decode, is_wide_unicode
from tests.fakekeys import fp, make_key


@pytest.mark.parametrize("encoding", ["utf-32-le", "utf-32-be"])
def test_a_bomless_utf32_file_is_decoded_and_its_key_found(tmp_path, encoding):
    key = make_key(9501)
    (tmp_path / "secret.py").write_bytes(f'# settings\nKEY = "{key}"\n'.encode(encoding))
    result = CliRunner().invoke(main, ["scan", "--format", "json", str(tmp_path)])
    report = json.loads(result.stdout)
    assert [(f["rule_id"], f["fingerprint"], f["line"]) for f in report["findings"]] == [("KAM001", fp(key), 2)]
    assert result.exit_code == 1


@pytest.mark.parametrize("encoding", ["utf-32-le", "utf-32-be"])
def test_bomless_utf32_is_told_from_its_nuls(encoding):
    data = "plain text, mostly ASCII\n".encode(encoding)
    assert is_wide_unicode(data)
    assert decode(data)[0] == "plain text, mostly ASCII\n"


def test_binary_data_with_many_nuls_is_not_taken_for_utf32():
    assert not is_wide_unicode(bytes(range(256)) * 4)
    assert not is_wide_unicode(b"\x00" * 64)
    assert not is_wide_unicode(b"\x01\x00\x00\x00" * 32 + b"\x00\x00\x00\x00" * 32)
