"""Rule plugins for real: a sample package (tests/plugins/acme-kaman-rules) is pip-installed
into a temporary directory, offline, and kaman-lint runs with that directory on its path, the
way an installed plugin is found: through the `kaman_lint.rules` entry points of installed
distributions. Broken plugins (one that fails to import, one claiming a built-in id, one
claiming an id another plugin has) are installed the same way and must stop the run (exit 2),
naming the plugin and its package."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from fakekeys import leaked, make_key

SAMPLE = Path(__file__).parent / "plugins" / "acme-kaman-rules"


def pip_install(source: Path, target: Path) -> None:
    """A real `pip install` of the package at `source` into `target`: no index, no build
    isolation (setuptools from this venv), no dependencies (kaman-lint is this checkout)."""
    build = target.parent / f"build-{source.name}"
    shutil.copytree(source, build)  # setuptools writes build/ and *.egg-info beside the sources
    subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--no-index",
                    "--no-build-isolation", "--disable-pip-version-check", "--target", str(target), str(build)],
                   check=True, capture_output=True)


def kaman_lint(site: Path, *args: str, cwd: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(site)}
    return subprocess.run([sys.executable, "-m", "kaman_lint", *args], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=120)


def plugin_package(root: Path, name: str, entry: str, module: str) -> Path:
    """A throwaway plugin package: `entry` is `ID = "module:Class"`."""
    package = name.replace("-", "_")
    (root / package).mkdir(parents=True)
    (root / package / "__init__.py").write_text(module, encoding="utf-8")
    (root / "pyproject.toml").write_text(
        '[build-system]\nrequires = ["setuptools>=70.1"]\nbuild-backend = "setuptools.build_meta"\n'
        f'[project]\nname = "{name}"\nversion = "0.1"\n'
        f'[project.entry-points."kaman_lint.rules"]\n{entry}\n'
        f'[tool.setuptools]\npackages = ["{package}"]\n', encoding="utf-8")
    return root


RULE_MODULE = '''
from kaman_lint.rules.base import Rule

class Clone(Rule):
    """Claims an id.

    ## What it flags
    Nothing.
    """
    id = "{id}"
    name = "clone"
'''


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("plugins") / "site"
    pip_install(SAMPLE, target)
    return target


KEY = make_key(1500)


@pytest.fixture
def docs_tree(tmp_path: Path) -> Path:
    """A project that turns the plugin's rules on (a plugin's rules, like ruff's non-default
    ones, run only when selected: installing a package must not change a gate by itself)."""
    (tmp_path / "README.md").write_text(f"# Setup\n\nUse the key `{KEY}` for now.\n", encoding="utf-8")
    (tmp_path / ".kaman-lint.toml").write_text('extend-select = ["ACME"]\n', encoding="utf-8")
    return tmp_path


def test_the_installed_plugin_is_listed_with_its_package(site: Path, tmp_path: Path) -> None:
    result = kaman_lint(site, "rules", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    lines = {line.split()[0]: line for line in result.stdout.splitlines()}
    assert "acme-kaman-rules 1.2.0" in lines["ACME001"]
    assert "kaman-key-in-docs" in lines["ACME001"]
    assert "kaman-lint" in lines["KAM001"] and "acme" not in lines["KAM001"]
    explained = kaman_lint(site, "rules", "ACME001", cwd=tmp_path)
    assert "from acme-kaman-rules 1.2.0" in explained.stdout and "How to fix" in explained.stdout


def test_the_plugin_rule_runs_through_scan(site: Path, docs_tree) -> None:
    root = docs_tree
    result = kaman_lint(site, "scan", ".", cwd=root)
    assert result.returncode == 1
    assert "README.md:3:14: ACME001 Kaman key" in result.stdout
    assert "README.md:3:14: KAM001" in result.stdout  # the built-in rules still run beside it
    assert leaked(result.stdout + result.stderr, [KEY]) == []
    only = kaman_lint(site, "scan", ".", "--select", "ACME001", cwd=root)
    assert "ACME001" in only.stdout and "KAM001" not in only.stdout
    (root / ".kaman-lint.toml").unlink()
    unselected = kaman_lint(site, "scan", ".", cwd=root)
    assert "KAM001" in unselected.stdout and "ACME001" not in unselected.stdout


def test_the_plugin_rule_is_described_in_sarif(site: Path, docs_tree) -> None:
    root = docs_tree
    result = kaman_lint(site, "scan", ".", "--format", "sarif", cwd=root)
    run = json.loads(result.stdout)["runs"][0]
    rules = {r["id"]: r for r in run["tool"]["driver"]["rules"]}
    assert rules["ACME001"]["name"] == "kaman-key-in-docs"
    assert rules["ACME001"]["defaultConfiguration"]["level"] == "warning"
    assert "How to fix" in rules["ACME001"]["help"]["markdown"]
    found = [r for r in run["results"] if r["ruleId"] == "ACME001"]
    assert len(found) == 1 and found[0]["level"] == "warning"
    assert leaked(result.stdout, [KEY]) == []


def test_without_the_plugin_its_id_is_unknown(docs_tree) -> None:
    root = docs_tree
    result = subprocess.run([sys.executable, "-m", "kaman_lint", "scan", ".", "--select", "ACME001"],
                            cwd=root, capture_output=True, text=True)
    assert result.returncode == 2


@pytest.mark.parametrize("case", ["import-error", "built-in-id", "taken-id", "not-a-rule"])
def test_a_broken_plugin_stops_the_scan_naming_it(case: str, site: Path, tmp_path: Path, docs_tree) -> None:
    root = docs_tree
    broken = tmp_path / "broken-site"
    shutil.copytree(site, broken)  # the good sample is installed too: "taken-id" collides with it
    module, entry = {
        "import-error": ("import kaman_lint_does_not_exist\n", 'ACME900 = "bad_rules:Clone"'),
        "built-in-id": (RULE_MODULE.format(id="KAM001"), 'KAM001 = "bad_rules:Clone"'),
        "taken-id": (RULE_MODULE.format(id="ACME001"), 'ACME001 = "bad_rules:Clone"'),
        "not-a-rule": ("Clone = object\n", 'ACME901 = "bad_rules:Clone"'),
    }[case]
    pip_install(plugin_package(tmp_path / "src" / "bad-rules", "bad-rules", entry, module), broken)
    result = kaman_lint(broken, "scan", ".", cwd=root)
    assert result.returncode == 2, result.stderr
    assert "package bad-rules" in result.stderr
    assert "internal error" not in result.stderr
    expected = {"import-error": "failed to import: ModuleNotFoundError",
                "built-in-id": "claims KAM001, already taken by the built-in rule KAM001",
                "taken-id": "claims ACME001, already taken by the plugin 'ACME001' from package acme-kaman-rules",
                "not-a-rule": "is not a subclass of kaman_lint.rules.base.Rule"}[case]
    assert expected in result.stderr
    assert kaman_lint(broken, "rules", cwd=root).returncode == 2
