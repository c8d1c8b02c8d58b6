"""What a scan produces: findings, notices, and the result that carries both to a reporter.

A :class:`Finding` has no field that could hold a key: only its fingerprint and redacted preview,
and every text it, its locations and notices carry is redacted when they are made.
"""

from __future__ import annotations

from enum import Enum
from operator import attrgetter

from kaman_lint.records import dataclass, field, replace
from kaman_lint.keys import might_contain_key, redact_path, safe_finding_texts, safe_text
from kaman_lint.severity import EXIT_CLEAN, EXIT_ERROR, EXIT_FINDINGS, Severity  # noqa: F401  (part of this module's API)


# `Location` and `Finding` write their own `__init__` (which the decorator keeps): the generated
# one of a frozen record sets each field through `object.__setattr__` (~1,400 instructions a
# field here), and a 20 MiB bundle makes 29,000 findings of twelve fields and as many locations.
# Theirs write the instance's dict, the fields redacted on the way as `__post_init__` did;
# tests/test_records.py checks that each takes the arguments the generated one takes.


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

    def __init__(self, path: str, line: int, column: int, end_line: int | None = None,
                 end_column: int | None = None, message: str | None = None) -> None:
        # The generated `__init__` with its `__post_init__` (`_redact_fields(self,
        # path=redact_path, message=safe_text)`), written out (see above `Location`): a bundle makes
        # 60,000 locations, and most paths hold no key marker (`redact_path` would return them).
        if might_contain_key(path):
            path = redact_path(path)
        if message:
            message = safe_text(message)
        fields = self.__dict__
        fields["path"] = path
        fields["line"] = line
        fields["column"] = column
        fields["end_line"] = end_line
        fields["end_column"] = end_column
        fields["message"] = message


@dataclass(frozen=True)
class CommitInfo:
    """Where git history brought a finding's key into its file (history scans only): the
    commit that first added it there, and whether HEAD still holds it. Never the commit
    message, which may quote a key; the author name is redacted like any text."""

    sha: str  # full object id
    date: str  # author date, ISO 8601 (`2024-05-01T10:20:30+02:00`)
    author: str  # author name
    in_head: bool = False  # HEAD's version of the file still holds the key
    removed_in: str | None = None  # the commit that took it out, when HEAD no longer holds it
    later_commits: int = 0  # later commits whose new content of the file still held the key

    def __post_init__(self) -> None:
        object.__setattr__(self, "author", safe_text(self.author))

    @property
    def short(self) -> str:
        return self.sha[:7]

    @property
    def day(self) -> str:
        return self.date[:10]

    @property
    def status(self) -> str:
        """`still present`, `removed in abc1234`, or `not in HEAD` (only on other refs)."""
        if self.in_head:
            return "still present"
        return f"removed in {self.removed_in[:7]}" if self.removed_in else "not in HEAD"


@dataclass(frozen=True)
class Suppression:
    """Why a finding is not open: a suppression comment in the file (`inSource`, SARIF's kind)
    or the repository's config (`external`: per-file-ignores). Suppressed findings are still
    reported as such, so a change that adds a key and hides it in the same stroke shows."""

    kind: str  # "inSource" | "external"
    justification: str  # the comment's reason, or which config entry hid it
    location: Location | None = None  # the comment (inSource)

    def __post_init__(self) -> None:
        _redact_fields(self, justification=safe_text)


@dataclass(frozen=True)
class Finding:
    """One reported problem: a rule, where, what, and the key's fingerprint."""
    rule_id: str
    severity: Severity
    location: Location
    message: str
    fingerprint: str
    preview: str = ""
    related: tuple[Location, ...] = ()
    commit: CommitInfo | None = None  # history scans: the commit that introduced the key
    suppression: Suppression | None = None  # set only on ScanResult.suppressed
    # The way to the finding across files, in order (SARIF codeFlows): a client entry point, the
    # imports from it, the finding's own location last. Each step carries its message.
    flow: tuple[Location, ...] = ()
    # The same rule, key and message written more than once on this line is one finding
    # (kaman_lint/repeats.py): how many times, and the first few places after `location`.
    occurrences: int = 1
    repeats: tuple[Location, ...] = ()

    def __init__(self, rule_id: str, severity: Severity, location: Location, message: str, fingerprint: str,
                 preview: str = "", related: tuple[Location, ...] = (), commit: CommitInfo | None = None,
                 suppression: Suppression | None = None, flow: tuple[Location, ...] = (), occurrences: int = 1,
                 repeats: tuple[Location, ...] = ()) -> None:
        # The generated `__init__` with its `__post_init__` (`_redact_fields(self,
        # message=safe_text, preview=safe_text)`), written out (see above `Location`); the message
        # quotes the preview, and `keys.safe_message` redacts it as `safe_text` does, sooner.
        if message or preview:
            message, preview = safe_finding_texts(message, preview)
        fields = self.__dict__
        fields["rule_id"] = rule_id
        fields["severity"] = severity
        fields["location"] = location
        fields["message"] = message
        fields["fingerprint"] = fingerprint
        fields["preview"] = preview
        fields["related"] = related
        fields["commit"] = commit
        fields["suppression"] = suppression
        fields["flow"] = flow
        fields["occurrences"] = occurrences
        fields["repeats"] = repeats

    @property
    def sort_key(self) -> tuple:
        return SORT_KEY(self)


# A finding's place in a report: (path, line, column, rule id, fingerprint), read in C (a
# report sorts its findings, and a lambda reading a property is two Python calls a finding).
SORT_KEY = attrgetter("location.path", "location.line", "location.column", "rule_id", "fingerprint")


def NOTICE_KEY(notice: Notice) -> tuple:  # noqa: N802 - named as SORT_KEY, its findings' twin
    """A notice's place in a report: (path, line, kind, message)."""
    return notice.path or "", notice.line or 0, notice.kind, notice.message


class NoticeClass(str, Enum):
    """What a notice means for the gate: the one classification the exit status, the report's
    `errors` / `skipped` split and the summary counts all rely on."""

    ERROR = "error"  # the scan could not check something it was asked to: exit 2
    SKIPPED = "skipped"  # left out by choice (binary, too large): counted, not an error
    INFO = "info"  # worth knowing; nothing went unchecked because of it


# Every notice kind a producer may emit, and its class. A kind missing here counts as an error
# (fail closed): a new producer must register its kind, and tests/test_notice_classes.py checks
# that every kind written in the package is listed.
NOTICE_CLASSES: dict[str, NoticeClass] = {
    # could not check something it was asked to
    "missing": NoticeClass.ERROR,  # a path given on the command line does not exist
    "unreadable": NoticeClass.ERROR,  # permission, I/O error, a directory that cannot be listed
    "vanished": NoticeClass.ERROR,  # listed by the walk, gone (or replaced) when read
    "unmerged": NoticeClass.ERROR,  # --staged: an index entry with a conflict, never read
    "history-unreadable": NoticeClass.ERROR,  # a commit or blob of the history that was not read
    "internal-error": NoticeClass.ERROR,  # an analyzer failed: only plain-text KAM001 ran on it
    "git-unavailable": NoticeClass.ERROR,  # no git: the walk's gitignore matching may drop a tracked file
    "archive-unchecked": NoticeClass.ERROR,  # archive content past a bound, encrypted or unreadable
    "nothing-scanned": NoticeClass.ERROR,  # the config left nothing of a walked tree to check
    "lfs-unchecked": NoticeClass.ERROR,  # a Git LFS pointer whose content is not here
    # skipped by choice
    "binary": NoticeClass.SKIPPED,
    "too-large": NoticeClass.SKIPPED,  # over `max-file-size`
    "not-a-file": NoticeClass.SKIPPED,  # FIFO, socket, device, /proc-style file in the tree
    "broken-link": NoticeClass.SKIPPED,  # a symlink to nothing: no content to scan
    "outside-root": NoticeClass.SKIPPED,  # a symlink whose target is outside the scanned tree
    "archive-member": NoticeClass.SKIPPED,  # an archive member over `max-file-size`
    "lfs-pointer": NoticeClass.SKIPPED,  # a Git LFS pointer to an image or the like, content not here
    # informational
    "encoding": NoticeClass.INFO,  # decoded with a fallback
    "parse-error": NoticeClass.INFO,  # still scanned as text
    "ignore-file": NoticeClass.INFO,  # a .gitignore that could not be read: more is scanned
    "malformed-suppression": NoticeClass.INFO,
    "blanket-suppression": NoticeClass.INFO,
    "unused-suppression": NoticeClass.INFO,
    "unknown-rule": NoticeClass.INFO,  # a suppression comment names a rule that does not exist
    "stale-baseline": NoticeClass.INFO,
    "foreign-git": NoticeClass.INFO,  # a `.git` file naming a git directory out of the tree: walked as plain
    "history-empty": NoticeClass.INFO,  # no commits to scan (a new repository, an empty range)
}


def notice_class(kind: str) -> NoticeClass:
    """The class of a notice kind; an unregistered kind is an error (fail closed)."""
    return NOTICE_CLASSES.get(kind, NoticeClass.ERROR)


@dataclass(frozen=True)
class Notice:
    """Something the user should know that is not a finding: a skipped file, a parse error,
    a blanket or unused suppression, a stale baseline entry. Printed on stderr; what it means
    for the gate is its :attr:`notice_class` (see :data:`NOTICE_CLASSES`)."""

    kind: str  # a key of NOTICE_CLASSES, e.g. "binary", "unreadable", "unused-suppression"
    message: str
    path: str | None = None
    line: int | None = None

    def __post_init__(self) -> None:
        # a notice quotes directive text, a decoder's or parser's message, and a path
        _redact_fields(self, message=safe_text, path=redact_path)

    @property
    def notice_class(self) -> NoticeClass:
        return notice_class(self.kind)

    @property
    def is_error(self) -> bool:
        return self.notice_class is NoticeClass.ERROR

    def __str__(self) -> str:
        where = self.path or "kaman-lint"
        if self.line is not None:
            where += f":{self.line}"
        return f"{where}: {self.message}"


@dataclass(frozen=True)
class HistoryScope:
    """What a history scan covered, for reports (SARIF `versionControlProvenance`, summaries)."""

    revisions: str  # as asked: "--all", "origin/main..HEAD", with "--since=..." appended
    commits: int  # commits walked
    head: str | None = None  # HEAD's object id (None in a repository without commits)
    branch: str | None = None  # the branch HEAD names, when it names one
    repository_uri: str | None = None  # the `origin` remote (without credentials), else a file URI

    def __post_init__(self) -> None:  # branch and remote names are anyone's to choose
        _redact_fields(self, revisions=safe_text, branch=safe_text, repository_uri=safe_text)


def _redact_fields(record: object, **redactions) -> None:
    """Redact the text fields of a frozen record where it is made, so that no producer can
    forget: whatever a rule, a notice or a path quotes, no key is in a result (nor crosses
    from a worker process). `keys.safe_text` and `keys.redact_path` are the one redaction."""
    for name, redact in redactions.items():
        value = getattr(record, name)
        if value:
            object.__setattr__(record, name, redact(value))


@dataclass
class ScanResult:
    """Everything one scan produced."""
    findings: list[Finding] = field(default_factory=list)
    notices: list[Notice] = field(default_factory=list)
    files_scanned: int = 0  # history scans: blobs read
    root: str = "."  # absolute scan root; finding paths are relative to it
    history: HistoryScope | None = None  # set by history scans
    suppressed: list[Finding] = field(default_factory=list)  # hidden by a comment or config; not failing
    baselined: int = 0  # findings the baseline recorded, left out of `findings`
    keys_seen: int = 0  # key occurrences the scan met, reported or not (cross-file rules compare them)
    excluded: int = 0  # paths the config's own excludes left out of a walk (a directory counts once)

    def notices_of(self, cls: NoticeClass) -> list[Notice]:
        return [n for n in self.notices if n.notice_class is cls]

    @property
    def errors(self) -> list[Notice]:
        """What the scan could not check although it was asked to (exit 2)."""
        return self.notices_of(NoticeClass.ERROR)

    @property
    def skipped(self) -> list[Notice]:
        """Files left out by choice (binary, too large, ...): counted, not errors."""
        return self.notices_of(NoticeClass.SKIPPED)

    @property
    def incomplete(self) -> bool:
        """Something asked for went unchecked: the gate cannot say "clean" (exit 2)."""
        # asked of each kind once (`Notice.is_error`): a tree's 1,225 binaries skipped are one
        return any(notice_class(kind) is NoticeClass.ERROR for kind in {n.kind for n in self.notices})

    def fails(self, threshold: Severity) -> bool:
        """Whether a finding at or above `threshold` (`fail-on`) is left."""
        return any(Severity(f.severity).rank >= threshold.rank for f in self.findings)

    def exit_status(self, threshold: Severity, *, exit_zero: bool = False) -> int:
        """2 when the scan is incomplete (`--exit-zero` does not hide it), else 1 when a finding
        at or above `threshold` is left (unless `exit_zero`), else 0."""
        if self.incomplete:
            return EXIT_ERROR
        return EXIT_FINDINGS if self.fails(threshold) and not exit_zero else EXIT_CLEAN

    def sorted(self) -> ScanResult:
        return replace(
            self,
            findings=sorted(self.findings, key=SORT_KEY),
            suppressed=sorted(self.suppressed, key=SORT_KEY),
            notices=sorted(self.notices, key=NOTICE_KEY),
        )
