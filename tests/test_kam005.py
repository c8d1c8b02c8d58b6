"""KAM005 beyond its fixtures: no output ever shows the token, and how its lifetime is told."""

from __future__ import annotations

import base64
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from kaman_lint.cli import main
from kaman_lint.facts import FileFacts
from kaman_lint.rules.kam005 import HardcodedLongLivedJwt
from kaman_lint.source import Source


def token(payload: dict, header: dict | None = None) -> str:
    def part(obj: dict) -> str:
        return base64.urlsafe_b64encode(json.dumps(obj).encode()).decode().rstrip("=")

    return f"{part(header or {'alg': 'RS256'})}.{part(payload)}.{'s1Gn4tUrE' * 4}"


def findings(text: str, name: str = "app.py") -> list:
    return list(HardcodedLongLivedJwt().check(FileFacts(Source(name, text, "python"))))


@pytest.mark.parametrize("claims, flagged", [
    ({"iss": "kaman"}, True),  # never expires
    ({"iss": "kaman", "iat": 0, "exp": 86400}, False),  # exactly a day
    ({"iss": "kaman", "iat": 0, "exp": 86401}, True),
    ({"iss": "kaman", "nbf": 0, "exp": 3 * 86400}, True),  # nbf stands in for iat
    ({"iss": "kaman", "exp": 10**10}, False),  # no issue time: cannot tell
    ({"iss": "kaman", "iat": True, "exp": 10**10}, False),  # booleans are no times
    ({"aud": ["other", "Kaman-API"]}, True),
    ({"iss": "https://login.example.com"}, False),
])
def test_lifetime_and_issuer(claims: dict, flagged: bool) -> None:
    assert bool(findings(f'token = "{token(claims)}"\n')) is flagged


def test_a_kaman_named_variable_makes_it_kamans() -> None:
    jwt = token({"sub": "svc"})
    assert findings(f'KAMAN_SERVICE_TOKEN = "{jwt}"\n') and not findings(f'SERVICE_TOKEN = "{jwt}"\n')


def test_a_run_of_token_starts_is_tried_once() -> None:
    """A long `eyJeyJ...` run is one candidate (the regex may only start where a token starts)."""
    from kaman_lint.rules.kam005 import JWT

    text = "eyJ" * 5000 + "." + "eyJ" * 5000
    assert [m.start() for m in JWT.finditer(text)] == []
    assert len(JWT.findall(f'{token({"a": 1})} {token({"b": 2})}')) == 2


@pytest.mark.parametrize("fmt", ["text", "json", "sarif", "github", "gitlab"])
def test_no_format_shows_the_token(fmt: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    jwt = token({"iss": "kaman", "sub": "ci"})
    (tmp_path / "ci.py").write_text(f'KAMAN_TOKEN = "{jwt}"\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["scan", ".", "--format", fmt])
    assert result.exit_code == 1
    assert "KAM005" in result.output
    assert jwt.split(".")[1] not in result.output and jwt.split(".")[2] not in result.output


def test_fix_gives_advice_for_a_token(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "ci.py").write_text(f'KAMAN_TOKEN = "{token({"iss": "kaman"})}"\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["scan", ".", "--fix", "--unsafe-fixes"])
    assert "ci.py:1:16: KAM005 not fixed: revoke the token" in result.stderr
