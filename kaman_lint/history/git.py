"""Running git for the history scan: one place that knows the command line, the environment and
how a failure becomes a :class:`HistoryError` (exit 2) instead of a traceback.

Every command runs with settings that make its output independent of the user's git config
(`log.showSignature`, `log.showRoot`, colour) and that never reach the network: in a partial
clone a missing object is reported, not fetched (`GIT_NO_LAZY_FETCH`, git 2.44+; older gits are
only ever asked for objects `rev-list --missing=print` listed as present).
"""

from __future__ import annotations

import os
import re
import subprocess
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

# Options for every command: output as the parser expects it, whatever ~/.gitconfig says.
CONFIG = ("-c", "color.ui=never", "-c", "log.showSignature=false", "-c", "log.showRoot=true",
          "-c", "core.quotePath=false", "-c", "diff.noprefix=false")
NULL_SHA = "0" * 40


class HistoryError(Exception):
    """The history cannot be scanned at all (not a repository, a bad range, git missing)."""


def decode_path(raw: bytes) -> str:
    """A path as git stores it (bytes): UTF-8 where it is, other bytes kept as surrogates, as
    `os.walk` gives undecodable file names, so reports treat both alike."""
    return raw.decode("utf-8", "surrogateescape")


def decode_text(raw: bytes) -> str:
    """An author name or other text from a commit: invalid UTF-8 shown as replacement marks."""
    return raw.decode("utf-8", "replace")


@dataclass(frozen=True)
class Repository:
    """A git repository: `top` is its work tree (or the git directory of a bare repository);
    reports give paths relative to it."""

    top: str
    git_dir: str

    @classmethod
    def open(cls, path: str) -> Repository:
        """The repository at `path`. git's version, which the commands started next depend on,
        is asked meanwhile, and where it is in a work tree one rev-parse says where (flask:
        three git runs one after the other before the log could start, ~2.5 ms each, now one)."""
        if not os.path.isdir(path):
            raise HistoryError(f"{path}: no such directory")
        try:
            asked = subprocess.Popen(["git", "-C", path, *CONFIG, "version"], stdout=subprocess.PIPE,
                                     stderr=subprocess.DEVNULL)
        except FileNotFoundError as err:
            raise HistoryError("the history scan needs git, which is not installed") from err
        try:
            repo = cls._located(path)
        finally:
            out = asked.communicate()[0]
        if asked.returncode == 0:  # else `version` asks again when it is read, and says why it failed
            repo.__dict__["version"] = _version(out)  # the cached_property's value
        return repo

    @classmethod
    def _located(cls, path: str) -> Repository:
        done = _completed(path, ("rev-parse", "--is-bare-repository", "--absolute-git-dir", "--show-toplevel"), None)
        lines = done.stdout.split(b"\n")
        if done.returncode == 0 and len(lines) == 4 and not lines[3] and lines[0] == b"false":
            return cls(decode_path(lines[2]), decode_path(lines[1]))
        done = _completed(path, ("rev-parse", "--is-bare-repository", "--absolute-git-dir"), None)
        if done.returncode != 0:
            reason = first_line(done.stderr)
            raise HistoryError(f"{path}: not a git repository" if "not a git repository" in reason
                               else f"{path}: {reason}")
        bare, git_dir = done.stdout.split(b"\n")[:2]  # bytes: str.splitlines also splits at U+0085
        git_dir = decode_path(git_dir)  # a folder's bytes kept, as in `top`
        if bare == b"true":
            return cls(git_dir, git_dir)
        top = decode_path(_run_git(path, "rev-parse", "--show-toplevel")).rstrip("\n")
        return cls(top, git_dir)

    # -- running commands ------------------------------------------------------------------------

    @property
    def env(self) -> dict[str, str]:
        return {**os.environ, "GIT_NO_LAZY_FETCH": "1", "GIT_TERMINAL_PROMPT": "0",
                "GIT_LITERAL_PATHSPECS": "1"}

    def command(self, *args: str) -> list[str]:
        return ["git", "-C", self.top, *CONFIG, *args]

    def run(self, *args: str, check: bool = True) -> bytes:
        return _run_git(self.top, *args, env=self.env) if check else _try_git(self.top, *args, env=self.env)

    def popen(self, *args: str, stdin: int | None = None, stdout=subprocess.PIPE) -> subprocess.Popen:
        try:
            return subprocess.Popen(self.command(*args), stdin=stdin, stdout=stdout,
                                    stderr=subprocess.PIPE, env=self.env, bufsize=1 << 16)
        except FileNotFoundError as err:
            raise HistoryError("the history scan needs git, which is not installed") from err

    # -- what the repository is ------------------------------------------------------------------

    @cached_property
    def head(self) -> str | None:
        """HEAD's commit, or None when HEAD names a branch without commits (a new repository)."""
        out = _try_git(self.top, "rev-parse", "--verify", "-q", "HEAD^{commit}", env=self.env)
        return out.decode().strip() or None

    @cached_property
    def branch(self) -> str | None:
        out = _try_git(self.top, "symbolic-ref", "-q", "--short", "HEAD", env=self.env)
        return decode_text(out).strip() or None

    @cached_property
    def shallow_commits(self) -> frozenset[str]:
        """The commits whose parents a shallow clone does not have (empty in a full clone)."""
        try:
            with open(os.path.join(self.git_dir, "shallow"), encoding="ascii") as handle:
                return frozenset(line.strip() for line in handle if line.strip())
        except (OSError, UnicodeDecodeError):
            return frozenset()

    @cached_property
    def version(self) -> tuple[int, ...]:
        return _version(_run_git(self.top, "version"))

    def repository_uri(self) -> str:
        """The `origin` remote as an absolute URI without credentials, else the top as a file URI."""
        url = decode_text(_try_git(self.top, "config", "--get", "remote.origin.url", env=self.env)).strip()
        return public_uri(url) or Path(self.top).as_uri()


def _version(out: bytes) -> tuple[int, ...]:
    """(major, minor) from `git version`'s output; (0, 0) if it names none."""
    match = re.search(rb"(\d+)\.(\d+)", out)
    return tuple(int(n) for n in match.groups()) if match else (0, 0)


def public_uri(url: str) -> str | None:
    """`url` as an absolute URI with any user name and password removed (a remote URL may hold
    a token), or None when it is not one (`git@host:org/repo` becomes `ssh://host/org/repo`)."""
    scp = re.fullmatch(r"(?:[^@/]+@)?([^:/]+):(?!//)(.+)", url)
    if scp:
        return f"ssh://{scp.group(1)}/{scp.group(2).lstrip('/')}"
    parts = urlsplit(url)
    if not parts.scheme or not parts.netloc and parts.scheme != "file":
        return None
    host = parts.hostname or ""
    netloc = host + (f":{parts.port}" if parts.port else "")
    return urlunsplit((parts.scheme, netloc, parts.path, "", ""))


def _run_git(cwd: str, *args: str, env: dict[str, str] | None = None) -> bytes:
    done = _completed(cwd, args, env)
    if done.returncode != 0:
        raise HistoryError(f"git {args[0]} failed: {first_line(done.stderr) or f'exit status {done.returncode}'}")
    return done.stdout


def _try_git(cwd: str, *args: str, env: dict[str, str] | None = None) -> bytes:
    """The output, or b"" when git says no (a missing ref, an unset config key)."""
    done = _completed(cwd, args, env)
    return done.stdout if done.returncode == 0 else b""


def _completed(cwd: str, args: tuple[str, ...], env: dict[str, str] | None) -> subprocess.CompletedProcess:
    try:
        return subprocess.run(["git", "-C", cwd, *CONFIG, *args], capture_output=True, env=env, check=False)
    except FileNotFoundError as err:
        raise HistoryError("the history scan needs git, which is not installed") from err


def first_line(stderr: bytes) -> str:
    """git's own explanation, one line (`fatal: ` dropped)."""
    lines = [line for line in decode_text(stderr).splitlines() if line.strip()]
    fatal = [line for line in lines if line.startswith(("fatal:", "error:"))]
    line = (fatal or lines or [""])[0]
    return re.sub(r"^(fatal|error): ", "", line).strip()
