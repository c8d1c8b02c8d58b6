"""A plain scan ends its process without the interpreter's teardown (`entry.end_now`): the same
exit status, every byte of stdout and stderr, every exit handler run. A status that is no int,
another thread, or a stream that cannot be flushed: it returns, and the interpreter ends as
always."""

from __future__ import annotations

import json
import subprocess
import sys
import threading

import pytest

from kaman_lint import entry
from tests.fakekeys import make_key
from tests.tree import write

ENTRY = """
import atexit, sys
atexit.register(lambda: sys.stderr.write("handler ran\\n"))
sys.argv = ["kaman-lint"] + sys.argv[1:]
from kaman_lint.entry import main
main()
"""


def _run(cwd, *args):
    return subprocess.run([sys.executable, "-c", ENTRY, *args], cwd=cwd, capture_output=True, text=True)


def test_a_scan_ends_with_its_status_its_output_and_its_exit_handlers(tmp_path):
    write(tmp_path, {"app.py": f'KAMAN_API_KEY = "{make_key(3)}"\n', "clean.py": "x = 1\n"})
    found = _run(tmp_path, "scan", "app.py", "--format", "json")
    assert found.returncode == 1
    assert len(json.loads(found.stdout)["findings"]) == 1  # all of it, flushed
    assert found.stderr.endswith("handler ran\n")
    clean = _run(tmp_path, "scan", "clean.py")
    assert (clean.returncode, clean.stdout, clean.stderr) == (0, "No findings in 1 file.\n", "handler ran\n")
    missing = _run(tmp_path, "scan", "nowhere.py")
    assert missing.returncode == 2 and "no such file or directory" in missing.stderr
    assert missing.stderr.endswith("handler ran\n")


class _Ended(Exception):
    pass


@pytest.fixture
def ending(monkeypatch):
    """What `end_now` did: the exit handlers run, then `os._exit` (raising here) with its status."""
    done = []
    monkeypatch.setattr(entry.atexit, "_run_exitfuncs", lambda: done.append("handlers"))

    def _exit(code):
        done.append(code)
        raise _Ended

    monkeypatch.setattr(entry.os, "_exit", _exit)
    return done


def test_end_now_runs_the_handlers_then_ends_with_the_status(ending):
    with pytest.raises(_Ended):
        entry.end_now(1)
    assert ending == ["handlers", 1]


def test_end_now_leaves_a_status_that_is_no_int_or_a_failing_stream_to_the_interpreter(ending, monkeypatch):
    entry.end_now("a message")
    entry.end_now(None)
    entry.end_now(True)

    class Closed:
        def flush(self):
            raise BrokenPipeError

    monkeypatch.setattr(sys, "stdout", Closed())
    entry.end_now(1)
    assert ending == []


def test_end_now_leaves_a_process_with_another_thread_to_the_interpreter(ending):
    release = threading.Event()
    other = threading.Thread(target=release.wait)
    other.start()
    try:
        entry.end_now(0)
    finally:
        release.set()
        other.join()
    assert ending == []
