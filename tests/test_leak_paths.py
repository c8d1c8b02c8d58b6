"""Second review of leak paths: base64 keys in messages, keys used as file and directory names,
notices quoting directive or decoder text. Every printable field is redacted where it is made."""

from __future__ import annotations

import base64
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from kaman_lint import suppress
from kaman_lint.cli import main
from kaman_lint.exposure.facts import redact_fields
from kaman_lint.findings import Notice
from kaman_lint.keys import redact_path, safe_text
from tests.fakekeys import fp, leaked, make_key

KEY = make_key(71)
OTHER = make_key(72)
B64 = base64.b64encode(KEY.encode()).decode()


def run(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


# --- 2a: base64 keys in messages ------------------------------------------------------------

def test_safe_text_replaces_a_base64_key_with_its_preview() -> None:
    text = safe_text(f"value {B64} in data")
    as_expected = text == f"value {KEY[:8]}… in data"  # computed apart: a failure prints no key
    assert as_expected


def test_safe_text_redacts_plain_and_base64_keys_together() -> None:
    text = safe_text(f"{OTHER} and {B64}")
    clean = not leaked(text, [KEY, OTHER]) and B64 not in text
    assert clean


def test_safe_text_keeps_names_and_placeholders() -> None:
    for text in ("use kam_api_key here", "KAMAN_API_KEY", "kam_your_api_key_here"):
        assert safe_text(text) == text


def test_redact_fields_uses_the_same_redaction_as_messages() -> None:
    class Fact:
        subject = f"`{B64}`"

    fact = Fact()
    redact_fields(fact, "subject")
    clean = B64 not in fact.subject and fact.subject == safe_text(f"`{B64}`")
    assert clean


# --- 2c: notices redact themselves ------------------------------------------------------------

def test_a_notice_redacts_its_message_and_path() -> None:
    notice = Notice("encoding", f"bad byte near {KEY} / {B64}", f"{KEY}/app.py", 3)
    clean = not leaked(str(notice), [KEY]) and B64 not in str(notice)
    assert clean
    assert notice.path == redact_path(f"{KEY}/app.py")


def test_an_unknown_rule_id_in_a_directive_is_not_echoed_upper_cased() -> None:
    text = f"x = 1  # kaman-lint: ignore[{KEY}] -- because\n"
    [directive] = suppress.parse(text, lambda offset: 1, None, "python")
    notices = list(suppress._notices({"a.py": [directive]}, lambda rule: True, []))
    clean = all(KEY[4:].upper() not in n.message.upper() for n in notices)
    assert directive.problem is not None and len(notices) == 1
    assert clean


# --- 2b: keys as file and directory names -----------------------------------------------------

def test_redact_path_masks_key_names_stably_and_keeps_the_rest() -> None:
    masked = redact_path(f"src/{KEY}/{KEY}.py")
    shaped = not leaked(masked, [KEY]) and masked.startswith(f"src/{KEY[:8]}…")
    assert shaped
    assert masked.endswith(".py") and masked == redact_path(f"src/{KEY}/{KEY}.py")
    assert redact_path(masked) == masked  # already redacted: unchanged
    assert redact_path("src/kam_client_factory.py") == "src/kam_client_factory.py"


def test_keys_sharing_a_preview_still_give_different_paths() -> None:
    twin = KEY[:8] + OTHER[8:]
    assert redact_path(f"{KEY}/a.py") != redact_path(f"{twin}/a.py")


@pytest.fixture
def key_named_tree(tmp_path: Path, monkeypatch) -> Path:
    folder = tmp_path / KEY
    folder.mkdir()
    (folder / "app.py").write_text(f"TOKEN = '{OTHER}'\n")
    (folder / "data.bin").write_bytes(b"\x00\x01kam_" + b"\x00" * 64)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_reports_and_baselines_never_print_a_key_named_directory(key_named_tree: Path) -> None:
    for fmt in ("text", "json", "sarif", "github", "gitlab"):
        output = run("scan", ".", "--format", fmt, "--exit-zero").output
        clean = bool(output) and not leaked(output, [KEY, OTHER])
        assert clean, fmt
    assert run("baseline", "-o", "baseline.json").exit_code == 0
    saved = (key_named_tree / "baseline.json").read_text()
    clean = not leaked(saved, [KEY, OTHER])
    assert clean
    assert [e["fingerprint"] for e in json.loads(saved)["entries"]] == [fp(OTHER)]


def test_the_baseline_matches_the_key_named_file_on_the_next_run(key_named_tree: Path) -> None:
    assert run("scan", ".").exit_code == 1  # the finding is there without the baseline
    run("baseline", "-o", "baseline.json")
    result = run("scan", ".", "--baseline", "baseline.json")
    assert result.exit_code == 0
    assert "KAM001" not in result.output and "stale" not in result.output


def test_stdin_filename_named_after_a_key_is_redacted(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["scan", "-", "--stdin-filename", f"{KEY}.py", "--exit-zero"],
                                input=f"T = '{OTHER}'\n")
    reported, clean = "KAM001" in result.output, not leaked(result.output, [KEY, OTHER])
    assert reported and clean


# --- 3c: bounded look-back for directives ----------------------------------------------------

def test_directives_far_from_their_line_start_are_not_comments() -> None:
    # 5000 directives on one 10 MB line (13 s when each copied its prefix from the line start;
    # the look-back is now bounded by comments.MAX_PREFIX).
    text = ("var a=1;" * 250 + "/* kaman-lint: ignore[KAM001] -- x */") * 5000
    found = suppress.parse(text, lambda offset: 1, None, "javascript")
    assert len(found) == 2  # past comments.MAX_PREFIX from the line start nothing reads as a comment


def test_a_directive_near_its_line_start_still_counts() -> None:
    text = "var a=1;\n" * 1000 + "x(); // kaman-lint: ignore[KAM001] -- vendored\n"
    [directive] = suppress.parse(text, lambda offset: 1001, None, "javascript")
    assert directive.rules == frozenset({"KAM001"}) and directive.problem is None
