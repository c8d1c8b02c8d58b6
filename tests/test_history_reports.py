"""Every report format carries the commit of a history finding (kaman-lint history), and the
run's revision; key-based identities (SARIF partialFingerprints, GitLab ids) do not change."""

from __future__ import annotations

import dataclasses
import json

from kaman_lint.findings import CommitInfo, HistoryScope

try:
    from test_report_data import RULES, leaked_keys, render, sample_result
except ImportError:  # tests/ imported as a package
    from tests.test_report_data import RULES, leaked_keys, render, sample_result

SHA = "abc1234" + "d" * 33
REMOVER = "fedcba9" + "0" * 33
HEAD = "1234567" + "e" * 33


def history_result():
    """sample_result() as a history scan: each finding introduced by a commit."""
    result = sample_result()
    commits = [
        CommitInfo(SHA, "2024-05-01T10:20:30+02:00", "Jane Doe", in_head=True, later_commits=3),
        CommitInfo(SHA, "2024-05-01T10:20:30+02:00", "Jane Doe", removed_in=REMOVER),
        CommitInfo(SHA, "2024-05-01T10:20:30+02:00", "Jane Doe"),
    ]
    findings = [dataclasses.replace(f, commit=c) for f, c in zip(result.findings, commits)]
    scope = HistoryScope("--all", 42, HEAD, "main", "https://example.com/org/repo.git")
    return dataclasses.replace(result, findings=findings, history=scope)


def test_text_names_commit_date_author_and_whether_head_holds_the_key():
    lines = render("text", history_result(), RULES).splitlines()
    assert "(commit abc1234, 2024-05-01, Jane Doe; still present; kept by 3 later commits)" in "\n".join(lines)
    assert any("(commit abc1234, 2024-05-01, Jane Doe; removed in fedcba9)" in line for line in lines)
    assert any("(commit abc1234, 2024-05-01, Jane Doe; not in HEAD)" in line for line in lines)
    assert lines[-1].endswith("in 42 commits (7 blobs), 1 binary file skipped.")


def test_text_of_a_tree_scan_is_unchanged():
    assert "(commit " not in render("text", sample_result(), RULES)


def test_json_finding_carries_the_commit_and_the_document_its_scope():
    document = json.loads(render("json", history_result(), RULES))
    commits = [f["commit"] for f in document["findings"]]
    assert {c["sha"] for c in commits} == {SHA}
    assert sorted((c["in_head"], c["removed_in"] or "", c["later_commits"]) for c in commits) == [
        (False, "", 0), (False, REMOVER, 0), (True, "", 3)]
    assert document["history"] == {"revisions": "--all", "commits": 42, "head": HEAD, "branch": "main"}
    assert "commit" not in json.loads(render("json", sample_result(), RULES))["findings"][0]


def test_sarif_result_properties_and_run_provenance():
    history, tree = (json.loads(render("sarif", r, RULES))["runs"][0] for r in (history_result(), sample_result()))
    assert {r["properties"]["commit"] for r in history["results"]} == {SHA}
    assert history["versionControlProvenance"] == [{
        "repositoryUri": "https://example.com/org/repo.git", "revisionId": HEAD,
        "mappedTo": {"uriBaseId": "%SRCROOT%"}, "branch": "main"}]
    # the alert follows the key, not the commit: same fingerprints as a tree scan
    assert [r["partialFingerprints"] for r in history["results"]] == [r["partialFingerprints"] for r in tree["results"]]
    assert "versionControlProvenance" not in tree and all("properties" not in r for r in tree["results"])


def test_github_annotation_names_the_commit():
    annotations = [line for line in render("github", history_result(), RULES).splitlines() if line.startswith("::error") and "title=" in line]
    assert annotations and all("(commit abc1234, 2024-05-01, Jane Doe;" in line for line in annotations)


def test_gitlab_commit_object_is_the_introducing_commit():
    history = json.loads(render("gitlab", history_result(), RULES, commit_sha="0" * 40))
    assert {v["location"]["commit"]["sha"] for v in history["vulnerabilities"]} == {SHA}
    assert {v["location"]["commit"]["author"] for v in history["vulnerabilities"]} == {"Jane Doe"}
    tree = json.loads(render("gitlab", sample_result(), RULES, commit_sha="0" * 40))
    assert [v["id"] for v in history["vulnerabilities"]] == [v["id"] for v in tree["vulnerabilities"]]


def test_an_author_named_after_a_key_is_redacted_everywhere():
    from fakekeys import leaked, make_key

    key = make_key(7)
    result = history_result()
    result = dataclasses.replace(result, findings=[
        dataclasses.replace(f, commit=dataclasses.replace(f.commit, author=f"dev {key}")) for f in result.findings])
    for fmt in ("text", "json", "sarif", "github", "gitlab"):
        text = render(fmt, result, RULES)
        assert not leaked(text, [key]) and not leaked_keys(text), fmt


def test_history_sarif_passes_the_checker(sarif_check):
    text = render("sarif", history_result(), RULES)
    assert not [str(f) for f in sarif_check.check_bytes(text.encode(), github=True, kaman=True)
                if f.severity == "problem"]
