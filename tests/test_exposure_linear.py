"""KAM002's model does linear work on hostile input (issue 9 §2), counted, never timed.

Two shapes were superlinear: the `"use client"` directive regex backtracked exponentially over a
file opening with consecutive block comments (22 JSDoc blocks: 7 s, 24: 26 s), and climbing from
a key nested 25,000 levels deep inside `res.json([[[...]]])` took 45 s, because tree-sitter's
`Node.parent` walks down from the root on every call. Work is counted as lines of kaman_lint run
(a line tracer) on inputs of size n, 2n and 4n; the structural tests below say why the C side
(regex engine, tree-sitter) cannot grow superlinearly where the tracer does not see it.
"""

from __future__ import annotations

import ast
import importlib
import pkgutil
import re
from pathlib import Path

import pytest

import kaman_lint
import kaman_lint.exposure
from kaman_lint import engine
from kaman_lint.config import Config
from kaman_lint.exposure import roles
from kaman_lint.exposure.flows import javascript as js_flows
from kaman_lint.lazy_re import LazyPattern
from kaman_lint.project import Project
from kaman_lint.source import Source
from tests.fakekeys import make_key
from tests.growth import lines_run

try:  # the regex parser moved in 3.11; tests only
    from re import _constants as sre_constants
    from re import _parser as sre_parse
except ImportError:  # pragma: no cover - Python 3.10
    import sre_constants
    import sre_parse

KEY = make_key(41)


def growth(prepare, n: int) -> float:
    """Lines run at 4n over lines run at n (linear: about 4; quadratic: 16)."""
    runs = [prepare(n * k) for k in (1, 2, 4)]
    runs[0]()  # lazy imports and compiled patterns are not the input's cost
    steps = [lines_run(run) for run in runs]
    return steps[2] / max(1, steps[0])


# --- the "use client" directive ----------------------------------------------------------------

def _exposure_patterns():
    """Every compiled regex held by a module of kaman_lint.exposure (in tuples too)."""
    names = ["kaman_lint.exposure"] + [f"kaman_lint.exposure.{m.name}"
                                       for m in pkgutil.walk_packages(kaman_lint.exposure.__path__)]
    for name in names:
        module = importlib.import_module(name)
        stack = [(attr, value) for attr, value in vars(module).items() if not attr.startswith("__")]
        while stack:
            attr, value = stack.pop()
            if isinstance(value, (re.Pattern, LazyPattern)):  # constants compile on first use
                yield f"{name}.{attr}", value
            elif isinstance(value, (tuple, list, frozenset)) and len(value) < 1000:
                stack.extend((attr, item) for item in value)


def _nested_unbounded_repeat(items, inside: bool = False) -> bool:
    """Does a parsed regex repeat, without bound, something that itself repeats without bound?
    (`(?:\\s|/\\*.*?\\*/)*`, `(a+)*`: the shape that backtracks exponentially on a near miss.)"""
    for op, av in items:
        if op in (sre_constants.MAX_REPEAT, sre_constants.MIN_REPEAT):
            low, high, body = av
            unbounded = high == sre_constants.MAXREPEAT
            if (inside and unbounded) or _nested_unbounded_repeat(body, inside or unbounded):
                return True
        elif op == sre_constants.SUBPATTERN and _nested_unbounded_repeat(av[-1], inside):
            return True
        elif op == sre_constants.BRANCH and any(_nested_unbounded_repeat(b, inside) for b in av[1]):
            return True
        elif op in (sre_constants.ASSERT, sre_constants.ASSERT_NOT) and _nested_unbounded_repeat(av[1], inside):
            return True
    return False


def test_no_exposure_regex_repeats_a_repetition():
    risky = [name for name, pattern in _exposure_patterns()
             if _nested_unbounded_repeat(sre_parse.parse(pattern.pattern, pattern.flags)
                                         if isinstance(pattern.pattern, str) else
                                         sre_parse.parse(pattern.pattern.decode("latin-1"), pattern.flags))]
    assert risky == []


def _classify(text: str) -> str:
    source = Source("src/a.ts", text, "typescript", project_path="src/a.ts")
    return roles.classify(source, Project.detect(Path("/nonexistent")), Config()).role


@pytest.mark.parametrize("after, expected", [("", "unknown"), ('"use client";\n', "client"),
                                             ("'use server'\n", "server")])
def test_directive_after_many_block_comments(after, expected):
    blocks = "".join(f"/** @typedef {{Object}} T{i} */\n" for i in range(60))
    assert _classify(blocks + after + "export const a = 1;\n") == expected


def test_directive_scan_is_linear_in_comment_blocks():
    def prepare(size):
        text = "".join(f"/** @typedef {{Object}} T{i}\n * @property {{string}} x */\n" for i in range(size))
        return lambda: _classify(text + "export const a = 1;\n")

    assert growth(prepare, 100) < 5


@pytest.mark.parametrize("text, expected", [
    ("// c\n/* a */ 'use client'", "client"),
    ("/* unterminated 'use client'", "unknown"),
    ("// only a comment", "unknown"),
    ("'use strict';\n'use client';\n", "unknown"),  # directives count only as the first statement
    ('"use client"', "client"),
    ("\ufeff'use client'", "unknown"),
])
def test_directive_edge_cases(text, expected):
    assert _classify(text) == expected


# --- climbing the syntax tree --------------------------------------------------------------------

def test_flows_never_climb_with_tree_sitter_parent():
    """`Node.parent` walks down from the root each time: climbing d levels with it costs d²."""
    tree = ast.parse(Path(js_flows.__file__).read_text(encoding="utf-8"))
    uses = [node.lineno for node in ast.walk(tree) if isinstance(node, ast.Attribute) and node.attr == "parent"]
    assert uses == []


def _deep_response(depth: int) -> bytes:
    return ("app.get('/k', (req, res) => {\n  res.json(" + "[" * depth + f'"{KEY}"' + "]" * depth
            + ");\n});\n").encode()


def _scan(data: bytes, name: str = "server/app.js"):
    return engine.scan([], Config(), root=Path.cwd(), stdin=data, stdin_filename=name, jobs=1)


def test_key_deep_inside_a_response_is_still_found():
    result = _scan(_deep_response(3000))
    assert [f.rule_id for f in result.findings if f.rule_id == "KAM002"] == ["KAM002"]


def test_climbing_a_deep_response_is_linear():
    def prepare(depth):
        data = _deep_response(depth)
        return lambda: _scan(data)

    assert growth(prepare, 1500) < 5


def test_many_keys_deep_in_one_response_is_linear():
    def prepare(count):
        depth = count
        inner = ", ".join(f"config.kamanApiKey{i}" for i in range(count))
        data = ("export default defineEventHandler(() => {\n  return " + "[" * depth + inner + "]" * depth
                + ";\n});\n").encode()
        return lambda: _scan(data, "server/api/k.ts")

    assert growth(prepare, 300) < 5


# --- PHP pages ----------------------------------------------------------------------------------

def _php_page(count: int) -> bytes:
    """A page echoing many key reads and literals, with long statements and many functions."""
    parts = ["<?php\n"]
    for i in range(count):
        parts.append(f"function render_part_{i}() {{ $k{i} = getenv('KAMAN_API_KEY'); echo esc_attr(trim($k{i})); }}\n")
        parts.append(f"$v{i} = '{KEY}'; ?>\n<p><?= $v{i} ?></p>\n<?php\n")
    return "".join(parts).encode()


def test_php_page_is_found_and_linear():
    findings = [f for f in _scan(_php_page(3), "public/page.php").findings if f.rule_id == "KAM002"]
    assert len(findings) == 6  # 3 echoes of the env read, 3 prints of the literal's variable

    def prepare(count):
        data = _php_page(count)
        return lambda: _scan(data, "public/page.php")

    assert growth(prepare, 150) < 5


def test_php_unclosed_strings_comments_and_heredocs_are_linear():
    def prepare(count):
        data = ("<?php\n" + "echo $kamanKey . '" * count + "\n/* " * count + "<<<EOT\n" * count).encode()
        return lambda: _scan(data, "templates/x.php")

    assert growth(prepare, 2000) < 5


def test_php_statement_with_many_sources_is_linear():
    def prepare(count):
        line = "echo " + " . ".join(f"esc_attr($kamanKey{i})" for i in range(40)) + ";\n"
        data = ("<?php\n" + line * count).encode()
        return lambda: _scan(data, "templates/many.php")

    assert growth(prepare, 15) < 5


def test_comment_openers_are_looked_for_once_per_file_not_per_key(monkeypatch):
    """KAM002 asks whether each key and env read of a JS file sits after a comment opener on
    its line; each place copied and searched its whole line (on a one-line bundle, the file:
    quadratic in C, where the line tracer does not see it). The characters handed out as whole
    lines are counted (each place's line text was: 6.6M characters here)."""
    from kaman_lint.source import Source

    copied = []
    line = Source.line
    monkeypatch.setattr(Source, "line", lambda self, n: copied.append(len(r := line(self, n))) or r)
    keys = [make_key(100 + i) for i in range(200)]
    text = "// bundle\n" + "".join(f'var k{i}="{key}";fetch(u+process.env.KAMAN_KEY_{i});' for i, key in enumerate(keys)) + "\n"
    result = _scan(text.encode(), "src/bundle.js")
    assert result.findings  # the keys are reported
    assert sum(copied) < 2 * len(text), sum(copied)


def test_returned_calls_survey_is_linear_in_loaders_and_imports():
    # Remix route modules: the survey reads every data function's returns against every imported
    # name (capped), and each body once.
    from kaman_lint.exposure.graph.survey import survey

    def prepare(n):
        imports = "".join(f'import {{ h{i} }} from "./h{i}.server";\n' for i in range(n))
        loaders = "".join(f"export async function loader() {{\n  const v{i} = h{i}();\n"
                          f"  return json({{ a: v{i}, b: h{(i * 7) % n}() }});\n}}\n" for i in range(n))
        data = (imports + loaders).encode()
        return lambda: survey("app/routes/x.tsx", data)

    assert growth(prepare, 150) < 5
