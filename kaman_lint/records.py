"""`dataclass`, made when first used (issue 13, target 3).

`dataclasses.dataclass` compiles a class's `__init__`, `__repr__`, `__eq__`, ... from source
text when its module is imported: 1-2 ms CPU a class here, ~60 ms for the 24 classes a short run
imports, most of which (history's commit records, KAM002's template facts, suppressions) a
5-file commit or an editor's buffer never makes. `dataclass(...)` here takes what the real one
takes and hands the class back unchanged but for stand-ins of the methods the real decorator
would add; the first call of any of them (the first instance, mostly) applies the real
decorator to the class, in place, then answers as the generated method does. From then on
the class is exactly the dataclass it would have been: the stand-ins are gone, a hot loop pays
nothing. `dataclasses.fields`, `replace` and `is_dataclass` make the class too (through
`__dataclass_fields__`), and so does an instance that arrived by unpickling.

tests/test_records.py checks each class of the package against the real decorator.
"""

from __future__ import annotations

import dataclasses
import threading

_FIELDS = "__dataclass_fields__"
_lock = threading.RLock()  # an editor server may make its first instances from two threads
pending: dict[type, dict] = {}  # class -> the decorator's arguments, until it is made
decorated: list[type] = []  # every class, made or not, for tests/test_records.py
_stubs: dict[type, tuple[str, ...]] = {}


def dataclass(cls: type | None = None, /, **params):
    """`dataclasses.dataclass`, applied when the class is first used (module constants only)."""
    if cls is None:
        return lambda c: dataclass(c, **params)
    pending[cls] = params
    decorated.append(cls)
    names = _generated(cls, params)
    for name in names:
        setattr(cls, name, _stand_in(cls, name))
    setattr(cls, _FIELDS, _Fields(cls))
    _stubs[cls] = names
    return cls


def make(cls: type) -> type:
    """Apply the real decorator to `cls` (and first to its pending bases), once."""
    with _lock:
        for base in reversed(cls.__mro__[1:]):
            if base in pending:
                make(base)
        params = pending.pop(cls, None)
        if params is not None:
            for name in _stubs.pop(cls) + (_FIELDS,):
                delattr(cls, name)
            made = dataclasses.dataclass(cls, **params)
            assert made is cls  # no slots: the class is changed in place
    return cls


def make_all() -> None:
    for cls in list(pending):
        make(cls)


def _generated(cls: type, params: dict) -> tuple[str, ...]:
    """The methods the real decorator may add, less those the class defines itself."""
    names = ["__init__", "__repr__", "__eq__", "__hash__"]
    if params.get("order"):
        names += ["__lt__", "__le__", "__gt__", "__ge__"]
    if params.get("frozen"):
        names += ["__setattr__", "__delattr__"]
    own = cls.__dict__
    # `__hash__` is in a class's own dict when it defines `__eq__` (then None) or `__hash__`
    return tuple(n for n in names if n not in own)


def _stand_in(cls: type, name: str):
    def stand_in(self, *args, **kwargs):
        make(cls)
        method = getattr(cls, name)
        if method is None:  # `__hash__` of a mutable dataclass
            raise TypeError(f"unhashable type: {cls.__name__!r}")
        return method(self, *args, **kwargs)

    stand_in.__name__ = name
    stand_in.__qualname__ = f"{cls.__qualname__}.{name}"
    return stand_in


class _Fields:
    """`cls.__dataclass_fields__` before the class is made: makes it, then answers."""

    def __init__(self, cls: type) -> None:
        self.cls = cls

    def __get__(self, instance, owner=None):
        make(self.cls)
        return getattr(self.cls, _FIELDS)
