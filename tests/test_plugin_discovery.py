"""Rule plugins are found through their distribution's entry points, and a run without any
pays nothing for looking (issue 13, target 3): `importlib.metadata` is only imported when some
distribution on `sys.path` declares the `kaman_lint.rules` group."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from kaman_lint.rules import BUILTIN
from tests.tree import write

PLUGIN = '''
from kaman_lint.rules.base import Rule


class NoTodo(Rule):
    """Flags nothing; a plugin for the registry's tests.

    ## What it flags
    Nothing.
    """

    id = "KAM900"
    name = "plugin-rule"
'''

LIST_RULES_AND_MODULES = """
import sys
from kaman_lint.rules import all_rules
print(" ".join(rule.id for rule in all_rules()))
print("importlib.metadata" in sys.modules)
"""


def rules_seen(tmp_path: Path, extra_path: Path | None = None) -> tuple[list[str], bool]:
    env = dict(os.environ)
    if extra_path is not None:
        env["PYTHONPATH"] = os.pathsep.join([str(extra_path), env.get("PYTHONPATH", "")])
    run = subprocess.run([sys.executable, "-c", LIST_RULES_AND_MODULES], cwd=tmp_path, env=env,
                         capture_output=True, text=True, check=True)
    ids, metadata_loaded = run.stdout.split("\n")[:2]
    return ids.split(), metadata_loaded == "True"


def test_a_plugin_distribution_adds_its_rule(tmp_path):
    site = tmp_path / "site"
    write(site, {
        "kaman_plugin_example.py": PLUGIN,
        "kaman_plugin_example-1.0.dist-info/METADATA": "Metadata-Version: 2.1\nName: kaman-plugin-example\nVersion: 1.0\n",
        "kaman_plugin_example-1.0.dist-info/entry_points.txt": "[kaman_lint.rules]\nKAM900 = kaman_plugin_example:NoTodo\n",
    })
    ids, metadata_loaded = rules_seen(tmp_path, site)
    assert "KAM900" in ids and metadata_loaded


def test_without_plugins_the_metadata_machinery_is_not_imported(tmp_path):
    # another group's entry points (pytest's, console scripts) do not count
    site = tmp_path / "site"
    write(site, {"other-1.0.dist-info/entry_points.txt": "[console_scripts]\nother = other:main\n"})
    ids, metadata_loaded = rules_seen(tmp_path, site)
    assert ids == sorted(rule.id for rule in BUILTIN)
    assert not metadata_loaded


def test_a_zip_on_sys_path_is_left_to_importlib_metadata(tmp_path):
    archive = tmp_path / "bundle.zip"
    archive.write_bytes(b"PK\x05\x06" + bytes(18))  # an empty zip archive
    _, metadata_loaded = rules_seen(tmp_path, archive)
    assert metadata_loaded
