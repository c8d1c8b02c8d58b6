"""Suppression comments: the file's own comment syntax, same line or the line above, rule ids or
blanket, a reason after `--`; blanket and unused ones draw notices."""

from __future__ import annotations

import pytest

from kaman_lint.findings import Finding, Location, Severity
from kaman_lint.suppress import apply, parse


def directives(text: str):
    return parse(text, lambda offset: text.count("\n", 0, offset) + 1)


def finding(rule: str, line: int, path: str = "f") -> Finding:
    return Finding(rule, Severity.ERROR, Location(path, line, 1), "m", "v1:x")


@pytest.mark.parametrize("comment", [
    "# kaman-lint: ignore[KAM001] -- reason", "// kaman-lint: ignore[KAM001] -- reason",
    "/* kaman-lint: ignore[KAM001] -- reason */", "<!-- kaman-lint: ignore[KAM001] -- reason -->",
    "{# kaman-lint: ignore[KAM001] -- reason #}", "<%# kaman-lint: ignore[KAM001] -- reason %>",
    "; kaman-lint: ignore[KAM001] -- reason", '  "# kaman-lint: ignore[KAM001] -- reason\\n",',
])
def test_every_comment_syntax_gives_rules_and_reason(comment: str) -> None:
    [d] = directives(comment)
    assert d.rules == frozenset({"KAM001"}) and d.reason == "reason"


def test_directive_with_code_after_its_comment_on_the_same_line() -> None:
    [d] = directives('<!-- kaman-lint: ignore[KAM002] --> <meta content="x">')
    assert d.rules == frozenset({"KAM002"})


def test_words_that_only_look_like_a_directive_are_not_one() -> None:
    [malformed] = directives("# kaman-lint: ignored for now")  # a comment: noticed, hides nothing
    assert malformed.problem and not malformed.covers("KAM001", 1)
    assert directives("kaman-lint: ignore[KAM001] without a comment") == []


def test_same_line_and_line_above_are_covered_not_two_lines_above() -> None:
    found = directives("x\n# kaman-lint: ignore[KAM001] -- r\ny\nz\n")
    kept, _, _ = apply([finding("KAM001", 2), finding("KAM001", 3), finding("KAM001", 4)], {"f": found}, lambda r: True)
    assert [f.location.line for f in kept] == [4]


def test_a_directive_for_another_rule_does_not_hide_this_one() -> None:
    found = directives("k = 1  # kaman-lint: ignore[KAM002] -- r\n")
    kept, _, notices = apply([finding("KAM001", 1)], {"f": found}, lambda r: True)
    assert len(kept) == 1 and [n.kind for n in notices] == ["unused-suppression"]


def test_several_rules_case_insensitive() -> None:
    found = directives("k = 1  # kaman-lint: ignore[kam001, KAM002]\n")
    kept, _, notices = apply([finding("KAM001", 1), finding("KAM002", 1)], {"f": found}, lambda r: True)
    assert kept == [] and notices == []


def test_blanket_hides_everything_and_draws_a_notice() -> None:
    found = directives("# kaman-lint: ignore\nk = 1\n")
    kept, _, notices = apply([finding("KAM001", 2), finding("KAM003", 2)], {"f": found}, lambda r: True)
    assert kept == [] and [(n.kind, n.line) for n in notices] == [("blanket-suppression", 1)]


def test_unused_directive_for_a_rule_not_selected_is_not_noticed() -> None:
    found = directives("# kaman-lint: ignore[KAM002] -- r\n")
    _, _, notices = apply([], {"f": found}, lambda r: r != "KAM002")
    assert notices == []


def test_directives_apply_per_file() -> None:
    found = directives("k  # kaman-lint: ignore[KAM001]\n")
    kept, _, _ = apply([finding("KAM001", 1, path="other")], {"f": found}, lambda r: True)
    assert len(kept) == 1


def test_python_directive_inside_a_string_is_not_a_suppression(tmp_path):
    from click.testing import CliRunner

    from fakekeys import make_key
    from kaman_lint.cli import main

    key = make_key(41)
    (tmp_path / "app.py").write_text(
        'HELP = "add # kaman-lint: ignore[KAM001] to silence"\n'
        f'KEY = "{key}"\n'
    )
    result = CliRunner().invoke(main, ["scan", str(tmp_path), "--format", "json"])
    assert result.exit_code == 1  # the string did not hide the key on the next line
    assert "unused" not in result.stderr


def test_unused_suppression_names_the_rule_still_reported_there(tmp_path):
    from click.testing import CliRunner

    from fakekeys import make_key
    from kaman_lint.cli import main

    (tmp_path / "settings.py").write_text(
        f'KEY = "{make_key(43)}"  # kaman-lint: ignore[KAM003] -- shared on purpose\n')
    result = CliRunner().invoke(main, ["scan", str(tmp_path)])
    assert result.exit_code == 1
    assert "suppression for KAM003 matches no finding" in result.stderr
    assert "(KAM001 is reported here: name it to hide it)" in result.stderr
