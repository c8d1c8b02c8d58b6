"""A pull request that hides its own key in the config (issue 10 §2): `--config FILE` replaces
the repository's config entirely, its globs mean the checkout's paths wherever the file lies,
the README's CI step that takes the config from the base branch works as pasted, and the scan
says which config it used (CI mode or -v)."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from kaman_lint.cli import main

try:
    from fakekeys import fp, leaked, make_key
except ImportError:  # tests/ imported as a package
    from tests.fakekeys import fp, leaked, make_key

KEY, DOC_KEY = make_key(8601), make_key(8602)
README = Path(__file__).resolve().parent.parent / "README.md"
BIN = Path(sys.executable).parent


def run(*args: str, env: dict | None = None):
    return CliRunner().invoke(main, list(args), env=env, catch_exceptions=False)


@pytest.fixture
def repo(tmp_path: Path, monkeypatch) -> Path:
    """A checkout whose own config (changed by the pull request) hides its key."""
    root = tmp_path / "repo"
    (root / "docs").mkdir(parents=True)
    (root / "app.py").write_text(f'KEY = "{KEY}"\n')
    (root / "docs" / "example.md").write_text(f"KAMAN_API_KEY={DOC_KEY}\n")
    (root / ".kaman-lint.toml").write_text('extend-exclude = ["app.py"]\n[per-file-ignores]\n"docs/**" = ["KAM001"]\n')
    (root / "pyproject.toml").write_text('[tool.kaman-lint]\nignore = ["KAM001"]\n')
    monkeypatch.chdir(root)
    return root


def findings(result) -> dict[str, list[str]]:
    report = json.loads(result.stdout)
    return {"open": sorted(f["fingerprint"] for f in report["findings"]),
            "suppressed": sorted(f["fingerprint"] for f in report["suppressed"])}


def test_an_explicit_config_replaces_the_repositorys_and_its_globs_mean_the_checkout(repo, tmp_path):
    trusted = tmp_path / "trusted" / "kaman-lint.toml"  # e.g. $RUNNER_TEMP, outside the checkout
    trusted.parent.mkdir()
    trusted.write_text('select = ["KAM001"]\n[per-file-ignores]\n"docs/**" = ["KAM001"]\n')
    result = run("scan", "--config", str(trusted), "--format", "json", env={"CI": ""})
    assert result.exit_code == 1
    # app.py: the repository's exclude and ignore are not merged in; docs/: the trusted entry
    # matches the checkout's docs/, though the file lies elsewhere
    assert findings(result) == {"open": [fp(KEY)], "suppressed": [fp(DOC_KEY)]}


def test_environments_of_an_explicit_config_are_the_checkouts_paths(tmp_path, monkeypatch):
    root = tmp_path / "repo"
    for env in ("live", "sandbox"):
        (root / "deploy" / env).mkdir(parents=True)
        (root / "deploy" / env / "settings.toml").write_text(f'api_key = "{KEY}"\n')
    trusted = tmp_path / "trusted.toml"
    trusted.write_text('select = ["KAM003"]\n[environments]\n"deploy/live/**" = "production"\n'
                       '"deploy/sandbox/**" = "development"\n')
    monkeypatch.chdir(root)
    result = run("scan", "--config", str(trusted), "--format", "json")
    assert [f["rule_id"] for f in json.loads(result.stdout)["findings"]] == ["KAM003"]


@pytest.mark.parametrize(("env", "args", "shown"), [
    ({"CI": "true"}, [], True),
    ({"CI": ""}, ["-v"], True),
    ({"CI": ""}, [], False),
    ({"CI": "false"}, [], False),
])
def test_the_scan_says_which_config_it_used(repo, env, args, shown):
    result = run("scan", *args, env=env)
    lines = [line for line in result.stderr.splitlines() if "config:" in line]
    if not shown:
        assert lines == []
        return
    # that repository's config ignores KAM001, and the line says so
    assert lines == ["kaman-lint: config: pyproject.toml [tool.kaman-lint]; rules not run: KAM001"]


def test_the_config_line_says_an_explicit_config_replaces_the_repositorys(repo):
    (repo / "ci.toml").write_text('select = ["KAM"]\n')
    result = run("scan", "--config", "ci.toml", "-v")
    assert "kaman-lint: config: ci.toml (from --config: the repository's own config is not read)" in result.stderr
    none = run("scan", str(repo / "app.py"), "--config", os.devnull, "-v")
    assert none.exit_code == 2  # /dev/null is no config file
    (repo / "pyproject.toml").unlink()
    (repo / ".kaman-lint.toml").unlink()
    assert "kaman-lint: config: none found; defaults" in run("scan", "-v").stderr


# -- the README's CI step, as pasted -----------------------------------------------------------------


def _ci_step() -> str:
    """The shell of the README's step that takes the config from the base branch."""
    text = README.read_text(encoding="utf-8")
    match = re.search(r"- name: Gate with the base branch's config\n(?:.*\n)*?\s+run: \|\n((?:\s{10}.*\n)+)", text)
    assert match, "the README lost its base-branch config step"
    return "".join(line[10:] + "\n" for line in match.group(1).splitlines())


def _git(cwd: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True,
                   env={**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.com",
                        "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.com"})


@pytest.mark.skipif(shutil.which("git") is None or shutil.which("bash") is None, reason="needs git and bash")
def test_the_readme_ci_step_gates_a_pull_request_on_the_base_branchs_config(tmp_path):
    origin, work = tmp_path / "origin.git", tmp_path / "work"
    _git(tmp_path, "init", "-q", "--bare", "-b", "main", str(origin))
    _git(tmp_path, "clone", "-q", str(origin), str(work))
    (work / ".kaman-lint.toml").write_text('extend-exclude = ["fixtures/"]\n')
    (work / "app.py").write_text("x = 1\n")
    _git(work, "add", "-A")
    _git(work, "commit", "-q", "-m", "base")
    _git(work, "push", "-q", "origin", "HEAD:main")
    # the pull request: a key, and a config change that hides it
    _git(work, "checkout", "-q", "-b", "feature")
    (work / "app.py").write_text(f'KEY = "{KEY}"\n')
    (work / ".kaman-lint.toml").write_text('extend-exclude = ["fixtures/", "app.py"]\n')
    _git(work, "commit", "-q", "-am", "add a key, quietly")
    env = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ['PATH']}", "RUNNER_TEMP": str(tmp_path),
           "CI": "true"}
    own = subprocess.run([str(BIN / "kaman-lint"), "scan"], cwd=work, capture_output=True, text=True, env=env)
    assert own.returncode == 0  # the pull request's own config hides its key
    gated = subprocess.run(["bash", "-e", "-c", _ci_step()], cwd=work, capture_output=True, text=True, env=env)
    assert gated.returncode == 1, gated.stderr
    assert "app.py" in gated.stdout and "KAM001" in gated.stdout
    assert "from --config" in gated.stderr
    assert not leaked(gated.stdout + gated.stderr, [KEY])
