"""A bounded memo: a dict that forgets everything once it holds `size` answers.

The analyzers remember answers by the text they read (a bundle asks the same question about
one URL 100,000 times); the bound keeps a file of all-distinct questions from growing the memo
without end. Lookups are the dict's own (`memo.get(key)`), so a hit costs what a dict costs."""

from __future__ import annotations

from typing import Any


class BoundedMemo(dict):
    __slots__ = ("size",)

    def __init__(self, size: int) -> None:
        super().__init__()
        self.size = size

    def put(self, key: Any, value: Any) -> Any:
        """Remember `value` under `key` (emptying the memo first when full); returns `value`."""
        if len(self) >= self.size:
            self.clear()
        self[key] = value
        return value
