"""kaman_lint.report.render: dispatch, options, lazy imports, determinism, no key text."""

from __future__ import annotations

import random
import subprocess
import sys

import pytest

from kaman_lint.findings import ScanResult
from kaman_lint.report import FORMATS

try:
    from test_report_data import render, NOW, RULES, empty_result, leaked_keys, sample_result
except ImportError:  # tests/ imported as a package
    from tests.test_report_data import render, NOW, RULES, empty_result, leaked_keys, sample_result


def test_formats():
    assert FORMATS == ("text", "json", "sarif", "github", "gitlab")


def test_unknown_format():
    with pytest.raises(ValueError, match="unknown format"):
        render("xml", sample_result(), RULES)


def test_unknown_option_is_an_error():
    with pytest.raises(TypeError, match="nw"):
        render("json", sample_result(), RULES, nw=NOW)


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_format_accepts_every_option(fmt):
    out = render(fmt, sample_result(), RULES, color=False, now=NOW, start_time=NOW, end_time=NOW,
                 success=True, automation_id="kaman-lint/", commit_sha="0000000")
    assert out.endswith("\n")


def test_formats_are_imported_lazily():
    code = (
        "import sys\n"
        "from kaman_lint.findings import ScanResult\n"
        "from kaman_lint.report import render\n"
        "assert not any(m.startswith('kaman_lint.report.') for m in sys.modules), sys.modules\n"
        "render('text', ScanResult(), [])\n"
        "loaded = sorted(m for m in sys.modules if m.startswith('kaman_lint.report.'))\n"
        "assert loaded == ['kaman_lint.report._common', 'kaman_lint.report._paths', 'kaman_lint.report.text'], loaded\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


@pytest.mark.parametrize("fmt", FORMATS)
def test_same_result_same_bytes(fmt):
    first = render(fmt, sample_result(), RULES, now=NOW)
    assert render(fmt, sample_result(), RULES, now=NOW) == first
    shuffled = sample_result()
    random.Random(7).shuffle(shuffled.findings)
    shuffled.notices.reverse()
    assert render(fmt, shuffled, list(reversed(RULES)), now=NOW) == first


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("make", [sample_result, empty_result, ScanResult])
def test_no_output_holds_a_whole_key(fmt, make):
    out = render(fmt, make(), RULES, now=NOW, color=True)
    assert not leaked_keys(out)


@pytest.mark.parametrize("fmt", FORMATS)
def test_the_chunks_the_cli_writes_are_the_rendered_report(fmt):
    import importlib
    import json

    from kaman_lint import report
    from kaman_lint.indented_json import materialize

    result = sample_result()
    options = {"now": NOW, "success": True, "cwd": result.root}
    chunks = report.render_chunks(fmt, result, RULES, **options)
    assert "".join(chunks) == report.render(fmt, result, RULES, **options)
    # what a report file is written from: the same text, encoded once
    assert b"".join(report.render_utf8(fmt, result, RULES, **options)) == "".join(chunks).encode("utf-8")
    module = importlib.import_module(f"kaman_lint.report.{fmt}")
    if hasattr(module, "document"):  # the bytes the standard library's encoder writes
        expected = json.dumps(module.document(result, RULES, **options), default=materialize,
                              ensure_ascii=False, indent=2) + "\n"
    else:
        expected = module.render(result, RULES, **options)
    assert "".join(chunks) == expected
