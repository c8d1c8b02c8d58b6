"""`-o FILE` writes where the command line says, never where the scanned tree redirects it: a
pull request can commit `report.sarif` (or a `reports/` directory) as a symbolic link to a file
of the CI runner (`~/.bashrc`, another checkout), and the gate would overwrite or create that
file with a report whose text is partly the pull request's own file names."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from fakekeys import make_key

KEY = make_key(1730)


def kaman_lint(cwd: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "kaman_lint", *args], cwd=cwd, capture_output=True, text=True,
                          timeout=60)


@pytest.fixture
def trees(tmp_path: Path) -> tuple[Path, Path]:
    repo, outside = tmp_path / "repo", tmp_path / "outside"
    repo.mkdir(), outside.mkdir()
    (repo / "app.py").write_text(f'KAMAN_API_KEY = "{KEY}"\n', encoding="utf-8")
    return repo, outside


@pytest.mark.parametrize("command", [["scan", ".", "--format", "sarif"], ["history", ".", "--format", "json"]])
def test_a_report_link_out_of_the_tree_is_not_written_through(trees, command) -> None:
    repo, outside = trees
    if command[0] == "history":
        subprocess.run("git init -q && git add -A && git -c user.name=a -c user.email=a@b commit -qm x",
                       shell=True, cwd=repo, check=True, capture_output=True)
    victim = outside / "bashrc"
    victim.write_text("original\n", encoding="utf-8")
    (repo / "report.out").symlink_to(victim)
    done = kaman_lint(repo, *command, "-o", "report.out")
    assert done.returncode == 2 and "link out of the scanned tree" in done.stderr, done.stderr[-300:]
    assert victim.read_text(encoding="utf-8") == "original\n"


def test_a_dangling_link_or_a_linked_directory_creates_nothing_outside(trees) -> None:
    repo, outside = trees
    (repo / "kaman.sarif").symlink_to(outside / "new-file")
    (repo / "reports").symlink_to(outside, target_is_directory=True)
    for target in ("kaman.sarif", "reports/kaman.sarif"):
        done = kaman_lint(repo, "scan", ".", "--format", "sarif", "-o", target)
        assert done.returncode == 2, done.stderr[-300:]
    assert sorted(os.listdir(outside)) == []


def test_the_baseline_command_does_not_write_through_a_link_out_of_the_tree(trees) -> None:
    repo, outside = trees
    victim = outside / "baseline.json"
    victim.write_text('{"version": 1, "tool": "kaman-lint", "entries": []}\n', encoding="utf-8")
    before = victim.read_text(encoding="utf-8")
    (repo / "kaman-baseline.json").symlink_to(victim)
    done = kaman_lint(repo, "baseline", ".", "-o", "kaman-baseline.json")
    assert done.returncode == 2 and "link out of the scanned tree" in done.stderr, done.stderr[-300:]
    assert victim.read_text(encoding="utf-8") == before


def test_outputs_named_outside_the_tree_or_linked_inside_it_are_written(trees) -> None:
    repo, outside = trees
    done = kaman_lint(repo, "scan", ".", "--format", "json", "-o", str(outside / "named.json"))
    assert done.returncode == 1 and (outside / "named.json").read_text(encoding="utf-8").startswith("{")
    (repo / "out").mkdir()
    (repo / "latest.json").symlink_to(repo / "out" / "report.json")
    done = kaman_lint(repo, "scan", ".", "--format", "json", "-o", "latest.json")
    assert done.returncode == 1 and (repo / "out" / "report.json").exists()
