from __future__ import annotations

import os
import signal
import socket
import sys
from pathlib import Path

import pytest

from kaman_lint.config import Config
from kaman_lint.discover import discover, relative_path
from kaman_lint.findings import Notice


def touch(root: Path, *relpaths: str, content: str = "x = 1\n") -> None:
    for rel in relpaths:
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(content, encoding="utf-8")


def scan(
    root: Path,
    paths: list[Path | str] | None = None,
    *,
    config: Config | None = None,
    no_ignore: bool = False,
) -> tuple[list[str], list[Notice]]:
    notices: list[Notice] = []
    config = config or Config(project_root=root)
    if no_ignore:
        config = config.with_overrides(no_ignore=True)
    found = discover(paths or [root], root=root, config=config, notices=notices)
    return [relative_path(p, root) for p in found], notices


def kinds(notices: list[Notice]) -> list[tuple[str, str | None]]:
    return [(n.kind, n.path) for n in notices]


# -- relative_path -------------------------------------------------------------------------------


def test_relative_path(tmp_path: Path) -> None:
    assert relative_path(tmp_path / "a" / "b.py", tmp_path) == "a/b.py"
    assert relative_path(tmp_path, tmp_path) == "."
    outside = tmp_path.parent / "elsewhere.py"
    assert relative_path(outside, tmp_path) == outside.as_posix()
    # a sibling whose name starts with the root's name is outside it
    assert relative_path(Path(str(tmp_path) + "-other") / "x", tmp_path).startswith("/")


# -- order, paths, missing -----------------------------------------------------------------------


def test_stable_sorted_order_and_absolute_paths(tmp_path: Path) -> None:
    touch(tmp_path, "b.py", "a/z.py", "a/b/c.py", "A.py", "a.py", "c/d.txt")
    notices: list[Notice] = []
    found = list(discover([tmp_path], root=tmp_path, config=Config(), notices=notices))
    assert all(os.path.isabs(p) for p in found)
    assert [relative_path(p, tmp_path) for p in found] == ["A.py", "a/b/c.py", "a/z.py", "a.py", "b.py", "c/d.txt"]
    assert found == list(discover([tmp_path], root=tmp_path, config=Config(), notices=notices))
    assert notices == []


def test_each_file_once_and_arguments_in_order(tmp_path: Path) -> None:
    touch(tmp_path, "src/a.py", "src/sub/b.py", "z.py")
    found, _ = scan(tmp_path, [tmp_path / "z.py", tmp_path / "src" / "sub", tmp_path / "src", tmp_path / "z.py"])
    assert found == ["z.py", "src/sub/b.py", "src/a.py"]


def test_relative_arguments_are_taken_from_cwd(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    touch(tmp_path, "src/a.py")
    monkeypatch.chdir(tmp_path / "src")
    found, _ = scan(tmp_path, ["a.py", "."])
    assert found == ["src/a.py"]


def test_missing_path_notice(tmp_path: Path) -> None:
    touch(tmp_path, "a.py")
    found, notices = scan(tmp_path, [tmp_path / "nope.py", tmp_path / "a.py"])
    assert found == ["a.py"]
    assert kinds(notices) == [("missing", "nope.py")]


# -- gitignore -----------------------------------------------------------------------------------


def test_nested_gitignore_with_negation_and_dir_only_patterns(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    touch(tmp_path, ".gitignore", content="*.log\nbuild/\n")
    touch(tmp_path, "sub/.gitignore", content="!keep.log\nlocal.py\ncache/\n")
    touch(
        tmp_path,
        "a.log",
        "a.py",
        "build/out.js",
        "sub/keep.log",
        "sub/drop.log",
        "sub/local.py",
        "sub/x.py",
        "sub/cache/c.py",
        "cache",  # a file named like the dir-only pattern is not ignored
        "other/local.py",  # the nested .gitignore applies only to its own subtree
        "other/build",  # `build/` is dir-only: a file named build stays
    )
    found, notices = scan(tmp_path)
    assert found == [
        ".gitignore",
        "a.py",
        "cache",
        "other/build",
        "other/local.py",
        "sub/.gitignore",
        "sub/keep.log",
        "sub/x.py",
    ]
    assert notices == []


def test_deeper_gitignore_overrides_shallower(tmp_path: Path) -> None:
    touch(tmp_path, ".gitignore", content="*.env\n")
    touch(tmp_path, "deploy/.gitignore", content="!prod.env\n")
    touch(tmp_path, "deploy/prod.env", "deploy/dev.env", "x.env")
    found, _ = scan(tmp_path)
    assert found == [".gitignore", "deploy/.gitignore", "deploy/prod.env"]


def test_cannot_reinclude_file_inside_ignored_directory(tmp_path: Path) -> None:
    touch(tmp_path, ".gitignore", content="vendor/\n!vendor/keep.js\n")
    touch(tmp_path, "vendor/keep.js")
    found, _ = scan(tmp_path)
    assert found == [".gitignore"]


def test_reincluded_directory_does_not_shield_its_subdirectories(tmp_path: Path) -> None:
    # pathspec alone says build3/a/build5 is not ignored (the `!build3/` matches its parent); git says it is
    touch(tmp_path, ".gitignore", content="build*/\n!build3/\n")
    touch(tmp_path, "build1/x.py", "build3/a.py", "build3/a/build5/x.py", "build3/a/ok.py")
    found, _ = scan(tmp_path)
    assert found == [".gitignore", "build3/a/ok.py", "build3/a.py"]


def test_globstar_patterns_match_like_git(tmp_path: Path) -> None:
    touch(tmp_path, ".gitignore", content="lib/**\nout/**/\n")
    touch(tmp_path, "lib/.gitignore", content="!keep.py\n")  # `lib/**` leaves lib itself alone
    touch(tmp_path, "lib/keep.py", "lib/drop.py", "out/top.js", "out/sub/deep.js")
    found, _ = scan(tmp_path)
    assert found == [".gitignore", "lib/keep.py", "out/top.js"]  # as `git ls-files -o --exclude-standard`


def test_ignore_everything_but_python(tmp_path: Path) -> None:
    touch(tmp_path, ".gitignore", content="*\n!*/\n!*.py\n")
    touch(tmp_path, "a.py", "a.txt", "pkg/b.py", "pkg/b.txt", "pkg/sub/c.py")
    found, _ = scan(tmp_path)
    assert found == ["a.py", "pkg/b.py", "pkg/sub/c.py"]


def test_gitignore_above_scan_root_counts_inside_a_repository(tmp_path: Path) -> None:
    (tmp_path / ".git" / "info").mkdir(parents=True)
    touch(tmp_path, ".gitignore", content="secret.txt\n/app/generated/\n")
    touch(tmp_path, ".git/info/exclude", content="*.tmp\n")
    touch(tmp_path, "app/secret.txt", "app/main.py", "app/x.tmp", "app/generated/g.py")
    root = tmp_path / "app"
    found, _ = scan(root, [root], config=Config(project_root=root))
    assert found == ["main.py"]


def test_gitignore_above_root_ignored_without_repository(tmp_path: Path) -> None:
    touch(tmp_path, ".gitignore", content="*.py\n")
    touch(tmp_path, "app/main.py")
    root = tmp_path / "app"
    found, _ = scan(root, [root])
    if not any((p / ".git").exists() for p in tmp_path.parents):  # the temp dir is not in a repo
        assert found == ["main.py"]


def test_info_exclude_is_overridden_by_gitignore(tmp_path: Path) -> None:
    (tmp_path / ".git" / "info").mkdir(parents=True)
    touch(tmp_path, ".git/info/exclude", content="*.cfg\n")
    touch(tmp_path, ".gitignore", content="!keep.cfg\n")
    touch(tmp_path, "keep.cfg", "drop.cfg")
    found, _ = scan(tmp_path)
    assert found == [".gitignore", "keep.cfg"]


def test_nested_repository_starts_afresh(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    touch(tmp_path, ".gitignore", content="*.js\n")
    touch(tmp_path, "vendor/lib/.git", content="gitdir: ../../.git/modules/lib\n")  # a submodule
    touch(tmp_path, "vendor/lib/index.js", "top.js")
    found, _ = scan(tmp_path)
    assert found == [".gitignore", "vendor/lib/index.js"]


def test_no_ignore(tmp_path: Path) -> None:
    touch(tmp_path, ".gitignore", content="*.log\nbuild/\n")
    touch(tmp_path, "a.log", "build/b.py", "__pycache__/c.py")
    found, _ = scan(tmp_path, no_ignore=True)
    assert found == [".gitignore", "a.log", "build/b.py"]  # excludes still apply
    found, _ = scan(tmp_path, config=Config(project_root=tmp_path, no_ignore=True))
    assert found == [".gitignore", "a.log", "build/b.py"]


def test_explicit_file_is_scanned_even_if_gitignored(tmp_path: Path) -> None:
    # pre-commit passes what git is about to commit: `git add -f .env` must still be scanned
    touch(tmp_path, ".gitignore", content=".env\n")
    touch(tmp_path, ".env")
    found, notices = scan(tmp_path, [tmp_path / ".env"])
    assert found == [".env"]
    assert notices == []


def test_explicit_gitignored_directory_is_scanned_with_its_own_rules(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    touch(tmp_path, ".gitignore", content="dist/\n*.map\n")
    touch(tmp_path, "dist/.gitignore", content="cache/\n")
    touch(tmp_path, "dist/app.js", "dist/app.js.map", "dist/cache/c.js", "dist/assets/x.js")
    found, _ = scan(tmp_path, [tmp_path / "dist"])
    assert found == ["dist/.gitignore", "dist/app.js", "dist/app.js.map", "dist/assets/x.js"]
    found, _ = scan(tmp_path, [tmp_path / "dist" / "assets"])
    assert found == ["dist/assets/x.js"]
    found, _ = scan(tmp_path)
    assert found == [".gitignore"]


# -- excludes ------------------------------------------------------------------------------------


def test_default_excludes(tmp_path: Path) -> None:
    touch(
        tmp_path,
        ".venv/lib/x.py",
        "venv/y.py",
        "__pycache__/m.pyc",
        "pkg/__pycache__/n.pyc",
        ".tox/t.py",
        ".hg/h",
        "node_modules/pkg/index.js",  # not excluded: keys get planted in vendored code too
        "pkg/m.py",
    )
    found, _ = scan(tmp_path)
    assert found == ["node_modules/pkg/index.js", "pkg/m.py"]


def test_git_directory_is_always_skipped(tmp_path: Path) -> None:
    touch(tmp_path, ".git/config", "sub/.git/HEAD", "a.py")
    found, _ = scan(tmp_path, config=Config(project_root=tmp_path, exclude=["nothing-matches"]), no_ignore=True)
    assert found == ["a.py"]


def test_exclude_replaces_defaults_and_extend_exclude_adds(tmp_path: Path) -> None:
    touch(tmp_path, ".venv/x.py", "build/b.py", "gen/g.py", "src/a.py")
    found, _ = scan(tmp_path, config=Config(project_root=tmp_path, exclude=["build/"]))
    assert found == [".venv/x.py", "gen/g.py", "src/a.py"]
    found, _ = scan(tmp_path, config=Config(project_root=tmp_path, extend_exclude=["build/", "/gen"]))
    assert found == ["src/a.py"]


def test_excludes_apply_to_explicit_files_and_directories(tmp_path: Path) -> None:
    touch(tmp_path, "fixtures/keys.py", "fixtures/deep/k.py", "src/a.py", "src/a_test.py")
    config = Config(project_root=tmp_path, extend_exclude=["fixtures/", "*_test.py"])
    explicit = [
        tmp_path / "fixtures" / "keys.py",
        tmp_path / "fixtures" / "deep" / "k.py",
        tmp_path / "fixtures",
        tmp_path / "src" / "a_test.py",
        tmp_path / "src" / "a.py",
    ]
    found, notices = scan(tmp_path, explicit, config=config)
    assert found == ["src/a.py"]
    assert notices == []  # skipped silently, as ruff does


def test_excludes_are_relative_to_project_root(tmp_path: Path) -> None:
    project = tmp_path / "project"
    touch(project, "gen/a.py", "src/gen/b.py")
    config = Config(project_root=project, extend_exclude=["/gen"])
    root = project / "src"
    found, _ = scan(root, [root], config=config)
    assert found == ["gen/b.py"]  # "/gen" is anchored at the project root, not the scan root


# -- special files ---------------------------------------------------------------------------------


@pytest.mark.skipif(sys.platform == "win32", reason="symlinks need privileges on Windows")
def test_symlink_loop_terminates(tmp_path: Path) -> None:
    touch(tmp_path, "a/f.py")
    os.symlink(tmp_path / "a", tmp_path / "a" / "loop")
    os.symlink("..", tmp_path / "a" / "up")
    found, notices = scan(tmp_path)
    assert found == ["a/f.py"]
    assert notices == []


@pytest.mark.skipif(sys.platform == "win32", reason="symlinks need privileges on Windows")
def test_symlinks_outside_the_tree_are_followed_only_when_asked(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    touch(outside, "lib/x.py", "lib/back/y.py", "single.py")
    os.symlink(outside / "lib", outside / "lib" / "back" / "again")  # a loop out there too
    root = tmp_path / "root"
    touch(root, "a.py")
    os.symlink(outside / "lib", root / "linked")
    os.symlink(outside / "single.py", root / "file_link.py")
    found, notices = scan(root)
    assert found == ["a.py"]
    assert kinds(notices) == [("outside-root", "file_link.py"), ("outside-root", "linked")]
    found, notices = scan(root, config=Config(project_root=root, follow_links=True))
    assert found == ["a.py", "file_link.py", "linked/back/y.py", "linked/x.py"]
    assert notices == []


@pytest.mark.skipif(sys.platform == "win32", reason="symlinks need privileges on Windows")
def test_broken_symlink_notice(tmp_path: Path) -> None:
    touch(tmp_path, "a.py")
    os.symlink(tmp_path / "gone.py", tmp_path / "dangling.py")
    found, notices = scan(tmp_path)
    assert found == ["a.py"]
    assert kinds(notices) == [("broken-link", "dangling.py")]  # in a tree: skipped
    found, notices = scan(tmp_path, [tmp_path / "dangling.py"])  # named: cannot be read
    assert kinds(notices) == [("unreadable", "dangling.py")]


@pytest.fixture
def fail_after_10_seconds():  # type: ignore[no-untyped-def]
    """Turns a hang (opening a FIFO blocks until a writer comes) into a failure."""

    def hung(signum, frame):  # type: ignore[no-untyped-def]
        raise TimeoutError("discover blocked: it opened a FIFO")

    previous = signal.signal(signal.SIGALRM, hung)
    signal.setitimer(signal.ITIMER_REAL, 10)
    yield
    signal.setitimer(signal.ITIMER_REAL, 0)
    signal.signal(signal.SIGALRM, previous)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this platform")
def test_fifo_is_reported_and_never_opened(tmp_path: Path, fail_after_10_seconds: None) -> None:
    touch(tmp_path, "a.py")
    os.mkfifo(tmp_path / "pipe")
    found, notices = scan(tmp_path)
    assert found == ["a.py"]
    assert kinds(notices) == [("not-a-file", "pipe")]
    found, notices = scan(tmp_path, [tmp_path / "pipe"])
    assert found == []
    assert kinds(notices) == [("not-a-file", "pipe")]


@pytest.mark.skipif(not hasattr(socket, "AF_UNIX"), reason="no Unix sockets on this platform")
def test_socket_is_reported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)  # a short relative name: socket paths are limited to ~100 bytes
    with socket.socket(socket.AF_UNIX) as sock:
        sock.bind("sock")
        _, notices = scan(tmp_path)
    assert kinds(notices) == [("not-a-file", "sock")]


def test_unreadable_directory_notice(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # chmod 000 does not stop root, so make scandir fail the way it does for a normal user
    touch(tmp_path, "locked/secret.py", "open/a.py")
    locked = str(tmp_path / "locked")
    real_scandir = os.scandir

    def scandir(path: str):  # type: ignore[no-untyped-def]
        if os.fspath(path) == locked:
            raise PermissionError(13, "Permission denied", locked)
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    found, notices = scan(tmp_path)
    assert found == ["open/a.py"]
    assert kinds(notices) == [("unreadable", "locked")]
    assert "Permission denied" in notices[0].message


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root reads every directory")
def test_unreadable_directory_notice_for_real(tmp_path: Path) -> None:
    touch(tmp_path, "locked/secret.py", "a.py")
    (tmp_path / "locked").chmod(0)
    try:
        found, notices = scan(tmp_path)
    finally:
        (tmp_path / "locked").chmod(0o755)
    assert found == ["a.py"]
    assert kinds(notices) == [("unreadable", "locked")]


def test_too_large_notice(tmp_path: Path) -> None:
    # the size is judged on the open descriptor when the file is read (the walk stats nothing):
    # the scan reports it, walked or named
    from kaman_lint import engine

    touch(tmp_path, "small.js", content="x" * 100)
    touch(tmp_path, "big.js", content="x" * 101)
    config = Config(project_root=tmp_path, max_file_size=100)
    for paths in ([str(tmp_path)], [str(tmp_path / "big.js"), str(tmp_path / "small.js")]):
        result = engine.scan(paths, config, root=tmp_path, jobs=1)
        assert kinds(result.notices) == [("too-large", "big.js")]
        assert result.files_scanned == 1
        message = result.notices[0].message
        assert "101 bytes" in message and "100 bytes" in message and "max-file-size" in message


def test_the_walk_stats_no_plain_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # the type of a plain file is in its directory entry (d_type): asking stat() for each of the
    # 40,000 files of a big tree was a fifth of the walk
    touch(tmp_path, "a.py", "b/c.py", "b/d/e.txt", ".hidden/f.js")
    os.mkfifo(tmp_path / "pipe")
    calls: list[str] = []
    real_scandir = os.scandir

    class Entry:
        def __init__(self, entry: os.DirEntry[str]) -> None:
            self._entry = entry

        def __getattr__(self, name: str):
            return getattr(self._entry, name)

        def stat(self, *, follow_symlinks: bool = True) -> os.stat_result:
            calls.append(self._entry.name)
            return self._entry.stat(follow_symlinks=follow_symlinks)

    class Listing:
        def __init__(self, path) -> None:
            self._it = real_scandir(path)

        def __enter__(self):
            return (Entry(e) for e in self._it)

        def __iter__(self):
            return (Entry(e) for e in self._it)

        def __exit__(self, *exc) -> None:
            self._it.close()

    monkeypatch.setattr(os, "scandir", Listing)
    found, notices = scan(tmp_path)
    assert found == [".hidden/f.js", "a.py", "b/c.py", "b/d/e.txt"]
    assert calls == ["pipe"]  # only what the listing says is neither file, directory nor link
    assert kinds(notices) == [("not-a-file", "pipe")]


@pytest.mark.skipif(not os.path.isdir("/proc/self/fd"), reason="counts open descriptors in /proc")
def test_the_walk_holds_no_directory_open(tmp_path: Path) -> None:
    # each listing is read whole and closed (by its iterator's end) before the walk goes on
    touch(tmp_path, *(f"d{i}/e{j}/f{k}.py" for i in range(3) for j in range(3) for k in range(3)))
    before = len(os.listdir("/proc/self/fd"))
    notices: list[Notice] = []
    found = discover([tmp_path], root=tmp_path, config=Config(project_root=tmp_path), notices=notices)
    held = [len(os.listdir("/proc/self/fd")) - before for _ in found]
    assert len(held) == 27 and set(held) == {0}
