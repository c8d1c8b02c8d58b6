"""The pre-commit hooks, run by the real pre-commit: `pre-commit try-repo` on a temporary git
repository, and a real `git commit` through an installed hook. PRE_COMMIT_HOME is a temporary
folder, so nothing is shared with the user's cache.

The hook repository is a fresh git copy of this project (pre-commit installs a hook repository
from a commit, and the work tree here may hold uncommitted files)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

try:
    from fakekeys import fp, leaked, make_key
except ImportError:  # tests/ imported as a package
    from tests.fakekeys import fp, leaked, make_key

pytest.importorskip("pre_commit", reason="pre-commit is in the test extras: pip install -e '.[test]'")
if shutil.which("git") is None:
    pytest.skip("git is not installed", allow_module_level=True)

PROJECT = Path(__file__).resolve().parents[1]
HOOK_REPO_FILES = ("kaman_lint", "pyproject.toml", "README.md", ".pre-commit-hooks.yaml")
PRE_COMMIT = [sys.executable, "-m", "pre_commit"]


def _git(cwd: Path, *args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["git", *args], cwd=cwd, env=env, capture_output=True, text=True, check=True)


@pytest.fixture(scope="module")
def env(tmp_path_factory) -> dict[str, str]:
    home = tmp_path_factory.mktemp("precommit-home")
    base = {k: v for k, v in os.environ.items() if not k.startswith(("GIT_", "PRE_COMMIT"))}
    return {**base, "PRE_COMMIT_HOME": str(home), "HOME": str(home), "GIT_CONFIG_NOSYSTEM": "1",
            "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.com",
            "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.com", "NO_COLOR": "1"}


@pytest.fixture(scope="module")
def hook_repo(tmp_path_factory, env) -> tuple[Path, str]:
    """A one-commit git copy of the project: (path, commit sha)."""
    repo = tmp_path_factory.mktemp("hook-repo")
    for name in HOOK_REPO_FILES:
        source = PROJECT / name
        if source.is_dir():
            shutil.copytree(source, repo / name, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
        else:
            shutil.copy2(source, repo / name)
    _git(repo, "init", "-q", env=env)
    _git(repo, "add", "-A", env=env)
    _git(repo, "commit", "-q", "-m", "kaman-lint", env=env)
    return repo, _git(repo, "rev-parse", "HEAD", env=env).stdout.strip()


@pytest.fixture
def project(tmp_path, env) -> Path:
    """An empty git repository with one clean commit, to commit into."""
    repo = tmp_path / "project"
    repo.mkdir()
    _git(repo, "init", "-q", env=env)
    (repo / "README.md").write_text("# demo\n", encoding="utf-8")
    _git(repo, "add", "README.md", env=env)
    _git(repo, "commit", "-q", "-m", "init", env=env)
    return repo


def _try_repo(project: Path, hook_repo: tuple[Path, str], hook: str, env) -> subprocess.CompletedProcess[str]:
    done = subprocess.run([*PRE_COMMIT, "try-repo", str(hook_repo[0]), hook, "--verbose"],
                          cwd=project, env=env, capture_output=True, text=True, timeout=600)
    _skip_if_environment_cannot_be_installed(done)
    return done


def _run_hook(project: Path, hook_repo: tuple[Path, str], hook: str, env) -> subprocess.CompletedProcess[str]:
    """`pre-commit run HOOK` on what is staged, with both hooks configured; unlike try-repo it
    reuses the hook environment installed under PRE_COMMIT_HOME."""
    _configure(project, hook_repo)
    done = subprocess.run([*PRE_COMMIT, "run", hook, "--verbose"], cwd=project, env=env,
                          capture_output=True, text=True, timeout=600)
    _skip_if_environment_cannot_be_installed(done)
    return done


def _configure(project: Path, hook_repo: tuple[Path, str]) -> None:
    """The configuration the README recommends: the one `kaman-lint` hook (plus the manual-stage
    audit of the whole index, which a commit never runs)."""
    path, sha = hook_repo
    _write(project, ".pre-commit-config.yaml",
           f"repos:\n-   repo: {path}\n    rev: {sha}\n    hooks:\n"
           "    -   id: kaman-lint\n    -   id: kaman-lint-all\n")


def _skip_if_environment_cannot_be_installed(done: subprocess.CompletedProcess[str]) -> None:
    # pre-commit pip-installs the hook into its own virtualenv; with no package index reachable
    # that is impossible, and only then is skipping right.
    output = done.stdout + done.stderr
    if "An unexpected error has occurred" in output and "pip" in output and "install" in output:
        pytest.skip("pre-commit could not pip-install the hook (no package index reachable?): "
                    + output.strip().splitlines()[-1][:200])


def _write(project: Path, name: str, text: str) -> None:
    path = project / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def test_try_repo_blocks_a_staged_key_and_shows_the_finding(project, hook_repo, env):
    key = make_key(31)
    _write(project, "app/settings.py", f'import os\nDEBUG = False\nKAMAN_API_KEY = "{key}"\n')
    _git(project, "add", "app/settings.py", env=env)
    done = _try_repo(project, hook_repo, "kaman-lint", env)
    assert done.returncode == 1, done.stdout + done.stderr
    assert "kaman-lint (Kaman API keys)" in done.stdout and "Failed" in done.stdout
    assert "app/settings.py:3:18: KAM001" in done.stdout
    assert not leaked(done.stdout + done.stderr, [key])


@pytest.mark.parametrize("name", ["--exit-zero", "--ignore=KAM001", "-h"])
def test_a_committed_file_named_like_an_option_is_a_file_not_an_option(project, hook_repo, env, name):
    # pre-commit appends the staged file names to the hook's entry: without `--` a file named
    # `--exit-zero` would switch the gate off for the commit that adds it
    key = make_key(33)
    _write(project, "app.py", f'KAMAN_API_KEY = "{key}"\n')
    _write(project, name, "x\n")
    _git(project, "add", "--", "app.py", name, env=env)
    done = _run_hook(project, hook_repo, "kaman-lint", env)
    assert done.returncode == 1, done.stdout + done.stderr
    assert "app.py:1:" in done.stdout and "KAM001" in done.stdout
    assert not leaked(done.stdout + done.stderr, [key])


def test_a_clean_change_passes(project, hook_repo, env):
    _write(project, "app/settings.py", "import os\nKAMAN_API_KEY = os.environ['KAMAN_API_KEY']\n")
    _git(project, "add", "app/settings.py", env=env)
    done = _run_hook(project, hook_repo, "kaman-lint", env)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Passed" in done.stdout


def test_the_config_excludes_hold_for_files_pre_commit_passes(project, hook_repo, env):
    _write(project, ".kaman-lint.toml", 'extend-exclude = ["tests/fixtures/"]\n')
    _write(project, "tests/fixtures/leak.py", f"KEY = '{make_key(32)}'\n")
    _git(project, "add", "-A", env=env)
    done = _run_hook(project, hook_repo, "kaman-lint", env)
    assert done.returncode == 0, done.stdout + done.stderr


def test_a_real_commit_is_blocked_then_allowed(project, hook_repo, env):
    _configure(project, hook_repo)
    _git(project, "add", ".pre-commit-config.yaml", env=env)
    subprocess.run([*PRE_COMMIT, "install"], cwd=project, env=env, check=True, capture_output=True)
    key = make_key(33)
    _write(project, "web/config.js", f"export const kaman = {{ key: '{key}' }};\n")
    _git(project, "add", "web/config.js", env=env)
    blocked = subprocess.run(["git", "commit", "-m", "add config"], cwd=project, env=env,
                             capture_output=True, text=True, timeout=600)
    _skip_if_environment_cannot_be_installed(blocked)
    assert blocked.returncode != 0
    assert "web/config.js:1:30: KAM001" in blocked.stdout + blocked.stderr
    assert not leaked(blocked.stdout + blocked.stderr, [key])

    _write(project, "web/config.js", "export const kaman = { key: process.env.KAMAN_API_KEY };\n")
    _git(project, "add", "web/config.js", env=env)
    allowed = subprocess.run(["git", "commit", "-m", "add config"], cwd=project, env=env,
                             capture_output=True, text=True, timeout=600)
    assert allowed.returncode == 0, allowed.stdout + allowed.stderr


def test_the_all_hook_is_a_manual_audit_of_the_whole_index(project, hook_repo, env):
    key = make_key(34)
    _write(project, "old/settings.py", f"KEY = '{key}'\n")
    _git(project, "add", "old/settings.py", env=env)
    _git(project, "commit", "-q", "--no-verify", "-m", "an old leak", env=env)
    _write(project, "notes.txt", "nothing to see\n")
    _git(project, "add", "notes.txt", env=env)
    assert _run_hook(project, hook_repo, "kaman-lint", env).returncode == 0  # changed files only
    _configure(project, hook_repo)
    done = subprocess.run([*PRE_COMMIT, "run", "kaman-lint-all", "--hook-stage", "manual", "--verbose"],
                          cwd=project, env=env, capture_output=True, text=True, timeout=600)
    assert done.returncode == 1
    assert "old/settings.py:1:8: KAM001" in done.stdout
    assert fp(key)  # the key is only ever compared by fingerprint


def test_one_hook_reports_each_finding_once_and_kam003_sees_the_whole_index(project, hook_repo, env):
    """A commit that puts the development key into production config: the changed file is the
    only one passed, yet KAM003 compares it with the committed development file; every finding
    is printed once, and nothing about files the commit did not touch."""
    shared, old = make_key(37), make_key(38)
    _write(project, ".env.development", f"KAMAN_API_KEY={shared}\n")
    _write(project, "legacy/settings.py", f"KEY = '{old}'\n")  # an old leak the commit does not touch
    _git(project, "add", "-A", env=env)
    _git(project, "commit", "-q", "--no-verify", "-m", "dev config", env=env)
    _configure(project, hook_repo)
    _git(project, "add", ".pre-commit-config.yaml", env=env)
    subprocess.run([*PRE_COMMIT, "install"], cwd=project, env=env, check=True, capture_output=True)
    _write(project, ".env.production", f"KAMAN_API_KEY={shared}\n")
    _git(project, "add", ".env.production", env=env)
    blocked = subprocess.run(["git", "commit", "-m", "prod config"], cwd=project, env=env,
                             capture_output=True, text=True, timeout=600)
    _skip_if_environment_cannot_be_installed(blocked)
    output = blocked.stdout + blocked.stderr
    assert blocked.returncode != 0
    lines = [line for line in output.splitlines() if ": KAM00" in line]
    assert sorted(line.split(": ", 2)[1].split()[0] + " " + line.split(":", 1)[0] for line in lines) == [
        "KAM001 .env.production", "KAM003 .env.production"], lines  # each once; legacy/ not reported
    assert "legacy/settings.py" not in output
    assert not leaked(output, [shared, old])


def test_the_pre_push_hook_scans_exactly_the_pushed_commits(project, hook_repo, env):
    already, deleted_again = make_key(35), make_key(36)
    _write(project, "old.py", f"KEY = '{already}'\n")
    _git(project, "add", "old.py", env=env)
    _git(project, "commit", "-q", "--no-verify", "-m", "pushed long ago", env=env)
    pushed_from = _git(project, "rev-parse", "HEAD", env=env).stdout.strip()
    _write(project, "app.py", f"KEY = '{deleted_again}'\n")
    _git(project, "add", "app.py", env=env)
    _git(project, "commit", "-q", "--no-verify", "-m", "oops", env=env)
    _write(project, "app.py", "import os\nKEY = os.environ['KAMAN_API_KEY']\n")
    _git(project, "add", "app.py", env=env)
    _git(project, "commit", "-q", "--no-verify", "-m", "fixed, but the key is in the push", env=env)
    done = subprocess.run([*PRE_COMMIT, "try-repo", str(hook_repo[0]), "kaman-lint-history", "--verbose",
                           "--hook-stage", "pre-push", "--from-ref", pushed_from, "--to-ref", "HEAD"],
                          cwd=project, env=env, capture_output=True, text=True, timeout=600)
    _skip_if_environment_cannot_be_installed(done)
    assert done.returncode == 1, done.stdout + done.stderr
    assert "app.py:1:8: KAM001" in done.stdout and "old.py" not in done.stdout
    assert not leaked(done.stdout + done.stderr, [already, deleted_again])
