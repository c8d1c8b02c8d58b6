"""A plain scan's argv read without click (kaman_lint.command_argv) gives the scan command what
click gives it, or declines and leaves the argv to click: same keywords, defaults and types on a
table of argvs (and on many argvs built from the same pieces), and the same stdout, stderr and
exit status from the installed entry point as from the click command line."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

import argv_vs_click
from fakekeys import make_key
from kaman_lint import command_argv, command_options
from kaman_lint.cli import main, scan

def scan_options(args: list[str]) -> dict | None:
    return command_argv.options(command_options.SCAN, args)


STAGED = ["app.py", "client.js", "index.html", ".env", "config.json"]

# accepted: every argument one the click-free reading knows
ACCEPTED = [
    [],
    ["."],
    ["--staged", "--", *STAGED],
    ["-", "--stdin-filename", "app.py"],
    ["--stdin-filename=app.py", "-"],
    ["app.py", "--format", "json", "-o", "out.json"],
    ["--format=sarif", "--output=out.sarif", "src"],
    ["--config", "pyproject.toml", "--baseline", "missing.json", "--select", "KAM001,KAM002", "--ignore", ""],
    ["--select=", "--fail-on", "warning", "-j", "2", "-v"],
    ["--exit-zero", "--no-ignore", "--follow-links", "--jobs", "3", "app.py", "src"],
    ["--fix", "--unsafe-fixes", "--diff", "--verbose", "src"],
    ["--", "-", "--format"],  # after "--" everything is a path
    ["missing.py", "src", "-"],
    ["--jobs", "007"],
]

# declined: click says what is wrong, or does what the reading does not try to know
DECLINED = [
    ["--help"], ["-h"], ["src", "--help"], ["--version"],
    ["--format", "xml"], ["--format=JSON"], ["--fail-on", "fatal"],
    ["--jobs", "0"], ["-j", "-1"], ["--jobs", "two"], ["--jobs", "+2"], ["--jobs", " 2"], ["-j2"],
    ["-o"], ["--output"], ["-o", "src"], ["-ojson"], ["-vo", "out.json"], ["-vj", "2"],
    ["--select", "-x"], ["--stdin-filename", "-"], ["--select=-x"],
    ["--staged=1"], ["--staged", "--staged"], ["--format", "json", "--format", "text"],
    ["--formats", "json"], ["--form", "json"], ["--no-such-option"], ["-x"], ["---staged"],
    ["-5"], ["src", "--unknown"],
]


@pytest.fixture
def project(tmp_path: Path, monkeypatch) -> Path:
    (tmp_path / "src").mkdir()
    for i, name in enumerate(STAGED):
        (tmp_path / name).write_text(f'KAMAN_API_KEY = "{make_key(900 + i)}"\n')
    (tmp_path / "pyproject.toml").write_text("[tool.kaman-lint]\n")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def clicks(args: list[str]) -> dict | None:
    return argv_vs_click.clicks(scan, args)


typed = argv_vs_click.typed


@pytest.mark.parametrize("args", ACCEPTED, ids=" ".join)
def test_an_accepted_argv_gives_what_click_gives(project, args):
    ours = scan_options(args)
    assert ours is not None, args
    theirs = clicks(args)
    assert theirs is not None, args
    assert typed(ours) == typed(theirs)


@pytest.mark.parametrize("args", DECLINED, ids=" ".join)
def test_what_the_reading_does_not_know_is_left_to_click(project, args):
    assert scan_options(args) is None


def test_many_argvs_from_the_same_pieces_agree_with_click_whenever_they_are_read(project):
    """Argvs built at random from every option string (and others), values good and bad: each
    one the reading accepts gives click's keywords exactly; and the plain ones are accepted."""
    pieces = ["--", "-", "src", "app.py", "missing", "json", "text", "sarif", "note", "error", "2", "0",
              "-1", "x", "", "out.json", "--help", "-h", "--nope", "KAM001", "--format=json", "--jobs=2",
              "--staged=1", "-j2", "-vo"]
    assert argv_vs_click.agreeing_random_argvs(command_options.SCAN, scan, pieces, seed=13, longest=7) > 300


def test_the_table_is_what_the_click_command_is_built_from():
    assert main.commands["scan"] is scan
    argv_vs_click.assert_built_from(command_options.SCAN, scan)
    assert set(scan_options([])) == {param.name for param in scan.params}


# The entry point (kaman_lint.entry, what the installed `kaman-lint` runs) against the click
# command line itself, each in a fresh interpreter named as the installed command is.
ENTRY, CLICK = argv_vs_click.ENTRY, argv_vs_click.CLICK


def ran(code: str, args: list[str], cwd: Path, stdin: str = "") -> tuple[int, str, str]:
    done = subprocess.run([sys.executable, "-c", code, "scan", *args], cwd=cwd, capture_output=True, text=True,
                          input=stdin)
    return done.returncode, done.stdout, done.stderr


RUNS = [
    ["--staged", "--", *STAGED],
    ["-", "--stdin-filename", "app.py"],
    ["app.py", "--format", "json"],
    ["app.py", "--format", "sarif", "--exit-zero"],
    ["missing.py"],  # the tool's own error: exit 2
    ["--select", "KAM999", "app.py"],  # an unknown rule: exit 2
    ["-", "app.py"],
    ["--stdin-filename", "app.py", "src"],
    ["--fix", "-"],
    ["--staged", "--", "app.py"],  # not a git repository
    ["--format", "xml"],  # declined: click's usage error
    ["-j", "0", "src"],
    ["--help"],
    ["-o", "src", "app.py"],
]


@pytest.mark.parametrize("args", RUNS, ids=" ".join)
def test_the_entry_point_says_what_the_click_command_line_says(project, args):
    if "--staged" in args and args != ["--staged", "--", "app.py"]:
        subprocess.run(["git", "init", "-q"], cwd=project, check=True)
        subprocess.run(["git", "add", "-A"], cwd=project, check=True)
    stdin = (project / "app.py").read_text()
    assert ran(ENTRY, args, project, stdin) == ran(CLICK, args, project, stdin)


def test_a_plain_scan_imports_no_click(project, tmp_path):
    listing = tmp_path / "modules.txt"
    code = ("import atexit, sys; sys.argv[0] = 'kaman-lint'; "
            f"atexit.register(lambda: open({str(listing)!r}, 'w').write(' '.join(sys.modules))); "
            "from kaman_lint.entry import main; main()")
    for args in (["-", "--stdin-filename", "app.py"], ["app.py", "--format", "json"]):
        subprocess.run([sys.executable, "-c", code, "scan", *args], cwd=project, capture_output=True, input=b"x")
        modules = listing.read_text().split()
        assert "kaman_lint.engine" in modules  # it did scan
        assert not {m for m in modules if m == "click" or m.startswith("click.")}, args
        assert "kaman_lint.cli" not in modules


def test_a_completion_request_goes_to_click(monkeypatch):
    monkeypatch.setenv("_KAMAN_LINT_COMPLETE", "bash_source")
    assert not command_argv.plain_run()
    monkeypatch.delenv("_KAMAN_LINT_COMPLETE")
    assert command_argv.plain_run()


@pytest.mark.parametrize("raised", [KeyboardInterrupt(), RuntimeError(f"could not\n{make_key(990)}"),
                                    SystemExit(1)], ids=repr)
def test_what_the_command_raises_ends_the_run_as_click_ends_it(project, monkeypatch, capfd, raised):
    from click.testing import CliRunner

    from kaman_lint import scan_command

    def broken(**keywords):
        raise raised

    monkeypatch.setattr(scan_command, "scan", broken)
    clicked = CliRunner().invoke(main, ["scan", "app.py"])
    with pytest.raises(SystemExit) as ended:
        command_argv.run(scan_command.scan, scan_options(["app.py"]))
    out, err = capfd.readouterr()
    assert (ended.value.code, out + err) == (clicked.exit_code, clicked.output)


def test_a_closed_stdout_ends_a_plain_scan_as_it_ends_a_click_one(project):
    """`kaman-lint scan app.py | head`, the reader gone before the report: exit 2, quietly."""
    def closed(code: str) -> tuple[int, bytes]:
        process = subprocess.Popen([sys.executable, "-c", code, "scan", "app.py"], cwd=project,
                                   stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        process.stdout.close()
        return process.wait(), process.stderr.read()

    assert closed(ENTRY) == closed(CLICK) == (2, b"")
