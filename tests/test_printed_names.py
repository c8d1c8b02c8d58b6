"""Names as reports print them (issue 10 §1): a key glued to a word in a file or directory name,
key halves quoted by a malformed suppression, names that are not UTF-8 or hold control
characters. Every format, the baseline, notices on stderr and LSP diagnostics."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from kaman_lint.cli import main
from kaman_lint.keys import redact_path, safe_text
from tests.fakekeys import fp, leaked, make_key

KEY = make_key(91)
OTHER = make_key(92)
FORMATS = ("text", "json", "sarif", "github", "gitlab")


def run(*args: str, input: str | None = None):
    return CliRunner().invoke(main, list(args), input=input, catch_exceptions=False)


def outputs(*args: str) -> dict[str, str]:
    """stdout and stderr of a scan in every format, by format."""
    return {fmt: (lambda r: r.stdout + r.stderr)(run("scan", *args, "--format", fmt, "--exit-zero"))
            for fmt in FORMATS}


def body_pieces(text: str, key: str, size: int = 8) -> list[int]:
    """Offsets of the key body's `size`-character pieces found in `text` (more than a preview
    shows; empty = nothing of the key beyond its preview is printed)."""
    body = key[4:]
    return [i for i in range(4, len(body) - size + 1) if body[i:i + size] in text]


# --- 1: a key glued to a word character in a name ----------------------------------------------

@pytest.mark.parametrize("name", [f"x_{KEY}.py", f"1{KEY}/app.py", f"a{KEY}b/c.py", f"v2-{KEY}.py"],
                         ids=["underscore", "digit", "letters", "dash"])  # ids: no key in test names
def test_redact_path_masks_a_key_whatever_precedes_it(name: str) -> None:
    masked = redact_path(name)
    clean = not leaked(masked, [KEY]) and not body_pieces(masked, KEY)
    assert clean
    assert redact_path(masked) == masked  # stable: a baseline keeps matching


@pytest.mark.parametrize("text", [f"in x_{KEY}", f"file 1{KEY}/", f"`self.{KEY}`", f"a{KEY}"],
                         ids=["underscore", "digit", "attribute", "letter"])
def test_safe_text_masks_a_key_whatever_precedes_it(text: str) -> None:
    masked = safe_text(text)
    clean = not leaked(masked, [KEY]) and not body_pieces(masked, KEY)
    assert clean


def test_names_that_only_look_like_key_prefixes_stay() -> None:
    for text in ("my_kam_client.py", "src/kam_api_key/settings.py", "xkam_request_timeout"):
        assert redact_path(text) == text and safe_text(text) == text


@pytest.fixture
def glued_tree(tmp_path: Path, monkeypatch) -> Path:
    (tmp_path / f"1{KEY}").mkdir()
    (tmp_path / f"1{KEY}" / "app.py").write_text(f"TOKEN = '{OTHER}'\n")
    (tmp_path / f"x_{KEY}.py").write_text(f"TOKEN = '{OTHER}'\n")
    (tmp_path / f"x_{KEY}.json").write_text("{ not json")  # a notice about the file
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_reports_never_print_a_key_glued_to_a_word_in_a_name(glued_tree: Path) -> None:
    for fmt, output in outputs(".").items():
        clean = "KAM001" in output and not leaked(output, [KEY, OTHER]) and not body_pieces(output, KEY)
        assert clean, fmt


def test_baselines_never_record_a_key_glued_to_a_word_in_a_name(glued_tree: Path) -> None:
    assert run("baseline", "-o", "baseline.json").exit_code == 0
    saved = (glued_tree / "baseline.json").read_text()
    clean = not leaked(saved, [KEY, OTHER]) and not body_pieces(saved, KEY)
    assert clean
    assert [e["fingerprint"] for e in json.loads(saved)["entries"]] == [fp(OTHER), fp(OTHER)]
    assert run("scan", ".", "--baseline", "baseline.json").exit_code == 0  # and it matches


def test_lsp_diagnostics_never_print_a_key_glued_to_a_word_in_a_name(glued_tree: Path) -> None:
    from kaman_lint.server import scan_buffer

    notices: list = []
    for name in (f"x_{KEY}.py", f"1{KEY}/app.py", f"web/x_{KEY}/page.jsx"):
        findings = scan_buffer(f"TOKEN = '{OTHER}'\n", str(glued_tree / name), notices)
        printed = " ".join(f"{f.location.path} {f.message} {f.related}" for f in findings)
        printed += " ".join(f"{n.path} {n.message}" for n in notices)
        clean = bool(findings) and not leaked(printed, [KEY, OTHER]) and not body_pieces(printed, KEY)
        assert clean, name


# --- 1: quoted text holding pieces of a key ---------------------------------------------------

@pytest.mark.parametrize("split", [14, 16, 20])
def test_a_malformed_suppression_quoting_two_halves_prints_neither(tmp_path: Path, monkeypatch,
                                                                   split: int) -> None:
    monkeypatch.chdir(tmp_path)
    first, second = KEY[:split], KEY[split:]
    (tmp_path / "app.py").write_text(f"A = '{OTHER}'  # kaman-lint: ignore[{first} {second}]\n"
                                     f"B = 1  # kaman-lint: ignore[{first},{second}] -- fake\n")
    for fmt, output in outputs(".").items():
        noticed = "malformed" in output or "unknown rule" in output
        clean = noticed and not leaked(output, [KEY, OTHER]) and not body_pieces(output, KEY)
        assert clean, fmt


def test_a_key_body_without_its_prefix_is_not_quoted_either() -> None:
    text = safe_text(f"malformed suppression (unknown rule id {KEY[4:]})")
    clean = not body_pieces(text, KEY)
    assert clean
    assert text.startswith("malformed suppression (unknown rule id ")


def test_quoted_names_and_ids_stay_readable() -> None:
    for text in ("unknown rule id KAM01", "`process.env.NEXT_PUBLIC_KAMAN_API_KEY`",
                 "`dangerouslySetInnerHTML`", "`getServerSideProps`", "fingerprint v1:3f2a9c0d1e4b5a6c7d8e9f00",
                 "`createBrowserClient`", "`renderToString`", "kaman_api_key_from_settings"):
        assert safe_text(text) == text


def test_tool_errors_never_echo_a_key_glued_to_a_word(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    for argument in (f"x_{KEY}", f"{KEY[:16]} {KEY[16:]}"):
        result = CliRunner().invoke(main, ["rules", argument])
        clean = result.exit_code == 2 and not leaked(result.output, [KEY]) and not body_pieces(result.output, KEY)
        assert clean
