"""Binaries and archives do not hide keys (#10 §1): a file is binary by its share of control
bytes, not by one NUL; the printable runs of a real binary are searched for keys; the members of
zip, tar and gzip files are scanned as files named `archive.zip!inner/file.py`, within bounds of
size, count and depth."""

from __future__ import annotations

import gzip
import io
import json
import random
import tarfile
import zipfile
from pathlib import Path

import pytest

from kaman_lint import archives
from kaman_lint.config import Config
from kaman_lint.engine import scan
from kaman_lint.report import render
from kaman_lint.rules import all_rules
from tests.fakekeys import fp, leaked, make_key

KEYS = [make_key(10_500 + i) for i in range(8)]


def run(root: Path, **config):  # type: ignore[no-untyped-def]
    return scan([str(root)], Config(project_root=root, **config), root=root, jobs=1)


def kam001(result) -> list[tuple[str, int, str]]:  # type: ignore[no-untyped-def]
    return sorted((f.location.path, f.location.line, f.fingerprint) for f in result.findings if f.rule_id == "KAM001")


def notices(result) -> set[tuple[str, str | None]]:  # type: ignore[no-untyped-def]
    return {(n.kind, n.path) for n in result.notices}


def zipped(files: dict[str, bytes], method: int = zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", method) as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def tarred(files: dict[str, bytes], mode: str = "w:gz") -> bytes:
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode=mode) as archive:
        for name, data in files.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
    return buffer.getvalue()


def test_one_nul_byte_does_not_make_a_text_file_binary(tmp_path: Path) -> None:
    (tmp_path / "settings.py").write_bytes(b"# \x00 stray\n" + f'API_KEY = "{KEYS[0]}"\n'.encode())
    (tmp_path / "app.env").write_bytes(b"A=1\x00\n" * 3 + f"KAMAN_API_KEY={KEYS[1]}\n".encode())
    result = run(tmp_path)
    assert kam001(result) == [("app.env", 4, fp(KEYS[1])), ("settings.py", 2, fp(KEYS[0]))]
    assert not {k for k, _ in notices(result)} & {"binary"}


def test_the_printable_runs_of_a_real_binary_are_searched(tmp_path: Path) -> None:
    noise = random.Random(7).randbytes(20_000)
    (tmp_path / "app.bin").write_bytes(b"\x7fELF\x02\x01" + noise + b"\x00" + KEYS[2].encode() + b"\x00" + noise)
    (tmp_path / "logo.png").write_bytes(b"\x89PNG\r\n\x1a\n" + noise)
    result = run(tmp_path)
    assert kam001(result) == [("app.bin", noise.count(b"\n") + 1, fp(KEYS[2]))]
    assert notices(result) == {("binary", "logo.png")}


def test_zip_tar_and_gzip_members_are_scanned(tmp_path: Path) -> None:
    (tmp_path / "release.zip").write_bytes(zipped({"inner/": b"", "inner/config.py": f'X = 1\nKEY = "{KEYS[3]}"\n'.encode()}))
    (tmp_path / "src.tgz").write_bytes(tarred({"pkg/.env": f"KAMAN_API_KEY={KEYS[4]}\n".encode()}))
    (tmp_path / "dump.json.gz").write_bytes(gzip.compress(json.dumps({"apiKey": KEYS[5]}).encode()))
    (tmp_path / "plain.tar").write_bytes(tarred({"a.txt": f"key {KEYS[6]}\n".encode()}, mode="w"))
    result = run(tmp_path)
    assert kam001(result) == [
        ("dump.json.gz!dump.json", 1, fp(KEYS[5])),
        ("plain.tar!a.txt", 1, fp(KEYS[6])),
        ("release.zip!inner/config.py", 2, fp(KEYS[3])),
        ("src.tgz!pkg/.env", 1, fp(KEYS[4])),
    ]
    assert result.files_scanned == 8  # four archives, four members
    sarif = render("sarif", result, all_rules())
    uris = {loc["physicalLocation"]["artifactLocation"]["uri"]
            for r in json.loads(sarif)["runs"][0]["results"] for loc in r["locations"]}
    assert "release.zip!inner/config.py" in uris
    assert not leaked(sarif, KEYS)


def test_nested_archives_to_a_bounded_depth(tmp_path: Path) -> None:
    inner = zipped({"deep.py": f'KEY = "{KEYS[7]}"\n'.encode()})
    (tmp_path / "outer.zip").write_bytes(zipped({"lib/inner.zip": inner}))
    assert kam001(run(tmp_path)) == [("outer.zip!lib/inner.zip!deep.py", 1, fp(KEYS[7]))]
    tower = inner
    for level in range(archives.MAX_DEPTH):
        tower = zipped({f"level{level}.zip": tower})
    (tmp_path / "outer.zip").write_bytes(tower)
    result = run(tmp_path)
    assert kam001(result) == []
    assert ("archive-member", "outer.zip!level2.zip!level1.zip!level0.zip") in notices(result)


def test_a_zip_bomb_is_read_no_further_than_the_limit(tmp_path: Path) -> None:
    bomb = zipped({"zeros.txt": b"\0" * (8 << 20), "ok.py": f'KEY = "{KEYS[0]}"\n'.encode()})
    assert len(bomb) < 64 * 1024
    (tmp_path / "bomb.zip").write_bytes(bomb)
    result = run(tmp_path, max_file_size=1 << 20)
    assert kam001(result) == [("bomb.zip!ok.py", 1, fp(KEYS[0]))]
    assert ("archive-member", "bomb.zip!zeros.txt") in notices(result)


def test_a_member_that_lies_about_its_size_is_cut_at_the_limit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(archives, "MAX_EXPANDED", 3 << 20)
    big = {f"part{i}.txt": b"x" * (1 << 20) for i in range(6)}
    (tmp_path / "parts.zip").write_bytes(zipped(big))
    result = run(tmp_path, max_file_size=2 << 20)
    skipped = sorted(p for k, p in notices(result) if k == "archive-member")
    assert skipped == ["parts.zip!part3.txt", "parts.zip!part4.txt", "parts.zip!part5.txt"]


def test_member_count_is_bounded(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(archives, "MAX_MEMBERS", 5)
    (tmp_path / "many.zip").write_bytes(zipped({f"f{i}.txt": b"x\n" for i in range(9)}))
    result = run(tmp_path)
    assert len([k for k, _ in notices(result) if k == "archive-member"]) == 4


def test_a_damaged_archive_is_searched_as_a_binary(tmp_path: Path) -> None:
    stored = zipped({"k.py": f'KEY = "{KEYS[1]}"\n'.encode()}, method=zipfile.ZIP_STORED)
    (tmp_path / "cut.zip").write_bytes(stored[: len(stored) - 30])  # no central directory
    result = run(tmp_path)
    assert [f for _, _, f in kam001(result)] == [fp(KEYS[1])]
