"""kaman_lint.named_tuples: a class-syntax NamedTuple is the class typing.NamedTuple makes, but
for the annotations it leaves as strings (issue 13, target 3: typing compiles each). Checked
on the classes, never timed."""

from __future__ import annotations

import importlib
import pickle
import pkgutil
import typing

import pytest

import kaman_lint
from kaman_lint import named_tuples


def _twins():
    made = []
    for base in (typing.NamedTuple, named_tuples.NamedTuple):
        class Place(base):
            """Where something is."""
            path: str
            line: int = 1
            tags: tuple[str, ...] = ()

            @property
            def where(self) -> str:
                return f"{self.path}:{self.line}"

            def moved(self, by: int) -> Place:
                return self._replace(line=self.line + by)
        made.append(Place)
    return made


def test_a_named_tuple_is_the_class_typing_makes():
    real, ours = _twins()
    assert ours.__mro__[1:] == real.__mro__[1:] == (tuple, object)
    assert set(vars(ours)) == set(vars(real)) and ours.__doc__ == real.__doc__
    for attribute in ("_fields", "_field_defaults", "__match_args__", "__module__", "__qualname__", "__name__"):
        assert getattr(ours, attribute) == getattr(real, attribute), attribute
    assert ours.__annotations__ == {"path": "str", "line": "int", "tags": "tuple[str, ...]"}  # strings, not ForwardRefs
    assert list(real.__annotations__) == list(ours.__annotations__)
    a, r = ours("a.py", 3), real("a.py", 3)
    assert a == r and tuple(a) == ("a.py", 3, ()) and repr(a) == repr(r) and hash(a) == hash(r)
    assert a.where == "a.py:3" and a.moved(2) == ("a.py", 5, ()) and type(a.moved(2)) is ours
    assert a._asdict() == r._asdict() and ours._make(["b", 2, ()]) == ("b", 2, ())
    with pytest.raises(TypeError):
        ours()


def test_the_errors_typing_raises():
    with pytest.raises(TypeError, match="cannot follow default field"):
        class Bad(named_tuples.NamedTuple):
            a: int = 0
            b: int
    with pytest.raises(AttributeError, match="Cannot overwrite NamedTuple attribute"):
        class Worse(named_tuples.NamedTuple):
            a: int

            def _replace(self, **changes):
                return self
    with pytest.raises(TypeError):
        named_tuples.NamedTuple("Functional", [("a", int)])


def test_every_named_tuple_of_the_package_is_one_of_ours_and_pickles():
    """No module of the package pays typing's compiles; each class is a plain namedtuple."""
    for module in pkgutil.walk_packages(kaman_lint.__path__, "kaman_lint."):
        if module.name.split(".")[1] not in ("server", "lsp_wire"):
            importlib.import_module(module.name)
    found = 0
    for name, module in list(__import__("sys").modules.items()):
        if not name.startswith("kaman_lint."):
            continue
        for cls in vars(module).values():
            if isinstance(cls, type) and issubclass(cls, tuple) and hasattr(cls, "_fields") and cls.__module__ == name:
                found += 1
                assert cls.__orig_bases__ == (named_tuples.NamedTuple,), cls
                assert all(isinstance(a, str) for a in cls.__annotations__.values()), cls
                assert cls.__mro__[1:] == (tuple, object), cls
    assert found >= 30
    from kaman_lint.exposure.graph.facts import Edge  # (one that crosses from a pool worker)

    edge = Edge("./config", 3)
    assert pickle.loads(pickle.dumps(edge)) == edge and type(pickle.loads(pickle.dumps(edge))) is Edge
