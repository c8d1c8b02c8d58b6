"""Shared inputs for the reporter tests: two fake rules and hand-built scan results.

The real rule classes are written elsewhere; these stand-ins only need the declaration that
`kaman_lint.rules.base.Rule` documents. No value here is a key: findings carry fingerprints
and redacted previews only.
"""

from __future__ import annotations

import os
import re
from datetime import datetime, timezone
from pathlib import Path

from kaman_lint import report
from kaman_lint.findings import Finding, Location, Notice, ScanResult, Severity
from kaman_lint.rules.base import Rule

GOLDEN = Path(__file__).parent / "golden"
SHARED_TOOLS = Path(__file__).resolve().parents[1].parent / "shared" / "tools"
NOW = datetime(2026, 1, 2, 3, 4, 5, tzinfo=timezone.utc)
ROOT = "/home/ci/my repo"

# `kam_` plus 5 or more key characters: more than any output may show.
WHOLE_KEY = re.compile(r"kam_[A-Za-z0-9_\-]{5,}")
PLACEHOLDER_BODIES = re.compile(r"kam_(your_api_key(_here)?|abc123xyz|xxx)(?![A-Za-z0-9_\-])")


class FakeHardcodedKey(Rule):
    """Kaman API key hard-coded in a file.

    ## What it flags
    A real-looking Kaman key literal (`kam_` followed by a key body) in any scanned file.

    ## Why is this bad?
    Anyone who can read the file can call the Kaman API as you.

    ## Example
    ```python
    KAMAN_KEY = "kam_your_api_key"
    ```

    ## Use instead
    ```python
    KAMAN_KEY = os.environ["KAMAN_API_KEY"]
    ```

    ## How to fix
    Remove the literal, rotate the key, and read it from the environment.

    ## Suppressing
    `# kaman-lint: ignore[KAM001] -- reason`
    """

    id = "KAM001"
    name = "hardcoded-api-key"
    severity = Severity.ERROR
    security_severity = "9.5"
    tags = ("security", "secrets")
    cwe = ("CWE-798",)


class FakeSharedKey(Rule):
    """Same Kaman API key configured for development and production.

    ## What it flags
    One key value configured for a development and a production environment.

    ## Why is this bad?
    A leak from a laptop becomes a production incident.

    ## Example
    `.env.development` and `.env.production` both set `KAMAN_API_KEY` to the same value.

    ## Use instead
    A separate key per environment.

    ## How to fix
    Create a new production key, deploy it, then rotate the shared one.

    ## Suppressing
    `# kaman-lint: ignore[KAM003] -- reason`
    """

    id = "KAM003"
    name = "shared-dev-prod-key"
    severity = Severity.WARNING
    security_severity = "5.0"
    precision = "medium"
    tags = ("security", "secrets")
    cwe = ("798",)


RULES = (FakeSharedKey, FakeHardcodedKey)  # deliberately not in id order

FP_A = "3f2a9c0d1e4b5a6c"
FP_B = "9b8c7d6e5f4a3b2c"
ODD_PATH = "my app/配置 ü.env"  # a space and non-ASCII characters


def sample_result() -> ScanResult:
    """Three findings over two rules (one with related locations), two notices, unsorted."""
    shared = Finding(
        "KAM003", Severity.WARNING,
        Location("config/prod.env", 2, 15, 2, 51),
        "The same Kaman key is configured for development and production.",
        FP_A, "kam_Ab3d…",
        related=(
            Location("docker-compose.yml", 8, 22, message="Development-side occurrence (service web-dev)"),
            Location("config/dev.env", 5, 15, 5, 51, message="Development-side occurrence"),
        ),
    )
    literal = Finding(
        "KAM001", Severity.ERROR, Location("src/app.py", 12, 16, 12, 52),
        "Kaman API key hard-coded in a string literal; read it from the environment instead.",
        FP_A, "kam_Ab3d…",
    )
    odd = Finding(
        "KAM001", Severity.ERROR, Location(ODD_PATH, 3, 14),
        "Kaman API key hard-coded in an env file that is committed.",
        FP_B, "kam_Zz9y…",
    )
    notices = [
        Notice("parse-error", "could not parse as JavaScript; scanned as text", "web/broken.js", 3),
        Notice("stale-baseline", "2 baseline entries no longer match any finding"),
        Notice("unreadable", "cannot read: Permission denied", "secrets/locked.env"),
        Notice("binary", "binary file skipped", "img/logo.png"),
    ]
    return ScanResult(findings=[shared, odd, literal], notices=notices, files_scanned=7, root=ROOT)


def render(fmt: str, result: ScanResult, rules, **options) -> str:
    """`report.render` as if run from the scan root (the usual case: paths are not rebased)."""
    options.setdefault("cwd", result.root)
    return report.render(fmt, result, rules, **options)


def empty_result() -> ScanResult:
    return ScanResult(files_scanned=3, root=ROOT)


def leaked_keys(text: str) -> list[str]:
    """Anything in `text` shaped like a whole key (placeholders excepted)."""
    return [m.group() for m in WHOLE_KEY.finditer(text) if not PLACEHOLDER_BODIES.match(text, m.start())]


def check_golden(name: str, text: str) -> None:
    """Compare with tests/golden/NAME; `UPDATE_GOLDEN=1` rewrites it instead."""
    path = GOLDEN / name
    data = text.encode("utf-8")
    if os.environ.get("UPDATE_GOLDEN"):
        path.parent.mkdir(exist_ok=True)
        path.write_bytes(data)
    assert path.exists(), f"missing golden file {path}; run with UPDATE_GOLDEN=1"
    assert data == path.read_bytes(), f"{name} differs from its golden file; rerun with UPDATE_GOLDEN=1 if intended"


def test_fake_rules_have_the_documented_sections():
    for rule in RULES:
        assert list(rule.sections()) == [
            "What it flags", "Why is this bad?", "Example", "Use instead", "How to fix", "Suppressing",
        ]


def test_sample_data_holds_no_key():
    assert not leaked_keys(repr(sample_result()))
