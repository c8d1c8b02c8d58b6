"""Text reporter: ruff-style lines vim can jump to, related locations on the same line, a
summary."""

from __future__ import annotations

import re

from kaman_lint.findings import Finding, Location, ScanResult, Severity

try:
    from test_report_data import render, ODD_PATH, RULES, check_golden, empty_result, sample_result
except ImportError:  # tests/ imported as a package
    from tests.test_report_data import render, ODD_PATH, RULES, check_golden, empty_result, sample_result

# vim's errorformat %f:%l:%c: %m, with the rule id leading the message.
FINDING_LINE = re.compile(r"^(?P<f>[^\s:][^:]*):(?P<l>\d+):(?P<c>\d+): (?P<m>(?P<rule>KAM\d{3}) .+)$")
ANSI = re.compile(r"\x1b\[[0-9;]*m")


def lines(result=None, **kw):
    return render("text", result or sample_result(), RULES, **kw).splitlines()


def test_golden():
    check_golden("report.txt", render("text", sample_result(), RULES))


def test_golden_color():
    check_golden("report-color.txt", render("text", sample_result(), RULES, color=True))


def test_finding_lines_match_vim_errorformat():
    out = lines()
    findings = [FINDING_LINE.match(line) for line in out][:-1]  # every line but the summary
    assert all(findings), out
    assert [(m["f"], m["l"], m["c"], m["rule"]) for m in findings] == [
        ("config/prod.env", "2", "15", "KAM003"),
        (ODD_PATH, "3", "14", "KAM001"),
        ("src/app.py", "12", "16", "KAM001"),
    ]


def test_related_locations_are_folded_into_the_finding_line():
    out = lines()
    assert out[0] == ("config/prod.env:2:15: KAM003 The same Kaman key is configured for development "
                      "and production. (Development-side occurrence: config/dev.env:5; Development-side "
                      "occurrence (service web-dev): docker-compose.yml:8)")
    assert not any(line.startswith(" ") for line in out)


def test_summary_line():
    assert lines()[-1] == "Found 3 findings (KAM001: 2, KAM003: 1) in 7 files, 1 binary file skipped."
    assert lines(empty_result()) == ["No findings in 3 files."]
    one = ScanResult([Finding("KAM001", Severity.ERROR, Location("a.py", 1, 1), "m", "f")], files_scanned=1)
    assert lines(one)[-1] == "Found 1 finding (KAM001: 1) in 1 file."


def test_colour_only_when_asked():
    plain = render("text", sample_result(), RULES)
    coloured = render("text", sample_result(), RULES, color=True)
    assert "\x1b" not in plain
    assert "\x1b[" in coloured
    assert ANSI.sub("", coloured) == plain


def test_multiline_message_stays_on_one_line():
    result = ScanResult([Finding("KAM001", Severity.ERROR, Location("a.py", 1, 5), "first\nsecond\r\nthird", "f")])
    assert lines(result)[0] == "a.py:1:5: KAM001 first second third"


def test_related_locations_the_message_names_are_not_repeated():
    related = (Location("config/dev.env", 5, 1, message="Development-side occurrence"),)
    finding = Finding("KAM003", Severity.ERROR, Location("config/prod.env", 2, 15),
                      "Shared with development in config/dev.env:5.", "v1:abc", "kam_Abcd…", related)
    out = lines(ScanResult([finding], [], 1, "/repo"))
    assert out[0] == "config/prod.env:2:15: KAM003 Shared with development in config/dev.env:5."
