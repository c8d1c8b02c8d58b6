"""A scan started inside a sub-folder classifies files as a scan of the whole repository does:
roles come from the package (or the repository top) the files belong to, not from where the
scan started (the editor and `cd src && kaman-lint scan .` cases)."""

import json

import pytest
from click.testing import CliRunner

from fakekeys import make_key
from kaman_lint.cli import main

ANGULAR_ENV = "export const environment = {\n  production: false,\n  kamanApiKey: '%s',\n};\n"


def findings(folder, monkeypatch) -> set[tuple[str, int, str]]:
    monkeypatch.chdir(folder)
    out = CliRunner().invoke(main, ["scan", ".", "--format", "json"]).stdout
    return {(f["path"], f["line"], f["rule_id"]) for f in json.loads(out)["findings"]}


@pytest.mark.parametrize("with_package", [True, False], ids=["package-above", "repository-top"])
def test_sub_folder_scan_matches_the_whole_repository(tmp_path, monkeypatch, with_package):
    (tmp_path / ".git").mkdir()
    if with_package:
        (tmp_path / "package.json").write_text('{"dependencies": {"@angular/core": "^17.0.0"}}')
    env = tmp_path / "src" / "environments"
    env.mkdir(parents=True)
    (env / "environment.ts").write_text(ANGULAR_ENV % make_key(71))

    whole = findings(tmp_path, monkeypatch)
    inside = findings(tmp_path / "src", monkeypatch)

    assert ("src/environments/environment.ts", 3, "KAM002") in whole
    assert inside == {(path.removeprefix("src/"), line, rule) for path, line, rule in whole}


def test_a_path_through_dotdot_outside_the_cwd_gives_relative_uris(tmp_path, monkeypatch):
    # `kaman-lint scan ../other/project` from a sibling folder: JSON (like text) names the file as
    # one opens it from here; SARIF URIs are relative to %SRCROOT% (the scanned project, outside
    # git), never absolute.
    project, elsewhere = tmp_path / "other" / "project", tmp_path / "here"
    (project / "src").mkdir(parents=True)
    elsewhere.mkdir()
    (project / "src" / "settings.py").write_text(f'KEY = "{make_key(72)}"\n')
    monkeypatch.chdir(elsewhere)
    out = CliRunner().invoke(main, ["scan", "../other/project", "--format", "json"]).stdout
    assert [f["path"] for f in json.loads(out)["findings"]] == ["../other/project/src/settings.py"]
    out = CliRunner().invoke(main, ["scan", "../other/project", "--format", "sarif"]).stdout
    [result] = json.loads(out)["runs"][0]["results"]
    assert result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "src/settings.py"
