"""One finding per repeat on a line.

The same rule, key (fingerprint) and message written more than once on one line is one
finding: it carries how many times it occurs (`occurrences`) and the first MAX_SHOWN places
after its own (`repeats`). A minified bundle repeats one fetch of a URL with a key in its
query 100,000 times on its only line; each repeat says nothing the first does not (the line and
the fix are the same), and GitHub code scanning merges results with the same fingerprints on a
line anyway.
Baselines (rule, path, fingerprint) and suppression comments (rule, line) match the one finding
as they matched each repeat.
"""

from __future__ import annotations

from collections.abc import Sequence
from operator import attrgetter

from kaman_lint.findings import Finding, Location
from kaman_lint.records import replace

MAX_SHOWN = 10  # places of repeats kept (and reported as related locations)


# What repeats share: everything but the column (and the end of the place). Read in C: a
# bundle's 29,000 findings are each asked.
same_finding = attrgetter("rule_id", "severity", "location.path", "location.line", "fingerprint", "message",
                          "preview", "related", "flow", "commit", "suppression")


def collapse(findings: Sequence[Finding]) -> list[Finding]:
    """`findings` with each set of repeats on a line made one finding, in the order of their
    first; a place met twice counts once (analyzers may meet the same literal twice)."""
    shared = list(map(same_finding, findings))
    if len(set(shared)) == len(shared):
        return list(findings)  # no repeats (most scans): no group made
    groups: dict[tuple, list[Finding]] = {}
    for key, finding in zip(shared, findings):
        groups.setdefault(key, []).append(finding)
    return [group[0] if len(group) == 1 else merged(group) for group in groups.values()]


def merged(group: Sequence[Finding]) -> Finding:
    """One finding for repeats of it (some may be merged already): the first place is its
    location, the next MAX_SHOWN its `repeats`."""
    single: set[int] = set()
    occurrences = 0
    places: dict[int, Location] = {}
    for finding in group:
        if finding.occurrences == 1:
            if finding.location.column in single:
                continue  # the same place again
            single.add(finding.location.column)
        occurrences += finding.occurrences
        for loc in (finding.location, *finding.repeats):
            places.setdefault(loc.column, loc)
    ordered = [places[column] for column in sorted(places)]
    first = min(group, key=lambda f: f.location.column)
    return replace(first, occurrences=occurrences, repeats=tuple(ordered[1:1 + MAX_SHOWN]))
