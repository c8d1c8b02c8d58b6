"""The Python analyzer stops tokenizing after the logical line of the file's last key marker,
escape or `kaman-lint` mention, when `ast.parse` takes the whole file (lang/python.py: most of
a history scan's cost). What it reports must not change: a file whose end does not tokenize
still falls back to the text scan, a suppression later in the file still counts, a section
open at the key still names it."""

from __future__ import annotations

import json
import tokenize
from pathlib import Path

from click.testing import CliRunner

from kaman_lint.cli import main
from kaman_lint.lang import python
from tests.fakekeys import fp, leaked, make_key

FILLER = "".join(f"def f{n}(a, b=({n}, 'x')):\n    return a + b[0]\n\n" for n in range(300))


def scan(tmp_path: Path, monkeypatch, text: str) -> dict:
    (tmp_path / "app.py").write_text(text)
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["scan", "app.py", "--format", "json"])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return json.loads(result.stdout)


def counting_tokens(monkeypatch) -> list:
    """The tokens the analyzer reads, as it reads them."""
    read = []
    real = tokenize.generate_tokens

    def counting(readline):
        for token in real(readline):
            read.append(token)
            yield token

    monkeypatch.setattr(python.tokenize, "generate_tokens", counting)
    return read


def test_tokens_after_the_last_key_are_not_read(monkeypatch, tmp_path) -> None:
    key = make_key(9201)
    read = counting_tokens(monkeypatch)
    report = scan(tmp_path, monkeypatch, f'KEY = "{key}"\n' + FILLER)
    assert [f["fingerprint"] for f in report["findings"] if f["rule_id"] == "KAM001"] == [fp(key)]
    assert 0 < len(read) < 20  # the key's line, not the 300 functions after it
    assert not leaked(json.dumps(report), [key])


def test_a_file_whose_end_does_not_tokenize_is_still_scanned_as_text(monkeypatch, tmp_path) -> None:
    key = make_key(9202)
    report = scan(tmp_path, monkeypatch, f'KEY = "{key}"\n' + FILLER + "x = '''never closed\n")
    assert [f["fingerprint"] for f in report["findings"] if f["rule_id"] == "KAM001"] == [fp(key)]
    assert any("does not tokenize" in n["message"] for n in report["errors"] + report["notices"]), report


def test_a_suppression_comment_after_the_key_is_still_told_from_string_data(monkeypatch, tmp_path) -> None:
    key = make_key(9203)
    text = (f'KEY = "{key}"\n' + FILLER + "# kaman-lint: ignore[KAM001] -- nothing here to hide\n"
            + 'HELP = "write # kaman-lint: ignore[KAM001] -- why"\n' + FILLER)
    report = scan(tmp_path, monkeypatch, text)
    assert [f["fingerprint"] for f in report["findings"] if f["rule_id"] == "KAM001"] == [fp(key)]
    unused = [n for n in report["notices"] if n["kind"] == "unused-suppression"]
    assert [n["line"] for n in unused] == [FILLER.count("\n") + 2], report["notices"]


def test_a_block_open_at_the_key_still_names_its_section(monkeypatch, tmp_path) -> None:
    prod, dev = make_key(9204), make_key(9205)
    text = (f'if APP_ENV == "production":\n    KEY = "{prod}"\n' + "".join(f"    x{n} = {n}\n" for n in range(400))
            + f'DEV = {{"development": {{"api_key": "{dev}"}}}}\n' + FILLER)
    report = scan(tmp_path, monkeypatch, text)
    assert {f["fingerprint"] for f in report["findings"] if f["rule_id"] == "KAM001"} == {fp(prod), fp(dev)}


def test_the_parse_that_allows_the_cut_prints_no_warning(monkeypatch, tmp_path) -> None:
    import warnings

    key = make_key(9206)
    filler = "".join(f"v{n} = ({n}, 'x')\n" for n in range(400))
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        report = scan(tmp_path, monkeypatch, f'KEY = "{key}"\n' + filler + 'PATTERN = "\\d+"\n')
    assert [f["fingerprint"] for f in report["findings"] if f["rule_id"] == "KAM001"] == [fp(key)]
    assert not [w for w in caught if "escape" in str(w.message)], [str(w.message) for w in caught]


# --- the window's start: from the top-level statement of the first key marker ------------------


def test_tokens_before_the_first_keys_statement_are_not_read(monkeypatch, tmp_path) -> None:
    key = make_key(9207)
    read = counting_tokens(monkeypatch)
    report = scan(tmp_path, monkeypatch, FILLER + f'KEY = "{key}"  # the key\n')
    [finding] = [f for f in report["findings"] if f["rule_id"] == "KAM001"]
    assert (finding["fingerprint"], finding["line"], finding["column"]) == (fp(key), FILLER.count("\n") + 1, 8)
    assert 0 < len(read) < 20  # the key's line, not the 300 functions before it


def test_a_class_before_the_key_still_names_its_section(monkeypatch, tmp_path) -> None:
    key = make_key(9208)
    text = (FILLER + "class Development:\n" + "".join(f"    x{n} = {n}\n" for n in range(50))
            + f'    KEY = "{key}"\n\n\nclass Production:\n    KEY = "{key}"\n')
    report = scan(tmp_path, monkeypatch, text)
    [kam003] = [f for f in report["findings"] if f["rule_id"] == "KAM003"]
    assert kam003["line"] == text.count("\n")


def test_a_key_in_a_decorator_above_its_statements_line_is_read(monkeypatch, tmp_path) -> None:
    key = make_key(9209)
    text = FILLER + f'@route(\n    "{key}",\n)\ndef view():\n    return 1\n'
    report = scan(tmp_path, monkeypatch, text)
    assert [f["line"] for f in report["findings"] if f["rule_id"] == "KAM001"] == [FILLER.count("\n") + 2]
    assert not report["errors"] and not [n for n in report["notices"] if "tokenize" in n["message"]]


def test_a_statement_after_a_semicolon_is_read_from_its_lines_start(monkeypatch, tmp_path) -> None:
    key = make_key(9210)
    text = FILLER + 'DOC = """one\ntwo"""; ' + f'KEY = "{key}"\n'
    report = scan(tmp_path, monkeypatch, text)
    assert [f["line"] for f in report["findings"] if f["rule_id"] == "KAM001"] == [text.count("\n")]
    assert not [n for n in report["notices"] + report["errors"] if "tokenize" in n["message"]]


def test_a_suppression_before_the_key_still_counts_as_a_comment(monkeypatch, tmp_path) -> None:
    key = make_key(9211)
    text = FILLER + "# kaman-lint: ignore[KAM001] -- a rotated test key\n" + FILLER + f'KEY = "{key}"\n'
    unused = [n for n in scan(tmp_path, monkeypatch, text)["notices"] if n["kind"] == "unused-suppression"]
    assert [n["line"] for n in unused] == [FILLER.count("\n") + 1]


def test_a_file_the_window_cannot_shorten_is_not_parsed_for_it(monkeypatch) -> None:
    # One statement holds the key, and the key ends the file: the window would be the whole
    # file, so the parse that proves it tokenizes would be paid for nothing (it made a long
    # `if` test half as slow again).
    from kaman_lint.facts import FileFacts
    from kaman_lint.keys import KeyMatcher
    from kaman_lint.lang import analyze
    from kaman_lint.source import Source

    key = make_key(9212)
    text = "if ENV == " + " or ENV == ".join(f'f("{i}")' for i in range(500)) + f':\n    K = "{key}"\n'
    parses = []
    real = python.ast.parse
    monkeypatch.setattr(python.ast, "parse", lambda *args, **kwargs: parses.append(1) or real(*args, **kwargs))
    facts = FileFacts(Source("settings.py", text, "python"))
    analyze(facts, KeyMatcher())
    assert [lit.key.fingerprint for lit in facts.literals] == [fp(key)]
    assert parses == []  # nor by KAM002's flows: the file has nothing they look for
