"""The Python analyzer tokenizes only the window of a file that can matter (from the top-level
statement of its first key marker to the logical line of its last, lang/python.py). Whatever
the window leaves out, the facts must be the ones a whole tokenization gives: literals with
their names, sections and contexts, comment lines, env reads. Checked on real code (this
project's own modules and the Python fixtures) with a key put at seeded random places: inside
string literals (docstrings, dict values, call arguments) and as comment lines; comment lines
compared where a suppression could be asked about them."""

from __future__ import annotations

import io
import random
import tokenize
from pathlib import Path

import pytest

from kaman_lint.facts import FileFacts
from kaman_lint.keys import KeyMatcher
from kaman_lint.lang import analyze, python
from kaman_lint.source import Source
from tests.fakekeys import make_key

ROOT = Path(__file__).resolve().parents[1]
FILES = sorted([*(ROOT / "kaman_lint").rglob("*.py"), *(ROOT / "tests" / "fixtures").rglob("*.py")])
PLACES = 3  # per file and kind


def _facts(text: str) -> tuple:
    facts = FileFacts(Source("module.py", text, "python"))
    analyze(facts, KeyMatcher())
    lines = text.splitlines()
    # comment lines are asked about only where a `kaman-lint` mention is (suppress.parse)
    mentions = {n for n in (facts.comment_lines or ()) if n <= len(lines) and "kaman-lint" in lines[n - 1]}
    return ([(lit.offset, lit.end, lit.key.fingerprint, lit.name, lit.section, lit.context) for lit in facts.literals],
            mentions, [(r.name, r.line) for r in facts.env_reads], facts.parse_error)


def _variants(text: str, rng: random.Random) -> list[str]:
    """The text with a key inside string literals and on comment lines at random places."""
    try:
        strings = [tok for tok in tokenize.generate_tokens(io.StringIO(text).readline) if tok.type == tokenize.STRING]
    except (tokenize.TokenError, SyntaxError):
        strings = []
    lines = text.splitlines(keepends=True)
    source = Source("module.py", text, "python")
    variants = []
    for tok in rng.sample(strings, min(PLACES, len(strings))):
        quote = len(tok.string) - len(tok.string.lstrip("rRbBuUfF")) + (3 if tok.string.endswith(('"""', "'''")) else 1)
        at = source.offset(tok.start[0], tok.start[1] + 1) + quote
        variants.append(text[:at] + make_key(rng.randrange(10**6)) + " " + text[at:])
    for line in rng.sample(range(len(lines) + 1), min(PLACES, len(lines) + 1)):
        variants.append("".join(lines[:line]) + f"# {make_key(rng.randrange(10**6))}\n" + "".join(lines[line:]))
    return variants


@pytest.mark.parametrize("path", FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_the_window_gives_the_facts_of_the_whole_file(path, monkeypatch):
    rng = random.Random(f"window-{path.relative_to(ROOT)}")
    for variant in _variants(path.read_text(encoding="utf-8"), rng):
        windowed = _facts(variant)
        with monkeypatch.context() as whole:
            whole.setattr(python, "MAX_CUT_TEXT", -1)  # every file is past it: tokenized whole
            assert _facts(variant) == windowed


FILLER = "".join(f"def f{n}(a):\n    return a + {n}\n\n\n" for n in range(100))


@pytest.mark.parametrize("tail", [
    'X = settings\n{"production": {"api_key": "KEY"}}\n',  # a bracket's label looks back past the NEWLINE
    'class Production:\n    @property\n    def key(self):\n        return "KEY"\n',
    'if APP_ENV == "production":\n    pass\nelse:\n    DEV = "KEY"\n',
    'x = 1; y = """a\nb"""; KEY = "KEY"\n',
    # a window that starts inside classes and functions (`_inner_start`)
    'class Outer:\n    class Inner:\n        pass\n    def f(self):\n        x = 1\n        return {"prod": "KEY"}\n',
    'class Production:\n    @staticmethod\n    @other(\n        "KEY")\n    def key():\n        pass\n',
    'class Production:\n    @property\n    def key(self):\n        """KEY"""\n',
    'def f():\n    class Staging:\n        A = 1\n    B = "KEY"\n',
    'class A:\n\tdef f(self):\n\t\tif x == "production":\n\t\t\tK = "KEY"\n',
    'class A:\n    def f(self):\n        y = 2\n# KEY\nZ = 1\n',
    'class A:\n    def f(self):\n        y = 2\n    # KEY\n    def g(self): pass\n',
    'class A: B = "KEY"\n',
    'class A:\n    x = 1; K = "KEY"\n',
    'def f(): \\\n    K = "KEY"\n',
    'class A:\n    x = (1 +\n         2)\n    K = ("KEY"\n         "tail")\n',
    'class \uff21:\n    K = "KEY"\n',
    'class A:\n\x0c    K = "KEY"\n',
    'async def f():\n    async with x:\n        pass\n    K = f"KEY{1}"\n',
])
def test_the_window_gives_the_facts_of_the_whole_file_at_its_edges(tail, monkeypatch):
    text = FILLER + tail.replace("KEY", make_key(9301)) + FILLER
    windowed = _facts(text)
    monkeypatch.setattr(python, "MAX_CUT_TEXT", -1)
    assert _facts(text) == windowed
