"""Small helpers the reporters share: rule lookup, counts, occurrence numbers."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from operator import attrgetter

TYPE_CHECKING = False  # typing.TYPE_CHECKING: typing is not imported at run time
if TYPE_CHECKING:
    from kaman_lint.findings import CommitInfo, Finding, ScanResult
    from kaman_lint.rules.base import Rule


def rules_by_id(rules: Iterable[type[Rule]]) -> dict[str, type[Rule]]:
    """The rules keyed by id, in id order."""
    return {rule.id: rule for rule in sorted(rules, key=lambda r: r.id)}


def counts_by_rule(findings: Iterable[Finding]) -> dict[str, int]:
    counts = Counter(f.rule_id for f in findings)
    return {rule_id: counts[rule_id] for rule_id in sorted(counts)}


def counted(finding: Finding) -> str:
    """The finding's message, with how often it occurs on its line when more than once
    (kaman_lint/repeats.py): `... (132,119 times on this line)`."""
    if finding.occurrences == 1:
        return finding.message
    return f"{finding.message} ({finding.occurrences:,} times on this line)"


def plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


# Skipped kinds too common to list one by one (images, fonts, archives in any tree): counted in
# the summary and listed in the JSON report only. Other skips (a link out of the tree, a FIFO, a
# file over max-file-size) are rare and say what to change, so stderr still names each.
COUNTED_ONLY = frozenset({"binary", "lfs-pointer"})

# What a skipped-by-choice notice kind counts, singular and plural, for the summary line.
SKIPPED_NAMES = {
    "binary": ("binary file", "binary files"),
    "too-large": ("file over max-file-size", "files over max-file-size"),
    "not-a-file": ("special file", "special files"),  # FIFOs, devices, sockets
    "broken-link": ("broken link", "broken links"),
    "outside-root": ("link out of the tree", "links out of the tree"),
    "archive-member": ("archive member over max-file-size", "archive members over max-file-size"),
    "lfs-pointer": ("Git LFS file not fetched", "Git LFS files not fetched"),
}


def summary_line(result: ScanResult) -> str:
    """`Found 3 findings (KAM001: 2, KAM003: 1) in 5 files.` or `No findings in 5 files.`
    (history scans: `in 120 commits (310 blobs)`), then what was hidden: `, 2 suppressed`,
    and with a baseline `No new findings in 5 files, 3 recorded in the baseline.`, then what
    was skipped by choice, counted: `No findings in 5 files, 87 binary files skipped.`"""
    files = plural(result.files_scanned, "file")
    if result.history is not None:
        files = f"{plural(result.history.commits, 'commit')} ({plural(result.files_scanned, 'blob')})"
    new = "new " if result.baselined else ""
    if not result.findings:
        head = f"No {new}findings in {files}"
    else:
        per_rule = ", ".join(f"{rule_id}: {n}" for rule_id, n in counts_by_rule(result.findings).items())
        head = f"Found {plural(len(result.findings), new + 'finding')} ({per_rule}) in {files}"
    hidden = []
    if result.baselined:
        hidden.append(f"{result.baselined} recorded in the baseline")
    if result.suppressed:
        hidden.append(f"{len(result.suppressed)} suppressed")
    if result.excluded:
        hidden.append(f"{plural(result.excluded, 'path')} excluded by the config")
    skipped = skipped_counts(result)
    if skipped:
        hidden.append(f"{skipped} skipped")
    return ", ".join([head, *hidden]) + "."


def skipped_counts(result: ScanResult) -> str:
    """`87 binary files and 2 files over max-file-size` ("" when nothing was skipped)."""
    counts = Counter(n.kind for n in result.skipped)
    parts = []
    for kind in sorted(counts, key=lambda k: (-counts[k], k)):
        one, many = SKIPPED_NAMES.get(kind, (f"{kind} file", f"{kind} files"))
        parts.append(f"{counts[kind]} {one if counts[kind] == 1 else many}")
    return ", ".join(parts[:-1]) + f" and {parts[-1]}" if len(parts) > 1 else "".join(parts)


def occurrence_numbers(findings: Sequence[Finding]) -> list[int]:
    """1 for the first finding of each (rule, path, fingerprint), 2 for the second, ...

    Stable identities built from (rule, path, fingerprint) use this to stay unique when the
    same key appears twice in one file, without depending on line numbers."""
    seen: dict[tuple[str, str, str], int] = {}  # (a Counter calls its `__missing__` per new key)
    numbers = []
    for key in map(_IDENTITY, findings):
        n = seen[key] = seen.get(key, 0) + 1
        numbers.append(n)
    return numbers


_IDENTITY = attrgetter("rule_id", "location.path", "fingerprint")


def one_line(text: str) -> str:
    """Collapse line breaks so a message keeps a line-oriented format line-oriented."""
    return " ".join(text.splitlines())


def commit_note(commit: CommitInfo) -> str:
    """`(commit abc1234, 2024-05-01, Jane; still present)`: where history brought the key in.
    Later commits that kept the key in the file are counted, not listed."""
    later = f"; kept by {plural(commit.later_commits, 'later commit')}" if commit.later_commits else ""
    return f"(commit {commit.short}, {commit.day}, {one_line(commit.author)}; {commit.status}{later})"
