"""A suppression counts only as a real comment of the file's own syntax with the marker as a word
of its own (red-team R7): not a line of a JS template literal, not the content of a YAML block
scalar, not `not-kaman-lint:`, and a block comment speaks for the next line only when it closes
on its own line."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from kaman_lint.cli import main
from kaman_lint.suppress import parse

try:
    from fakekeys import fp, make_key
except ImportError:  # tests/ imported as a package
    from tests.fakekeys import fp, make_key

KEY = make_key(8901)


def hidden(tmp_path, name: str, text: str) -> tuple[list[str], list[str]]:
    (tmp_path / name).write_text(text.replace("<K>", KEY), encoding="utf-8")
    result = CliRunner().invoke(main, ["scan", str(tmp_path), "--format", "json", "--select", "KAM001"])
    report = json.loads(result.stdout)
    return [f["fingerprint"] for f in report["findings"]], [f["fingerprint"] for f in report["suppressed"]]


@pytest.mark.parametrize(("name", "text"), [
    ("page.js", "const help = `\n// kaman-lint: ignore[KAM001] -- not a comment: template text\n"
                "const k = \"<K>\";\n`;\n"),
    ("deploy.yaml", "script: |\n  # kaman-lint: ignore[KAM001] -- shell text inside the scalar\n"
                    "  export KAMAN_API_KEY=<K>\n"),
    ("app.py", "# not-kaman-lint: ignore[KAM001] -- another tool's marker\nKEY = '<K>'\n"),
    ("server.js", "/* kaman-lint: ignore[KAM001] -- reason\n*/ const k = \"<K>\";\n"),
])
def test_a_look_alike_suppresses_nothing(tmp_path, name, text):
    open_, suppressed = hidden(tmp_path, name, text)
    assert open_ == [fp(KEY)] and suppressed == []


@pytest.mark.parametrize(("name", "text"), [
    ("page.js", "const help = `template ${x}`;\n// kaman-lint: ignore[KAM001] -- a fixture\nconst k = \"<K>\";\n"),
    ("page.ts", "const re = /`/g;\n// kaman-lint: ignore[KAM001] -- a fixture\nconst k = \"<K>\";\n"),
    ("deploy.yaml", "script: |\n  echo hi\n# kaman-lint: ignore[KAM001] -- a fixture\nkey: <K>\n"),
    ("server.js", "/* kaman-lint: ignore[KAM001] -- a fixture */\nconst k = \"<K>\";\n"),
])
def test_real_comments_next_to_them_still_suppress(tmp_path, name, text):
    open_, suppressed = hidden(tmp_path, name, text)
    assert open_ == [] and suppressed == [fp(KEY)]


def test_the_template_literal_lexer_follows_nesting():
    text = "const a = `x ${ `inner` + {a: 1}.a } y\n// kaman-lint: ignore\n`;\n// kaman-lint: ignore[KAM001] -- r\n"
    found = parse(text, lambda o: text.count("\n", 0, o) + 1, language="javascript")
    assert [(d.line, d.rules) for d in found] == [(4, frozenset({"KAM001"}))]
