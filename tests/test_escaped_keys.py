"""Keys written with escapes or split where the format joins them back (issue 10 §1): each format
decodes what it decodes (`\\u006b` in JSON, `\\x6b` in Python, `&#107;` in HTML, a line-ending
backslash in YAML and TOML, notebook `source` items) before matching; the finding is where the
literal is written, its fingerprint is the decoded key's. Keys are made at run time from random
bodies and compared by fingerprint only."""

from __future__ import annotations

import json
import random
import secrets
import string
import unicodedata
from pathlib import Path

import pytest

from fakekeys import fp, leaked
from kaman_lint import engine, escapes
from kaman_lint.config import Config
from kaman_lint.keys import is_placeholder

ALPHABET = string.ascii_letters + string.digits


def random_key(length: int = 32) -> str:
    while True:
        body = "".join(secrets.choice(ALPHABET) for _ in range(length))
        if not is_placeholder(body):
            return "kam_" + body


def u4(c: str) -> str:
    return f"\\u{ord(c):04x}"


def x2(c: str) -> str:
    return f"\\x{ord(c):02X}"


FORMS = {
    "u4": u4,
    "U8": lambda c: f"\\U{ord(c):08x}",
    "x2": x2,
    "ubrace": lambda c: f"\\u{{{ord(c):x}}}",
    "octal": lambda c: f"\\{ord(c):03o}",
    "named": lambda c: "\\N{%s}" % unicodedata.name(c).lower(),
    "identity": lambda c: "\\" + c,
    "dec": lambda c: f"&#{ord(c)};",
    "hex": lambda c: f"&#X{ord(c):04x};",
    "lowbar": lambda c: "&lowbar;" if c == "_" else f"&#{ord(c)}",
    "nosemi": lambda c: f"&#{ord(c)}",  # HTML reads a numeric reference without `;` too
    "continued": lambda c: "\\\n" + c,  # a line continuation inside the string, then c
}


def escape(key: str, form: str, where: str) -> str:
    """`key` with some characters written in `form`: the `k`, the `_`, one body character, or
    every character."""
    chosen = {"k": {0}, "_": {3}, "body": {9}, "all": set(range(len(key)))}[where]
    return "".join(FORMS[form](c) if i in chosen else c for i, c in enumerate(key))


def scan_files(tmp_path: Path, files: dict[str, str], select=("KAM001",)) -> engine.ScanResult:
    for name, content in files.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(content, encoding="utf-8")
    config = Config(project_root=tmp_path, select=list(select))
    return engine.scan([str(tmp_path)], config, root=tmp_path, jobs=1)


def position(text: str, offset: int) -> tuple[int, int]:
    return text.count("\n", 0, offset) + 1, offset - (text.rfind("\n", 0, offset) + 1) + 1


# (file name, template: {v} is the key as written, escape form, which characters)
CASES = [
    ("config.json", '{{"kaman": {{"api_key": "{v}"}}}}\n', "u4", "k"),
    ("config.json", '{{"api_key": "{v}"}}\n', "u4", "all"),
    ("config.json", '{{"api_key": "{v}"}}\n', "u4", "body"),
    ("settings.toml", '[kaman]\napi_key = "{v}"\n', "u4", "_"),
    ("settings.toml", '[kaman]\napi_key = "{v}"\n', "U8", "k"),
    ("settings.toml", '[kaman]\napi_key = """{v}"""\n', "u4", "body"),
    ("deploy.yaml", 'kaman:\n  api_key: "{v}"\n', "x2", "k"),
    ("deploy.yaml", 'kaman:\n  api_key: "{v}"\n', "U8", "all"),
    ("deploy.yaml", '{{"kaman": {{"api_key":"{v}"}}}}\n', "u4", "k"),  # JSON is YAML: `:"` after a quoted key
    ("settings.py", 'KEY = "{v}"\n', "x2", "k"),
    ("settings.py", 'KEY = "{v}"\n', "named", "_"),
    ("settings.py", 'KEY = "{v}"\n', "octal", "body"),
    ("settings.py", "KEY = b'{v}'\n", "x2", "all"),
    ("settings.py", 'KEY = """\n{v}\n"""\n', "U8", "k"),
    ("app.js", 'const key = "{v}";\n', "u4", "k"),
    ("app.js", "const key = '{v}';\n", "ubrace", "all"),
    ("app.ts", "export const key = `{v}`;\n", "x2", "_"),
    ("app.js", 'const key = "{v}";\n', "identity", "k"),
    ("app.js", 'const key = "{v}";\n', "continued", "_"),
    ("settings.py", 'KEY = "{v}"\n', "continued", "_"),
    ("page.html", '<div id="x" data-key="{v}"></div>\n', "dec", "k"),
    ("page.html", "<p>\n  Key: {v}\n</p>\n", "hex", "all"),
    ("page.html", '<meta content="{v}">\n', "lowbar", "_"),
    ("page.html", '<meta content="{v}">\n', "nosemi", "k"),
    ("page.html", '<script>\n  var key = "{v}";\n</script>\n', "u4", "k"),
    ("config.xml", "<config>\n  <key>{v}</key>\n</config>\n", "dec", "k"),
    ("docs/README.md", "# Setup\n\nUse the key {v} for now.\n", "dec", "all"),  # rendered decoded
    # other languages' string escapes (read by the text scan)
    ("main.go", 'const key = "{v}"\n', "x2", "k"),
    ("App.java", 'String key = "{v}";\n', "u4", "all"),
    ("src/lib.rs", 'const KEY: &str = "{v}";\n', "ubrace", "k"),
    ("Program.cs", 'var key = "{v}";\n', "u4", "_"),
    ("app.rb", 'KEY = "{v}"\n', "octal", "k"),
    ("index.php", '$key = "{v}";\n', "x2", "body"),
    ("Config.swift", 'let key = "{v}"\n', "ubrace", "all"),
    ("app.properties", "kaman.key={v}\n", "u4", "k"),
    ("app.properties", "kaman.key={v}\n", "identity", "k"),
]


@pytest.mark.parametrize("name,template,form,where", CASES,
                         ids=[f"{c[0]}-{c[2]}-{c[3]}" for c in CASES])
def test_escaped_key_is_found_where_it_is_written(tmp_path: Path, name, template, form, where) -> None:
    key = random_key()
    written = escape(key, form, where)
    text = template.format(v=written)
    result = scan_files(tmp_path, {name: text})
    findings = [f for f in result.findings if f.rule_id == "KAM001"]
    assert [f.fingerprint for f in findings] == [fp(key)], result.notices
    start = text.index(written)
    location = findings[0].location
    assert (location.line, location.column) == position(text, start)
    assert (location.end_line, location.end_column) == position(text, start + len(written))
    assert "escaped" in findings[0].message
    assert not leaked(findings[0].message, [key])


def test_yaml_escaped_line_break_inside_the_key(tmp_path: Path) -> None:
    key = random_key()
    text = f'kaman:\n  api_key: "{key[:2]}\\\n     {key[2:20]}\\\n  {key[20:]}"\n'
    result = scan_files(tmp_path, {"deploy.yml": text})
    assert [(f.fingerprint, f.location.line, f.location.column) for f in result.findings] == [(fp(key), 2, 13)]
    assert (result.findings[0].location.end_line, result.findings[0].location.end_column) == (4, 3 + len(key) - 20)


def test_toml_line_ending_backslash_inside_the_key(tmp_path: Path) -> None:
    key = random_key()
    text = f'[prod]\napi_key = """\\\n    {key[:3]}\\   \n\n      {key[3:]}"""\n'
    result = scan_files(tmp_path, {"app.toml": text})
    assert [(f.fingerprint, f.location.line, f.location.column) for f in result.findings] == [(fp(key), 3, 5)]


def test_java_properties_line_continuation_inside_the_key(tmp_path: Path) -> None:
    key = random_key()
    text = f"# settings\nkaman.key = {key[:3]}\\\n       {key[3:]}\n"
    result = scan_files(tmp_path, {"app.properties": text})
    assert [(f.fingerprint, f.location.line, f.location.column) for f in result.findings] == [(fp(key), 2, 13)]


def test_notebook_source_items_joined_as_jupyter_joins_them(tmp_path: Path) -> None:
    key, other = random_key(), random_key()
    notebook = {
        "cells": [
            {"cell_type": "code", "metadata": {}, "execution_count": 1,
             "source": ["import kaman\n", f'client = kaman.Client("{key[:2]}', f'{key[2:]}")\n'],
             "outputs": [{"output_type": "stream", "name": "stdout",
                          "text": [f"using {other[:10]}", f"{other[10:]}\n"]}]},
        ],
        "metadata": {}, "nbformat": 4, "nbformat_minor": 5,
    }
    text = json.dumps(notebook, indent=1)
    result = scan_files(tmp_path, {"analysis.ipynb": text})
    found = sorted((f.fingerprint, f.location.line, f.location.column) for f in result.findings)
    key_at = text.index(key[:2] + '",')
    other_at = text.index(other[:10] + '",')
    assert found == sorted([(fp(key), *position(text, key_at)), (fp(other), *position(text, other_at))])
    assert all("split" in f.message for f in result.findings)


def test_notebook_split_with_escapes_in_both_items(tmp_path: Path) -> None:
    key = random_key()
    source = [f"k = '{escape(key[:2], 'u4', 'k')}", f"{key[2:5]}{u4(key[5])}{key[6:]}'\n"]
    text = json.dumps({"cells": [{"cell_type": "code", "source": source, "outputs": []}]}).replace("\\\\", "\\")
    result = scan_files(tmp_path, {"nb.ipynb": text})
    assert [f.fingerprint for f in result.findings] == [fp(key)]


def test_python_literals_joined_then_decoded(tmp_path: Path) -> None:
    key = random_key()
    text = f'KEY = (\n    "{u4("k")}am_{key[4:12]}"\n    "{key[12:20]}{x2(key[20])}"  # part two\n    \'{key[21:]}\'\n)\n'
    result = scan_files(tmp_path, {"settings.py": text})
    assert [(f.fingerprint, f.location.line, f.location.column, f.location.end_line) for f in result.findings] == [
        (fp(key), 2, 6, 4)]


def test_python_f_string_parts_decode_unless_raw(tmp_path: Path) -> None:
    # On 3.12+ f-strings are tokenized into parts (FSTRING_MIDDLE); before, one STRING token
    key = random_key()
    text = f'A = f"{{x}}{x2("k")}{key[1:]}{{y}}"\nB = rf"{{x}}{x2("k")}{key[1:]}"\n'
    result = scan_files(tmp_path, {"settings.py": text})
    assert [(f.fingerprint, f.location.line, f.location.column) for f in result.findings] == [(fp(key), 1, 10)]


def test_escaped_key_is_the_same_key_as_the_plain_one_for_kam003(tmp_path: Path) -> None:
    key = random_key()
    result = scan_files(tmp_path, {
        ".env.development": f"KAMAN_API_KEY={key}\n",
        "config/production.json": f'{{"kaman_api_key": "{escape(key, "u4", "k")}"}}\n',
    }, select=("KAM003",))
    assert [(f.location.path, f.fingerprint) for f in result.findings] == [("config/production.json", fp(key))]


def test_a_plain_key_next_to_escapes_is_reported_once_whole(tmp_path: Path) -> None:
    key = random_key()
    text = f'{{"a": "\\n{key}\\n", "b": "{key[:20]}{u4(key[20])}{key[21:]}"}}\n'
    result = scan_files(tmp_path, {"c.json": text})
    assert sorted((f.fingerprint, f.location.column) for f in result.findings) == sorted(
        [(fp(key), text.index(key) + 1), (fp(key), text.index('"b": "') + 7)])


SILENT = [
    ("config.json", '{{"docs": "{v}"}}\n', lambda key: escape("kam_your_api_key_here", "u4", "k")),
    ("config.json", '{{"a": "\\\\{v}"}}\n', lambda key: escape(key, "u4", "k")[1:]),  # `\\u006b`: a backslash
    ("config.json", '{{"a": "x{v}"}}\n', lambda key: escape(key, "u4", "k")),  # glued to a word
    ("settings.py", 'KEY = r"{v}"\n', lambda key: escape(key, "x2", "k")),  # raw: nothing decoded
    ("settings.py", 'KEY = b"{v}"\n', lambda key: escape(key, "named", "k")),  # bytes know no \N
    ("settings.py", '# {v}\n', lambda key: escape(key, "x2", "k")),  # a comment decodes nothing
    ("deploy.yaml", "api_key: '{v}'\n", lambda key: escape(key, "x2", "k")),  # single-quoted
    ("deploy.yaml", "api_key: {v}\n", lambda key: escape(key, "x2", "k")),  # plain scalar
    ("settings.toml", "api_key = '{v}'\n", lambda key: escape(key, "u4", "k")),  # literal string
    ("settings.toml", "api_key = '''{v}'''\n", lambda key: escape(key, "u4", "all")),
    ("app.js", 'const a = "{v}";\n', lambda key: escape("kam_test_1234567890abcdefgh", "u4", "all")),
    ("main.go", 'const a = "{v}"\n', lambda key: escape(key, "identity", "_")),  # `\_` is no Go escape

]


@pytest.mark.parametrize("name,template,make", SILENT, ids=[f"{i}-{c[0]}" for i, c in enumerate(SILENT)])
def test_what_the_format_does_not_decode_to_a_key_stays_silent(tmp_path: Path, name, template, make) -> None:
    result = scan_files(tmp_path, {name: template.format(v=make(random_key()))})
    assert result.findings == []


MALFORMED = ["\\u00ZZam_", "\\U99999999am_", "\\N{NO SUCH NAME}am_", "&#99999999;am_", "\\u{110000}am_",
             "\\x6", "\\u006", "&#x6b", "\\", "\\N{", "&#", "k\\\n", '"ka",']


@pytest.mark.parametrize("name", ["a.json", "a.py", "a.js", "a.yaml", "a.toml", "a.html", "a.ipynb", "a.xml"])
def test_malformed_escapes_stay_literal_and_never_crash(tmp_path: Path, name: str) -> None:
    key = random_key()
    body = "".join(m + key[4:] + " " for m in MALFORMED) + MALFORMED[-1]
    if name.endswith(".ipynb"):
        text = '{"cells": [{"cell_type": "code", "source": ["' + body.replace('"', "'") + '\\u006'
    else:
        text = f'x = "{body}'  # unclosed, and ending inside an escape
    result = scan_files(tmp_path, {name: text})
    assert [n for n in result.notices if n.kind == "internal-error"] == []
    assert result.findings == []


@pytest.mark.parametrize("written", [
    "\\u006bam_", "k\\u0061m_", "ka\\x6dm_"[:-2] + "_", "kam\\u005f", "\\x6Bam_", "\\153am_", "\\u{6b}am_",
    "\\N{LATIN SMALL LETTER K}am_", "&#107;am_", "&#x6B;am_", "kam&lowbar;", "kam&UnderBar;", "\\kam_",
    "k\\\n  am_", 'ka",\n "m_', "ka\\ \n\n m_", "&#0000107am_",
])
def test_the_byte_prefilter_lets_every_escaped_prefix_through(written: str) -> None:
    key = random_key()
    data = ('"cell_type": "code",\n' * 50 + f'k = "{written}{key[4:]}"\n').encode()
    passed = engine.relevant_bytes(data)  # (not in the assert: a failure would print the key)
    assert passed


@pytest.mark.parametrize("written", ["&#X0006b;am_", "ka&#x6d;_", "kam&#x5F;", "\\u{0006B}am_", "ka\\u{6d}_",
                                     "kam\\u{5f}", "&#x6B;am_", "\\u{6b}am_"])
def test_a_hex_entity_or_code_point_escape_of_a_letter_is_a_marker(written: str) -> None:
    key = random_key()
    data = (b"&#x27;\\u{1F600}\n" * 100 + f'k = "{written}{key[4:]}"\n'.encode()) * 2
    passed = engine.relevant_bytes(data)  # (not in the assert: a failure would print the key)
    assert passed


def test_common_entities_and_code_point_escapes_are_no_escape_markers() -> None:
    # `&#x27;` and `\\u{1F600}` escape no letter of `kam_`: each would be a window the exact
    # pattern searches (95% of the marker hits of the large benchmark corpus)
    data = b'<a title="it&#x27;s &#X2F;">\\u{1F600} \\u{a0}</a>\n' * 20
    assert not escapes._markers().find_matches_as_indexes(data)
    assert not escapes.may_hide_key(data)


def test_the_byte_prefilter_still_drops_files_with_only_escape_markers() -> None:
    data = b'x = "\\x61\\u0061&#109;" # and\\ k\\n\n\\N{DASH} &#x41; "cell_type"\n' * 20
    assert not engine.relevant_bytes(data)


def test_each_prefilter_pass_stays_packed() -> None:
    # past 64 patterns an automaton is no longer searched by the packed (Teddy) searcher: 72
    # patterns in one pass took 20x longer on the large corpus
    assert len(engine._PREFILTER_PATTERNS) <= 64 and len(escapes.BYTE_MARKERS) <= 64


def test_a_notebook_split_far_from_any_marker_passes_the_prefilter() -> None:
    key = random_key()
    cells = [{"cell_type": "markdown", "source": ["x" * 100]}] * 50
    cells.append({"cell_type": "code", "source": ["x" * 5000 + f"k = '{key[:2]}", f"{key[2:]}'"]})
    passed = engine.relevant_bytes(json.dumps({"cells": cells}).encode())
    assert passed


def test_every_marker_holds_a_gate() -> None:
    """may_hide_key skips the packed pass for a text without any gate: a marker holding none
    would never be searched."""
    assert all(any(gate in marker for gate in escapes.MARKER_GATES) for marker in escapes.BYTE_MARKERS)


def test_a_text_without_gates_is_not_searched_further() -> None:
    key = random_key()
    for hidden in (f"\\x6bam_{key[4:]}", f"&#107;am_{key[4:]}", f'{{"cell_type": "code", "source": ["k", "am_{key[4:]}"]}}'):
        data = b"x" * 3000 + hidden.encode() + b"y" * 3000
        assert escapes.may_hide_key(data), hidden[:8]
    assert not escapes.may_hide_key(b"x" * 3000 + f"k am_{key[4:]}".encode())


def test_markers_far_apart_are_each_checked() -> None:
    key = random_key()
    data = b"\\x61 " + b"x" * 5000 + f"\\x6bam_{key[4:]}".encode() + b" " * 5000 + b"&#0"
    found, not_found = escapes.may_hide_key(data), escapes.may_hide_key(data.replace(b"\\x6bam_", b"\\x6bam-"))
    assert found and not not_found


def test_decoding_work_is_linear_in_the_text() -> None:
    """Pieces decoded from all starts grow with the text, however densely starts are packed."""
    from kaman_lint.keys import KeyMatcher

    matcher = KeyMatcher()

    def work(n: int) -> int:
        text = ("\\u006b" * n + "am_" + "\\x41" * n + " ") * 3 + "\\\\" * n + "u006bam_" + "k\\\n" * n
        runs = [escapes.decode_run(text, at, len(text), escapes.JAVASCRIPT) for at in escapes.starts(text)]
        escapes.keys_in(matcher, text, [(0, len(text), escapes.JAVASCRIPT)])
        return sum(len(r.pieces) for r in runs) + len(runs)

    small, large = work(500), work(2000)
    assert large <= 5 * small


def _escaped(key: str) -> str:
    return escape(key, "u4", "k")


LINEAR_KEY = random_key()
# Hostile shapes for the decoding: starts packed densely, runs of escapes that decode to key
# characters but never to a key, long backslash runs, openers without closers.
GROWTH = [
    ("escape-glued runs", "app.js", lambda n: ("\\x41\\u006bam_" * n) + "\n"),
    ("many escaped keys", "a.json", lambda n: "[" + ", ".join(f'"{_escaped(LINEAR_KEY)}"' for _ in range(n // 40)) + "]"),
    ("backslash runs", "a.py", lambda n: 'x = "' + "\\\\" * n + 'u006bam_' + LINEAR_KEY[4:] + '"\n'),
    ("unclosed double quotes", "a.yaml", lambda n: ('k: "\\x6bam_' + "\\\n" * 3) * (n // 20)),
    ("unclosed basic strings", "a.toml", lambda n: 'a = """\\u006bam_' + ' \\\n' * n),
    ("references everywhere", "a.xml", lambda n: "<a>" + "&#107;&#97;&#109;" * (n // 15) + "</a>"),
    ("a long notebook list", "a.ipynb", lambda n: '{"cells": [{"cell_type": "code", "source": ['
     + ", ".join(['"ka"', '"m_"'] * (n // 12)) + "]}]}"),
]


@pytest.mark.parametrize("name,make", [c[1:] for c in GROWTH], ids=[c[0] for c in GROWTH])
def test_scan_work_grows_linearly_on_hostile_escapes(name, make) -> None:
    from tests.growth import growth, scan_call

    measured = growth(scan_call(name, make), 4000)
    assert measured.linear(), str(measured)


def _forms(format_: str, c: str, rng, first: bool) -> str:
    """One way `format_` may write the key character `c`, chosen at random (plain included; a
    line-ending backslash before any but the first)."""
    code = ord(c)
    options = {
        "json": [c, f"\\u{code:04x}", f"\\u{code:04X}"],
        "python": [c, f"\\x{code:02x}", f"\\u{code:04X}", f"\\U{code:08x}", f"\\{code:03o}",
                   "\\N{%s}" % unicodedata.name(c), "\\\n" + c],
        "toml": [c, f"\\u{code:04x}", f"\\U{code:08X}", "\\  \n\n   " + c],
        "yaml": [c, f"\\x{code:02X}", f"\\u{code:04x}", f"\\U{code:08x}", "\\\n    " + c],
        "html": [c, f"&#{code};", f"&#x{code:x};", f"&#X{code:04X};", f"&#000{code};"]
                + (["&lowbar;", "&UnderBar;"] if c == "_" else []),
    }[format_]
    return rng.choice([o for o in options if not (first and o.startswith("\\") and "\n" in o)])


def _reference(format_: str, written: str) -> str:
    import ast
    import html
    from kaman_lint._toml import tomllib  # tomli on 3.10

    if format_ == "json":
        return json.loads(f'"{written}"')
    if format_ == "python":
        return ast.literal_eval(f'"{written}"')
    if format_ == "toml":
        return tomllib.loads(f'k = """{written}"""')["k"]
    if format_ == "yaml":
        yaml = pytest.importorskip("yaml")
        return yaml.safe_load(f'k: "{written}"')["k"]
    return html.unescape(written)


RULES_OF = {"json": escapes.JSON, "python": escapes.PYTHON, "toml": escapes.TOML_BASIC,
            "yaml": escapes.YAML_DOUBLE, "html": escapes.HTML}


@pytest.mark.parametrize("format_", sorted(RULES_OF))
def test_decoding_agrees_with_the_formats_own_decoder(format_: str) -> None:
    """Random keys, each character written a random way the format allows: the key found is the
    one the format's own decoder (json, ast, tomllib, PyYAML, html) reads, from where it starts."""
    from kaman_lint.keys import KeyMatcher

    rng = random.Random(format_)
    matcher = KeyMatcher()
    for _ in range(200):
        key = random_key(rng.randint(24, 40))
        written = "".join(_forms(format_, c, rng, i == 0) for i, c in enumerate(key))
        assert fp(_reference(format_, written)) == fp(key)
        text = f'x = "{written}" '
        found = escapes.keys_in(matcher, text, [(5, 5 + len(written), RULES_OF[format_])])
        if written == key:
            assert found == []  # the plain scan reports it
            continue
        assert [(m.start, m.end, m.key.fingerprint) for m in found] == [(5, 5 + len(written), fp(key))]


ALL_RULES = [rules for rules in vars(escapes).values() if isinstance(rules, escapes.Rules)]
# Every character a pattern may open on or read, so random texts hit every branch of every rule.
_RULE_ALPHABET = "\\&#\"', \t\r\n\u2028xuUN{}0179aAfFkm_;lowbarUnderBr"


@pytest.mark.parametrize("rules", [r for r in ALL_RULES if r.marks is not None], ids=lambda r: r.name)
def test_a_pattern_matches_only_at_its_marks(rules) -> None:
    """`keys_in` skips a region holding none of `rules.marks`: no match may start elsewhere."""
    rng = random.Random(rules.name)
    for _ in range(3000):
        text = "".join(rng.choice(_RULE_ALPHABET) for _ in range(rng.randint(1, 14)))
        for at in range(len(text)):
            if text[at] not in rules.marks:
                assert rules.pattern.match(text, at) is None, (rules.name, text[at:])


def test_a_region_without_marks_is_not_decoded(monkeypatch) -> None:
    """A bundle's plain keys that end at `&` (`?key=kam_...&q=`) are starts; without a backslash
    in the region, or one after the key, no run from them is decoded."""
    from kaman_lint.keys import KeyMatcher

    runs = []
    real = escapes.decode_run
    monkeypatch.setattr(escapes, "decode_run", lambda *a: runs.append(a[1]) or real(*a))
    text = "".join(f'fetch(S+"/search?key={random_key()}&q="+q);' for _ in range(20))
    assert escapes.keys_in(KeyMatcher(), text, [(0, len(text), escapes.JAVASCRIPT)]) == []
    assert runs == []
    escapes.keys_in(KeyMatcher(), text + "\\n", [(0, len(text) + 2, escapes.JAVASCRIPT)])
    assert runs == []  # nor with one: no escape follows a key that ends at `&`
    glued = text.replace("&q=", "\\x26q=", 1)  # the first key runs into an escape
    escapes.keys_in(KeyMatcher(), glued, [(0, len(glued), escapes.JAVASCRIPT)])
    assert runs == [glued.index("kam_")]
