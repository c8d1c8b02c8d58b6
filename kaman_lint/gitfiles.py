"""What git says a work tree holds: `git ls-files --cached --others --exclude-standard`.

Tracked files always (git never ignores a tracked file, whatever `.gitignore` says later),
untracked ones unless ignored. One `git` process per directory scanned, `-z` so that no name is
quoted or mangled. Untracked nested repositories come back as `dir/`, submodules as their
directory: the walk scans those as repositories of their own.
"""

from __future__ import annotations

import os

# Variables a git hook or a wrapper may set that would point git at another repository or
# index than the one holding the directory scanned.
_REPOSITORY_VARIABLES = ("GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "GIT_COMMON_DIR", "GIT_PREFIX")


class GitUnavailable(Exception):
    """git is not installed, or failed in a directory that is inside a repository."""


def work_tree_files(directory: str, *, tracked_only: bool = False) -> dict[str, bool] | None:
    """The paths git lists under `directory`, relative to it, `/`-separated (a trailing `/`
    marks an untracked nested repository), each with whether git tracks it; None when
    `directory` is not in a git work tree. With `tracked_only`, the tracked files alone."""
    args = ["ls-files", "-z", "-t", "--cached"]  # -t: `? ` opens an untracked path
    if not tracked_only:
        args += ["--others", "--exclude-standard"]
    env = {k: v for k, v in os.environ.items() if k not in _REPOSITORY_VARIABLES}
    env["LC_ALL"] = "C"  # the messages told apart below are git's English ones
    from kaman_lint import spawn  # here: a stdin buffer (an editor's, the LSP's) never runs git

    try:
        status, output, errors = spawn.run(["git", "-c", "core.fsmonitor=false", "-C", directory, *args], env=env)
    except OSError as err:  # not installed (FileNotFoundError), or cannot be run
        raise GitUnavailable(f"git cannot be run: {err.strerror or err}") from err
    if status != 0:
        message = errors.decode(errors="replace").strip()
        if "not a git repository" in message or "must be run in a work tree" in message:
            return None
        first = message.splitlines()[0] if message else f"exit status {status}"
        raise GitUnavailable(f"git ls-files failed: {first}")
    listed: dict[str, bool] = {}
    for item in output.split(b"\0"):
        if len(item) > 2:  # "<tag> <path>"
            path = os.fsdecode(item[2:])
            listed[path] = listed.get(path, False) or item[:1] != b"?"
    return listed


def working_tree_encodings(directory: str, paths: list[str]) -> dict[str, str]:
    """path -> the `working-tree-encoding` git's attributes give it (`.gitattributes`:
    `secret.py working-tree-encoding=IBM037`), for `paths` relative to `directory`. git keeps
    such a file as UTF-8 in its objects and writes it to the work tree in that encoding, so a
    change can have its key checked out in EBCDIC or UTF-7, where `kam_` is not spelled `kam_`."""
    env = {k: v for k, v in os.environ.items() if k not in _REPOSITORY_VARIABLES}
    import subprocess

    try:
        done = subprocess.run(["git", "-c", "core.fsmonitor=false", "-C", directory, "check-attr", "-z", "--stdin",
                               "working-tree-encoding"], input=b"\0".join(os.fsencode(p) for p in paths),
                              capture_output=True, env=env, check=False)
    except OSError as err:
        raise GitUnavailable(f"git cannot be run: {err.strerror or err}") from err
    if done.returncode != 0:
        raise GitUnavailable(f"git check-attr failed: {done.stderr.decode(errors='replace').strip()[:200]}")
    fields = done.stdout.split(b"\0")
    found = {}
    for at in range(0, len(fields) - 2, 3):  # path NUL attribute NUL value NUL
        value = fields[at + 2].decode(errors="replace")
        if value not in ("unspecified", "unset", "set", ""):
            found[os.fsdecode(fields[at])] = value
    return found
