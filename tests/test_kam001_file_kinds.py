"""KAM001 in every kind of file: the key's line and column (1-based, code points) and its
fingerprint. Each case writes one file with fake keys made at run time; `{k0}`, `{k1}` mark them.
JS/TS/HTML may be handled by their own analyzers or the text fallback: only behaviour is tested."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from fakekeys import fp, make_key
from kaman_lint import engine
from kaman_lint.config import Config

KEYS = [make_key(600 + i) for i in range(4)]


def scan_file(tmp_path: Path, name: str, content: str | bytes, **config) -> engine.ScanResult:
    path = tmp_path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    cfg = Config(project_root=tmp_path, select=["KAM001"], **config)
    return engine.scan([str(tmp_path)], cfg, root=tmp_path, jobs=1)


def places(result) -> list[tuple[int, int, str]]:
    return [(f.location.line, f.location.column, f.fingerprint) for f in result.findings]


def fill(template: str) -> str:
    return template.format(**{f"k{i}": k for i, k in enumerate(KEYS)})


def spots(template: str) -> list[tuple[int, int, str]]:
    """Where each `{kN}` marker starts in the filled text, as (line, column, fingerprint)."""
    return spots_in(fill(template))


def spots_in(text: str) -> list[tuple[int, int, str]]:
    found = []
    for key in KEYS:
        start = text.find(key)
        while start >= 0:
            line = text.count("\n", 0, start) + 1
            found.append((line, start - (text.rfind("\n", 0, start) + 1) + 1, fp(key)))
            start = text.find(key, start + 1)
    return sorted(found)


CASES = {
    "python-str-bytes-fstring.py": 'A = "{k0}"\nB = b"{k1}"\nC = f"{{x}}&key={k2}&{{{{y}}}}"\n',
    "python-docstring-class-default.py": '"""Uses {k0}."""\nclass C:\n    key = "{k1}"\ndef f(k="{k2}"): ...\n',
    "python-dict.py": 'CONFIG = {{\n    "api_key": "{k0}",\n}}\n',
    "app.js": "const key = '{k0}';\nconst url = `https://x/?k=${{id}}&key={k1}`;\n// {k2}\n",
    "view.tsx": 'export const A = () => <Widget apiKey="{k0}" />;\n',
    "page.html": '<meta name="k" content="{k0}">\n<!-- {k1} -->\n<script>var k = "{k2}";</script>\n',
    "template.jinja": "{{# note #}}\n<div data-key=\"{k0}\">{{{{ name }}}}</div>\n",
    "view.erb": "<%# key %>\n<%= link_to 'x', \"/api?key={k0}\" %>\n",
    ".env.production": 'export KAMAN_API_KEY={k0}\nOTHER="{k1}" # quoted\n',
    "config.toml": '[kaman]\napi_key = "{k0}"\n',
    "config.yaml": "kaman:\n  key: {k0}\n  note: >\n    {k1}\n",
    "config.json": '{{"a": {{"key": "{k0}"}}, "b": "x\\u000a{k1}"}}\n',
    "setup.cfg": "[kaman]\nkey = {k0}\n",
    "Dockerfile": "FROM x\nENV KAMAN_API_KEY={k0}\nARG K={k1}\n",
    ".github/workflows/ci.yml": "jobs:\n  t:\n    env:\n      KAMAN_API_KEY: {k0}\n",
    "docker-compose.yml": "services:\n  a:\n    environment:\n      - KAMAN_API_KEY={k0}\n",
    "prod.tfvars": 'kaman_api_key = "{k0}"\n',
    "deploy.sh": "#!/bin/sh\nexport KAMAN_API_KEY='{k0}'\n",
    "Makefile": "export KAMAN_API_KEY := {k0}\nrun:\n\tKEY={k1} ./run\n",
    "README.md": "Use `kam_your_api_key`. Staging: {k0}\n",
    "notes.txt": "url: https://api.kaman.io/v2?api_key={k0}&x=1 and a%3D{k1}\n",
    "bundle.min.js": "!function(){{var a=1;}}();" * 2000 + 'var k="{k0}";\n',
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_key_is_found_at_its_first_character(tmp_path: Path, name: str) -> None:
    assert sorted(places(scan_file(tmp_path, name, fill(CASES[name])))) == spots(CASES[name])


def test_notebook_reports_the_line_in_the_notebook_file_for_cells_and_outputs(tmp_path: Path) -> None:
    nb = {"cells": [{"cell_type": "code", "source": ["import os\n", f"key = '{KEYS[0]}'\n"],
                     "outputs": [{"output_type": "stream", "text": [f"{KEYS[1]}\n"]}]}],
          "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
    text = json.dumps(nb, indent=1)
    assert sorted(places(scan_file(tmp_path, "a.ipynb", text))) == spots_in(text)


def test_adjacent_python_literals_are_one_key_at_the_first_literal(tmp_path: Path) -> None:
    key = KEYS[0]
    source = f'KEY = ("{key[:14]}"\n       "{key[14:]}")\nX = "kam_" + "{KEYS[1][4:]}"\n'
    assert places(scan_file(tmp_path, "split.py", source)) == [(1, 9, fp(key)), (3, 6, fp(KEYS[1]))]


def test_two_adjacent_whole_keys_stay_two_keys(tmp_path: Path) -> None:
    source = f'PAIR = ("{KEYS[0]}" "{KEYS[1]}")\n'
    assert [f for *_, f in places(scan_file(tmp_path, "pair.py", source))] == [fp(KEYS[0]), fp(KEYS[1])]


def test_crlf_and_utf16_files_report_true_lines_and_columns(tmp_path: Path) -> None:
    text = f"# é\r\nA = 1\r\nKEY = 'é{KEYS[0]}'\r\n"
    assert places(scan_file(tmp_path, "crlf.py", text)) == [(3, 9, fp(KEYS[0]))]
    utf16 = scan_file(tmp_path / "u", "w.env", ("# ü\nKAMAN_API_KEY=" + KEYS[1] + "\n").encode("utf-16"))
    assert places(utf16) == [(2, 15, fp(KEYS[1]))]


def test_config_placeholders_apply_to_the_key_or_its_body(tmp_path: Path) -> None:
    text = f"A={KEYS[0]}\nB={KEYS[1]}\n"
    body_rule = scan_file(tmp_path / "a", "x.env", text, placeholders=["^" + KEYS[0][4:10]])
    key_rule = scan_file(tmp_path / "b", "x.env", text, placeholders=["^" + KEYS[1][:10]])
    assert [f for *_, f in places(body_rule)] == [fp(KEYS[1])]
    assert [f for *_, f in places(key_rule)] == [fp(KEYS[0])]


@pytest.mark.parametrize("text", [
    "import kam_utils\nkam_client = kam_utils.kam_request()\n",
    'KEY = "kam_your_api_key_here"\nDOC = "kam_abc123xyz..."\nT = "kam_${KAMAN_KEY}" + "kam_{{ key }}"\n',
    'H = "kam_3f2a9c0d8e7b6a5f4e3d2c1b0a9f8e7d"\nU = "kam_123e4567-e89b-12d3-a456-426614174000"\n',
    'F = "kam_getUserAccountSettings2"\nM = "kam_Zq8Rt5Lm…"\n',
])
def test_placeholders_and_identifiers_give_no_finding(tmp_path: Path, text: str) -> None:
    assert places(scan_file(tmp_path, "ok.py", text)) == []
