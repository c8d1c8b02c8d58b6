"""KAM002's Python flow taints names assigned from sources in two passes (exposure/flows/python.py
`_Visitor.taint`); the second pass reads again only the values a name tainted since can change.
The names it taints, and what with, must be those of reading every value in both passes."""

from __future__ import annotations

import ast
from pathlib import Path
from types import SimpleNamespace

import pytest

import kaman_lint
from kaman_lint.exposure.flows import python as flows

CHAINS = '''
c = d                      # d is tainted only later: the second pass finds it
first = settings.KAMAN_API_KEY
d = b = first
e = {"k": [f"{d}", other]}
f, g = e, h                 # a tuple target: not a plain name
x.attr = first             # not a plain name
i = j = k = unrelated(call)
c = KAMAN_SECRET_KEY       # c is tainted already: first assignment wins
late: str = os.environ.get("KAMAN_API_KEY") or default
m = late + "suffix"
n = str(dict(v=m))
o = not_carrying(n)
'''


def _visitor() -> flows._Visitor:
    facts = SimpleNamespace(literals=[], extra={}, source=None)
    return flows._Visitor(facts)


def _reading_everything(assignments: list[ast.AST]) -> dict:
    """The taint as it was computed before: every value read in both passes."""
    visitor = _visitor()
    for _ in range(2):
        for node in assignments:
            source = visitor.source_in(node.value)
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            for target in targets:
                if source and isinstance(target, ast.Name):
                    visitor.tainted.setdefault(target.id, source[1])
    return visitor.tainted


def _sources() -> list[tuple[str, str]]:
    package = Path(kaman_lint.__file__).parent
    return [("chains", CHAINS)] + [(str(p), p.read_text(encoding="utf-8")) for p in sorted(package.rglob("*.py"))]


@pytest.mark.parametrize("name,text", _sources(), ids=lambda v: v if len(v) < 80 else None)
def test_taint_is_that_of_reading_every_value_twice(name: str, text: str) -> None:
    assignments = flows._walk(ast.parse(text))[0]
    visitor = _visitor()
    visitor.taint(assignments)
    expected = _reading_everything(assignments)
    assert list(visitor.tainted.items()) == list(expected.items())
    if name == "chains":  # the sample does reach the second pass
        assert set(expected) == {"c", "first", "d", "b", "e", "late", "m", "n"}


def _counting(visitor: flows._Visitor, monkeypatch) -> list[int]:
    reads = [0]
    as_source = visitor.as_source

    def counting(node):
        reads[0] += 1
        return as_source(node)

    monkeypatch.setattr(visitor, "as_source", counting)
    return reads


def test_the_second_pass_reads_only_values_a_new_taint_can_change(monkeypatch) -> None:
    """2,000 assignments that carry no source, one key, one name assigned from it: the values
    are read once, not twice."""
    text = "\n".join(f"v{i} = compute(a{i}, b{i}) + w{i}" for i in range(2000))
    text += "\nkey = KAMAN_API_KEY\ncopy = key\n"
    assignments = flows._walk(ast.parse(text))[0]
    visitor = _visitor()
    reads = _counting(visitor, monkeypatch)
    visitor.taint(assignments)
    assert set(visitor.tainted) == {"key", "copy"}
    once = sum(len(list(visitor.carried(node.value))) for node in assignments)
    assert reads[0] <= once + 1, (reads[0], once)  # reading every value twice was 2 * once
