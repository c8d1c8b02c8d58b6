"""KAM002 client-exposed-key: behaviour through the engine, on tiny projects made at run time
(fake keys from tests/fakekeys.py; assertions on places and fingerprints, never key text)."""

from __future__ import annotations

from pathlib import Path

from fakekeys import fp, make_key
from tree import write

from kaman_lint import engine
from kaman_lint.config import Config
from kaman_lint.exposure.facts import name_fingerprint

NEXT_PKG = '{"dependencies": {"next": "14.2.4", "react": "18.3.1"}}'
VITE_PKG = '{"devDependencies": {"vite": "5.3.1"}}'



def scan(root: Path, **kwargs):
    config = Config(select=["KAM001", "KAM002"], no_ignore=True)
    config.project_root = root
    return engine.scan([str(root)], config, root=root, jobs=1, **kwargs)


def places(result, rule="KAM002") -> set[tuple[str, int]]:
    return {(f.location.path, f.location.line) for f in result.findings if f.rule_id == rule}


def test_public_prefix_assignment_links_to_client_read(tmp_path):
    key = make_key(1)
    write(tmp_path, {
        "package.json": VITE_PKG,
        ".env": f"VITE_KAMAN_API_KEY={key}\n",
        "src/api.js": "export const k = import.meta.env.VITE_KAMAN_API_KEY;\n",
    })
    result = scan(tmp_path)
    assert places(result) == {(".env", 1), ("src/api.js", 1)}
    env = next(f for f in result.findings if f.rule_id == "KAM002" and f.location.path == ".env")
    assert env.fingerprint == fp(key)
    assert [r.path for r in env.related] == ["src/api.js"]
    assert "VITE_" in env.message and "Vite" in env.message
    read = next(f for f in result.findings if f.rule_id == "KAM002" and f.location.path == "src/api.js")
    assert read.fingerprint == fp(key)  # one value for the variable: the read follows the key
    assert [r.path for r in read.related] == [".env"]


def test_unprefixed_key_in_next_project_is_kam001_only(tmp_path):
    write(tmp_path, {"package.json": NEXT_PKG, ".env.production": f"KAMAN_API_KEY={make_key(2)}\n"})
    result = scan(tmp_path)
    assert places(result) == set()
    assert places(result, "KAM001") == {(".env.production", 1)}


def test_literal_in_client_component_is_both_rules(tmp_path):
    write(tmp_path, {"package.json": NEXT_PKG,
                     "components/W.tsx": f'"use client";\nexport const k = "{make_key(3)}";\n'})
    result = scan(tmp_path)
    assert places(result) == places(result, "KAM001") == {("components/W.tsx", 2)}


def test_server_only_reads_are_clean(tmp_path):
    write(tmp_path, {
        "package.json": NEXT_PKG,
        "app/api/s/route.ts": "export async function GET() {\n  const r = await fetch('https://api.kaman.io', "
                              "{ headers: { Authorization: `Bearer ${process.env.KAMAN_API_KEY}` } });\n"
                              "  return Response.json(await r.json());\n}\n",
        "pages/api/s.ts": "export default function h(req, res) { res.json({ ok: Boolean(process.env.KAMAN_API_KEY) }); }\n",
    })
    assert places(scan(tmp_path)) == set()


def test_route_handler_returning_the_key_is_flagged(tmp_path):
    write(tmp_path, {
        "package.json": NEXT_PKG,
        "app/api/config/route.ts": "export async function GET() {\n"
                                   "  return Response.json({ key: process.env.KAMAN_API_KEY });\n}\n",
    })
    result = scan(tmp_path)
    assert places(result) == {("app/api/config/route.ts", 2)}
    finding = next(iter(result.findings))
    assert finding.fingerprint == name_fingerprint("KAMAN_API_KEY")
    assert "Response.json" in finding.message


def test_template_render_resolves_the_template(tmp_path):
    write(tmp_path, {
        "app.py": "import os\nfrom flask import render_template\n\n"
                  "def view():\n    return render_template('page.html', tok=os.environ['KAMAN_API_KEY'])\n",
        "templates/page.html": "<script>init('{{ tok }}')</script>\n",  # no 'kaman' here: read from disk
    })
    result = scan(tmp_path)
    assert places(result) == {("app.py", 5)}
    finding = next(f for f in result.findings if f.rule_id == "KAM002")
    assert [(r.path, r.line) for r in finding.related] == [("templates/page.html", 1)]


def test_template_that_does_not_print_the_key_is_clean(tmp_path):
    write(tmp_path, {
        "app.py": "import os\nfrom flask import render_template\n\n"
                  "def view():\n    return render_template('page.html', kaman_key=os.environ['KAMAN_API_KEY'])\n",
        "templates/page.html": "{% if kaman_key %}on{% endif %}\n",
    })
    assert places(scan(tmp_path)) == set()


def test_unresolvable_template_is_a_warning(tmp_path):
    write(tmp_path, {"app.py": "import os\nfrom flask import render_template\n\n"
                               "def view():\n    return render_template('gone.html', k=os.environ['KAMAN_API_KEY'])\n"})
    result = scan(tmp_path)
    assert [(f.location.line, f.severity.value) for f in result.findings] == [(5, "warning")]


def test_stdin_single_file_uses_the_file_name(tmp_path):
    key = make_key(4)
    data = f'"use client";\nconst k = "{key}";\nconst r = process.env.NEXT_PUBLIC_KAMAN_KEY;\n'.encode()
    result = scan(tmp_path, stdin=data, stdin_filename=str(tmp_path / "components" / "x.tsx"))
    assert places(result) == {("components/x.tsx", 2), ("components/x.tsx", 3)}


def test_python_syntax_error_keeps_literals_and_gives_a_notice(tmp_path):
    write(tmp_path, {"app.py": f"from flask import jsonify\nKEY = '{make_key(5)}'\ndef v(:\n    return jsonify(k=KEY)\n"})
    result = scan(tmp_path)
    assert places(result, "KAM001") == {("app.py", 2)}
    assert any(n.kind == "parse-error" and n.path == "app.py" for n in result.notices)


def test_js_syntax_error_in_server_code_keeps_literals_and_gives_a_notice(tmp_path):
    write(tmp_path, {"package.json": '{"dependencies": {"express": "4"}}',
                     "routes/a.js": f'const KEY = "{make_key(6)}";\nrouter.get("/", (req, res) => {{ res.json({{ KEY }} ;\n'})
    result = scan(tmp_path)
    assert places(result, "KAM001") == {("routes/a.js", 1)}
    assert any(n.kind == "parse-error" and n.path == "routes/a.js" for n in result.notices)


def test_messages_and_related_never_hold_a_whole_key(tmp_path):
    keys = [make_key(10 + i) for i in range(3)]
    write(tmp_path, {
        "package.json": VITE_PKG,
        ".env": f"VITE_KAMAN_KEY={keys[0]}\n",
        "public/a.js": f"var k='{keys[1]}';\n",
        "main.py": f"from fastapi import FastAPI\napp = FastAPI()\n@app.get('/')\ndef r():\n    return {{'k': '{keys[2]}'}}\n",
    })
    result = scan(tmp_path)
    assert len([f for f in result.findings if f.rule_id == "KAM002"]) == 3
    text = " ".join(f.message + " ".join(r.message or "" for r in f.related) + f.preview for f in result.findings)
    assert not [fp(k) for k in keys if k in text or k[4:] in text]


def test_suppression_applies_to_kam002(tmp_path):
    write(tmp_path, {"public/a.js": f"// kaman-lint: ignore[KAM002] -- publishable\nvar k='{make_key(20)}';\n"})
    result = scan(tmp_path)
    assert places(result) == set() and places(result, "KAM001") == {("public/a.js", 2)}


def test_rule_docs_have_every_section():
    from kaman_lint.rules.base import DOC_SECTIONS
    from kaman_lint.rules.kam002 import ClientExposedKey

    assert list(ClientExposedKey.sections()) == list(DOC_SECTIONS)
    assert "rotate" in ClientExposedKey.sections()["How to fix"].lower()


def test_server_component_with_syntax_error_still_reports_literal(tmp_path):
    key = make_key(41)
    write(tmp_path, {"package.json": NEXT_PKG, "components/Box.tsx": '"use client";\nexport default 1;\n',
                     "app/page.tsx": f'import Box from "@/components/Box";\nconst kamanKey = "{key}";\n'
                                     "export default function P() { return <Box k={kamanKey} ; }\n"})
    result = scan(tmp_path)
    assert places(result, "KAM001") == {("app/page.tsx", 2)}
    assert any(n.kind == "parse-error" and n.path == "app/page.tsx" for n in result.notices)


def test_script_loaded_by_a_page_is_client_even_without_a_client_path(tmp_path):
    write(tmp_path, {"index.html": '<script src="app.js"></script>\n<script src="https://cdn.example/x.js"></script>\n',
                     "app.js": f'const KAMAN_KEY = "{make_key(42)}";\n',
                     "tool.js": f'const KAMAN_KEY = "{make_key(43)}";\n'})
    assert places(scan(tmp_path)) == {("app.js", 1)}


def _facts(tmp_path, relpath: str, text: str, role: str = "unknown"):
    from kaman_lint import lang
    from kaman_lint.facts import FileFacts
    from kaman_lint.keys import KeyMatcher
    from kaman_lint.project import Project
    from kaman_lint.source import Source, detect_language

    facts = FileFacts(Source(relpath, text, detect_language(relpath)))
    facts.role = role
    facts.package = Project.detect(tmp_path).package_for(relpath)
    lang.analyze(facts, KeyMatcher())
    return facts


def test_env_reads_carry_their_kind_module_and_written_span(tmp_path):
    from kaman_lint.facts import ENV_MODULE_MEMBER, IMPORT_META_ENV, IMPORTED_ENV_NAME, PROCESS_ENV

    text = ('import { PUBLIC_KAMAN_KEY } from "$env/static/public";\n'
            'import { env } from "$env/dynamic/private";\n'
            'const a = process.env["KAMAN_API_KEY"];\n'
            "const b = import.meta.env.VITE_KAMAN_KEY;\n"
            "const c = env.KAMAN_SECRET;\n")
    facts = _facts(tmp_path, "src/lib/k.ts", text)
    reads = {r.name: r for r in facts.env_reads}
    assert (reads["PUBLIC_KAMAN_KEY"].kind, reads["PUBLIC_KAMAN_KEY"].module) == (IMPORTED_ENV_NAME, "$env/static/public")
    assert reads["PUBLIC_KAMAN_KEY"].length == len("PUBLIC_KAMAN_KEY")
    assert (reads["KAMAN_API_KEY"].kind, reads["KAMAN_API_KEY"].length) == (PROCESS_ENV, len('process.env["KAMAN_API_KEY"]'))
    assert reads["VITE_KAMAN_KEY"].kind == IMPORT_META_ENV
    assert (reads["KAMAN_SECRET"].kind, reads["KAMAN_SECRET"].module) == (ENV_MODULE_MEMBER, "$env/dynamic/private")


def test_private_module_value_is_not_public_but_its_return_from_load_is_exposed(tmp_path):
    write(tmp_path, {
        "package.json": '{"devDependencies": {"@sveltejs/kit": "2.5.0"}}',
        "src/routes/a/+page.server.ts": ('import { KAMAN_API_KEY } from "$env/static/private";\n'
                                         "export async function load() {\n  return { kamanKey: KAMAN_API_KEY };\n}\n"),
        "src/routes/b/+page.svelte": ('<script>\n  import { KAMAN_API_KEY } from "$env/static/private";\n</script>\n'),
    })
    assert places(scan(tmp_path)) == {("src/routes/a/+page.server.ts", 3)}


def test_python_env_reads_only_where_code_may_reach_a_client(tmp_path):
    text = 'import os\nkey = os.environ["NEXT_PUBLIC_KAMAN_KEY"]\n'
    assert _facts(tmp_path, "app.py", text, role="server").env_reads == []
    assert [r.name for r in _facts(tmp_path, "app.py", text, role="client").env_reads] == ["NEXT_PUBLIC_KAMAN_KEY"]
    write(tmp_path, {"web/app.py": text})
    config = Config(select=["KAM002"], no_ignore=True, client_globs=["web/**"])
    config.project_root = tmp_path
    result = engine.scan([str(tmp_path)], config, root=tmp_path, jobs=1)
    assert places(result) == {("web/app.py", 2)}


def test_bundler_config_quotes_the_whole_bracketed_read(tmp_path):
    write(tmp_path, {"next.config.js": "module.exports = { env: { kamanKey: process.env['KAMAN_API_KEY'] } };\n"})
    finding = next(f for f in scan(tmp_path).findings if f.rule_id == "KAM002")
    assert "`process.env['KAMAN_API_KEY']`" in finding.message
