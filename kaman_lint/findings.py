"""What a scan produces: findings, notices, and the result that carries both to a reporter.

A :class:`Finding` has no field that could hold a key: only its fingerprint and redacted preview.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum

from kaman_lint.keys import redact_path, safe_text


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"
    NOTE = "note"

    @property
    def rank(self) -> int:
        """note < warning < error: the one ordering (`fail-on` compares with it)."""
        return (Severity.NOTE, Severity.WARNING, Severity.ERROR).index(self)


@dataclass(frozen=True, order=True)
class Location:
    """A place in a file. `path` is relative to the scan root, `/`-separated; line and column
    are 1-based, columns in Unicode code points. `message` is only used for related locations."""

    path: str
    line: int
    column: int
    end_line: int | None = None
    end_column: int | None = None
    message: str | None = field(default=None, compare=False)


@dataclass(frozen=True)
class Finding:
    rule_id: str
    severity: Severity
    location: Location
    message: str
    fingerprint: str
    preview: str = ""
    related: tuple[Location, ...] = ()

    @property
    def sort_key(self) -> tuple:
        loc = self.location
        return (loc.path, loc.line, loc.column, self.rule_id, self.fingerprint)


@dataclass(frozen=True)
class Notice:
    """Something the user should know that is not a finding: a skipped file, a parse error,
    a blanket or unused suppression, a stale baseline entry. Printed on stderr and carried in
    the report's `errors`."""

    kind: str  # e.g. "binary", "too-large", "unreadable", "parse-error", "unused-suppression"
    message: str
    path: str | None = None
    line: int | None = None

    def __post_init__(self) -> None:
        # Redacted here, once, so no producer can forget: a notice quotes directive text, a
        # decoder's or parser's message, and a path that may be named after a key.
        object.__setattr__(self, "message", safe_text(self.message))
        if self.path is not None:
            object.__setattr__(self, "path", redact_path(self.path))

    def __str__(self) -> str:
        where = self.path or "kaman-lint"
        if self.line is not None:
            where += f":{self.line}"
        return f"{where}: {self.message}"


@dataclass
class ScanResult:
    findings: list[Finding] = field(default_factory=list)
    notices: list[Notice] = field(default_factory=list)
    files_scanned: int = 0
    root: str = "."  # absolute scan root; finding paths are relative to it

    @property
    def missing_paths(self) -> bool:
        """A path given on the command line does not exist: a bad argument (exit 2)."""
        return any(n.kind == "missing" for n in self.notices)

    def fails(self, threshold: Severity) -> bool:
        """Whether a finding at or above `threshold` (`fail-on`) is left."""
        return any(Severity(f.severity).rank >= threshold.rank for f in self.findings)

    def sorted(self) -> ScanResult:
        return ScanResult(
            findings=sorted(self.findings, key=lambda f: f.sort_key),
            notices=sorted(self.notices, key=lambda n: (n.path or "", n.line or 0, n.kind, n.message)),
            files_scanned=self.files_scanned,
            root=self.root,
        )
