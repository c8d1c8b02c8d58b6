"""The walk notes a file's working-tree encoding (`.gitattributes`) as it reaches the repository
that sets it, which can be after the pool's workers started: forked, they held the encodings as
they were at the fork, and read a file git writes in EBCDIC raw, its key hidden from them (a
nested repository walked late passed a -j 2 scan that -j 1 failed). Each task carries the
encodings of its own paths."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from kaman_lint import engine, forked_pool
from kaman_lint.cli import main
from tests.fakekeys import fp, leaked, make_key
from tests.tree import write

KEY = make_key(9973)


def _tree(tmp_path: Path) -> Path:
    """Enough plain files to start the pool, walked first; then a repository of its own whose
    `.gitattributes` has git write `secret.txt` in EBCDIC (no byte of `kam_` is ASCII there)."""
    tree = write(tmp_path / "tree", {f"a/plain{i}.py": f"x = {i}\n" for i in range(engine.POOL_THRESHOLD + 200)})
    nested = tree / "z" / "nested"
    nested.mkdir(parents=True)
    subprocess.run(["git", "init", "-q", str(nested)], check=True)
    (nested / ".gitattributes").write_text("secret.txt working-tree-encoding=IBM037\n")
    (nested / "secret.txt").write_bytes(f"KAMAN_API_KEY={KEY}\n".encode("cp037"))
    return tree


def _scan(tree: Path, jobs: int) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["scan", "--format", "json", "-j", str(jobs), str(tree)])
    assert not leaked(result.stdout, [KEY])
    return result.exit_code, result.stdout


def _found(stdout: str) -> list[tuple[str, str, int]]:
    return [(f["fingerprint"], f["rule_id"], f["line"]) for f in json.loads(stdout)["findings"]]


@pytest.mark.parametrize("forked", [True, False], ids=["forked-pool", "process-pool-executor"])
def test_a_file_whose_encoding_the_walk_notes_after_the_fork_is_decoded(tmp_path, monkeypatch, forked):
    tree = _tree(tmp_path)
    code, alone = _scan(tree, 1)
    assert code == 1
    assert _found(alone) == [(fp(KEY), "KAM001", 1)]

    pools = []
    if forked:
        imap = forked_pool.imap
        monkeypatch.setattr(forked_pool, "imap", lambda *args: pools.append(args) or imap(*args))
    else:
        monkeypatch.setattr(engine, "_forkable", lambda: False)
        results = engine._pool_results
        monkeypatch.setattr(engine, "_pool_results", lambda *args: pools.append(args) or results(*args))
    code, pooled = _scan(tree, 2)
    assert pools, "the scan did not use the process pool"
    assert code == 1
    assert _found(pooled) == [(fp(KEY), "KAM001", 1)]
    assert pooled == alone
