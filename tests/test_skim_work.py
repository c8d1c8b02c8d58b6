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


def test_a_pools_plain_files_reach_finish_as_counts(tmp_path):
    """Each task's plain files come back as one outcome counting them (`finish` adds `scanned`
    up), not one object per file for the main process to pass through."""
    names = [f"f{i:03}.txt" for i in range(engine.POOL_THRESHOLD + 44)]
    for name in names:
        (tmp_path / name).write_text("nothing to see\n")
    config = load_config(tmp_path)
    context = engine.Context(config, Project.detect(tmp_path), engine.enabled_rules(config),
                             KeyMatcher(config.placeholders))
    outcomes = list(engine.run_files([str(tmp_path / n) for n in names], tmp_path, context, jobs=2))
    assert sum(o.scanned for o in outcomes) == len(names)
    tasks = len(list(engine._chunks(iter(names), engine.CHUNK, workers=2)))
    assert len(outcomes) <= tasks, f"{len(outcomes)} outcomes for {len(names)} plain files in {tasks} tasks"
    result = engine.finish(iter(outcomes), context, tmp_path, [])
    assert result.files_scanned == len(names)


def test_only_a_file_with_a_nul_in_its_first_bytes_is_tested_for_bomless_wide_text(tmp_path, monkeypatch):
    """BOM-less UTF-16 and UTF-32 put a NUL in the first three bytes: a file without one is
    told plain without the two NUL-counting tests (every file of a scan is asked)."""
    from kaman_lint import source

    (tmp_path / "plain.txt").write_text("nothing to see\n")
    (tmp_path / "wide.txt").write_bytes("kaman is written wide here\n".encode("utf-16-le"))
    calls = []
    bomless = source._bomless_wide
    monkeypatch.setattr(source, "_bomless_wide", lambda data: calls.append(data[:4]) or bomless(data))
    assert not source.is_wide_unicode(b"nothing to see\n")
    assert calls == []
    assert source.is_wide_unicode((tmp_path / "wide.txt").read_bytes())
    assert len(calls) == 1


def test_a_tasks_survey_facts_come_back_in_one_outcome_in_file_order(tmp_path):
    """Scripts no analyzer needs still tell KAM002's module graph something (`Rule.survey`):
    a run of them comes back as one outcome holding all their facts, in the walk's order, not one
    outcome per script for the workers to pickle and the main process to pass through."""
    names = [f"m{i:03}.js" for i in range(engine.POOL_THRESHOLD + 44)]
    for i, name in enumerate(names):
        (tmp_path / name).write_text(f'import x from "./m{(i + 1) % len(names):03}.js";\n')
    (tmp_path / "kaman.js").write_text('const kamanUrl = "https://example.com";\n')  # analysed: in between
    names.insert(100, "kaman.js")
    config = load_config(tmp_path)
    context = engine.Context(config, Project.detect(tmp_path), engine.enabled_rules(config),
                             KeyMatcher(config.placeholders))
    one_by_one = [fact for name in names
                  for facts in engine.analyze_bytes(name, (tmp_path / name).read_bytes(), context).shared.values()
                  for fact in facts]
    outcomes = list(engine.run_files([str(tmp_path / n) for n in names], tmp_path, context, jobs=2))
    assert sum(o.scanned for o in outcomes) == len(names)
    assert len(outcomes) <= 12, f"{len(outcomes)} outcomes for {len(names)} scripts"
    assert [fact for o in outcomes for facts in o.shared.values() for fact in facts] == one_by_one


def test_a_file_with_a_marker_is_searched_for_one_once(tmp_path, monkeypatch):
    """The skim's search for the markers (`relevant_bytes`'s `_prefiltered`, a pass over every
    byte: 20 MiB for a bundle) is what `analyze_bytes` goes on, not searched again; the key is
    still found."""
    from fakekeys import make_key

    (tmp_path / "app.js").write_text(f'const k = "{make_key(32)}";\n')
    calls = []
    prefiltered = engine._prefiltered
    monkeypatch.setattr(engine, "_prefiltered", lambda data: calls.append(len(data)) or prefiltered(data))
    plain, kept = _chunk(tmp_path, ["app.js"])
    assert len(calls) == 1, "one search of the bytes"
    assert [f.rule_id for o in kept for f in o.findings] == ["KAM001"]


def test_a_tasks_binaries_come_back_as_one_outcome_of_their_notices(tmp_path):
    """A binary that says nothing but that it is one (a gettext .mo, a font: 1,436 files of the
    large benchmark corpus) costs no outcome of its own: a task's binaries come back as one
    outcome holding their notices, each as analyze_bytes would have written it."""
    names = [f"b{i}.mo" for i in range(5)]
    for name in names:
        (tmp_path / name).write_bytes(bytes(range(32)) * 64)
    (tmp_path / "kaman.txt").write_text("kaman is mentioned\n")  # analysed: in between
    (tmp_path / "plain.txt").write_text("nothing to see\n")
    order = ["b0.mo", "b1.mo", "kaman.txt", "b2.mo", "plain.txt", "b3.mo", "b4.mo"]
    plain, kept = _chunk(tmp_path, order)
    binaries = [o for o in kept if any(n.kind == "binary" for n in o.notices)]
    assert len(binaries) == 1 and not binaries[0].scanned
    config = load_config(tmp_path)
    context = engine.Context(config, Project.detect(tmp_path), engine.enabled_rules(config),
                             KeyMatcher(config.placeholders))
    one_by_one = [n for name in names for n in engine.analyze_bytes(name, (tmp_path / name).read_bytes(), context).notices]
    assert binaries[0].notices == one_by_one
    result = engine.finish(iter(kept + [engine._plain_files(plain)]), context, tmp_path, [])
    assert result.files_scanned == 2 and sum(n.kind == "binary" for n in result.notices) == 5
