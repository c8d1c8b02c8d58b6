"""The forked pool a scan's workers run in: results in task order whatever the sizes, errors
raised in the caller, and no worker left behind (none running, none unreaped) however it ends."""

from __future__ import annotations

import os
import signal
import sys
import time

import pytest

from kaman_lint import forked_pool

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="fork: Linux only")


def _children() -> set[int]:
    """This process's children, zombies included (a worker forked and never waited for)."""
    found = set()
    for name in os.listdir("/proc"):
        if name.isdigit():
            try:
                with open(f"/proc/{name}/stat", "rb") as f:
                    stat = f.read()
            except OSError:
                continue
            if int(stat.rsplit(b")", 1)[1].split()[1]) == os.getpid():
                found.add(int(name))
    return found


@pytest.fixture
def no_worker_left():
    before = _children()
    yield
    assert _children() <= before


def _echo(task):
    return task, os.getpid()


def _echo_slowly(task):
    time.sleep(0.005)  # a worker is still busy when the next task is handed out
    return _echo(task)


def test_results_come_in_task_order_from_several_workers(no_worker_left) -> None:
    results = list(forked_pool.imap(_echo_slowly, iter(range(60)), 3))
    assert [task for task, _ in results] == list(range(60))
    pids = {pid for _, pid in results}
    assert os.getpid() not in pids and len(pids) > 1


def _grow(task: bytes) -> bytes:
    return task * 8


def test_tasks_and_results_larger_than_a_pipe_go_through(no_worker_left) -> None:
    tasks = [bytes([i]) * 300_000 for i in range(12)]  # a pipe holds 64 KiB; results of 2.4 MB
    assert list(forked_pool.imap(_grow, iter(tasks), 2)) == [task * 8 for task in tasks]


def test_each_workers_pipes_are_widened(no_worker_left, monkeypatch) -> None:
    """A task of 1,024 paths or a result of survey facts outgrows a 64 KiB pipe: its writer would
    stop until the other side reads (a worker waiting for the rest of its next task, or to hand
    back its result, while the caller walks on)."""
    import fcntl

    sizes = []
    widen = forked_pool.widen_fd
    monkeypatch.setattr(forked_pool, "widen_fd", lambda fd: (widen(fd), sizes.append(fcntl.fcntl(fd, fcntl.F_GETPIPE_SZ))))
    assert list(forked_pool.imap(_echo, iter(range(4)), 2))
    assert len(sizes) == 4 and all(size >= 1 << 20 for size in sizes)  # tasks and results, two workers


def _fail_on_five(task: int) -> int:
    if task == 5:
        raise ValueError("task five")
    return task


def test_a_tasks_exception_is_raised_in_the_caller_with_the_workers_traceback(no_worker_left) -> None:
    seen = []
    with pytest.raises(ValueError, match="task five") as raised:
        for result in forked_pool.imap(_fail_on_five, iter(range(50)), 2):
            seen.append(result)
    assert seen == [0, 1, 2, 3, 4]
    assert isinstance(raised.value.__cause__, forked_pool.WorkerTraceback)
    assert "_fail_on_five" in str(raised.value.__cause__)


def _die_on_three(task: int) -> int:
    if task == 3:
        os.kill(os.getpid(), signal.SIGKILL)
    return task


def test_a_worker_that_dies_is_an_error_not_a_lost_task(no_worker_left) -> None:
    with pytest.raises(forked_pool.WorkerDied, match="signal 9"):
        list(forked_pool.imap(_die_on_three, iter(range(50)), 2))


def test_a_caller_that_stops_early_leaves_no_worker(no_worker_left) -> None:
    results = forked_pool.imap(_echo, iter(range(10_000)), 2)
    assert next(results)[0] == 0
    results.close()


def test_tasks_are_taken_as_the_workers_need_them(no_worker_left) -> None:
    taken = []

    def tasks():
        for i in range(100):
            taken.append(i)
            yield i

    # Only task 0 ends: every other task waits on a pipe nobody writes to, so however the
    # workers are scheduled, what the pool took is what they hold, not what they got through.
    global _gate
    _gate, gate_writer = os.pipe()
    try:
        results = forked_pool.imap(_first_only, tasks(), 2)
        assert next(results) == 0
        assert len(taken) <= 2 * forked_pool.QUEUED + 1  # a walk is not read far ahead of the workers
        results.close()
    finally:
        os.close(_gate)
        os.close(gate_writer)


_gate = -1


def _first_only(task: int) -> int:
    if task:
        os.read(_gate, 1)  # never answered: the worker holds this task until it is stopped
    return task


_initialized = None


def _set(value: str) -> None:
    global _initialized
    _initialized = value


def _initialized_value(_task: int) -> str | None:
    return _initialized


def test_each_worker_runs_the_initializer_and_the_caller_does_not(no_worker_left) -> None:
    assert set(forked_pool.imap(_initialized_value, iter(range(20)), 2, _set, ("ready",))) == {"ready"}
    assert _initialized is None
