"""`kaman-lint rules | head -1`, `kaman-lint scan | head`: the reader closes the pipe and the
next write fails. That is no internal error to report to a new user; the run ends quietly, with
exit status 2 (the report was not delivered)."""

from __future__ import annotations

import subprocess
import sys


def test_a_closed_stdout_is_no_internal_error(tmp_path):
    process = subprocess.Popen([sys.executable, "-m", "kaman_lint", "rules"], cwd=tmp_path,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    process.stdout.close()  # before the command writes a line
    stderr = process.stderr.read().decode()
    assert process.wait() == 2
    assert "internal error" not in stderr and "Traceback" not in stderr and "Exception" not in stderr
