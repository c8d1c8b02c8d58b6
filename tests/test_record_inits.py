"""`Location`, `Finding` and `KeyMatch` write their own `__init__` (findings.py: the generated
one of a frozen record sets each field through `object.__setattr__`, and a bundle makes 29,000
of each): each takes what the generated one would take, in order, with the same defaults, and
leaves the fields as the generated one with its `__post_init__` left them."""

from __future__ import annotations

import dataclasses
import inspect

import pytest

from kaman_lint import records
from kaman_lint.findings import Finding, Location, Severity
from kaman_lint.keys import KeyMatch
from tests.fakekeys import fp, make_key


@pytest.mark.parametrize("cls", [Location, Finding, KeyMatch])
def test_a_written_out_init_takes_the_arguments_of_the_generated_one(cls):
    records.make(cls)
    assert "__init__" in cls.__dict__ and cls.__init__.__module__ == cls.__module__
    parameters = list(inspect.signature(cls.__init__).parameters.values())[1:]
    fields = dataclasses.fields(cls)
    assert [p.name for p in parameters] == [f.name for f in fields]
    assert all(p.kind is inspect.Parameter.POSITIONAL_OR_KEYWORD for p in parameters)
    assert [p.default for p in parameters] == [
        inspect.Parameter.empty if f.default is dataclasses.MISSING else f.default for f in fields]
    assert not any(f.default_factory is not dataclasses.MISSING for f in fields)


def test_a_written_out_init_sets_every_field_in_order_and_redacts():
    key = make_key(13)
    loc = Location(f"x_{key}/a.py", 3, 4, 3, 9, f"the key {key} is here")
    assert list(vars(loc)) == [f.name for f in dataclasses.fields(Location)]
    assert key not in loc.path and key not in loc.message and (loc.line, loc.end_column) == (3, 9)
    finding = Finding("KAM001", Severity.ERROR, loc, f"a key {key} here", fp(key), key, occurrences=2)
    assert list(vars(finding)) == [f.name for f in dataclasses.fields(Finding)]
    assert key not in finding.message and key not in finding.preview and finding.occurrences == 2
    assert finding == dataclasses.replace(finding) and hash(loc) == hash(Location(loc.path, 3, 4, 3, 9))
    with pytest.raises(dataclasses.FrozenInstanceError):
        finding.message = "changed"
