"""A symbolic link's target is text git commits like a file's content (`ln -s kam_<key> conf`):
links are not followed out of the tree and a dangling one has nothing to read, so a key written
as a link's target was never seen. It is scanned (KAM001) at the link's path, in the work tree
and with --staged."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

from click.testing import CliRunner

from kaman_lint.cli import main
from tests.fakekeys import fp, leaked, make_key


def _report(*args: str) -> tuple[int, dict]:
    result = CliRunner().invoke(main, ["scan", "--format", "json", *args])
    return result.exit_code, json.loads(result.stdout)


def test_a_key_as_a_links_target_is_found(tmp_path, monkeypatch):
    key = make_key(9971)
    os.symlink(key, tmp_path / "api_key")
    os.symlink("/etc/hostname", tmp_path / "plain_link")  # no key in it: nothing said
    monkeypatch.chdir(tmp_path)
    code, report = _report(".")
    assert code == 1
    assert [(f["rule_id"], f["path"], f["fingerprint"]) for f in report["findings"]] == [
        ("KAM001", "api_key", fp(key))]
    clean = not leaked(json.dumps(report), [key])
    assert clean


def test_a_staged_link_with_a_key_as_its_target_is_found(tmp_path, monkeypatch):
    key = make_key(9972)
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    os.symlink(key, tmp_path / "api_key")
    subprocess.run(["git", "-C", str(tmp_path), "add", "api_key"], check=True)
    os.unlink(tmp_path / "api_key")  # the index is what is committed
    monkeypatch.chdir(tmp_path)
    code, report = _report("--staged")
    assert code == 1
    assert [f["fingerprint"] for f in report["findings"]] == [fp(key)]
