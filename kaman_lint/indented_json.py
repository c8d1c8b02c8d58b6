"""`json.dumps(document, ensure_ascii=False, indent=n)`, the same bytes, about three times faster.

The standard library encodes indented JSON in pure Python (its C encoder runs only without
`indent`): a generator per nesting level, a `yield` per token. On a SARIF report of 160,000
findings (a minified bundle dense with keys) that is most of the run. Here one recursive walk
appends each piece to a list, with strings escaped by the C escaper `json` itself uses.

Only the plain JSON types a report holds are walked (exact `str`, `int`, finite `float`, `bool`,
`None`, `list`, `tuple`, `dict` with `str` keys); anything else (an enum, a non-string key, NaN)
returns None, and the caller falls back to `json.dumps`, so the output never differs.

Memory is bounded by the text, not by the document: an array may be a :class:`LazyArray`, whose
items are made one at a time as they are written (a report's results are not all held as dicts
at once), and the small pieces are joined into chunks as the walk goes (a 150 MB report is not
also 3 million small strings). `json.dumps` writes a LazyArray through :func:`materialize`.
"""

from __future__ import annotations

import math
from json.encoder import encode_basestring  # the C escaper, as json.dumps(ensure_ascii=False) uses
from collections.abc import Callable, Iterator, Sequence

TYPE_CHECKING = False  # typing.TYPE_CHECKING: typing is not imported at run time
if TYPE_CHECKING:
    from typing import Any

_CHUNK = 4096  # pieces joined at once: big enough that the joins cost nothing


class LazyArray:
    """A JSON array whose items are `make(source)` for each source, made as they are written.
    It can be written more than once (the fallback to `json.dumps` walks it again).

    With `write`, each item writes its own text first: `write(newline, step, source)` returns
    exactly what this walk would write for `make(source)` at that indentation, or None to have
    that value walked (what a :class:`Rendered` item does, without one made per item: a
    report's 30,000 results of one shape are each one call)."""

    __slots__ = ("sources", "make", "write")

    def __init__(self, sources: Sequence[Any], make: Callable[[Any], Any],
                 write: Callable[[str, str, Any], str | None] | None = None) -> None:
        self.sources, self.make, self.write = sources, make, write

    def __iter__(self) -> Iterator[Any]:
        return map(self.make, self.sources)


class Rendered:
    """An item of an array that writes its own text: `write(newline, step, *args)` returns
    exactly what this walk would write for `make(*args)` at that indentation, or None to have
    that value walked. A report's 30,000 results of one shape are each one format, not a walk
    of five nested dicts; `json.dumps` (the fallback) writes `make(*args)`."""

    __slots__ = ("write", "make", "args")

    def __init__(self, write: Callable[..., str | None], make: Callable[..., Any], args: tuple) -> None:
        self.write, self.make, self.args = write, make, args


def materialize(value: Any) -> Any:
    """`json.dumps`'s `default` for a document holding a LazyArray or a Rendered."""
    if type(value) is LazyArray:
        return list(value)
    if type(value) is Rendered:
        return value.make(*value.args)
    raise TypeError(f"Object of type {type(value).__name__} is not JSON serializable")


class _Pieces(list):
    """The text written so far: small pieces, plus the chunks they were joined into."""

    __slots__ = ("chunks",)

    def __init__(self) -> None:
        super().__init__()
        self.chunks: list[str] = []

    def compact(self) -> None:
        if len(self) >= _CHUNK:
            self.chunks.append("".join(self))
            self.clear()

    def finish(self) -> list[str]:
        self.chunks.append("".join(self))
        self.clear()
        return self.chunks


class _Unsupported(Exception):
    """A value this walk does not encode exactly as json.dumps would."""


def dumps(document: Any, indent: int) -> str | None:
    """The text of `json.dumps(document, ensure_ascii=False, indent=indent)`, or None when the
    document holds a type left to json.dumps."""
    pieces = chunks(document, indent)
    return None if pieces is None else "".join(pieces)


def chunks(document: Any, indent: int) -> list[str] | None:
    """The text of :func:`dumps`, in chunks: written out one after the other, a long report is
    never held twice (the chunks and their join)."""
    out = _Pieces()
    try:
        _write(document, "\n", " " * indent, out)
    except _Unsupported:
        return None
    return out.finish()


def _write(value: Any, newline: str, step: str, out: _Pieces) -> None:
    """Append `value`'s text; `newline` is a line break plus the current indentation."""
    kind = type(value)
    if kind is str:
        out.append(encode_basestring(value))
    elif kind is dict:
        if not value:
            out.append("{}")
            return
        inner = newline + step
        separator = "{" + inner
        for key, item in value.items():
            if type(key) is not str:
                raise _Unsupported
            # A string or an int, most of a report's values, written here: a call less each.
            kind = type(item)
            if kind is str:
                out.append(separator + encode_basestring(key) + ": " + encode_basestring(item))
            elif kind is int:
                out.append(separator + encode_basestring(key) + ": " + int.__repr__(item))
            else:
                out.append(separator + encode_basestring(key) + ": ")
                _write(item, inner, step, out)
            separator = "," + inner
        out.append(newline + "}")
    elif kind is LazyArray and value.write is not None:
        _write_written(value, newline, step, out)
    elif kind is list or kind is tuple or kind is LazyArray:
        inner = newline + step
        separator = "[" + inner
        for item in value:
            out.append(separator)
            separator = "," + inner
            if type(item) is Rendered:
                text = item.write(inner, step, *item.args)
                if text is not None:
                    out.append(text)
                    out.compact()
                    continue
                item = item.make(*item.args)
            _write(item, inner, step, out)
            out.compact()
        out.append("[]" if separator[0] == "[" else newline + "]")
    elif value is None:
        out.append("null")
    elif value is True:
        out.append("true")
    elif value is False:
        out.append("false")
    elif kind is int:
        out.append(int.__repr__(value))
    elif kind is float and math.isfinite(value):
        out.append(float.__repr__(value))
    else:
        raise _Unsupported


def _write_written(array: LazyArray, newline: str, step: str, out: _Pieces) -> None:
    """Append the text of a LazyArray whose items write their own (`LazyArray.write`)."""
    inner = newline + step
    separator = "[" + inner
    write, make = array.write, array.make
    for source in array.sources:
        out.append(separator)
        separator = "," + inner
        text = write(inner, step, source)
        if text is None:
            _write(make(source), inner, step, out)
        else:
            out.append(text)
        if len(out) >= _CHUNK:
            out.compact()
    out.append("[]" if separator[0] == "[" else newline + "]")
