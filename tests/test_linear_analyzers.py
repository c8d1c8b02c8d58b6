"""A linear-growth test for each analyzer and each rule's analysis not covered by
test_linear_work.py / test_exposure_linear.py (issue 9 §2, issue 13 target 4): hostile inputs
of size n, 2n and 4n, the work counted (lines of kaman_lint run) and the CPU time compared
between sizes in the same run (growth.py), never against a clock."""

from __future__ import annotations

import io
import json
import zipfile

import pytest

from tests.fakekeys import make_key
from tests.growth import growth, scan_call, tree_call
from tests.test_linear_work import repeat

KEY = make_key(93)
OTHER = make_key(94)


def deep_json(size: int) -> str:
    depth = size // 20
    return '{"a": ' * depth + json.dumps([KEY] * (size // 60)) + "}" * depth + "\n"


# (case id, file name, input of about `size` characters, n)
CASES = [
    # YAML: deep mappings, many anchors and aliases repeating a key, long flow sequences.
    ("yaml: many documents of nested mappings", "config/app.yaml",
     lambda size: repeat(f"---\nprod:\n  kaman:\n    api:\n      key: {KEY}\n", size), 2_000),
    ("yaml: an anchor aliased on every line", "config/app.yaml",
     lambda size: f"base: &k {KEY}\n" + repeat("- *k\n", size), 2_000),
    ("yaml: one flow sequence of many keys", "config/app.yaml",
     lambda size: "keys: [" + ", ".join([KEY] * (size // 40)) + "]\n", 2_000),
    ("yaml: deep block nesting", "config/app.yaml",
     lambda size: "".join("  " * i + f"k{i}:\n" for i in range(size // 400)) + repeat(f"- {KEY}\n", size // 2), 2_000),
    # TOML and INI: many tables and sections, each with a key.
    ("toml: many tables", "config.toml",
     lambda size: repeat(f'[env.prod.kaman]\napi_key = "{KEY}"\n', size), 2_000),
    ("toml: a long inline table", "config.toml",
     lambda size: "k = {" + ", ".join(f'a{i} = "{KEY}"' for i in range(size // 45)) + "}\n", 2_000),
    ("ini: many sections", "settings.ini",
     lambda size: repeat(f"[production]\nkaman_api_key = {KEY}\n", size), 2_000),
    # JSON: deep nesting around many keys; a notebook with many cells.
    ("json: deep nesting around many keys", "config.json", deep_json, 2_000),
    ("json: many objects each with a key", "config.json",
     lambda size: "[" + ",".join(json.dumps({"env": "prod", "kaman": {"apiKey": KEY}}) for _ in range(size // 60)) + "]\n",
     2_000),
    ("notebook: many cells", "analysis.ipynb",
     lambda size: json.dumps({"cells": [{"cell_type": "code", "source": [f'KAMAN_API_KEY = "{KEY}"\n', "x = 1\n"],
                                         "outputs": [], "metadata": {}} for _ in range(size // 110)],
                              "metadata": {}, "nbformat": 4, "nbformat_minor": 5}), 2_000),
    # Source maps: a .map whose sourcesContent mentions kam_ on every line, with and without keys.
    ("source map: sourcesContent mentioning kam_ everywhere", "app.js.map",
     lambda size: json.dumps({"version": 3, "sources": ["a.js"], "mappings": "AAAA",
                              "sourcesContent": ["".join(f'const k{i} = "kam_" + part{i}; // kam_ {KEY if i % 9 == 0 else ""}\n'
                                                         for i in range(size // 50))]}), 2_000),
    ("source map: one huge escaped source", "app.js.map",
     lambda size: json.dumps({"version": 3, "sourcesContent": ["\\u006bam_ kam_ \\n" * (size // 16) + KEY]}), 2_000),
    # Dockerfile: many ENV/ARG lines, one long continued RUN.
    ("dockerfile: many ENV lines", "Dockerfile",
     lambda size: "FROM python:3.12\n" + repeat(f"ENV KAMAN_API_KEY={KEY}\n", size), 2_000),
    ("dockerfile: one RUN continued over many lines", "Dockerfile",
     lambda size: "FROM python:3.12\nRUN " + repeat(f"curl -H 'Authorization: Bearer {KEY}' x && \\\n", size) + "true\n",
     2_000),
    # HCL: many blocks, deep nesting.
    ("hcl: many blocks", "main.tf",
     lambda size: repeat(f'resource "x" "y" {{\n  env = "prod"\n  api_key = "{KEY}"\n}}\n', size), 2_000),
    ("hcl: deep nesting", "main.tf",
     lambda size: "a {\n" * (size // 20) + repeat(f'  k = "{KEY}"\n', size // 2) + "}\n" * (size // 20), 2_000),
    # URLs (KAM004): interpolations, concatenations, parameter structures on one long line.
    ("urls: many query interpolations on one line", "bundle.js",
     lambda size: 'var B="http://api.kaman.io";' + repeat("fetch(`${B}/v2/search?q=${q}&key=${kamanKey}&p=${n}`);", size),
     2_000),
    ("urls: many key literals in URLs on one line", "bundle.js",
     lambda size: repeat(f'fetch("https://api.kaman.io/v2/search?key={KEY}&q="+q);', size), 2_000),
    ("urls: many parameter structures without a key", "client.py",
     lambda size: repeat("requests.get(u, params={'q': q, 'page': n, 'size': s})\n", size), 2_000),
    # An assignment's value with a long run of spaces: the lazy value tried the rest of the run
    # from each of its characters (read when a URL needs the file's key aliases).
    ("urls: an assignment with a long run of spaces", "bundle.js",
     lambda size: "fetch(`https://api.kaman.io/v2/search?q=${q}`);\nx = a" + " " * size + "b\n", 4_000),
    ("urls: long runs of interpolations without a scheme", "bundle.js",
     lambda size: repeat("/a?q=${v}", size), 2_000),
    # Suppressions: one directive per key, many directives that match nothing, long directive lists.
    ("suppressions: a directive on every key", "app.py",
     lambda size: repeat(f'K = "{KEY}"  # kaman-lint: ignore[KAM001] -- test key\n', size), 2_000),
    ("suppressions: many directives matching nothing", "app.py",
     lambda size: f'K = "{KEY}"\n' + repeat("# kaman-lint: ignore[KAM001,KAM002,KAM003] -- nothing here\n", size), 2_000),
    ("suppressions: a file-level directive and many keys", "app.py",
     lambda size: "# kaman-lint: ignore-file[KAM001] -- fixtures\n" + repeat(f'K = "{KEY}"\n', size), 2_000),
    # Text: a long line of keys, many lines of markers without a key.
    ("text: one long line of keys", "notes.txt", lambda size: repeat(f"{KEY} ", size), 1_000),
    ("text: kam_ markers without a key", "notes.txt", lambda size: repeat("kam_ kam_x kam_ab ", size), 2_000),
    # KAM003: one key in dev and prod files, many occurrences on each side.
    ("kam003: one key on both sides, many times", "config/settings.yaml",
     lambda size: "development:\n" + repeat(f"  - {KEY}\n", size // 2) + "production:\n" + repeat(f"  - {KEY}\n", size // 2),
     2_000),
]


@pytest.mark.parametrize("name,make,n", [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_analyzer_work_grows_linearly(name, make, n) -> None:
    measured = growth(scan_call(name, make), n)
    assert measured.linear(), str(measured)


# --- what spans files or is not text ----------------------------------------------------------

def _module_graph(size: int) -> dict[str, str]:
    """A chain of modules importing the next, a client entry at one end, the key at the other."""
    count = max(2, size // 60)
    files = {"package.json": json.dumps({"name": "app", "dependencies": {"react": "18"}})}
    files["src/main.jsx"] = "import { a0 } from './m0.js';\nexport default a0;\n"
    for i in range(count):
        nxt = f"import {{ a{i + 1} }} from './m{i + 1}.js';\n" if i + 1 < count else ""
        files[f"src/m{i}.js"] = nxt + f"export const a{i} = 'x';\n"
    files[f"src/m{count - 1}.js"] += f"export const kamanKey = '{KEY}';\n"
    return files


def _many_files(size: int) -> dict[str, str]:
    """KAM003 across files: the same key in many development and production files."""
    count = max(2, size // 200)
    files = {}
    for i in range(count):
        files[f"config/development/{i}.env"] = f"KAMAN_API_KEY={KEY}\n"
        files[f"config/production/{i}.env"] = f"KAMAN_API_KEY={KEY}\n"
    return files


def _archive(size: int) -> dict[str, bytes]:
    """A zip of many small members, each holding a key, and a zip nested in it."""
    inner = io.BytesIO()
    with zipfile.ZipFile(inner, "w") as z:
        for i in range(size // 400):
            z.writestr(f"inner/{i}.env", f"KAMAN_API_KEY={KEY}\n")
    outer = io.BytesIO()
    with zipfile.ZipFile(outer, "w") as z:
        for i in range(size // 100):
            z.writestr(f"m/{i}.py", f'K = "{KEY}"\n')
        z.writestr("inner.zip", inner.getvalue())
    return {"bundle.zip": outer.getvalue()}


@pytest.mark.parametrize("make,n", [(_module_graph, 2_000), (_many_files, 3_000), (_archive, 3_000)],
                         ids=["kam002: a long chain of imports", "kam003: one key in many files",
                              "archives: many members and a nested zip"])
def test_cross_file_work_grows_linearly(make, n, tmp_path) -> None:
    measured = growth(tree_call(make, tmp_path), n)
    assert measured.linear(), str(measured)


# --- the regexes themselves ---------------------------------------------------------------------

# Nested unbounded repeats that cannot backtrack: each repetition starts with a character the
# one before cannot end with.
UNAMBIGUOUS = {
    "kaman_lint.rules.RULE_NAME",  # (?:-[a-z0-9]+)*: each part opens with '-'
    "kaman_lint.exposure.flows.javascript.SIMPLE_OBJECT",  # (?:\.name)*: '.'
    "kaman_lint.lang.request_urls._NAME",  # (?:\s*\.\s*name)*: '.'
    "kaman_lint.lang.url_keys._OPERAND",  # (?:\s*(?:\.name|[...]|(...)))*: '.', '[' or '('
    "kaman_lint.escapes._YAML",  # (?:[ \t]*\r?\n)*: each part ends with a line break
    "kaman_lint.lang.url_keys._ASSIGNMENT",  # (?:keyword\s+)*: a keyword, then space
    "kaman_lint.exposure.flows.php._CONST_DECLARATION",  # (?:keyword\s+)*
    "kaman_lint.exposure.flows.php._METHOD_OWNERS",  # (?:\w+\\)*: each part ends with '\'
    "kaman_lint.globs._LITERAL",  # (?:segment/)*: each part ends with '/'
    "kaman_lint.lang.hcl._OPENER",  # ((?:\s+"...")*): '"' after space
    "kaman_lint.lang.yaml._DQ_OPEN",  # (?:-[ \t]+)*: '-'
    "kaman_lint.lang.yaml._BLOCK_SCALAR",  # (?:-\s+)*, (?:[&!]\S*\s+)*: '-', '&' or '!'
    "kaman_lint.lang.yaml.MAPPING_KEY",  # (?:-\s+)*: '-'
    "kaman_lint.keys._SNAKE_CASE",  # (?:_[a-z]+)*: '_'
}


def _package_patterns():
    """Every compiled regex a module of kaman_lint holds (in tuples, lists and dicts too)."""
    import importlib
    import pkgutil
    import re

    import kaman_lint
    from kaman_lint.lazy_re import LazyPattern

    for info in pkgutil.walk_packages(kaman_lint.__path__, "kaman_lint."):
        if info.name == "kaman_lint.lazy_re":
            continue  # its list of every pattern made: each is found again where it is defined
        module = importlib.import_module(info.name)
        stack = [(attr, value) for attr, value in vars(module).items() if not attr.startswith("__")]
        while stack:
            attr, value = stack.pop()
            if isinstance(value, (re.Pattern, LazyPattern)):  # constants compile on first use
                yield f"{info.name}.{attr}", value
            elif isinstance(value, (tuple, list, frozenset)) and len(value) < 1000:
                stack.extend((attr, item) for item in value)
            elif isinstance(value, dict) and len(value) < 1000:
                stack.extend((attr, item) for item in value.values())


def test_no_regex_of_the_package_repeats_a_repetition():
    """The shape that backtracks exponentially on a near miss (`(a+)*`, `(?:\\s|/\\*.*?\\*/)*`),
    looked for in every module, not only exposure/ (test_exposure_linear)."""
    from tests.test_exposure_linear import _nested_unbounded_repeat, sre_parse

    risky = []
    for name, pattern in _package_patterns():
        text = pattern.pattern if isinstance(pattern.pattern, str) else pattern.pattern.decode("latin-1")
        if name not in UNAMBIGUOUS and _nested_unbounded_repeat(sre_parse.parse(text, pattern.flags)):
            risky.append(name)
    assert sorted(set(risky)) == []
