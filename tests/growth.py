"""How the work of a scan grows with its input, measured without a wall clock.

Two measures, both taken on inputs of size n, 2n and 4n in the same run:

* lines of kaman-lint's own Python run (a line tracer): deterministic, and it sees every loop
  written in Python (a set rebuilt per reference, a walk back from each match);
* CPU time of the same call, the least of a few runs: it also sees work done inside C (a regex
  that backtracks over the rest of the file from each opener). Only ratios between the sizes are
  compared, never a time against a constant.

Linear work grows 4x from n to 4n, n log n about 4.5x, quadratic 16x: the bounds below sit
between, with room for the fixed costs that make small inputs relatively dearer.
"""

from __future__ import annotations

import gc
import os
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import kaman_lint
from kaman_lint import engine, keys
from kaman_lint.config import Config

PACKAGE = os.path.dirname(kaman_lint.__file__)
STEP_BOUND = 5.0  # lines run at 4n over lines run at n
TIME_BOUND = 7.0  # CPU time at 4n over CPU time at n


def lines_run(call: Callable[[], object]) -> int:
    """How many lines of kaman_lint's code run while `call()` does."""
    count = 0

    def local(frame, event, arg):
        nonlocal count
        if event == "line":
            count += 1
        return local

    def calls(frame, event, arg):
        return local if frame.f_code.co_filename.startswith(PACKAGE) else None

    keys._safe_short.cache_clear()  # every run redacts its messages anew: counts compare
    keys._word_reads_as_name.cache_clear()
    sys.settrace(calls)
    try:
        call()
    finally:
        sys.settrace(None)
    return count


def cpu_seconds(call: Callable[[], object], repeat: int = 3) -> float:
    """The least CPU time (of this process: waiting for a shared core does not count) of
    `repeat` runs of `call()`, with the cyclic collector off while it runs."""
    best = float("inf")
    for _ in range(repeat):
        gc.collect()  # the collector's passes over the suite's own heap are no cost of the input
        gc.disable()
        try:
            start = time.process_time()
            call()
            best = min(best, time.process_time() - start)
        finally:
            gc.enable()
    return best


@dataclass
class Growth:
    steps: list[int]
    seconds: list[float]

    @property
    def step_ratio(self) -> float:
        return self.steps[2] / max(1, self.steps[0])

    @property
    def time_ratio(self) -> float:
        return self.seconds[2] / max(1e-4, self.seconds[0])

    def linear(self) -> bool:
        return self.step_ratio <= STEP_BOUND and self.time_ratio <= TIME_BOUND

    def __str__(self) -> str:
        return (f"lines run {self.steps} (x{self.step_ratio:.1f}), "
                f"CPU s {[round(s, 4) for s in self.seconds]} (x{self.time_ratio:.1f})")


def growth(call: Callable[[int], Callable[[], object]], n: int) -> Growth:
    """`call(size)` prepares an input of `size` and returns the call to measure on it."""
    prepared = [call(n * k) for k in (1, 2, 4)]
    prepared[0]()  # warm up: lazy imports and compiled patterns are not the input's cost
    # Lines are counted at n and 4n (the ratio compared); tracing is the slow part of the test.
    steps = [lines_run(prepared[0]), 0, lines_run(prepared[2])]
    # the least of 5 runs: on a busy machine (CI beside two other test runs) the least of 3
    # once gave a linear scan (astro frontmatter, lines run x3.9) a CPU ratio of 7.1
    seconds = [cpu_seconds(run, repeat=5) for run in prepared]
    return Growth(steps, seconds)


def scan_call(name: str, make: Callable[[int], str], config: Config | None = None,
              root: Path | None = None) -> Callable[[int], Callable[[], object]]:
    """A whole scan of one file named `name` holding `make(size)`, read from stdin: every
    analyzer, every rule (the cross-file step included), suppressions and sorting."""
    root = root or Path.cwd()

    def prepare(size: int) -> Callable[[], object]:
        data = make(size).encode("utf-8")

        def run():
            return engine.scan([], config or Config(), root=root, stdin=data,
                               stdin_filename=name, jobs=1)

        return run

    return prepare


def tree_call(make: Callable[[int], dict[str, bytes | str]], root: Path,
              config: Config | None = None) -> Callable[[int], Callable[[], object]]:
    """A whole scan of a tree of files `make(size)` written under `root/<size>/`: for what
    spans files (KAM002's module graph, KAM003 across files) and for files that are not text
    (archives)."""

    def prepare(size: int) -> Callable[[], object]:
        folder = root / str(size)
        for rel, data in make(size).items():
            path = folder / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
        scan_config = config or Config().with_overrides(no_ignore=True)
        scan_config.project_root = folder

        def run():
            return engine.scan([str(folder)], scan_config, root=folder, jobs=1)

        return run

    return prepare
