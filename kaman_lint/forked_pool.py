"""Worker processes forked from this one and fed through pipes: `imap(function, tasks)` in
task order, the one thing a scan needs of a process pool. concurrent.futures' pool cost every
pooled scan ~23 ms of imports before its workers could start (multiprocessing, logging,
threading, its queues), and handed each task and each result through threads of its own that
waited for the GIL while this process walked (on the small benchmark corpus the first tasks
started 13-19 ms after the workers were up). Here this process writes each task into a
worker's pipe and reads the results itself, between the tasks it makes: one thread, no lock.

Fork only (Linux, a process without other threads: `engine._forkable`); the workers start with
this process's memory as it is, so nothing is pickled but the tasks and their results.
"""

from __future__ import annotations

import os
import select
from collections import deque

from kaman_lint.pipes import widen_fd

try:  # the C pickler `pickle` wraps: its Python module (~7M instructions to import, the C one
    # ~1.7M) was a share of every pool's start, before the workers fork; the same bytes either way
    from _pickle import dumps, loads
except ImportError:  # (an interpreter without it)
    from pickle import dumps, loads

TYPE_CHECKING = False  # typing.TYPE_CHECKING: typing is not imported at run time
if TYPE_CHECKING:
    from collections.abc import Callable, Iterator
    from typing import Any

QUEUED = 2  # tasks a worker holds: the one it runs and the next, so that it never waits
_HEADER = 8  # a message is its length (8 bytes, little-endian), then its pickle
_READ = 1 << 20
_END = object()
_PROTOCOL = -1  # the highest (pickle.HIGHEST_PROTOCOL)


class WorkerDied(RuntimeError):
    """A worker ended without sending back the result of a task it held (killed, out of memory)."""


class WorkerTraceback(Exception):
    """The traceback of a task's exception, as the worker printed it: the exception's cause."""


def imap(function: Callable[[Any], Any], tasks: Iterator[Any], workers: int,
         initializer: Callable[..., None] | None = None, initargs: tuple = ()) -> Iterator[Any]:
    """`function(task)` for each of `tasks`, computed in `workers` forked processes, yielded in
    task order; a task's exception is raised here. Each worker runs `initializer(*initargs)`
    first. `tasks` is read as the workers need them (a worker holds QUEUED at most); the
    workers end when the tasks do, or when the caller stops iterating."""
    pool = _Pool(function, workers, initializer, initargs)
    try:
        yield from pool.results(tasks)
    finally:
        pool.close()


class _Worker:
    __slots__ = ("pid", "tasks", "results", "unsent", "received", "queued")

    def __init__(self, pid: int, tasks: int, results: int) -> None:
        self.pid = pid
        self.tasks = tasks  # the write end of its task pipe (non-blocking), -1 once closed
        self.results = results  # the read end of its result pipe (non-blocking), -1 once closed
        self.unsent = bytearray()  # what the task pipe had no room for yet
        self.received = bytearray()  # what came of the results, up to a whole message
        self.queued: deque[int] = deque()  # the indices of the tasks it holds, in order


class _Pool:
    def __init__(self, function: Callable[[Any], Any], count: int, initializer, initargs: tuple) -> None:
        self.workers: list[_Worker] = []
        self.poll = select.poll()
        self.by_fd: dict[int, _Worker] = {}
        self.no_more_tasks = False
        try:
            for _ in range(count):
                self._fork(function, initializer, initargs)
        except BaseException:
            self.close()
            raise

    def _fork(self, function, initializer, initargs: tuple) -> None:
        tasks_in, tasks_out = os.pipe()
        results_in, results_out = os.pipe()
        # A task (1,024 paths: ~120 KB) or a result (survey facts: up to ~75 KB) over the 64 KiB
        # a pipe holds by default stops its writer until the other side reads: a worker then
        # waits for the rest of its next task, or to hand back its last result, while this
        # process walks on. Widened, each is written whole at once.
        widen_fd(tasks_out)
        widen_fd(results_out)
        pid = os.fork()
        if pid == 0:  # the worker: it never returns from here
            status = 1
            try:
                os.close(tasks_out)
                os.close(results_in)
                for other in self.workers:  # the ends the workers forked before this one use
                    os.close(other.tasks)
                    os.close(other.results)
                if initializer is not None:
                    initializer(*initargs)
                _serve(function, tasks_in, results_out)
                status = 0
            except (KeyboardInterrupt, BrokenPipeError):  # Ctrl-C reaches the whole process group,
                pass  # and a main process that stopped reading results says why itself
            except BaseException:
                import traceback

                traceback.print_exc()
            finally:
                os._exit(status)  # no atexit handler, no flush of buffers this process inherited
        os.close(tasks_in)
        os.close(results_out)
        os.set_blocking(tasks_out, False)
        os.set_blocking(results_in, False)
        worker = _Worker(pid, tasks_out, results_in)
        self.workers.append(worker)
        self.by_fd[results_in] = worker
        self.poll.register(results_in, select.POLLIN)

    def results(self, tasks: Iterator[Any]) -> Iterator[Any]:
        done: dict[int, tuple[bool, Any]] = {}
        sent = given = 0
        while True:
            while given in done:
                ok, value = done.pop(given)
                given += 1
                if not ok:
                    error, text = value
                    raise error from WorkerTraceback(text)
                yield value
            if self.no_more_tasks and given == sent:
                return
            worker = min(self.workers, key=lambda w: len(w.queued))
            if self.no_more_tasks or len(worker.queued) >= QUEUED:
                self._collect(done, None)  # every worker has its tasks: wait for a result
                continue
            task = next(tasks, _END)
            if task is _END:
                self._end_tasks()
                continue
            self._send(worker, sent, task)
            sent += 1
            self._collect(done, 0)  # what came back meanwhile, without waiting

    def _send(self, worker: _Worker, index: int, task: Any) -> None:
        worker.queued.append(index)
        worker.unsent += _message(task)
        self._flush(worker)

    def _flush(self, worker: _Worker) -> None:
        """Write what the task pipe takes now; the rest when the pipe has room (poll says so)."""
        try:
            written = os.write(worker.tasks, worker.unsent)
        except BlockingIOError:
            written = 0
        except BrokenPipeError:  # it is gone: its results say how (`_ended`)
            raise WorkerDied(f"a scan worker ended ({self._reap(worker)}) before taking its tasks") from None
        del worker.unsent[:written]
        if worker.unsent:
            self.poll.register(worker.tasks, select.POLLOUT)
            self.by_fd[worker.tasks] = worker
        else:
            if worker.tasks in self.by_fd:
                self.poll.unregister(worker.tasks)
                del self.by_fd[worker.tasks]
            if self.no_more_tasks:
                self._close_tasks(worker)

    def _end_tasks(self) -> None:
        self.no_more_tasks = True
        for worker in self.workers:
            if not worker.unsent:
                self._close_tasks(worker)  # its end of the pipe reads EOF: it exits after its last task

    def _close_tasks(self, worker: _Worker) -> None:
        if worker.tasks >= 0:
            os.close(worker.tasks)
            worker.tasks = -1

    def _collect(self, done: dict[int, tuple[bool, Any]], timeout: int | None) -> None:
        for fd, _events in self.poll.poll(timeout):
            worker = self.by_fd.get(fd)
            if worker is None:
                continue
            if fd == worker.tasks:
                self._flush(worker)
            else:
                self._read(worker, done)

    def _read(self, worker: _Worker, done: dict[int, tuple[bool, Any]]) -> None:
        try:
            chunk = os.read(worker.results, _READ)
        except BlockingIOError:
            return
        if not chunk:
            self._ended(worker)
            return
        received = worker.received
        received += chunk
        start = 0
        with memoryview(received) as view:
            while len(received) - start >= _HEADER:
                size = int.from_bytes(view[start:start + _HEADER], "little")
                end = start + _HEADER + size
                if end > len(received):
                    break
                done[worker.queued.popleft()] = loads(view[start + _HEADER:end])
                start = end
        del received[:start]

    def _ended(self, worker: _Worker) -> None:
        self.poll.unregister(worker.results)
        del self.by_fd[worker.results]
        os.close(worker.results)
        worker.results = -1
        if worker.queued or not self.no_more_tasks:
            raise WorkerDied(f"a scan worker ended ({self._reap(worker)}) before sending back its results")

    def _reap(self, worker: _Worker) -> str:
        _, status = os.waitpid(worker.pid, 0)
        worker.pid = 0
        return _how(status)

    def close(self) -> None:
        """Close every pipe; a worker still busy (the caller stopped early, or failed) is
        stopped; every worker is waited for."""
        busy = [worker.pid for worker in self.workers if worker.pid and (worker.queued or worker.unsent)]
        if busy:
            from signal import SIGTERM  # (only here: `signal` makes its enums as it is imported, ~3.8M instructions)

            for pid in busy:
                try:
                    os.kill(pid, SIGTERM)
                except ProcessLookupError:
                    pass
        for worker in self.workers:
            self._close_tasks(worker)
            if worker.results >= 0:
                os.close(worker.results)
                worker.results = -1
        for worker in self.workers:
            if worker.pid:
                os.waitpid(worker.pid, 0)
                worker.pid = 0


def _serve(function: Callable[[Any], Any], tasks_fd: int, results_fd: int) -> None:
    """A worker's loop: a task from the pipe, its result (or exception) back, until EOF."""
    with os.fdopen(tasks_fd, "rb") as tasks:
        while True:
            header = tasks.read(_HEADER)
            if len(header) < _HEADER:
                return  # the main process closed the pipe: no more tasks
            task = loads(tasks.read(int.from_bytes(header, "little")))
            try:
                reply = (True, function(task))
            except Exception as err:
                reply = (False, _sendable(err))
            _write_all(results_fd, _message(reply))


def _sendable(err: Exception) -> tuple[BaseException, str]:
    """The exception and its traceback's text, or when it cannot be pickled a RuntimeError
    saying what it was."""
    import traceback

    text = "".join(traceback.format_exception(type(err), err, err.__traceback__))
    try:
        loads(dumps(err, _PROTOCOL))
    except Exception:
        return RuntimeError(f"{type(err).__name__}: {err}"), text
    return err, text


def _message(value: Any) -> bytes:
    data = dumps(value, _PROTOCOL)
    return len(data).to_bytes(_HEADER, "little") + data


def _write_all(fd: int, data: bytes) -> None:
    with memoryview(data) as view:
        while view:
            view = view[os.write(fd, view):]


def _how(status: int) -> str:
    if os.WIFSIGNALED(status):
        return f"killed by signal {os.WTERMSIG(status)}"
    return f"exit status {os.waitstatus_to_exitcode(status)}"
