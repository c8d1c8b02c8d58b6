"""Every snippet in the README works when pasted (issue 8 item 13). Each fenced block is taken
from README.md as it stands: commands are parsed by kaman-lint's own command line, and what can
run here runs for real (the sample output, the stdin and baseline commands, both pre-commit
configurations with the real pre-commit, the config files). The Neovim and Vim snippets run in a
real Neovim in tests/test_neovim.py; the base-branch CI step in tests/test_trusted_config.py."""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import click
import pytest

from kaman_lint.cli import main
from kaman_lint.config import ConfigError, load_config

try:
    from fakekeys import leaked, make_key
except ImportError:  # tests/ imported as a package
    from tests.fakekeys import leaked, make_key

README = Path(__file__).resolve().parent.parent / "README.md"
BIN = Path(sys.executable).parent
FENCE = re.compile(r"^```(\w*)\n(.*?)^```", re.M | re.S)


def blocks(language: str | None = None) -> list[tuple[str, str, str]]:
    """(language, text, heading above it) of each fenced block."""
    text = README.read_text(encoding="utf-8")
    # the text with every block blanked out, offsets kept: a `# comment` in a block is no heading
    prose = FENCE.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), text)
    found = []
    for match in FENCE.finditer(text):
        headings = re.findall(r"^#+ (.+)$", prose[:match.start()], re.M)
        if language is None or match.group(1) == language:
            found.append((match.group(1), match.group(2), headings[-1] if headings else ""))
    return found


def block_under(heading: str, language: str, index: int = 0) -> str:
    matching = [text for lang, text, head in blocks(language) if head == heading]
    assert len(matching) > index, f"the README lost its {language} block under {heading!r}"
    return matching[index]


def env_with_kaman_lint(**extra: str) -> dict[str, str]:
    base = {k: v for k, v in os.environ.items() if not k.startswith(("GIT_", "PRE_COMMIT"))}
    return {**base, "PATH": f"{BIN}{os.pathsep}{os.environ['PATH']}", "CI": "", "NO_COLOR": "1",
            "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.com", "GIT_COMMITTER_NAME": "t",
            "GIT_COMMITTER_EMAIL": "t@example.com", "GIT_CONFIG_NOSYSTEM": "1", **extra}


def sh(script: str, cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["bash", "-c", script], cwd=cwd, env=env, capture_output=True, text=True, timeout=300)


# -- nothing that cannot work -----------------------------------------------------------------------


def test_no_snippet_installs_what_does_not_exist():
    text = README.read_text(encoding="utf-8")
    assert not re.search(r"pip install ['\"]?kaman-lint(?:\[|['\"\s]|$)", text, re.M)  # not on PyPI
    assert "rev: v0.1.0" not in text and "github.com/kaman-lint/kaman-lint" not in text


# -- every kaman-lint command parses ---------------------------------------------------------------

_PREFIX = re.compile(r"^\s*(?:\$ |- run: |run: |- |entry: )?")


def commands() -> list[str]:
    """Each `kaman-lint ...` command of the shell, console and YAML blocks (the Usage synopsis,
    with its `[OPTION]` notation, aside)."""
    found = []
    for language, text, heading in blocks():
        if heading == "Usage" or language not in ("", "sh", "console", "yaml"):
            continue
        for line in text.replace("\\\n", " ").splitlines():
            line = _PREFIX.sub("", line)
            for part in re.split(r"\s*(?:&&|\|\||;|\|)\s*", line):
                if part.startswith("kaman-lint ") or part == "kaman-lint":
                    found.append(part)
    return found


def test_the_readme_shows_commands():
    assert len(commands()) >= 15


@pytest.mark.parametrize("command", commands())
def test_every_kaman_lint_command_in_the_readme_parses(command):
    words = shlex.split(command, comments=True)
    words = words[:next((i for i, w in enumerate(words) if w in ("<", ">", "2>")), len(words))]
    name, *rest = words[1:]
    context = main.make_context("kaman-lint", [name])
    sub = main.get_command(context, name)
    assert sub is not None, f"no command {name!r}"
    try:
        sub.make_context(name, rest, parent=context)
    except click.exceptions.Exit:
        pass
    except click.UsageError as err:
        pytest.fail(f"`{command}`: {err}")


# -- what runs here, runs -------------------------------------------------------------------------


def _normalised(text: str) -> str:
    return re.sub(r"kam_[A-Za-z0-9]{4}…", "kam_XXXX…", text)


def test_the_sample_output_is_what_a_run_prints(tmp_path):
    """'A run on a repository with a key in its development and production .env files and in
    its settings': the same tree, scanned, prints the README's lines (key previews aside)."""
    block = next(text for _, text, head in blocks("") if head == "Install and scan" and "$ kaman-lint scan ." in text)
    key = make_key(4242)
    (tmp_path / "app").mkdir()
    (tmp_path / ".env.development").write_text(f"KAMAN_API_KEY={key}\n")
    (tmp_path / ".env.production").write_text(f"KAMAN_API_KEY={key}\n")
    (tmp_path / "app" / "settings.py").write_text(f'"""Settings."""\nimport os\n\nKAMAN_API_KEY = "{key}"\n')
    done = sh("kaman-lint scan .", tmp_path, env_with_kaman_lint())
    assert done.returncode == 1
    expected = block.split("\n", 1)[1]
    assert _normalised(done.stdout) == _normalised(expected)
    assert not leaked(done.stdout, [key])


def test_the_stdin_command_runs(tmp_path):
    [command] = [c for c in commands() if "--stdin-filename" in c]
    (tmp_path / "src").mkdir()
    key = make_key(4243)
    (tmp_path / "src" / "app.py").write_text(f"KEY = '{key}'\n")
    done = sh(command, tmp_path, env_with_kaman_lint())
    assert done.returncode == 1 and '"rule_id": "KAM001"' in done.stdout
    assert not leaked(done.stdout + done.stderr, [key])


def test_the_baseline_commands_run_in_order(tmp_path):
    script = block_under("Baselines", "sh")
    key = make_key(4244)
    (tmp_path / "legacy.py").write_text(f"KEY = '{key}'\n")
    subprocess.run(["git", "init", "-q"], cwd=tmp_path, check=True)
    done = sh("set -e\n" + script, tmp_path, env_with_kaman_lint())
    assert done.returncode == 0, done.stderr
    assert (tmp_path / ".kaman-lint-baseline.json").is_file()
    assert "1 recorded in the baseline" in done.stdout
    assert not leaked(done.stdout + done.stderr, [key])


def test_the_suppression_example_hides_a_fake_key_pasted_into_it(tmp_path):
    """The example, with a fake key where it shows `kam_...`, hides that key's finding."""
    [example] = re.findall(r"`(TEST_KEY = [^`]*kaman-lint: ignore\[KAM001\][^`]*)`", README.read_text(encoding="utf-8"))
    key = make_key(4245)
    (tmp_path / "test_parser.py").write_text(example.replace("kam_...", key) + "\n")
    done = sh("kaman-lint scan .", tmp_path, env_with_kaman_lint())
    assert done.returncode == 0, done.stderr
    assert "No findings in 1 file, 1 suppressed." in done.stdout and not done.stderr
    assert not leaked(done.stdout + done.stderr, [key])


def test_the_readme_draws_no_notice_in_the_projects_own_scan():
    """The self-scan reads the README's code blocks as code: an example suppression in one, on a
    placeholder, drew "suppression for KAM001 matches no finding on this line"."""
    done = sh("kaman-lint scan README.md", README.parent, env_with_kaman_lint())
    assert done.returncode == 0 and not done.stderr, done.stderr


def test_the_config_files_load(tmp_path):
    dotfile = block_under("Configuration", "toml", 0)
    assert dotfile.startswith("# .kaman-lint.toml\n") and "[tool." not in dotfile
    (tmp_path / ".kaman-lint.toml").write_text(dotfile)
    config = load_config(tmp_path)
    assert config.severity_for("KAM003") == "warning" and config.fail_on == "error"
    pyproject = block_under("Configuration", "toml", 1)
    (tmp_path / ".kaman-lint.toml").unlink()
    (tmp_path / "pyproject.toml").write_text(pyproject)
    assert load_config(tmp_path).environment_for("deploy/live/app.env") == "production"


def test_a_dotfile_with_the_pyproject_header_says_so(tmp_path):
    (tmp_path / ".kaman-lint.toml").write_text('[tool.kaman-lint]\nselect = ["KAM"]\n')
    with pytest.raises(ConfigError, match=r"drop the \[tool.kaman-lint\] header"):
        load_config(tmp_path)


def test_the_ci_yaml_blocks_are_valid_yaml():
    yaml = pytest.importorskip("yaml")
    for language, text, heading in blocks("yaml"):
        yaml.safe_load(text)


# -- the pre-commit configurations, with the real pre-commit -----------------------------------------

needs_pre_commit = pytest.mark.skipif(shutil.which("git") is None or not (BIN / "pre-commit").exists(),
                                      reason="needs git and pre-commit (the test extras)")


def _repository(tmp_path: Path, config: str, env: dict[str, str]) -> Path:
    repo = tmp_path / "repo"
    repo.mkdir()
    for args in (["init", "-q"], ["commit", "-q", "--allow-empty", "-m", "init"]):
        subprocess.run(["git", *args], cwd=repo, env=env, check=True, capture_output=True)
    (repo / ".pre-commit-config.yaml").write_text(config)
    return repo


@needs_pre_commit
def test_the_pre_commit_config_blocks_a_commit_with_a_key(tmp_path):
    env = env_with_kaman_lint(PRE_COMMIT_HOME=str(tmp_path / "cache"), HOME=str(tmp_path))
    repo = _repository(tmp_path, block_under("pre-commit", "yaml"), env)
    key = make_key(4245)
    (repo / "settings.py").write_text(f"KAMAN_API_KEY = '{key}'\n")
    subprocess.run(["git", "add", "-A"], cwd=repo, env=env, check=True)
    done = subprocess.run([str(BIN / "pre-commit"), "run"], cwd=repo, env=env, capture_output=True,
                          text=True, timeout=300)
    assert done.returncode == 1, done.stdout + done.stderr
    assert "settings.py:1:18: KAM001" in done.stdout
    assert not leaked(done.stdout + done.stderr, [key])


@needs_pre_commit
def test_the_pre_push_config_scans_the_pushed_commits(tmp_path):
    env = env_with_kaman_lint(PRE_COMMIT_HOME=str(tmp_path / "cache"), HOME=str(tmp_path))
    block = next(text for _, text, head in blocks("yaml") if "kaman-lint-history" in text)
    repo = _repository(tmp_path, block, env)
    base = subprocess.run(["git", "rev-parse", "HEAD"], cwd=repo, env=env, capture_output=True,
                          text=True, check=True).stdout.strip()
    key = make_key(4246)
    (repo / "app.py").write_text(f"KEY = '{key}'\n")
    subprocess.run(["git", "add", "-A"], cwd=repo, env=env, check=True)
    subprocess.run(["git", "commit", "-q", "--no-verify", "-m", "oops"], cwd=repo, env=env, check=True)
    done = subprocess.run([str(BIN / "pre-commit"), "run", "--hook-stage", "pre-push", "--from-ref", base,
                           "--to-ref", "HEAD"], cwd=repo, env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 1, done.stdout + done.stderr
    assert "app.py:1:8: KAM001" in done.stdout
    assert not leaked(done.stdout + done.stderr, [key])
