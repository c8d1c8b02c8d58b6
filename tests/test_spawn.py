"""kaman_lint.spawn: git's children started without `subprocess` (issue 13, target 3) give what
`subprocess` gave: exit status, both outputs whatever their size, the same error when the
program is missing, pipes both ways. Checked on real children, never timed."""

from __future__ import annotations

import subprocess
import sys
import threading

import pytest

from kaman_lint import spawn

pytestmark = pytest.mark.skipif(not spawn.POSIX, reason="elsewhere spawn is subprocess itself")

BOTH_STREAMS = [sys.executable, "-c", "import os, sys; os.write(1, b'o' * 300_000); os.write(2, b'e' * 300_000); "
                "sys.exit(3)"]


def test_run_gives_what_subprocess_run_gives():
    done = subprocess.run(BOTH_STREAMS, capture_output=True, check=False)
    assert spawn.run(BOTH_STREAMS) == (done.returncode, done.stdout, done.stderr) == (3, b"o" * 300_000, b"e" * 300_000)
    killed = [sys.executable, "-c", "import os, signal; os.kill(os.getpid(), signal.SIGKILL)"]
    assert spawn.run(killed)[0] == subprocess.run(killed, check=False).returncode < 0
    env = {"KAMAN_SPAWN_TEST": "seen", "PATH": "/usr/bin:/bin"}
    assert spawn.run([sys.executable, "-c", "import os; print(os.environ['KAMAN_SPAWN_TEST'])"], env=env)[1] == b"seen\n"


def test_a_missing_program_raises_what_subprocess_raises():
    with pytest.raises(FileNotFoundError):
        subprocess.run(["kaman-lint-no-such-program"], check=False)
    with pytest.raises(FileNotFoundError):
        spawn.run(["kaman-lint-no-such-program"])
    with pytest.raises(FileNotFoundError):
        spawn.Child(["kaman-lint-no-such-program"])


def test_a_child_streams_both_ways():
    """As read_blobs uses it: a thread writes the input while this one reads the output."""
    child = spawn.Child([sys.executable, "-c", "import sys; sys.stdout.buffer.write(sys.stdin.buffer.read()[::-1])"])
    data = bytes(range(256)) * 2000
    writer = threading.Thread(target=lambda: (child.stdin.write(data), child.stdin.close()))
    writer.start()
    assert child.stdout.read() == data[::-1]
    writer.join()
    child.stdout.close()
    assert child.wait() == 0


def test_run_reads_pipes_numbered_past_select_s_limit():
    """A long-lived process (an editor's server) may hold a thousand descriptors: the pipes of
    its child then get numbers `select.select` refuses (FD_SETSIZE, 1024)."""
    import os
    import resource

    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if hard != resource.RLIM_INFINITY and hard < 1100:
        pytest.skip(f"this machine allows {hard} open descriptors")
    resource.setrlimit(resource.RLIMIT_NOFILE, (max(soft, 1100), hard))
    held = []
    try:
        while not held or held[-1] < 1030:
            held.append(os.open(os.devnull, os.O_RDONLY))
        assert spawn.run(BOTH_STREAMS) == (3, b"o" * 300_000, b"e" * 300_000)
    finally:
        for fd in held:
            os.close(fd)
        resource.setrlimit(resource.RLIMIT_NOFILE, (soft, hard))


_SIG_IGNORED = ["grep", "^SigIgn:", "/proc/self/status"]  # the child's ignored signals, as a hex mask


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads the child's /proc/self/status")
def test_children_start_with_the_signal_dispositions_subprocess_gives_them():
    """Python ignores SIGPIPE (and SIGXFSZ); subprocess puts them back to the default in its
    children, so a git writing into a closed pipe ends as git expects. Spawned ones too."""
    def ignored(line: bytes) -> int:
        return int(line.split()[1], 16)

    pipe_and_file_size = (1 << (13 - 1)) | (1 << (25 - 1))  # SIGPIPE, SIGXFSZ on Linux
    assert ignored(subprocess.run(_SIG_IGNORED, capture_output=True, check=True).stdout) & pipe_and_file_size == 0
    assert ignored(spawn.run(_SIG_IGNORED)[1]) & pipe_and_file_size == 0
    child = spawn.Child(_SIG_IGNORED)
    child.stdin.close()
    assert ignored(child.stdout.read()) & pipe_and_file_size == 0
    assert child.wait() == 0
