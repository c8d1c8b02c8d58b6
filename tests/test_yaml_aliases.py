"""YAML anchors, aliases and merge keys: each alias that repeats a key literal becomes a key-free
occurrence at the alias line (lang/yaml.py), which KAM003 judges by the alias site."""

from __future__ import annotations

from pathlib import Path

from kaman_lint import engine
from kaman_lint.config import Config
from kaman_lint.environments import of_literals
from kaman_lint.facts import ALIAS_REFS, KEY_ALIASES, FileFacts, KeyAlias
from kaman_lint.keys import KeyMatcher
from kaman_lint.lang import yaml
from kaman_lint.source import Source
from tests.fakekeys import fp, leaked, make_key

DEV = make_key(51)
PROD = make_key(52)


def analyzed(text: str, relpath: str = "config/kaman.yml") -> FileFacts:
    facts = FileFacts(Source(relpath, text, "yaml"))
    yaml.analyze(facts, KeyMatcher())
    return facts


def aliases(text: str, relpath: str = "config/kaman.yml") -> list[KeyAlias]:
    return analyzed(text, relpath).extra.get(KEY_ALIASES, [])


def sites(found: list[KeyAlias]) -> list[tuple[int, tuple[str, ...], str | None]]:
    return [(a.line, a.section, a.name) for a in found]


def scan(root: Path, files: dict[str, str], rules: list[str] | None = None):
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    config = Config(select=rules or ["KAM003"], project_root=root)
    return engine.scan([str(root)], config, root=root, jobs=1)


def test_a_merge_repeats_the_anchored_mapping_under_the_merging_section() -> None:
    found = aliases(f"defaults: &defaults\n  api_key: {DEV}\n"
                    "development:\n  <<: *defaults\nproduction:\n  <<: *defaults\n")
    assert sites(found) == [(4, ("development",), "api_key"), (6, ("production",), "api_key")]
    assert {a.fingerprint for a in found} == {fp(DEV)}
    assert all(a.column == 7 and a.context == "alias" for a in found)


def test_a_value_alias_of_a_scalar_takes_the_aliasing_setting() -> None:
    found = aliases(f'development:\n  kaman:\n    api_key: &k "{DEV}"\n'
                    "production:\n  kaman:\n    token: *k  # same key\n")
    assert sites(found) == [(6, ("production", "kaman"), "token")]


def test_a_value_alias_of_a_mapping_keeps_the_path_inside_it() -> None:
    found = aliases(f"dev_kaman: &kaman\n  auth:\n    api_key: {DEV}\n"
                    "production:\n  kaman: *kaman\n")
    assert sites(found) == [(5, ("production", "kaman", "auth"), "api_key")]


def test_list_item_aliases_and_block_sequence_anchors() -> None:
    found = aliases(f"dev_keys: &keys\n- {DEV}\nproduction:\n  keys:\n  - *keys\n"
                    f"  single:\n  - &one {PROD}\nstaging:\n  - *one\n")
    assert [(a.line, a.section, a.fingerprint) for a in found] == [
        (5, ("production", "keys"), fp(DEV)), (9, ("staging",), fp(PROD))]


def test_keys_the_merging_mapping_sets_itself_win_over_merged_ones() -> None:
    text = (f"default: &default\n  api_key: {DEV}\n  timeout: 5\n"
            "production:\n  api_key: <%= ENV['KAMAN_API_KEY'] %>\n  <<: *default\n"
            "staging:\n  <<: *default\n  api_key: from-vault\n"
            "test:\n  <<: *default\n  nested:\n    api_key: not-a-sibling\n")
    assert sites(aliases(text)) == [(11, ("test",), "api_key")]


def test_a_merge_is_shallow_a_nested_mapping_set_here_replaces_the_merged_one() -> None:
    text = (f"base: &base\n  kaman:\n    api_key: {DEV}\n"
            "production:\n  <<: *base\n  kaman:\n    region: eu\n")
    assert aliases(text) == []


def test_in_a_merge_list_the_earlier_anchor_wins() -> None:
    text = (f"dev: &dev\n  api_key: {DEV}\nprod: &prod\n  api_key: {PROD}\n"
            "first_prod:\n  <<: [*prod, *dev]\nfirst_dev:\n  <<: [ *dev , *prod ]\n")
    assert [(a.line, a.fingerprint) for a in aliases(text)] == [(6, fp(PROD)), (8, fp(DEV))]


def test_merge_in_a_list_item_mapping() -> None:
    text = (f"defaults: &d\n  api_key: {DEV}\nenvironments:\n"
            "- name: staging\n  <<: *d\n- <<: *d\n  name: production\n  api_key: other\n")
    assert sites(aliases(text)) == [(5, ("environments",), "api_key")]


def test_chains_of_anchors_resolve() -> None:
    text = (f"kaman: &kaman\n  api_key: {DEV}\ndevelopment: &development\n  <<: *kaman\n"
            "  debug: true\nproduction:\n  <<: *development\n")
    assert sites(aliases(text)) == [(4, ("development",), "api_key"), (7, ("production",), "api_key")]


def test_flow_mappings() -> None:
    text = (f"dev: &dev {{api_key: {DEV}}}\nproduction: {{<<: *dev, region: eu}}\n"
            f"single: &s {PROD}\nstaging: {{token: *s}}\n")
    assert sites(aliases(text)) == [(2, ("production",), "api_key"), (4, ("staging",), "token")]


def test_anchors_stay_in_their_document_and_must_come_first() -> None:
    text = (f"production:\n  api_key: *k\n---\ndev:\n  api_key: &k {DEV}\n---\n"
            "production:\n  api_key: *k\n")
    assert aliases(text) == []


def test_the_latest_anchor_of_a_name_wins() -> None:
    text = (f"a: &k {DEV}\nb: &k {PROD}\nproduction:\n  api_key: *k\n")
    assert [a.fingerprint for a in aliases(text)] == [fp(PROD)]


def test_what_is_not_an_alias_or_holds_no_key_gives_nothing() -> None:
    text = (f"dev: &dev\n  # old: {PROD}\n  api_key: \"*dev\"\n  cron: '*/5 * * * *'\n"
            "  note: see &dev and *dev  # *dev\n"
            "empty: &empty\nprod:\n  <<: *empty\n  self: &loop\n    again: *loop\n"
            "  unknown: *nowhere\n  key_anchor:\n  - &named api_key: value\n  - *named\n")
    assert aliases(text) == []  # the only key is in a comment, which configures nothing


def test_broken_yaml_still_resolves_what_it_can() -> None:
    text = (f"dev: &dev\n\tapi_key: {DEV}\n  : : [unclosed\n"
            "production:\n  <<: *dev\n  - stray: {\n  <<: [*dev\n")
    found = aliases(text)
    assert [a.line for a in found] == [5, 7]
    assert [lit.line for lit in analyzed(text).literals] == [2]


def test_aliases_carry_no_key_text() -> None:
    found = aliases(f"dev: &dev\n  api_key: {DEV}\nprod:\n  <<: *dev\n")
    assert found and not leaked(repr(found), [DEV])


def test_the_alias_site_decides_the_environment() -> None:
    text = (f"defaults: &defaults\n  api_key: {DEV}\n"
            "jobs:\n  deploy:\n    environment: production\n    variables:\n      <<: *defaults\n")
    facts = analyzed(text, ".gitlab-ci.yml")
    found = facts.extra[KEY_ALIASES]
    assert of_literals(facts, Config(), found) == ["production"]
    assert of_literals(facts, Config()) == [None]  # the anchored literal itself stays neutral


def test_kam003_reports_the_production_alias_site(tmp_path: Path) -> None:
    result = scan(tmp_path, {"config/app.yaml": (
        f"defaults: &defaults\n  kaman_api_key: {DEV}\ndevelopment:\n  <<: *defaults\n"
        "staging:\n  <<: *defaults\nproduction:\n  <<: *defaults  # kaman prod\n")})
    [finding] = result.findings
    where = finding.location
    assert (where.path, where.line, where.column) == ("config/app.yaml", 8, 7)
    assert [(r.path, r.line) for r in finding.related] == [("config/app.yaml", 4)]
    assert "YAML alias" in finding.message and not leaked(finding.message, [DEV])
    assert finding.fingerprint == fp(DEV)


def test_a_production_literal_aliased_in_development(tmp_path: Path) -> None:
    result = scan(tmp_path, {"config/secrets.yml": (
        f"production:\n  api_key: &live {PROD}\ndevelopment:\n  api_key: *live\n")})
    assert [(f.location.line, [r.line for r in f.related]) for f in result.findings] == [(2, [4])]


def test_aliases_feed_kam003_only(tmp_path: Path) -> None:
    files = {"config/app.yaml": (f"defaults: &d\n  api_key: {DEV}\n"
                                 "development:\n  <<: *d\nproduction:\n  <<: *d\n")}
    result = scan(tmp_path, files, ["KAM001", "KAM002", "KAM003"])
    assert sorted((f.rule_id, f.location.line) for f in result.findings) == [("KAM001", 2), ("KAM003", 6)]
    outcome = engine.analyze_bytes("config/app.yaml", files["config/app.yaml"].encode(),
                                   engine.Context(Config(), engine.Project.detect(tmp_path),
                                                  engine.enabled_rules(Config()), KeyMatcher()))
    assert [r.location.line for r in outcome.key_refs] == [2]  # what KAM002 reads: literals only
    assert [r.location.line for r in outcome.shared[ALIAS_REFS]] == [4, 6]
    assert not leaked(repr(outcome), [DEV])


def test_suppressed_on_the_alias_line(tmp_path: Path) -> None:
    result = scan(tmp_path, {"config/app.yaml": (
        f"defaults: &d\n  api_key: {DEV}\ndevelopment:\n  <<: *d\nproduction:\n"
        "  # kaman-lint: ignore[KAM003] -- rotated on deploy\n  <<: *d\n")})
    assert result.findings == []


def test_aliases_within_the_keys_own_environment_add_no_finding(tmp_path: Path) -> None:
    result = scan(tmp_path, {
        ".env.development": f"KAMAN_API_KEY={DEV}\n",
        "docker-compose.prod.yml": (f"x-kaman: &kaman\n  KAMAN_API_KEY: {DEV}\nservices:\n"
                                    "  api:\n    environment:\n      <<: *kaman\n"
                                    "  worker:\n    environment:\n      <<: *kaman\n")})
    assert [(f.location.path, f.location.line) for f in result.findings] == [("docker-compose.prod.yml", 2)]


def test_a_chain_through_the_keys_own_environment_still_carries_it(tmp_path: Path) -> None:
    result = scan(tmp_path, {"config/kaman.yml": (
        f"base: &base\n  api_key: {DEV}\ncommon: &common\n  <<: *base\n"
        "development:\n  <<: *common\nproduction:\n  <<: *common\n")})
    assert [(f.location.line, [r.line for r in f.related]) for f in result.findings] == [(8, [6])]


def test_nested_aliases_stay_bounded() -> None:
    """"Billion laughs": each level repeats the one below three times."""
    levels = [f"l0: &l0\n  api_key: {DEV}\n"]
    levels += [f"l{i}: &l{i}\n  a: *l{i - 1}\n  b: *l{i - 1}\n  c: *l{i - 1}\n" for i in range(1, 40)]
    found = aliases("".join(levels) + "production:\n  <<: *l39\n")
    assert 0 < len(found) <= yaml.MAX_PER_FILE
    assert len([a for a in found if a.line == found[-1].line]) <= yaml.MAX_PER_ALIAS
