"""kaman_lint.lazy_re: the package's constant regexes compile on first use (issue 13, target
3), behave as the compiled pattern does, and a mistake in one still fails here, not in a run."""

from __future__ import annotations

import ast
import copy
import importlib
import pickle
import pkgutil
import re
import subprocess
import sys
from pathlib import Path

import pytest

import kaman_lint
from kaman_lint import lazy_re


def test_a_stand_in_compiles_only_when_used():
    lazy = lazy_re.compile(r"k(a)m", re.I)
    assert lazy._compiled is None
    assert (lazy.pattern, lazy.flags) == (r"k(a)m", re.I)  # readable before it is compiled
    assert lazy.search("xKAm").group(1) == "A"
    assert lazy._compiled is not None
    assert lazy.compiled() is lazy._compiled


def test_a_stand_in_answers_what_the_pattern_answers():
    text = "a=1, b=22, c=333"
    for source, flags in ((r"(\w)=(\d+)", 0), (r"(?P<name>\w)=(?P<value>\d+)", re.M), (rb"\d+", 0)):
        lazy, real = lazy_re.compile(source, flags), re.compile(source, flags)
        subject = text.encode() if isinstance(source, bytes) else text
        assert [m.span() for m in lazy.finditer(subject)] == [m.span() for m in real.finditer(subject)]
        assert lazy.findall(subject) == real.findall(subject)
        assert lazy.split(subject) == real.split(subject)
        assert lazy.search(subject).span() == real.search(subject).span()
        assert (lazy.groups, lazy.groupindex) == (real.groups, real.groupindex)
    lazy = lazy_re.compile(r"\d")
    assert lazy.sub("#", "a1b2") == "a#b#" and lazy.subn("#", "a1") == ("a#", 1)
    assert lazy.fullmatch("7") and not lazy.fullmatch("77")


def test_after_the_first_use_methods_come_from_the_compiled_pattern_itself():
    """A hot loop looks `search` up in the stand-in's own dict, not through __getattr__."""
    lazy = lazy_re.compile(r"x")
    lazy.search("x")
    assert vars(lazy)["search"] == lazy.compiled().search


def test_copies_and_pickles_of_a_stand_in_work_before_and_after_compiling():
    for used in (False, True):
        lazy = lazy_re.compile(r"k+")
        if used:
            lazy.search("k")
        for twin in (copy.copy(lazy), copy.deepcopy(lazy), pickle.loads(pickle.dumps(lazy))):
            assert twin.search("akk").span() == (1, 3)


def test_a_bad_pattern_raises_when_first_used():
    lazy = lazy_re.LazyPattern(r"(unclosed")  # not registered: the package-wide test must not meet it
    with pytest.raises(re.error):
        lazy.search("x")


def test_every_constant_pattern_of_the_package_compiles():
    for info in pkgutil.walk_packages(kaman_lint.__path__, "kaman_lint."):
        importlib.import_module(info.name)
    assert len(lazy_re.made) > 100
    for lazy in list(lazy_re.made):
        lazy.compiled()  # raises re.error for a broken constant


def _module_level_compiles(tree: ast.AST) -> list[int]:
    """Lines of `re.compile(...)` calls run when the module is imported (outside functions)."""
    lines = []

    def visit(node: ast.AST, in_function: bool) -> None:
        for child in ast.iter_child_nodes(node):
            inside = in_function or isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda))
            if (not inside and isinstance(child, ast.Call) and isinstance(child.func, ast.Attribute)
                    and child.func.attr == "compile" and isinstance(child.func.value, ast.Name)
                    and child.func.value.id == "re"):
                lines.append(child.lineno)
            visit(child, inside)

    visit(tree, False)
    return lines


def test_no_module_of_the_package_compiles_a_regex_when_imported():
    """Constant patterns are `lazy_re.compile(...)`: an eager one costs every start (issue 13)."""
    eager = []
    for path in sorted(Path(kaman_lint.__file__).parent.rglob("*.py")):
        if path.name != "lazy_re.py":
            eager += [f"{path.name}:{line}" for line in _module_level_compiles(ast.parse(path.read_text()))]
    assert eager == [], "use lazy_re.compile for module-level patterns: " + ", ".join(eager)


def test_a_short_run_compiles_a_minority_of_the_patterns_it_loads(tmp_path):
    """Counted, not timed: a 5-file scan compiles under half of the constant patterns of the
    modules it imports (with eager compiling it would be all of them)."""
    from tests.test_lazy_imports import five_files, report_at_exit

    project = tmp_path / "project"
    names = five_files(project)
    prelude = """
        from kaman_lint import lazy_re
        def at_exit():
            return f"{sum(p._compiled is not None for p in lazy_re.made)} {len(lazy_re.made)}"
        """
    _, counts = report_at_exit(project, prelude, "scan", *names)
    compiled, made = map(int, counts.split())
    assert made > 100 and compiled < made / 2, (compiled, made)


def test_importing_the_package_compiles_no_regex_through_a_helper_either():
    """The check above reads the source for `re.compile(`; this one runs the imports and counts
    the compiles our modules ask for, so a helper that compiles (`js_env.env_read_pattern` did,
    for three module constants) is caught too."""
    # The caller is found by walking frames, not by traceback.extract_stack, which reads source
    # lines through tokenize: on 3.13 that breaks while tokenize itself compiles at import.
    script = ("import pkgutil, importlib, re, sys, kaman_lint\n"
              "real, asked = re._compile, []\n"
              "def counting(pattern, flags):\n"
              "    caller = sys._getframe(1)\n"
              "    while '/re/' in caller.f_code.co_filename:\n"
              "        caller = caller.f_back\n"
              "    filename = caller.f_code.co_filename\n"
              "    if '/kaman_lint/' in filename and not filename.endswith('lazy_re.py'):\n"
              "        asked.append(f'{filename.rsplit(\"/kaman_lint/\", 1)[1]}:{caller.f_lineno}')\n"
              "    return real(pattern, flags)\n"
              "re._compile = counting\n"
              "for info in pkgutil.walk_packages(kaman_lint.__path__, 'kaman_lint.'):\n"
              "    importlib.import_module(info.name)\n"
              "print(' '.join(sorted(set(asked))))\n")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert done.stdout.split() == [], done.stdout


def test_compile_module_compiles_a_modules_stand_ins_once(monkeypatch):
    import types

    module = types.ModuleType("holder")
    module.A, module.B, module.NOT = lazy_re.compile(r"a+"), lazy_re.compile(r"b+"), "c+"
    module.B.search("bb")  # already compiled: not counted
    compiled = []
    real = re.compile
    monkeypatch.setattr(lazy_re.re, "compile", lambda *a: compiled.append(a[0]) or real(*a))
    assert lazy_re.compile_module(module) == 1 and compiled == [r"a+"]
    assert module.A._compiled is not None and lazy_re.compile_module(module) == 0
