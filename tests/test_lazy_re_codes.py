"""kaman_lint.lazy_re_codes: the regex engine's code of the package's constant patterns, which
`lazy_re` builds them from instead of compiling them. An entry must be exactly what `re`
compiles on the interpreter the table names, and used on no other."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

from kaman_lint import lazy_re, lazy_re_codes

THIS_INTERPRETER = lazy_re_codes.INTERPRETER == lazy_re._interpreter()
REGENERATE = "the table is stale: run `python -m kaman_lint.lazy_re` (it rewrites kaman_lint/lazy_re_codes.py)"
mine = pytest.mark.skipif(not THIS_INTERPRETER, reason=f"the table is for {lazy_re_codes.INTERPRETER}")


def test_the_table_is_used_only_on_the_interpreter_it_was_made_with(monkeypatch):
    assert (lazy_re._load_codes() == lazy_re_codes.CODES) is THIS_INTERPRETER or not lazy_re_codes.CODES
    monkeypatch.setattr(lazy_re_codes, "INTERPRETER", ("cpython", (3, 99, 0), 0, 4, 4))
    assert lazy_re._load_codes() == {}


@mine
def test_every_entry_is_what_re_compiles():
    stale = [key for key, entry in lazy_re_codes.CODES.items() if lazy_re.code_of(*key) != entry]
    assert not stale, REGENERATE


@mine
def test_a_pattern_built_from_the_table_is_the_compiled_one():
    for pattern, flags in lazy_re_codes.CODES:
        built, compiled = lazy_re._from_codes(pattern, flags), re.compile(pattern, flags)
        # (Pattern equality compares the flags, the pattern and the engine's code)
        assert built == compiled and built is not compiled
        assert (built.groups, built.groupindex, built.flags) == (compiled.groups, compiled.groupindex, compiled.flags)


@mine
def test_every_constant_pattern_of_the_package_is_in_the_table():
    # in a process of its own: this one holds the stand-ins the tests made too
    probe = ("from kaman_lint import lazy_re, lazy_re_codes\n"
             "print(sum((l.pattern, int(l.flags)) not in lazy_re_codes.CODES for l in lazy_re.package_patterns()))")
    missing = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout
    assert missing.strip() == "0", REGENERATE


def test_a_stand_in_whose_pattern_is_not_in_the_table_compiles_as_before():
    lazy = lazy_re.compile(r"not (in) the table \d{3}", re.I)
    assert lazy_re._from_codes(lazy.pattern, lazy.flags) is None
    assert lazy.search("NOT IN the table 123").group(1) == "IN"
