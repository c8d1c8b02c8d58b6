"""An archive member's name is anyone's to choose: `../../etc/x.py`, `/abs/x.py`, a name with a
newline. Reported, it must still name the member inside its archive, in every format and the
baseline: a `..` must not climb out of `pkg.zip!` (report paths are normalised, and `a.zip!..`
is a segment like any other), and no SARIF or GitLab location may leave the source root. And a
checkout directory named after a key is redacted where a report spells the root (SARIF's
`originalUriBaseIds`)."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from kaman_lint.archives import member_path
from kaman_lint.cli import main
from tests.fakekeys import leaked, make_key

SARIF_CHECK = Path("/work/shared/tools/sarif_check.py")

HOSTILE_NAMES = ["../../etc/evil.py", "/abs/evil.py", "a/../../../up.py", "..\\..\\win.py", "./x/./y.py"]


def _tree(tmp_path: Path) -> tuple[Path, list[str]]:
    root = tmp_path / "repo"
    root.mkdir()
    keys = [make_key(900 + n) for n in range(len(HOSTILE_NAMES) + 1)]
    data = io.BytesIO()
    with zipfile.ZipFile(data, "w") as archive:
        for name, key in zip(HOSTILE_NAMES, keys):
            archive.writestr(name, f'K = "{key}"\n')
    (root / "pkg.zip").write_bytes(data.getvalue())
    data = io.BytesIO()
    with tarfile.open(fileobj=data, mode="w") as archive:
        body = f'K = "{keys[-1]}"\n'.encode()
        info = tarfile.TarInfo("../../../tar_evil.py")
        info.size = len(body)
        archive.addfile(info, io.BytesIO(body))
    (root / "arch.tar").write_bytes(data.getvalue())
    return root, keys


def _run(root: Path, *args: str) -> str:
    old = os.getcwd()
    os.chdir(root)
    try:
        result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    finally:
        os.chdir(old)
    return result.output


@pytest.mark.parametrize("name", HOSTILE_NAMES + ["..", "/", "a//b.py"])
def test_a_member_path_stays_inside_its_archive(name):
    path = member_path(name)
    assert path and not path.startswith("/")
    assert ".." not in path.split("/") and "." not in path.split("/") and "" not in path.split("/")
    assert "\\" not in path


def test_member_paths_name_the_archive_in_every_format(tmp_path):
    root, keys = _tree(tmp_path)
    report = json.loads(_run(root, "scan", "--format", "json", "."))
    paths = sorted(f["path"] for f in report["findings"])
    assert len(paths) == len(keys)
    assert all(p.startswith(("pkg.zip!", "arch.tar!")) for p in paths), paths
    assert "arch.tar!tar_evil.py" in paths and "pkg.zip!etc/evil.py" in paths
    gitlab = json.loads(_run(root, "scan", "--format", "gitlab", "."))
    files = sorted(v["location"]["file"] for v in gitlab["vulnerabilities"])
    assert files == paths
    github = _run(root, "scan", "--format", "github", ".")
    assert github.count("file=pkg.zip!") == len(keys) - 1 and github.count("file=arch.tar!") == 1
    (root / "sub").mkdir()  # from a subfolder the paths start with ../, still inside the archive
    text = _run(root / "sub", "scan", "..")
    assert text.count("../pkg.zip!") == len(keys) - 1 and text.count("../arch.tar!") == 1
    _run(root, "baseline", "-o", "base.json", ".")
    entries = json.loads((root / "base.json").read_text())["entries"]
    assert sorted(e["path"] for e in entries) == paths


def test_sarif_member_uris_stay_under_the_source_root(tmp_path):
    root, keys = _tree(tmp_path)
    sarif = json.loads(_run(root, "scan", "--format", "sarif", "."))
    uris = [loc["physicalLocation"]["artifactLocation"] for result in sarif["runs"][0]["results"]
            for loc in result["locations"]]
    assert len(uris) == len(keys)
    for location in uris:
        assert location.get("uriBaseId") == "%SRCROOT%", location
        segments = location["uri"].split("/")
        assert location["uri"].startswith(("pkg.zip!", "arch.tar!")) and ".." not in segments, location


def test_a_checkout_directory_named_after_a_key_is_redacted_in_sarif(tmp_path):
    key = make_key(910)
    root = tmp_path / f"x_{key}_checkout"
    root.mkdir()
    (root / "app.py").write_text(f'K = "{make_key(911)}"\n')
    output = _run(root, "scan", "--format", "sarif", ".")
    assert not leaked(output, [key])
    if SARIF_CHECK.exists():
        report = tmp_path / "out.sarif"
        report.write_text(output)
        check = subprocess.run([sys.executable, str(SARIF_CHECK), str(report)], capture_output=True, text=True)
        assert check.returncode == 0, check.stdout[-500:]
