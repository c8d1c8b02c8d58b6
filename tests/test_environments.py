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


# -- round 2: conventions, examples, names, YAML documents and list items -----------------------

@pytest.mark.parametrize(("relpath", "expected"), [
    (".env.live", PRODUCTION),
    ("settings_live.py", PRODUCTION),
    ("src/live/kaman.ts", None),  # a feature directory, not an environment
    ("infra/live/prod/terraform.tfvars", PRODUCTION),
    ("docker-compose.override.yml", DEVELOPMENT),
    ("compose.override.yaml", DEVELOPMENT),
    (".devcontainer/devcontainer.json", DEVELOPMENT),
    (".env.production.example", None),
    ("config/prod.sample.json", None),
    ("docs/deploy/production.yaml", None),
    ("examples/production/.env", None),
    ("environments/production/terraform.tfvars", PRODUCTION),
    ("src/main/resources/application-prod.yml", PRODUCTION),
])
def test_path_conventions(relpath: str, expected: str | None) -> None:
    assert environments.from_path(relpath) == expected


@pytest.mark.parametrize(("relpath", "base"), [
    ("docker-compose.override.yml", "docker-compose.yml"),
    ("deploy/compose.override.yaml", "deploy/compose.yaml"),
])
def test_compose_override_is_a_variant_of_its_base(relpath: str, base: str) -> None:
    assert environments.base_name(relpath) == base


@pytest.mark.parametrize(("relpath", "language", "expected"), [
    ("config/environments/production.rb", "text", False),  # Ruby has no analyzer: still code
    ("cmd/server/prod.go", "text", False),
    ("notes/prod.txt", "text", True),
    ("README", "text", True),
    ("docs/prod.md", "markdown", True),
    ("config/prod.yaml", "yaml", False),
])
def test_documents(relpath: str, language: str, expected: bool) -> None:
    assert environments.is_document(relpath, language) is expected


def test_production_bases_are_angular_and_compose_only() -> None:
    assert environments.is_production_base("src/environments/environment.ts")
    assert environments.is_production_base("docker-compose.yml")
    assert not environments.is_production_base(".env")
    assert not environments.is_production_base("chart/values.yaml")


def test_a_setting_name_gives_the_environment_only_when_nothing_else_does() -> None:
    key = make_key(6)
    text = f"KAMAN_KEY_DEV={key}\nPROD_KAMAN_KEY={key}\nKAMAN_KEY={key}\nKAMAN_KEY_DEV_OR_PROD={key}\n"
    assert literal_environments(".env", text) == [DEVELOPMENT, PRODUCTION, None, None]
    assert literal_environments("tests/.env", text) == [TEST] * 4


def test_spring_profile_documents() -> None:
    key = make_key(7)
    text = (f"kaman:\n  api-key: {key}\n"
            f"---\nspring:\n  config:\n    activate:\n      on-profile: prod\nkaman:\n  api-key: {key}\n"
            f"---\nspring.profiles: dev\nkaman:\n  api-key: {key}\n")
    assert literal_environments("application.yml", text) == [None, PRODUCTION, DEVELOPMENT]


def test_kubernetes_namespace_covers_only_its_own_document() -> None:
    key = make_key(8)
    text = (f"kind: Secret\nmetadata:\n  namespace: dev\nstringData:\n  KEY: {key}\n---\n"
            f"kind: Secret\nmetadata:\n  namespace: prod\nstringData:\n  KEY: {key}\n")
    assert literal_environments("manifests/secrets.yaml", text) == [DEVELOPMENT, PRODUCTION]


def test_yaml_list_items_named_for_an_environment() -> None:
    key = make_key(9)
    text = (f"targets:\n  - name: development\n    api_key: {key}\n"
            f"  - name: production\n    region: eu\n\n    api_key: {key}\n"
            f"  - name: KAMAN_API_KEY\n    value: {key}\n")
    assert literal_environments("deploy/targets.yml", text) == [DEVELOPMENT, PRODUCTION, None]


def test_yaml_flow_mapping_is_a_section() -> None:
    key = make_key(10)
    text = f"development: {{api_key: {key}}}\nproduction: {{ index: a, api_key: '{key}' }}\n"
    assert literal_environments("deploy/prod/kaman.yml", text) == [DEVELOPMENT, PRODUCTION]


def test_python_dicts_and_if_blocks_are_sections() -> None:
    key = make_key(11)
    text = (
        f'KEYS = {{"development": "{key}", "production": "{key}"}}\n'
        f'CONFIG = dict(\n    dev=dict(api_key="{key}"),\n    prod={{"api_key": "{key}"}},\n)\n'
        f'PRODUCTION: dict = {{"api_key": "{key}"}}\n'
        'import os\n'
        'if os.environ["APP_ENV"] == "production":\n'
        f'    A = "{key}"\n'
        'elif os.environ["APP_ENV"] == "staging":\n'
        f'    A = "{key}"\n'
        'else:\n'
        f'    A = "{key}"\n'
        'if os.getenv("APP_ENV") in ("dev", "local"):\n'
        f'    B = "{key}"\n'
        'else:\n'
        '    if True:\n'
        f'        B = "{key}"\n'
        'for x in []:\n    pass\nelse:\n'
        f'    C = "{key}"\n'
    )
    assert literal_environments("app/settings.py", text) == [
        DEVELOPMENT, PRODUCTION, DEVELOPMENT, PRODUCTION, PRODUCTION,
        PRODUCTION, STAGING, None,  # an else after two branches is not an environment
        DEVELOPMENT, PRODUCTION,
        None,  # a for-else is no if
    ]


def test_terraform_blocks_are_sections() -> None:
    key = make_key(12)
    text = (
        'locals {\n  envs = {\n    development = {\n'
        f'      kaman_api_key = "{key}"\n    }}\n'
        f'    "production" = {{ kaman_api_key = "{key}" }}\n  }}\n}}\n'
        f'module "search_prod" {{\n  key = "{key}"\n}}\n'
        f'# kaman_api_key = "{key}"\n'
    )
    assert literal_environments("main.tf", text) == [DEVELOPMENT, PRODUCTION, PRODUCTION, None]


def test_terraform_with_unbalanced_braces_still_gives_every_key() -> None:
    key = make_key(13)
    text = f'locals {{\n  production = {{\n    key = "{key}"\n}}\n}}\n}}\nkey2 = "{key}" }}\n'
    assert len(literal_environments("broken.tf", text)) == 2


def test_yaml_aliases_take_the_alias_sites_environment_when_it_differs() -> None:
    key = make_key(61)
    text = (f"defaults: &d\n  api_key: {key}\ndevelopment:\n  <<: *d\n"
            f"production:\n  kaman: &prod\n    api_key: {key}\n  again: *prod\n")
    facts = FileFacts(Source("config/kaman.yml", text, "yaml"))
    analyze(facts, KeyMatcher())
    aliases = facts.extra["key-aliases"]
    assert [alias.line for alias in aliases] == [4, 8]
    # line 8 repeats a production literal within production: nothing new
    assert [(alias.line, env) for alias, env in environments.of_aliases(facts, Config(), aliases)] == [
        (4, DEVELOPMENT)]
    configured = Config(environments={"config/**": "production"})
    facts.environment = environments.classify("config/kaman.yml", configured, "yaml")
    assert environments.of_aliases(facts, configured, aliases) == []  # one environment for all
