"""How far below a scan's time a CPython scanner can go on one corpus: kaman-lint beside ripgrep,
then the same scan with its work taken away step by step, in alternating runs.

    python benchmarks/floor.py /work/bench/data/small
    python benchmarks/floor.py /work/bench/data/large --runs 7 --kaman-lint .venv/bin/kaman-lint

The rows, each timed from the start of its process (interpreter included) in the corpus folder:
ripgrep as the shared runner runs it (`rg-hidden`); `kaman-lint scan . --format sarif`; that
scan with `analyze_bytes` answering "nothing found" at once (the analysis of the files that
mention Kaman is gone, every other step stays: walk, pool, reads, prefilter, surveys, the
cross-file step, the report); the same without the surveys either; and a process that only
walks with kaman-lint's walker and reads and prefilters every file in two forked processes, with
no report and nothing kept. None of them is a scanner: they are measurements of what a step
costs the wall clock, to tell a target a change can reach from one below what CPython pays to
start, walk and read (issue 13's small corpus: its target of 3x ripgrep is 0.12-0.14 s).
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import timing  # noqa: E402

KEY_PATTERN = "kam_[A-Za-z0-9]{20,}"  # the shared runner's (`run_peers.py`)

# `kaman-lint scan` with steps replaced, run as `python -c CODE MODE ARGS...`
_WITHOUT = """
import sys
from kaman_lint import engine
mode = sys.argv.pop(1)
engine.analyze_bytes, engine._survey_only  # (renamed: fail here, not measure the whole scan twice)
if "analysis" in mode:
    engine.analyze_bytes = lambda relpath, data, context, *args, **options: engine.FileOutcome(relpath, scanned=True)
if "surveys" in mode:
    engine._survey_only = lambda relpath, data, context: None
from kaman_lint.entry import main
sys.argv[0] = "kaman-lint"
main()
"""

# the walk, the reads and the prefilter of every file, halved between two processes
_WALK_READ_PREFILTER = """
import os, sys
from pathlib import Path
from kaman_lint import engine
from kaman_lint.config import load_config
from kaman_lint.discover import discover
from kaman_lint.reading import NotRegular, TooLarge, read_file
from kaman_lint.walk_counts import WalkCounts
root = Path.cwd()
config = load_config(root)
paths = list(discover(["."], root=root, config=config, notices=[], counts=WalkCounts()))
engine._prefilter()
def half(paths):
    for path in paths:
        try:
            engine._prefiltered(read_file(path, config.max_file_size))
        except (OSError, NotRegular, TooLarge):
            pass
middle = len(paths) // 2
pid = os.fork()
if pid == 0:
    half(paths[:middle])
    os._exit(0)
half(paths[middle:])
os.waitpid(pid, 0)
"""


def variants(kaman_lint: str, rg: str | None, out: Path) -> dict[str, list[str]]:
    python = timing.python_of(kaman_lint)
    scan = ["scan", ".", "--format", "sarif", "-o", str(out), "--exit-zero"]
    rows = {"rg-hidden": [rg, "-n", "--no-ignore", "--hidden", "-e", KEY_PATTERN, "."]} if rg else {}
    rows.update({
        "kaman-lint scan": [kaman_lint, *scan],
        "  without the analysis": [python, "-c", _WITHOUT, "analysis", *scan],
        "  and without the surveys": [python, "-c", _WITHOUT, "analysis surveys", *scan],
        "walk, read, prefilter only": [python, "-c", _WALK_READ_PREFILTER],
    })
    return rows


def measure(rows: dict[str, list[str]], corpus: Path, runs: int, env: dict[str, str]) -> dict[str, list[float]]:
    """Wall seconds of each row, the rows taking turns (a drift of the machine's speed touches
    all of them alike); one warm-up round first, not counted."""
    walls: dict[str, list[float]] = {name: [] for name in rows}
    for round_number in range(runs + 1):
        for name, argv in rows.items():
            start = time.perf_counter()
            done = subprocess.run(argv, cwd=corpus, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
            wall = time.perf_counter() - start
            if done.returncode not in ((0, 1) if name == "rg-hidden" else (0,)):  # (scans: --exit-zero)
                raise SystemExit(f"{name}: exit {done.returncode}: {done.stderr.decode(errors='replace')[-2000:]}")
            if round_number:
                walls[name].append(wall)
    return walls


def table(walls: dict[str, list[float]]) -> list[str]:
    reference = statistics.median(walls["rg-hidden"]) if "rg-hidden" in walls else None
    lines = ["| run | median s | min-max s | / rg-hidden |", "|---|---|---|---|"]
    for name, values in walls.items():
        median = statistics.median(values)
        ratio = f"{median / reference:.2f}" if reference else "-"
        lines.append(f"| {name} | {median:.3f} | {min(values):.3f}-{max(values):.3f} | {ratio} |")
    return lines


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("corpus", type=Path)
    ap.add_argument("--runs", type=int, default=11, help="rounds (median)")
    ap.add_argument("--kaman-lint", default=shutil.which("kaman-lint"), help="the kaman-lint to measure")
    ap.add_argument("--work", type=Path, default=Path("/tmp/kaman-lint-floor"), help="scratch folder")
    a = ap.parse_args(argv)
    if not a.kaman_lint:
        ap.error("no kaman-lint on PATH: pass --kaman-lint")
    a.work.mkdir(parents=True, exist_ok=True)
    rows = variants(str(Path(a.kaman_lint).absolute()), shutil.which("rg"), a.work / "scan.sarif")
    walls = measure(rows, a.corpus.resolve(), a.runs, timing.run_env(a.work))
    print("\n".join(table(walls)))
    print(f"\n{a.runs} rounds; load average at the end {'/'.join(f'{x:.1f}' for x in os.getloadavg())}"
          f" ({os.cpu_count()} CPUs)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
