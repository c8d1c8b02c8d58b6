"""A bounded memo: a dict that forgets everything once it holds `size` answers.

The analyzers remember answers by the text they read (a bundle asks the same question about
one URL 100,000 times); the bound keeps a file of all-distinct questions from growing the memo
without end. Lookups are the dict's own (`memo.get(key)`), so a hit costs what a dict costs."""

from __future__ import annotations

TYPE_CHECKING = False  # typing.TYPE_CHECKING: typing is not imported at run time
if TYPE_CHECKING:
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


MISSING = object()  # what `WindowMemo.get` returns for a question not remembered


class WindowMemo:
    """Answers about a point of a text, remembered by the text they read: from a window's
    start before the point to an end the caller gives (the farthest its question reads). The
    windows are tried smallest first; an answer is kept under the smallest one holding the
    lowest offset it read, so a repeat matches whatever is farther back (a bundle's URL is
    read ~30 characters back, and the 256 characters before it are rarely alike)."""

    __slots__ = ("_tiers",)

    def __init__(self, befores: tuple[int, ...], size: int) -> None:
        self._tiers = tuple((before, BoundedMemo(size)) for before in sorted(befores))

    def get(self, text: str, point: int, end: int, tag: Any = None) -> Any:
        for before, memo in self._tiers:
            if point < before:
                break
            found = memo.get((text[point - before:end], tag), MISSING)
            if found is not MISSING:
                return found
        return MISSING

    def remembered(self, text: str, point: int, end: int, tag: Any, before: int) -> Any:
        """What `get` finds in the window of `before` characters alone, or MISSING."""
        for size, memo in self._tiers:
            if size == before:
                return MISSING if point < before else memo.get((text[point - before:end], tag), MISSING)
        return MISSING

    def clear(self) -> None:
        for _, memo in self._tiers:
            memo.clear()

    def put(self, text: str, point: int, end: int, tag: Any, lowest: int, value: Any) -> None:
        """Remember `value`, an answer that read text[lowest:end] (nothing outside it)."""
        for before, memo in self._tiers:
            if point < before:
                return
            if lowest >= point - before:
                memo.put((text[point - before:end], tag), value)
                return
