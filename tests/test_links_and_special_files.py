"""The scan stays inside the tree it was given (#9 §1): a link out of it is not followed (a
counted notice; `--follow-links` follows it), a link inside it is scanned once, as its target;
nothing that is not a regular file on a normal filesystem is ever read (devices, FIFOs,
sockets, /proc, /sys, /dev, whatever a link says), and no read takes more than
`max-file-size` bytes whatever the file's size claims."""

from __future__ import annotations

import os
import signal
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from kaman_lint import engine
from kaman_lint.cli import main
from kaman_lint.config import Config
from kaman_lint.discover import discover, relative_path
from kaman_lint.findings import Notice
from kaman_lint.keys import KeyMatcher
from kaman_lint.project import Project
from tests.fakekeys import fp, leaked, make_key
from tests.test_discover_git import git, repo
from tests.tree import write

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="symlinks, /proc and FIFOs as on Linux")

KEY, OUTSIDE_KEY = make_key(9101), make_key(9102)


@pytest.fixture(autouse=True)
def fail_instead_of_hanging():  # type: ignore[no-untyped-def]
    def hung(signum, frame):  # type: ignore[no-untyped-def]
        raise TimeoutError("the scan blocked on a FIFO or a device")

    previous = signal.signal(signal.SIGALRM, hung)
    signal.setitimer(signal.ITIMER_REAL, 20)
    yield
    signal.setitimer(signal.ITIMER_REAL, 0)
    signal.signal(signal.SIGALRM, previous)


def found(root: Path, paths: list[Path] | None = None, *, follow_links: bool = False) -> tuple[list[str], list[Notice]]:
    notices: list[Notice] = []
    config = Config(project_root=root).with_overrides(follow_links=follow_links)
    files = discover(paths or [root], root=root, config=config, notices=notices)
    return [relative_path(p, root) for p in files], notices


def kinds(notices: list[Notice]) -> list[tuple[str, str | None]]:
    return sorted((n.kind, n.path) for n in notices)


@pytest.fixture
def layout(tmp_path: Path) -> tuple[Path, Path]:
    outside = write(tmp_path / "outside", {"secret.env": f"KAMAN_API_KEY={OUTSIDE_KEY}\n",
                                           "lib/x.py": f'KEY = "{OUTSIDE_KEY}"\n'})
    root = write(tmp_path / "root", {"app.py": f'KEY = "{KEY}"\n', "sub/b.py": "x = 1\n"})
    os.symlink(outside / "secret.env", root / "home.env")
    os.symlink(outside / "lib", root / "linked")
    os.symlink(root / "app.py", root / "alias.py")  # inside: the target is scanned, once
    os.symlink("sub", root / "sub-again")
    return root, outside


@pytest.mark.parametrize("in_git", [False, True], ids=["walk", "git"])
def test_links_out_of_the_tree_are_not_followed(layout: tuple[Path, Path], in_git: bool) -> None:
    root, _ = layout
    if in_git:
        repo(root, {})
    files, notices = found(root)
    assert files == ["app.py", "sub/b.py"]
    assert kinds(notices) == [("outside-root", "home.env"), ("outside-root", "linked")]
    assert "--follow-links" in notices[0].message


def test_a_link_inside_the_tree_is_scanned_once_as_its_target(layout: tuple[Path, Path]) -> None:
    root, _ = layout
    result = engine.scan([str(root)], Config(project_root=root), root=root, jobs=1)
    assert [(f.location.path, f.fingerprint) for f in result.findings if f.rule_id == "KAM001"] == [("app.py", fp(KEY))]


def test_follow_links_follows_them(layout: tuple[Path, Path]) -> None:
    root, _ = layout
    files, notices = found(root, follow_links=True)
    assert files == ["app.py", "home.env", "linked/x.py", "sub/b.py"]
    assert notices == []


def test_a_named_link_out_of_the_tree_is_not_read(layout: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch) -> None:
    root, _ = layout
    monkeypatch.chdir(root)
    result = CliRunner().invoke(main, ["scan", "home.env", "app.py", "--format", "json", "-j", "1"])
    assert result.exit_code == 1  # the key in app.py; home.env skipped with a notice
    assert fp(OUTSIDE_KEY) not in result.output and "home.env" in result.stderr
    assert not leaked(result.output, [KEY, OUTSIDE_KEY])


@pytest.mark.parametrize("target", ["/proc/self/environ", "/proc/self/pagemap", "/proc/kmsg", "/dev/zero",
                                    "/dev/null", "/sys/kernel/mm/transparent_hugepage/enabled", "/proc/self"])
@pytest.mark.parametrize("follow_links", [False, True])
def test_links_to_proc_sys_and_devices_are_never_read(tmp_path: Path, target: str, follow_links: bool,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    root = write(tmp_path / "r", {"a.py": "x = 1\n"})
    os.symlink(target, root / "link")
    monkeypatch.setenv("KAMAN_TEST_MARKER", KEY)  # what /proc/self/environ would give away
    opened: list[str] = []
    real_open = os.open
    monkeypatch.setattr(os, "open", lambda p, *a, **k: (opened.append(os.fspath(p)), real_open(p, *a, **k))[1])
    files, notices = found(root, follow_links=follow_links)
    assert files == ["a.py"]
    assert kinds(notices) == [("not-a-file", "link")]
    result = engine.scan([str(root)], Config(project_root=root).with_overrides(follow_links=follow_links),
                         root=root, jobs=1)
    assert result.findings == []
    assert not [p for p in opened if p.endswith("/link") or p.startswith(("/proc", "/sys", "/dev"))]


def test_named_proc_files_are_not_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["scan", "/proc/self/pagemap", "/proc/self/environ", "-j", "1"])
    assert result.exit_code == 0, result.output
    assert result.stderr.count("never read") == 2


def context(root: Path, max_file_size: int = 1 << 20) -> engine.Context:
    config = Config(project_root=root, max_file_size=max_file_size)
    return engine.Context(config, Project.detect(root), engine.enabled_rules(config), KeyMatcher([]))


def test_a_file_swapped_for_a_fifo_after_the_walk_does_not_block(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "x.env")
    outcome = engine.analyze_path(str(tmp_path / "x.env"), "x.env", context(tmp_path))
    assert [n.kind for n in outcome.notices] == ["vanished"]
    assert not outcome.scanned


def test_a_read_takes_at_most_max_file_size_whatever_the_size_said(tmp_path: Path) -> None:
    (tmp_path / "grew.env").write_text(f"A={KEY}\n" + "x" * 5000)  # grew after the walk sized it
    outcome = engine.analyze_path(str(tmp_path / "grew.env"), "grew.env", context(tmp_path, max_file_size=1000))
    assert [n.kind for n in outcome.notices] == ["too-large"] and outcome.findings == []
    outcome = engine.analyze_path("/proc/self/pagemap", "pagemap", context(tmp_path))  # size 0, endless
    assert [n.kind for n in outcome.notices] == ["vanished"]


def test_a_walked_link_in_git_is_judged_like_in_the_walk(tmp_path: Path) -> None:
    root = repo(tmp_path / "r", {"a.py": "x = 1\n"})
    os.symlink("/proc/self/environ", root / "env")
    git(root, "add", "env")
    files, notices = found(root)
    assert files == ["a.py"] and kinds(notices) == [("not-a-file", "env")]


@pytest.mark.parametrize("target", ["/proc/self/pagemap", "/dev/zero"])
def test_a_gitignore_linked_to_an_endless_file_is_not_read(tmp_path: Path, target: str) -> None:
    root = write(tmp_path / "r", {"a.py": "x = 1\n"})
    os.symlink(target, root / ".gitignore")
    files, notices = found(root)
    assert files == ["a.py"]
    assert ("ignore-file", ".gitignore") in kinds(notices)


def test_a_fifo_named_like_a_framework_config_does_not_block(tmp_path: Path) -> None:
    root = write(tmp_path / "r", {"package.json": '{"dependencies": {"next": "14"}}\n',
                                  "pages/index.js": f'const k = "{KEY}";\n'})
    os.mkfifo(root / "next.config.js")
    result = engine.scan([str(root)], Config(project_root=root), root=root, jobs=1)
    assert fp(KEY) in {f.fingerprint for f in result.findings}
