"""`NamedTuple` for class syntax, as `typing.NamedTuple` makes it but for one step: the field
annotations stay the strings `from __future__ import annotations` leaves, where typing turns
each into a `ForwardRef`, which compiles it (one `compile()` per field: 159 of them, ~3% of the
instructions of a 5-file commit, for annotations nothing reads). The class is the same
`collections.namedtuple` with the class body's methods, docstring and defaults on it, and the
same errors for a prohibited attribute or a non-default field after a default one
(tests/test_named_tuples.py compares every class of the package with typing's).

Type checkers see `typing.NamedTuple` itself.
"""

from __future__ import annotations

import collections

TYPE_CHECKING = False  # typing.TYPE_CHECKING: typing is not imported at run time
if TYPE_CHECKING:
    from typing import NamedTuple
else:
    # what typing forbids the class body to set, and leaves out when it copies the body
    _PROHIBITED = frozenset({"__new__", "__init__", "__slots__", "__getnewargs__", "_fields", "_field_defaults",
                             "_make", "_replace", "_asdict", "_source"})
    _SPECIAL = frozenset({"__module__", "__name__", "__annotations__"})

    class _NamedTupleMeta(type):
        def __new__(cls, typename, bases, ns):
            if bases != (_NamedTuple,):
                raise TypeError("can only inherit from a NamedTuple type")
            annotations = ns.get("__annotations__", {})
            default_names = []
            for name in annotations:
                if name in ns:
                    default_names.append(name)
                elif default_names:
                    raise TypeError(f"Non-default namedtuple field {name} cannot follow default field"
                                    f"{'s' if len(default_names) > 1 else ''} {', '.join(default_names)}")
            made = collections.namedtuple(typename, list(annotations), defaults=[ns[n] for n in default_names],
                                          module=ns["__module__"])
            made.__annotations__ = made.__new__.__annotations__ = dict(annotations)
            made.__bases__ = (tuple,)
            for key in ns:
                if key in _PROHIBITED:
                    raise AttributeError("Cannot overwrite NamedTuple attribute " + key)
                if key not in _SPECIAL and key not in made._fields:
                    setattr(made, key, ns[key])
            return made

    _NamedTuple = type.__new__(_NamedTupleMeta, "NamedTuple", (), {})

    def NamedTuple(*args, **kwargs):  # noqa: N802 - typing's name
        raise TypeError("kaman_lint.named_tuples.NamedTuple is for class syntax only")

    NamedTuple.__mro_entries__ = lambda bases: (_NamedTuple,)
