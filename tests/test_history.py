"""`kaman-lint history` (issue 11) on small repositories built here with git: one test (or a few)
per bullet of the issue. Keys are made at test time; assertions compare fingerprints."""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from kaman_lint.cli import main

try:
    from fakekeys import fp, leaked, make_key
except ImportError:  # tests/ imported as a package
    from tests.fakekeys import fp, leaked, make_key

if shutil.which("git") is None:
    pytest.skip("git is not installed", allow_module_level=True)

BASE_ENV = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}


class Repo:
    """A git repository to commit into, with chosen authors and dates."""

    def __init__(self, path: Path) -> None:
        self.path = path
        path.mkdir(parents=True, exist_ok=True)
        self.git("init", "-q", "-b", "main")

    def git(self, *args: str, env: dict[str, str] | None = None) -> str:
        done = subprocess.run(["git", *args], cwd=self.path, capture_output=True,
                              env={**BASE_ENV, "GIT_CONFIG_NOSYSTEM": "1", "HOME": str(self.path), **(env or {})})
        assert done.returncode == 0, done.stderr.decode(errors="replace")
        return done.stdout.decode(errors="replace").strip()

    def commit(self, files: dict[str, str | bytes | None], message: str = "change", *,
               author: str = "Jane Doe", date: str = "2024-05-01T10:00:00+00:00") -> str:
        for name, content in files.items():
            path = self.path / name
            if content is None:
                path.unlink()
                continue
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(content if isinstance(content, bytes) else content.encode())
        self.git("add", "-A")
        self.git("commit", "-q", "--allow-empty", "-m", message,
                 env={"GIT_AUTHOR_NAME": author, "GIT_AUTHOR_EMAIL": "a@example.com", "GIT_AUTHOR_DATE": date,
                      "GIT_COMMITTER_NAME": author, "GIT_COMMITTER_EMAIL": "a@example.com",
                      "GIT_COMMITTER_DATE": date})
        return self.git("rev-parse", "HEAD")


def quiet_commits_then_a_key(repo: Repo, quiet: int, key: str) -> None:
    """`quiet` commits of files that hold no key, then one writing `key` to settings.py and one
    removing it again: a long history with one candidate blob."""
    for n in range(quiet):
        repo.commit({f"src/m{n % 7}.py": f"VALUE = {n}\n", "README.md": f"release {n}\n"})
    repo.commit({"settings.py": f"KEY = '{key}'\n"})
    repo.commit({"settings.py": "KEY = None\n"})


@pytest.fixture
def repo(tmp_path: Path) -> Repo:
    return Repo(tmp_path / "repo")


def history(repo: Repo | Path, *args: str) -> tuple[int, dict, str]:
    """Run `kaman-lint history REPO --format json ARGS`: (exit status, report, stderr)."""
    path = repo.path if isinstance(repo, Repo) else repo
    done = CliRunner().invoke(main, ["history", str(path), "--format", "json", *args])
    assert done.exception is None or isinstance(done.exception, SystemExit), done.exception
    assert "Traceback" not in done.stderr
    report = json.loads(done.stdout) if done.stdout.strip() else {}
    return done.exit_code, report, done.stderr


def keyed(report: dict) -> dict[tuple[str, str], dict]:
    """Findings by (rule, fingerprint)."""
    return {(f["rule_id"], f["fingerprint"]): f for f in report["findings"]}


def found(report: dict, rule: str = "KAM001") -> set[str]:
    return {f["fingerprint"] for f in report["findings"] if f["rule_id"] == rule}


# --- 1. the command, its revisions, and "adds, not removes" ----------------------------------


def test_every_ref_by_default_and_a_key_deleted_since_is_found(repo):
    gone, side = make_key(1), make_key(2)
    repo.commit({"app.py": f"KEY = '{gone}'\n"})
    repo.commit({"app.py": "import os\nKEY = os.environ['KAMAN_API_KEY']\n"})
    repo.git("checkout", "-q", "-b", "feature")
    repo.commit({"settings.py": f"TOKEN = '{side}'\n"})
    repo.git("checkout", "-q", "main")
    status, report, stderr = history(repo)
    assert status == 1
    assert found(report) == {fp(gone), fp(side)}
    assert not leaked(json.dumps(report) + stderr, [gone, side])


def test_range_and_since_select_the_commits(repo):
    old, new = make_key(3), make_key(4)
    first = repo.commit({"a.py": f"KEY = '{old}'\n"}, date="2020-01-01T00:00:00+00:00")
    repo.commit({"b.py": f"KEY = '{new}'\n"}, date="2024-06-01T00:00:00+00:00")
    assert found(history(repo, "--range", f"{first}..HEAD")[1]) == {fp(new)}
    assert found(history(repo, "--since", "2023-01-01")[1]) == {fp(new)}
    assert found(history(repo)[1]) == {fp(old), fp(new)}
    status, _, stderr = history(repo, "--range", "nosuchref..HEAD")
    assert status == 2 and "nosuchref" in stderr


def test_a_commit_that_removes_a_key_adds_no_finding(repo):
    key = make_key(5)
    added = repo.commit({"app.py": f"KEY = '{key}'\n"})
    repo.commit({"app.py": "KEY = None\n"})
    status, report, _ = history(repo, "--range", f"{added}..HEAD")
    assert status == 0 and report["findings"] == []


# --- 2. commit, author, date, path; one finding per key and file; still in HEAD? --------------


def test_the_finding_names_the_introducing_commit_author_date_and_path(repo):
    key = make_key(6)
    repo.commit({"README.md": "# demo\n"}, author="Someone Else")
    sha = repo.commit({"config/app.yml": f"kaman:\n  api_key: {key}\n"}, author="Jane Doe",
                      date="2024-05-01T10:20:30+02:00")
    finding = keyed(history(repo)[1])[("KAM001", fp(key))]
    assert finding["path"] == "config/app.yml" and finding["line"] == 2
    assert finding["commit"]["sha"] == sha
    assert finding["commit"]["author"] == "Jane Doe"
    assert finding["commit"]["date"] == "2024-05-01T10:20:30+02:00"


def test_a_key_kept_by_many_commits_is_one_finding_and_head_decides_present_or_removed(repo):
    kept, dropped = make_key(7), make_key(8)
    first = repo.commit({"settings.py": f"KEY = '{kept}'\nOTHER = '{dropped}'\n"})
    for n in range(30):  # 30 edits elsewhere in the file: 30 new blobs that still hold `kept`
        repo.commit({"settings.py": f"KEY = '{kept}'\nOTHER = '{dropped}'\nVERSION = {n}\n"})
    remover = repo.commit({"settings.py": f"KEY = '{kept}'\nVERSION = 99\n"})
    report = history(repo)[1]
    assert len(report["findings"]) == 2
    present, removed = keyed(report)[("KAM001", fp(kept))], keyed(report)[("KAM001", fp(dropped))]
    assert present["commit"]["sha"] == removed["commit"]["sha"] == first
    assert present["commit"]["in_head"] is True and present["commit"]["later_commits"] == 31
    assert removed["commit"]["in_head"] is False and removed["commit"]["removed_in"] == remover
    text = CliRunner().invoke(main, ["history", str(repo.path)]).stdout
    assert f"(commit {first[:7]}, 2024-05-01, Jane Doe; still present; kept by 31 later commits)" in text
    assert f"removed in {remover[:7]}" in text


# --- 3. the rules on added content --------------------------------------------------------------


def test_kam001_and_kam004_run_on_added_content(repo):
    literal, in_url = make_key(9), make_key(10)
    repo.commit({"client.py": f"import requests\nKEY = '{literal}'\n"
                              f"requests.get('http://api.kaman.example/v1?api_key={in_url}')\n"})
    repo.commit({"client.py": "import requests\n"})
    report = history(repo)[1]
    assert fp(literal) in found(report, "KAM001")
    assert fp(in_url) in found(report, "KAM004")


def test_kam002_where_the_path_says_the_file_ships_to_browsers(repo):
    key = make_key(11)
    repo.commit({"public/app.js": f"const kaman = '{key}';\n", "server/app.js": f"const kaman = '{make_key(12)}';\n"})
    repo.commit({"public/app.js": "const kaman = null;\n", "server/app.js": "const kaman = null;\n"})
    report = history(repo)[1]
    assert found(report, "KAM002") == {fp(key)}


def test_kam003_compares_development_and_production_across_history(repo):
    shared, other = make_key(13), make_key(14)
    repo.commit({".env.development": f"KAMAN_API_KEY={shared}\n"})
    sha = repo.commit({".env.development": f"KAMAN_API_KEY={other}\n", ".env.production": f"KAMAN_API_KEY={shared}\n"})
    finding = keyed(history(repo)[1])[("KAM003", fp(shared))]
    assert finding["path"] == ".env.production" and finding["commit"]["sha"] == sha
    assert [r["path"] for r in finding["related"]] == [".env.development"]


# --- 4. suppressions at that commit, config at HEAD, baselines -------------------------------


def test_a_suppression_counts_in_the_commits_that_have_it(repo):
    key = make_key(15)
    repo.commit({"app.py": f"KEY = '{key}'  # kaman-lint: ignore[KAM001] -- rotated test key\n"})
    assert history(repo)[1]["findings"] == []
    unsuppressed = repo.commit({"app.py": f"KEY = '{key}'\n"})
    finding = keyed(history(repo)[1])[("KAM001", fp(key))]
    assert finding["commit"]["sha"] == unsuppressed


def test_the_head_config_excludes_ignores_per_file_and_knows_placeholders(repo):
    vendored, docs, real = make_key(16), make_key(17), make_key(18)
    placeholder = "kam_Ex4mple" + make_key(40)[11:]  # a key but for the config's placeholder pattern
    repo.commit({"vendor/lib.py": f"K = '{vendored}'\n", "docs/guide.md": f"Use `{docs}`.\n",
                 "app.py": f"A = '{placeholder}'\nB = '{real}'\n"})
    repo.commit({"vendor/lib.py": None, "docs/guide.md": "Use the env.\n", "app.py": "A = B = None\n"})
    repo.commit({".kaman-lint.toml": 'extend-exclude = ["vendor/"]\nplaceholders = ["^kam_Ex4mple"]\n'
                                     '[per-file-ignores]\n"docs/*" = ["KAM001"]\n'})
    assert found(history(repo)[1]) == {fp(real)}


def test_a_baseline_entry_holds_across_history(repo):
    accepted, leaked_once = make_key(19), make_key(20)
    repo.commit({"app.py": f"A = '{accepted}'\nB = '{leaked_once}'\n"})
    repo.commit({"app.py": f"A = '{accepted}'\n"})
    done = CliRunner().invoke(main, ["baseline", str(repo.path), "-o", str(repo.path / "baseline.json")])
    assert done.exit_code == 0, done.stderr
    report = history(repo, "--baseline", str(repo.path / "baseline.json"))[1]
    assert found(report) == {fp(leaked_once)}


# --- 5. every format carries the commit ---------------------------------------------------------


def test_every_format_carries_the_commit(repo):
    key = make_key(21)
    sha = repo.commit({"app.py": f"KEY = '{key}'\n"}, author="Jane Doe")
    head = repo.commit({"app.py": "KEY = None\n"})
    out = {fmt: CliRunner().invoke(main, ["history", str(repo.path), "--format", fmt]).stdout
           for fmt in ("text", "json", "sarif", "github", "gitlab")}
    assert f"app.py:1:8: KAM001" in out["text"] and f"(commit {sha[:7]}, 2024-05-01, Jane Doe; removed in {head[:7]})" in out["text"]
    assert json.loads(out["json"])["findings"][0]["commit"]["sha"] == sha
    run = json.loads(out["sarif"])["runs"][0]
    assert run["results"][0]["properties"]["commit"] == sha
    assert run["versionControlProvenance"][0]["revisionId"] == head
    assert "kamanKeyHash/v1" in run["results"][0]["partialFingerprints"]
    assert out["github"].startswith("::error file=app.py,line=1,col=8") and f"commit {sha[:7]}" in out["github"]
    assert json.loads(out["gitlab"])["vulnerabilities"][0]["location"]["commit"]["sha"] == sha
    assert not leaked("".join(out.values()), [key])


# --- 7. progress only on a terminal; memory follows the keys, not the history -------------------


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_is_shown_on_a_terminal_only(repo):
    from kaman_lint.config import Config
    from kaman_lint.history import scan_history
    from kaman_lint.history import progress as progress_module
    from kaman_lint.history.progress import Progress

    for n in range(5):
        repo.commit({"a.txt": f"{n}\n"})
    terminal, pipe = _Terminal(), io.StringIO()
    original = progress_module.INTERVAL
    progress_module.INTERVAL = 0.0  # draw on every update
    try:
        scan_history(str(repo.path), Config(), progress=Progress(stream=terminal))
        scan_history(str(repo.path), Config(), progress=Progress(stream=pipe))
    finally:
        progress_module.INTERVAL = original
    assert "commits: 5 / 5" in terminal.getvalue() and terminal.getvalue().endswith("\r\x1b[K")
    assert pipe.getvalue() == ""
    done = subprocess.run([sys.executable, "-m", "kaman_lint", "history", str(repo.path)],
                          capture_output=True, text=True)
    assert "\r" not in done.stderr


def test_the_walk_keeps_only_what_touches_a_candidate_blob(repo):
    from kaman_lint.history.git import Repository
    from kaman_lint.history.objects import BlobStream, census
    from kaman_lint.history.walk import walk

    quiet_commits_then_a_key(repo, 60, make_key(22))
    git_repo = Repository.open(str(repo.path))
    blobs = census(BlobStream(git_repo, ["--all"]), 1 << 20)
    assert blobs.blobs > 60 and len(blobs.candidates) == 1
    walked = walk(git_repo, ["--all"], blobs.candidates)
    assert walked.commits == 62
    assert list(walked.changes) == ["settings.py"] and len(walked.changes["settings.py"]) == 2
    assert len(walked.meta) == 2


# --- 8. shallow, partial, binary, huge, renames, merges, odd names, no commits -------------------


def test_a_shallow_clone_says_what_is_missing_and_exits_2(repo, tmp_path):
    old, recent = make_key(23), make_key(24)
    repo.commit({"old.py": f"KEY = '{old}'\n"})
    repo.commit({"old.py": "KEY = None\n"})
    repo.commit({"new.py": f"KEY = '{recent}'\n"})
    clone = tmp_path / "shallow"
    subprocess.run(["git", "clone", "-q", "--depth", "1", f"file://{repo.path}", str(clone)], check=True,
                   env={**BASE_ENV, "GIT_CONFIG_NOSYSTEM": "1"})
    status, report, stderr = history(clone)
    assert status == 2
    assert found(report) == {fp(recent)}  # reported what it could read
    assert "shallow clone" in stderr and "--unshallow" in stderr
    assert any(e["kind"] == "history-unreadable" for e in report["errors"])


def test_missing_objects_are_reported_and_exit_2_after_the_findings(repo):
    kept, lost = make_key(25), make_key(26)
    repo.commit({"a.py": f"KEY = '{kept}'\n", "b.py": f"KEY = '{lost}'\n"})
    blob = repo.git("rev-parse", "HEAD:b.py")
    (repo.path / ".git" / "objects" / blob[:2] / blob[2:]).unlink()  # as a partial clone lacks it
    status, report, stderr = history(repo)
    assert status == 2
    assert found(report) == {fp(kept)}
    assert "missing" in stderr and blob[:12] in stderr


def test_binary_and_huge_blobs_are_skipped_and_counted(repo):
    key = make_key(27)
    repo.commit({"logo.png": b"\x89PNG\r\n\x1a\n\x00\x00" + bytes(range(256)) * 2,
                 "big.py": f"KEY = '{key}'\n" + "# padding\n" * 500,
                 ".kaman-lint.toml": "max-file-size = 1000\n"})
    status, report, stderr = history(repo)
    assert status == 0 and report["findings"] == []
    kinds = {e["kind"] for e in report["errors"] + report.get("skipped", [])}
    assert {"binary", "too-large"} <= kinds
    assert "big.py" in stderr


def test_a_renamed_file_keeps_its_key_and_says_where_it_came_from(repo):
    key = make_key(28)
    first = repo.commit({"old/settings.py": f"KEY = '{key}'\n"})
    repo.git("mv", "old/settings.py", "settings.py")
    moved = repo.commit({})
    report = history(repo)[1]
    by_path = {f["path"]: f for f in report["findings"]}
    assert by_path["old/settings.py"]["commit"]["sha"] == first
    assert by_path["old/settings.py"]["commit"]["removed_in"] == moved
    assert by_path["settings.py"]["commit"]["sha"] == moved and by_path["settings.py"]["commit"]["in_head"]
    assert [(r["path"], r["line"]) for r in by_path["settings.py"]["related"]] == [("old/settings.py", 1)]


def test_merges_blame_the_branch_commit_or_the_merge_that_wrote_the_key(repo):
    branch_key, resolution_key = make_key(29), make_key(30)
    repo.commit({"conf.py": "A = 1\n"})
    repo.git("checkout", "-q", "-b", "feature")
    on_branch = repo.commit({"feature.py": f"KEY = '{branch_key}'\n", "conf.py": "A = 2\n"})
    repo.git("checkout", "-q", "main")
    repo.commit({"conf.py": "A = 3\n"})
    subprocess.run(["git", "merge", "-q", "feature"], cwd=repo.path, capture_output=True,
                   env={**BASE_ENV, "GIT_CONFIG_NOSYSTEM": "1"})  # conflicts in conf.py
    merge = repo.commit({"conf.py": f"A = 4\nKEY = '{resolution_key}'\n"}, "merge feature")
    assert len(repo.git("rev-list", "--parents", "-n1", "HEAD").split()) == 3
    report = keyed(history(repo)[1])
    assert report[("KAM001", fp(branch_key))]["commit"]["sha"] == on_branch
    assert report[("KAM001", fp(resolution_key))]["commit"]["sha"] == merge


def test_a_non_utf8_path_is_scanned_under_its_own_name(repo):
    from kaman_lint.config import Config
    from kaman_lint.history import scan_history

    key = make_key(31)
    name = os.fsdecode(b"caf\xe9.py")  # Latin-1 bytes, as os.walk gives such a name
    repo.commit({name: f"KEY = '{key}'\n"})
    result = scan_history(str(repo.path), Config())
    assert [(f.location.path, f.fingerprint) for f in result.findings] == [(name, fp(key))]
    for fmt in ("text", "json", "sarif", "github", "gitlab"):  # printed safely, in every format
        done = CliRunner().invoke(main, ["history", str(repo.path), "--format", fmt])
        assert done.exit_code == 1 and "caf" in done.stdout, (fmt, done.stderr)


def test_a_commit_in_another_encoding_is_read_as_it_says(repo):
    key = make_key(32)
    (repo.path / "app.py").write_text(f"KEY = '{key}'\n")
    repo.git("add", "-A")
    latin1 = {"GIT_AUTHOR_NAME": "Ren\xe9", "GIT_AUTHOR_EMAIL": "r@example.com",
              "GIT_COMMITTER_NAME": "Ren\xe9", "GIT_COMMITTER_EMAIL": "r@example.com"}
    subprocess.run(["git", "-c", "i18n.commitEncoding=latin-1", "commit", "-q", "-m", "caf\xe9 \xff"],
                   cwd=repo.path, check=True, capture_output=True,
                   env={**BASE_ENV, **{k: v.encode("latin-1").decode("utf-8", "surrogateescape") for k, v in latin1.items()}})
    status, report, _ = history(repo)
    assert status == 1 and found(report) == {fp(key)}
    assert report["findings"][0]["commit"]["author"] == "Ren\xe9"


def test_a_repository_without_commits_says_so(repo):
    status, report, stderr = history(repo)
    assert status == 0 and report["findings"] == []
    assert "no commits" in stderr


def test_not_a_repository_is_an_error(tmp_path):
    status, _, stderr = history(tmp_path)
    assert status == 2 and "not a git repository" in stderr


def test_only_blobs_that_could_hold_a_key_are_analysed(repo, monkeypatch):
    from kaman_lint.config import Config
    from kaman_lint.history import analysis, scan_history

    key = make_key(33)
    repo.commit({"settings.py": f"KEY = '{key}'\n", "other.py": "X = 1\n"})
    for n in range(5):  # the key's file edited away, other files edited: none of it can hold a key
        repo.commit({"settings.py": f"KEY = None  # {n}\n", "other.py": f"X = {n}\n"})
    analysed = []
    real = analysis.analyze
    monkeypatch.setattr(analysis, "analyze", lambda unit, *a: analysed.append(unit) or real(unit, *a))
    result = scan_history(str(repo.path), Config(), jobs=1)  # in this process, where the patch counts
    assert [(u.path, u.blob) for u in analysed] == [("settings.py", repo.git("rev-parse", "HEAD~5:settings.py"))]
    assert [f.fingerprint for f in result.findings] == [fp(key)]


def test_workers_and_this_process_find_the_same(repo, monkeypatch):
    """The default analysis runs in worker processes, forked before the census starts its reader
    threads (a fork copies the locks other threads hold); --jobs 1 analyses here. Same report."""
    import threading

    from kaman_lint.history import analysis

    keys = [make_key(40 + n) for n in range(4)]
    repo.commit({"app.py": f"KEY = '{keys[0]}'\n", "public/app.js": f"const kaman = '{keys[1]}';\n",
                 ".env.development": f"KAMAN_API_KEY={keys[2]}\n"})
    repo.commit({"app.py": "KEY = None\n", ".env.production": f"KAMAN_API_KEY={keys[2]}\n",
                 "docs/setup.md": f"Use `{keys[3]}`  <!-- kaman-lint: disable KAM001 -->\n"})
    threads_at_fork = []
    real_init = analysis.Analysis.__init__

    def init(self, *args, **kwargs):
        threads_at_fork.append(threading.active_count())
        real_init(self, *args, **kwargs)

    monkeypatch.setattr(analysis.Analysis, "__init__", init)
    _, here, _ = history(repo, "--jobs", "1")
    status, workers, _ = history(repo, "--jobs", "2")
    assert status == 1 and workers["findings"] and workers == here
    assert threads_at_fork == [1, 1]


def test_a_key_in_an_archive_deleted_since_is_found_inside_it(repo):
    import gzip
    import zipfile

    zipped, gzipped = make_key(40), make_key(41)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("conf/settings.py", f"KEY = '{zipped}'\n")
    sha = repo.commit({"release.zip": buffer.getvalue(),
                       "dump.sql.gz": gzip.compress(f"insert into keys values ('{gzipped}');\n".encode())})
    repo.commit({"release.zip": None, "dump.sql.gz": None})
    status, report, _ = history(repo)
    assert status == 1 and found(report) == {fp(zipped), fp(gzipped)}
    paths = {f["fingerprint"]: f["path"] for f in report["findings"]}
    assert paths == {fp(zipped): "release.zip!conf/settings.py", fp(gzipped): "dump.sql.gz!dump.sql"}
    assert {f["commit"]["sha"] for f in report["findings"]} == {sha}


def test_a_suppressed_key_is_reported_as_suppressed_with_its_commit(repo):
    hidden, per_file = make_key(42), make_key(43)
    sha = repo.commit({"app.py": f"KEY = '{hidden}'  # kaman-lint: ignore[KAM001] -- revoked test key\n",
                       "docs/guide.md": f"Use `{per_file}`.\n",
                       ".kaman-lint.toml": '[per-file-ignores]\n"docs/*" = ["KAM001"]\n'})
    repo.commit({"app.py": "KEY = None\n", "docs/guide.md": "Use the env.\n"})
    status, report, _ = history(repo)
    assert status == 0 and report["findings"] == []
    suppressed = {f["fingerprint"]: f for f in report["suppressed"]}
    assert set(suppressed) == {fp(hidden), fp(per_file)}
    assert {f["commit"]["sha"] for f in suppressed.values()} == {sha}
    assert suppressed[fp(hidden)]["suppression"]["kind"] == "inSource"
    assert suppressed[fp(per_file)]["suppression"]["kind"] == "external"
    sarif = json.loads(CliRunner().invoke(main, ["history", str(repo.path), "--format", "sarif"]).stdout)
    results = sarif["runs"][0]["results"]
    assert len(results) == 2 and all(r["suppressions"] and r["properties"]["commit"] == sha for r in results)


def test_a_key_open_in_one_version_and_suppressed_in_another_is_open(repo):
    key = make_key(44)
    repo.commit({"app.py": f"KEY = '{key}'  # kaman-lint: ignore[KAM001] -- revoked test key\n"})
    opened = repo.commit({"app.py": f"KEY = '{key}'\n"})
    report = history(repo)[1]
    assert found(report) == {fp(key)} and report["suppressed"] == []
    assert report["findings"][0]["commit"]["sha"] == opened


def test_a_baseline_entry_still_hides_the_key_after_head_removed_it(repo):
    accepted = make_key(45)
    repo.commit({"app.py": f"A = '{accepted}'\n"})
    done = CliRunner().invoke(main, ["baseline", str(repo.path), "-o", str(repo.path / "baseline.json")])
    assert done.exit_code == 0, done.stderr
    repo.commit({"app.py": "A = None\n"})  # removed from HEAD: the entry now matches history only
    status, report, stderr = history(repo, "--baseline", str(repo.path / "baseline.json"))
    assert status == 0 and report["findings"] == []
    assert "stale" not in stderr.lower() and not any("baseline" in e["kind"] for e in report["errors"])


def test_an_author_and_message_in_no_valid_encoding_are_read_without_trouble(repo):
    key = make_key(46)
    (repo.path / "app.py").write_text(f"KEY = '{key}'\n")
    repo.git("add", "-A")
    raw = b"Ren\xe9 \xff".decode("utf-8", "surrogateescape")  # bytes that are no UTF-8, no header says
    subprocess.run(["git", "commit", "-q", "-m", b"caf\xe9 \xfe".decode("utf-8", "surrogateescape")],
                   cwd=repo.path, check=True, capture_output=True,
                   env={**BASE_ENV, "GIT_AUTHOR_NAME": raw, "GIT_AUTHOR_EMAIL": "r@example.com",
                        "GIT_COMMITTER_NAME": raw, "GIT_COMMITTER_EMAIL": "r@example.com"})
    for fmt in ("text", "json", "sarif", "github", "gitlab"):
        done = CliRunner().invoke(main, ["history", str(repo.path), "--format", fmt])
        assert done.exit_code == 1 and "Traceback" not in done.stderr, (fmt, done.stderr)
    # git shows such bytes as it can (Latin-1 here); whatever it prints is shown, never a crash
    report = history(repo)[1]
    assert report["findings"][0]["commit"]["author"].startswith("Ren")


def test_a_damaged_object_is_reported_and_exits_2_after_the_findings(repo):
    kept = make_key(47)
    repo.commit({"a.py": f"KEY = '{kept}'\n", "b.py": "X = 1\n" * 50})
    blob = repo.git("rev-parse", "HEAD:b.py")
    path = repo.path / ".git" / "objects" / blob[:2] / blob[2:]
    data = path.read_bytes()
    path.chmod(0o644)
    path.write_bytes(data[:len(data) // 2] + bytes(len(data) // 2))  # a disk error, a bad copy
    status, report, stderr = history(repo)
    assert status == 2 and found(report) == {fp(kept)}
    assert "damaged" in stderr and blob[:12] in stderr


def test_an_escaped_key_deleted_since_is_found(repo):
    # The tree scan decodes escapes (`\u006bam_…` in JSON, `\x6bam_…` in Python); history's
    # prefilter must let such blobs through too, or the key is never analysed.
    in_json, in_python = make_key(44), make_key(45)
    sha = repo.commit({"config.json": '{"api_key": "\\u006b' + in_json[1:] + '"}\n',
                       "app.py": 'KEY = "\\x6b' + in_python[1:] + '"\n'})
    repo.commit({"config.json": "{}\n", "app.py": "KEY = None\n"})
    status, report, stderr = history(repo)
    assert status == 1 and found(report) == {fp(in_json), fp(in_python)}
    assert {f["commit"]["sha"] for f in report["findings"]} == {sha}
    assert not leaked(json.dumps(report) + stderr, [in_json, in_python])


def test_git_reads_the_blobs_before_the_analyzers_are_imported_and_the_workers_fork(repo, monkeypatch):
    """The census's git processes start first (they are piped to each other, so no thread of
    this process runs between them when the workers fork): git works while Python imports."""
    from kaman_lint.history import analysis, objects

    key = make_key(60)
    repo.commit({"app.py": f"KEY = '{key}'\n"})
    events = []
    real_stream, real_init = objects.BlobStream.__init__, analysis.Analysis.__init__
    monkeypatch.setattr(objects.BlobStream, "__init__",
                        lambda self, *a, **k: events.append("git") or real_stream(self, *a, **k))
    monkeypatch.setattr(analysis.Analysis, "__init__",
                        lambda self, *a, **k: events.append("fork") or real_init(self, *a, **k))
    status, report, _ = history(repo, "--jobs", "2")
    assert status == 1 and found(report) == {fp(key)}
    assert events == ["git", "fork"]


def test_git_reads_the_history_before_the_config_is_read(repo, monkeypatch):
    """The command starts the census and the commit log before it reads the config (and
    imports the scan): git needs only the repository and the revisions, and works on the other
    core meanwhile. A config error then stops the git processes it started."""
    from kaman_lint import config
    from kaman_lint.history import blob_stream, walk

    key = make_key(62)
    repo.commit({"app.py": f"KEY = '{key}'\n"})
    events = []
    real_stream, real_log, real_load = blob_stream.BlobStream.__init__, walk.CommitLog.__init__, config.load_config
    monkeypatch.setattr(blob_stream.BlobStream, "__init__",
                        lambda self, *a, **k: events.append("census") or real_stream(self, *a, **k))
    monkeypatch.setattr(walk.CommitLog, "__init__", lambda self, *a: events.append("log") or real_log(self, *a))
    monkeypatch.setattr(config, "load_config", lambda *a: events.append("config") or real_load(*a))
    status, report, _ = history(repo, "--jobs", "1")
    assert status == 1 and found(report) == {fp(key)}
    assert events == ["log", "census", "config"]  # the log first: a log-fed census reads it

    closed = []
    real_close = walk.CommitLog.close
    monkeypatch.setattr(walk.CommitLog, "close", lambda self: closed.append(self.process) or real_close(self))
    (repo.path / ".kaman-lint.toml").write_text("[tool.kaman-lint]\nselect = 3\n")
    status, _, stderr = history(repo, "--config", str(repo.path / ".kaman-lint.toml"))
    assert status == 2 and "error" in stderr
    assert closed and all(process.poll() is not None for process in closed)


def test_git_is_asked_about_head_during_the_census_not_at_the_end(repo, monkeypatch):
    """HEAD's commit, branch and remote, which only the report needs, are asked while git reads
    the blobs: the end of the run (ls-tree of the paths found) waits for none of them."""
    from kaman_lint.history import git

    key = make_key(61)
    repo.commit({"app.py": f"KEY = '{key}'\n"})
    asked = []
    real = git._completed
    monkeypatch.setattr(git, "_completed", lambda cwd, args, env: asked.append(args) or real(cwd, args, env))
    status, report, _ = history(repo, "--jobs", "1")
    assert status == 1 and found(report) == {fp(key)} and report["history"]["branch"] == "main"

    def first(command: str, *words: str) -> int:  # threads ask in any order: find each by its words
        return next(n for n, args in enumerate(asked) if args[0] == command and set(words) <= set(args))

    assert first("ls-tree") > max(first("symbolic-ref"), first("config"), first("rev-parse", "HEAD^{commit}"))


def test_heads_history_comes_from_the_walk_when_it_met_all_of_it_else_from_git(repo, monkeypatch):
    """`removed in <sha>` needs HEAD's commits: with the default revisions the walk read every
    one of them with its parents, and git is not asked (`git rev-list HEAD`); with a range that
    leaves some out it is asked; with no candidate blob (no finding) nothing is."""
    from kaman_lint.history import git

    key = make_key(63)
    repo.commit({"README.md": "start\n"})
    repo.commit({"app.py": f"KEY = '{key}'\n"})
    removed = repo.commit({"app.py": "KEY = None\n"})
    repo.commit({"notes.txt": "no key here\n"})
    events = []
    real_command = git.Repository.command
    monkeypatch.setattr(git.Repository, "command",
                        lambda self, *a: events.append(" ".join(a[:2])) or real_command(self, *a))
    status, report, _ = history(repo, "--jobs", "1")
    assert status == 1 and found(report) == {fp(key)}
    assert report["findings"][0]["commit"]["removed_in"] == removed
    assert "rev-list HEAD" not in events

    events.clear()
    status, report, _ = history(repo, "--range", "HEAD~3..HEAD", "--jobs", "1")
    assert report["findings"][0]["commit"]["removed_in"] == removed
    assert "rev-list HEAD" in events

    events.clear()
    status, report, _ = history(repo, "--range", "HEAD~1..HEAD", "--jobs", "1")
    assert status == 0 and report["findings"] == [] and "rev-list HEAD" not in events


def test_the_end_of_the_census_wakes_the_analysis_loop_which_does_not_poll(repo, monkeypatch):
    """The loop that takes the census's candidates sleeps until one comes or the census ends
    (its Future queues a marker): it neither wakes every few milliseconds to look nor notices
    the end late."""
    import queue
    import threading

    from kaman_lint.history import objects, scan

    key = make_key(64)
    repo.commit({"app.py": f"KEY = '{key}'\n"})
    gets = []

    class Counting(queue.SimpleQueue):  # (the thread pools' own queues are SimpleQueues too)
        def get(self, *args, **kwargs):
            try:
                item = super().get(*args, **kwargs)
            except queue.Empty:
                item = "timed out"
            # what was taken, never the blob itself (it holds the key): a failure prints this list
            gets.append(("candidate", item[1]) if isinstance(item, tuple) else
                        "end" if item is getattr(scan, "_CENSUS_DONE", None) else item)
            if item == "timed out":
                raise queue.Empty
            return item

    real_census = objects.census
    released = threading.Event()

    def slow_census(*args, **kwargs):  # the census ends well after its one candidate
        result = real_census(*args, **kwargs)
        released.wait(0.3)
        return result

    monkeypatch.setattr(scan.queue, "SimpleQueue", Counting)
    monkeypatch.setattr(scan.objects, "census", slow_census)
    status, report, _ = history(repo, "--jobs", "1")
    assert status == 1 and found(report) == {fp(key)}
    taken = [item for item in gets if isinstance(item, (tuple, str))]
    assert taken == [("candidate", "app.py"), "end"]  # no wake-up to look


def test_the_workers_get_the_census_candidates_a_few_a_task(repo, monkeypatch):
    """A task per candidate cost more in pickling and queue round trips than small blobs cost
    to analyse: the census hands them over CHUNK at a time, the last few when it is done."""
    from kaman_lint.history import analysis

    keys = [make_key(70 + n) for n in range(analysis.CHUNK * 2 + 3)]
    repo.commit({f"conf/c{n}.py": f"KEY = '{key}'\n" for n, key in enumerate(keys)})
    tasks = []
    real = analysis.Analysis.submit
    monkeypatch.setattr(analysis.Analysis, "submit", lambda self, items: tasks.append(len(items)) or real(self, items))
    status, report, _ = history(repo, "--jobs", "2")
    assert status == 1 and found(report) == {fp(key) for key in keys}
    assert tasks == [analysis.CHUNK, analysis.CHUNK, 3]


def test_the_pages_of_the_work_tree_are_read_once_a_run_not_once_a_blob(repo, monkeypatch):
    """KAM002 asks which work-tree page loads a file holding a key as a script; a history
    scan finishes every blob on its own, and the pages (which do not change during the run) are
    read once, not once for each version of the file."""
    from kaman_lint.exposure import script_hosts

    keys = [make_key(65 + n) for n in range(3)]
    for key in keys:
        repo.commit({"main.py": f"KEY = '{key}'\n"})
    repo.commit({"index.html": '<html><py-script src="main.py"></py-script></html>\n'})
    read = []
    real = script_hosts._script_sources
    monkeypatch.setattr(script_hosts, "_script_sources", lambda page: read.append(os.path.basename(page)) or real(page))
    status, report, _ = history(repo, "--jobs", "1")
    assert status == 1 and found(report, "KAM002") == {fp(key) for key in keys}
    assert read == ["index.html"]
