"""A worker skims each file once (issue 13, target 1): the verdict of its first look (read,
prefilter, binary sniff) is what `analyze_bytes` goes on, so a binary's bytes are not searched a
second time. Counted on the calls, never timed."""

from __future__ import annotations

from pathlib import Path

from kaman_lint import engine
from kaman_lint.config import load_config
from kaman_lint.keys import KeyMatcher
from kaman_lint.project import Project


def _chunk(root: Path, names: list[str]):
    config = load_config(root)
    context = engine.Context(config, Project.detect(root), engine.enabled_rules(config),
                             KeyMatcher(config.placeholders))
    engine._init_worker(context, str(root))
    return engine._analyze_chunk([str(root / name) for name in names])


def test_a_binary_is_skimmed_once(tmp_path, monkeypatch):
    (tmp_path / "blob.bin").write_bytes(bytes(range(32)) * 64)
    (tmp_path / "plain.txt").write_text("nothing to see\n")
    calls = []
    skim = engine._skim
    monkeypatch.setattr(engine, "_skim", lambda data: calls.append(len(data)) or skim(data))
    plain, kept = _chunk(tmp_path, ["blob.bin", "plain.txt"])
    assert len(calls) == 2, "one skim per file"
    assert plain == 1
    assert [n.kind for o in kept for n in o.notices] == ["binary"], "the binary is still reported"
