"""Analysis of candidate blobs: each (path, blob) through the tree scan's own per-file pipeline
(`engine.analyze_bytes`, then `engine.finish` for that one file: rules, the blob's suppressions,
per-file-ignores, severities), in a process pool when there are enough of them to pay for it.

What comes back is key-free (findings, notices, key fingerprints with the blob's suppression
directives for the cross-history step), as from the tree scan's workers."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field, replace
from itertools import islice
from pathlib import Path

from kaman_lint import engine
from kaman_lint.facts import ALIAS_REFS, KeyRef
from kaman_lint.findings import Finding, Notice

POOL_THRESHOLD = 24  # fewer units are analysed in-process: forking workers would cost more
CHUNK = 8  # units per task: a few large blobs should not end up in one worker's queue
# What analysis says about a historic blob that the tree scan already says about today's files
# (parse trouble, suppression hygiene): repeated for every version, and nothing to fix in the past.
QUIET_KINDS = frozenset({"parse-error", "encoding", "malformed-suppression", "blanket-suppression",
                         "unused-suppression", "unknown-rule"})


@dataclass(frozen=True)
class Unit:
    """One candidate blob at one path: what is analysed."""

    path: str
    blob: str


@dataclass
class UnitResult:
    findings: list[Finding] = field(default_factory=list)
    notices: list[Notice] = field(default_factory=list)
    refs: list[KeyRef] = field(default_factory=list)  # key occurrences, for the cross-history step
    directives: list = field(default_factory=list)  # its suppression comments
    suppressed: list[Finding] = field(default_factory=list)  # hidden by a comment or the config


def analyze(unit: Unit, data: bytes, context: engine.Context, root: Path) -> UnitResult:
    outcome = engine.analyze_bytes(unit.path, data, context)
    result = engine.finish([outcome], context, root, [])
    notices = [replace(n, message=f"{n.message} (blob {unit.blob[:12]})")
               for n in result.notices if n.kind not in QUIET_KINDS]
    refs = outcome.key_refs + outcome.shared.get(ALIAS_REFS, [])
    return UnitResult(result.findings, notices, refs, outcome.directives if refs else [], result.suppressed)


def analyze_all(items: Iterable[tuple[Unit, bytes]], context: engine.Context, root: Path,
                jobs: int | None) -> Iterator[tuple[Unit, UnitResult]]:
    """Each unit's result, in a pool of `jobs` workers (default: one per core) when there are
    many; a worker gets the context once."""
    items = iter(items)
    first = list(islice(items, POOL_THRESHOLD))
    workers = jobs or os.cpu_count() or 1
    if workers <= 1 or len(first) < POOL_THRESHOLD:
        for unit, data in first:
            yield unit, analyze(unit, data, context, root)
        for unit, data in items:
            yield unit, analyze(unit, data, context, root)
        return
    with ProcessPoolExecutor(workers, initializer=_init_worker, initargs=(context, root)) as pool:
        chunks = _chunks([*first, *items])
        for batch in pool.map(_analyze_chunk, chunks):
            yield from batch


def _chunks(items: list[tuple[Unit, bytes]]) -> Iterator[list[tuple[Unit, bytes]]]:
    for start in range(0, len(items), CHUNK):
        yield items[start:start + CHUNK]


_worker: tuple[engine.Context, Path] | None = None


def _init_worker(context: engine.Context, root: Path) -> None:
    global _worker
    _worker = (context, root)


def _analyze_chunk(items: list[tuple[Unit, bytes]]) -> list[tuple[Unit, UnitResult]]:
    assert _worker is not None
    context, root = _worker
    return [(unit, analyze(unit, data, context, root)) for unit, data in items]
