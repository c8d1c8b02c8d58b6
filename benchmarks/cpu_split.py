"""Where a scan's CPU goes, stage by stage: the split issue 13 asks for before and after a change.

    python benchmarks/cpu_split.py /work/bench/data/large            # min of 3 rounds
    python benchmarks/cpu_split.py /work/bench/data/small --rounds 5

One process runs the stages of a `-j 1` scan (all rules, the corpus as working folder, its
config as `scan .` finds it) one after the other over the whole corpus, and prints the user and
system CPU seconds of each: the walk, the reads, the skim (the byte prefilter, the binary and
archive sniffs: `engine._skim`), the survey of the files no analyzer needs (`Rule.survey`), the
files that go through `analyze_bytes` (binaries for their notice, and the ones that pass the
prefilter), the cross-file step and the SARIF report. Each round starts from a fresh project
(its per-folder caches empty, as in a run); the figures are the minimum over the rounds, which a
busy machine disturbs least. CPU, not wall: other work on the machine does not count, and the
stages add up to about what `/usr/bin/time kaman-lint scan . -j 1` says, less the interpreter's
start and imports (printed first, from the first round). The work is the scan's, stage by stage
rather than file by file (so the outcomes reach `finish` in another order: a measurement, not a
second scanner).

The first round is printed beside the minimum: it is what a run pays, with every lazily
compiled pattern, cache and import still to make (on the large corpus its sum was ~0.5 s of
CPU above the minimum's, and its read stage holds all 288 MB at once, so its system time is
the page faults of that, which a scan, reading file by file, does not pay). Stage by stage,
skim and survey also read each file's bytes back from memory, where a scan finds them in the
cache its read just filled. The survey stage surveys the files a scan's loop hands to the
surveys (`surveyed_in_a_scan`): 0.06 s on the large corpus, as timed inside the loop. Compare a
change on both columns, and a real run with `scan . -j 1`, not with this sum (the pool's own
cost is `-j 2` minus `-j 1`: ~0.07 s of CPU on the large corpus, `perf stat -e task-clock`).
"""

from __future__ import annotations

import argparse
import io
import os
import resource
import sys
from pathlib import Path

_PLAIN = frozenset({"plain", "plain, gated"})  # (engine.PLAIN, engine.GATED_PLAIN: imported with the engine)
STAGES = ("walk", "read", "skim", "survey", "analyze", "finish", "report")


def _cpu() -> tuple[float, float]:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime, usage.ru_stime


def one_round(root: Path, config) -> tuple[dict[str, tuple[float, float]], dict[str, int]]:
    from kaman_lint import engine
    from kaman_lint.discover import discover
    from kaman_lint.reading import NotRegular, TooLarge, read_file
    from kaman_lint.report import render_chunks
    from kaman_lint.rules import all_rules
    from kaman_lint.walk_counts import WalkCounts

    times: dict[str, tuple[float, float]] = {}
    counts: dict[str, int] = {}
    last = _cpu()

    def lap(stage: str) -> None:
        nonlocal last
        now = _cpu()
        times[stage] = (now[0] - last[0], now[1] - last[1])
        last = now

    context = engine.Context(config, engine.Project.detect(root), engine.enabled_rules(config),
                             engine.KeyMatcher(config.placeholders))
    notices: list = []
    paths = list(discover(["."], root=root, config=config, notices=notices, counts=WalkCounts()))
    lap("walk")
    datas = []
    for path in paths:
        try:
            datas.append(read_file(path, config.max_file_size))
        except (OSError, NotRegular, TooLarge):
            datas.append(None)  # analyze_path says why, in the analyze stage
    lap("read")
    skims = [engine._skim(data) if data is not None else None for data in datas]
    lap("skim")
    relpaths = [os.path.relpath(path, root) for path in paths]
    to_survey = [(relpath, data) for relpath, data, skim in zip(relpaths, datas, skims)
                 if skim in _PLAIN and surveyed_in_a_scan(relpath, skim, context, engine)]
    last = _cpu()  # (the relative paths and the choice above are not the survey's: a scan's loop makes them cheaply)
    outcomes = []
    for relpath, data in to_survey:
        surveyed = engine._survey_only(relpath, data, context)
        if surveyed is not None:
            outcomes.append(surveyed)
    lap("survey")
    for path, relpath, data, skim in zip(paths, relpaths, datas, skims):
        if skim not in _PLAIN:  # (a binary too: analyze_bytes gives its notice)
            outcomes.append(engine.analyze_path(path, relpath, context) if data is None
                            else engine.analyze_bytes(relpath, data, context, skimmed=skim))
    lap("analyze")
    plain = sum(1 for skim in skims if skim in _PLAIN)
    result = engine.finish([*outcomes, engine._plain_files(plain)], context, root, notices)
    lap("finish")
    out = io.StringIO()
    for chunk in render_chunks("sarif", result, all_rules()):
        out.write(chunk)
    lap("report")
    counts.update(files=len(paths), mb=round(sum(len(d) for d in datas if d) / 1e6, 1), plain=plain,
                  binary=sum(1 for skim in skims if skim in engine._BINARIES),
                  analyzed=sum(1 for skim in skims if skim is None), findings=len(result.findings))
    return times, counts


def surveyed_in_a_scan(relpath: str, skim: str, context, engine) -> bool:
    """Whether the loop of a scan (`engine._analyze_paths`) hands a file that needs no analyzer
    to the surveys: when some rule surveys, the file's suffix is not one no survey reads, and a
    suffix whose survey is gated (`Rule.survey_gates`) met its gate in the prefilter's pass."""
    if not context.surveyors:
        return False
    name = relpath[relpath.rfind("/") + 1:]
    dot = name.rfind(".")
    suffix = name[dot:] if dot > 0 else ""
    return suffix not in context.unsurveyed and (skim in engine._GATED or suffix not in context.gated)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("corpus", type=Path)
    ap.add_argument("--rounds", type=int, default=3)
    a = ap.parse_args(argv)
    start = _cpu()
    os.chdir(a.corpus)
    root = Path.cwd()
    from kaman_lint.scan_command import load

    config = load(["."], root, None, None, None, False, None)
    started = _cpu()
    best: dict[str, tuple[float, float]] = {}
    first: dict[str, tuple[float, float]] = {}
    counts: dict[str, int] = {}
    for round_number in range(a.rounds):
        times, counts = one_round(root, config)
        if round_number == 0:
            first = times
        for stage, (user, system) in times.items():
            if stage not in best or user + system < sum(best[stage]):
                best[stage] = (user, system)
    print(f"{a.corpus}: {counts}; minimum of {a.rounds} rounds, and the first round, CPU seconds")
    print(f"{'imports+config':>15}  user {started[0] - start[0]:6.3f}  sys {started[1] - start[1]:6.3f}  (first round only)")
    for stage in STAGES:
        user, system = best[stage]
        print(f"{stage:>15}  user {user:6.3f}  sys {system:6.3f}   first: user {first[stage][0]:6.3f}  sys {first[stage][1]:6.3f}")
    print(f"{'sum':>15}  user {sum(u for u, _ in best.values()):6.3f}  sys {sum(s for _, s in best.values()):6.3f}"
          f"   first: user {sum(u for u, _ in first.values()):6.3f}  sys {sum(s for _, s in first.values()):6.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
