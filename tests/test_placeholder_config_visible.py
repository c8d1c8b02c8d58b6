"""A `placeholders` regex is the repository's own word for which values are fake keys, and a
pull request can write one for its own real key (eight characters of its body match no random
key, so the check for patterns that match random keys lets it through). What such a pattern
hides is therefore reported as suppressed, like per-file-ignores (issue 10 §2): counted in the
summary, listed in JSON `suppressed`, a SARIF result with an `external` suppression naming the
pattern; it does not fail the run. Built-in placeholders (`kam_your_api_key`) stay silent."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from kaman_lint.cli import main
from tests.fakekeys import fp, leaked, make_key

KEY = make_key(9701)


@pytest.fixture
def tree(tmp_path: Path, monkeypatch) -> Path:
    (tmp_path / "app.py").write_text(f'KEY = "{KEY}"\nDOC = "kam_your_api_key_here"\n')
    (tmp_path / ".kaman-lint.toml").write_text(f'placeholders = ["{KEY[4:12]}"]\n')
    monkeypatch.chdir(tmp_path)
    return tmp_path


def run(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def test_a_key_a_placeholders_pattern_hides_is_counted_as_suppressed(tree):
    result = run("scan", ".")
    assert result.exit_code == 0
    assert "1 suppressed" in result.output.splitlines()[-1]
    assert not leaked(result.output, [KEY])


def test_json_and_sarif_name_the_pattern(tree):
    report = json.loads(run("scan", "--format", "json", ".").output)
    assert report["findings"] == []
    assert [(s["rule_id"], s["fingerprint"]) for s in report["suppressed"]] == [("KAM001", fp(KEY))]
    assert "placeholders" in json.dumps(report["suppressed"])
    sarif = json.loads(run("scan", "--format", "sarif", ".").output)
    results = sarif["runs"][0]["results"]
    assert [r["suppressions"][0]["kind"] for r in results] == ["external"]
    assert "placeholders" in results[0]["suppressions"][0]["justification"]
    assert not leaked(json.dumps(sarif), [KEY])


def test_without_the_pattern_the_key_fails_the_gate(tree):
    (tree / ".kaman-lint.toml").write_text("")
    assert run("scan", ".").exit_code == 1


def test_a_pinned_config_from_the_command_line_drops_the_pattern(tree, tmp_path_factory):
    trusted = tmp_path_factory.mktemp("ci") / "trusted.toml"
    trusted.write_text("")
    assert run("scan", "--config", str(trusted), ".").exit_code == 1


def test_the_detect_secrets_plugin_still_passes_over_the_projects_fake_keys(tmp_path, monkeypatch):
    # the plugin answers detect-secrets, which has no "suppressed": a configured placeholder is
    # not a secret there, as before (the scan reports it as suppressed instead)
    from kaman_lint.detect_secrets import plugin

    fake = KEY[:10] + "FIXTURE" + KEY[17:]
    (tmp_path / ".kaman-lint.toml").write_text('placeholders = ["FIXTURE"]\n')
    monkeypatch.chdir(tmp_path)
    plugin._matcher.cache_clear()
    try:
        detector = plugin.KamanApiKeyDetector()
        assert list(detector.analyze_string(f'K = "{fake}"')) == []
        assert sum(1 for _ in detector.analyze_string(f'K = "{KEY}"')) == 1  # counted: no key in a failure
    finally:
        plugin._matcher.cache_clear()
