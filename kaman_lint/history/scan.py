"""`kaman-lint history`: the pipeline, from revisions to a ScanResult.

1. census (objects.py): every blob the revisions reach, read once and prefiltered;
2. walk (walk.py): which commit wrote each candidate blob at which path;
3. analysis: each (path, candidate blob) through the tree scan's own `engine.analyze_bytes` and
   `engine.finish` (rules, the blob's own suppressions, the config's per-file-ignores and
   severities), then KAM003 across the whole history (key fingerprints only);
4. attribution (attribution.py): one finding per (rule, path, key), blamed on the commit that
   introduced it, with whether HEAD still holds it.
The config is the one in force for the repository (HEAD's work tree); excludes apply to the path
a blob has at each commit.
"""

from __future__ import annotations

import os
import queue
from collections import defaultdict
from collections.abc import Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from itertools import chain
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from kaman_lint.findings import Finding, HistoryScope, Notice, ScanResult
from kaman_lint.history import attribution, objects
from kaman_lint.history.git import HistoryError, Repository
from kaman_lint.history.head_history import HeadHistory
from kaman_lint.history.progress import Progress
from kaman_lint.history.start import Started, start
from kaman_lint.history.walk import CommitLog, Walk

if TYPE_CHECKING:  # the analysis side is imported while git reads the blobs (scan_history)
    from kaman_lint import engine
    from kaman_lint.config import Config
    from kaman_lint.facts import KeyRef
    from kaman_lint.history.analysis import Analysis, Unit, UnitResult

# Rules whose cross-file step runs across the whole history, on key fingerprints only: the same
# key in a development file at one commit and a production file at another was used for both.
# KAM002's cross-file step (a public env file read by client code) needs both files as one
# build sees them, which only a commit's tree gives: it runs per blob, like every `check`.
CROSS_HISTORY_RULES = frozenset({"KAM003"})


def scan_history(repo_path: str, config: Config, *, revisions: Sequence[str] = (), since: str | None = None,
                 jobs: int | None = None, progress: Progress | None = None, started: Started | None = None
                 ) -> ScanResult:
    """`started`: the run's git processes, if the caller started them (`start.start` with the
    same path, revisions and `since`) before it read the config."""
    # git reads the blobs and walks the commits while this thread imports the analyzers
    started = started or start(repo_path, revisions, since)
    repo, revs, blobs, log = started.repo, started.revs, started.blobs, started.log
    progress = progress or Progress(enabled=False)
    try:
        if progress.enabled and progress.total_commits is None:  # "done / total" on a terminal only
            counted = repo.run("rev-list", "--count", *revs, check=False).strip()
            progress.total_commits = int(counted) if counted.isdigit() else None
    except BaseException:
        started.close()
        raise
    notices: list[Notice] = []

    root = Path(repo.top)
    found: queue.SimpleQueue = queue.SimpleQueue()
    try:
        from kaman_lint.history.analysis import Analysis

        context = _context(config, root)
        analysis = Analysis(context, root, jobs, inherited=blobs.fed_input())  # workers fork here, before any thread runs
    except BaseException:
        blobs.close()
        log.close()
        raise
    with analysis:
        try:
            with ThreadPoolExecutor(2) as background:
                excluded = _Excludes(config, repo.top)
                early_work = _EarlyWork(analysis, found, excluded)
                reading = background.submit(objects.census, blobs, config.max_file_size,
                                            on_progress=progress.blobs, on_candidate=early_work, log=log)
                uri = background.submit(_ask_about_head, repo)
                ready = background.submit(_ready_for_the_end)  # once HEAD is asked about
                early = _analyze_while_reading(reading, found, early_work, analysis, excluded)
                census = reading.result()
                uri = uri.result()
                ready.result()
        except BaseException:
            blobs.close()
            log.close()
            raise
        return _finish(repo, revs, excluded, context, root, analysis, log, census, early, progress, notices, uri)


def _ask_about_head(repo: Repository) -> str | None:
    """HEAD's commit and branch, and the repository's URI (None without commits), which only
    the report needs: asked of git while the census runs, not one git after another at the end."""
    repo.branch  # noqa: B018 - a cached property: asked now, read by the report
    return repo.repository_uri() if repo.head is not None else None


def _ready_for_the_end() -> None:
    """Make now what the steps after the census make on first use: the result's record classes
    (records.py), the patterns of the key redaction and of KAM003's environment names, the
    reader of late blobs. During the census the other core is busy with git and the workers;
    after it this process runs alone, and these cost it ~0.02 s there (flask)."""
    from kaman_lint import environments, keys, lazy_re, records, staged  # noqa: F401 - staged: imported to be ready
    from kaman_lint.facts import ProjectFacts
    from kaman_lint.findings import CommitInfo, Finding, HistoryScope, Location, Notice, ScanResult

    for cls in (Location, Finding, Notice, CommitInfo, HistoryScope, ScanResult, ProjectFacts):
        records.make(cls)
    lazy_re.compile_module(keys)
    lazy_re.compile_module(environments)


def _finish(repo: Repository, revs: list[str], excluded: _Excludes, context: engine.Context, root: Path,
            analysis: Analysis, log: CommitLog, census: objects.BlobCensus, early: dict[Unit, Future | UnitResult],
            progress: Progress, notices: list[Notice], uri: str | None) -> ScanResult:
    progress.done_blobs(census)
    history = log.walk(census.candidates, on_commit=progress.commit)
    progress.clear()
    # HEAD's history from the walk's parents when it met all of it, else git lists it meanwhile
    known = history.ancestry(repo.head) if repo.head is not None and census.candidates else None
    head_history = HeadHistory(repo, needed=bool(census.candidates), known=known)
    try:
        return _finish_walked(repo, revs, excluded, context, root, analysis, census, early, notices, uri,
                              history, head_history)
    finally:
        head_history.close()


def _finish_walked(repo: Repository, revs: list[str], excluded: _Excludes, context: engine.Context, root: Path,
                   analysis: Analysis, census: objects.BlobCensus, early: dict[Unit, Future | UnitResult],
                   notices: list[Notice], uri: str | None, history: Walk, head_history: HeadHistory) -> ScanResult:
    notices += _walk_notices(repo, revs, census, history)

    from kaman_lint.history.analysis import Unit

    units = [Unit(path, blob) for path, blob in history.added(census.candidates) if not excluded(path)]
    findings_by_unit, suppressed_by_unit, refs = _analyze(units, repo, context, analysis, notices, early)
    _cross_history(refs, context, root, findings_by_unit, suppressed_by_unit)
    findings = _attribute(findings_by_unit, history, repo, head_history)
    # a key hidden in some versions of a file and open in others is open (at its first open one)
    open_keys = {(f.rule_id, f.location.path, f.fingerprint) for f in findings}
    suppressed = [f for f in _attribute(suppressed_by_unit, history, repo, head_history)
                  if (f.rule_id, f.location.path, f.fingerprint) not in open_keys]
    scope = HistoryScope(" ".join(revs), history.commits, repo.head, repo.branch, uri)
    return ScanResult(findings, notices, census.blobs, str(root), history=scope, suppressed=suppressed).sorted()


def _context(config: Config, root: Path) -> engine.Context:
    from kaman_lint import engine
    from kaman_lint.keys import KeyMatcher
    from kaman_lint.project import Project

    return engine.Context(config, Project.detect(root), engine.enabled_rules(config), KeyMatcher(config.placeholders))


class _Excludes:
    """Whether the config excludes a path of the repository (`exclude`, at each commit's path),
    asked of it once a path: the census asks for each candidate, the walk for each (path, blob),
    and a file's many versions share a path (flask: 221 questions, each a path computation)."""

    def __init__(self, config: Config, top: str) -> None:
        self.config, self.top = config, top
        self.known: dict[str, bool] = {}

    def __call__(self, path: str) -> bool:
        known = self.known.get(path)
        if known is None:
            known = self.known[path] = self.config.is_excluded(os.path.join(self.top, path))
        return known


class _EarlyWork:
    """What the census does with each candidate as it finds it, at the path rev-list met it at
    (usually its only one; the walk adds any other paths later): hand it to the workers, a few
    units a task (a task a blob: 220 of them on flask cost this process 0.03 s of CPU in
    pickling and queue round trips, 0.007 s in tasks of 8), or queue it for this thread, which
    would wait for git otherwise. Called from the census's reader thread; `flush` from this
    one, once the census is done."""

    def __init__(self, analysis: Analysis, found: queue.SimpleQueue, excluded: _Excludes) -> None:
        self.analysis, self.found, self.excluded = analysis, found, excluded
        self.batch: list[tuple[Unit, bytes]] = []

    def __call__(self, blob: str, path: str, data: bytes) -> None:
        if self.analysis.pool is None:
            self.found.put((blob, path, data))
            return
        from kaman_lint.history.analysis import CHUNK, Unit

        if path and not self.excluded(path):
            self.batch.append((Unit(path, blob), data))
            if len(self.batch) >= CHUNK:
                self.flush()

    def flush(self) -> None:
        if self.batch:
            batch, self.batch = self.batch, []
            self.found.put(([unit for unit, _ in batch], self.analysis.submit(batch)))


_CENSUS_DONE = object()  # what the census's Future queues when it is done


def _analyze_while_reading(reading: Future, found: queue.SimpleQueue, work: _EarlyWork, analysis: Analysis,
                           excluded: _Excludes) -> dict[Unit, Future | UnitResult]:
    """The early units: analysed here as the census queues them, or handed to the workers (a
    unit's Future then gives the (unit, result) pairs of its whole task)."""
    from kaman_lint.history.analysis import Unit, analyze

    early: dict[Unit, Future | UnitResult] = {}
    reading.add_done_callback(lambda _: found.put(_CENSUS_DONE))  # after all it queued: the queue is FIFO
    while True:
        item = found.get()  # no polling: woken by a candidate or by the census's end
        if item is _CENSUS_DONE:
            work.flush()  # the census's last few candidates
            if found.empty():
                return early
            found.put(_CENSUS_DONE)  # after them
            continue
        if analysis.pool is not None:
            units, future = item
            early.update(dict.fromkeys(units, future))
            continue
        blob, path, data = item
        if path and not excluded(path):
            unit = Unit(path, blob)
            early[unit] = analyze(unit, data, analysis.context, analysis.root)


def _early_results(early: dict[Unit, Future | UnitResult], wanted: set[Unit]) -> Iterator[tuple[Unit, UnitResult]]:
    """The early units' results, in the order the census found them."""
    for future in dict.fromkeys(r for r in early.values() if isinstance(r, Future)):
        yield from ((unit, result) for unit, result in future.result() if unit in wanted)
    yield from ((unit, r) for unit, r in early.items() if not isinstance(r, Future) and unit in wanted)


def _walk_notices(repo: Repository, revs: list[str], census: objects.BlobCensus, history: Walk) -> list[Notice]:
    notices = []
    if history.commits == 0:
        what = "the repository has no commits" if repo.head is None else f"no commits in {' '.join(revs)}"
        notices.append(Notice("history-empty", f"{what}: nothing to scan"))
    if history.shallow:
        notices.append(Notice("history-unreadable",
                              f"shallow clone: the history before {len(history.shallow)} commit(s) "
                              f"({', '.join(s[:7] for s in history.shallow[:3])}) is not in this clone, "
                              "so keys added and removed there were not checked; fetch it with "
                              "`git fetch --unshallow`"))
    if census.missing:
        notices.append(Notice("history-unreadable",
                              f"{len(census.missing)} object(s) of the history are missing or damaged "
                              f"(a partial clone, or a bad copy or disk), e.g. {census.missing[0][:12]}: "
                              "what they hold was not checked; fetch them (`git fetch --refetch`, or a "
                              "full clone) and see `git fsck`"))
    if census.binary:
        notices.append(Notice("binary", f"{census.binary} binary blob(s) skipped"))
    for blob, path in census.too_large:
        notices.append(Notice("too-large", f"blob {blob[:12]} is over the `max-file-size` limit; skipped",
                              path or None))
    return notices


def _analyze(units: list[Unit], repo: Repository, context: engine.Context, analysis: Analysis,
             notices: list[Notice], early: dict[Unit, Future | UnitResult]
             ) -> tuple[dict[Unit, list[Finding]], dict[Unit, list[Finding]], dict[KeyRef, list[tuple[Unit, list]]]]:
    """Each unit's findings and suppressed findings (analysed during the census, or now), and
    every key occurrence with the suppressions of its unit, for the cross-history step."""
    from kaman_lint.staged import StagedError, read_blobs

    later = [u for u in units if u not in early]
    blobs = sorted({u.blob for u in later})
    by_blob: dict[str, list[Unit]] = defaultdict(list)
    for unit in later:
        by_blob[unit.blob].append(unit)

    def items():
        for blob, data in zip(blobs, read_blobs(blobs, context.config.max_file_size, cwd=repo.top)):
            if data is not None:  # over the limit: counted by the census
                for unit in by_blob[blob]:
                    yield unit, data

    findings: dict[Unit, list[Finding]] = {}
    suppressed: dict[Unit, list[Finding]] = {}
    refs: dict[KeyRef, list[tuple[Unit, list]]] = defaultdict(list)
    wanted = set(units)  # an early unit the walk does not name (excluded revisions) is dropped
    done = _early_results(early, wanted)
    try:
        for unit, result in chain(done, analysis.all(items())):
            findings[unit] = result.findings
            suppressed[unit] = result.suppressed
            notices.extend(result.notices)
            for ref in result.refs:
                refs[ref].append((unit, result.directives))
    except StagedError as err:
        raise HistoryError(str(err)) from err
    return findings, suppressed, refs


def _cross_history(refs: dict[KeyRef, list[tuple[Unit, list]]], context: engine.Context, root: Path,
                   findings: dict[Unit, list[Finding]], suppressed: dict[Unit, list[Finding]]) -> None:
    """KAM003 over every key occurrence of the history; each finding goes to the units whose
    blob holds its occurrence, if that blob's suppressions and the config let it through."""
    from kaman_lint import engine, suppress
    from kaman_lint.facts import ProjectFacts

    rules = [r for r in context.rules if r.id in CROSS_HISTORY_RULES]
    if not rules or not refs:
        return
    project = ProjectFacts(str(root), key_refs=list(refs), config=context.config)
    holders: dict[tuple, list[tuple[Unit, list]]] = defaultdict(list)
    for ref, units in refs.items():
        holders[(ref.location.path, ref.location.line, ref.location.column, ref.fingerprint)].extend(units)
    config = context.config
    for rule in rules:
        for finding in rule.finish(project):
            loc = finding.location
            if not config.rule_enabled(finding.rule_id, config.project_path(root / loc.path)):
                continue
            for unit, directives in holders.get((loc.path, loc.line, loc.column, finding.fingerprint), ()):
                kept, hidden, _ = suppress.apply([finding], {loc.path: [replace(d) for d in directives]},
                                              config.rule_enabled)
                findings.setdefault(unit, []).extend(engine.with_configured_severity(kept, config))
                suppressed.setdefault(unit, []).extend(engine.with_configured_severity(hidden, config))


def _attribute(findings: dict[Unit, list[Finding]], history: Walk, repo: Repository,
               head_history: HeadHistory) -> list[Finding]:
    groups: dict[tuple[str, str, str], attribution.Group] = {}
    for unit, found in findings.items():
        for finding in sorted(found, key=lambda f: f.sort_key):
            group = groups.setdefault((finding.rule_id, unit.path, finding.fingerprint),
                                      attribution.Group(unit.path))
            group.holders.setdefault(unit.blob, finding)
    head = _head_blobs(repo, {g.path for g in groups.values()})
    removers = {c.commit for g in groups.values() for c in history.changes.get(g.path, ())
                if not c.new or c.new not in g.holders}
    reachable = head_history.holding(removers)
    first_commit = attribution.introduced_by(history)
    result = []
    for group in groups.values():
        finding = attribution.attribute(group, history, head.get(group.path), reachable)
        if finding is not None:
            result.append(_with_related_commits(finding, first_commit, findings))
    return result


def _with_related_commits(finding: Finding, first_commit, findings) -> Finding:
    """KAM003's related locations (the development side) name the commit of their blob, one
    per path (a file's many versions are one place)."""
    if finding.rule_id not in CROSS_HISTORY_RULES or not finding.related:
        return finding
    by_place: dict[tuple[str, str | None], object] = {}
    for loc in finding.related:
        by_place.setdefault((loc.path, loc.message), loc)
    related = []
    for loc in by_place.values():
        sha = next((first_commit.get((u.path, u.blob)) for u, found in findings.items()
                    if u.path == loc.path and any(f.fingerprint == finding.fingerprint for f in found)), None)
        related.append(replace(loc, message=f"{loc.message or 'related'} (commit {sha[:7]})") if sha else loc)
    return replace(finding, related=tuple(related))


def _head_blobs(repo: Repository, paths: set[str]) -> dict[str, str]:
    """HEAD's blob at each of `paths` (absent paths are left out)."""
    if repo.head is None or not paths:
        return {}
    found: dict[str, str] = {}
    wanted = sorted(paths)
    for start in range(0, len(wanted), 256):  # bounded command lines
        out = repo.run("ls-tree", "-r", "-z", "--full-tree", "HEAD", "--", *wanted[start:start + 256])
        for record in out.split(b"\0"):
            if b"\t" in record:
                info, path = record.split(b"\t", 1)
                found[path.decode("utf-8", "surrogateescape")] = info.split(b" ")[2].decode("ascii")
    return found
