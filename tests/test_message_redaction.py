"""Messages quote source code (a callee, a subscript, a template name): a key written inside the
quoted code must not come out whole, in any format (fake keys; failures name fingerprints)."""

from __future__ import annotations

from pathlib import Path

from fakekeys import fp, leaked, make_key
from test_no_leak import run_every_format

from kaman_lint import engine
from kaman_lint.config import Config


def _write(root: Path, files: dict[str, str]) -> None:
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def _kam002_messages(root: Path) -> list[str]:
    config = Config(select=["KAM002"], no_ignore=True)
    result = engine.scan([str(root)], config, root=root, jobs=1)
    return [f.message for f in result.findings] + [r.message or "" for f in result.findings for r in f.related]


CHAINED_SINK = ('const express = require("express");\nconst app = express();\n'
                'app.get("/cfg", (req, res) => {{\n'
                '  res.set("Auth", "{key}").json({{ kamanKey: process.env.KAMAN_API_KEY }});\n}});\n')


def test_chained_js_sink_prints_only_the_method(tmp_path):
    key = make_key(900)
    _write(tmp_path / "p", {"server/app.js": CHAINED_SINK.format(key=key)})
    messages = _kam002_messages(tmp_path / "p")
    assert leaked("\n".join(messages), [key]) == []
    assert any("by `.json(...)`" in m for m in messages)  # the env read, sent by the chained call
    assert any("by `res.set(...)`" in m for m in messages)  # the literal, sent as a header


def test_chained_js_sink_leaks_in_no_format(tmp_path):
    key = make_key(901)
    _write(tmp_path / "p", {"server/app.js": CHAINED_SINK.format(key=key)})
    outputs = run_every_format(tmp_path / "p", tmp_path)
    for fmt, output in outputs.items():
        assert leaked(output, [key]) == [], f"{fmt} output holds the whole key {fp(key)}"
    assert ".json(...)" in outputs["text"]


def test_python_subject_holding_a_key_is_redacted(tmp_path):
    # `st.secrets["kaman_api_key"][...]` is a source by its owner's name; its subscript is quoted.
    key = make_key(902)
    _write(tmp_path / "p", {"app.py": (
        "from flask import Flask, jsonify\nimport streamlit as st\napp = Flask(__name__)\n\n"
        "@app.route('/cfg')\ndef cfg():\n"
        f"    return jsonify(token=st.secrets['kaman_api_key']['{key}'])\n")})
    messages = _kam002_messages(tmp_path / "p")
    assert messages and leaked("\n".join(messages), [key]) == []


def test_template_name_and_printed_variable_are_redacted(tmp_path):
    key = make_key(903)
    _write(tmp_path / "p", {
        "app.py": ("import os\nfrom flask import Flask, render_template\napp = Flask(__name__)\n\n"
                   "@app.route('/')\ndef home():\n"
                   f"    return render_template('{key}.html', kaman_key=os.environ['KAMAN_API_KEY'])\n"),
        f"templates/{key[:8]}.html": "<p>{{ kaman_key }}</p>\n",
    })
    messages = _kam002_messages(tmp_path / "p")
    assert messages and leaked("\n".join(messages), [key]) == []
