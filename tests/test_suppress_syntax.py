"""Suppressions count only in the file's own comment syntax (SPEC: Suppressions): per language, a
real directive suppresses, one inside a string literal does not, and another language's opener
does not; comments that mention the tool but are not a directive draw a notice instead."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from kaman_lint.cli import main
from kaman_lint.comments import is_comment_line
from kaman_lint.findings import Finding, Location, Severity
from kaman_lint.suppress import apply, parse

try:
    from fakekeys import fp, make_key
except ImportError:  # tests/ imported as a package
    from tests.fakekeys import fp, make_key

D = "kaman-lint: ignore[KAM001] -- reason"


def valid(text: str, language: str) -> list[int]:
    """The lines of the well-formed directives `parse` finds."""
    return [d.line for d in parse(text, lambda o: text.count("\n", 0, o) + 1, language=language)
            if not d.problem]


COUNTS = [
    # (language, text): a directive in the language's own comment syntax
    ("python", f"k = f'{{a}}'  # {D}\n"),
    ("javascript", f"const k = 1; // {D}\n"),
    ("javascript", f'const url = "http://example.com"; // {D}\n'),  # an earlier `//` is in a string
    ("typescript", f"/* {D} */\n"),
    ("tsx", f"<div>{{/* {D} */}}</div>\n"),
    ("html", f"<!-- {D} -->\n"),
    ("html", f"{{# {D} #}}\n"),
    ("html", f"<%# {D} %>\n"),
    ("html", f"{{{{!-- {D} --}}}}\n"),
    ("html", f"<p>x</p>\n<script>\n  // {D}\n  const k = 1;\n</script>\n"),
    ("env", f"# {D}\n"),
    ("env", f"KAMAN_API_KEY=x  # {D}\n"),
    ("shell", f"export K=x  # {D}\n"),
    ("yaml", f"key: it's here  # {D}\n"),  # an apostrophe in a word opens no string
    ("toml", f"# {D}\n"),
    ("dockerfile", f"# {D}\n"),
    ("makefile", f"# {D}\n"),
    ("hcl", f"# {D}\n"),
    ("hcl", f"// {D}\n"),
    ("hcl", f"/* {D} */\n"),
    ("ini", f"; {D}\n"),
    ("ini", f"# {D}\n"),
    ("json", f"// {D}\n"),  # JSONC
    ("notebook", f'    "k = 1  # {D}\\n",\n'),
    ("markdown", f"<!-- {D} -->\n"),
    ("markdown", f"```python\n# {D}\n```\n"),
    ("markdown", f"```js\n// {D}\n```\n"),
    ("text", f"-- {D}\n"),
    ("text", f"; {D}\n"),
    ("text", f"# {D}\n"),
]

DOES_NOT_COUNT = [
    # inside a string literal
    ("javascript", f'const help = "// {D}";\n'),
    ("javascript", f"const help = '/* {D} */';\n"),
    ("javascript", f"const help = `// {D}`;\n"),
    ("javascript", f'const help = "say \\" // {D}";\n'),  # an escaped quote does not end it
    ("python", f'HELP = "# {D}"\n'),
    ("html", f'<script>\n  const help = "// {D}";\n</script>\n'),
    ("env", f'HELP="# {D}"\n'),
    ("yaml", f'help: "# {D}"\n'),
    ("toml", f"help = '# {D}'\n"),
    ("dockerfile", f'RUN echo "# {D}"\n'),
    ("hcl", f'help = "# {D}"\n'),
    ("ini", f'help = "; {D}"\n'),
    ("json", f'{{"help": "// {D}"}}\n'),
    # another language's opener
    ("javascript", f"# {D}\n"),
    ("typescript", f"<!-- {D} -->\n"),
    ("python", f"// {D}\n"),
    ("html", f"// {D}\n"),  # `//` is text in markup, a comment only inside <script>
    ("html", f"# {D}\n"),
    ("env", f"// {D}\n"),
    ("yaml", f"// {D}\n"),
    ("toml", f"; {D}\n"),
    ("dockerfile", f"<!-- {D} -->\n"),
    ("hcl", f"; {D}\n"),
    ("ini", f"// {D}\n"),
    ("json", f"# {D}\n"),
    ("notebook", f'    "// {D}\\n",\n'),
    ("markdown", f"# {D}\n"),  # a heading, not a comment: `#` counts only inside a code fence
    ("markdown", f"// {D}\n"),
    # no comment at all
    ("text", f"{D}\n"),
    ("javascript", f"/* closed */ {D}\n"),
]


@pytest.mark.parametrize(("language", "text"), COUNTS)
def test_a_directive_in_the_languages_own_comment_counts(language: str, text: str) -> None:
    assert len(valid(text, language)) == 1


@pytest.mark.parametrize(("language", "text"), DOES_NOT_COUNT)
def test_a_directive_in_a_string_or_foreign_comment_does_not_count(language: str, text: str) -> None:
    assert valid(text, language) == []


def test_inline_script_directive_is_on_its_own_line() -> None:
    page = f"<p>x</p>\n<script>\n  // {D}\n  const k = 1;\n</script>\n"
    assert valid(page, "html") == [3]


def _scan(tmp_path, files: dict[str, str]) -> tuple[int, dict]:
    for name, text in files.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    result = CliRunner().invoke(main, ["scan", str(tmp_path), "--format", "json"])
    return result.exit_code, json.loads(result.stdout)


def test_a_js_string_that_looks_like_a_directive_hides_nothing(tmp_path) -> None:
    key = make_key(51)
    code, report = _scan(tmp_path, {"a.js": f'const help = "// kaman-lint: ignore";\nconst k = "{key}";\n'})
    assert code == 1
    assert fp(key) in {f["fingerprint"] for f in report["findings"]}
    assert not [e for e in report["errors"] if "suppression" in e["kind"]]  # no blanket notice


def test_a_hash_comment_in_javascript_hides_nothing(tmp_path) -> None:
    key = make_key(52)
    code, report = _scan(tmp_path, {"server.js": f'# kaman-lint: ignore[KAM001]\nconst k = "{key}";\n'})
    assert code == 1 and [f["rule_id"] for f in report["findings"]].count("KAM001") == 1


def test_a_real_js_comment_still_suppresses(tmp_path) -> None:
    key = make_key(53)
    text = f'const url = "https://api.example.com", k = "{key}"; // kaman-lint: ignore[KAM001] -- sandbox\n'
    code, report = _scan(tmp_path, {"server.js": text})
    assert [f["rule_id"] for f in report["findings"]].count("KAM001") == 0


# -- malformed directives -----------------------------------------------------------------------

MALFORMED = [
    "# kaman-lint: ignore[KAM001] fixture for tests",  # a reason without `--`
    "# kaman-lint: ignore[]",  # names no rule
    "# kaman-lint: disable",
    "# kaman-lint: ignore-next-line",
    "# kaman-lint: ignore[KAM001] -- <reason>",  # the editor's quick fix, not filled in yet
]


@pytest.mark.parametrize("comment", MALFORMED)
def test_a_malformed_directive_hides_nothing_and_draws_a_notice(comment: str) -> None:
    text = comment + "\nk = 1\n"
    found = parse(text, lambda o: text.count("\n", 0, o) + 1, language="python")
    finding = Finding("KAM001", Severity.ERROR, Location("f.py", 2, 1), "m", "v1:x")
    kept, _, notices = apply([finding], {"f.py": found}, lambda r: True)
    assert kept == [finding]
    [notice] = notices
    assert (notice.kind, notice.path, notice.line) == ("malformed-suppression", "f.py", 1)
    assert "kaman-lint: ignore[KAM001,KAM002] -- reason" in notice.message


@pytest.mark.parametrize(("comment", "hint"), [
    ("# kaman-lint:ignore[KAM01]", "did you mean 'KAM001'?"),  # no such id (and no prefixes)
    ("# kaman-lint: ignore[KAM999] -- reason", ""),
    ("# kaman-lint: ignore[KAM001, hardcoded-api-kye] -- reason", "did you mean 'hardcoded-api-key'?"),
])
def test_an_unknown_rule_in_a_directive_hides_nothing_and_says_which(comment: str, hint: str) -> None:
    text = comment + "\nk = 1\n"
    found = parse(text, lambda o: text.count("\n", 0, o) + 1, language="python")
    finding = Finding("KAM001", Severity.ERROR, Location("f.py", 2, 1), "m", "v1:x")
    kept, _, notices = apply([finding], {"f.py": found}, lambda r: True)
    assert kept == [finding]
    [notice] = notices
    assert (notice.kind, notice.path, notice.line) == ("unknown-rule", "f.py", 1)
    assert "unknown rule" in notice.message and hint in notice.message


def test_rule_names_work_in_a_directive() -> None:
    text = "k = 1  # kaman-lint: ignore[hardcoded-api-key, KEY-IN-URL] -- fixture\n"
    [directive] = parse(text, lambda o: 1, language="python")
    assert directive.rules == frozenset({"KAM001", "KAM004"}) and not directive.problem


def test_a_malformed_directive_in_a_string_draws_no_notice() -> None:
    text = 'HELP = "# kaman-lint: disable"\n'
    assert parse(text, lambda o: 1, comment_lines=frozenset(), language="python") == []


def test_a_comment_quoting_the_syntax_in_backticks_is_prose() -> None:
    text = "# a `# kaman-lint: ignore` inside a string is data\n"
    assert parse(text, lambda o: 1, language="python") == []


def test_malformed_directive_end_to_end(tmp_path) -> None:
    key = make_key(54)
    code, report = _scan(tmp_path, {"tests/conftest.py":
                                    f'# kaman-lint: ignore[KAM001] fixture for tests\nKEY = "{key}"\n'})
    assert code == 1 and [f["rule_id"] for f in report["findings"]] == ["KAM001"]
    assert [(e["kind"], e["line"]) for e in report["notices"]] == [("malformed-suppression", 1)]
    assert report["errors"] == []  # the file was checked: nothing for a gate to fail on


# -- comment lines for analyzers ------------------------------------------------------------------


@pytest.mark.parametrize(("line", "language", "expected"), [
    ("  # KAMAN_API_KEY=x", "env", True),
    ("KAMAN_API_KEY=x  # old", "env", False),  # a trailing comment: the line itself is a setting
    ("; api_key = x", "ini", True),
    ("; api_key = x", "toml", False),  # TOML comments are `#` only
    ("// api_key = x", "hcl", True),
    ("/* api_key = x */", "hcl", True),
    ("# ENV KAMAN_API_KEY=x", "dockerfile", True),
    ("ENV KAMAN_API_KEY=x", "dockerfile", False),
    ("   # old: x", "yaml", True),
    ("// x", "yaml", False),
])
def test_is_comment_line(line: str, language: str, expected: bool) -> None:
    assert is_comment_line(line, language) is expected
