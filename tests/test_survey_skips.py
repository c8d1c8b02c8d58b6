"""A walk's plain files are surveyed only when a surveyor may say something of them (issue 13,
target 1): a suffix it never reads (`Rule.survey_skips`), or a gated one whose gate the
prefilter's pass did not meet (`Rule.survey_gates`), costs no survey call. Counted on the
calls, never timed; and the skipped files are ones the survey says nothing of."""

from __future__ import annotations

import itertools
from pathlib import Path

from kaman_lint import engine
from kaman_lint.config import load_config
from kaman_lint.exposure.graph import served, survey, unsurveyed
from kaman_lint.exposure.graph.facts import GRAPH
from kaman_lint.keys import KeyMatcher
from kaman_lint.project import Project
from kaman_lint.rules.kam002 import ClientExposedKey

FILES = {
    "logo.svg": b'<svg><script>import x from "./y.js"</script></svg>\n',
    "docs/guide.md": b"static_folder='web'\nCOPY a b\n",
    "lib/util.py": b"import os\nSTATIC_ROOT = 'x'\n",
    "web/app.py": b'app = Flask(__name__, static_folder="public")\n',
    "web/app.PY": b"import os\n",
    "web/main.js": b'import x from "./y.js"\n',
    "Dockerfile": b"COPY dist /srv\n",
    "nginx.svg": b"server { root /srv; }\n",
}


def _surveyed(root: Path, monkeypatch) -> tuple[list[str], list]:
    for name, data in FILES.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_bytes(data)
    calls = []
    original = ClientExposedKey.survey
    monkeypatch.setattr(ClientExposedKey, "survey",
                        lambda self, relpath, data, project: calls.append(relpath) or original(self, relpath, data, project))
    config = load_config(root)
    context = engine.Context(config, Project.detect(root), engine.enabled_rules(config),
                             KeyMatcher(config.placeholders))
    _, kept = engine._analyze_paths([str(root / name) for name in sorted(FILES)], context, str(root))
    return calls, [fact for outcome in kept for fact in outcome.shared.get(GRAPH, [])]


def test_only_files_a_surveyor_may_read_are_surveyed(tmp_path, monkeypatch):
    calls, facts = _surveyed(tmp_path, monkeypatch)
    assert sorted(calls) == ["Dockerfile", "web/app.PY", "web/app.py", "web/main.js"]
    assert {type(f).__name__ for f in facts} == {"ServedFolder", "CopiedFolder", "Module"}


def test_a_skipped_suffix_says_nothing_whatever_the_name_and_bytes():
    contents = [data for data in FILES.values()] + [b'{"name": "x", "dependencies": {}}', b"root /srv;\n"]
    names = ["x", "dockerfile", "Dockerfile", "nginx", "caddyfile", "package", "tsconfig", "vite.config"]
    for suffix, name, data in itertools.product(sorted(unsurveyed.NOTHING_TO_SAY), names, contents):
        assert survey.survey(f"a/{name}{suffix}", data) == [], (name, suffix)


def test_a_python_file_without_a_gate_says_nothing():
    for data in (b"import os\n", b"static_folde = 1\n", b"STATIC_ROOT = 'x'\nStatic = 2\n", FILES["lib/util.py"]):
        assert not any(gate in data for gate in unsurveyed.PYTHON_GATES) or data == b"static_folde = 1\n"
        assert survey.survey("a/app.py", data) == []
