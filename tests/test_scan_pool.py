"""How the scan hands files to its workers, and how a file is read: counted, not timed."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest

from kaman_lint import engine, reading


def test_tasks_start_small_and_grow_to_a_bound() -> None:
    sizes = [len(chunk) for chunk in engine._chunks(iter(map(str, range(5000))), engine.CHUNK)]
    assert sizes[:5] == [64, 128, 256, 512, 1024]
    assert set(sizes[4:-1]) == {engine.MAX_CHUNK} and sum(sizes) == 5000


def test_the_last_tasks_shrink_so_that_the_workers_finish_together() -> None:
    paths = list(map(str, range(20_000)))
    tasks = list(engine._chunks(iter(paths), engine.CHUNK, workers=2))
    assert [p for task in tasks for p in task] == paths  # every path once, in the walk's order
    sizes = [len(task) for task in tasks]
    assert sizes[:5] == [64, 128, 256, 512, 1024]
    tail = sizes[sizes.index(max(sizes)):]
    big = tail.index(next(s for s in tail if s < engine.MAX_CHUNK))
    assert tail[big:] == sorted(tail[big:], reverse=True)  # after the last full task, each smaller
    assert sum(tail[big:]) <= 2 * engine.MAX_CHUNK  # (what was held back when the walk ended)
    assert tail[-2] == engine.TAIL_CHUNK and tail[-1] <= engine.TAIL_CHUNK


def test_workers_are_forked_only_from_a_process_without_threads() -> None:
    assert engine._fork_context() is not None  # the suite runs on Linux
    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()
    try:
        assert engine._fork_context() is None  # the platform's default start method
    finally:
        stop.set()
        other.join()


def test_a_file_is_read_in_one_call(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "a.txt").write_bytes(b"x" * 100_000)
    calls = []
    real_read = os.read
    monkeypatch.setattr(os, "read", lambda fd, n: calls.append(n) or real_read(fd, n))
    assert reading.read_file(str(tmp_path / "a.txt"), 1 << 20) == b"x" * 100_000
    assert calls == [100_001]


@pytest.mark.parametrize("size, limit, kept", [(3000, 10_000, True), (3000, 2000, False)])
def test_a_file_grown_since_its_fstat_is_read_on_up_to_the_limit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                                  size: int, limit: int, kept: bool) -> None:
    (tmp_path / "grew.log").write_bytes(b"y" * size)
    real_fstat = os.fstat

    def stale_fstat(fd: int) -> os.stat_result:  # what it said before the file grew
        st = real_fstat(fd)
        return os.stat_result((st.st_mode, st.st_ino, st.st_dev, st.st_nlink, st.st_uid, st.st_gid, 10,
                               st.st_atime, st.st_mtime, st.st_ctime))

    monkeypatch.setattr(os, "fstat", stale_fstat)
    if kept:
        assert reading.read_file(str(tmp_path / "grew.log"), limit) == b"y" * size
    else:
        with pytest.raises(reading.TooLarge) as err:
            reading.read_file(str(tmp_path / "grew.log"), limit)
        assert err.value.size == limit + 1 and not err.value.exact
