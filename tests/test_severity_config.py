"""A team's own severities (`severity` config) with `fail-on`: warnings need not fail a gate."""

import json

import pytest
from click.testing import CliRunner

from fakekeys import make_key
from kaman_lint.cli import main
from kaman_lint.config import ConfigError, load_config

def project(tmp_path, config: str):
    (tmp_path / ".kaman-lint.toml").write_text(config)
    (tmp_path / "settings.py").write_text(f'KAMAN_API_KEY = "{make_key(1)}"\n')
    return tmp_path

def scan(tmp_path, *args):
    result = CliRunner().invoke(main, ["scan", str(tmp_path), "--format", "json", *args])
    return result.exit_code, json.loads(result.stdout)

def test_configured_severity_is_reported(tmp_path):
    code, report = scan(project(tmp_path, '[severity]\nKAM001 = "warning"\n'))
    assert code == 1  # default fail-on: any finding
    assert [f["severity"] for f in report["findings"]] == ["warning"]

def test_fail_on_error_lets_warnings_pass_the_gate(tmp_path):
    # one rule lowered is a team's choice; every rule lowered is a gate that cannot fail
    # (test_config_silent_passes)
    code, report = scan(project(tmp_path, 'fail-on = "error"\n[severity]\nKAM001 = "warning"\n'))
    assert code == 0 and len(report["findings"]) == 1

def test_fail_on_error_still_fails_on_errors(tmp_path):
    code, _ = scan(project(tmp_path, 'fail-on = "error"\n'))
    assert code == 1

def test_longest_prefix_wins(tmp_path):
    config = load_config(project(tmp_path, '[severity]\nKAM = "note"\nKAM001 = "warning"\n'))
    assert config.severity_for("KAM001") == "warning"
    assert config.severity_for("KAM002") == "note"

@pytest.mark.parametrize("body, named", [
    ('[severity]\nKAM001 = "critical"\n', "critical"),
    ('[severity]\nFOO = "error"\n', "FOO"),
    ('fail-on = "fatal"\n', "fatal"),
])
def test_bad_severity_config_names_the_value(tmp_path, body, named):
    (tmp_path / ".kaman-lint.toml").write_text(body)
    with pytest.raises(ConfigError, match=named):
        load_config(tmp_path)
