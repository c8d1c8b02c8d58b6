"""Which environment a file, a section or a key occurrence configures."""

from __future__ import annotations

import pytest

from kaman_lint import environments
from kaman_lint.config import Config
from kaman_lint.environments import DEVELOPMENT, PRODUCTION, STAGING, TEST
from kaman_lint.facts import FileFacts
from kaman_lint.keys import KeyMatcher
from kaman_lint.lang import analyze
from kaman_lint.source import Source, detect_language
from tests.fakekeys import make_key


@pytest.mark.parametrize(("relpath", "expected"), [
    (".env.development", DEVELOPMENT),
    (".env.development.local", DEVELOPMENT),
    (".env.local", DEVELOPMENT),
    (".env.production", PRODUCTION),
    (".env.production.local", PRODUCTION),  # "local" is weaker than a named mode
    (".env.staging", STAGING),
    (".env.test", TEST),
    (".env", None),
    (".env.example", None),
    ("web/settings/dev.py", DEVELOPMENT),
    ("web/settings/prod.py", PRODUCTION),
    ("config/prod.toml", PRODUCTION),
    ("docker-compose.prod.yml", PRODUCTION),
    ("docker-compose.yml", None),
    ("k8s/overlays/production/secret.yaml", PRODUCTION),
    ("terraform/envs/prod/main.tfvars", PRODUCTION),
    ("terraform/prod.tfvars", PRODUCTION),
    ("chart/values-prod.yaml", PRODUCTION),
    ("src/environments/environment.prod.ts", PRODUCTION),
    ("src/environments/environment.ts", None),
    ("appsettings.Development.json", DEVELOPMENT),
    ("deploy/k8s-prod/secret.yaml", PRODUCTION),
    ("tests/fixtures/response.json", TEST),
    (".github/workflows/ci.yml", TEST),
    ("my-app-dev-tools/config.json", None),  # a long directory name is not an environment
    ("deploy/dev-to-prod.yml", None),  # two environments named: ambiguous
    ("devices/kaman.json", None),
])
def test_path_names_the_environment(relpath: str, expected: str | None) -> None:
    assert environments.from_path(relpath) == expected


def test_config_overrides_the_path_guess() -> None:
    config = Config(environments={"deploy/live/**": "production", ".env.production": "staging"})
    assert environments.classify("deploy/live/app.env", config) == PRODUCTION
    assert environments.classify(".env.production", config) == STAGING
    assert environments.classify(".env.development", config) == DEVELOPMENT


def test_documents_configure_no_environment() -> None:
    assert environments.classify("docs/production.md", Config(), "markdown") is None
    assert environments.classify("docs/production.md", Config(environments={"docs/**": "production"}),
                                 "markdown") == PRODUCTION


@pytest.mark.parametrize(("section", "expected"), [
    (("production",), PRODUCTION),
    (("tool", "gateway", "environments", "development"), DEVELOPMENT),
    (("DevelopmentConfig",), DEVELOPMENT),
    (("ProductionConfig",), PRODUCTION),
    (("TestingConfig",), TEST),
    (("production", "kaman"), PRODUCTION),
    (("services", "api", "environment"), None),
    (("Config",), None),
    (("kaman_production_rollout_flags_v2",), None),  # a long name merely mentioning one
])
def test_section_names_the_environment(section: tuple[str, ...], expected: str | None) -> None:
    assert environments.from_section(section) == expected


@pytest.mark.parametrize(("relpath", "base"), [
    (".env.production", ".env"),
    ("app/.env.development", "app/.env"),
    ("src/environments/environment.prod.ts", "src/environments/environment.ts"),
    ("docker-compose.prod.yml", "docker-compose.yml"),
    ("chart/values-dev.yaml", "chart/values.yaml"),
    ("appsettings.Production.json", "appsettings.json"),
    (".env", None),
    ("settings/prod.py", None),
    ("production.json", None),
])
def test_base_name(relpath: str, base: str | None) -> None:
    assert environments.base_name(relpath) == base


def test_base_candidates_include_default_files_for_env_named_files() -> None:
    assert environments.base_candidates("config/production.json") == [
        "config/default.json", "config/base.json", "config/common.json"]
    assert environments.base_candidates("config/app.json") == []


def literal_environments(relpath: str, text: str, config: Config | None = None) -> list[str | None]:
    config = config or Config()
    source = Source(relpath, text, detect_language(relpath, text.split("\n", 1)[0]))
    facts = FileFacts(source)
    facts.environment = environments.classify(relpath, config, source.language)
    analyze(facts, KeyMatcher())
    return environments.of_literals(facts, config)


def test_ci_job_environment_applies_to_its_keys() -> None:
    key = make_key(1)
    workflow = (
        "jobs:\n"
        "  check:\n"
        "    env:\n"
        f"      KAMAN_API_KEY: {key}\n"
        "  ship:\n"
        "    environment: production\n"
        "    steps:\n"
        "      - run: make ship\n"
        "        env:\n"
        f"          KAMAN_API_KEY: {key}\n"
        "  try:\n"
        "    environment:\n"
        "      name: development\n"
        "    env:\n"
        f"      KAMAN_API_KEY: {key}\n"
        "  docs:\n"
        "    environment: ${{ inputs.target }}\n"
        "    env:\n"
        f"      KAMAN_API_KEY: {key}\n"
    )
    assert literal_environments(".github/workflows/release.yml", workflow) == [
        None, PRODUCTION, DEVELOPMENT, None]


def test_kubernetes_namespace_gives_the_documents_environment() -> None:
    manifest = f"kind: Secret\nmetadata:\n  namespace: prod\nstringData:\n  KEY: {make_key(2)}\n"
    assert literal_environments("manifests/secret.yaml", manifest) == [PRODUCTION]


def test_sections_beat_the_path_and_config_beats_sections() -> None:
    key = make_key(3)
    text = f"development:\n  key: {key}\nproduction:\n  key: {key}\n"
    assert literal_environments("config/prod/kaman.yml", text) == [DEVELOPMENT, PRODUCTION]
    config = Config(environments={"config/**": "staging"})
    assert literal_environments("config/prod/kaman.yml", text, config) == [STAGING, STAGING]


def test_a_key_in_a_comment_has_no_environment() -> None:
    text = f"# old: KAMAN_API_KEY={make_key(4)}\nKAMAN_API_KEY={make_key(5)}\n"
    assert literal_environments(".env.production", text) == [None, PRODUCTION]
