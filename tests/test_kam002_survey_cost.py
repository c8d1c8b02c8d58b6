"""KAM002's survey runs on every script of a scan: its per-file questions about the script's
folder (shipped as it is? which package?) are asked once per folder, counted, never timed, and
the facts stay those of asking for every file."""

from __future__ import annotations

import json
from pathlib import Path

from kaman_lint.exposure.graph import survey as graph_survey
from kaman_lint.exposure.graph.facts import GRAPH
from kaman_lint.project import Project
from kaman_lint.rules.kam002 import ClientExposedKey

SERVER = b'import express from "express";\nconst app = express();\napp.use(express.static("public"));\n'
CLIENT = b'import { api } from "./api";\nimport React from "react";\nexport default function App() {}\n'


def _tree(tmp_path: Path) -> dict[str, bytes]:
    (tmp_path / "server").mkdir()
    (tmp_path / "server" / "package.json").write_text(json.dumps({"name": "srv", "dependencies": {"express": "4"}}))
    (tmp_path / "web" / "src").mkdir(parents=True)
    (tmp_path / "web" / "package.json").write_text(json.dumps({"name": "web", "dependencies": {"react": "18"}}))
    files = {}
    for i in range(20):
        files[f"server/route{i}.js"] = SERVER
        files[f"web/src/part{i}.jsx"] = CLIENT
        files[f"web/public/vendor{i}.js"] = CLIENT
        files[f"loose{i}.js"] = CLIENT
    return files


def test_folder_questions_are_asked_once_per_folder(tmp_path, monkeypatch):
    files = _tree(tmp_path)
    project = Project.detect(tmp_path)
    asked = []
    package_for = Project.package_for
    monkeypatch.setattr(Project, "package_for", lambda self, path: asked.append(path) or package_for(self, path))
    rule = ClientExposedKey()
    for relpath, data in files.items():
        rule.survey(relpath, data, project)
    folders = {p.rpartition("/")[0] for p in asked}
    assert len(asked) == len(folders) == 3  # server/, web/src/, the root (web/public/ is shipped as is)


def test_facts_are_those_of_asking_for_every_file(tmp_path):
    files = _tree(tmp_path)
    project = Project.detect(tmp_path)
    rule = ClientExposedKey()
    for relpath, data in files.items():
        expected = graph_survey.survey(relpath, data, lambda path: not graph_survey.SHIPPED_AS_IS.search(path)
                                       and graph_survey.builds_bundles(project.package_for(path)))
        assert rule.survey(relpath, data, project).get(GRAPH, []) == expected, relpath


def test_a_second_project_is_not_answered_from_the_first(tmp_path):
    files = _tree(tmp_path)
    rule = ClientExposedKey()
    rule.survey("server/route0.js", files["server/route0.js"], Project.detect(tmp_path))
    other = tmp_path / "other"
    (other / "server").mkdir(parents=True)
    (other / "server" / "package.json").write_text(json.dumps({"name": "app", "dependencies": {"react": "18"}}))
    project = Project.detect(other)
    expected = graph_survey.survey("server/route0.js", SERVER, lambda path: graph_survey.builds_bundles(project.package_for(path)))
    assert rule.survey("server/route0.js", SERVER, project).get(GRAPH, []) == expected


def test_the_server_export_pattern_matches_where_its_word_boundary_form_does():
    """`_SERVER_EXPORT` is written literal first (`export(?<=\\bexport)`, searched for its
    literal) rather than `\\bexport` (tried at every byte): the same matches, the boundary
    included (`_export`, `$export` and `reexport` hold none; a line start, `;` or `(` before it do)."""
    import re

    boundary_first = re.compile(graph_survey._SERVER_EXPORT.pattern.replace(rb"export(?<=\bexport)", rb"\bexport", 1))
    assert boundary_first.pattern.startswith(rb"\bexport")
    texts = [b"export async function loader() {}", b"_export const loader = 1", b"reexport function action(){}",
             b"$export const headers = 1", b"x;export function* getStaticPaths(){}", b"(export let action = 2)",
             b"export  const   getServerSideProps = 3\nexport var loader2 = 4\nexport function headers() {}",
             b"\xc3\xa9export const loader = 1", b"9export const action = 1", b"export\tfunction\nloader()"]
    for text in texts:
        for pattern, subject in ((graph_survey._SERVER_EXPORT, text),
                                 (graph_survey._SERVER_EXPORT_TEXT, text.decode("utf-8"))):
            reference = boundary_first if isinstance(subject, bytes) else re.compile(boundary_first.pattern.decode())
            assert [m.span() + m.groups() for m in pattern.finditer(subject)] == \
                [m.span() + m.groups() for m in reference.finditer(subject)], subject
    assert graph_survey._SERVER_EXPORT.search(texts[0]) and not graph_survey._SERVER_EXPORT.search(texts[1])


def test_an_unread_script_is_searched_for_static_middleware_as_bytes_in_would():
    """`_unread_script` asks the crate's substring search whether a script holds `tatic` (the
    stem of `express.static(`, `serveStatic(`, `'serve-static'`): the answer of `in`, and the
    same facts, on scripts with and without it, at the start, the end, or cut short."""
    import random

    rng = random.Random(5)
    pieces = [b"tatic", b"static(", b"static'", b'static"', b"tati", b"atic", b"s", b"t", b"(", b"'", b"\n", b"x"]
    for _ in range(2000):
        data = b"".join(rng.choice(pieces) for _ in range(rng.randint(0, 10)))
        assert bool(graph_survey._static().find_matches_as_indexes(data)) == (b"tatic" in data), data
    facts = graph_survey._unread_script("server/route.js", SERVER)
    assert len(facts) > 1, "the served folder of express.static is still found"
    assert graph_survey._unread_script("web/src/part.jsx", CLIENT) == [graph_survey.Module("web/src/part.jsx", surveyed=False)]
