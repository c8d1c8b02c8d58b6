"""The walk's loop judges the common entries itself (`_Walker._walk_directory`: plain files and
subdirectories where no gitignore applies and the excludes go by name). Over random trees, with
gitignores, excludes of every kind, links in and out of the tree, special files and paths named
twice, it must come to what `_visit`, the general path, comes to for every entry: the same
paths in the same order, the same notices and counts."""

from __future__ import annotations

import os
import random
from pathlib import Path

import pytest

from kaman_lint import discover as discover_module
from kaman_lint.config import Config
from kaman_lint.walk_counts import WalkCounts

NAMES = ["a", "b", "c.py", "d", "z", "venv", ".venv", "__pycache__", "build", "secrets.txt", "x.min.js",
         ".hidden", "node_modules", "e.txt", ".gitignore", ".git"]
IGNORE_LINES = ["*.py", "build/", "!c.py", "a", "/d", "**/z", "secrets.txt", "b/*", "!b/e.txt", ".hidden/", "*"]
CONFIGS = [
    {}, {"extend_exclude": ["secrets.txt"]}, {"extend_exclude": ["build/", "d"]}, {"exclude": ["a"]},
    {"exclude": ["*.min.js"]}, {"extend_exclude": ["a/b"]}, {"extend_exclude": ["!c.py", "*.py"]},
    {"exclude": ["node_modules/"]},
]


def grow(rng: random.Random, directory: Path, depth: int, made: list[Path]) -> None:
    for name in rng.sample(NAMES, rng.randint(0, 7)):
        path = directory / name
        roll = rng.random()
        if name == ".gitignore":
            path.write_text("\n".join(rng.sample(IGNORE_LINES, rng.randint(1, 3))) + "\n")
        elif name == ".git":
            if rng.random() < 0.3:  # a `.git` file that leads nowhere: walked as outside git
                path.write_text("not a gitdir\n")
            else:
                continue
        elif depth < 3 and roll < 0.4:
            path.mkdir()
            made.append(path)
            grow(rng, path, depth + 1, made)
        elif roll < 0.47 and hasattr(os, "mkfifo"):
            os.mkfifo(path)
        else:
            path.write_text(f"{name}\n")
            made.append(path)


def add_links(rng: random.Random, root: Path, outside: Path, made: list[Path]) -> None:
    directories = [root, *(p for p in made if p.is_dir())]
    targets = [*made, outside, outside / "f.py", outside / "sub", root / "missing"]
    for _ in range(rng.randint(0, 4)):
        link = rng.choice(directories) / rng.choice(["l", "ln.py", "venv", "lk"])
        if not os.path.lexists(link):
            link.symlink_to(rng.choice(targets))


def walk(arguments: list[Path], root: Path, config: Config) -> tuple[list[str], list[tuple], int, list]:
    notices: list = []
    counts = WalkCounts()
    found = list(discover_module.discover(arguments, root=root, config=config, notices=notices, counts=counts))
    return found, [(n.kind, n.message, n.path) for n in notices], counts.excluded, counts.link_texts


@pytest.mark.parametrize("seed", range(250))
def test_the_inline_judging_comes_to_what_visit_does(seed: int, tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    rng = random.Random(seed)
    root, outside = tmp_path / "root", tmp_path / "outside"
    root.mkdir()
    (outside / "sub").mkdir(parents=True)
    (outside / "f.py").write_text("f\n")
    (outside / "sub" / "g.py").write_text("g\n")
    made: list[Path] = []
    grow(rng, root, 0, made)
    add_links(rng, root, outside, made)
    options = rng.choice(CONFIGS)
    config = Config(project_root=root, **options).with_overrides(
        no_ignore=rng.random() < 0.2, follow_links=rng.random() < 0.4)
    arguments: list[Path] = [root]
    if made and rng.random() < 0.4:  # a path named beside the tree, before or after it
        arguments.insert(rng.randint(0, 1), rng.choice(made))
    inline = walk(arguments, root, config)
    monkeypatch.setattr(discover_module._Walker, "judge_inline", False)
    assert walk(arguments, root, config) == inline, (options, arguments)


def test_the_comparison_sees_the_inline_judging(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The test above compares two ways: with `judge_inline` off no entry is judged inline."""
    for name in ("a.py", "b/c.py", "b/d/e.txt"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x\n")
    visits: list[str] = []
    real_visit = discover_module._Walker._visit

    def counted(self, entry, parent, is_dir):
        visits.append(entry.name)
        return real_visit(self, entry, parent, is_dir)

    monkeypatch.setattr(discover_module._Walker, "_visit", counted)
    assert walk([tmp_path], tmp_path, Config(project_root=tmp_path))[0] == [
        str(tmp_path / "a.py"), str(tmp_path / "b" / "c.py"), str(tmp_path / "b" / "d" / "e.txt")]
    assert visits == []
    monkeypatch.setattr(discover_module._Walker, "judge_inline", False)
    walk([tmp_path], tmp_path, Config(project_root=tmp_path))
    assert sorted(visits) == ["a.py", "b", "c.py", "d", "e.txt"]
