"""Keys stored as wide strings: a .NET assembly keeps its string literals in UTF-16LE, Windows
resources and many binary formats too, and UTF-16 text without a BOM whose first bytes are not
ASCII cannot be told by its NULs. Such a file was binary, its printable runs one character long,
and the key in it was missed with exit 0. Binaries are searched for `kam_` in the wide encodings
too, as `strings -e l` does."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from kaman_lint.cli import main
from tests.fakekeys import fp, make_key


def _findings(tmp_path) -> list[str]:
    report = json.loads(CliRunner().invoke(main, ["scan", "--format", "json", str(tmp_path)]).stdout)
    return [f["fingerprint"] for f in report["findings"]]


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be", "utf-32-le"])
def test_a_wide_string_in_a_binary_is_found(tmp_path, encoding):
    key = make_key(9951)
    blob = bytes(range(256)) * 8 + "ApiKey".encode(encoding) + b"\x00\x01" + key.encode(encoding) + bytes(64)
    (tmp_path / "Client.dll").write_bytes(b"MZ\x90\x00" + blob)
    assert _findings(tmp_path) == [fp(key)]


def test_bomless_utf16_text_that_opens_in_another_script_is_found(tmp_path):
    key = make_key(9952)
    text = "# " + "設定ファイル" * 60 + f'\nKEY = "{key}"\n'
    (tmp_path / "settings.py").write_bytes(text.encode("utf-16-le"))
    assert _findings(tmp_path) == [fp(key)]


def test_a_binary_without_a_wide_key_has_no_finding(tmp_path):
    (tmp_path / "x.bin").write_bytes(bytes(range(256)) * 8 + "kam_".encode("utf-16-le") + bytes(8))
    assert _findings(tmp_path) == []
