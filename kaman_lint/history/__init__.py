"""`kaman-lint history`: the keys a repository's history holds, each blamed on the commit that
added it, including keys deleted from the tree since (every clone still has them).

Design (measured on flask and vite, see benchmarks/history.py and the README): instead of
generating every commit's patch (`git log -p`, what gitleaks and betterleaks read), read each
unique blob once (`objects`), prefilter it in one SIMD pass, and only then ask which commits
wrote the few candidate blobs at which paths (`walk`, tree-level changes only). Candidates go
through the tree scan's own analysis; `attribution` turns the versions of a file that hold a key
into one finding at the commit that introduced it. `scan` ties the steps together.
"""

from kaman_lint.history.git import HistoryError
from kaman_lint.history.scan import scan_history

__all__ = ["HistoryError", "scan_history"]
