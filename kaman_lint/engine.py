"""The scan pipeline: discover, read, prefilter, analyze, check (per file, in a process pool
when there are many files), then the cross-file step, suppressions and sorting."""

from __future__ import annotations

import gc
import os
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from itertools import chain, islice, product
from pathlib import Path

from kaman_lint import archive_kinds, environments, escapes, lang, lfs, repeats, suppress
from kaman_lint.config import Config
from kaman_lint.records import replace
from kaman_lint.walk_counts import WalkCounts
from kaman_lint.exposure import roles
from kaman_lint.facts import ALIAS_REFS, KEY_ALIASES, FileFacts, KeyRef, ProjectFacts
from kaman_lint.findings import SORT_KEY, Finding, Notice, ScanResult, Severity, Suppression
from kaman_lint.keys import PREFILTER, KeyMatcher, might_contain_key, redact_path, safe_text
from kaman_lint.paths import inside, posix, relative_path
from kaman_lint.project import Project
from kaman_lint.reading import NotRegular, TooLarge, read_file
from kaman_lint.rules import BUILTIN, all_rules
from kaman_lint.rules.base import Rule
from kaman_lint.source import (BINARY_SNIFF, FLAG_CONTROLS, WIDE_BOMS, NotText, Source, binary_by_flags, decode,
                               detect_language, is_binary, is_wide_unicode, printable_runs)

TYPE_CHECKING = False  # typing.TYPE_CHECKING: typing is not imported at run time
if TYPE_CHECKING:
    from kaman_lint import archives

POOL_THRESHOLD = 256  # below this many files a pool costs more than it saves
CHUNK = 64  # paths in a worker's first task: both workers start at once
MAX_CHUNK = 1024  # tasks grow to this: each costs the main process a round trip
TAIL_CHUNK = 16  # the last tasks shrink to this: one worker ends at most about one such task after the other


# A file is analysed only when it mentions a key, a base64 key, or a Kaman-named variable.
# On real trees almost every file stops here, on its bytes, before decoding: this is where the
# speed comes from. (UTF-16/32 files, told by their BOM, are decoded first.)
BYTE_MARKERS = tuple(m.encode() for m in PREFILTER)  # `kam_` and base64 forms of it
# `kam_` in the wide encodings binaries store strings in (.NET string literals, Windows
# resources: UTF-16LE), and text in them without a BOM that is too little ASCII to be told by its
# NULs: searched in binaries as `strings -e l` searches them.
WIDE_MARKERS = {encoding: "kam_".encode(encoding) for encoding in ("utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be")}


def relevant_bytes(data: bytes) -> bool:
    """One pass over the bytes for every marker at once, "kaman" in any case included: Rust's
    aho-corasick (packed SIMD searcher) runs 5-6x faster than the four `in` tests plus
    `data.lower()` it replaced (that copied every file), and an `re` alternation is 15x slower
    still (measured on the large benchmark corpus: 0.17 s, 0.96 s, 15 s). A file with none goes
    on when it writes `kam_` with escapes (`\\u006bam_`, `&#107;am_`: `escapes.may_hide_key`,
    a second packed pass). The same pass looks for the notebook marker that lets every notebook
    through to `may_hide_key`, whose other markers all hold a `\\` or a `&`
    (`escapes.MARKER_GATES`): a file with neither and no notebook marker (five in six on the
    large corpus) is done after this one pass, not after two `memchr` passes and a pass of
    `may_hide_key`'s own for the notebook marker."""
    return _prefiltered(data) is True


def _prefiltered(data: bytes) -> bool | str:
    """`relevant_bytes(data)`, or GATED in place of False when the pass also met a survey gate
    (`Rule.survey_gates`): the survey of a file whose suffix is gated is called only then."""
    hits = (_searcher or _prefilter()).find_matches_as_indexes(data)
    if not hits:  # (most files)
        return (_BACKSLASH in data or _AMPERSAND in data) and escapes.gate_passed_hides_key(data)
    gated = notebook = False
    for searched, start, _ in hits:
        pattern = _SEARCH_ORDER[searched]
        if pattern < _AMAN:
            return True
        if pattern < _NOTEBOOK:  # "aman" in any case: "kaman" when a `k` or `K` comes before it
            if start and data[start - 1] in _K:
                return True
        elif pattern == _NOTEBOOK:
            notebook = True
        else:
            gated = True
    # only the notebook marker, or a gate of the escapes' (`int in bytes`: a memchr, no
    # arguments parsed; above too): the escapes decide
    relevant = (notebook or _BACKSLASH in data or _AMPERSAND in data) and escapes.gate_passed_hides_key(data)
    return True if relevant else GATED if gated else False


GATED = "gated"  # `_prefiltered`: no key marker, a survey gate


# Every marker at once, "kaman" in any case too, then the notebook marker, and last the survey
# gates of the built-in rules. No marker can begin or end inside the notebook marker or a gate
# (tests/test_prefilter.py), so with leftmost-first matching none hides another. "kaman" is
# searched as its 16 spellings of "aman", the byte before told apart after a hit (634 hits on
# the large benchmark corpus): 28 patterns, not 44, fit Teddy's slim searcher, which reads twice
# the bytes a step of the fat one past 32 patterns (371M instructions there against 585M). No
# pattern begins inside "aman" (its `m`, `a`, `n`), nor does one hold "ka", so a hit hides no
# marker and no "kaman" is hidden that "kaman" itself would not be.
_BACKSLASH, _AMPERSAND = (gate[0] for gate in escapes.MARKER_GATES[:2])
_NOTEBOOK_MARKER = escapes.MARKER_GATES[2]
_K = b"kK"
_PREFILTER_PATTERNS = (*BYTE_MARKERS, *WIDE_MARKERS.values())
_AMAN = len(_PREFILTER_PATTERNS)
_PREFILTER_PATTERNS += (*(bytes(s) for s in product(*((ord(c), ord(c.upper())) for c in "aman"))), _NOTEBOOK_MARKER)
_NOTEBOOK = len(_PREFILTER_PATTERNS) - 1
SURVEY_GATES = tuple(sorted({gate for rule in BUILTIN for gates in rule.survey_gates.values() for gate in gates}))
_PREFILTER_PATTERNS += SURVEY_GATES


def _search_order() -> tuple[int, ...]:
    """The patterns' places in the automaton's list, as indexes into `_PREFILTER_PATTERNS`.
    Teddy deals the patterns out to its 8 buckets in turn by their place in the list, those of
    one low-nibble prefix to one bucket (the 16 spellings of "aman" share one), and a bucket's
    patterns make candidates together: alone in their bucket the "aman"s make none but their
    own, and each other bucket holds a text marker or gate beside a rare wide marker. (The pass
    over the large benchmark corpus: 473M instructions in the logical order, 425M in this one.)
    No pattern is a prefix of another (tests/test_prefilter.py): no two match at one place,
    so the order changes no match."""
    singles = [*range(len(BYTE_MARKERS)), *range(_NOTEBOOK, len(_PREFILTER_PATTERNS)),
               *range(len(BYTE_MARKERS), _AMAN)]
    return (*singles[:7], _AMAN, *singles[7:], *range(_AMAN + 1, _NOTEBOOK))


_SEARCH_ORDER = _search_order()


def _prefilter():  # built once per process: workers build their own, nothing to pickle
    global _searcher
    if _searcher is None:
        import ahocorasick_rs

        # the contiguous NFA: 0.12 s on the large corpus against 0.17 s for the one the crate picks
        _searcher = ahocorasick_rs.BytesAhoCorasick(
            [_PREFILTER_PATTERNS[i] for i in _SEARCH_ORDER], matchkind=ahocorasick_rs.MATCHKIND_LEFTMOST_FIRST,
            implementation=ahocorasick_rs.Implementation.ContiguousNFA)
    return _searcher


_searcher = None  # `_prefilter()`'s, read as `_searcher or _prefilter()` for every file (no call)


def relevant_text(text: str) -> bool:
    """The same test on decoded text, for UTF-16/32 files the byte test cannot see into."""
    return might_contain_key(text) or "kaman" in text.lower() or escapes.has_hidden(text)


class FileOutcome:
    """What a worker sends back for one file: key-free by construction. (A plain class: a
    dataclass costs every start its exec'd methods, and nothing compares outcomes.)"""

    __slots__ = ("relpath", "findings", "notices", "key_refs", "shared", "directives", "scanned", "members",
                 "placeholders")

    def __init__(self, relpath: str, *, findings: list[Finding] | None = None, notices: list[Notice] | None = None,
                 shared: dict[str, list] | None = None, scanned: bool | int = False) -> None:
        self.relpath = relpath
        self.findings = findings if findings is not None else []
        self.notices = notices if notices is not None else []
        self.key_refs: list[KeyRef] = []
        self.shared = shared if shared is not None else {}  # cross-file facts from Rule.collect
        self.directives: list[suppress.Directive] = []
        self.scanned = scanned  # or how many plain files this outcome stands for (`_plain_files`)
        self.members: list[FileOutcome] = []  # an archive's, each as a file
        self.placeholders: dict[str, str] = {}  # fingerprint -> config pattern

    @property
    def holds_nothing(self) -> bool:
        return self.scanned and not (self.findings or self.notices or self.key_refs or self.shared
                                     or self.directives or self.members or self.placeholders)

    def with_members(self) -> Iterator[FileOutcome]:
        yield self
        for member in self.members:
            yield from member.with_members()


class Context:
    """Everything a worker needs, sent once per worker."""

    __slots__ = ("config", "project", "rules", "matcher", "surveyors", "unsurveyed", "gated", "encodings")

    def __init__(self, config: Config, project: Project, rules: tuple[Rule, ...], matcher: KeyMatcher) -> None:
        self.config = config
        self.project = project
        self.rules = rules
        self.matcher = matcher
        # the rules that survey every file
        self.surveyors = surveyors = tuple(rule for rule in rules if type(rule).survey is not Rule.survey)
        # the suffixes of files no surveyor says anything of, and of those every surveyor says
        # nothing of but with a gate the prefilter looks for (`Rule.survey_skips`, `survey_gates`)
        self.unsurveyed = frozenset.intersection(*(r.survey_skips for r in surveyors)) if surveyors else frozenset()
        gated = set.intersection(*({suffix for suffix, gates in r.survey_gates.items() if set(gates) <= set(SURVEY_GATES)}
                                   | r.survey_skips for r in surveyors)) if surveyors else set()
        self.gated = frozenset(gated - self.unsurveyed)
        self.encodings: dict[str, str] = {}  # path -> git's working-tree-encoding


def scan(paths: Sequence[str], config: Config, *, root: Path, stdin: bytes | None = None,
         stdin_filename: str | None = None, jobs: int | None = None,
         files: Iterable[tuple[str, bytes]] | None = None,
         ready: Callable[[], None] | None = None) -> ScanResult:
    """Scan `paths`, or one stdin buffer, or `files`: (path relative to `root`, contents) pairs
    read elsewhere (the git index for `--staged`), which replace discovery. `ready`, when a
    pool runs, is called once the walk is done (`run_files`): the caller's own preparing for
    the end (the report's imports)."""
    notices: list[Notice] = []
    context = Context(config, Project.detect(root), enabled_rules(config),
                      KeyMatcher(config.placeholders))
    if stdin is not None:
        if stdin_filename and config.is_excluded(os.path.abspath(stdin_filename)):
            return ScanResult([], notices, 0, str(root))  # as ruff --force-exclude: nothing to say
        name = relative_path(Path(stdin_filename).absolute(), root) if stdin_filename else "-"
        if len(stdin) > config.max_file_size:  # a buffer is bounded as a file is (the LSP's too)
            outcomes: Iterable[FileOutcome] = [_not_read(name, "too-large", too_large_message(
                TooLarge(len(stdin)), config.max_file_size))]
        else:
            outcomes = [analyze_bytes(name, stdin, context)]
    elif files is not None:
        outcomes = (analyze_bytes(item[0], item[1], context) if len(item) == 2
                    else link_outcome(item[0], item[1].decode("utf-8", "replace"), context) for item in files)
    else:
        counts = WalkCounts()
        context.encodings = counts.encodings  # filled by the walk before it yields those files
        found = discover(paths, root=root, config=config, notices=notices, counts=counts)
        links = (link_outcome(relative_path(path, root), target, context) for path, target in counts.link_texts)
        outcomes = chain(run_files(found, root, context, jobs, ready), links)  # links: once the walk is done
        return checked_something(finish(outcomes, context, root, notices), counts)
    return finish(outcomes, context, root, notices)


def discover(paths: Iterable[str], **options) -> Iterator[str]:
    """`kaman_lint.discover.discover`, imported when a scan walks: a scan of stdin or of the
    git index never loads the walker."""
    from kaman_lint.discover import discover as walk

    return walk(paths, **options)


def checked_something(result: ScanResult, counts: WalkCounts) -> ScanResult:
    """`result` with what the config excluded counted, and an error when the config left
    nothing of a walked tree to check: `exclude = ["**"]`, or a `max-file-size` below every
    file, must not read as a clean tree (a pull request can add either beside its key). An
    empty tree, or named files a pre-commit run finds excluded, are no error."""
    result.excluded = counts.excluded
    too_large = sum(1 for n in result.notices if n.kind == "too-large")
    if counts.walked_directory and result.files_scanned == 0 and (counts.excluded or too_large):
        why = []
        if counts.excluded:
            why.append(f"the config's exclude and extend-exclude left out {counts.excluded} path(s)")
        if too_large:
            why.append(f"{too_large} file(s) are over max-file-size")
        result.notices.append(Notice("nothing-scanned", f"nothing was scanned: {' and '.join(why)}; "
                                     "a config that leaves nothing to check fails the gate"))
    return result


def enabled_rules(config: Config) -> tuple[Rule, ...]:
    return tuple(rule() for rule in all_rules() if config.rule_enabled(rule.id))


def run_files(files: Iterable[str], root: Path, context: Context, jobs: int | None,
              ready: Callable[[], None] | None = None) -> Iterator[FileOutcome]:
    """Analyse files as discovery yields them: with many files, workers start on the first
    chunks while the walk goes on. Workers take plain paths and send back only the outcomes
    that hold something (most files hold nothing: a count stands for them), so the main
    process, which also walks, does little per file. With a pool, once the walk is done (this
    process then only waits for results), it makes ready what the steps after the pool make on
    first use (`_ready_for_the_end`, then `ready`): beside the workers it costs about half its
    time, after the pool all of it. (Asked once a worker had no task left, it came at the last
    result or the one before, 5-8 ms on the small benchmark corpus's tail all the same.)"""
    paths = iter(files)
    first = list(islice(paths, POOL_THRESHOLD))
    workers = jobs or os.cpu_count() or 1
    if workers <= 1 or len(first) < POOL_THRESHOLD:
        # the workers' loop, in this process: a file that holds nothing costs no outcome here either
        for chunk in _chunks(chain(first, paths), CHUNK):
            plain, outcomes = _analyze_paths(chunk, context, str(root))
            yield from outcomes
            if plain:
                yield _plain_files(plain)
        return
    walk = _Walk()
    tasks = _with_encodings(_chunks(chain(first, paths), CHUNK, workers, walk.ended), context.encodings)
    forked = _forkable()
    frozen = forked and not gc.get_freeze_count()  # not when a caller froze on purpose
    if forked:
        from kaman_lint import forked_pool

        _preload_shared(context)
    if frozen:
        # The heap built so far (modules, automata) stays out of the garbage collections
        # while the pool runs: in the workers forked with it (a collection
        # writes to every object it visits, copying the pages they share) and here, where the
        # walk and the outcomes would otherwise trigger full collections over it (one took
        # 0.19 s on the large benchmark corpus).
        gc.freeze()
    try:
        if forked:
            results = forked_pool.imap(_analyze_chunk, tasks, workers, _init_worker, (context, str(root)))
        else:
            results = _pool_results(tasks, workers, context, root)
        unready = True
        for plain, outcomes in results:
            if unready and walk.done:
                unready = False
                _ready_for_the_end(context)
                if ready is not None:
                    ready()
            yield from outcomes
            if plain:
                yield _plain_files(plain)
    finally:
        if frozen:
            gc.unfreeze()  # a long-lived caller (the LSP server) collects as before


class _Walk:
    """Whether the walk the pool's tasks are cut from is `done` (`_chunks` says so)."""

    __slots__ = ("done",)

    def __init__(self) -> None:
        self.done = False

    def ended(self) -> None:
        self.done = True


def _ready_for_the_end(context: Context) -> None:
    """Make now what `finish` and every report make on first use: the patterns of the key
    redaction and of KAM003's environment names, json (package.json, and the JSON and SARIF
    reports), KAM002's module graph, framework families and path roles' patterns. Called once
    the walk is done: after the pool this process runs alone. (The record classes are made by
    then: by the first outcome that holds a finding; a scan without one needs them not.)"""
    import json  # noqa: F401 - imported to be ready

    from kaman_lint import keys, lazy_re

    lazy_re.compile_module(keys)
    lazy_re.compile_module(environments)
    for lazy in (*keys._CLASSES, *environments.CONVENTIONAL_FILES):  # held in a tuple, a dict
        lazy.compiled()
    if any(rule.id == "KAM002" for rule in context.rules):  # its cross-file step (exposure.delivery)
        from kaman_lint.exposure import frameworks, roles
        from kaman_lint.exposure.graph import model, resolve  # noqa: F401 - imported to be ready

        frameworks.conventions()  # imports the 17 framework families (cached: the same tuples later)
        lazy_re.compile_module(roles)


def _with_encodings(tasks: Iterator[list[str]], encodings: dict[str, str]) -> Iterator[list[str] | tuple]:
    """Each task, with the working-tree encodings of its paths when the walk noted any: a
    worker's copy of `encodings` is the one of its fork (or of its start), and the walk may
    reach a `.gitattributes` after that (a nested repository). The walk notes a file's encoding
    before it yields the file, so the chunk holds them all when it is cut. Without encodings
    (almost every tree) a task stays its list of paths."""
    for task in tasks:
        if encodings:
            known = {path: encodings[path] for path in task if path in encodings}
            if known:
                yield task, known
                continue
        yield task


def _pool_results(tasks: Iterator[list[str] | tuple], workers: int, context: Context,
                  root: Path) -> Iterator[tuple[int, list[FileOutcome]]]:
    """`_analyze_chunk` of each task in a ProcessPoolExecutor of the platform's start method,
    where this process may not fork (macOS, or other threads running)."""
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(workers, initializer=_init_worker, initargs=(context, str(root))) as pool:
        yield from pool.map(_analyze_chunk, tasks)


def _preload(context: Context) -> None:
    """Everything a worker would import or build on its first files: what every file needs
    (`_preload_shared`), and the analyzers and grammars (`lang.preload`). A history worker's
    start (its census goes on meanwhile)."""
    _preload_shared(context)
    lang.preload()


def _preload_shared(context: Context) -> None:
    """What a scan's workers need from their first files on, made once before the fork and
    inherited: the prefilters (every file's first pass) and what the rules import for their
    surveys and checks (`Rule.preload`: KAM002's survey reads most trees' HTML, JS and JSON
    files). Not the analyzers and grammars (`lang.preload`): only a file that mentions Kaman
    needs one, and each worker imports those of the files it meets. Preloaded, they were the
    longest step between the walk's first files and the fork, while the second core waited
    (callgrind, small benchmark corpus, -j 2: the main process ran 217M instructions before
    its first fork, now 182M; the workers import most of them each, 60M in all, which on two
    cores costs the wall clock about what the main process saves)."""
    _prefilter()
    escapes.preload()
    for rule in context.rules:
        rule.preload()


_NOTHING_FOUND = FileOutcome("", scanned=True)  # a file scanned that holds nothing to report


def _plain_files(count: int) -> FileOutcome:
    """`count` files scanned that hold nothing, as one outcome (`finish` adds up `scanned`): a
    task's plain files cost the main process one object, not one pass each through `finish`."""
    return FileOutcome("", scanned=count)


def _chunks(items: Iterator[str], size: int, workers: int = 1,
            walked: Callable[[], None] | None = None) -> Iterator[list[str]]:
    """Tasks of `size` paths, then twice as many each time up to MAX_CHUNK: the first ones get
    every worker going, the later ones cost few round trips. The walk is read `workers` tasks
    ahead, and once it is done what is left goes out in shrinking tasks (a share of the rest
    each, down to TAIL_CHUNK): the workers then finish together, not one idle while the other
    ends a task of MAX_CHUNK files (60-70 ms apart on the large benchmark corpus). The last files
    of a walk may be the heavy ones (django's modules end the small corpus): ending on tasks of
    64 left the workers ~20 ms apart there, on tasks of 16 about half that, for 4 more tasks.
    `walked` is called when the walk is done."""
    held: list[str] = []
    while True:
        held += islice(items, (workers + 1) * size - len(held))
        if len(held) <= workers * size:  # the walk is done
            break
        yield held[:size]
        del held[:size]
        size = min(size * 2, max(MAX_CHUNK, size))
    if walked is not None:
        walked()  # (before the first of the last tasks: what waits for the end may begin)
    while held:
        share = max(TAIL_CHUNK, -(-len(held) // (2 * workers))) if workers > 1 else size  # (one process: nobody waits)
        yield held[:share]
        del held[:share]


def _forkable() -> bool:
    """Whether workers may be forked from this process, which has imported the scanner and
    read the config already (a forkserver or spawned worker imports it all again; Python 3.14
    makes forkserver the default on Linux): only on Linux (macOS: fork is unsafe there), and
    only from a process running no other thread (a fork copies locks another thread may hold;
    `_thread._count` counts every thread but this one, `threading`'s or not)."""
    import _thread

    return sys.platform.startswith("linux") and _thread._count() == 0


def _fork_context():
    """The multiprocessing context that forks, when `_forkable` (history's pool), else None:
    the platform's default."""
    if not _forkable():
        return None
    import multiprocessing

    return multiprocessing.get_context("fork")


_worker_context: Context | None = None
_NO_ENCODINGS: dict[str, str] = {}  # (never written to: a worker's context only reads its encodings)
_worker_root = "."


def _init_worker(context: Context, root: str) -> None:
    global _worker_context, _worker_root
    _worker_context, _worker_root = context, root


def _analyze_chunk(task: list[str] | tuple[list[str], dict[str, str]]) -> tuple[int, list[FileOutcome]]:
    """(how many files were scanned and hold nothing, the outcomes of the others). The common
    case, a file no analyzer needs, costs a read, one prefilter pass and the surveys, no object.
    A task is its paths, or (paths, their encodings): `_with_encodings`."""
    context = _worker_context
    assert context is not None
    # this process's context is its own copy: the task's encodings replace the stale ones
    paths, context.encodings = task if type(task) is tuple else (task, _NO_ENCODINGS)
    return _analyze_paths(paths, context, _worker_root)


def _analyze_paths(paths: list[str], context: Context, root: str) -> tuple[int, list[FileOutcome]]:
    """`_analyze_chunk` with its context given: the loop every walked file goes through."""
    limit, plain, kept = context.config.max_file_size, 0, []
    sep = os.sep
    under_root = root.rstrip(sep) + sep
    surveyors, unsurveyed, gated = context.surveyors, context.unsurveyed, context.gated
    encodings = context.encodings  # (almost always empty: a path is then not even hashed)
    surveyed = None  # the survey facts of the plain files since the last other outcome, as one
    binaries = None  # the notices of the binaries that say nothing else, as one outcome
    for path in paths:
        try:
            data = None if encodings and path in encodings else read_file(path, limit)
        except (OSError, NotRegular, TooLarge):
            data = None  # analyze_path says why (and decodes what git wrote in another encoding)
        skim = _skim(data) if data is not None else None
        if skim in _ANALYZED_NO_FURTHER:  # (most files: no relative path made for them)
            found = None
            if surveyors:  # told by the suffix first: most files tell no surveyor anything
                # the name's suffix, read off the path: the relative path ends in the same name
                # (and a key in the path leaves the suffix as it is); none when the last dot is
                # a directory's or begins the name (one `rfind`: each parses its arguments)
                dot = path.rfind(".")
                suffix = path[dot:]
                if dot <= 0 or sep in suffix or path[dot - 1] == sep:
                    suffix = ""
                if suffix not in unsurveyed and (skim in _GATED or suffix not in gated):
                    found = _survey_only(_relative(path, under_root, root), data, context)
            if skim in _BINARIES:  # what analyze_bytes says of it, without its outcome of one notice
                notice = _binary_skipped(redact_path(_relative(path, under_root, root)))
                if found is not None:
                    found.notices.append(notice)
                    found.scanned = False
                    kept.append(found)
                    surveyed = None
                elif binaries is None:
                    binaries = FileOutcome("", notices=[notice])  # (notices are sorted in the end: any order)
                    kept.append(binaries)
                else:
                    binaries.notices.append(notice)
            elif found is None:
                plain += 1
            elif found.notices:
                kept.append(found)
                surveyed = None
            else:  # (most: a library's scripts, each a module of the graph)
                surveyed = _gathered(found, surveyed, kept)
            continue
        rel = _relative(path, under_root, root)
        outcome = (analyze_path(path, rel, context) if data is None
                   else analyze_bytes(rel, data, context, skimmed=skim))
        if outcome.holds_nothing:
            plain += 1
        else:
            kept.append(outcome)
            surveyed = None
    return plain, kept


def _relative(path: str, under_root: str, root: str) -> str:
    """A walked file's path relative to the scan root (`under_root`: the root and a separator)."""
    return (posix(path[len(under_root):]) if path.startswith(under_root)
            else inside(path, root) or relative_path(path, root))


def _gathered(found: FileOutcome, surveyed: FileOutcome | None, kept: list[FileOutcome]) -> FileOutcome:
    """`found` (a plain file's survey facts) added to `surveyed`, the outcome gathering the run of
    such files that ends `kept` (begun when there is none): one object for a worker to pickle
    and `finish` to go through, not 4,500 on the large benchmark corpus. `finish` extends each
    kind's list outcome by outcome, so the facts reach it in the same order."""
    if surveyed is None:
        surveyed = FileOutcome("", scanned=0)
        kept.append(surveyed)
    surveyed.scanned += 1
    for kind, facts in found.shared.items():
        surveyed.shared.setdefault(kind, []).extend(facts)
    return surveyed


def _skim(data: bytes) -> str | None:
    """PLAIN for a text file no analyzer needs (almost every file of a real tree), BINARY for a
    binary with no key marker (either GATED_ when a survey gate is in the bytes), RELEVANT or
    None when the file must go through `analyze_bytes`: RELEVANT when `relevant_bytes(data)`
    said so (not asked again there)."""
    # `is_binary`'s pass first: a file with no control byte in its first bytes (almost every
    # text file) has no NUL there, so is wide only by a UTF-16 BOM, and no binary; one whose first
    # byte begins no such BOM, no LFS pointer and no bzip2 magic (the one without a control byte)
    # is then told by the prefilter and `text_kind_of`'s two tests: without `is_wide_unicode`,
    # `is_binary` and `kind_of`'s calls and `startswith` tests (each parses its arguments: 1k
    # instructions). The others take the tests in turn.
    sample = data[:BINARY_SNIFF]
    flagged = sample.translate(FLAG_CONTROLS)
    if flagged is sample and data[:1] not in _TELLING_FIRST_BYTES:
        found = _prefiltered(data)
        if found is True:
            return RELEVANT
        if archive_kinds.text_kind_of(data):
            return None
        return GATED_PLAIN if found else PLAIN
    if (data.startswith(WIDE_BOMS) or data.find(0, 0, 3) >= 0) and is_wide_unicode(data):
        return None
    found = _prefiltered(data)
    if found is True:
        return RELEVANT
    if data.startswith(lfs.START):
        return None
    binary = flagged is not sample and binary_by_flags(flagged)
    if archive_kinds.kind_of(data, binary=binary):
        return None
    if binary:
        return GATED_BINARY if found else BINARY
    return GATED_PLAIN if found else PLAIN


# (UTF-32's BOMs hold NULs, a control byte)
_TELLING_FIRST_BYTES = frozenset({*(bom[:1] for bom in WIDE_BOMS if len(bom) == 2), lfs.START[:1],
                                  *archive_kinds.CONTROL_FREE_MAGIC_FIRST})
PLAIN, BINARY, GATED_PLAIN, GATED_BINARY = "plain", "binary", "plain, gated", "binary, gated"
_ANALYZED_NO_FURTHER = frozenset({PLAIN, BINARY, GATED_PLAIN, GATED_BINARY})
_BINARIES = frozenset({BINARY, GATED_BINARY})
_GATED = frozenset({GATED_PLAIN, GATED_BINARY})


def analyze_path(path: str, relpath: str, context: Context) -> FileOutcome:
    """Read (never blocking, never past `max-file-size`, never a FIFO, device or /proc file:
    `reading.read_file`) and analyze one file the walk listed."""
    limit = context.config.max_file_size
    try:
        data = read_file(path, limit)
    except FileNotFoundError:
        return _not_read(relpath, "vanished", "cannot read: gone since the walk listed it")
    except NotRegular as err:
        return _not_read(relpath, "vanished", f"cannot read: now {err} (replaced since the walk listed it)")
    except TooLarge as err:
        return _not_read(relpath, "too-large", too_large_message(err, limit))
    except OSError as err:
        return _not_read(relpath, "unreadable", f"cannot read: {err.strerror or err}")
    encoding = context.encodings.get(path)
    if encoding:
        try:
            data = data.decode(_python_codec(encoding)).encode("utf-8", "surrogatepass")
        except (LookupError, UnicodeError) as err:
            return _not_read(relpath, "unreadable", f"cannot read: .gitattributes has git write it in "
                             f"{safe_text(encoding)!r}, which does not decode here ({type(err).__name__})")
    return analyze_bytes(relpath, data, context)


def _python_codec(git_encoding: str) -> str:
    """Python's name for an iconv encoding name git takes (`UTF-16LE-BOM` is UTF-16 with a BOM)."""
    name = git_encoding.strip().upper()
    if name.endswith("-BOM"):  # the BOM says the byte order: Python's plain codec reads it
        base = name[:-4]
        return "utf-8-sig" if base in ("UTF-8", "UTF8") else base.replace("LE", "").replace("BE", "")
    return name


def too_large_message(err: TooLarge, limit: int) -> str:
    human = _human_size(err.size)
    exact = human if human.endswith(" bytes") else f"{human} ({err.size} bytes)"  # not "18 bytes (18 bytes)"
    size = exact if err.exact else f"at least {err.size} bytes when read"
    return (f"skipped: {size} is over the {_human_size(limit)} limit; raise `max-file-size` in the config "
            "to scan it")


def _human_size(size: float) -> str:
    for unit in ("bytes", "KiB", "MiB"):
        if size < 1024:
            return f"{size} {unit}" if unit == "bytes" else f"{size:.1f} {unit}"
        size /= 1024
    return f"{size:.1f} GiB"


def _binary_skipped(relpath: str) -> Notice:
    """The notice of a binary with no key marker (`relpath` as reports show it)."""
    return Notice("binary", "binary file skipped", relpath)


def _not_read(relpath: str, kind: str, message: str) -> FileOutcome:
    return FileOutcome(redact_path(relpath), notices=[Notice(kind, message, relpath)])


_NOT_SKIMMED = "not skimmed"
RELEVANT = "relevant"  # `_skim`: a key marker is in the bytes


def analyze_bytes(relpath: str, data: bytes, context: Context, depth: int = 0,
                  budget: archives.Budget | None = None, *, skimmed: str | None = _NOT_SKIMMED) -> FileOutcome:
    """Read, prefilter, analyze and check one file. Never raises for a bad file. `relpath` is
    where the file is; what reports show is `redact_path(relpath)`: a file or directory named
    after a key must not print the key in every report and baseline (`keys.redact_path`).
    `skimmed`: what `_skim(data)` said already (a worker skims every file first: a binary's
    bytes are not searched twice)."""
    real_relpath, relpath = relpath, redact_path(relpath)
    found = lfs.pointer(data) if depth == 0 else None
    if found is not None:
        return _analyze_lfs_pointer(real_relpath, found, context, budget)
    outcome = FileOutcome(relpath, scanned=True)
    _survey(relpath, data, context, outcome.shared, outcome.notices)
    skim = _skim(data) if skimmed is _NOT_SKIMMED else skimmed
    if skim is not None and skim != RELEVANT:
        if skim in _BINARIES:
            outcome.notices.append(_binary_skipped(relpath))
            outcome.scanned = False
        return outcome
    archive = archive_kinds.kind_of(data)
    if archive and depth < archive_kinds.MAX_DEPTH:
        return _analyze_archive(real_relpath, data, archive, context, outcome, depth, budget)
    if archive:  # content not checked: the gate cannot pass it (its printable runs are still searched)
        outcome.notices.append(Notice("archive-unchecked", f"not checked: archives nested more than "
                                      f"{archive_kinds.MAX_DEPTH} deep are not opened; {archive_kinds.EXCLUDE_HINT}", relpath))
        if relevant_bytes(data):
            outcome.findings = _plain_text_findings(Source(relpath, printable_runs(data), "text"), context)
        return outcome
    wide = is_wide_unicode(data)
    if not wide and skim != RELEVANT and not relevant_bytes(data):
        if is_binary(data):
            outcome.notices.append(_binary_skipped(relpath))
            outcome.scanned = False
        return outcome
    try:
        text, decode_notice = decode(data)
    except NotText:  # a real binary mentioning a key: its printable runs are searched
        outcome.findings = _binary_findings(relpath, data, context)
        return outcome
    if decode_notice:
        outcome.notices.append(Notice("encoding", decode_notice, relpath))
    if wide and not relevant_text(text):
        return outcome
    facts = file_facts(real_relpath, text, context)
    source = facts.source
    try:
        lang.analyze(facts, context.matcher)
        for rule in context.rules:
            outcome.findings.extend(rule.check(facts))
            for kind, shared in rule.collect(facts).items():
                outcome.shared.setdefault(kind, []).extend(shared)
        outcome.findings = repeats.collapse(outcome.findings)  # one finding per repeat on a line
    except Exception as err:  # a bug must not lose the file: report it and fall back to text
        outcome.notices.append(Notice("internal-error", f"analysis failed ({safe_text(repr(err))}); "
                                      "scanned as plain text", relpath))
        outcome.findings = _plain_text_findings(source, context)
    if facts.parse_error:
        outcome.notices.append(Notice("parse-error", facts.parse_error, relpath))
    outcome.placeholders = _config_placeholders(facts.literals, context)
    outcome.key_refs = [KeyRef(facts.literal_location(lit), lit.key.fingerprint,
                               lit.key.preview, lit.name, lit.section, environment, facts.role,
                               lit.context)
                        for lit, environment in zip(facts.literals,
                                                    environments.of_literals(facts, context.config))]
    aliases = facts.extra.get(KEY_ALIASES)
    if aliases:  # YAML aliases repeating a key: occurrences for KAM003's cross-file step only
        outcome.shared.setdefault(ALIAS_REFS, []).extend(
            KeyRef(facts.location(a.line, a.column), a.fingerprint, a.preview, a.name, a.section,
                   environment, facts.role, a.context)
            for a, environment in environments.of_aliases(facts, context.config, aliases))
    outcome.directives = suppress.parse(text, lambda offset: source.position(offset)[0],
                                        facts.comment_lines, source.language)
    return outcome


def _analyze_lfs_pointer(real_relpath: str, found: lfs.Pointer, context: Context,
                         budget: archives.Budget | None) -> FileOutcome:
    """A Git LFS pointer: the content it names is scanned in its place when the repository's
    LFS store has it; else it went unchecked (`lfs`)."""
    from kaman_lint.discover import git_common_dir
    from kaman_lint.paths import repository_top

    limit = context.config.max_file_size
    if found.size > limit:
        return _not_read(real_relpath, "too-large", f"skipped: a Git LFS pointer to {found.size} bytes, over "
                         "the max-file-size limit")
    top = repository_top(os.path.dirname(os.path.join(context.project.root, real_relpath)))
    data = lfs.content(found, git_common_dir(top), limit) if top else None
    if data is not None:
        return analyze_bytes(real_relpath, data, context, 1, budget)
    if lfs.binary_kind(real_relpath):
        return _not_read(real_relpath, "lfs-pointer", "skipped: a Git LFS pointer whose content is not in "
                         "this checkout")
    return _not_read(real_relpath, "lfs-unchecked", "not checked: a Git LFS pointer whose content is not in "
                     "this checkout (fetch it: `git lfs pull`, or actions/checkout with `lfs: true`)")


def _analyze_archive(real_relpath: str, data: bytes, kind: str, context: Context, outcome: FileOutcome,
                     depth: int, budget: archives.Budget | None) -> FileOutcome:
    """A zip, tar, gzip, bzip2 or xz file: each member scanned as a file named `archive!member`
    (`archives` bounds size, count and depth), the bytes before a zip searched as a binary's.
    A damaged one is searched as a binary."""
    from kaman_lint import archives  # the reader and its classes: only a file that is an archive needs them

    budget = budget or archives.Budget()
    limit = context.config.max_file_size
    try:
        for item in archives.members(data, kind, real_relpath, limit, budget):
            if isinstance(item, archives.Leading):
                if relevant_bytes(item.data):
                    outcome.findings = _plain_text_findings(
                        Source(outcome.relpath, printable_runs(item.data), "text"), context)
                continue
            path = f"{real_relpath}{archives.SEPARATOR}{archives.member_path(item.name)}"
            if isinstance(item, archives.Skipped):
                kind_of_skip = "archive-unchecked" if item.unchecked else "archive-member"
                outcome.notices.append(Notice(kind_of_skip, item.reason, path))
            else:
                member = analyze_bytes(path, item.data, context, depth + 1, budget)
                outcome.members.append(_NOTHING_FOUND if member.holds_nothing else member)  # one object
    except archives.Damaged as err:
        outcome.notices.append(Notice("encoding", f"damaged {kind} archive ({err}); searched as a binary",
                                      outcome.relpath))
        outcome.findings = _plain_text_findings(Source(outcome.relpath, printable_runs(data), "text"), context)
    return outcome


def _survey_only(relpath: str, data: bytes, context: Context) -> FileOutcome | None:
    """A file no analyzer needs may still tell a rule something (Rule.survey): an outcome
    carrying only that, or None (most files: then no outcome is built, nor any dict or list:
    `_survey`'s loop written out, since every plain file of a walk comes here)."""
    relpath = redact_path(relpath)
    shared = notices = None
    project = context.project
    for rule in context.surveyors:
        try:
            surveyed = rule.survey(relpath, data, project)
        except Exception as err:  # a bug must not lose the file: it is still analysed
            notices = notices or []
            notices.append(Notice("internal-error", f"{rule.id} survey failed ({safe_text(repr(err))})", relpath))
            continue
        if surveyed:
            shared = shared if shared is not None else {}
            for kind, facts in surveyed.items():
                shared.setdefault(kind, []).extend(facts)
    if shared is None and notices is None:
        return None
    return FileOutcome(relpath, notices=notices, shared=shared, scanned=True)


def _survey(relpath: str, data: bytes, context: Context, shared: dict[str, list], notices: list[Notice]) -> None:
    """What rules need from every file, before the prefilter drops most of them (Rule.survey)."""
    for rule in context.surveyors:
        try:
            surveyed = rule.survey(relpath, data, context.project)
        except Exception as err:  # a bug must not lose the file: it is still analysed
            notices.append(Notice("internal-error", f"{rule.id} survey failed ({safe_text(repr(err))})", relpath))
            continue
        for kind, facts in surveyed.items():
            shared.setdefault(kind, []).extend(facts)


def file_facts(real_relpath: str, text: str, context: Context) -> FileFacts:
    """A decoded file's Source and what its path and project say about it (role, package,
    environment), before any analyzer ran. `real_relpath` is where the file is (the fixer
    reads files again through this, so both see the same file the same way)."""
    relpath = redact_path(real_relpath)
    first_line = text[:200].split("\n", 1)[0]
    project_path = (context.config.project_path(os.path.join(context.project.root, real_relpath))
                    if relpath != "-" else None)
    source = Source(relpath, text, detect_language(relpath, first_line), project_path)
    facts = FileFacts(source)
    facts.role, facts.role_reason, facts.role_marker, facts.role_basis = roles.classify(
        source, context.project, context.config)
    facts.package = context.project.package_for(real_relpath)
    facts.environment = environments.classify(relpath, context.config, source.language, project_path)
    return facts


def _config_placeholders(literals, context: Context) -> dict[str, str]:
    """fingerprint -> the config `placeholders` pattern that matches the key: what the scan
    reports as suppressed by that pattern, not silently passed (`KeyMatcher`)."""
    hits = {}
    for lit in literals:
        pattern = context.matcher.config_placeholder(lit.key)
        if pattern is not None:
            hits[lit.key.fingerprint] = pattern
    return hits


def link_outcome(relpath: str, target: str, context: Context) -> FileOutcome:
    """A symbolic link's own text, its target (`ln -s kam_<key> config`): git commits it like
    file content, and no read of the link ever sees it. KAM001 on it, at the link's path."""
    shown = redact_path(relpath)
    return FileOutcome(shown, findings=_plain_text_findings(Source(shown, target, "text"), context))


def _binary_findings(relpath: str, data: bytes, context: Context) -> list[Finding]:
    """KAM001 in a binary: its printable runs, and its wide strings when `kam_` occurs in one of
    the wide encodings (the whole file decoded so: the rest turns to noise, the strings read)."""
    findings = _plain_text_findings(Source(relpath, printable_runs(data), "text"), context)
    for width, little, big in ((2, "utf-16-le", "utf-16-be"), (4, "utf-32-le", "utf-32-be")):
        # ASCII in big-endian is little-endian a byte further on: one decoding per alignment
        alignments = _alignments(data, WIDE_MARKERS[little], width) | {
            (at + width - 1) % width for at in _alignments(data, WIDE_MARKERS[big], width)}
        for alignment in sorted(alignments):
            text = data[alignment:].decode(little, "replace").translate(_WIDE_NOISE)
            findings += _plain_text_findings(Source(relpath, text, "text"), context)
    return findings


def _alignments(data: bytes, marker: bytes, width: int, tries: int = 64) -> set[int]:
    """The alignments (offset mod `width`) at which `marker` occurs in `data`, from its first
    `tries` occurrences (a binary of nothing but markers must not cost a search per byte)."""
    seen: set[int] = set()
    at = data.find(marker)
    while at >= 0 and tries and len(seen) < width:
        seen.add(at % width)
        at, tries = data.find(marker, at + 1), tries - 1
    return seen


# What a decoded binary holds besides its strings: control characters and undecodable bytes
# become spaces, so the strings stand apart as a binary's printable runs do.
_WIDE_NOISE = {c: " " for c in [*range(0, 9), 11, 12, *range(14, 32), 0xFFFD]}


def _plain_text_findings(source: Source, context: Context) -> list[Finding]:
    from kaman_lint.lang import text

    facts = FileFacts(source)
    text.analyze(facts, context.matcher)
    return [f for rule in context.rules if rule.id == "KAM001" for f in rule.check(facts)]


def finish(outcomes: Iterable[FileOutcome], context: Context, root: Path,
           notices: list[Notice]) -> ScanResult:
    project = ProjectFacts(str(root), config=context.config)
    findings: list[Finding] = []
    directives: dict[str, list[suppress.Directive]] = {}
    scanned = 0
    placeholders: dict[str, str] = {}
    for outcome in (one for outcome in outcomes for one in outcome.with_members()):
        scanned += outcome.scanned
        findings.extend(outcome.findings)
        placeholders.update(outcome.placeholders)
        notices.extend(outcome.notices)
        project.key_refs.extend(outcome.key_refs)
        for kind, shared in outcome.shared.items():
            project.add(kind, shared)
        if outcome.directives:
            directives[outcome.relpath] = outcome.directives
    for rule in context.rules:
        findings.extend(rule.finish(project))
    config = context.config
    findings, ignored = _per_file_ignores(repeats.collapse(_unique(findings)), config, root)
    findings, fake = _config_placeholder_findings(findings, placeholders, config)
    ignored += fake
    findings, suppressed, suppression_notices = suppress.apply(findings, directives, config.rule_enabled)
    notices.extend(suppression_notices)
    return ScanResult(with_configured_severity(findings, config), notices, scanned, str(root),
                      suppressed=with_configured_severity(ignored + suppressed, config),
                      keys_seen=len(project.key_refs)).sorted()


def _config_placeholder_findings(findings: list[Finding], placeholders: dict[str, str],
                                 config: Config) -> tuple[list[Finding], list[Finding]]:
    """Split off the findings of keys a config `placeholders` pattern calls fake: suppressed
    (`external`), naming the pattern, since a change can add a key and a pattern for it."""
    if not placeholders:
        return findings, []
    where = f" in {config.path.name}" if config.path else ""

    def pattern(finding: Finding) -> str | None:
        matched = placeholders.get(finding.fingerprint)
        return None if matched is None else f"placeholders {safe_text(repr(matched))}{where}"

    return _split_external(findings, pattern)


def _per_file_ignores(findings: list[Finding], config: Config, root: Path) -> tuple[list[Finding], list[Finding]]:
    """Split off the findings `per-file-ignores` hides: they are reported as suppressed
    (`external`), naming the entry, since a change can add a key and the entry together."""
    if not config.per_file_ignores:
        return findings, []
    where = f" in {config.path.name}" if config.path else ""

    def entry(finding: Finding) -> str | None:
        glob = config.per_file_ignore(finding.rule_id, config.project_path(root / finding.location.path))
        return None if glob is None else f"per-file-ignores {glob!r}{where}"

    return _split_external(findings, entry)


def _split_external(findings: list[Finding], reason_for) -> tuple[list[Finding], list[Finding]]:
    """(kept, hidden): a finding `reason_for` names a config reason for is hidden, reported as
    suppressed (`external`) with that reason."""
    kept, hidden = [], []
    for finding in findings:
        reason = reason_for(finding)
        if reason is None:
            kept.append(finding)
        else:
            hidden.append(replace(finding, suppression=Suppression("external", reason)))
    return kept, hidden


def with_configured_severity(findings: list[Finding], config: Config) -> list[Finding]:
    """A team's `severity` config (e.g. KAM003 as a warning, with `fail-on = "error"`)."""
    if not config.severity:
        return findings
    result = []
    for finding in findings:
        configured = config.severity_for(finding.rule_id)
        result.append(replace(finding, severity=Severity(configured)) if configured else finding)
    return result


def _unique(findings: list[Finding]) -> list[Finding]:
    """One finding per rule, place and key: analyzers may meet the same literal twice."""
    places = list(map(SORT_KEY, findings))  # (path, line, column, rule, key), read in C
    if len(set(places)) == len(places):
        return list(findings)  # none met twice (most scans)
    seen: dict[tuple, Finding] = {}
    for place, f in zip(places, findings):
        seen.setdefault(place, f)
    return list(seen.values())
