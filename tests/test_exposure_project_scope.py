"""Roles are decided within the project (issue 12 §2): folders above it never make a file build
output or served, and an env file is config, never build output."""

from __future__ import annotations

import subprocess
from pathlib import Path

from kaman_lint.config import Config
from kaman_lint.exposure.roles import classify
from kaman_lint.project import Project
from kaman_lint.source import Source, detect_language


def role(root: Path, relpath: str, text: str = "export const a = 1;\n") -> str:
    source = Source(relpath, text, detect_language(relpath), project_path=relpath)
    return classify(source, Project.detect(root), Config()).role


def test_a_stray_package_json_above_the_scan_root_makes_no_build_output(tmp_path):
    (tmp_path / "package.json").write_text("{}", encoding="utf-8")  # far above, no repository
    root = tmp_path / "dist" / "app"
    root.mkdir(parents=True)
    assert role(root, "lib/x.js") == "unknown"
    assert role(root, "dist/x.js") == "client"  # a dist/ inside the scanned tree still is


def test_inside_a_repository_the_repository_bounds_the_project(tmp_path):
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    (tmp_path / "package.json").write_text("{}", encoding="utf-8")
    root = tmp_path / "public"
    root.mkdir()
    assert role(root, "site/x.js") == "client"  # the scan started inside the repository's public/


def test_files_named_outside_the_scan_root_are_in_no_served_folder(tmp_path):
    assert role(tmp_path, "../public/x.js") == "unknown"
    assert role(tmp_path, "../build/x.js") == "unknown"


def test_env_files_and_typescript_are_never_build_output(tmp_path):
    assert role(tmp_path, "dist/.env", "KAMAN_API_KEY=x\n") != "client"
    assert role(tmp_path, "build/.env.production", "KAMAN_API_KEY=x\n") != "client"
    assert role(tmp_path, "build/defines.ts") != "client"
    assert role(tmp_path, "build/static/js/main.js") == "client"
