"""Run a pool scan in a fresh interpreter with a probe around its workers: the tree is the given
key files among enough plain files to start the pool, the probe is Python source that wraps
`engine` functions and writes what it sees under the folder it gets as `sys.argv[1]`."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from kaman_lint.engine import POOL_THRESHOLD
from tests.tree import write

# Appended to every probe: the scan itself, as `kaman-lint scan TREE -j 2 --format json -o OUT/scan.json`.
_SCAN = """
from kaman_lint.cli import main
sys.argv = ["kaman-lint", "scan", sys.argv[2], "-j", "2", "--format", "json", "-o", os.path.join(out, "scan.json")]
main()
"""


def run(tmp_path: Path, files: dict[str, str], probe: str) -> Path:
    """The folder the probe wrote to, with the scan's report as `scan.json` beside what it wrote."""
    tree = write(tmp_path / "tree", files)
    write(tree, {f"plain{i}.py": f"x = {i}\n" for i in range(POOL_THRESHOLD + 64)})
    out = tmp_path / "out"
    out.mkdir()
    subprocess.run([sys.executable, "-c", probe + _SCAN, str(out), str(tree)],
                   cwd=tmp_path, capture_output=True, check=False)
    return out
