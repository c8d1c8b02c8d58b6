"""Analysis of candidate blobs: each (path, blob) through the tree scan's own per-file pipeline
(`engine.analyze_bytes`, then `engine.finish` for that one file: rules, the blob's suppressions,
per-file-ignores, severities), in worker processes (`Analysis`) or in this process.

What comes back is key-free (findings, notices, key fingerprints with the blob's suppression
directives for the cross-history step), as from the tree scan's workers."""

from __future__ import annotations

import gc
import os
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field, replace
from pathlib import Path

from kaman_lint import collector, engine
from kaman_lint.facts import ALIAS_REFS, KeyRef
from kaman_lint.findings import Finding, Notice

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


class Analysis:
    """Where candidates are analysed. With several cores (`jobs`, default one per core) on a
    platform that forks safely, in worker processes forked at once, while this process runs no
    other thread, from the context it built: the census's reader thread then keeps this
    process's GIL to itself, and the analysis runs beside git instead of after it. Else here.
    `submit` may be called from any thread."""

    def __init__(self, context: engine.Context, root: Path, jobs: int | None, *, inherited: tuple[int, ...] = ()) -> None:
        """`inherited`: descriptors the workers close at once (the input of a git process this
        one feeds, which would not see its end while a worker held a copy)."""
        self.context, self.root = context, root
        self.pool: ProcessPoolExecutor | None = None
        workers = jobs or os.cpu_count() or 1
        fork = engine._fork_context() if workers > 1 else None
        if fork is not None:
            # What exists now stays out of the workers' garbage collections: a collection writes
            # to every object it visits, which would copy the pages shared with this process.
            gc.freeze()
            self.pool = ProcessPoolExecutor(workers, mp_context=fork, initializer=_init_worker,
                                            initargs=(context, root, inherited))
            self.pool.submit(int)  # the fork context starts every worker now, before any thread
            gc.unfreeze()  # here, collections go on as before

    def submit(self, items: list[tuple[Unit, bytes]]) -> Future:
        """One task for the workers: its Future gives each unit's result, in order."""
        assert self.pool is not None
        return self.pool.submit(_analyze_chunk, items)

    def all(self, items: Iterable[tuple[Unit, bytes]]) -> Iterator[tuple[Unit, UnitResult]]:
        """Each unit's result (in the workers, a few units per task)."""
        if self.pool is None:
            for unit, data in items:
                yield unit, analyze(unit, data, self.context, self.root)
            return
        for batch in self.pool.map(_analyze_chunk, _chunks(list(items))):
            yield from batch

    def close(self) -> None:
        if self.pool is not None:
            self.pool.shutdown(cancel_futures=True)

    def __enter__(self) -> Analysis:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def _chunks(items: list[tuple[Unit, bytes]]) -> Iterator[list[tuple[Unit, bytes]]]:
    for start in range(0, len(items), CHUNK):
        yield items[start:start + CHUNK]


_worker: tuple[engine.Context, Path] | None = None


def _init_worker(context: engine.Context, root: Path, inherited: tuple[int, ...] = ()) -> None:
    """A worker's start: it imports and builds what it would on its first blobs (the analyzers,
    grammars, prefilters: `engine._preload`) now, while the census has found few candidates yet,
    rather than this process before the fork, which would hold the census back as long."""
    global _worker
    for fd in inherited:
        os.close(fd)
    _worker = (context, root)
    engine._preload(context)


def _analyze_chunk(items: list[tuple[Unit, bytes]]) -> list[tuple[Unit, UnitResult]]:
    """A worker's task. The garbage collector waits until it is done: a module's tree
    (`ast.parse`: tens of thousands of nodes, freed by reference counting when the blob is
    done) set off a young collection every 700 of them, and those that outlived a few, a
    middle one over all of them (flask's 221 units: 171 collections, 0.027 s; now 12). After the
    task the next collection finds what is left: the results and any cycles the task made."""
    assert _worker is not None
    context, root = _worker
    with collector.paused():
        return [(unit, analyze(unit, data, context, root)) for unit, data in items]
