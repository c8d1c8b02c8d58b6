"""Attribution: one finding per (rule, path, key) across the history, and the commit to blame.

A key usually sits in a file through many versions: every edit of the file writes a new blob
that still holds it. The versions whose analysis reports the finding are its *holders*; walking
the path's changes in order (parents first), a change is
- an introduction when the new blob holds the key and the parent's blob did not (the first
  one is the commit reported; later ones, a revert or a cherry-pick on another branch, are
  related locations); a merge that brings a blob some earlier commit wrote there introduces
  nothing (it came from its other parent),
- a carry when both do (counted: `later_commits`),
- a removal when a parent's did and the new one does not.
The finding is the one analysed in the first introducing blob (its line and column are where
the key sits in that commit). HEAD's blob at the path says whether the key is still there.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace

from kaman_lint.findings import CommitInfo, Finding, Location
from kaman_lint.history.walk import Change, Walk

MAX_RELATED = 10  # later introductions listed per finding; the rest are counted


@dataclass
class Group:
    """One (rule, path, key) of the history: its finding in each blob version that reports it."""

    path: str
    holders: dict[str, Finding] = field(default_factory=dict)  # blob -> the finding in it


@dataclass(frozen=True)
class Verdict:
    first: Change
    again: tuple[Change, ...]  # later introductions
    carried: int
    removals: tuple[Change, ...]


def judge(group: Group, changes: Iterable[Change]) -> Verdict | None:
    """Classify the path's changes for this key (None if no change wrote a holder)."""
    intros: list[Change] = []
    removals: list[Change] = []
    carried = 0
    written: set[str] = set()  # blobs some earlier commit wrote at this path
    for change in changes:
        had = any(blob in group.holders for blob in change.old)
        has = change.new in group.holders
        brought = change.merge and change.new in written  # a merge bringing its other parent's blob
        written.add(change.new)
        if has and not had and not brought:
            intros.append(change)
        elif has:
            carried += 1
        elif had:
            removals.append(change)
    if not intros:  # only carried (its introduction was not visible, e.g. a merge took it): the first
        first = next((c for c in changes if c.new in group.holders), None)
        return None if first is None else Verdict(first, (), max(carried - 1, 0), tuple(removals))
    return Verdict(intros[0], tuple(intros[1:]), carried, tuple(removals))


def attribute(group: Group, walk: Walk, head_blob: str | None, reachable_from_head: set[str]) -> Finding | None:
    """The group's finding, carrying its commit (None if the walk never wrote a holder)."""
    verdict = judge(group, walk.changes.get(group.path, ()))
    if verdict is None:
        return None
    finding = group.holders[verdict.first.new]
    meta = walk.meta[verdict.first.commit]
    in_head = head_blob is not None and head_blob in group.holders
    removed_in = None if in_head else _removal(verdict.removals, reachable_from_head)
    commit = CommitInfo(meta.sha, meta.date, meta.author, in_head=in_head, removed_in=removed_in,
                        later_commits=verdict.carried + len(verdict.again))
    related = list(finding.related)
    if verdict.first.renamed_from:
        related.append(Location(verdict.first.renamed_from, finding.location.line, finding.location.column,
                                message=f"renamed from here in commit {meta.sha[:7]}"))
    for change in verdict.again[:MAX_RELATED]:
        again = group.holders[change.new].location
        when = walk.meta[change.commit]
        related.append(replace(again, message=f"added again in commit {when.sha[:7]} ({when.date[:10]})"))
    return replace(finding, commit=commit, related=tuple(related))


def _removal(removals: tuple[Change, ...], reachable_from_head: set[str]) -> str | None:
    """The removal that counts: the last one HEAD's history holds, else the last one at all
    (the key lived and died on another branch)."""
    on_head = [c for c in removals if c.commit in reachable_from_head]
    chosen = on_head or list(removals)
    return chosen[-1].commit if chosen else None


def introduced_by(walk: Walk) -> Mapping[tuple[str, str], str]:
    """(path, blob) -> the first commit that wrote that blob there."""
    first: dict[tuple[str, str], str] = {}
    for path, changes in walk.changes.items():
        for change in changes:
            if change.new:
                first.setdefault((path, change.new), change.commit)
    return first
