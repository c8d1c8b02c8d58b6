"""The workers close their copy of the input of the cat-file this process feeds: started before
the fork (it reads its pack indexes meanwhile), cat-file would wait for more after the log's last
blob while a worker held that input open."""

from __future__ import annotations

import os
import select

try:
    from test_history import Repo
except ImportError:  # tests/ imported as a package
    from tests.test_history import Repo

from kaman_lint.config import Config
from kaman_lint.history import analysis
from kaman_lint.history.scan import _context
from kaman_lint.history.start import start


def test_workers_close_the_descriptors_they_are_given(tmp_path):
    read_end, write_end = os.pipe()
    with analysis.Analysis(_context(Config(), tmp_path), tmp_path, 2, inherited=(write_end,)) as pool:
        if pool.pool is None:  # no fork here (not Linux): nothing is inherited
            return
        pool.pool.submit(int).result()  # every worker has run its initializer
        os.close(write_end)
        ready, _, _ = select.select([read_end], [], [], 10)
        assert ready and os.read(read_end, 1) == b""  # end of file: no worker holds the write end
    os.close(read_end)


def test_the_log_fed_cat_file_runs_from_the_start_and_names_its_input(tmp_path):
    repo = Repo(tmp_path / "repo")
    repo.commit({"README.md": "hello\n"})
    started = start(str(repo.path))
    try:
        blobs = started.blobs
        assert blobs.log_fed and blobs.reader is not None and blobs.reader.poll() is None
        assert blobs.fed_input() == (blobs.reader.stdin.fileno(),)
    finally:
        started.close()
