"""Keys split over literals in JS/TS (issue 10 §1): joined as the language joins them, found as
in Python, reported at the first piece's `kam_` with the end in the last piece, fingerprinted
whole. `{k}` is a whole key, `{b}` its body, `{b1}`/`{b2}` the body's halves."""

from __future__ import annotations

import ast
import secrets
import string
from pathlib import Path

import pytest

from fakekeys import fp
from growth import growth, lines_run, scan_call
from kaman_lint import engine
from kaman_lint.config import Config
from kaman_lint.lang import js_concat

ALPHABET = string.ascii_letters + string.digits


def random_key() -> str:
    while True:
        body = "".join(secrets.choice(ALPHABET) for _ in range(32))
        if any(c.isdigit() for c in body) and any(c.isupper() for c in body) and any(c.islower() for c in body):
            return "kam_" + body


KEY = random_key()


def fill(template: str, key: str = KEY) -> str:
    body = key[4:]
    return template.format(k=key, b=body, b1=body[:14], b2=body[14:], b3=body[20:], b12=body[:20])


def scan(tmp_path: Path, name: str, text: str, rules=("KAM001",)):
    path = tmp_path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    result = engine.scan([str(tmp_path)], Config(project_root=tmp_path, select=list(rules)), root=tmp_path, jobs=1)
    return result.findings


def position(text: str, offset: int) -> tuple[int, int]:
    return text.count("\n", 0, offset) + 1, offset - (text.rfind("\n", 0, offset) + 1) + 1


def expected(text: str, last_piece: str) -> tuple[int, int, int, int, str]:
    """Where the joined key is: from the first `kam_` to the end of the last piece."""
    start = text.index("kam_")
    end = text.rindex(last_piece) + len(last_piece)
    return (*position(text, start), *position(text, end), fp(KEY))


def spots(findings) -> list[tuple[int, int, int, int, str]]:
    return sorted((f.location.line, f.location.column, f.location.end_line, f.location.end_column, f.fingerprint)
                  for f in findings)


SPLIT = {
    "plus.js": 'const KEY = "kam_" + "{b}";\n',
    "plus-single-quotes.js": "const KEY = 'kam_' + '{b1}' + '{b2}';\n",
    "parenthesised.js": 'const KEY = ("kam_" + "{b1}") + ("{b2}");\n',
    "nested-right.js": 'const KEY = "kam_" + ("{b1}" + ("{b2}"));\n',
    "over-lines-with-comments.js": 'const KEY =\n  "kam_" + // prefix\n  /* body */ "{b1}" +\n  `{b2}`;\n',
    "template-plain.js": "const KEY = `kam_` + `{b}`;\n",
    "template-substitution.js": 'const KEY = `kam_${{"{b1}"}}{b2}`;\n',
    "template-substitution-chain.js": "const KEY = `kam_${{'{b1}' + \"{b2}\"}}`;\n",
    "template-in-substitution.js": 'const KEY = `${{"kam_"}}${{`{b1}`}}{b2}`;\n',
    "join.js": 'const KEY = ["kam_", "{b1}", \'{b2}\'].join("");\n',
    "join-single.js": "const KEY = ['kam_', '{b}'].join('');\n",
    "join-template.js": "const KEY = [\n  'kam_',\n  '{b1}',\n  '{b2}',\n].join(``);\n",
    "concat.js": 'const KEY = "kam_".concat("{b1}", "{b2}");\n',
    "concat-empty.js": 'const KEY = "".concat("kam_", "{b}");\n',
    "concat-chain.js": 'const KEY = ("kam_" + "{b1}").concat(`{b2}`);\n',
    "prefix-then-split.js": 'const H = "Bearer " + "kam_" + "{b}";\n',
    "name-then-split.js": 'const H = scheme + "kam_" + "{b}" + suffix;\n',
    "as-const.ts": 'export const KEY = ("kam_" + "{b}") as const;\n',
    "inner-as-const.ts": 'export const KEY = ("kam_" as const) + ("{b}" as string);\n',
    "satisfies.ts": 'export const KEY = "kam_".concat("{b}") satisfies string;\n',
    "non-null.ts": 'export const KEY = ("kam_" + "{b1}")! + "{b2}";\n',
    "jsx-attribute.jsx": 'export const A = () => <Widget apiKey={{"kam_" + "{b}"}} />;\n',
    "tsx-attribute.tsx": 'export const A = () => <Widget apiKey={{["kam_", "{b}"].join("")}} label="é" />;\n',
    "non-ascii-before.ts": 'const NOTE = "naïve ✓ 😀";\nconst KEY = "kam_" + "{b}";\n',
    "call-argument.js": 'client.init({{ key: "kam_" + "{b}", retries: 3 }});\n',
}


@pytest.mark.parametrize("name", sorted(SPLIT))
def test_a_split_key_is_found_whole_at_its_first_piece(tmp_path: Path, name: str) -> None:
    text = fill(SPLIT[name])
    last = KEY[4:][14:] if "{b2}" in SPLIT[name] else KEY[4:]
    assert spots(scan(tmp_path, name, text)) == [expected(text, last)]


def test_a_whole_key_followed_by_more_text_is_the_joined_key(tmp_path: Path) -> None:
    # the first piece alone looks like a key (20 characters of body): the value is longer
    text = fill('const KEY = "kam_{b12}" + "{b3}";\n')
    assert spots(scan(tmp_path, "a.js", text)) == [expected(text, KEY[24:])]


def test_two_whole_keys_side_by_side_stay_two(tmp_path: Path) -> None:
    other = random_key()
    text = f'const PAIR = "{KEY}" + "{other}";\n'
    assert sorted(f.fingerprint for f in scan(tmp_path, "a.js", text)) == sorted([fp(KEY), fp(other)])


@pytest.mark.parametrize("template", [
    'const KEY = "kam_" + "your_api_key";\n',  # the guide's placeholder, split
    "const KEY = ['kam_', 'your', '_api_key'].join('');\n",
    'const KEY = "kam_" + suffix;\n',  # a runtime value: nothing to join
    'const KEY = "kam_" + suffix + "{b}";\n',
    'const KEY = "kam_" + process.env.KAMAN_KEY_BODY;\n',
    'const KEY = prefix("kam_") + "{b}";\n',  # a call's result is not the literal
    'const KEY = "kam_".toUpperCase() + "{b}";\n',
    'const KEY = "kam_".length + "{b}";\n',
    'const KEY = "kam_" - "{b}";\n',
    'const KEY = ["kam_", "{b}"].join();\n',  # joined with commas
    'const KEY = ["kam_", "{b}"].join(sep);\n',
    'const KEY = list.concat("kam_", "{b}");\n',  # an array's concat
    'const KEY = `kam_${{body}}`;\n',
    'const KEY = `kam_${{"{b1}" + body}}${{more}}{b2}`.length;\n',
    '// const KEY = "kam_" + "{b}";\n',  # a comment is never joined (as in Python)
    '/* "kam_" + "{b}" */\n',
    'const RE = /kam_"+"{b}/;\n',
    'if (key.startsWith("kam_")) {{ log("{b}"); }}\n',
])
def test_pieces_that_do_not_join_into_a_key_stay_silent(tmp_path: Path, template: str) -> None:
    assert scan(tmp_path, "a.js", fill(template)) == []


def test_a_split_inside_a_url_is_reported_as_the_unsplit_url(tmp_path: Path) -> None:
    whole = fill('fetch("https://api.kaman.ai/v1/search?api_key={k}&q=1");\n')
    split = fill('fetch("https://api.kaman.ai/v1/search?api_key=kam_" + "{b1}" + "{b2}&q=1");\n')
    rules = ("KAM001", "KAM004")
    want = sorted((f.rule_id, f.location.line, f.location.column, f.fingerprint)
                  for f in scan(tmp_path / "whole", "a.js", whole, rules))
    got = sorted((f.rule_id, f.location.line, f.location.column, f.fingerprint)
                 for f in scan(tmp_path / "split", "a.js", split, rules))
    assert [rule for rule, *_ in want] == ["KAM001", "KAM004"]
    assert got == want


def test_a_split_inside_a_plain_http_url_is_plain_http(tmp_path: Path) -> None:
    text = fill('const URL = `http://api.kaman.ai/v1?key=kam_${{"{b1}"}}{b2}`;\n')
    found = scan(tmp_path, "a.ts", text, ("KAM004",))
    assert [(f.rule_id, f.fingerprint) for f in found] == [("KAM004", fp(KEY))]
    assert "http" in found[0].message


def test_a_split_key_in_a_bundle_is_found(tmp_path: Path) -> None:
    text = fill("!function(){{var a=1;}}();" * 2000 + 'var k="kam_"+"{b}";\n')
    assert [f.fingerprint for f in scan(tmp_path, "dist/app.min.js", text)] == [fp(KEY)]


# --- linear work ------------------------------------------------------------------------------

def chain(pieces: int) -> str:
    """A `+` chain of `pieces` literals, the key split over its last two: tree-sitter nests it
    `pieces` deep."""
    body = KEY[4:]
    return "const KEY = " + ' + "x"' * 0 + '"a" + ' * pieces + f'"kam_" + "{body[:10]}" + "{body[10:]}";\n'


def test_a_key_at_the_end_of_a_long_chain_is_found(tmp_path: Path) -> None:
    assert [f.fingerprint for f in scan(tmp_path, "a.js", chain(10_000))] == [fp(KEY)]


@pytest.mark.parametrize("make", [
    chain,
    lambda n: "const KEY = " + '("kam_" + ' * n + '"x"' + ")" * n + ";\n",  # deep on the right
    lambda n: "const KEY = " + '"kam_" + ' * n + '"x";\n',  # a hit in every piece
    lambda n: 'const A = ["kam_", ' + '"x", ' * n + '"y"].join("");\n' + 'f("kam_" + x);\n' * n,
    lambda n: "const T = `" + '${"kam_"}' * n + "`;\n",
    lambda n: "const E = " + '"\\u006bam_" + ' * n + '"x";\n',  # escaped prefixes
])
def test_joining_is_linear_in_the_pieces(make) -> None:
    from kaman_lint.facts import FileFacts
    from kaman_lint.keys import KeyMatcher
    from kaman_lint.source import Source

    def work(n: int) -> int:
        facts = FileFacts(Source("a.js", make(n), "javascript"))
        js_concat.join_split_keys(facts, KeyMatcher())
        work = js_concat.LAST_WORK
        return work.descended + work.climbed + work.read

    sizes = [1000, 2000, 4000]
    counts = [work(n) for n in sizes]
    assert counts[0] > 1000, counts  # the walk was measured at all
    assert counts[1] <= 2.2 * counts[0] and counts[2] <= 2.2 * counts[1], counts


def test_a_whole_scan_of_a_long_chain_is_linear(tmp_path: Path) -> None:
    def run(n: int):
        data = chain(n).encode()
        return lambda: engine.scan([], Config(select=["KAM001"]), root=tmp_path, stdin=data,
                                   stdin_filename="a.js", jobs=1)

    runs = [run(n) for n in (1000, 4000)]
    runs[0]()
    steps = [lines_run(r) for r in runs]
    assert steps[1] <= 5 * steps[0], steps


def test_the_join_never_climbs_with_tree_sitter_parent() -> None:
    """`Node.parent` walks down from the root each time: climbing d levels with it costs d²."""
    tree = ast.parse(Path(js_concat.__file__).read_text(encoding="utf-8"))
    assert [n.lineno for n in ast.walk(tree) if isinstance(n, ast.Attribute) and n.attr == "parent"] == []


# --- files too large to parse whole, and scripts in other files ------------------------------

def test_a_split_key_in_a_bundle_too_large_to_parse_whole_is_found(tmp_path: Path) -> None:
    padding = "!function(){{var a=1;}}();" * 90_000  # 2.3 MB: parsed in windows around the cut literal
    text = fill(padding + 'var k="kam_"+"{b1}"+"{b2}";' + padding + "\n")
    assert len(text) > js_concat.MAX_PARSE_CHARS
    assert spots(scan(tmp_path, "dist/app.min.js", text)) == [expected(text, KEY[4:][14:])]


@pytest.mark.parametrize("before", [
    'var s="a;b";',  # a window may start inside a string: the literals are read all the same
    "var s='x\\n';\n" * 3,
    "",
])
def test_windows_find_each_split_key_in_a_long_file(monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
                                                    before: str) -> None:
    monkeypatch.setattr(js_concat, "MAX_PARSE_CHARS", 2000)
    monkeypatch.setattr(js_concat, "WINDOW", 300)
    keys = [random_key() for _ in range(30)]
    parts = []
    for i, key in enumerate(keys):
        gap = "x=1;" * (i * 37 % 400)  # windows of close keys merge, of far ones do not
        parts.append(f'{gap}{before}var k{i}="kam_"+"{key[4:18]}"+(\'{key[18:]}\');\n')
    text = "".join(parts)
    assert sorted(f.fingerprint for f in scan(tmp_path, "a.js", text)) == sorted(fp(k) for k in keys)


def test_windows_are_linear_in_the_hits(monkeypatch: pytest.MonkeyPatch) -> None:
    from kaman_lint.facts import FileFacts
    from kaman_lint.keys import KeyMatcher
    from kaman_lint.source import Source

    monkeypatch.setattr(js_concat, "MAX_PARSE_CHARS", 2000)
    monkeypatch.setattr(js_concat, "WINDOW", 300)

    def windows(n: int) -> int:
        text = '"kam_"+' * n + '"x";'
        return sum(high - low for low, high, _hits in js_concat._windows(text, 0, len(text), list(range(0, 7 * n, 7))))

    sizes = [2000, 4000, 8000]
    covered = [windows(n) for n in sizes]
    assert covered[1] <= 2.2 * covered[0] and covered[2] <= 2.2 * covered[1], covered


HTML = {
    "page.html": '<html><body>\n<script>\n  var key = "kam_" + "{b1}" + "{b2}";\n</script>\n</body></html>\n',
    "Widget.vue": '<template><div/></template>\n<script setup lang="ts">\nconst key = ("kam_" + "{b1}" + "{b2}") as const\n</script>\n',
    "App.svelte": '<script>\n  const key = ["kam_", "{b1}", "{b2}"].join("");\n</script>\n<p>hi</p>\n',
    "Page.astro": '---\nconst key = `kam_${{"{b1}"}}{b2}`;\n---\n<p>hi</p>\n',
}


@pytest.mark.parametrize("name", sorted(HTML))
def test_a_split_key_in_a_page_script_is_found(tmp_path: Path, name: str) -> None:
    text = fill(HTML[name])
    assert spots(scan(tmp_path, name, text)) == [expected(text, KEY[4:][14:])]


@pytest.mark.parametrize("template", [
    '<p>"kam_" + "{b}"</p>\n',  # markup is not code
    '<script type="text/x-template">"kam_" + "{b}"</script>\n',  # a template, not a script
])
def test_pieces_outside_page_scripts_stay_silent(tmp_path: Path, template: str) -> None:
    assert scan(tmp_path, "page.html", fill(template)) == []


def test_a_split_key_in_astro_frontmatter_stays_server_side(tmp_path: Path) -> None:
    """Frontmatter runs on the server: its keys are hard-coded (KAM001) but not shipped (KAM002),
    split or whole, as long as the markup does not print them."""
    (tmp_path / "package.json").write_text('{"dependencies": {"astro": "4.0.0"}}', encoding="utf-8")
    text = fill('---\nconst key = "kam_" + "{b}";\nconst r = await fetch(url, {{ headers: {{ key }} }});\n---\n<p>hi</p>\n')
    found = scan(tmp_path, "src/pages/index.astro", text, ("KAM001", "KAM002"))
    assert [(f.rule_id, f.fingerprint) for f in found] == [("KAM001", fp(KEY))]


@pytest.mark.parametrize("template, name", [
    ('const OVER_LINES =\n  "kam_" +\n  "{b}";\n', "OVER_LINES"),
    ('client.init({{\n  apiKey:\n    ["kam_", "{b}"].join(""),\n}});\n', "apiKey"),
    ('config.kamanKey =\n  "kam_".concat("{b}");\n', "kamanKey"),
])
def test_the_message_names_what_the_joined_key_is_assigned_to(tmp_path: Path, template: str, name: str) -> None:
    found = scan(tmp_path, "a.js", fill(template))
    assert [f.fingerprint for f in found] == [fp(KEY)]
    assert f"`{name}`" in found[0].message


# --- --fix ------------------------------------------------------------------------------------

def test_fix_replaces_a_key_joined_from_literals_only(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from click.testing import CliRunner

    from fakekeys import leaked
    from kaman_lint.cli import main

    others = [random_key(), random_key()]
    b0, b1, b2 = KEY[4:], others[0][4:], others[1][4:]
    before = (f'const express = require("express");\nconst KEY = "kam_" + "{b0[:10]}" + "{b0[10:]}";\n'
              f'const OTHER = ["kam_", "{b1}"].join("");\nconst H = "Bearer " + "kam_" + "{b2}";\n')
    (tmp_path / "server.js").write_text(before, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["scan", ".", "--fix", "--unsafe-fixes"])
    assert leaked(result.stdout + result.stderr, [KEY, *others]) == []
    after = (tmp_path / "server.js").read_text(encoding="utf-8")
    assert after == ('const express = require("express");\nconst KEY = process.env.KAMAN_API_KEY;\n'
                     f'const OTHER = process.env.KAMAN_OTHER;\nconst H = "Bearer " + "kam_" + "{b2}";\n')
    assert "split over literals with other text; join it by hand" in result.stderr
    CliRunner().invoke(main, ["scan", ".", "--fix", "--unsafe-fixes"])
    assert (tmp_path / "server.js").read_text(encoding="utf-8") == after


# --- Python: the same shapes with parentheses ---------------------------------------------------

@pytest.mark.parametrize("template", [
    'KEY = ("kam_" + "{b1}") + "{b2}"\n',
    'KEY = "kam_" + ("{b1}" + ("{b2}"))\n',
    'KEY = (\n    ("kam_" "{b1}")  # two pieces\n    + "{b2}"\n)\n',
    'def f():\n    return ("kam_" + "{b1}") + "{b2}"\n',
    'KEY = not_a_call and ("kam_" + "{b1}") + "{b2}"\n',
])
def test_python_joins_over_grouping_parentheses(tmp_path: Path, template: str) -> None:
    text = fill(template)
    assert spots(scan(tmp_path, "a.py", text)) == [expected(text, KEY[4:][14:])]


@pytest.mark.parametrize("template", [
    'KEY = prefix("kam_") + "{b}"\n',  # a call's result
    'KEY = ("kam_", "{b}")\n',  # a tuple
    'KEY = ("kam_").upper() + "{b}"\n',
    'KEY = PARTS["kam_"] + "{b}"\n',
])
def test_python_parentheses_that_do_not_group_stay_silent(tmp_path: Path, template: str) -> None:
    assert scan(tmp_path, "a.py", fill(template)) == []


@pytest.mark.parametrize("name, template", [
    ("a.js", 'const k = "kam_" + "{b}";\nfetch("https://api.kaman.ai/v1/search?key=" + k);\n'),
    ("a.ts", "const k = ('kam_' + '{b1}') + '{b2}';\nfetch(`https://api.kaman.ai/v1/search?key=${{k}}`);\n"),
    ("a.py", 'K = "kam_" + "{b}"\nrequests.get("https://api.kaman.ai/v1/search?key=" + K)\n'),
])
def test_a_split_key_assigned_then_put_in_a_url_is_in_the_url(tmp_path: Path, name: str, template: str) -> None:
    """As for a whole key (`k = "kam_..."; fetch("...?key=" + k)`): the name carries the key."""
    found = scan(tmp_path, name, fill(template), ("KAM004",))
    assert [(f.rule_id, f.location.line, f.fingerprint) for f in found] == [("KAM004", 2, fp(KEY))]


@pytest.mark.parametrize("name, template, escaped", [
    ("a.js", 'const KEY = "kam_" + "{b1}{b2}";\n', 0),
    ("a.ts", "const KEY = ['kam_', '{b1}', '{b2}'].join('');\n", 14),
    ("a.js", 'const KEY = `kam_${{"{b1}"}}{b2}`;\n', 3),
])
def test_escapes_in_the_pieces_are_read_as_js_reads_them(tmp_path: Path, name: str, template: str,
                                                          escaped: int) -> None:
    """`"kam_" + "\\u0041bc..."`: the joined value is decoded as the pieces' own escapes are."""
    body = KEY[4:]
    written = body[:escaped] + "\\u%04x" % ord(body[escaped]) + body[escaped + 1:]
    text = template.format(b1=written[:14 + 5 * (escaped < 14)], b2=written[14 + 5 * (escaped < 14):])
    found = scan(tmp_path, name, text)
    assert [(f.location.line, f.location.column, f.fingerprint) for f in found] == \
        [(1, text.index("kam_") + 1, fp(KEY))]


@pytest.mark.parametrize("template", [
    'const KEY = "\\u006bam_" + "{b}";\n',
    "const KEY = ['\\x6bam_', '{b1}', '{b2}'].join('');\n",
    'const KEY = "\\u{{6b}}\\u0061m_".concat("{b}");\n',
])
def test_an_escaped_prefix_cut_from_its_body_is_joined(tmp_path: Path, template: str) -> None:
    text = fill(template)
    found = scan(tmp_path, "a.js", text)
    assert [(f.location.line, f.location.column, f.fingerprint) for f in found] == \
        [(1, text.index("\\") + 1, fp(KEY))]


@pytest.mark.parametrize("name, template, first", [
    ("Widget.vue", "<template>\n  <Kaman :api-key=\"'kam_' + '{b1}' + '{b2}'\" />\n</template>\n", "'kam_'"),
    ("Widget.vue", '<template>\n  <p>{{{{ "kam_" + "{b1}" + "{b2}" }}}}</p>\n</template>\n', '"kam_"'),
    ("page.html", '<div v-bind:title="[\'kam_\', \'{b1}\', \'{b2}\'].join(\'\')"></div>\n', "'kam_'"),
])
def test_a_split_key_in_template_expressions_is_found(tmp_path: Path, name: str, template: str, first: str) -> None:
    text = fill(template)
    assert spots(scan(tmp_path, name, text)) == [expected(text, KEY[4:][14:])]


@pytest.mark.parametrize("name, template, first", [
    ("App.svelte", '<script>let x = 1;</script>\n<Kaman apiKey={{"kam_" + "{b1}" + "{b2}"}} />\n', '"kam_"'),
    ("App.svelte", "{{#if on}}\n  <p>{{['kam_', '{b1}', '{b2}'].join('')}}</p>\n{{/if}}\n", "'kam_'"),
    ("Page.astro", '---\nconst a = 1;\n---\n<Kaman apiKey={{`kam_${{"{b1}"}}{b2}`}} />\n', "`kam_"),
])
def test_a_split_key_in_single_brace_markup_is_found(tmp_path: Path, name: str, template: str, first: str) -> None:
    text = fill(template)
    assert spots(scan(tmp_path, name, text)) == [expected(text, KEY[4:][14:])]


@pytest.mark.parametrize("make", [
    lambda n: "kam_" * n + "\n",  # every `kam_` opens a run of key characters to the end
    lambda n: "-kam_" * n + "\n",
    lambda n: '"' + "kam_" * n + '\n',
    lambda n: "\\x41\\u006bam_" * n + "\n",  # escaped prefixes glued into one long run
], ids=["kam_ run", "dashed run", "open quote", "escape-glued run"])
def test_finding_the_pieces_is_linear_on_runs_of_prefixes(make) -> None:
    """The gate that finds a key's first piece looked for the join after the whole run of key
    characters from every `kam_` in it: quadratic in the run (20,000 prefixes: 30 s)."""
    from growth import growth, scan_call

    measured = growth(scan_call("app.js", make), 2000)
    assert measured.linear(), str(measured)


def test_char_offsets_map_every_offset_of_mixed_width_text() -> None:
    # the map steps over non-ASCII characters only: 2-, 3- and 4-byte characters, at the edges too
    text = "é;a€\n😀ж\u07ff\u0800\uffff\U00010000b中é"
    data = text.encode("utf-8")
    offsets = js_concat._CharOffsets(text, data)
    for index in range(len(text) + 1):
        byte = len(text[:index].encode("utf-8"))
        assert (offsets.byte(index), offsets.char(byte)) == (byte, index)


# The gate that spares a parse (`js_concat._Alone`) against the parse itself: random scripts
# made of whole keys, halves, names and every kind of join, with comments that could hide what
# precedes a literal; the findings with the gate and with every stretch parsed must be the same.
GATE_KEYS = [random_key() for _ in range(3)]
_SPACES = ["", " ", "\n  ", " /* : */ ", " // a:\n  ", " /* , */ ", " // [\n"]


def _gate_literal(rng, depth: int) -> str:
    key = rng.choice(GATE_KEYS)
    quote = rng.choice("'\"`")
    # (`ka` + `m_...`: a prefix split over two pieces has no cut literal of its own; it is found
    # when another cut literal of its expression is read, as `m_... kam_...` here)
    inner = rng.choice([key, key[:14], key[14:], "Bearer " + key, key[:20] + "\\u0041", "ka", "m_" + key[4:],
                        "m_" + key[4:] + " " + key, "it\\" + quote + "s " + key, ""])
    if quote == "`" and depth < 3 and rng.random() < 0.4:
        inner = rng.choice(["", "ka", key[:14], "Bearer "]) + "${" + _gate_expression(rng, depth + 1) + "}" + inner
    return quote + inner + quote


def _gate_expression(rng, depth: int = 0) -> str:
    def sub() -> str:
        return _gate_expression(rng, depth + 1)

    def gap() -> str:
        return rng.choice(_SPACES) if rng.random() < 0.3 else rng.choice(["", " "])

    if depth >= 3 or rng.random() < 0.35:
        return _gate_literal(rng, depth) if rng.random() < 0.8 else rng.choice(["name", "f(a)", "2"])
    shapes = [
        lambda: sub() + gap() + "+" + gap() + sub(),
        lambda: "(" + gap() + sub() + gap() + ")",
        lambda: "[" + gap() + ("," + gap()).join(sub() for _ in range(rng.randint(1, 3))) + gap() + "]"
        + rng.choice(["", ".join('')", ".join(``)", ".join('-')", ".join()", ""]),
        lambda: rng.choice(["''", "`kam_`", "(" + sub() + ")", _gate_literal(rng, depth)]) + ".concat(" + gap()
        + ", ".join(sub() for _ in range(rng.randint(1, 2))) + ")",
        lambda: "{" + gap() + "a:" + gap() + sub() + "," + gap() + "b: " + sub() + gap() + "}",
        lambda: "c ?" + gap() + sub() + gap() + ":" + gap() + sub(),
        lambda: "f(" + gap() + sub() + "," + gap() + sub() + ")",
        lambda: "(" + sub() + ")" + rng.choice([" as const", " as string", " satisfies string", "!"]),
    ]
    return rng.choice(shapes)()


def _gate_script(rng) -> str:
    statements = []
    for _ in range(rng.choice([1, 1, 2, 3])):
        statement = rng.choice(["const V = {};\n", "v = {};\n", "f({});\n", "export default {{ k: {} }};\n"])
        statements.append(statement.format(_gate_expression(rng)))
    return "".join(statements)


def _findings(text: str, name: str, context) -> list[tuple]:
    outcome = engine.analyze_bytes(name, text.encode("utf-8"), context)
    return [(f.rule_id, f.location.line, f.location.column, f.location.end_line, f.location.end_column,
             f.fingerprint, f.message) for f in outcome.findings]


@pytest.mark.parametrize("name, language", [("gate.js", "javascript"), ("gate.ts", "typescript")])
def test_a_literal_that_stands_alone_finds_what_the_parse_finds(tmp_path: Path, name: str, language: str,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    import random

    from kaman_lint.keys import KeyMatcher
    from kaman_lint.lang import js_parse
    from kaman_lint.project import Project

    config = Config(project_root=tmp_path, select=["KAM001"])
    context = engine.Context(config, Project.detect(tmp_path), engine.enabled_rules(config), KeyMatcher([]))
    rng = random.Random(13)
    # (only scripts of the language: what tree-sitter's error recovery makes of broken code
    # is not a join the language makes, and the gate reads the language)
    scripts = [text for text in (_gate_script(rng) for _ in range(2000))
               if not js_parse.parser(language).parse(text.encode()).root_node.has_error]
    gated = [_findings(text, name, context) for text in scripts]
    monkeypatch.setattr(js_concat._Alone, "__call__", lambda self, match: False)
    parsed = [_findings(text, name, context) for text in scripts]
    for index, (with_gate, without) in enumerate(zip(gated, parsed)):
        assert with_gate == without, f"script {index} (seed 13)"  # (the script holds whole keys)
    monkeypatch.undo()
    cuts = [(text, list(js_concat.GATE.finditer(text))) for text in scripts]
    spared = [text for text, matches in cuts if matches and all(js_concat._Alone(text)(m) for m in matches)]
    assert len(scripts) > 1000 and len(spared) > 80  # many parses spared
    assert sum(map(len, parsed)) > 1000


@pytest.mark.parametrize("template", [
    "const A = ''.concat('{k}', '{b2}');\n",  # an argument of `.concat`: nothing after it says so
    "const A = [\n  '{k}',\n  '{b2}'\n].join('');\n",  # an element of `.join`
    "const A = {{ a: 'ka' + 'm_{b} {k}', b: 1 }};\n",  # a prefix split over `+`: read with the cut literal
    "const A = {{ a: 'ka' + // a note:\n  'm_{b} {k}', b: 1 }};\n",  # a comment hides the `+`
    "const A = {{ a: 'ka' + /* a note: */ 'm_{b} {k}', b: 1 }};\n",
    "const A = {{ a: `${{`:` + 'ka'}}m_{b} {k}`, b: 1 }};\n",  # a nested template's quote is not the opening
    "const A = {{ a: `${{'ka'}}m_{b} {k}`, b: 1 }};\n",
    "const A = {{ a: `kam_{b1}\\u0041{b2} {k}`, b: 1 }};\n",  # an escape: pieces inside the template
    "const A = {{ a: `${{'ka'}}m_{b} {k}` }};\n",
    "const A = `${{'{k}'}}{b2}`;\n",  # a substitution's literal
    "const A = `${{ '{k}' }}{b2}`;\n",
])
def test_a_literal_that_may_join_is_parsed(tmp_path: Path, template: str, monkeypatch: pytest.MonkeyPatch) -> None:
    from kaman_lint.keys import KeyMatcher
    from kaman_lint.project import Project

    config = Config(project_root=tmp_path, select=["KAM001"])
    context = engine.Context(config, Project.detect(tmp_path), engine.enabled_rules(config), KeyMatcher([]))
    text = fill(template)
    gated = _findings(text, "a.js", context)
    monkeypatch.setattr(js_concat._Alone, "__call__", lambda self, match: False)
    assert gated == _findings(text, "a.js", context)
    monkeypatch.undo()
    assert not all(js_concat._Alone(text)(m) for m in js_concat.GATE.finditer(text))


@pytest.mark.parametrize("make", [
    lambda size: "const C = [\n" + "  { apiKey: '" + KEY + "', retries: 2 },\n" * (size // 40) + "];\n",
    lambda size: "const C = {\n" + "  a: `Bearer " + KEY + "`,\n" * (size // 50) + "};\n",
    lambda size: "const C = {\n" + "  a: '" + KEY + "',  b: \"" + KEY + "\",\n" * (size // 90) + "};\n",
    lambda size: "const C = { a:" + " " * size + "`" + "x" * size + KEY + "` };\n",  # long ways back
])
def test_telling_literals_that_stand_alone_is_linear(make) -> None:
    measured = growth(scan_call("a.js", make), 8_000)
    assert measured.linear(), str(measured)
