"""`kaman-lint history`: the keys a repository's history holds, each blamed on the commit that
added it, including keys deleted from the tree since (every clone still has them).

Design (measured on flask and vite, see benchmarks/history.py and the README): instead of
generating every commit's patch (`git log -p`, what gitleaks and betterleaks read), read each
unique blob once (`objects`), prefilter it in one SIMD pass, and only then ask which commits
wrote the few candidate blobs at which paths (`walk`, tree-level changes only). Candidates go
through the tree scan's own analysis; `attribution` turns the versions of a file that hold a key
into one finding at the commit that introduced it. `scan` ties the steps together; `start`
starts its git processes, which the command line does before it reads the config.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from kaman_lint.history.git import HistoryError

if TYPE_CHECKING:
    from kaman_lint.history.scan import scan_history

__all__ = ["HistoryError", "scan_history"]


def __getattr__(name: str):
    """`scan_history` on first use: importing `kaman_lint.history.start` (git's side only)
    does not import the scan, the prefilter and the findings with it."""
    if name == "scan_history":
        from kaman_lint.history.scan import scan_history

        return scan_history
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
