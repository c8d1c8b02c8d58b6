"""kaman-lint's benchmark: issue 13's four speed targets in one run, printed as ratios.

    python benchmarks/run.py                      # all four targets
    python benchmarks/run.py --targets 3,4        # the quick ones (a minute or two)

1. Large and small corpus, all rules, SARIF out: wall time against ripgrep (`rg-hidden`) and
   `betterleaks-kam` measured in the same run by the shared runner
   (`<bench>/run_peers.py`), every planted key found, no decoy hit, peak memory of the tree.
2. Scaling: small, large and large doubled (two hard-linked copies of large side by side,
   planted.json merged), wall per MB and per file, and CPU/wall on large (both cores busy).
3. Short runs, interpreter start included (median of N): `--version`, the pre-commit hook on
   five staged files, `scan -` of a 2,000-line file, the server's answer to a `didChange`.
4. The 20 MiB one-line bundle dense with key-shaped URLs (KAM004's worst case).

The corpora and peers are the shared ones (`--bench`, `--data`, `--tools`; see
`<bench>/README.md` to build them elsewhere). Scratch files go to `--work`; results (JSON and
a Markdown table) to `--out`. Quote ratios from one run on a quiet machine: the load average
is printed with them.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import inputs  # noqa: E402
import timing  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
BUDGETS = {"version": 0.08, "pre-commit (5 files)": 0.15, "stdin, 2,000-line .py": 0.15,
           "stdin, 2,000-line .js": 0.15, "LSP didChange, 2,000-line .py": 0.05,
           "LSP didChange, 2,000-line .js": 0.05}
PY_SOURCE = "pypi/django-5.0.6/django/db/models/sql/query.py"
JS_SOURCE = "npm/lodash-4.17.21/core.js"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--targets", default="1,2,3,4", help="comma-separated: 1,2,3,4")
    ap.add_argument("--kaman-lint", type=Path,
                    help="the kaman-lint to measure (default: this checkout, installed from a wheel into a "
                         "scratch venv as a user installs it; see inputs.user_install)")
    ap.add_argument("--bench", type=Path, default=Path("/work/shared/bench"), help="the shared benchmark folder")
    ap.add_argument("--data", type=Path, default=Path("/work/bench/data"), help="holds small/ and large/")
    ap.add_argument("--tools", type=Path, default=Path("/work/bench/tools"), help="the installed peers")
    ap.add_argument("--work", type=Path, default=Path("/tmp/kaman-lint-bench"), help="scratch folder")
    ap.add_argument("--out", type=Path, default=Path("/tmp/kaman-lint-bench/results"), help="results folder")
    ap.add_argument("--runs", type=int, default=15, help="runs per short-run cell (median)")
    ap.add_argument("--reps", type=int, default=5, help="runs per corpus cell (targets 1, 2)")
    a = ap.parse_args(argv)
    targets = {int(t) for t in a.targets.split(",")}
    a.work.mkdir(parents=True, exist_ok=True)
    a.out.mkdir(parents=True, exist_ok=True)
    kaman_lint = str((a.kaman_lint or inputs.user_install(REPO, a.work)).absolute())
    report: dict = {"kaman_lint": kaman_lint, "version": _version(kaman_lint),
                    "loadavg_before": os.getloadavg(), "started": time.strftime("%Y-%m-%dT%H:%M:%S")}
    lines = []
    if targets & {1, 2}:
        report["corpora"] = corpora(a, kaman_lint, scaling=2 in targets)
        lines += corpus_lines(report["corpora"], targets)
    if 3 in targets:
        report["short_runs"] = short_runs(a, kaman_lint)
        lines += short_run_lines(report["short_runs"])
    if 4 in targets:
        report["bundle"] = bundle(a, kaman_lint)
        lines += bundle_lines(report["bundle"])
    report["loadavg_after"] = os.getloadavg()
    lines.append(f"\nload average before/after: {_load(report['loadavg_before'])} / {_load(report['loadavg_after'])}"
                 f" ({os.cpu_count()} CPUs); kaman-lint {report['version']}")
    text = "\n".join(lines)
    (a.out / "speed.json").write_text(json.dumps(report, indent=1) + "\n")
    (a.out / "speed.md").write_text(text + "\n")
    print(text)
    return 0


# -- targets 1 and 2 ---------------------------------------------------------------------------------

def corpora(a, kaman_lint: str, scaling: bool) -> dict:
    folders = [a.data / "small", a.data / "large"]
    if scaling:
        folders.append(inputs.doubled_corpus(a.data / "large", a.work))
    only = "cat,rg-hidden,betterleaks-kam,kaman-lint" if not scaling else "rg-hidden,betterleaks-kam,kaman-lint"
    out = a.out / "peers"
    command = [sys.executable, str(a.bench / "run_peers.py"), *map(str, folders), "--tools", str(a.tools),
               "--only", only, "--reps", str(a.reps), "--out", str(out),
               "--kaman-lint-cmd", f"{kaman_lint} scan {{corpus}} --format sarif -o {{out}}"]
    print("running:", " ".join(command), file=sys.stderr)
    subprocess.run(command, check=True)
    return json.loads((out / "results.json").read_text())


def corpus_lines(results: dict, targets: set[int]) -> list[str]:
    rows = {(r["corpus"], r["tool"]): r for r in results["summary"] if not r.get("skipped")}
    labels = [c["label"] for c in results["meta"]["corpora"]]
    files = {c["label"]: c["files"] for c in results["meta"]["corpora"]}
    out = ["## Targets 1 and 2: corpora (medians of one run_peers.py run)", "",
           "| corpus | MB | files | kaman-lint s | CPU/wall | rg-hidden s | betterleaks-kam s | kl / rg (≤ 3) "
           "| betterleaks-kam / kl (≥ 3) | recall | decoys | keys in output | peak tree MB (≤ 200) |",
           "|---|---|---|---|---|---|---|---|---|---|---|---|---|"]
    for label in labels:
        kl, rg, bl = (rows.get((label, t)) for t in ("kaman-lint", "rg-hidden", "betterleaks-kam"))
        if kl is None:
            out.append(f"| {label} | | | (no kaman-lint run) |")
            continue
        out.append("| {} | {:.0f} | {} | {:.2f} | {:.2f} | {} | {} | {} | {} | {}/{} | {} | {} | {:.0f} |".format(
            label, kl["mb"], files[label], kl["wall_median"], kl["cpu_median"] / kl["wall_median"],
            _s(rg), _s(bl), _ratio(kl, rg), _ratio(bl, kl), kl.get("found"), kl.get("planted"),
            kl.get("decoy_hits"), kl.get("keys_in_output"), kl.get("tree_rss_mb") or kl["maxrss_mb"]))
    if 2 in targets and len(labels) >= 2:
        out += ["", "Scaling (kaman-lint): seconds per 100 MB and per 10,000 files; ratios to the smallest "
                "corpus (linear: close to 1.0)", "",
                "| corpus | s / 100 MB | s / 10k files | per-MB ratio | per-file ratio |", "|---|---|---|---|---|"]
        base = None
        for label in labels:
            kl = rows.get((label, "kaman-lint"))
            if kl is None:
                continue
            per_mb, per_file = kl["wall_median"] / kl["mb"] * 100, kl["wall_median"] / files[label] * 1e4
            base = base or (per_mb, per_file)
            out.append(f"| {label} | {per_mb:.2f} | {per_file:.2f} | {per_mb / base[0]:.2f} | {per_file / base[1]:.2f} |")
    return out + [""]


# -- target 3 ----------------------------------------------------------------------------------------

def short_runs(a, kaman_lint: str) -> dict:
    env = timing.run_env(a.work)
    commit = a.work / "commit"
    staged = inputs.commit_files(commit)
    docs = a.work / "docs"
    docs.mkdir(exist_ok=True)
    big_py = inputs.two_thousand_lines(a.data / "small" / PY_SOURCE, docs / "query.py", "py")
    big_js = inputs.two_thousand_lines(a.data / "small" / JS_SOURCE, docs / "core.js", "js")
    runs = a.runs
    cells = {
        "version": timing.median_wall([kaman_lint, "--version"], cwd=a.work, env=env, runs=runs, ok=(0,)),
        # the pre-commit hook's own command line (.pre-commit-hooks.yaml) with the staged names
        "pre-commit (5 files)": timing.median_wall([kaman_lint, "scan", "--staged", "--", *staged], cwd=commit,
                                                   env=env, runs=runs),
        "stdin, 2,000-line .py": timing.median_wall([kaman_lint, "scan", "-", "--stdin-filename", str(big_py)],
                                                    cwd=docs, env=env, runs=runs, stdin=big_py),
        "stdin, 2,000-line .js": timing.median_wall([kaman_lint, "scan", "-", "--stdin-filename", str(big_js)],
                                                    cwd=docs, env=env, runs=runs, stdin=big_js),
        "LSP didChange, 2,000-line .py": timing.lsp_did_change([kaman_lint, "server"], root=docs, document=big_py,
                                                               env=env, runs=runs),
        "LSP didChange, 2,000-line .js": timing.lsp_did_change([kaman_lint, "server"], root=docs, document=big_js,
                                                               env=env, runs=runs),
    }
    interpreter = timing.median_wall([timing.python_of(kaman_lint), "-c", "pass"], cwd=a.work, env=env, runs=runs, ok=(0,))
    return {"cells": cells, "python -c pass": interpreter,
            "modules": {"--version": _module_count(kaman_lint, ["--version"], a.work, env),
                        "pre-commit (5 files)": _module_count(kaman_lint, ["scan", "--staged", "--", *staged], commit, env)}}


def short_run_lines(results: dict) -> list[str]:
    out = ["## Target 3: short runs (interpreter start included; median of N, min-max)", "",
           "| run | median s | min-max s | CPU s (median) | budget s | median / budget |", "|---|---|---|---|---|---|"]
    for name, cell in results["cells"].items():
        budget = BUDGETS[name]
        cpu = f"{cell['cpu_median']:.3f}" if "cpu_median" in cell else "-"  # the LSP rows: client-side time
        out.append(f"| {name} | {cell['median']:.3f} | {cell['min']:.3f}-{cell['max']:.3f} | {cpu} | {budget:.2f} "
                   f"| {cell['median'] / budget:.2f} |")
    base = results["python -c pass"]
    out += ["", f"`python -c pass` alone: {base['median']:.3f} s wall, {base['cpu_median']:.3f} s CPU. Modules loaded: "
            + ", ".join(f"{k} {v}" for k, v in results["modules"].items()) + ". The LSP rows time, from the "
            "client's side of the pipe, a whole-document didChange until its diagnostics arrive (no debounce).", ""]
    return out


# -- target 4 ----------------------------------------------------------------------------------------

def bundle(a, kaman_lint: str) -> dict:
    env = timing.run_env(a.work)
    folder = a.work / "bundle"
    folder.mkdir(exist_ok=True)
    path = inputs.kam004_bundle(folder / "app.min.js")
    sarif = folder / "out.sarif"
    command = [kaman_lint, "scan", str(path), "--format", "sarif", "-o", str(sarif)]
    kl = timing.median_wall(command, cwd=folder, env=env, runs=1, warmup=0)
    if kl["median"] < 10:  # fast enough to take a median of three
        kl = timing.median_wall(command, cwd=folder, env=env, runs=3, warmup=0)
    results = json.loads(sarif.read_text())["runs"][0]["results"]
    cells = {"kaman-lint": kl, "findings": len(results), "bytes": path.stat().st_size}
    rg = shutil.which("rg")
    if rg:
        cells["rg"] = timing.median_wall([rg, "-c", "kam_[A-Za-z0-9]{20,}", str(path)], cwd=folder, env=env,
                                         runs=5, warmup=1)
    return cells


def bundle_lines(results: dict) -> list[str]:
    kl = results["kaman-lint"]
    line = (f"## Target 4: {results['bytes'] / 2 ** 20:.0f} MiB one-line bundle dense with key-shaped URLs\n\n"
            f"kaman-lint scan (SARIF): {kl['median']:.2f} s median of {kl['runs']} (budget 2 s: "
            f"{kl['median'] / 2:.2f} of it), {results['findings']} findings")
    if "rg" in results:
        line += f"; ripgrep counting kam_ matches: {results['rg']['median']:.2f} s"
    return [line, ""]


# -- helpers -----------------------------------------------------------------------------------------

def _version(kaman_lint: str) -> str:
    return subprocess.run([kaman_lint, "--version"], capture_output=True, text=True).stdout.strip()


def _module_count(kaman_lint: str, args: list[str], cwd: Path, env: dict[str, str]) -> int:
    """Modules a run imports (`python -X importtime` lines): a count, not a time."""
    done = subprocess.run([timing.python_of(kaman_lint), "-X", "importtime", kaman_lint, *args], cwd=cwd, env=env,
                          capture_output=True, text=True)
    return sum(1 for line in done.stderr.splitlines() if line.startswith("import time:") and "|" in line) - 1


def _s(row: dict | None) -> str:
    return f"{row['wall_median']:.2f}" if row else "-"


def _ratio(a: dict | None, b: dict | None) -> str:
    return f"{a['wall_median'] / b['wall_median']:.2f}" if a and b else "-"


def _load(load: tuple) -> str:
    return "/".join(f"{x:.1f}" for x in load)


if __name__ == "__main__":
    raise SystemExit(main())
