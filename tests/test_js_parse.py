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
