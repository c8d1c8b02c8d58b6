"""Is a file tracked by git? Asked of git itself (`git ls-files`), read-only."""

from __future__ import annotations

import os
import subprocess


def is_tracked(path: str) -> bool | None:
    """True/False, or None when `path` is not in a git work tree (or git is missing)."""
    directory, name = os.path.split(os.path.abspath(path))
    try:
        done = subprocess.run(["git", "ls-files", "--error-unmatch", "--", name], cwd=directory,
                              capture_output=True, timeout=10, check=False)
    except (OSError, subprocess.SubprocessError):
        return None
    if done.returncode == 0:
        return True
    return False if b"did not match" in done.stderr else None
