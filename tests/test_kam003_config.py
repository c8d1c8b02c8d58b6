"""KAM003 settings and sources added in round 2: `shared-key-environments`, Python dicts and
if-blocks, Terraform blocks, and files that do not parse."""

from __future__ import annotations

from pathlib import Path

import pytest

from kaman_lint import engine
from kaman_lint.config import Config, ConfigError, load_config
from tests.fakekeys import fp, leaked, make_key
from tests.tree import write

SHARED = make_key(61)



def kam003(root: Path, config: Config | None = None):
    config = config or Config(select=["KAM003"], project_root=root)
    result = engine.scan([str(root)], config, root=root, jobs=1)
    return result, [f for f in result.findings if f.rule_id == "KAM003"]


def places(findings) -> list[tuple[str, int]]:
    return sorted((f.location.path, f.location.line) for f in findings)


STAGING_AND_PROD = {".env.staging": f"KAMAN_API_KEY={SHARED}\n",
                    ".env.test": f"KAMAN_API_KEY={SHARED}\n",
                    ".env.production": f"KAMAN_API_KEY={SHARED}\n"}


def test_staging_and_test_are_not_compared_by_default(tmp_path: Path) -> None:
    write(tmp_path, STAGING_AND_PROD)
    assert kam003(tmp_path)[1] == []


def test_shared_key_environments_adds_staging_and_test(tmp_path: Path) -> None:
    write(tmp_path, {**STAGING_AND_PROD,
                     ".kaman-lint.toml": 'select = ["KAM003"]\nshared-key-environments = ["staging", "test"]\n'})
    _, findings = kam003(tmp_path, load_config(tmp_path))
    assert places(findings) == [(".env.production", 1)]
    finding = findings[0]
    assert finding.fingerprint == fp(SHARED)
    assert sorted(r.path for r in finding.related) == [".env.staging", ".env.test"]
    assert {r.message for r in finding.related} == {"the same key, configured for staging",
                                                    "the same key, configured for test"}
    assert "staging and test" in finding.message
    assert not leaked(finding.message, [SHARED])


def test_shared_key_environments_can_leave_development_out(tmp_path: Path) -> None:
    write(tmp_path, {".env.development": f"KAMAN_API_KEY={SHARED}\n",
                     ".env.production": f"KAMAN_API_KEY={SHARED}\n",
                     ".kaman-lint.toml": 'shared-key-environments = ["staging"]\n'})
    config = load_config(tmp_path).with_overrides(select=["KAM003"])
    assert kam003(tmp_path, config)[1] == []


@pytest.mark.parametrize(("value", "message"), [
    ('["prod"]', "unknown environment 'prod'"),
    ('["production"]', "production is what the others are compared with"),
    ('"staging"', "must be a list of strings"),
])
def test_shared_key_environments_is_validated(tmp_path: Path, value: str, message: str) -> None:
    write(tmp_path, {".kaman-lint.toml": f"shared-key-environments = {value}\n"})
    with pytest.raises(ConfigError, match=message):
        load_config(tmp_path)


def test_python_dict_by_environment(tmp_path: Path) -> None:
    write(tmp_path, {"app/keys.py": f'KEYS = {{\n    "development": "{SHARED}",\n    "production": "{SHARED}",\n}}\n'})
    assert places(kam003(tmp_path)[1]) == [("app/keys.py", 3)]


def test_python_dict_that_does_not_parse_falls_back_to_names(tmp_path: Path) -> None:
    write(tmp_path, {"app/keys.py": f'KEYS = {{\n    "development": "{SHARED}",\n    "production": "{SHARED}",\n'
                                    'BROKEN = """never closed\n'})
    result, findings = kam003(tmp_path)
    assert places(findings) == [("app/keys.py", 3)]
    assert any(n.kind == "parse-error" and n.path == "app/keys.py" for n in result.notices)


def test_yaml_that_does_not_parse_is_still_checked(tmp_path: Path) -> None:
    write(tmp_path, {"config/kaman.yml": f"development:\n  key: {SHARED}\n\t bad: [\nproduction:\n  key: '{SHARED}\n"})
    assert places(kam003(tmp_path)[1]) == [("config/kaman.yml", 5)]


def test_terraform_locals_by_environment(tmp_path: Path) -> None:
    write(tmp_path, {"infra/main.tf": 'locals {\n  keys = {\n'
                                      f'    dev  = "{SHARED}"\n    prod = "{SHARED}"\n  }}\n}}\n'})
    assert places(kam003(tmp_path)[1]) == [("infra/main.tf", 4)]
