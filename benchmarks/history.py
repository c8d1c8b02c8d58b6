#!/usr/bin/env python3
"""The history benchmark (issue 11): kaman-lint history against `git log -p --all` (the patch
generation every `git log -p` scanner sits on) and betterleaks with a kam_ rule, on real
histories with planted keys, side by side in one run.

    python3 benchmarks/history.py [--runs 5] [--repos flask,vite] [--work /tmp/kaman-history-bench]

Builds each repository with shared/bench/history/make_history.py into --work (once; seed 1,
flask 200 keys, vite 300), then for every run and repository times, in turn:
  git log -p --all            (output read and counted, as `| wc -c`)
  betterleaks git REPO -c shared/bench/peers/betterleaks-kam.toml --no-banner --redact -s -l error -o bl.json
  kaman-lint history REPO --format sarif -o kl.sarif
and reports medians of wall and CPU seconds (the process and its children, e.g. git), the ratios,
and each tool's score from score_history.py (recall, decoys hit). The machine may be shared:
read the ratios, which are measured in the same minutes, rather than the absolute seconds.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from timing import run_env  # noqa: E402

PROJECT = Path(__file__).resolve().parents[1]
# shared/ sits beside the checkout (or beside the folder of worktrees)
SHARED = next((d / "shared" for d in PROJECT.parents if (d / "shared" / "bench").is_dir()), PROJECT.parent / "shared")
BUILDS = {"flask": ["--seed", "1"], "vite": ["--seed", "1", "--keys", "300"]}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--repos", default="flask,vite")
    parser.add_argument("--work", type=Path, default=Path("/tmp/kaman-history-bench"))
    parser.add_argument("--bench", type=Path, default=SHARED / "bench",
                        help="shared/bench (make_history.py, bundles, peers)")
    parser.add_argument("--tools", type=Path, default=Path("/work/bench/tools"),
                        help="where install_peers.sh put betterleaks")
    parser.add_argument("--kaman-lint", default=shutil.which("kaman-lint"),
                        help="the kaman-lint command (default: the one on PATH)")
    args = parser.parse_args()
    if not args.kaman_lint:
        parser.error("no kaman-lint on PATH: install it (pip install .) or give --kaman-lint PATH")

    betterleaks = args.tools / "betterleaks" / "bin" / "betterleaks"
    if not betterleaks.exists():
        betterleaks = None
        print(f"note: no betterleaks under {args.tools}; its column stays empty", file=sys.stderr)
    args.work.mkdir(parents=True, exist_ok=True)
    rows = []
    for name in args.repos.split(","):
        repo = build(name, args)
        commands = {
            "git log -p": ["git", "-C", str(repo), "log", "-p", "--all"],
            "kaman-lint": [args.kaman_lint, "history", str(repo), "--format", "sarif",
                           "-o", str(args.work / f"{name}.kl.sarif")],
        }
        if betterleaks:
            commands["betterleaks"] = [str(betterleaks), "git", str(repo), "-c",
                                       str(args.bench / "peers" / "betterleaks-kam.toml"), "--no-banner",
                                       "--redact", "-s", "-l", "error", "-o", str(args.work / f"{name}.bl.json")]
        env = run_env(args.work)  # kaman-lint as installed: bytecode cached
        times: dict[str, list[tuple[float, float, int]]] = {tool: [] for tool in commands}
        for run in range(args.runs + 1):
            for tool, command in commands.items():  # interleaved: each run sees the same load
                timed = measure(command, env)
                if run:  # the first round warms the page cache and writes kaman-lint's bytecode
                    times[tool].append(timed)
        scores = {"kaman-lint": score(repo, args.work / f"{name}.kl.sarif", "sarif", args)}
        if betterleaks:
            scores["betterleaks"] = score(repo, args.work / f"{name}.bl.json", "gitleaks", args)
        rows.append((name, commits(repo), times, scores))
    print(table(rows, args.runs))
    return 0


def build(name: str, args) -> Path:
    repo = args.work / name
    if not (repo / ".git").exists():
        history = args.bench / "history"
        subprocess.run([sys.executable, str(history / "make_history.py"), str(repo),
                        "--bundle", str(history / f"{name}.bundle"), *BUILDS[name]], check=True)
    return repo


def measure(command: list[str], env: dict[str, str]) -> tuple[float, float, int]:
    """(wall seconds, CPU seconds of the process and what it waited for, exit status)."""
    before = os.times()
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env)
    while process.stdout.read(1 << 20):  # read it all, as `| wc -c` would
        pass
    status = process.wait()
    wall = time.perf_counter() - start
    after = os.times()
    cpu = (after.children_user - before.children_user) + (after.children_system - before.children_system)
    return wall, cpu, status


def score(repo: Path, report: Path, fmt: str, args) -> dict:
    out = args.work / f"{report.name}.score.json"
    subprocess.run([sys.executable, str(args.bench / "history" / "score_history.py"),
                    str(repo.with_name(repo.name + ".planted.json")), str(report), "--format", fmt,
                    "--json", str(out)], check=True, stdout=subprocess.DEVNULL)
    return json.loads(out.read_text())


def commits(repo: Path) -> int:
    return int(subprocess.run(["git", "-C", str(repo), "rev-list", "--all", "--count"],
                              capture_output=True, text=True, check=True).stdout)


def table(rows, runs: int) -> str:
    lines = [f"medians of {runs} runs, wall s (CPU s)", "",
             "| repo | commits | git log -p --all | betterleaks-kam | kaman-lint history | kl / git log -p | kl / betterleaks "
             "| kl recall, decoys | betterleaks recall, decoys | kl exit |",
             "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |"]
    for name, count, times, scores in rows:
        med = {tool: (statistics.median(t[0] for t in ts), statistics.median(t[1] for t in ts))
               for tool, ts in times.items()}
        kl = med["kaman-lint"][0]
        bl = med.get("betterleaks")
        cells = [name, f"{count:,}", _cell(med["git log -p"]), _cell(bl) if bl else "-", _cell(med["kaman-lint"]),
                 f"{kl / med['git log -p'][0]:.2f}", f"{kl / bl[0]:.2f}" if bl else "-",
                 _score(scores["kaman-lint"]), _score(scores["betterleaks"]) if "betterleaks" in scores else "-",
                 ",".join(sorted({str(t[2]) for t in times["kaman-lint"]}))]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def _cell(median: tuple[float, float]) -> str:
    return f"{median[0]:.2f} ({median[1]:.2f})"


def _score(result: dict) -> str:
    return f"{result['found']}/{result['keys']}, {result['decoys_hit']}/{result['decoys']}"


if __name__ == "__main__":
    sys.exit(main())
