"""GitHub Actions workflow commands: annotations, exact escaping, notices, summary line."""

from __future__ import annotations

from kaman_lint.findings import Finding, Location, Notice, ScanResult, Severity
from kaman_lint.report.github import escape_data, escape_property

try:
    from test_report_data import render, RULES, check_golden, empty_result, sample_result
except ImportError:  # tests/ imported as a package
    from tests.test_report_data import render, RULES, check_golden, empty_result, sample_result


def lines(result=None):
    return render("github", result or sample_result(), RULES).splitlines()


def test_golden():
    check_golden("report.github.txt", render("github", sample_result(), RULES))


def test_annotations():
    out = lines()
    assert out[0] == (
        "::warning file=config/prod.env,line=2,col=15,title=KAM003 shared-dev-prod-key::"
        "The same Kaman key is configured for development and production."
        "%0ARelated: config/dev.env:5:15: Development-side occurrence"
        "%0ARelated: docker-compose.yml:8:22: Development-side occurrence (service web-dev)"
    )
    assert out[2] == (
        "::error file=src/app.py,line=12,col=16,title=KAM001 hardcoded-api-key::"
        "Kaman API key hard-coded in a string literal; read it from the environment instead."
    )


def test_levels():
    result = ScanResult([
        Finding("KAM001", sev, Location("a.py", i, 1), "m", "f") for i, sev in enumerate(Severity, 1)
    ])
    assert [line.split(" ", 1)[0] for line in lines(result)[:3]] == ["::error", "::warning", "::notice"]


def test_escape_functions():
    assert escape_data("100%\r\nnext: a,b") == "100%25%0D%0Anext: a,b"
    assert escape_property("100%\r\nnext: a,b") == "100%25%0D%0Anext%3A a%2Cb"
    assert escape_data("%0A") == "%250A"  # % first, so escapes are not escaped twice


def test_escaping_in_paths_and_messages():
    finding = Finding("KAM001", Severity.ERROR, Location("odd,dir/a:b%c.py", 4, 2),
                      "100% real key, really: yes\nsecond line\r", "f")
    line = lines(ScanResult([finding], files_scanned=1))[0]
    assert line == (
        "::error file=odd%2Cdir/a%3Ab%25c.py,line=4,col=2,title=KAM001 hardcoded-api-key::"
        "100%25 real key, really: yes%0Asecond line%0D"
    )


def test_unknown_rule_title_is_the_id():
    finding = Finding("KAM009", Severity.NOTE, Location("a.py", 1, 1), "m", "f")
    assert lines(ScanResult([finding]))[0] == "::notice file=a.py,line=1,col=1,title=KAM009::m"


def test_notices_and_summary():
    out = lines()
    assert out[3] == "::warning::2 baseline entries no longer match any finding"
    assert out[4] == "::error file=secrets/locked.env::cannot read: Permission denied"
    assert out[5] == "::warning file=web/broken.js,line=3::could not parse as JavaScript; scanned as text"
    assert out[6] == "Found 3 findings (KAM001: 2, KAM003: 1) in 7 files, 1 binary file skipped."
    assert len(out) == 7  # the binary file is counted, not annotated
    notice = Notice("parse-error", "skipped: broken, 3 MB", "a,b.js")
    assert lines(ScanResult(notices=[notice]))[0] == "::warning file=a%2Cb.js::skipped: broken, 3 MB"


def test_empty():
    assert lines(empty_result()) == ["No findings in 3 files."]
