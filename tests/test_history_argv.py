"""A plain history run's argv read without click (kaman_lint.command_argv, on the HISTORY table)
gives the history command what click gives it, or declines and leaves the argv to click: same
keywords, defaults and types on a table of argvs (and on many argvs built from the same pieces),
and the same stdout, stderr and exit status from the installed entry point as from the click
command line."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from kaman_lint import command_argv, command_options
from kaman_lint.cli import history, main

try:
    import argv_vs_click
    from fakekeys import make_key
except ImportError:  # tests/ imported as a package
    from tests import argv_vs_click
    from tests.fakekeys import make_key

if shutil.which("git") is None:
    pytest.skip("git is not installed", allow_module_level=True)

# accepted: every argument one the click-free reading knows
ACCEPTED = [
    [],
    ["."],
    ["repo"],
    ["repo", "--format", "sarif", "-o", "out.sarif"],
    ["--format=json", "--output=out.json", "repo"],
    ["repo", "--range", "main~1..main", "--since", "2024-01-01"],
    ["--range=v1..", "--since=2.weeks.ago", "missing"],
    ["--config", "pyproject.toml", "--baseline", "missing.json", "--select", "KAM001,KAM002", "--ignore", ""],
    ["--select=", "--fail-on", "warning", "-j", "2", "repo"],
    ["--exit-zero", "--pre-push", "--jobs", "3"],
    ["--jobs", "007", "repo"],
    ["-"],
]

# declined: click says what is wrong, or does what the reading does not try to know
DECLINED = [
    ["--help"], ["-h"], ["repo", "--help"], ["--version"],
    ["--format", "xml"], ["--format=JSON"], ["--fail-on", "fatal"], ["--fail-on=Error"],
    ["--jobs", "0"], ["-j", "0"], ["-j", "-1"], ["--jobs", "two"], ["-j2"],
    ["-o"], ["--range"], ["-o", "repo"], ["-ojson"],
    ["--range", "-x"], ["--since=-1"],
    ["--exit-zero=1"], ["--exit-zero", "--exit-zero"], ["--format", "json", "--format", "text"],
    ["--since", "a", "--since", "b"], ["-j", "2", "--jobs", "3"],
    ["--formats", "json"], ["--form", "json"], ["--no-such-option"], ["-x"], ["--staged"],
    ["repo", "other"], ["--", "repo"], ["repo", "--"], ["--", "-x"],
    ["-5"], ["repo", "--unknown"],
]


def git(cwd: Path, *args: str) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    env.update(GIT_CONFIG_NOSYSTEM="1", HOME=str(cwd), GIT_AUTHOR_NAME="A", GIT_AUTHOR_EMAIL="a@example.com",
               GIT_COMMITTER_NAME="A", GIT_COMMITTER_EMAIL="a@example.com",
               GIT_AUTHOR_DATE="2024-05-01T10:00:00+00:00", GIT_COMMITTER_DATE="2024-05-01T10:00:00+00:00")
    subprocess.run(["git", *args], cwd=cwd, env=env, check=True, capture_output=True)


@pytest.fixture
def project(tmp_path: Path, monkeypatch) -> Path:
    """A directory holding `repo`, a repository whose history added a key and then deleted it."""
    repo = tmp_path / "repo"
    repo.mkdir()
    git(repo, "init", "-q", "-b", "main")
    (repo / "settings.py").write_text(f'KAMAN_API_KEY = "{make_key(950)}"\n')
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "add")
    (repo / "settings.py").write_text("KAMAN_API_KEY = None\n")
    git(repo, "commit", "-q", "-am", "remove")
    (tmp_path / "pyproject.toml").write_text("[tool.kaman-lint]\n")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def history_options(args: list[str]) -> dict | None:
    return command_argv.options(command_options.HISTORY, args)


def clicks(args: list[str]) -> dict | None:
    return argv_vs_click.clicks(history, args)


typed = argv_vs_click.typed


@pytest.mark.parametrize("args", ACCEPTED, ids=" ".join)
def test_an_accepted_argv_gives_what_click_gives(project, args):
    ours = history_options(args)
    assert ours is not None, args
    theirs = clicks(args)
    assert theirs is not None, args
    assert typed(ours) == typed(theirs)


@pytest.mark.parametrize("args", DECLINED, ids=" ".join)
def test_what_the_reading_does_not_know_is_left_to_click(project, args):
    assert history_options(args) is None


def test_many_argvs_from_the_same_pieces_agree_with_click_whenever_they_are_read(project):
    """Argvs built at random from every option string (and others), values good and bad: each
    one the reading accepts gives click's keywords exactly; and the plain ones are accepted."""
    pieces = ["--", "-", "repo", "missing", "json", "sarif", "note", "error", "2", "0", "-1", "x", "",
              "main..", "out.json", "--help", "-h", "--nope", "KAM001", "--format=json", "--jobs=2",
              "--exit-zero=1", "-j2"]
    assert argv_vs_click.agreeing_random_argvs(command_options.HISTORY, history, pieces, seed=11, longest=6) > 200


def test_the_table_is_what_the_click_command_is_built_from():
    assert main.commands["history"] is history
    argv_vs_click.assert_built_from(command_options.HISTORY, history)
    assert set(history_options([])) == {param.name for param in history.params}


ENTRY, CLICK = argv_vs_click.ENTRY, argv_vs_click.CLICK

RUNS = [
    ["repo"],
    ["repo", "--format", "json"],
    ["repo", "--format", "sarif", "--exit-zero"],
    ["repo", "--format", "json", "--fail-on", "error", "-j", "1"],
    ["repo", "--range", "main~1..main", "--format", "json"],
    ["repo", "--range", "nosuch..main"],  # git refuses the range: exit 2
    ["missing"],  # no repository: exit 2
    ["repo", "--pre-push"],  # no PRE_COMMIT_TO_REF: exit 2
    ["repo", "--select", "KAM999"],  # an unknown rule: exit 2
    ["repo", "-o", "out.json", "--format", "json"],
    ["--format", "xml", "repo"],  # declined: click's usage error
    ["-j", "0", "repo"],
    ["--help"],
]


def ran(code: str, args: list[str], cwd: Path) -> tuple[int, str, str, bytes]:
    out = cwd / "out.json"
    out.unlink(missing_ok=True)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PRE_COMMIT_", "_"))}
    done = subprocess.run([sys.executable, "-c", code, "history", *args], cwd=cwd, capture_output=True, text=True,
                          env=env)
    return done.returncode, done.stdout, done.stderr, out.read_bytes() if out.exists() else b""


@pytest.mark.parametrize("args", RUNS, ids=" ".join)
def test_the_entry_point_says_what_the_click_command_line_says(project, args):
    assert ran(ENTRY, args, project) == ran(CLICK, args, project)


def test_a_run_through_the_entry_point_finds_the_deleted_key(project):
    status, out, err, _ = ran(ENTRY, ["repo", "--format", "json"], project)
    assert status == 1 and "KAM001" in out, err[-2000:]


@pytest.mark.parametrize("raised", [KeyboardInterrupt(), RuntimeError(f"could not\n{make_key(991)}"),
                                    SystemExit(1)], ids=repr)
def test_what_the_command_raises_ends_the_run_as_click_ends_it(project, monkeypatch, capfd, raised):
    from click.testing import CliRunner

    from kaman_lint import history_command

    def broken(**keywords):
        raise raised

    monkeypatch.setattr(history_command, "history", broken)
    clicked = CliRunner().invoke(main, ["history", "repo"])
    with pytest.raises(SystemExit) as ended:
        command_argv.run(history_command.history, history_options(["repo"]))
    out, err = capfd.readouterr()
    assert (ended.value.code, out + err) == (clicked.exit_code, clicked.output)
