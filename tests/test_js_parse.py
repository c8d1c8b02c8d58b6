"""lang/js_parse.py loads tree-sitter's and the grammars' C extensions without their packages'
`__init__`: the classes are tree_sitter's own, and the parsers parse."""

from __future__ import annotations

import subprocess
import sys

from kaman_lint.lang import js_parse

PARSE_IN_A_FRESH_PROCESS = """
import sys
from kaman_lint.lang import js_parse
kinds = [js_parse.parse(text, language).root_node.type for text, language in
         (("const a = 1;", "javascript"), ("let b: number = 2;", "typescript"), ("const c = <div/>;", "tsx"))]
inits_run = sorted(name for name in ("tree_sitter", "tree_sitter_javascript", "tree_sitter_typescript", "typing",
                                      "importlib.resources") if name in sys.modules)
import tree_sitter  # the package, imported after: the same extension module, not a second one
print(kinds, inits_run, tree_sitter.Parser is js_parse.binding().Parser)
"""


def test_the_grammars_load_without_their_packages_and_are_the_packages_own():
    done = subprocess.run([sys.executable, "-S", "-c", PARSE_IN_A_FRESH_PROCESS], capture_output=True, text=True,
                          env={"PYTHONPATH": ":".join(p for p in sys.path if p)}, check=True)
    assert done.stdout.split() == ["['program',", "'program',", "'program']", "[]", "True"], done.stderr[-2000:]


def test_a_package_that_is_not_a_plain_extension_file_is_imported(monkeypatch):
    monkeypatch.setattr(js_parse, "_extension", lambda package, name: None)
    monkeypatch.delitem(sys.modules, "tree_sitter_javascript._binding", raising=False)
    grammar = js_parse._binding("tree_sitter_javascript")
    assert "tree_sitter_javascript" in sys.modules and sys.modules["tree_sitter_javascript._binding"] is grammar


def test_the_last_text_parsed_whole_is_not_parsed_again():
    text = "const a = 1;\n"
    tree = js_parse.parse(text, "javascript")
    assert js_parse.parse(text, "javascript") is tree
    assert js_parse.parse(text, "typescript") is not tree  # another language: another tree
    other = "let b = 2;\n"
    assert js_parse.parse(other, "typescript").root_node.end_byte == len(other)


def test_a_script_read_for_split_keys_and_its_flows_is_parsed_once(tmp_path, monkeypatch):
    # js_concat parses the whole file for the cut key, then KAM002's flows want its tree
    from fakekeys import make_key
    from kaman_lint import engine
    from kaman_lint.config import Config

    key = make_key(131)
    (tmp_path / "server.js").write_text(f'app.get("/k", (req, res) => res.json({{ key: "{key[:8]}" + "{key[8:]}" }}));\n')
    parsed = []
    real = js_parse.parser

    class Counting:
        def __init__(self, language):
            self.inner = real(language)

        def parse(self, data):
            parsed.append(len(data))
            return self.inner.parse(data)

    monkeypatch.setattr(js_parse, "parser", Counting)
    monkeypatch.setattr(js_parse, "_last", (None, None, None))
    result = engine.scan([str(tmp_path)], Config(project_root=tmp_path), root=tmp_path, jobs=1)
    assert len(parsed) == 1
    assert any(f.rule_id == "KAM002" for f in result.findings)


def test_a_large_tree_is_not_kept():
    text = "x;" * (js_parse.KEEP_CHARS // 2 + 1)
    tree = js_parse.parse(text, "javascript")
    assert js_parse._last == (None, None, None)
    assert js_parse.parse(text, "javascript") is not tree
