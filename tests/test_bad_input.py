"""Bad input never stops a scan: binary, oversized, unreadable and special files give notices;
files that do not parse are still scanned as text (and the trouble is a notice)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from fakekeys import fp, leaked, make_key
from kaman_lint import engine, lang
from kaman_lint.config import Config

KEY = make_key(700)


def scan(root: Path, **config) -> engine.ScanResult:
    return engine.scan([str(root)], Config(project_root=root, select=["KAM001"], **config), root=root, jobs=1)


def write(root: Path, name: str, data: str | bytes) -> None:
    path = root / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data if isinstance(data, bytes) else data.encode())


def notices(result) -> set[tuple[str, str | None]]:
    return {(n.kind, n.path) for n in result.notices}


def test_binary_file_is_skipped_with_a_notice_and_the_scan_goes_on(tmp_path: Path) -> None:
    write(tmp_path, "logo.png", b"\x89PNG\r\n\x1a\n\x00\x00" + b"\x00\x01\x02" * 40)
    write(tmp_path, "a.env", f"K={KEY}\n")
    result = scan(tmp_path)
    assert ("binary", "logo.png") in notices(result)
    assert [f.location.path for f in result.findings] == ["a.env"]


def test_a_key_in_a_binary_is_found_in_its_printable_runs(tmp_path: Path) -> None:
    write(tmp_path, "logo.png", b"\x89PNG\r\n\x1a\n\x00\x00" + KEY.encode())
    result = scan(tmp_path)
    assert [(f.rule_id, f.location.path) for f in result.findings] == [("KAM001", "logo.png")]


def test_file_over_the_size_limit_is_skipped_with_a_notice(tmp_path: Path) -> None:
    write(tmp_path, "big.js", f'var k="{KEY}";' + "x" * 5000)
    result = scan(tmp_path, max_file_size=1024)
    assert ("too-large", "big.js") in notices(result) and result.findings == []


def test_several_mib_bundle_is_scanned_by_default(tmp_path: Path) -> None:
    write(tmp_path, "dist.min.js", "!function(){var a=1}();" * 200_000 + f'var k="{KEY}";\n')
    result = scan(tmp_path)
    assert [(f.location.line, f.fingerprint) for f in result.findings] == [(1, fp(KEY))]
    assert not notices(result)


@pytest.mark.skipif(os.name != "posix", reason="symlinks and FIFOs")
def test_symlink_loop_ends_and_fifo_gives_a_notice(tmp_path: Path) -> None:
    write(tmp_path, "a/k.env", f"K={KEY}\n")
    (tmp_path / "a" / "loop").symlink_to(tmp_path)
    (tmp_path / "a" / "dangling").symlink_to(tmp_path / "nowhere")
    os.mkfifo(tmp_path / "pipe")
    result = scan(tmp_path)
    assert [f.location.path for f in result.findings] == ["a/k.env"]
    assert ("not-a-file", "pipe") in notices(result)
    assert ("broken-link", "a/dangling") in notices(result)  # skipped, not an error


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root reads every file")
def test_unreadable_file_gives_a_notice(tmp_path: Path) -> None:
    write(tmp_path, "secret.env", f"K={KEY}\n")
    (tmp_path / "secret.env").chmod(0)
    try:
        assert ("unreadable", "secret.env") in notices(scan(tmp_path))
    finally:
        (tmp_path / "secret.env").chmod(0o600)


def test_undecodable_bytes_give_a_notice_and_the_key_is_found(tmp_path: Path) -> None:
    write(tmp_path, "x.env", b"# caf\xe9 \xff\n" + f"K={KEY}\n".encode())
    result = scan(tmp_path)
    assert ("encoding", "x.env") in notices(result)
    assert [(f.location.line, f.location.column) for f in result.findings] == [(2, 3)]


BROKEN = {
    "broken.py": ('def f(:\n    key = "{k}"\n  bad indent\n', True),
    "broken.toml": ('[kaman\napi_key = "{k}"\n', True),
    "broken.json": ('{{"key": "{k}",,, ]\n', False),
    "broken.ipynb": ('{{"cells": [{{"source": ["k = \'{k}\'"]\n', False),
    "broken.yaml": ("a: [\n  key: {k}\n: :\n", False),
    "broken.ini": ("key = {k}\n[unclosed\n", False),
    "broken.js": ("const k = '{k}'; function ( {{\n", False),
    "broken.tsx": ("export const A = () => <div key='{k}' <<>;\n", False),
    "broken.html": ("<div><script>var k = '{k}';</div></scr\n", False),
    "Dockerfile": ("FROM\nENV K={k} \\\n", False),
}


@pytest.mark.parametrize("name", sorted(BROKEN))
def test_syntax_errors_still_give_the_key(tmp_path: Path, name: str) -> None:
    template, parses = BROKEN[name]
    write(tmp_path, name, template.format(k=KEY))
    result = scan(tmp_path)
    assert [f.fingerprint for f in result.findings] == [fp(KEY)]
    if parses:  # a language kaman-lint parses: the failure is a notice, never an exit
        assert ("parse-error", name) in notices(result)
    assert leaked(" ".join(str(n) for n in result.notices), [KEY]) == []


def test_an_analyzer_crash_falls_back_to_text_with_a_redacted_notice(tmp_path: Path, monkeypatch) -> None:
    def crash(facts, matcher):
        raise RuntimeError(f"boom near {KEY}")

    monkeypatch.setattr(lang, "analyzer_for", lambda language: crash)
    write(tmp_path, "a.py", f'K = "{KEY}"\n')
    result = scan(tmp_path)
    assert [f.fingerprint for f in result.findings] == [fp(KEY)]
    assert ("internal-error", "a.py") in notices(result)
    assert leaked(" ".join(str(n) for n in result.notices), [KEY]) == []


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="needs /dev/zero")
def test_ignore_files_that_are_devices_or_directories_are_never_read(tmp_path: Path) -> None:
    """A `.gitignore` symlinked to /dev/zero would never end; one that is a directory cannot
    be read. Run in a child process so a regression fails the test instead of hanging it."""
    import subprocess
    import sys

    write(tmp_path, "repo/a/k.env", f"K={KEY}\n")
    (tmp_path / "repo" / ".gitignore").symlink_to("/dev/zero")
    (tmp_path / "repo" / "a" / ".gitignore").mkdir()
    (tmp_path / "repo" / "b.py").mkdir()  # a directory named like a source file
    code = ("import json, pathlib, sys; from kaman_lint import engine; from kaman_lint.config import Config; "
            "root = pathlib.Path(sys.argv[1]); "
            "r = engine.scan([str(root)], Config(project_root=root, select=['KAM001']), root=root, jobs=1); "
            "print(json.dumps([[f.location.path for f in r.findings], sorted({n.kind + ' ' + (n.path or '') for n in r.notices})]))")
    run = subprocess.run([sys.executable, "-c", code, str(tmp_path / "repo")], capture_output=True,
                         text=True, timeout=30)
    paths, kinds = __import__("json").loads(run.stdout)
    assert paths == ["a/k.env"]
    assert {"ignore-file .gitignore", "ignore-file a/.gitignore"} <= set(kinds)


def test_utf16_file_without_bom_is_scanned(tmp_path: Path) -> None:
    write(tmp_path, "win.env", f"# saved by a Windows tool\nKAMAN_API_KEY={KEY}\n".encode("utf-16-le"))
    assert [(f.location.line, f.fingerprint) for f in scan(tmp_path).findings] == [(2, fp(KEY))]
