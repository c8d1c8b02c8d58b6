"""Gitignore-style globs (excludes, per-file-ignores, client/server globs, .gitignore files):
one constructor, so every spec matches the same way."""

from __future__ import annotations

from collections.abc import Iterable

import pathspec


def gitignore_spec(lines: Iterable[str]) -> pathspec.GitIgnoreSpec:
    """A spec on Python's `re`. pathspec would pick RE2 once it is installed (it is, for the
    config's `placeholders`), and RE2 cannot take the surrogate-escaped names of files whose
    names are not UTF-8; glob regexes are pathspec's own, made from globs, not the config's."""
    return pathspec.GitIgnoreSpec.from_lines(lines, backend="simple")
