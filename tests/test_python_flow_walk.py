"""KAM002's Python flow walk (exposure/flows/python.py `_walk`) steps over leaves for speed;
it must hand the checks the same nodes in the same order as `ast.walk` did (taint is first
assignment wins, and related locations keep visit order)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import kaman_lint
from kaman_lint.exposure.flows import python as flows

EVERY_SHAPE = '''
from x import y as z
import os
global_name: int = f(1)
bare: int
a = b = render(c(d), *e, **g)
a[k(1)] += h(2)
@app.route("/x")
@decorate(arg())
async def view(p: ann() = default(), *, q=lam(lambda r=s(): t(r))) -> ret():
    global G
    nonlocal_like = [w(i) for i in it() if cond(i)]
    inner = {k(): v() for k in m()}
    gen = (x() for x in y())
    async with ctx() as c, other():
        async for i in aiter():
            await aw(i)
    try:
        raise E(msg())
    except (A, B) as err:
        log(err)
    else:
        ok()
    finally:
        done()
    match command():
        case Point(x=0, y=call_in_pattern) if guard():
            return jsonify(x)
        case [1, *rest] | {"k": _, **kw}:
            pass
    def nested():
        return jsonify(secret())
    class C(Base(), metaclass=M()):
        attr = val()
    del a[x()]
    assert check(), why()
    return f"{fmt(a)!r:>{width()}}", tern() if t() else other()
'''


def _old(tree: ast.AST) -> tuple[list[int], list[int]]:
    nodes = list(ast.walk(tree))
    assignments = [id(n) for n in nodes if isinstance(n, (ast.Assign, ast.AnnAssign)) and n.value is not None]
    checked = [id(n) for n in nodes if isinstance(n, (ast.Call, ast.Assign, ast.FunctionDef, ast.AsyncFunctionDef))]
    return assignments, checked


def _sources() -> list[tuple[str, str]]:
    package = Path(kaman_lint.__file__).parent
    return [("every-shape", EVERY_SHAPE)] + [(str(p), p.read_text(encoding="utf-8"))
                                             for p in sorted(package.rglob("*.py"))]


@pytest.mark.parametrize("name,text", _sources(), ids=lambda v: v if len(v) < 80 else None)
def test_walk_gives_ast_walks_nodes_in_its_order(name: str, text: str) -> None:
    tree = ast.parse(text)
    assignments, checked = flows._walk(tree)
    old_assignments, old_checked = _old(tree)
    assert [id(n) for n in assignments] == old_assignments
    assert [id(n) for n in checked] == old_checked
    if name == "every-shape":  # it holds calls: an empty walk would pass the comparison by accident
        assert len(checked) > 40


def test_every_shape_sample_reaches_nested_calls() -> None:
    checked = flows._walk(ast.parse(EVERY_SHAPE))[1]
    names = {flows._callee(n) for n in checked if isinstance(n, ast.Call)}
    assert {"guard", "command", "ann", "fmt", "width", "secret", "val", "M", "why"} <= names
