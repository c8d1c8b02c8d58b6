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

@pytest.mark.parametrize("name", [f"x_{KEY}.py", f"1{KEY}/app.py", f"a{KEY}b/c.py", f"v2-{KEY}.py",
                                  f"kam_api_key{KEY}.py"],
                         ids=["underscore", "digit", "letters", "dash", "after a name"])  # ids: no key in test names
def test_redact_path_masks_a_key_whatever_precedes_it(name: str) -> None:
    masked = redact_path(name)
    clean = not leaked(masked, [KEY]) and not body_pieces(masked, KEY)
    assert clean
    assert redact_path(masked) == masked  # stable: a baseline keeps matching


@pytest.mark.parametrize("text", [f"in x_{KEY}", f"file 1{KEY}/", f"`self.{KEY}`", f"a{KEY}",
                                  f"kam_api_key{KEY}", f"kam_example_{KEY}", f"`kam_your_key-{KEY}`"],
                         ids=["underscore", "digit", "attribute", "letter",  # ids: no key in test names
                              "after a name", "after a placeholder", "after a dashed placeholder"])
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


# --- 2: names that are not UTF-8, names and messages holding control characters ---------------

BAD_NAMES = (b"bad\xffname.py", b"nl\n::stop-commands::abc.py", b"esc\x1b[2Jx.py", b"rtl\xe2\x80\xaeyp.txt")


@pytest.fixture
def odd_tree(tmp_path: Path, monkeypatch) -> Path:
    """Real files with hostile names (bytes, as the OS sees them), each holding a key, and one
    that does not parse (a notice naming it)."""
    root = os.fsencode(tmp_path)
    for name in BAD_NAMES:
        with open(os.path.join(root, name), "w") as handle:
            handle.write(f"TOKEN = '{OTHER}'\n")
    with open(os.path.join(root, b"broken\n::error::x.py"), "w") as handle:
        handle.write(f"def f(:\n    TOKEN = '{OTHER}'\n")  # a finding, and a parse-error notice
    monkeypatch.chdir(tmp_path)
    return tmp_path


def lines_are_records(text: str) -> bool:
    """Every line is a `path:line:col: KAMxxx` record or the summary: nothing a name held
    started a line of its own."""
    return all(line.startswith("Found ") or " KAM00" in line for line in text.splitlines())


def test_every_format_survives_names_that_are_not_utf8(odd_tree: Path) -> None:
    for fmt in FORMATS:
        result = CliRunner().invoke(main, ["scan", ".", "--format", fmt])
        assert result.exit_code == 1, (fmt, result.exception)
        result.stdout.encode("utf-8")  # valid text: no lone surrogates
        if fmt in ("json", "sarif", "gitlab"):
            json.loads(result.stdout)


def test_sarif_uris_percent_encode_the_names_own_bytes(odd_tree: Path) -> None:
    log = json.loads(run("scan", ".", "--format", "sarif").stdout)
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in log["runs"][0]["results"]}
    assert {"bad%FFname.py", "nl%0A%3A%3Astop-commands%3A%3Aabc.py", "esc%1B%5B2Jx.py",
            "rtl%E2%80%AEyp.txt"} <= uris


def test_text_and_notices_escape_control_characters_in_names(odd_tree: Path) -> None:
    result = run("scan", ".")
    assert lines_are_records(result.stdout)
    assert "bad\\xffname.py:1:" in result.stdout and "nl\\n::stop-commands::abc.py:1:" in result.stdout
    assert "esc\\x1b[2Jx.py:1:" in result.stdout and "rtl\\u202eyp.txt:1:" in result.stdout
    assert all(c.isprintable() for c in result.stdout.replace("\n", ""))
    assert [line for line in result.stderr.splitlines() if not line.startswith("kaman-lint: ")] == []
    assert "broken\\n::error::x.py:" in result.stderr


def test_github_commands_cannot_be_injected_by_a_name(odd_tree: Path) -> None:
    out = run("scan", ".", "--format", "github").stdout
    for line in out.splitlines():
        assert line.startswith(("::error ", "::warning ", "::notice ")) or line.startswith("Found "), line
        assert all(c.isprintable() for c in line)
    assert "::stop-commands::" not in out.replace("%3A", ":").split("::error ")[0]


def test_json_and_gitlab_spell_undecodable_bytes_and_keep_the_rest(odd_tree: Path) -> None:
    paths = {f["path"] for f in json.loads(run("scan", ".", "--format", "json").stdout)["findings"]}
    assert {"bad\\xffname.py", "nl\n::stop-commands::abc.py"} <= paths
    files = {v["location"]["file"] for v in json.loads(run("scan", ".", "--format", "gitlab").stdout)["vulnerabilities"]}
    assert "bad\\xffname.py" in files


def test_a_baseline_records_and_matches_names_that_are_not_utf8(odd_tree: Path) -> None:
    assert run("baseline", "-o", "baseline.json").exit_code == 0
    entries = json.loads((odd_tree / "baseline.json").read_text(encoding="utf-8"))["entries"]
    assert len(entries) == len(BAD_NAMES) + 1
    result = run("scan", ".", "--baseline", "baseline.json")
    assert result.exit_code == 0 and "stale" not in result.stderr


def test_messages_quoting_control_characters_are_escaped(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    name = "a\u001b]0;owned\u0007\u202e::stop-commands::x"
    (tmp_path / "settings.py").write_text(f'CONFIG = {{"{name}": "{OTHER}"}}\n')  # raw, in the literal
    for fmt in ("text", "github"):
        out = run("scan", ".", "--format", fmt).stdout
        assert "KAM001" in out and all(c.isprintable() for c in out.replace("\n", "")), fmt
        assert lines_are_records(out) if fmt == "text" else True


def test_a_diff_header_and_fix_summary_escape_a_name(tmp_path: Path, monkeypatch) -> None:
    with open(os.path.join(os.fsencode(tmp_path), b"nl\n::stop-commands::x.py"), "w") as handle:
        handle.write(f'import os\nKAMAN_API_KEY = "{OTHER}"\n')
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["scan", ".", "--diff", "--unsafe-fixes"])
    assert "--- a/nl\\n::stop-commands::x.py" in result.stdout
    assert not any(line.startswith("::") for line in (result.stdout + result.stderr).splitlines())
    assert all(line.startswith("kaman-lint: ") for line in result.stderr.splitlines())


def test_the_config_line_of_a_ci_run_escapes_its_path(tmp_path: Path, monkeypatch) -> None:
    project = Path(os.fsdecode(os.path.join(os.fsencode(tmp_path), b"p\n::stop-commands::q")))
    project.mkdir()
    (project / ".kaman-lint.toml").write_text('select = ["KAM001"]\n')
    (project / "app.py").write_text("x = 1\n")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("CI", "true")
    result = CliRunner().invoke(main, ["scan", str(project)])
    assert "config: " in result.stderr and "p\\n::stop-commands::q" in result.stderr
    assert all(line.startswith("kaman-lint: ") for line in result.stderr.splitlines())


def test_unmapped_detect_secrets_results_are_printed_safely(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    results = {"gone\n::stop-commands::x.py": [{"type": f"x_{KEY}", "hashed_secret": "0" * 40, "line_number": 1}]}
    (tmp_path / ".secrets.baseline").write_text(json.dumps({"results": results}))
    result = CliRunner().invoke(main, ["baseline", "--from-detect-secrets", ".secrets.baseline", "-o", "b.json"])
    assert "not mapped: gone\\n::stop-commands::x.py:1:" in result.stderr
    clean = not leaked(result.stderr, [KEY]) and not body_pieces(result.stderr, KEY)
    assert clean and all(not line.startswith("::") for line in result.stderr.splitlines())


def test_a_tool_error_quoting_a_path_stays_one_line(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["scan", ".", "--baseline", "b\n::stop-commands::x.json"])
    assert result.exit_code == 2 and len(result.stderr.splitlines()) == 1
    assert "b\\n::stop-commands::x.json" in result.stderr
