"""Path arithmetic on strings. A walk asks these for every file of a 40,000-file tree, so they
build no pathlib objects."""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path, PurePosixPath


def posix(path: str) -> str:
    return path if os.sep == "/" else path.replace(os.sep, "/")


def inside(path: str, base: str) -> str | None:
    """`path` relative to `base`, `/`-separated ("" for `base` itself), or None when it is not
    inside. Both absolute and normalised (no trailing separator)."""
    if path == base:
        return ""
    prefix = base if base.endswith(os.sep) else base + os.sep
    return posix(path[len(prefix):]) if path.startswith(prefix) else None


def absolute(path: str | os.PathLike[str]) -> str:
    """os.path.abspath, cached for absolute inputs: the same few bases (scan root, project
    root) are asked for every file. A relative path depends on the working directory."""
    path = os.fspath(path)
    return _normalized(path) if os.path.isabs(path) else os.path.abspath(path)


@lru_cache(maxsize=64)
def _normalized(path: str) -> str:
    return os.path.normpath(path)


@lru_cache(maxsize=1024)
def pure(path: str) -> PurePosixPath:
    """`PurePosixPath(path)`, built once per path (the object is immutable): the analysis of a
    file asks its name, folder, suffix and parts in several places, and a history scan asks
    them again for every version of a file (flask's 221 blobs: 5% of their analysis went to
    building the same pathlib objects)."""
    return PurePosixPath(path)


@lru_cache(maxsize=16)
def concrete(path: str) -> Path:
    """`Path(path)` for the few roots a run has (a rule's finish step asks for every file)."""
    return Path(path)


def relative_path(path: str | os.PathLike[str], root: str | os.PathLike[str]) -> str:
    """`path` relative to `root` with `/` separators ("." for the root itself); the absolute
    posix path when `path` is outside `root`."""
    full = os.path.abspath(path)
    rel = inside(full, absolute(root))
    if rel is None:
        return posix(full)
    return rel or "."


def repository_top(directory: str) -> str | None:
    """The nearest directory at or above `directory` holding `.git` (a directory, or the file a
    worktree or submodule has), or None outside any repository."""
    current = os.path.abspath(directory)
    while True:
        if os.path.lexists(os.path.join(current, ".git")):
            return current
        parent = os.path.dirname(current)
        if parent == current:
            return None
        current = parent
