"""`kaman-lint baseline --from-detect-secrets FILE` with a hostile detect-secrets baseline.

The baseline comes from the repository under review (`.secrets.baseline` is committed), so its
file names and result fields are the pull request's to choose: a name may point out of the
project, at a FIFO or a device, or hold a key; a field may be anything JSON allows. The
migration reads only regular files inside the baseline's directory, never blocks, and quotes
nothing whole. No detect-secrets install is needed: the baselines are written here."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

from fakekeys import fp, leaked, make_key

KEY, NAME_KEY, TYPE_KEY, OUTSIDE_KEY = make_key(1700), make_key(1701), make_key(1702), make_key(1703)
KEYS = [KEY, NAME_KEY, TYPE_KEY, OUTSIDE_KEY]


def sha1(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()  # noqa: S324 - detect-secrets' hash


def result(line: object = 1, kind: object = "Secret Keyword", hashed: str = "0" * 40) -> dict:
    return {"type": kind, "filename": "x", "hashed_secret": hashed, "is_verified": False, "line_number": line}


def write_baseline(path: Path, results: dict) -> None:
    path.write_text(json.dumps({"version": "1.5.0", "plugins_used": [], "filters_used": [],
                                "results": results, "generated_at": "2024-01-01T00:00:00Z"}), encoding="utf-8")


def migrate(cwd: Path, baseline: str = ".secrets.baseline") -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "kaman_lint", "baseline", "--from-detect-secrets", baseline,
                           "-o", "kaman-baseline.json"], cwd=cwd, capture_output=True, text=True, timeout=30)


def entries(cwd: Path) -> set[tuple[str, str]]:
    data = json.loads((cwd / "kaman-baseline.json").read_text(encoding="utf-8"))
    return {(e["path"], e["fingerprint"]) for e in data["entries"]}


def test_not_mapped_lines_quote_no_key_from_a_name_or_a_type(tmp_path: Path) -> None:
    (tmp_path / "a.py").write_text(f'K = "{KEY}"\n', encoding="utf-8")
    write_baseline(tmp_path / ".secrets.baseline", {
        "a.py": [result(kind=f"Kaman {TYPE_KEY}")],
        f"{NAME_KEY}.py": [result()],
        "b\n::stop-commands::x.py": [result()],
    })
    done = migrate(tmp_path)
    assert done.returncode == 0, done.stderr[-300:]
    assert done.stderr.count("not mapped:") == 3
    assert leaked(done.stdout + done.stderr, KEYS) == []
    assert "\n::stop-commands::" not in done.stderr  # a name cannot start a line of the CI log


def test_files_outside_the_baselines_directory_are_not_read(tmp_path: Path) -> None:
    project, outside = tmp_path / "project", tmp_path / "outside"
    project.mkdir(), outside.mkdir()
    (outside / "secret.py").write_text(f'K = "{OUTSIDE_KEY}"\n', encoding="utf-8")
    (project / "linked.py").symlink_to(outside / "secret.py")
    hashed = sha1(OUTSIDE_KEY)
    write_baseline(project / ".secrets.baseline", {
        "../outside/secret.py": [result(hashed=hashed)],
        str(outside / "secret.py"): [result(hashed=hashed)],
        "linked.py": [result(hashed=hashed)],
    })
    done = migrate(project)
    assert done.returncode == 0, done.stderr[-300:]
    assert entries(project) == set()  # nothing outside the project became an entry
    assert done.stderr.count("outside the baseline's directory") == 3
    assert fp(OUTSIDE_KEY) not in done.stderr


def test_fifos_and_devices_a_baseline_names_are_never_opened(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "fifo.py")  # opening it would block until a writer comes
    (tmp_path / "zero.py").symlink_to("/dev/zero")  # reading it would never end
    write_baseline(tmp_path / ".secrets.baseline", {
        "fifo.py": [result()], "zero.py": [result()], "/dev/zero": [result()]})
    done = migrate(tmp_path)
    assert done.returncode == 0, done.stderr[-300:]
    assert done.stderr.count("not mapped:") == 3


def test_a_detect_secrets_baseline_that_is_a_fifo_or_a_device_exits_2(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "fifo.baseline")
    (tmp_path / "zero.baseline").symlink_to("/dev/zero")
    for name in ("fifo.baseline", "zero.baseline"):
        done = migrate(tmp_path, name)
        assert done.returncode == 2 and "detect-secrets baseline" in done.stderr, done.stderr[-300:]
        assert "internal error" not in done.stderr
    assert not (tmp_path / "kaman-baseline.json").exists()


def test_results_of_the_wrong_shape_are_listed_not_a_crash(tmp_path: Path) -> None:
    (tmp_path / "a.py").write_text(f'K = "{KEY}"\n', encoding="utf-8")
    write_baseline(tmp_path / ".secrets.baseline", {
        "a.py": [result(line="one"), result(line=[1]), "not a result", result(line=10**30),
                 result(line=1, hashed=sha1(KEY))]})
    done = migrate(tmp_path)
    assert done.returncode == 0, done.stderr[-300:]
    assert "internal error" not in done.stderr
    assert done.stderr.count("not mapped:") == 4
    assert entries(tmp_path) == {("a.py", fp(KEY))}  # the good result still maps
