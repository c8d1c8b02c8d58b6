"""Plain-name and plain-path excludes are matched without pathspec (`globs.literal_regex`):
they must answer exactly as pathspec's own gitignore regexes do."""

from __future__ import annotations

import itertools
import re

import pathspec
import pytest

from kaman_lint.globs import literal_regex, literal_test

LITERALS = ["venv", ".venv", "venv/", "/build", "/build/", "tests/fixtures/", "tests/fixtures", "a.b-c",
            "node_modules/", "src/gen", "/x/y/", "_x", "..a", "a..", "x.y/z"]
NOT_LITERAL = ["*.min.js", "build*/", "!keep", "#comment", "a/**/b", "**/x", "a\\b", "[ab]", "x?", "",
               "/", "//", ".", "..", "./a", "a/../b", "a//b", "a/./b", "name ", " name", "a/.", "../x"]
NAMES = ["venv", ".venv", "build", "tests", "fixtures", "a.b-c", "a.bxc", "node_modules", "src", "gen",
         "x", "y", "z", "_x", "..a", "a..", "x.y", "other"]


def paths():
    for depth in (1, 2, 3):
        for parts in itertools.product(NAMES[:9] if depth == 3 else NAMES, repeat=depth):
            rel = "/".join(parts)
            yield rel
            yield rel + "/"  # a directory, as the walk and is_excluded ask for one


@pytest.mark.parametrize("pattern", LITERALS)
def test_a_literal_pattern_matches_what_pathspec_matches(pattern):
    ours = re.compile(literal_regex(pattern)).match
    spec = pathspec.GitIgnoreSpec.from_lines([pattern], backend="simple")
    differ = [rel for rel in paths() if bool(ours(rel)) != spec.match_file(rel)]
    assert not differ, differ[:10]


@pytest.mark.parametrize("pattern", NOT_LITERAL)
def test_a_pattern_with_wildcards_negation_or_odd_components_goes_to_pathspec(pattern):
    assert literal_regex(pattern) is None


def test_a_list_is_literal_only_when_every_pattern_is():
    assert literal_test(["venv", "*.pyc"]) is None
    test = literal_test(["venv", "tests/fixtures/"])
    assert test("a/venv/x.py") and test("tests/fixtures/k.py") and not test("a/tests/fixtures/k.py")
    assert not literal_test([])("anything")



def test_a_list_answers_as_its_one_regex_and_compiles_it_only_for_a_path_holding_a_pattern(monkeypatch):
    """`literal_test` tries the joined regex only on a path that holds one of the patterns as
    written (no regex then: a short run's few files compile none); the answers are the regex's."""
    from kaman_lint import globs

    patterns = [p for p in LITERALS if p]
    joined = re.compile("|".join(f"(?:{literal_regex(p)})" for p in patterns)).match
    test = literal_test(patterns)
    for rel in paths():
        for odd in ("", "\n", "x\n/", "/"):
            assert test(rel + odd) == bool(joined(rel + odd)), rel + odd
    compiled = []
    real = re.compile
    monkeypatch.setattr(globs.re, "compile", lambda *args: compiled.append(args) or real(*args))
    test = literal_test([".git", "venv", "__pycache__"])
    assert not test("app.py") and not test("src/client.js") and not compiled
    assert test("a/venv/x.py") and len(compiled) == 1
    assert test("b/.git/x") and not test("b/.gitx") and len(compiled) == 1
