"""Regexes compiled on first use. Compiling the package's ~280 module-level patterns cost
every start about 60 ms, and a short run (one editor buffer, a 5-file commit) uses fewer than
half of them. `compile` here takes what `re.compile` takes and returns a stand-in that
compiles on its first use and from then on hands out the compiled pattern's own methods, so a
hot loop pays nothing for the laziness.

It is meant for module-level constants only: a pattern built at run time is compiled when it is
built (`re.compile`), so a mistake in it shows where it is made. tests/test_lazy_re.py
compiles every stand-in of the package, so a typo in a constant still fails the suite.

Compiling is still most of the cost of the patterns a run uses: `re` parses and optimizes each
in Python (a worker of a scan of the benchmark's small corpus compiled 86, ~12 ms, before its
first Python file was done). What that makes, the regex engine's code, depends only on the
pattern, its flags and the interpreter; `lazy_re_codes` holds it for the package's constants,
made by `python -m kaman_lint.lazy_re` on the interpreter it names, and a stand-in whose
pattern is there is built from it (`_sre.compile`, what `re.compile` ends with) on exactly that
interpreter. Any other interpreter, or a pattern not there, compiles as before.
tests/test_lazy_re_codes.py checks the table against `re` itself.
"""

from __future__ import annotations

import re

# What a compiled pattern offers, copied onto the stand-in once it is compiled: later lookups
# find them in its own __dict__ and never reach __getattr__.
_ATTRIBUTES = ("search", "match", "fullmatch", "finditer", "findall", "sub", "subn", "split", "scanner",
               "groups", "groupindex")

made: list[LazyPattern] = []  # every stand-in, for the test that compiles them all


class LazyPattern:
    """A `re.Pattern` compiled on first use. `pattern` and `flags` are there before it is."""

    def __init__(self, pattern: str | bytes, flags: int = 0) -> None:
        self.pattern = pattern
        self.flags = flags  # the flags asked for; `compiled().flags` adds the implied ones
        self._compiled: re.Pattern | None = None

    def compiled(self) -> re.Pattern:
        if self._compiled is None:
            compiled = _from_codes(self.pattern, self.flags) or re.compile(self.pattern, self.flags)
            for name in _ATTRIBUTES:
                setattr(self, name, getattr(compiled, name))
            self._compiled = compiled
        return self._compiled

    def __getattr__(self, name: str):  # only reached before the first compile
        if name.startswith("__") or name in ("pattern", "flags", "_compiled"):
            raise AttributeError(name)  # copy and pickle probe for these on a bare instance
        return getattr(self.compiled(), name)

    def __repr__(self) -> str:
        return f"lazy_re.compile({self.pattern!r}, {self.flags!r})"


def compile(pattern: str | bytes, flags: int = 0) -> LazyPattern:  # noqa: A001 - re.compile's stand-in
    lazy = LazyPattern(pattern, flags)
    made.append(lazy)
    return lazy


def compile_module(module) -> int:
    """Compile every stand-in among `module`'s attributes now (a thread preparing what another
    step will use); how many were still to compile. Safe beside a thread that uses them: one
    compiled twice is the same pattern."""
    lazies = [value for value in vars(module).values() if type(value) is LazyPattern and value._compiled is None]
    for lazy in lazies:
        lazy.compiled()
    return len(lazies)


_codes: dict | None = None  # `lazy_re_codes.CODES` when it is this interpreter's, else {}; read on first use


def _from_codes(pattern: str | bytes, flags: int) -> re.Pattern | None:
    """The pattern built from its code in `lazy_re_codes`, or None when that has none for it."""
    global _codes
    if _codes is None:
        _codes = _load_codes()
    entry = _codes.get((pattern, int(flags)))
    if entry is None:
        return None
    import _sre
    from array import array

    import zlib
    from binascii import a2b_base64

    final_flags, groups, groupindex, code = entry
    indexgroup = [None] * groups
    for name, index in groupindex.items():
        indexgroup[index] = name
    code = array("I", zlib.decompress(a2b_base64(code))).tolist()
    return _sre.compile(pattern, final_flags, code, groups - 1, groupindex, tuple(indexgroup))


def _interpreter() -> tuple:
    """What the engine's code depends on besides the pattern: the code `lazy_re_codes` holds is
    used only under the interpreter it was made with."""
    import sys
    from array import array

    import _sre

    return (sys.implementation.name, tuple(sys.version_info[:3]), _sre.MAGIC, _sre.CODESIZE, array("I").itemsize)


def _load_codes() -> dict:
    try:
        from kaman_lint import lazy_re_codes
    except ImportError:  # pragma: no cover - a partial install
        return {}
    return lazy_re_codes.CODES if lazy_re_codes.INTERPRETER == _interpreter() else {}


def code_of(pattern: str | bytes, flags: int) -> tuple[int, int, dict, str]:
    """(flags, group count, group names, code) of the pattern as `re` compiles it: an entry of
    `lazy_re_codes`, its code as 32-bit words, compressed, in base64 (a tenth of the source
    size of a list of numbers, which a run without bytecode would parse). (`re._compiler.compile`'s
    own steps, but the last.)"""
    import zlib
    from array import array
    from binascii import b2a_base64

    from re import _compiler, _parser

    parsed = _parser.parse(pattern, flags)
    code = _compiler._code(parsed, flags)
    return (int(flags | parsed.state.flags), parsed.state.groups, dict(parsed.state.groupdict),
            b2a_base64(zlib.compress(array("I", code).tobytes(), 9), newline=False).decode("ascii"))


def package_patterns() -> list[LazyPattern]:
    """Every stand-in the package's modules make when imported, once each."""
    import importlib
    import pkgutil

    import kaman_lint

    for info in pkgutil.walk_packages(kaman_lint.__path__, "kaman_lint."):
        if info.name != "kaman_lint.__main__":
            importlib.import_module(info.name)
    return list({(lazy.pattern, int(lazy.flags)): lazy for lazy in made}.values())


def _write_codes(path) -> int:
    """Write `lazy_re_codes` for this interpreter: how many patterns it holds."""
    entries = sorted({(lazy.pattern, int(lazy.flags)) for lazy in package_patterns()},
                     key=lambda key: (type(key[0]).__name__, key))
    lines = ['"""The regex engine\'s code of the package\'s constant patterns, for `lazy_re` (made by',
             '`python -m kaman_lint.lazy_re`; tests/test_lazy_re_codes.py checks it). Not edited by hand."""',
             "", f"INTERPRETER = {_interpreter()!r}", "", "CODES = {"]
    for pattern, flags in entries:
        final_flags, groups, groupindex, code = code_of(pattern, flags)
        lines.append(f"    ({pattern!r}, {flags}): ({final_flags}, {groups}, {groupindex!r},")
        lines.append(f"        {code!r}),")
    lines.append("}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return len(entries)


if __name__ == "__main__":
    from pathlib import Path

    from kaman_lint import lazy_re as package_lazy_re  # (this run's own copy is `__main__`)

    print(package_lazy_re._write_codes(Path(package_lazy_re.__file__).with_name("lazy_re_codes.py")), "patterns")
