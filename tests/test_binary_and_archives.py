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
from kaman_lint.severity import Severity
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


def test_nested_archives_are_opened(tmp_path: Path) -> None:
    inner = zipped({"deep.py": f'KEY = "{KEYS[7]}"\n'.encode()})
    (tmp_path / "outer.zip").write_bytes(zipped({"lib/inner.zip": inner}))
    assert kam001(run(tmp_path)) == [("outer.zip!lib/inner.zip!deep.py", 1, fp(KEYS[7]))]


def test_a_zip_bomb_is_read_no_further_than_the_limit(tmp_path: Path) -> None:
    bomb = zipped({"zeros.txt": b"\0" * (8 << 20), "ok.py": f'KEY = "{KEYS[0]}"\n'.encode()})
    assert len(bomb) < 64 * 1024
    (tmp_path / "bomb.zip").write_bytes(bomb)
    result = run(tmp_path, max_file_size=1 << 20)
    assert kam001(result) == [("bomb.zip!ok.py", 1, fp(KEYS[0]))]
    assert ("archive-member", "bomb.zip!zeros.txt") in notices(result)


def test_past_the_expansion_bound_is_unchecked(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(archives, "MAX_EXPANDED", 3 << 20)
    big = {f"part{i}.txt": b"x" * (1 << 20) for i in range(6)}
    (tmp_path / "parts.zip").write_bytes(zipped(big))
    result = run(tmp_path, max_file_size=2 << 20)
    assert sorted(p for k, p in notices(result) if k.startswith("archive-")) == ["parts.zip!part3.txt"]
    assert ("archive-unchecked", "parts.zip!part3.txt") in notices(result)
    assert result.exit_status(Severity.ERROR) == 2


def test_a_damaged_archive_is_searched_as_a_binary(tmp_path: Path) -> None:
    stored = zipped({"k.py": f'KEY = "{KEYS[1]}"\n'.encode()}, method=zipfile.ZIP_STORED)
    (tmp_path / "cut.zip").write_bytes(stored[: len(stored) - 30])  # no central directory
    result = run(tmp_path)
    assert [f for _, _, f in kam001(result)] == [fp(KEYS[1])]


# -- zips behind a prefix, bzip2 and xz, and what the bounds mean for a gate (redteam R10) --------

MORE = [make_key(10_600 + i) for i in range(12)]


def py(key: str) -> bytes:
    return f'KAMAN_API_KEY = "{key}"\n'.encode()


def after(prefix: bytes, files: dict[str, bytes], comment: bytes = b"") -> bytes:
    """A zip behind `prefix`, as `cat stub.sh app.zip > app.run` makes one (zipfile finds its
    members by the end record, as unzip and Python's zipimport do)."""
    buffer = io.BytesIO()
    buffer.write(prefix)
    with zipfile.ZipFile(buffer, "a") as archive:
        for name, data in files.items():
            archive.writestr(name, data)
        archive.comment = comment
    return buffer.getvalue()


def test_zips_are_found_by_their_end_record_behind_a_prefix(tmp_path: Path) -> None:
    noise = random.Random(3).randbytes(4096)
    (tmp_path / "app.pyz").write_bytes(after(b"#!/usr/bin/env python3\n", {"__main__.py": py(MORE[0])}))
    (tmp_path / "setup.exe").write_bytes(after(b"MZ\x90\x00" + noise, {"app/config.py": py(MORE[1])}))
    (tmp_path / "logo.png").write_bytes(after(b"\x89PNG\r\n\x1a\n" + noise, {"k.py": py(MORE[2])}))
    (tmp_path / "commented.bin").write_bytes(after(b"\x7fELF" + noise, {"k.py": py(MORE[3])}, comment=b"x" * 3000))
    result = run(tmp_path)
    assert kam001(result) == [
        ("app.pyz!__main__.py", 1, fp(MORE[0])),
        ("commented.bin!k.py", 1, fp(MORE[3])),
        ("logo.png!k.py", 1, fp(MORE[2])),
        ("setup.exe!app/config.py", 1, fp(MORE[1])),
    ]
    assert result.exit_status(Severity.ERROR) == 1


def test_the_bytes_before_a_zip_are_searched_too(tmp_path: Path) -> None:
    stub = b"#!/bin/sh\n# installer\n" + f"export KAMAN_API_KEY={MORE[4]}\n".encode() + b'unzip "$0"\nexit 0\n'
    (tmp_path / "install.run").write_bytes(after(stub, {"app.py": py(MORE[5])}))
    assert kam001(run(tmp_path)) == [("install.run", 3, fp(MORE[4])), ("install.run!app.py", 1, fp(MORE[5]))]


def test_bzip2_and_xz_files_and_tars_are_opened(tmp_path: Path) -> None:
    import bz2
    import lzma

    (tmp_path / "settings.py.bz2").write_bytes(bz2.compress(py(MORE[6])))
    (tmp_path / "dump.json.xz").write_bytes(lzma.compress(json.dumps({"apiKey": MORE[7]}).encode()))
    (tmp_path / "src.tar.bz2").write_bytes(tarred({"pkg/.env": f"KAMAN_API_KEY={MORE[8]}\n".encode()}, mode="w:bz2"))
    (tmp_path / "src.txz").write_bytes(tarred({"pkg/app.py": py(MORE[9])}, mode="w:xz"))
    result = run(tmp_path)
    assert kam001(result) == [
        ("dump.json.xz!dump.json", 1, fp(MORE[7])),
        ("settings.py.bz2!settings.py", 1, fp(MORE[6])),
        ("src.tar.bz2!pkg/.env", 1, fp(MORE[8])),
        ("src.txz!pkg/app.py", 1, fp(MORE[9])),
    ]
    assert not result.errors


def test_a_bzip2_or_xz_bomb_is_read_no_further_than_the_limit(tmp_path: Path) -> None:
    import bz2
    import lzma

    (tmp_path / "zeros.txt.bz2").write_bytes(bz2.compress(b"\0" * (8 << 20)))
    (tmp_path / "zeros.txt.xz").write_bytes(lzma.compress(b"\0" * (8 << 20)))
    result = run(tmp_path, max_file_size=1 << 20)
    assert {("archive-member", "zeros.txt.bz2!zeros.txt"), ("archive-member", "zeros.txt.xz!zeros.txt")} <= notices(result)
    assert not result.errors  # over max-file-size: skipped by choice, like a file that large


def test_a_damaged_xz_or_bzip2_file_is_searched_as_a_binary(tmp_path: Path) -> None:
    import bz2
    import lzma

    (tmp_path / "cut.py.xz").write_bytes(lzma.compress(py(MORE[10]) * 50)[:40])
    (tmp_path / "cut.py.bz2").write_bytes(bz2.compress(py(MORE[10]) * 50)[:40])
    result = run(tmp_path)
    assert {k for k, _ in notices(result)} <= {"encoding", "binary"}
    assert not result.errors


def test_archives_nest_deep_enough_for_real_releases(tmp_path: Path) -> None:
    tower = zipped({"deep.py": py(MORE[11])})
    for level in range(4):  # a release zip > an .ear > a .war > a .jar > the file
        tower = zipped({f"level{level}.zip": tower})
    (tmp_path / "release.zip").write_bytes(tower)
    result = run(tmp_path)
    assert [f for _, _, f in kam001(result)] == [fp(MORE[11])]
    assert not result.errors


def test_what_a_bound_leaves_unchecked_fails_the_gate(tmp_path: Path) -> None:
    tower = zipped({"deep.py": py(MORE[11])})
    for level in range(archives.MAX_DEPTH):
        tower = zipped({f"level{level}.zip": tower})
    (tmp_path / "tower.zip").write_bytes(tower)
    result = run(tmp_path)
    deepest = "tower.zip!" + "!".join(f"level{level}.zip" for level in reversed(range(archives.MAX_DEPTH)))
    assert ("archive-unchecked", deepest) in notices(result)
    assert result.exit_status(Severity.ERROR) == 2
    assert result.exit_status(Severity.ERROR, exit_zero=True) == 2


def test_an_encrypted_member_fails_the_gate(tmp_path: Path) -> None:
    data = bytearray(zipped({"secret.py": b"x = 1\n"}, method=zipfile.ZIP_STORED))
    for header in (b"PK\x03\x04", b"PK\x01\x02"):  # set the "encrypted" flag bit in both headers
        at = data.find(header)
        flags = at + (6 if header == b"PK\x03\x04" else 8)
        data[flags] |= 0x1
    (tmp_path / "locked.zip").write_bytes(bytes(data))
    result = run(tmp_path)
    assert ("archive-unchecked", "locked.zip!secret.py") in notices(result)
    assert result.exit_status(Severity.ERROR) == 2


def test_a_member_in_an_unsupported_compression_fails_the_gate(tmp_path: Path) -> None:
    data = bytearray(zipped({"a.py": b"x = 1\n"}, method=zipfile.ZIP_STORED))
    for header, offset in ((b"PK\x03\x04", 8), (b"PK\x01\x02", 10)):  # compression method 9: deflate64
        at = data.find(header)
        data[at + offset] = 9
    (tmp_path / "deflate64.zip").write_bytes(bytes(data))
    result = run(tmp_path)
    assert ("archive-unchecked", "deflate64.zip!a.py") in notices(result)
    assert result.exit_status(Severity.ERROR) == 2


def test_over_the_member_bound_fails_the_gate_with_one_notice(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(archives, "MAX_MEMBERS", 5)
    (tmp_path / "many.zip").write_bytes(zipped({f"f{i}.txt": b"x\n" for i in range(900)}))
    result = run(tmp_path)
    unchecked = [n for n in result.notices if n.kind == "archive-unchecked"]
    assert [n.path for n in unchecked] == ["many.zip!f5.txt"]
    assert "895" in unchecked[0].message
    assert result.exit_status(Severity.ERROR) == 2
