"""Short runs import only what they use (issue 13, target 3): a pre-commit run or an editor's
call must not pay for the worker pool, the editor server or the plugin machinery. Counted on
the modules a real run loaded, never timed."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

from tests.fakekeys import make_key
from tests.tree import write

# Runs the real command line in a fresh interpreter, then prints the modules it loaded.
RUN_AND_LIST_MODULES = """
import atexit, sys
listing, sys.argv = sys.argv[1], ["kaman-lint"] + sys.argv[2:]
atexit.register(lambda: print("\\n".join(sorted(sys.modules)), file=open(listing, "w")))
from kaman_lint.cli import main
main()
"""

# Heavy and only needed by some runs: the worker pool (many files), the editor server, the
# distribution metadata (only when a rule plugin is installed: tests/test_plugin_discovery.py).
NEVER_IN_A_SHORT_RUN = ("concurrent.futures", "multiprocessing", "pygls", "lsprotocol", "cattrs",
                        "importlib.metadata")


def loaded_modules(tmp_path: Path, *args: str, cwd: Path | None = None) -> set[str]:
    listing = tmp_path / "modules.txt"
    subprocess.run([sys.executable, "-c", RUN_AND_LIST_MODULES, str(listing), *args],
                   cwd=cwd or tmp_path, capture_output=True, check=False)
    return set(listing.read_text().split())


def top_level(modules: set[str]) -> set[str]:
    return {name.split(".")[0] for name in modules}


# The installed command's own entry point, then the modules it loaded.
RUN_ENTRY_AND_LIST_MODULES = RUN_AND_LIST_MODULES.replace("from kaman_lint.cli import main",
                                                          "from kaman_lint.entry import main")


# Runs the real command line in a fresh interpreter; at exit, writes what the prelude's
# `at_exit()` returns to a file, so a test can count what the run imported, made or compiled.
RUN_AND_REPORT_AT_EXIT = """
import atexit, sys
report, sys.argv = sys.argv[1], ["kaman-lint"] + sys.argv[2:]
{prelude}
# registered before main(): runs after the command's own exit handlers
atexit.register(lambda: open(report, "w").write(str(at_exit())))
from kaman_lint.{entry} import main
main()
"""


def report_at_exit(project: Path, prelude: str, *args: str, entry: str = "cli", input: str | None = None
                   ) -> tuple[subprocess.CompletedProcess, str]:
    """`kaman-lint *args` run in `project` (from `kaman_lint.<entry>`), and what `at_exit()`,
    defined by `prelude` (module-level code run before the command line is imported), said."""
    report = project.parent / "at-exit.txt"
    report.unlink(missing_ok=True)
    script = RUN_AND_REPORT_AT_EXIT.format(prelude=textwrap.dedent(prelude), entry=entry)
    done = subprocess.run([sys.executable, "-c", script, str(report), *args], cwd=project,
                          capture_output=True, text=True, input=input)
    assert report.exists(), done.stderr[-2000:]
    return done, report.read_text()


def test_the_command_answers_version_without_click(tmp_path):
    """`kaman-lint --version` (the console script's entry point) prints what click's
    version option prints, and imports neither click nor the command line."""
    listing = tmp_path / "modules.txt"
    done = subprocess.run([sys.executable, "-c", RUN_ENTRY_AND_LIST_MODULES, str(listing), "--version"],
                          cwd=tmp_path, capture_output=True, text=True, check=True)
    modules = set(listing.read_text().split())
    assert not top_level(modules) & {"click", "pathspec", "tree_sitter"}, sorted(top_level(modules))
    assert "kaman_lint.cli" not in modules
    from click.testing import CliRunner

    from kaman_lint.cli import main

    assert done.stdout == CliRunner().invoke(main, ["--version"]).output


def test_the_entry_point_hands_everything_else_to_the_command_line(tmp_path):
    for args, expected in ((["--help"], "Usage:"), (["scan", "--version"], "No such option '--version'")):
        done = subprocess.run([sys.executable, "-m", "kaman_lint", *args], cwd=tmp_path, capture_output=True,
                              text=True)
        assert expected in done.stdout + done.stderr, (args, done.stdout, done.stderr)


def test_version_loads_nothing_of_the_scanner(tmp_path):
    modules = loaded_modules(tmp_path, "--version")
    ours = {m for m in modules if m.startswith("kaman_lint")}
    assert ours <= {"kaman_lint", "kaman_lint.cli", "kaman_lint.report", "kaman_lint.severity",
                    "kaman_lint.scan_command", "kaman_lint.command_options", "kaman_lint.tool_errors"}, sorted(ours)
    assert not top_level(modules) & {"pathspec", "tree_sitter", "concurrent", "multiprocessing", "pygls"}


def five_files(root: Path) -> list[str]:
    """One file of each kind a commit typically holds, each mentioning Kaman."""
    files = {
        "app.py": f'import os\nKAMAN_API_KEY = "{make_key(1)}"\nprint(os.environ.get("KAMAN_URL"))\n',
        "client.js": f'const kamanKey = "{make_key(2)}";\nfetch(url, {{headers: {{Authorization: "Bearer " + kamanKey}}}});\n',
        "index.html": f'<html><head><script>window.KAMAN_KEY = "{make_key(3)}";</script></head></html>\n',
        ".env": f"KAMAN_API_KEY={make_key(4)}\n",
        "config.json": f'{{"kaman": {{"apiKey": "{make_key(5)}"}}}}\n',
    }
    write(root, files)
    return list(files)


def test_a_scan_of_a_few_files_starts_no_pool_and_no_server(tmp_path):
    project = tmp_path / "project"
    names = five_files(project)
    modules = loaded_modules(tmp_path, "scan", *names, "--format", "json", cwd=project)
    assert "kaman_lint.engine" in modules  # it did scan
    heavy = sorted(m for m in modules if m.startswith(NEVER_IN_A_SHORT_RUN))
    assert not heavy, heavy


def test_a_short_scan_with_plain_excludes_imports_no_pathspec_and_no_logging(tmp_path):
    """The default excludes and plain-path ones (`tests/fixtures/`) are matched without
    pathspec, and nobody shows the walk's debug lines, so neither is imported."""
    project = tmp_path / "project"
    names = five_files(project)
    write(project, {"pyproject.toml": '[tool.kaman-lint]\nextend-exclude = ["tests/fixtures/", "vendor"]\n'})
    for args in (("scan", *names), ("scan", "-", "--stdin-filename", "app.py")):
        modules = loaded_modules(tmp_path, *args, "--format", "json", cwd=project)
        assert "kaman_lint.engine" in modules  # it did scan
        assert not top_level(modules) & {"pathspec", "logging", "re2"}, sorted(top_level(modules))


def test_a_walk_with_plain_excludes_imports_no_pathspec(tmp_path):
    """A directory walk tests each entry by name (`Config.excludes_entry`): with the default
    excludes and plain-path ones that needs no pathspec either (its import was 20-30 ms of
    every walk's start, before any file was read)."""
    project = tmp_path / "project"
    five_files(project / "src")
    write(project, {"pyproject.toml": '[tool.kaman-lint]\nextend-exclude = ["tests/fixtures/", "/build", "vendor"]\n',
                    "tests/fixtures/skipped.py": "x = 1\n", "build/out.js": "y = 2\n", "src/vendor/v.js": "z = 3\n"})
    modules = loaded_modules(tmp_path, "scan", ".", "--format", "json", cwd=project)
    assert "kaman_lint.discover" in modules  # it did walk
    assert "pathspec" not in top_level(modules), sorted(top_level(modules))


def test_a_glob_exclude_still_loads_pathspec(tmp_path):
    project = tmp_path / "project"
    names = five_files(project)
    write(project, {"pyproject.toml": '[tool.kaman-lint]\nextend-exclude = ["*.min.js"]\n'})
    assert "pathspec" in top_level(loaded_modules(tmp_path, "scan", *names, cwd=project))


# Loaded only when a run needs them: the TOML parser when there is a config file to read,
# difflib for a did-you-mean message, the index reader for --staged, the module graph when a
# file's side is asked of it (a Python buffer asks nothing of it). hashlib (OpenSSL) never:
# fingerprints take the interpreter's own SHA-256 (kaman_lint/sha256.py). The archive reader
# when a file is an archive (archive_kinds tells).
ONLY_WHEN_NEEDED = ("tomllib", "tomli", "difflib", "kaman_lint.staged", "hashlib", "_hashlib", "kaman_lint.archives")


def test_a_short_run_without_a_config_loads_no_toml_parser_no_difflib_and_no_index_reader(tmp_path):
    project = tmp_path / "project"
    names = five_files(project)
    for args in (("scan", *names), ("scan", "-", "--stdin-filename", "app.py")):
        modules = loaded_modules(tmp_path, *args, "--format", "json", cwd=project)
        assert "kaman_lint.engine" in modules  # it did scan
        assert not modules & set(ONLY_WHEN_NEEDED), sorted(modules & set(ONLY_WHEN_NEEDED))


def test_a_buffer_starts_no_process_and_loads_no_string_module(tmp_path):
    """A stdin buffer (an editor's, every keystroke's) runs no git, so `subprocess` (with
    `signal` and `selectors`) is not imported; nor `string`, whose Template compiles a regex."""
    project = tmp_path / "project"
    five_files(project)
    for name in ("app.py", "client.js"):
        modules = loaded_modules(tmp_path, "scan", "-", "--stdin-filename", name, cwd=project)
        assert "kaman_lint.engine" in modules
        # on 3.10 the standard library itself brings subprocess in (click's imports reach it)
        unwanted = {"subprocess", "string"} if sys.version_info >= (3, 11) else {"string"}
        assert not modules & unwanted, sorted(modules & unwanted)


def test_a_python_buffer_does_not_load_the_module_graph(tmp_path):
    project = tmp_path / "project"
    five_files(project)
    modules = loaded_modules(tmp_path, "scan", "-", "--stdin-filename", "app.py", cwd=project)
    assert "kaman_lint.engine" in modules
    assert "kaman_lint.exposure.graph.model" not in modules


def test_the_loaders_load_what_they_need_when_they_need_it(tmp_path):
    """The other side of the lazy imports: a config file loads the TOML parser, a misspelt key
    its did-you-mean, --staged the index reader."""
    project = tmp_path / "project"
    names = five_files(project)
    write(project, {"pyproject.toml": '[tool.kaman-lint]\nextend-exlude = ["vendor"]\n'})
    modules = loaded_modules(tmp_path, "scan", *names, cwd=project)
    assert {"difflib"} <= modules and modules & {"tomllib", "tomli"}
    (project / "pyproject.toml").unlink()
    subprocess.run(["git", "init", "-q"], cwd=project, check=True)
    subprocess.run(["git", "add", "-A"], cwd=project, check=True)
    assert "kaman_lint.staged" in loaded_modules(tmp_path, "scan", "--staged", "--", *names, cwd=project)
    import zipfile

    with zipfile.ZipFile(project / "release.zip", "w") as archive:
        archive.writestr("app.py", (project / "app.py").read_text())
    assert "kaman_lint.archives" in loaded_modules(tmp_path, "scan", "release.zip", cwd=project)


def test_a_buffer_or_the_index_is_scanned_without_loading_the_walker(tmp_path):
    """stdin and `--staged` (the editor, the pre-commit hook) read no directory: the walker
    (`kaman_lint.discover`, 55 KB of bytecode) is loaded by a scan that walks, only."""
    project = tmp_path / "project"
    names = five_files(project)
    subprocess.run(["git", "-c", "init.defaultBranch=main", "init", "-q"], cwd=project, check=True)
    subprocess.run(["git", "add", "-A"], cwd=project, check=True)
    for args in (("scan", "-", "--stdin-filename", "app.py"), ("scan", "--staged", "--", *names)):
        modules = loaded_modules(tmp_path, *args, "--format", "json", cwd=project)
        assert "kaman_lint.engine" in modules, args  # it did scan
        assert "kaman_lint.discover" not in modules, args
    assert "kaman_lint.discover" in loaded_modules(tmp_path, "scan", *names, cwd=project)


def entry_modules(tmp_path: Path, *args: str, cwd: Path) -> set[str]:
    """The modules `kaman-lint *args` loaded, run from the installed command's entry point
    (a plain scan then runs without click, which imports `inspect` itself); a buffer's text
    is the file `--stdin-filename` names."""
    listing = tmp_path / "modules.txt"
    buffer = (cwd / args[args.index("--stdin-filename") + 1]).read_text() if "--stdin-filename" in args else ""
    subprocess.run([sys.executable, "-c", RUN_ENTRY_AND_LIST_MODULES, str(listing), *args], cwd=cwd,
                   capture_output=True, check=False, input=buffer, text=True)
    return set(listing.read_text().split())


def test_a_short_scan_imports_neither_dataclasses_nor_inspect_nor_json(tmp_path):
    """Records are built, hashed and replaced without being made (kaman_lint/records.py), so a
    short run does not import `dataclasses`, nor `inspect` (with `dis`), which it imports and
    which cost a 5-file commit ~6% of its instructions; a JavaScript buffer not even Python's
    parser and tokenizer."""
    project = tmp_path / "project"
    names = five_files(project)
    for args in (("scan", *names), ("scan", "-", "--stdin-filename", "app.py"),
                 ("scan", "-", "--stdin-filename", "client.js")):
        for output in ("text", "json"):
            modules = entry_modules(tmp_path, *args, "--format", output, cwd=project)
            assert "kaman_lint.engine" in modules, args  # it did scan
            assert "kaman_lint.cli" not in modules, args  # (the plain path, not click's)
            assert not modules & {"dataclasses", "inspect", "dis"}, (args, sorted(modules & {"dataclasses", "inspect"}))
            # read where a file needs them (a package.json or a tsconfig, a JWT, a base64 run
            # with a marker) or the JSON report does
            assert not modules & ({"base64"} if output == "json" else {"base64", "json"}), (args, output)
    modules = entry_modules(tmp_path, "scan", "-", "--stdin-filename", "client.js", cwd=project)
    assert not modules & {"ast", "tokenize"}, sorted(modules & {"ast", "tokenize"})


def test_a_scan_that_opens_an_archive_imports_no_dataclasses(tmp_path):
    """An archive's members and skips are records too (kaman_lint/records.py): a worker that
    meets a zip (a wheel, a jar) does not import `dataclasses` with `inspect` and `dis` for them."""
    import zipfile

    project = tmp_path / "project"
    project.mkdir()
    with zipfile.ZipFile(project / "bundle.zip", "w") as archive:
        archive.writestr("app/settings.py", "KAMAN_URL = 'https://api.kaman.example'\n")
        archive.writestr("app/readme.txt", "nothing here\n")
    modules = entry_modules(tmp_path, "scan", "bundle.zip", "--format", "text", cwd=project)
    assert "kaman_lint.archives" in modules  # it did open the archive
    assert not modules & {"dataclasses", "inspect", "dis"}, sorted(modules & {"dataclasses", "inspect", "dis"})


def test_a_short_scan_imports_no_typing(tmp_path):
    """Nor `typing` (~3.5% of a 5-file commit): the package's annotations are strings, its
    NamedTuples its own (kaman_lint/named_tuples.py). Run as a user's install runs, without
    this venv's editable-install finder (which imports typing itself): the checkout and the
    dependencies on the path, no `.pth` file run."""
    import sysconfig

    project = tmp_path / "project"
    names = five_files(project)
    listing = tmp_path / "modules.txt"
    checkout = Path(__file__).resolve().parent.parent
    path = os.pathsep.join([str(checkout), sysconfig.get_path("purelib"), sysconfig.get_path("platlib")])
    for args in (("scan", *names), ("scan", "-", "--stdin-filename", "app.py"),
                 ("scan", "-", "--stdin-filename", "client.js")):
        for output in ("text", "json"):
            listing.unlink(missing_ok=True)
            buffer = (project / args[-1]).read_text() if "-" in args else ""
            done = subprocess.run([sys.executable, "-S", "-c", RUN_ENTRY_AND_LIST_MODULES, str(listing), *args,
                                   "--format", output], cwd=project, capture_output=True, text=True, input=buffer,
                                  env={**os.environ, "PYTHONPATH": path})
            modules = set(listing.read_text().split())
            assert "kaman_lint.engine" in modules and done.returncode == 1, (args, done.stderr[-2000:])
            assert "typing" not in modules, (args, output)


def test_the_pre_commit_hook_runs_git_without_subprocess(tmp_path):
    """`scan --staged` starts its two git commands with kaman_lint.spawn (posix_spawn):
    `subprocess`, with `locale`, `signal` and `selectors`, was ~4% of a 5-file commit."""
    from kaman_lint import spawn

    project = tmp_path / "project"
    names = five_files(project)
    subprocess.run(["git", "-c", "init.defaultBranch=main", "init", "-q"], cwd=project, check=True)
    subprocess.run(["git", "add", "-A"], cwd=project, check=True)
    modules = entry_modules(tmp_path, "scan", "--staged", "--", *names, cwd=project)
    assert "kaman_lint.staged" in modules  # it did read the index
    if sys.version_info >= (3, 11):  # (on 3.10 the standard library brings it in by itself)
        assert ("subprocess" in modules) is not spawn.POSIX


def test_a_scan_of_a_git_work_tree_lists_it_without_subprocess(tmp_path):
    """`scan .` in a repository (an editor's or a CI's) asks git for its files through
    kaman_lint.spawn too; `subprocess` comes in only where posix_spawn is missing."""
    from kaman_lint import spawn

    project = tmp_path / "project"
    five_files(project)
    subprocess.run(["git", "-c", "init.defaultBranch=main", "init", "-q"], cwd=project, check=True)
    modules = entry_modules(tmp_path, "scan", ".", cwd=project)
    assert "kaman_lint.gitfiles" in modules  # it did ask git
    if sys.version_info >= (3, 11):  # (on 3.10 the standard library brings it in by itself)
        assert ("subprocess" in modules) is not spawn.POSIX


def test_a_plain_history_run_starts_git_before_click_and_never_imports_it(tmp_path):
    """`history` starts git while the config and the scanner load (kaman_lint.history.start);
    click with what it imports came before that, most of the time until git's first process.
    Read without click (kaman_lint.command_argv), the run starts git first and imports no click."""
    project = tmp_path / "project"
    five_files(project)
    subprocess.run(["git", "-c", "init.defaultBranch=main", "init", "-q"], cwd=project, check=True)
    subprocess.run(["git", "add", "-A"], cwd=project, check=True)
    subprocess.run(["git", "-c", "user.name=A", "-c", "user.email=a@example.com", "commit", "-q", "-m", "x"],
                   cwd=project, check=True)
    prelude = """
    import subprocess, sys
    first = []  # whether click was imported when each git process started
    class Popen(subprocess.Popen):
        def __init__(self, args, *rest, **keywords):
            first.append((args[0], "click" in sys.modules))
            super().__init__(args, *rest, **keywords)
    subprocess.Popen = Popen
    def at_exit():
        return repr((first, "click" in sys.modules, "kaman_lint.cli" in sys.modules))
    """
    done, said = report_at_exit(project, prelude, "history", ".", "--format", "json", entry="entry")
    assert done.returncode == 1 and "KAM001" in done.stdout, done.stderr[-2000:]  # it did scan the history
    started, click_at_exit, cli_at_exit = eval(said)
    assert started and started[0] == ("git", False), started
    assert (click_at_exit, cli_at_exit) == (False, False)


# What the preload before forking workers (engine._preload_shared) leaves to the workers: the
# analyzers and grammars (a worker imports those of the files it meets), the TOML parser; and
# what nobody imports: tree-sitter's and its grammars' package `__init__`s (typing,
# importlib.resources with pathlib's and tempfile's imports: js_parse loads the C extensions
# alone), dataclasses (lang/yaml.py's records are made on first use). Each was milliseconds of
# the main process before its workers start.
# (`typing` is left out: this venv's editable-install finder imports it; tree_sitter's would.)
NOT_PRELOADED = ("tomllib", "tomli", "importlib.resources", "dataclasses", "inspect", "tree_sitter",
                 "tree_sitter_javascript", "tree_sitter_typescript", "tempfile", "kaman_lint.lang.python",
                 "kaman_lint.lang.javascript", "kaman_lint.lang.yaml", "tree_sitter._binding",
                 "tree_sitter_javascript._binding", "tree_sitter_typescript._binding")
# Nor does the pool import, before its workers fork, `pickle`'s Python module (the C pickler it
# wraps does the same) or `signal` (only to stop a busy worker, when a scan fails): ~9M
# instructions of every pooled scan's start.
NOT_IMPORTED_BY_THE_POOL = ("pickle", "signal")


def test_the_preload_before_a_pool_loads_what_every_file_needs_and_not_the_analyzers(tmp_path):
    if not sys.platform.startswith("linux"):
        return  # (elsewhere workers are not forked: nothing is preloaded)
    from kaman_lint.engine import POOL_THRESHOLD

    project = tmp_path / "project"
    five_files(project)
    write(project, {f"lib/m{i}.py": f"VALUE = {i}\n" for i in range(POOL_THRESHOLD)})
    modules = entry_modules(tmp_path, "scan", ".", "--format", "json", "-j", "2", cwd=project)
    assert "kaman_lint.forked_pool" in modules  # it did fork workers
    assert {"ahocorasick_rs", "kaman_lint.exposure.graph.survey", "kaman_lint.exposure.graph.served"} <= modules
    assert not modules & set(NOT_PRELOADED), sorted(modules & set(NOT_PRELOADED))
    assert not modules & set(NOT_IMPORTED_BY_THE_POOL), sorted(modules & set(NOT_IMPORTED_BY_THE_POOL))
