"""A key written where a setting name or a section goes (`{"kam_...": "kam_..."}`) must not be
printed as the name in any message: names and sections are redacted where literals are built,
and every rule message is redacted once more on its way out."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from fakekeys import fp, leaked, make_key
from kaman_lint.cli import main
from kaman_lint.findings import Location
from kaman_lint.keys import safe_label, safe_text
from kaman_lint.report import FORMATS
from kaman_lint.rules.kam001 import HardcodedApiKey

NAME_KEY, VALUE_KEY = make_key(900), make_key(901)
SECTION_KEY = make_key(902)


def key_named_files(root: Path) -> None:
    """The same shape in each language: a key whose setting name is another key."""
    name, value, section = NAME_KEY, VALUE_KEY, SECTION_KEY
    (root / "rotated.json").write_text(f'{{"{name}": "{value}"}}\n')
    (root / "keys.py").write_text(f'KEYS = {{"{name}": "{value}"}}\nNESTED = {{"{section}": {{"a": "{value}"}}}}\n')
    (root / "keys.yaml").write_text(f"{name}: {value}\n{section}:\n  api_key: {value}\n")
    (root / "keys.toml").write_text(f'[keys]\n{name} = "{value}"\n\n[{section}]\napi_key = "{value}"\n')
    (root / ".env").write_text(f"{name}={value}\n")


@pytest.mark.parametrize("fmt", FORMATS)
def test_no_format_prints_a_key_used_as_a_name_or_section(tmp_path: Path, fmt: str) -> None:
    key_named_files(tmp_path)
    result = CliRunner().invoke(main, ["scan", str(tmp_path), "--format", fmt, "--exit-zero"])
    assert result.exit_code == 0
    assert leaked(result.output + result.stderr, [NAME_KEY, VALUE_KEY, SECTION_KEY]) == []
    assert "KAM001" in result.output or "kam_" in result.output  # it did report


def _findings(root: Path) -> list[dict]:
    result = CliRunner().invoke(main, ["scan", str(root), "--format", "json", "--exit-zero"])
    return json.loads(result.output)["findings"]


def test_the_name_is_shown_redacted(tmp_path: Path) -> None:
    key_named_files(tmp_path)
    messages = [f["message"] for f in _findings(tmp_path) if Path(f["path"]).name == "rotated.json"
                and f["fingerprint"] == fp(VALUE_KEY)]
    assert messages and all(f"`{NAME_KEY[:8]}…`" in m for m in messages)


def test_a_key_on_the_left_of_a_dotenv_assignment_is_a_finding(tmp_path: Path) -> None:
    (tmp_path / ".env").write_text(f"{NAME_KEY}={VALUE_KEY}\n")
    found = {(f["rule_id"], f["line"], f["column"], f["fingerprint"]) for f in _findings(tmp_path)}
    assert ("KAM001", 1, 1, fp(NAME_KEY)) in found
    assert ("KAM001", 1, len(NAME_KEY) + 2, fp(VALUE_KEY)) in found


def test_a_code_name_shaped_like_a_key_is_still_a_name(tmp_path: Path) -> None:
    """Outside `.env` files, `kam_<random> = ...` stays a name being assigned (JS, Python)."""
    (tmp_path / "app.js").write_text(f"var {NAME_KEY} = 1;\n")
    assert _findings(tmp_path) == []


def test_safe_label_keeps_names_and_redacts_keys() -> None:
    assert safe_label("kam_api_key") == "kam_api_key"
    assert safe_label("KAMAN_API_KEY") == "KAMAN_API_KEY"
    assert safe_label(None) is None
    assert NAME_KEY not in (safe_label(f"prefix.{NAME_KEY}.suffix") or "")
    assert safe_label(NAME_KEY) == NAME_KEY[:8] + "…"


def test_safe_label_drops_a_label_hiding_a_base64_key() -> None:
    import base64

    encoded = base64.b64encode(NAME_KEY.encode()).decode()
    assert safe_label(encoded) is None


def test_rule_findings_redact_their_messages_and_related_messages() -> None:
    rule = HardcodedApiKey()
    finding = rule.finding(Location("a.py", 1, 1), f"quoted {NAME_KEY} here", "fp", "kam_x…",
                           related=(Location("b.py", 2, 1, message=f"also {VALUE_KEY}"),))
    assert leaked(finding.message + str(finding.related[0].message), [NAME_KEY, VALUE_KEY]) == []
    assert safe_text("assigned to `kam_client_factory`") == "assigned to `kam_client_factory`"
