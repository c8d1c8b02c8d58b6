"""A `.git` file (`gitdir: <path>`) is how submodules and worktrees point at their git
directory, and an unpacked archive or a copied tree can hold one pointing anywhere: at another
checkout on the runner, whose index and excludes would then decide what the scan reads (an
`info/exclude` of `*` there hid every untracked file here), with git and the scan reading that
repository's files. Such a directory is walked as one outside git; real submodules and
worktrees keep their git."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

from click.testing import CliRunner

from kaman_lint.cli import main
from kaman_lint.discover import own_git_dir
from tests.fakekeys import fp, make_key


def _git(*args: str) -> None:
    subprocess.run(["git", *args], check=True, capture_output=True)


def _scan(path: Path) -> dict:
    return json.loads(CliRunner().invoke(main, ["scan", "--format", "json", str(path)]).stdout)


def test_a_git_file_pointing_at_another_repository_does_not_decide_what_is_scanned(tmp_path):
    other = tmp_path / "other"
    _git("init", "-q", str(other))
    (other / ".git" / "info").mkdir(exist_ok=True)
    (other / ".git" / "info" / "exclude").write_text("*\n")  # another repository's say-so
    tree = tmp_path / "unpacked"
    (tree / "vendor").mkdir(parents=True)
    (tree / "vendor" / ".git").write_text(f"gitdir: {other / '.git'}\n")
    key = make_key(9801)
    (tree / "vendor" / "settings.py").write_text(f'KEY = "{key}"\n')
    report = _scan(tree)
    assert [f["fingerprint"] for f in report["findings"]] == [fp(key)]
    assert any(n["kind"] == "foreign-git" for n in report["notices"])
    assert not own_git_dir(str(tree / "vendor"))


def test_the_scan_root_itself_with_a_foreign_git_file(tmp_path):
    other = tmp_path / "other"
    _git("init", "-q", str(other))
    (other / ".git" / "info").mkdir(exist_ok=True)
    (other / ".git" / "info" / "exclude").write_text("*\n")
    tree = tmp_path / "unpacked"
    tree.mkdir()
    (tree / ".git").write_text(f"gitdir: {other / '.git'}\n")
    key = make_key(9802)
    (tree / "app.py").write_text(f'KEY = "{key}"\n')
    assert [f["fingerprint"] for f in _scan(tree)["findings"]] == [fp(key)]


def test_a_worktree_and_a_submodule_keep_their_git(tmp_path):
    main_repo = tmp_path / "main"
    _git("init", "-q", str(main_repo))
    _git("-C", str(main_repo), "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-q", "--allow-empty", "-m", "x")
    _git("-C", str(main_repo), "worktree", "add", "-q", str(tmp_path / "wt"))
    assert own_git_dir(str(tmp_path / "wt"))
    sub = main_repo / "sub"
    sub.mkdir()
    (main_repo / ".git" / "modules" / "sub").mkdir(parents=True)
    (sub / ".git").write_text("gitdir: ../.git/modules/sub\n")
    assert own_git_dir(str(sub))
    assert own_git_dir(str(main_repo))


def test_a_worktree_with_relative_paths_keeps_its_git(tmp_path):
    # `git worktree add --relative-paths` (git 2.48) writes both links relative
    admin = tmp_path / "main" / ".git" / "worktrees" / "wt"
    admin.mkdir(parents=True)
    tree = tmp_path / "wt"
    tree.mkdir()
    (tree / ".git").write_text("gitdir: ../main/.git/worktrees/wt\n")
    (admin / "gitdir").write_text("../../../../wt/.git\n")
    assert own_git_dir(str(tree))
