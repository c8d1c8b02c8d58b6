"""KAM001's message fits where the key is (issue 8 item 10): a `.env` file, an environment
read's default, a notebook output (with the cell), a CI workflow, a test file; elsewhere the
general advice."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kaman_lint import engine
from kaman_lint.config import Config

try:
    from fakekeys import leaked, make_key
except ImportError:  # tests/ imported as a package
    from tests.fakekeys import leaked, make_key

KEY = make_key(8801)


def message(tmp_path: Path, name: str, text: str) -> str:
    path = tmp_path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text.replace("<K>", KEY), encoding="utf-8")
    config = Config(project_root=tmp_path, select=["KAM001"], no_ignore=True)
    [finding] = engine.scan([str(tmp_path)], config, root=tmp_path, jobs=1).findings
    assert not leaked(finding.message, [KEY])
    return finding.message


@pytest.mark.parametrize(("name", "text", "expected"), [
    (".env", "KAMAN_API_KEY=<K>\n",
     "in `KAMAN_API_KEY`: keep this file out of git (add it to .gitignore; commit a `.env.example`"),
    ("app/.env.local", "KAMAN_API_KEY=<K>\n", "keep this file out of git"),
    (".env.example", "KAMAN_API_KEY=<K>\n",
     "in a file meant to be committed: replace it with a placeholder such as `kam_your_api_key`"),
    ("settings.py", 'import os\nKEY_ = os.environ.get("KAMAN_API_KEY", "<K>")\n',
     'as the default of `os.environ.get("KAMAN_API_KEY")`: drop the default'),
    ("settings.py", 'import os\nK = os.getenv("KAMAN_API_KEY", default="<K>")\n',
     'as the default of `os.getenv("KAMAN_API_KEY")`: drop the default'),
    ("server.js", 'const key = process.env.KAMAN_API_KEY || "<K>";\n',
     "as the default of `process.env.KAMAN_API_KEY`: drop the default"),
    (".github/workflows/deploy.yml", "jobs:\n  deploy:\n    env:\n      KAMAN_API_KEY: <K>\n",
     "store it as a repository secret and write `${{ secrets.KAMAN_API_KEY }}` here"),
    (".gitlab-ci.yml", "variables:\n  KAMAN_API_KEY: <K>\n", "masked CI/CD variable and read `$KAMAN_API_KEY`"),
    ("tests/test_client.py", 'API_KEY = "<K>"\n',
     "in `API_KEY` in a test file: use a placeholder (`kam_your_api_key`, or a `placeholders` pattern"),
    ("src/client.spec.ts", 'const key = "<K>";\n', "in a test file: use a placeholder"),
    ("app/client.py", 'API_KEY = "<K>"\n', "in `API_KEY`: load it from an environment variable or a vault"),
])
def test_the_message_fits_the_place(tmp_path, name, text, expected):
    found = message(tmp_path, name, text)
    assert expected in found and found.endswith(", and rotate this key")


def test_a_notebook_output_says_which_cell_and_to_clear_the_outputs(tmp_path):
    cells = [
        {"cell_type": "markdown", "metadata": {}, "source": ["# Setup"]},
        {"cell_type": "code", "execution_count": 1, "metadata": {}, "outputs": [], "source": ["import os"]},
        {"cell_type": "code", "execution_count": 2, "metadata": {},
         "outputs": [{"name": "stdout", "output_type": "stream", "text": ["using <K>\n"]}],
         "source": ["print(client.key)"]},
    ]
    text = json.dumps({"cells": cells, "metadata": {}, "nbformat": 4, "nbformat_minor": 5}, indent=1)
    found = message(tmp_path, "explore.ipynb", text)
    assert "in the output of cell 3: clear the notebook's outputs before committing" in found
