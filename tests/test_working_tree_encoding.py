"""`.gitattributes` can have git write a file to the work tree in any encoding iconv knows
(`secret.txt working-tree-encoding=IBM037`): git's objects hold UTF-8, the checkout holds EBCDIC,
where no byte of `kam_` is ASCII. A change adding that line beside its key had it pass a scan of
the checkout with exit 0. Files git writes in another encoding are decoded from it."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

from click.testing import CliRunner

from kaman_lint.cli import main
from tests.fakekeys import fp, make_key


def _repo(tmp_path: Path, attributes: str) -> Path:
    repo = tmp_path / "repo"
    subprocess.run(["git", "init", "-q", str(repo)], check=True)
    (repo / ".gitattributes").write_text(attributes)
    return repo


def _scan(repo: Path):
    result = CliRunner().invoke(main, ["scan", "--format", "json", str(repo)])
    return result.exit_code, json.loads(result.stdout)


def test_a_file_git_writes_in_ebcdic_is_decoded(tmp_path):
    repo = _repo(tmp_path, "secret.txt working-tree-encoding=IBM037\n")
    key = make_key(9961)
    (repo / "secret.txt").write_bytes(f"KAMAN_API_KEY={key}\n".encode("cp037"))
    code, report = _scan(repo)
    assert code == 1
    assert [f["fingerprint"] for f in report["findings"]] == [fp(key)]


def test_an_encoding_that_does_not_decode_here_is_exit_2(tmp_path):
    repo = _repo(tmp_path, "secret.txt working-tree-encoding=X-NO-SUCH-CODE\n")
    (repo / "secret.txt").write_bytes(b"whatever\n")
    code, report = _scan(repo)
    assert code == 2
    assert [e["kind"] for e in report["errors"]] == ["unreadable"]


def test_without_such_attributes_git_is_not_asked(tmp_path, monkeypatch):
    from kaman_lint import discover

    repo = _repo(tmp_path, "* text=auto\n")
    (repo / "a.py").write_text("x = 1\n")
    monkeypatch.setattr(discover, "working_tree_encodings", lambda *a: (_ for _ in ()).throw(AssertionError("asked")))
    assert _scan(repo)[0] == 0
