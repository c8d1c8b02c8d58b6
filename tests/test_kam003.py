"""KAM003 shared-dev-prod-key: across files, in any order, in and out of the process pool,
through every report format, with git-ignored files and with files that do not parse."""

from __future__ import annotations

import json
import random
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from kaman_lint import engine, forked_pool
from kaman_lint.cli import main
from kaman_lint.config import Config
from kaman_lint.facts import ProjectFacts
from kaman_lint.findings import Severity
from kaman_lint.report import render
from kaman_lint.rules import all_rules
from kaman_lint.rules.kam003 import SharedDevProdKey
from tests.fakekeys import fp, leaked, make_key
from tests.tree import write

SHARED = make_key(31)
OTHER = make_key(32)



def kam003(root: Path, config: Config | None = None, **kwargs):
    config = config or Config(select=["KAM003"], project_root=root)
    result = engine.scan([str(root)], config, root=root, **kwargs)
    return result, [f for f in result.findings if f.rule_id == "KAM003"]


def places(findings) -> list[tuple[str, int]]:
    return sorted((f.location.path, f.location.line) for f in findings)


def test_reports_the_production_side_with_development_related(tmp_path: Path) -> None:
    write(tmp_path, {
        ".env.development": f"KAMAN_API_KEY={SHARED}\n",
        "settings/dev.py": f'KAMAN_API_KEY = "{SHARED}"\n',
        ".env.production": f"PORT=80\nKAMAN_API_KEY={SHARED}\n",
    })
    _, findings = kam003(tmp_path)
    assert places(findings) == [(".env.production", 2)]
    finding = findings[0]
    assert finding.severity is Severity.ERROR
    assert finding.fingerprint == fp(SHARED)
    assert sorted((r.path, r.line) for r in finding.related) == [(".env.development", 1), ("settings/dev.py", 1)]
    assert all(r.message for r in finding.related)
    assert ".env.development:1" in finding.message and "settings/dev.py:1" in finding.message
    assert not leaked(finding.message, [SHARED])


def test_different_keys_and_one_environment_are_not_reported(tmp_path: Path) -> None:
    write(tmp_path, {
        ".env.development": f"KAMAN_API_KEY={OTHER}\n",
        ".env.production": f"KAMAN_API_KEY={SHARED}\n",
        "config/production.json": f'{{"kaman": {{"apiKey": "{SHARED}"}}}}\n',
        ".env": f"KAMAN_API_KEY={make_key(33)}\n",
    })
    assert kam003(tmp_path)[1] == []


@pytest.mark.parametrize("other", [".env.staging", ".env.test", ".env.example", "docs/dev.md"])
def test_staging_test_and_documents_do_not_count_as_development(tmp_path: Path, other: str) -> None:
    write(tmp_path, {other: f"KAMAN_API_KEY={SHARED}\n", ".env.production": f"KAMAN_API_KEY={SHARED}\n"})
    assert kam003(tmp_path)[1] == []


def test_result_does_not_depend_on_the_order_of_files(tmp_path: Path) -> None:
    write(tmp_path, {
        ".env": f"KAMAN_API_KEY={SHARED}\n",
        ".env.production": f"KAMAN_API_KEY={SHARED}\n",
        "deploy/prod/values.yaml": f"kaman:\n  apiKey: {SHARED}\n",
        "config.py": f'class DevelopmentConfig:\n    KEY = "{OTHER}"\nclass ProductionConfig:\n    KEY = "{OTHER}"\n',
    })
    context = engine.Context(Config(select=["KAM003"]), engine.Project.detect(tmp_path),
                             (SharedDevProdKey(),), engine.KeyMatcher())
    outcomes = [engine.analyze_path(str(p), p.relative_to(tmp_path).as_posix(), context)
                for p in sorted(tmp_path.rglob("*")) if p.is_file()]
    refs = [ref for outcome in outcomes for ref in outcome.key_refs]

    def run(order) -> list:
        return sorted((f.location, f.message, tuple(sorted(f.related)))
                      for f in SharedDevProdKey().finish(ProjectFacts(str(tmp_path), list(order))))

    expected = run(refs)
    assert [loc.path for loc, _, _ in expected] == [".env.production", "config.py", "deploy/prod/values.yaml"]
    for seed in range(5):
        shuffled = refs[:]
        random.Random(seed).shuffle(shuffled)
        assert run(shuffled) == expected


def test_process_pool_gives_the_same_findings_as_in_process(tmp_path: Path, monkeypatch) -> None:
    files = {f"svc{i}/.env.{'production' if i % 2 else 'development'}": f"KAMAN_API_KEY={make_key(40 + i // 4)}\n"
             for i in range(12)}
    files.update({f"pad/file{i}.txt": "no keys here\n" for i in range(20)})
    write(tmp_path, files)
    _, in_process = kam003(tmp_path, jobs=1)
    pools = []
    imap = forked_pool.imap
    monkeypatch.setattr(forked_pool, "imap", lambda *args: pools.append(args) or imap(*args))
    monkeypatch.setattr(engine, "POOL_THRESHOLD", 2)
    monkeypatch.setattr(engine, "CHUNK", 3)
    _, pooled = kam003(tmp_path, jobs=2)
    assert pools, "the scan did not use the process pool"
    assert len(in_process) == 6  # every production file shares its key with a development one
    assert pooled == in_process


def test_json_and_sarif_carry_the_related_locations(tmp_path: Path) -> None:
    write(tmp_path, {".env.development": f"KAMAN_API_KEY={SHARED}\n",
                     ".env.production": f"KAMAN_API_KEY={SHARED}\n"})
    result, _ = kam003(tmp_path)
    as_json = render("json", result, all_rules(), cwd=str(tmp_path))
    as_sarif = render("sarif", result, all_rules())
    finding = json.loads(as_json)["findings"][0]
    assert (finding["rule_id"], finding["severity"]) == ("KAM003", "error")
    assert [r["path"] for r in finding["related"]] == [".env.development"]
    sarif_result = json.loads(as_sarif)["runs"][0]["results"][0]
    related = sarif_result["relatedLocations"][0]
    assert related["physicalLocation"]["artifactLocation"]["uri"] == ".env.development"
    assert related["message"]["text"]
    for fmt in ("text", "json", "sarif", "github", "gitlab"):
        assert not leaked(render(fmt, result, all_rules()), [SHARED]), fmt


def test_python_that_does_not_parse_is_still_checked(tmp_path: Path) -> None:
    write(tmp_path, {
        "settings/dev.py": f'KAMAN_API_KEY = "{SHARED}"\n',
        "settings/prod.py": f'KAMAN_API_KEY = "{SHARED}"\nBROKEN = """never closed\n',
    })
    result, findings = kam003(tmp_path)
    assert places(findings) == [("settings/prod.py", 1)]
    assert any(n.kind == "parse-error" and n.path == "settings/prod.py" for n in result.notices)


def test_toml_that_does_not_parse_keeps_its_sections(tmp_path: Path) -> None:
    write(tmp_path, {"app.toml": f'[development]\nkey = "{SHARED}"\n[production]\nkey = "{SHARED}"\nbad = \n'})
    result, findings = kam003(tmp_path)
    assert places(findings) == [("app.toml", 4)]
    assert any(n.kind == "parse-error" for n in result.notices)


def test_environments_config_overrides_the_guess(tmp_path: Path) -> None:
    write(tmp_path, {
        "deploy/blue/app.env": f"KAMAN_API_KEY={SHARED}\n",
        ".env.development": f"KAMAN_API_KEY={SHARED}\n",
        ".env.production": f"KAMAN_API_KEY={OTHER}\n",
        "deploy/demo.env": f"KAMAN_API_KEY={OTHER}\n",
    })
    assert kam003(tmp_path)[1] == []
    config = Config(select=["KAM003"], project_root=tmp_path,
                    environments={"deploy/blue/**": "production", "deploy/demo.env": "development"})
    assert places(kam003(tmp_path, config)[1]) == [(".env.production", 1), ("deploy/blue/app.env", 1)]


# -- git-ignored local env files: --no-ignore and the `no-ignore` config key ---------------------

@pytest.fixture
def repo_with_ignored_dev_env(tmp_path: Path) -> Path:
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    return write(tmp_path, {
        ".gitignore": ".env.development\n",
        ".env.development": f"KAMAN_API_KEY={SHARED}\n",
        ".env.production": f"KAMAN_API_KEY={SHARED}\n",
    })


def cli_kam003(root: Path, *args: str) -> list[tuple[str, int]]:
    result = CliRunner().invoke(main, ["scan", str(root), "--select", "KAM003", "--format", "json",
                                       "--exit-zero", *args])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    return sorted((f["path"], f["line"]) for f in report["findings"])


def test_git_ignored_dev_file_is_skipped_by_default(repo_with_ignored_dev_env: Path, monkeypatch) -> None:
    monkeypatch.chdir(repo_with_ignored_dev_env)
    assert cli_kam003(repo_with_ignored_dev_env) == []


def test_no_ignore_flag_includes_git_ignored_files(repo_with_ignored_dev_env: Path, monkeypatch) -> None:
    monkeypatch.chdir(repo_with_ignored_dev_env)
    assert cli_kam003(repo_with_ignored_dev_env, "--no-ignore") == [(".env.production", 1)]


def test_no_ignore_config_key_includes_git_ignored_files(repo_with_ignored_dev_env: Path, monkeypatch) -> None:
    write(repo_with_ignored_dev_env, {".kaman-lint.toml": "no-ignore = true\n"})
    monkeypatch.chdir(repo_with_ignored_dev_env)
    assert cli_kam003(repo_with_ignored_dev_env) == [(".env.production", 1)]


def test_rule_docs_have_every_section() -> None:
    from kaman_lint.rules.base import DOC_SECTIONS

    assert list(SharedDevProdKey.sections()) == list(DOC_SECTIONS)
    assert "Rotate" in SharedDevProdKey.sections()["How to fix"]


def test_python_string_labels_keep_their_leading_letters():
    # `"buffer"` is not `"buf"`-prefixed: str.strip with prefix letters used to eat them.
    from kaman_lint.lang.python_sections import string_contents

    assert string_contents('"buffer_key"') == "buffer_key"
    assert string_contents("rb'uat'") == "uat"
    assert string_contents('"""fub"""') == "fub"


def test_python_dict_key_names_a_literal_whole():
    from fakekeys import fp, make_key

    from kaman_lint import lang
    from kaman_lint.facts import FileFacts
    from kaman_lint.keys import KeyMatcher
    from kaman_lint.source import Source

    key = make_key(950)
    facts = FileFacts(Source("settings.py", f'KEYS = {{"buffer": {{"ubkey": "{key}"}}}}\n', "python"))
    lang.analyze(facts, KeyMatcher())
    [lit] = facts.literals
    assert lit.key.fingerprint == fp(key)
    assert (lit.name, lit.section) == ("ubkey", ("KEYS", "buffer"))


def test_a_bracket_is_not_named_by_the_statement_before_it(monkeypatch):
    # `PRODUCTION = settings` then `{...}`: the braces are no value of PRODUCTION (the label
    # looked back past the end of the logical line and put them in a production section).
    from fakekeys import make_key

    from kaman_lint import lang
    from kaman_lint.lang import python

    monkeypatch.setattr(python, "MAX_CUT_TEXT", -1)  # tokenized whole, as a long module is
    from kaman_lint.facts import FileFacts
    from kaman_lint.keys import KeyMatcher
    from kaman_lint.source import Source

    text = f'PRODUCTION = settings\n{{"api_key": "{make_key(951)}"}}\n'
    facts = FileFacts(Source("settings.py", text, "python"))
    lang.analyze(facts, KeyMatcher())
    [lit] = facts.literals
    assert lit.section == ()


def test_related_locations_are_capped_and_the_message_counts_them_all(tmp_path: Path) -> None:
    from kaman_lint.rules.kam003 import MAX_RELATED

    write(tmp_path, {".env.development": f"KAMAN_API_KEY={SHARED}\n" * (MAX_RELATED + 5),
                     ".env.production": f"KAMAN_API_KEY={SHARED}\n" * 3})
    _, findings = kam003(tmp_path)
    assert places(findings) == [(".env.production", 1), (".env.production", 2), (".env.production", 3)]
    for finding in findings:
        assert len(finding.related) == MAX_RELATED
        assert f"and {MAX_RELATED + 5 - 2} more" in finding.message
