"""Which line a suppression covers (issue 8 item 2): a comment that follows code covers its own
line only; a comment alone on its line covers the next line. And applying them is linear: a file
with many suppressed keys must not test every finding against every directive (issue 9)."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from kaman_lint import suppress
from kaman_lint.cli import main
from kaman_lint.findings import Finding, Location, Severity
from kaman_lint.suppress import apply, parse

try:
    from fakekeys import fp, make_key
except ImportError:  # tests/ imported as a package
    from tests.fakekeys import fp, make_key

D = "kaman-lint: ignore[KAM001] -- fake key for the parser tests"


def covered(text: str, language: str) -> list[int]:
    """The lines the one directive in `text` covers, counted from its own line (= 1)."""
    [directive] = parse(text, lambda o: text.count("\n", 0, o) + 1, language=language)
    assert not directive.problem
    return [line - directive.line + 1 for line in range(1, 6) if directive.covers("KAM001", line)]


@pytest.mark.parametrize(("language", "text"), [
    ("python", f"TEST_KEY = 'x'  # {D}\nREAL = 'y'\n"),
    ("javascript", f"const k = 'x'; // {D}\nconst real = 'y';\n"),
    ("javascript", f"/* {D} */ const k = 'x';\nconst real = 'y';\n"),  # code after the comment
    ("html", f"<p>x</p> <!-- {D} -->\n<p>y</p>\n"),
    ("env", f"TEST_KEY=x  # {D}\nREAL=y\n"),
    ("yaml", f"test_key: x  # {D}\nreal: y\n"),
    ("notebook", f'    "k = 1  # {D}\\n",\n    "real = 2\\n",\n'),
    ("tsx", f"<div>{{/* {D} */}}</div>\n<p/>\n"),
])
def test_a_trailing_comment_covers_its_own_line_only(language, text):
    assert covered(text, language) == [1]


@pytest.mark.parametrize(("language", "text"), [
    ("python", f"# {D}\nKEY = 'x'\n"),
    ("python", f"    # {D}\n    KEY = 'x'\n"),
    ("javascript", f"// {D}\nconst k = 'x';\n"),
    ("javascript", f"  /* {D} */\nconst k = 'x';\n"),
    ("html", f"<!-- {D} -->\n<meta content='x'>\n"),
    ("html", f"{{# {D} #}}\n{{{{ x }}}}\n"),
    ("env", f"# {D}\nK=x\n"),
    ("notebook", f'    "# {D}\\n",\n    "k = 1\\n",\n'),
    ("tsx", f"  {{/* {D} */}}\n  <p/>\n"),
    ("markdown", f"```python\n# {D}\nk = 1\n```\n"),
])
def test_a_comment_alone_on_its_line_covers_the_next_line(language, text):
    assert covered(text, language) == [1, 2]


def test_a_trailing_suppression_does_not_hide_a_real_key_on_the_next_line(tmp_path):
    fake, real = make_key(8201), make_key(8202)
    (tmp_path / "keys.py").write_text(f'TEST_KEY = "{fake}"  # {D}\nREAL_KEY = "{real}"\n')
    result = CliRunner().invoke(main, ["scan", str(tmp_path), "--format", "json", "--select", "KAM001"])
    assert result.exit_code == 1
    assert [f["fingerprint"] for f in json.loads(result.stdout)["findings"]] == [fp(real)]


def test_an_unused_trailing_suppression_says_this_line(tmp_path):
    (tmp_path / "a.py").write_text(f"x = 1  # {D}\n")
    result = CliRunner().invoke(main, ["scan", str(tmp_path)])
    assert "matches no finding on this line" in result.stderr and "or the next" not in result.stderr


def _file(n: int) -> tuple[list[Finding], dict[str, list[suppress.Directive]]]:
    text = "".join(f"K{i} = 'x'  # {D}\n" for i in range(n))
    directives = parse(text, lambda o: text.count("\n", 0, o) + 1, language="python")
    findings = [Finding("KAM001", Severity.ERROR, Location("big.py", i + 1, 6), "m", f"v1:{i}")
                for i in range(n)]
    return findings, {"big.py": directives}


def test_applying_suppressions_is_linear_in_findings_and_directives(monkeypatch):
    calls = 0
    real_covers = suppress.Directive.covers

    def counting(self, rule_id, line):
        nonlocal calls
        calls += 1
        return real_covers(self, rule_id, line)

    monkeypatch.setattr(suppress.Directive, "covers", counting)
    work = {}
    for n in (200, 800):
        findings, directives = _file(n)
        calls = 0
        kept, _, notices = apply(findings, directives, lambda r: True)
        assert kept == [] and notices == []
        work[n] = calls
    assert work[800] <= 4 * work[200] + 8  # linear: 4x the input, at most 4x the tests
