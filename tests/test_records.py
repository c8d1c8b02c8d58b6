"""kaman_lint.records: a dataclass made on first use is the dataclass the real decorator makes,
and a short run leaves the records it never makes unmade (issue 13, target 3). Counted on the
classes, never timed."""

from __future__ import annotations

import dataclasses
import importlib
import pickle
import pkgutil

import pytest

import kaman_lint
from kaman_lint import records
from tests.fakekeys import make_key


def _twins(**params):
    """The same class body under the real decorator and under records.dataclass."""
    made = []
    for decorate, field in ((dataclasses.dataclass, dataclasses.field), (records.dataclass, records.field)):
        class Point:
            """A point."""
            x: int
            y: int = 0
            label: str = field(default="", compare=False)
            tags: tuple = field(default_factory=tuple)
        Point.__qualname__ = Point.__name__ = "Point"
        made.append(decorate(**params)(Point))
    return made


@pytest.mark.parametrize("params", [{}, {"frozen": True}, {"frozen": True, "order": True}, {"eq": False}])
def test_a_record_behaves_as_the_dataclass_it_stands_for(params):
    real, lazy = _twins(**params)
    assert lazy in records.pending
    a, b = lazy(1, 2, "p"), lazy(1, 2, "q")
    assert lazy in records.pending  # building instances does not make it
    ra, rb = real(1, 2, "p"), real(1, 2, "q")
    assert vars(a) == vars(ra) and vars(lazy(1)) == vars(real(1)) and vars(lazy(y=3, x=1)) == vars(real(y=3, x=1))
    if params.get("frozen"):  # records' own `__hash__`, as generated (of the compared fields)
        assert hash(a) == hash(ra) == hash(b) and hash(lazy(1)) == hash(real(1)) and lazy in records.pending
    assert repr(a) == repr(ra) and (a == b) == (ra == rb) and (a == lazy(1, 3)) == (ra == real(1, 3))
    assert [f.name for f in dataclasses.fields(lazy)] == [f.name for f in dataclasses.fields(real)]
    assert repr(lazy.__dataclass_params__) == repr(real.__dataclass_params__)
    assert dataclasses.replace(a, y=5) == lazy(1, 5, "p") or params.get("eq") is False
    assert lazy.__match_args__ == real.__match_args__ and lazy.__doc__ == real.__doc__
    if real.__hash__ is None:
        with pytest.raises(TypeError):
            hash(a)
    else:
        assert (hash(a) == hash(b)) == (hash(ra) == hash(rb))
    if params.get("frozen"):
        with pytest.raises(dataclasses.FrozenInstanceError):
            a.x = 3
    if params.get("order"):
        assert (a < lazy(2)) is (ra < real(2)) is True


@pytest.mark.parametrize("args, kwargs", [((), {}), ((1, 2, "p", (), 5), {}), ((1,), {"x": 2}), ((1,), {"z": 2})])
def test_a_record_not_yet_made_refuses_the_arguments_its_dataclass_refuses(args, kwargs):
    real, lazy = _twins(frozen=True)
    with pytest.raises(TypeError):
        real(*args, **kwargs)
    with pytest.raises(TypeError):
        lazy(*args, **kwargs)


def test_a_records_hundreds_of_instances_compile_its_init():
    """A hot record (a long run's) soon runs an `__init__` as fast as the generated one: the
    MAKE_AFTER-th instance compiles it, without making the class (no `dataclasses` import for
    a pool worker's 200 notices); those built before and after are as its own."""
    real, lazy = _twins(frozen=True, order=True)
    early = [lazy(i) for i in range(records.MAKE_AFTER)]
    stand_in = lazy.__dict__["__init__"]
    late = lazy(0)
    assert lazy in records.pending and lazy.__dict__["__init__"] is not stand_in
    assert lazy.__init__.__qualname__ == real.__init__.__qualname__
    assert late == early[0] and [vars(e) for e in early] == [vars(real(i)) for i in range(len(early))]
    assert vars(lazy(1, 2, "p", (3,))) == vars(real(1, 2, "p", (3,))) and vars(lazy(y=3, x=1)) == vars(real(y=3, x=1))
    for args, kwargs in (((), {}), ((1, 2, "p", (), 5), {}), ((1,), {"x": 2}), ((1,), {"z": 2})):
        with pytest.raises(TypeError) as compiled_error:
            lazy(*args, **kwargs)
        with pytest.raises(TypeError) as real_error:
            real(*args, **kwargs)
        assert str(compiled_error.value) == str(real_error.value)
    with pytest.raises(dataclasses.FrozenInstanceError):
        late.x = 3
    assert lazy not in records.pending  # any other generated method makes the class
    assert sorted(early, reverse=True)[0] == lazy(records.MAKE_AFTER - 1)


def test_a_compiled_init_runs_factories_and_post_init_as_generated():
    made = []
    for decorate, field in ((dataclasses.dataclass, dataclasses.field), (records.dataclass, records.field)):
        class Bag:
            """Mutable, with a list factory and a __post_init__."""
            name: str
            items: list = field(default_factory=list)
            size: int = 0

            def __post_init__(self):
                self.size = len(self.items)
        made.append(decorate(Bag))
    real, lazy = made
    for i in range(records.MAKE_AFTER + 2):
        assert vars(lazy(str(i), [i] * (i % 3))) == vars(real(str(i), [i] * (i % 3)))
    first, second = lazy("a"), lazy("b")
    assert first.items == [] and first.items is not second.items and lazy in records.pending
    assert "<records" in lazy.__init__.__code__.co_filename


def test_a_record_the_plain_init_does_not_know_is_made_by_its_first_instance():
    @records.dataclass
    class Base:
        """Fields in a base."""
        x: int = 0

    @records.dataclass
    class Derived(Base):
        """Fields from its base too."""
        y: int = 1

    @records.dataclass(frozen=True)
    class WithInitVar:
        """An InitVar is an argument, not a field."""
        x: int = 0
        scale: dataclasses.InitVar[int] = 1

        def __post_init__(self, scale):
            object.__setattr__(self, "x", self.x * scale)

    @records.dataclass
    class WithRealField:
        """A field of the real `dataclasses.field`."""
        x: list = dataclasses.field(default_factory=list)

    for cls, made in ((Derived, Derived(2, 3)), (WithInitVar, WithInitVar(5, 2)), (WithRealField, WithRealField())):
        assert cls not in records.pending
        assert "__dataclass_params__" in cls.__dict__
    assert (Derived(2, 3).x, Derived(2, 3).y, WithInitVar(5, 2).x) == (2, 3, 10)


def test_an_unmade_class_still_answers_as_a_dataclass():
    """An instance that arrived by unpickling (a pool worker's finding) before the main process
    made any: its methods, `replace` and `fields` make the class first."""
    real, lazy = _twins(frozen=True)
    first = object.__new__(lazy)
    first.__dict__.update(x=1, y=2, label="", tags=())
    assert lazy in records.pending
    assert dataclasses.replace(first, y=3) == lazy(1, 3)
    _, lazy = _twins(frozen=True)
    second = object.__new__(lazy)
    second.__dict__.update(x=1, y=2, label="", tags=())
    assert hash(second) == hash(lazy(1, 2)) and repr(second) == "Point(x=1, y=2, label='', tags=())"
    _, mutable = _twins()
    third = object.__new__(mutable)
    with pytest.raises(TypeError, match="unhashable"):
        hash(third)


def test_every_record_of_the_package_is_the_dataclass_the_real_decorator_makes():
    for module in pkgutil.walk_packages(kaman_lint.__path__, "kaman_lint."):
        if module.name.split(".")[1] not in ("server", "lsp_wire", "fix"):
            importlib.import_module(module.name)
    lazy = [cls for cls in records.decorated if cls.__module__.startswith("kaman_lint.")]
    assert len(lazy) >= 20  # (others made earlier in this process are checked as well)
    records.make_all()
    for cls in lazy:
        assert "__dataclass_params__" in cls.__dict__, cls
        assert not [v for v in vars(cls).values() if isinstance(v, records.FieldArguments)], cls  # real fields now
        for name in ("__init__", "__repr__", "__eq__"):
            method = cls.__dict__.get(name)
            assert method is None or method.__code__.co_filename != records.__file__, (cls, name)


def test_a_made_record_pickles_as_before():
    from kaman_lint.findings import Finding, Location, Severity

    finding = Finding("KAM001", Severity.ERROR, Location("a.py", 1, 2), "message", "fp")
    assert pickle.loads(pickle.dumps(finding)) == finding


# Records a short run never makes: history's commit and scope, KAM002's template and import
# facts, suppressions (nothing is suppressed in these files).
NEVER_MADE_IN_A_SHORT_RUN = {"CommitInfo", "HistoryScope", "TemplateRender", "TemplatePrint", "ConfigImport",
                             "KeyReturn", "ImportedCall", "Suppression"}

LIST_MADE_RECORDS = """
import sys
def at_exit():
    made = {c.__name__ for m in list(sys.modules.values()) if getattr(m, "__name__", "").startswith("kaman_lint")
            for c in vars(m).values() if isinstance(c, type) and "__dataclass_params__" in c.__dict__}
    return "\\n".join(sorted(made))
"""


def test_a_short_run_makes_only_the_records_it_uses(tmp_path):
    """A short run builds, hashes and replaces its records without making any (the plain
    `__init__`, `__hash__` and `replace` of records.py): at most the never-lazy Config is made."""
    import json

    from tests.test_lazy_imports import five_files, report_at_exit

    project = tmp_path / "project"
    names = five_files(project)
    for args in (("scan", *names), ("scan", "-", "--stdin-filename", "app.py")):
        done, listing = report_at_exit(project, LIST_MADE_RECORDS, *args, "--format", "json",
                                       input=f'KAMAN_API_KEY = "{make_key(9)}"\n')
        made = set(listing.split())
        assert json.loads(done.stdout)["findings"], (args, done.stderr[-2000:])  # it did report
        assert not made & NEVER_MADE_IN_A_SHORT_RUN, sorted(made & NEVER_MADE_IN_A_SHORT_RUN)
        assert made <= {"Config"}, (args, sorted(made))
