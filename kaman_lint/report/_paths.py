"""Where a report's paths start from.

A finding carries its path relative to the scan root. People open files from where they ran
the command, so text, github, json and the notices on stderr name them relative to the current
directory, as ruff and gitleaks do (`kaman-lint scan ../app/src` prints `../app/src/x.py`; a
file that shares only `/` with the current directory is named absolutely).
Code-scanning services resolve paths against the repository they check out, so SARIF URIs (under
`%SRCROOT%`) and the GitLab report start from the source root: the top of the git work tree that
holds the scan root, or the scan root itself outside git. Neither depends on the directory the
scan was started from. (Baselines are relative to the baseline file's own folder: baseline.py.)
History scans name files as they are in the repository, in every format: they are paths in
commits, which need not exist on disk.
"""

from __future__ import annotations

import os
import posixpath

from kaman_lint import printable
from kaman_lint.keys import redact_path
from kaman_lint.paths import inside, posix, repository_top

TYPE_CHECKING = False  # typing.TYPE_CHECKING: typing is not imported at run time
if TYPE_CHECKING:
    from kaman_lint.findings import ScanResult

STDIN = "-"  # the path of a stdin buffer without --stdin-filename
_POSIX = os.path.join is posixpath.join


class ReportPaths:
    def __init__(self, root: str, cwd: str | None = None, *, in_history: bool = False) -> None:
        self.root = os.path.abspath(root)
        self._root_slash = self.root if self.root.endswith("/") else self.root + "/"
        self.cwd = os.path.abspath(cwd) if cwd else os.getcwd()
        self.in_history = in_history
        self._source_root: str | None = None
        # A report names each file once per finding (160,000 on a minified bundle): each path's
        # answers are worked out once.
        self._from_cwd: dict[str, str] = {}
        self._from_source_root: dict[str, str | None] = {}
        self.per_path: dict[tuple[str, str], object] = {}  # (reporter's label, path) -> its answer

    @classmethod
    def of(cls, result: ScanResult, cwd: str | None = None) -> ReportPaths:
        return cls(result.root, cwd, in_history=result.history is not None)

    @property
    def source_root(self) -> str:
        """`%SRCROOT%`: the git work tree's top above the scan root, else the scan root."""
        if self._source_root is None:
            self._source_root = repository_top(self.root) or self.root
        return self._source_root

    def absolute(self, path: str) -> str:
        # a path outside the scan root (a stale baseline entry) is carried absolute already
        if _POSIX and not path.startswith("/"):  # os.path.join spelt out: asked once per path of a report
            return os.path.normpath(self._root_slash + path)
        return os.path.normpath(os.path.join(self.root, path))

    def from_cwd(self, path: str) -> str:
        shown = self._from_cwd.get(path)
        if shown is None:
            shown = self._from_cwd[path] = self._from_cwd_of(path)
        return shown

    def _from_cwd_of(self, path: str) -> str:
        """`path` relative to the current directory, `/`-separated (`../app/x.py`); absolute
        when the two share no folder but the filesystem's root (`/tmp/x.py` seen from
        `/home/me/project`), where a chain of `..` would only hide where the file is."""
        if path == STDIN or (self.root == self.cwd or self.in_history) and not os.path.isabs(path):
            return path  # a history path names a file in a commit, not one on disk: as in the repository
        full = self.absolute(path)
        try:
            common = os.path.commonpath([full, self.cwd])
        except ValueError:  # Windows: another drive
            return redact_path(posix(full))
        if os.path.dirname(common) == common:
            return redact_path(posix(full))
        # the part taken from the scan root (`../x_kam_<key>_checkout/`) is redacted here; the
        # finding's own part was when it was made (redact_path leaves a redacted path as it is)
        return redact_path(posix(os.path.relpath(full, self.cwd)))

    def shown(self, path: str) -> str:
        """`path` as line-oriented output prints it: relative to the current directory, with
        control characters and undecodable bytes escaped."""
        return printable.line(self.from_cwd(path))

    def from_source_root(self, path: str) -> str | None:
        """`path` relative to the source root, `/`-separated; None when it lies outside."""
        try:
            return self._from_source_root[path]
        except KeyError:
            found = self._from_source_root[path] = self._from_source_root_of(path)
            return found

    def _from_source_root_of(self, path: str) -> str | None:
        if path == STDIN:
            return path
        if not _POSIX:
            rel = inside(self.absolute(path), self.source_root)
            return None if rel is None else redact_path(rel) or "."
        # `inside(self.absolute(path), self.source_root)` spelt out: asked once per path of a report
        full = os.path.normpath(self._root_slash + path) if not path.startswith("/") else self.absolute(path)
        top = self.source_root
        prefix = top if top.endswith("/") else top + "/"
        if full.startswith(prefix):
            return redact_path(full[len(prefix):]) or "."
        return "." if full == top else None
