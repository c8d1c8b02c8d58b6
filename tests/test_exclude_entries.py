"""`Config.excludes_entry` (the walk's test, mostly by name) prunes a tree exactly as matching
each whole path with `Config.excludes` did, for every kind of pattern."""

from __future__ import annotations

import random

import pytest

from kaman_lint.config import DEFAULT_EXCLUDE, Config

NAMES = ["a", "b", "build", "venv", ".venv", "x.min.js", "y.py", "z.pyc", "docs", "a.b", "c"]
PATTERNS = [
    "build", "build/", "venv", ".venv", "*.min.js", "*.py[co]", "*.py", "y.*", "?", "a?b", "a/b",
    "/a", "/build/", "docs/*.py", "**/c", "a/**", "a/**/y.py", "**/docs/", "[ab]", "a[!x]b",
    "a\\.b", "!y.py", "!build/", "docs/", "*/c", "b/*/c", "*", "d*s", "x.min.js/", "\\!x",
]


def random_tree(rng: random.Random) -> list[tuple[str, bool]]:
    """(relative path, is a directory) for a random tree, parents before children."""
    entries: list[tuple[str, bool]] = []

    def grow(parent: str, depth: int) -> None:
        for name in rng.sample(NAMES, rng.randint(1, 5)):
            rel = f"{parent}/{name}" if parent else name
            is_dir = depth < 3 and rng.random() < 0.5
            entries.append((rel, is_dir))
            if is_dir:
                grow(rel, depth + 1)

    grow("", 0)
    return entries


def walked(entries: list[tuple[str, bool]], excluded) -> set[str]:
    """What a walk keeps: an entry excluded, or under an excluded directory, is left out."""
    kept: set[str] = set()
    pruned: set[str] = set()
    for rel, is_dir in entries:
        parent, _, name = rel.rpartition("/")
        if parent in pruned or excluded(parent, name, is_dir):
            pruned.add(rel)
        else:
            kept.add(rel)
    return kept


def _random_excludes(rng: random.Random) -> tuple[list[str], Config]:
    """Up to six of PATTERNS, as `exclude` (most seeds) or `extend_exclude`, and their config."""
    patterns = rng.sample(PATTERNS, rng.randint(1, 6))
    return patterns, Config(exclude=patterns) if rng.random() < 0.8 else Config(extend_exclude=patterns)


@pytest.mark.parametrize("seed", range(300))
def test_the_walk_test_prunes_as_whole_paths_do(seed: int) -> None:
    rng = random.Random(seed)
    patterns, config = _random_excludes(rng)
    tree = random_tree(rng)
    by_path = walked(tree, lambda parent, name, is_dir: config.excludes(f"{parent}/{name}" if parent else name,
                                                                         is_dir))
    by_entry = walked(tree, config.excludes_entry)
    assert by_entry == by_path, patterns


def test_default_excludes_are_judged_by_name() -> None:
    config = Config()
    assert all(config.excludes_entry("src/deep", name, True) for name in DEFAULT_EXCLUDE)
    assert not config.excludes_entry("src/deep", "venvs", True)
    assert not config.excludes_entry("", "app.py", False)


@pytest.mark.parametrize("seed", range(300))
def test_the_file_names_a_walk_asks_answer_as_the_entry_test(seed: int) -> None:
    """`Config.file_names_excluded`, when given, answers for a file as `excludes_entry` does."""
    rng = random.Random(seed)
    patterns, config = _random_excludes(rng)
    names = config.file_names_excluded
    if names is None:
        return
    for rel, is_dir in random_tree(rng):
        parent, _, name = rel.rpartition("/")
        if not is_dir:
            assert (name in names) == config.excludes_entry(parent, name, False), (patterns, rel)


def test_file_names_are_given_only_when_the_name_alone_decides() -> None:
    assert Config().file_names_excluded == frozenset(DEFAULT_EXCLUDE)
    assert Config(extend_exclude=["secrets.txt", "build/"]).file_names_excluded == {*DEFAULT_EXCLUDE, "secrets.txt"}
    for pattern in ("*.min.js", "docs/a.py", "!y.py"):
        assert Config(extend_exclude=[pattern]).file_names_excluded is None, pattern


@pytest.mark.parametrize("seed", range(300))
def test_the_directory_names_a_walk_asks_answer_as_the_entry_test(seed: int) -> None:
    """`Config.directory_names_excluded`, when given, answers for a directory as `excludes_entry` does."""
    rng = random.Random(seed)
    patterns, config = _random_excludes(rng)
    names = config.directory_names_excluded
    assert (names is None) == (config.file_names_excluded is None)
    if names is None:
        return
    for rel, _is_dir in random_tree(rng):
        parent, _, name = rel.rpartition("/")
        assert (name in names) == config.excludes_entry(parent, name, True), (patterns, rel)
