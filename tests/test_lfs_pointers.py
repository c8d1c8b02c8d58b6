"""Git LFS: `.gitattributes` saying `secrets.env filter=lfs` makes git store the file's content
outside the repository's objects and commit a three-line pointer in its place. A pull request
can add that line beside its key: the CI checkout (actions/checkout without `lfs: true`) and
the index (`--staged`) hold only the pointer, the key goes to the LFS store, and the scan saw
a clean text file. A pointer's object is scanned when it is there (`.git/lfs/objects`, where
`git add` puts it); when it is not, a text file's content went unchecked (exit 2), while an
image or another binary kind is skipped by choice and counted."""

from __future__ import annotations

import hashlib
import json
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from kaman_lint.cli import main
from tests.fakekeys import fp, leaked, make_key


def _repo(tmp_path: Path) -> Path:
    repo = tmp_path / "repo"
    repo.mkdir()
    subprocess.run(["git", "init", "-q", str(repo)], check=True)
    return repo


def _pointer(content: bytes) -> tuple[str, bytes]:
    oid = hashlib.sha256(content).hexdigest()
    text = f"version https://git-lfs.github.com/spec/v1\noid sha256:{oid}\nsize {len(content)}\n"
    return oid, text.encode()


def _store(repo: Path, oid: str, content: bytes) -> None:
    where = repo / ".git" / "lfs" / "objects" / oid[:2] / oid[2:4]
    where.mkdir(parents=True)
    (where / oid).write_bytes(content)


def _scan(repo: Path, *args: str):
    result = CliRunner().invoke(main, ["scan", "--format", "json", *args, str(repo)])
    return result.exit_code, json.loads(result.stdout)


def test_a_pointer_whose_object_is_there_is_scanned_as_that_content(tmp_path):
    repo = _repo(tmp_path)
    key = make_key(9601)
    content = f"KAMAN_API_KEY={key}\n".encode()
    oid, pointer = _pointer(content)
    (repo / "prod.env").write_bytes(pointer)
    _store(repo, oid, content)
    code, report = _scan(repo)
    assert code == 1
    assert [(f["rule_id"], f["path"].rsplit("/", 1)[-1], f["fingerprint"]) for f in report["findings"]] == [
        ("KAM001", "prod.env", fp(key))]


def test_a_staged_pointer_whose_object_is_there_is_scanned(tmp_path, monkeypatch):
    repo = _repo(tmp_path)
    key = make_key(9602)
    content = f'KEY = "{key}"\n'.encode()
    oid, pointer = _pointer(content)
    (repo / "settings.py").write_bytes(pointer)
    _store(repo, oid, content)
    subprocess.run(["git", "-C", str(repo), "add", "settings.py"], check=True)
    monkeypatch.chdir(repo)
    result = CliRunner().invoke(main, ["scan", "--staged", "--format", "json"])
    report = json.loads(result.stdout)
    assert result.exit_code == 1
    assert [f["fingerprint"] for f in report["findings"]] == [fp(key)]


def test_a_text_pointer_without_its_object_is_exit_2(tmp_path):
    repo = _repo(tmp_path)
    _, pointer = _pointer(f"KAMAN_API_KEY={make_key(9603)}\n".encode())
    (repo / "prod.env").write_bytes(pointer)
    code, report = _scan(repo)
    assert code == 2
    assert [e["kind"] for e in report["errors"]] == ["lfs-unchecked"]
    assert "lfs" in report["errors"][0]["message"].lower()


def test_a_binary_pointer_without_its_object_is_skipped_and_counted(tmp_path):
    repo = _repo(tmp_path)
    _, pointer = _pointer(b"\x89PNG\r\n\x1a\n" + bytes(100))
    (repo / "logo.png").write_bytes(pointer)
    code, report = _scan(repo)
    assert code == 0
    assert report["summary"]["skipped_by_kind"] == {"lfs-pointer": 1}


def test_an_object_that_does_not_match_its_pointer_is_not_trusted(tmp_path):
    # the object store is the repository's; its file must be the content the pointer names
    repo = _repo(tmp_path)
    content = f"KAMAN_API_KEY={make_key(9604)}\n".encode()
    oid, pointer = _pointer(content)
    (repo / "prod.env").write_bytes(pointer)
    _store(repo, oid, b"x = 1\n")
    code, report = _scan(repo)
    assert code == 2 and [e["kind"] for e in report["errors"]] == ["lfs-unchecked"]
