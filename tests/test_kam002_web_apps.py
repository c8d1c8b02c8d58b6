"""KAM002 in web apps: Vite env aliases and destructuring, HTML rendered on the server
(gatsby-ssr, Server Components), `*.config.ts` app modules, and route bodies holding a literal.
Fake keys from tests/fakekeys.py; assertions on places and fingerprints, never key text."""

from __future__ import annotations

from fakekeys import fp, leaked, make_key
from test_kam002 import _facts, places, scan, write

from kaman_lint.config import Config
from kaman_lint.exposure.roles import CLIENT, SERVER, SERVER_RENDERS_HTML, classify
from kaman_lint.project import Project
from kaman_lint.source import Source, detect_language

VITE_PKG = '{"dependencies": {"react": "18"}, "devDependencies": {"vite": "5"}}'
NEXT_PKG = '{"dependencies": {"next": "14", "react": "18"}}'
GATSBY_PKG = '{"dependencies": {"gatsby": "5", "react": "18"}}'
ANGULAR_PKG = '{"dependencies": {"@angular/core": "18"}}'


def _classify(tmp_path, package: str, relpath: str, text: str = "export {}\n"):
    (tmp_path / "package.json").write_text(package, encoding="utf-8")
    return classify(Source(relpath, text, detect_language(relpath), project_path=relpath),
                    Project.detect(tmp_path), Config())


# --- import.meta.env through an alias or a destructuring pattern --------------------------------
def test_meta_env_alias_and_destructuring_are_reads_at_their_own_places(tmp_path):
    text = ("const env = import.meta.env;\n"
            "const { VITE_KAMAN_KEY, VITE_KAMAN_TOKEN: token = '', ...rest } = import.meta.env;\n"
            "export const k = env.VITE_KAMAN_API_KEY ?? env['VITE_KAMAN_SECRET'];\n"
            "env.VITE_KAMAN_WRITTEN = 'x';\n")
    reads = {r.name: (r.line, r.column) for r in _facts(tmp_path, "src/k.ts", text).env_reads}
    assert reads == {"VITE_KAMAN_KEY": (2, 9), "VITE_KAMAN_TOKEN": (2, 25),
                     "VITE_KAMAN_API_KEY": (3, 18), "VITE_KAMAN_SECRET": (3, 44)}


def test_process_env_alias_and_destructuring_are_not_reads(tmp_path):
    # Next and CRA inline only the literal member: these are undefined in the browser
    text = ("const { NEXT_PUBLIC_KAMAN_KEY } = process.env;\n"
            "const env = process.env;\n"
            "export const k = NEXT_PUBLIC_KAMAN_KEY ?? env.NEXT_PUBLIC_KAMAN_TOKEN;\n")
    assert _facts(tmp_path, "components/k.ts", text).env_reads == []


def test_member_of_the_bare_object_is_read_once(tmp_path):
    text = "const env = import.meta.env;\nexport const k = import.meta.env.VITE_KAMAN_KEY;\n"
    assert [r.line for r in _facts(tmp_path, "src/k.ts", text).env_reads] == [2]


def test_destructured_vite_key_is_flagged_in_client_code_only(tmp_path):
    read = "const { VITE_KAMAN_KEY: key } = import.meta.env;\nexport default key;\n"
    write(tmp_path, {"package.json": VITE_PKG, "src/a.ts": read, "vite.config.ts": read})
    assert places(scan(tmp_path)) == {("src/a.ts", 1)}


# --- roles: build configs, Angular app.config, gatsby-ssr ----------------------------------------
def test_config_modules_in_front_end_source_are_client(tmp_path):
    assert _classify(tmp_path, ANGULAR_PKG, "src/app/app.config.ts").role == CLIENT
    assert _classify(tmp_path, ANGULAR_PKG, "src/app/app.config.server.ts").role == SERVER
    assert _classify(tmp_path, VITE_PKG, "src/firebase.config.ts").role == CLIENT
    assert _classify(tmp_path, VITE_PKG, "vite.config.ts").role == SERVER
    assert _classify(tmp_path, VITE_PKG, "config/webpack.config.js").role == SERVER


def test_config_module_in_front_end_source_using_node_apis_is_server(tmp_path):
    text = 'import fs from "fs";\nexport default {};\n'
    assert _classify(tmp_path, VITE_PKG, "src/db.config.ts", text).role == SERVER


def test_build_config_below_a_backend_source_folder_stays_server(tmp_path):
    assert _classify(tmp_path, '{"dependencies": {"express": "4"}}', "src/knex.config.ts").role == SERVER


def test_gatsby_ssr_is_server_code_that_renders_html(tmp_path):
    found = _classify(tmp_path, GATSBY_PKG, "gatsby-ssr.js")
    assert (found.role, found.marker) == (SERVER, SERVER_RENDERS_HTML)
    assert _classify(tmp_path, GATSBY_PKG, "gatsby-node.js").marker == ""


def test_window_in_a_server_component_string_is_not_a_browser_api(tmp_path):
    printed = 'export default function L() { return <script>{"window.x = 1"}</script>; }\n'
    used = 'export default function L() { window.x = 1; return null; }\n'
    assert _classify(tmp_path, NEXT_PKG, "app/layout.tsx", printed).role == SERVER
    assert _classify(tmp_path, NEXT_PKG, "app/layout.tsx", used).role == CLIENT


# --- HTML rendered on the server -----------------------------------------------------------------
def test_gatsby_ssr_meta_and_html_attributes_are_exposures(tmp_path):
    text = ('exports.onRenderBody = ({ setHeadComponents, setHtmlAttributes }) => {\n'
            '  setHtmlAttributes({ "data-kaman": process.env.KAMAN_API_KEY });\n'
            '  setHeadComponents([<meta key="k" name="kaman-key" content={process.env.KAMAN_TOKEN} />]);\n'
            '};\n')
    write(tmp_path, {"package.json": GATSBY_PKG, "gatsby-ssr.js": text})
    assert places(scan(tmp_path)) == {("gatsby-ssr.js", 2), ("gatsby-ssr.js", 3)}


def test_unprinted_attributes_components_and_tests_are_not_exposures(tmp_path):
    text = ('import Widget from "./widget";\n'
            'exports.onRenderBody = ({ setHeadComponents }) => {\n'
            '  setHeadComponents([\n'
            '    <meta key={process.env.KAMAN_API_KEY} name="a" />,\n'
            '    <meta name="configured" content={process.env.KAMAN_API_KEY ? "yes" : "no"} />,\n'
            '    <Widget apiKey={process.env.KAMAN_API_KEY} />,\n'
            '  ]);\n'
            '};\n')
    write(tmp_path, {"package.json": GATSBY_PKG, "gatsby-ssr.js": text})
    assert places(scan(tmp_path)) == set()


def test_html_element_printed_in_a_server_component(tmp_path):
    text = ('export default function Head() {\n'
            '  const key = process.env.KAMAN_API_KEY;\n'
            '  return <div data-key={key}>{`${key}`}</div>;\n'
            '}\n')
    write(tmp_path, {"package.json": NEXT_PKG, "app/page.tsx": text})
    found = [f for f in scan(tmp_path).findings if f.rule_id == "KAM002"]
    assert sorted((f.location.line, f.location.column) for f in found) == [(3, 25), (3, 34)]  # attribute, child


def test_gatsby_ssr_syntax_error_keeps_literal_and_gives_a_notice(tmp_path):
    key = make_key(901)
    write(tmp_path, {"package.json": GATSBY_PKG,
                     "gatsby-ssr.js": f'exports.onRenderBody = ({{ setHeadComponents }}) => {{\n'
                                      f'  setHeadComponents([<meta content="{key}" />;\n'})
    result = scan(tmp_path)
    assert places(result, "KAM001") == {("gatsby-ssr.js", 2)}
    assert any(n.kind == "parse-error" and n.path == "gatsby-ssr.js" for n in result.notices)


# --- a key literal in a route's response body ----------------------------------------------------
def test_literal_in_returned_constant_is_reported_where_written_with_the_return_related(tmp_path):
    key = make_key(902)
    text = (f'from fastapi import FastAPI\napp = FastAPI()\nEMBED = """<div>\n<script data-key="{key}"></script>\n"""\n'
            "@app.get('/a')\ndef a():\n    return EMBED\n"
            "@app.get('/b')\ndef b():\n    return EMBED + '<p>b</p>'\n")
    write(tmp_path, {"main.py": text})
    result = scan(tmp_path)
    finding, = [f for f in result.findings if f.rule_id == "KAM002"]
    assert (finding.location.line, finding.fingerprint) == (4, fp(key))
    assert [r.line for r in finding.related] == [8, 11]
    assert places(result, "KAM001") == {("main.py", 4)}
    text_out = finding.message + " ".join(r.message or "" for r in finding.related)
    assert leaked(text_out, [key]) == []


def test_any_route_return_value_is_the_response_body(tmp_path):
    text = ("import os\nfrom flask import Flask\napp = Flask(__name__)\n"
            "@app.route('/k')\ndef k():\n    return os.environ['KAMAN_API_KEY']\n"
            "@app.route('/ok')\ndef ok():\n    return str(bool(os.environ.get('KAMAN_API_KEY')))\n"
            "@app.route('/n')\ndef n():\n    def inner():\n        return os.environ['KAMAN_API_KEY']\n    return 'hi'\n")
    write(tmp_path, {"app.py": text})
    assert places(scan(tmp_path)) == {("app.py", 6)}


def test_unrouted_function_returning_a_literal_is_kam001_only(tmp_path):
    key = make_key(903)
    write(tmp_path, {"lib.py": f'EMBED = "<script data-key=\'{key}\'></script>"\ndef embed():\n    return EMBED\n'})
    result = scan(tmp_path)
    assert places(result) == set() and places(result, "KAM001") == {("lib.py", 1)}


def test_js_literal_sent_through_a_constant_is_reported_where_written(tmp_path):
    key = make_key(904)
    write(tmp_path, {"package.json": '{"dependencies": {"express": "4"}}',
                     "server/embed.js": f'const HTML = `<div>\n<script data-key="{key}"></script>`;\n'
                                        'router.get("/e", (req, res) => res.send(HTML));\n'})
    finding, = [f for f in scan(tmp_path).findings if f.rule_id == "KAM002"]
    assert (finding.location.line, finding.fingerprint) == (2, fp(key))
    assert [(r.line, r.column) for r in finding.related] == [(3, 41)]


# --- Remix: a root loader returning a helper's env object (env.server.ts) -----------------------
def test_survey_records_only_the_imported_calls_a_data_function_returns():
    from kaman_lint.exposure.graph.facts import ReturnedCall
    from kaman_lint.exposure.graph.survey import survey

    text = ('import { typedjson } from "remix-typedjson";\n'
            'import { getEnv, getKamanKey as key, other } from "~/env.server";\n'
            'import { used } from "./used.server";\n'
            'export const loader = async ({ request }) => {\n'
            '  const client = new Kaman(key());\n'
            '  const v = used();\n'
            '  return typedjson({ ENV: getEnv(), items: await client.list(), v, on: !!key(),\n'
            '    set: Boolean(other()), empty: key() === "" });\n'
            '};\n'
            'export async function action() {\n'
            '  other();\n'
            '  return { ok: true };\n'
            '}\n'
            'export const headers = () => ({ "x": getEnv() });\n'
            'export default function App() { return <script>{`window.ENV = ${x}`}</script>; }\n')
    calls = [f for f in survey("app/root.tsx", text.encode()) if isinstance(f, ReturnedCall)]
    assert {(c.function, c.specifier, c.imported, c.line) for c in calls} == {
        ("loader", "~/env.server", "getEnv", 7), ("loader", "./used.server", "used", 6)}
    assert {c.printed_at for c in calls} == {15}


def test_remix_root_loader_returning_a_helpers_env_reports_the_read_in_the_helper(tmp_path):
    write(tmp_path, {
        "package.json": '{"dependencies": {"@remix-run/react": "2", "@remix-run/node": "2"}}',
        "app/utils/env.server.ts": ("export function getEnv() {\n  return { APP: process.env.APP_URL,\n"
                                    "    KAMAN_PUBLIC_KEY: process.env.KAMAN_API_KEY };\n}\n"
                                    "export function plain() {\n  return { APP: process.env.APP_URL };\n}\n"),
        "app/root.tsx": ('import { getEnv, plain } from "./utils/env.server";\n'
                         "export async function loader() {\n  return { ENV: getEnv(), P: plain() };\n}\n"),
        "app/routes/a.tsx": ('import { getEnv } from "~/utils/env.server";\n'
                             "export async function action() {\n  const env = getEnv();\n  await fetch(env.X);\n"
                             "  return null;\n}\n"),
    })
    result = scan(tmp_path)
    assert places(result, "KAM002") == {("app/utils/env.server.ts", 3)}
    (finding,) = [f for f in result.findings if f.rule_id == "KAM002"]
    assert [(s.path, s.line) for s in finding.flow] == [("app/root.tsx", 3), ("app/utils/env.server.ts", 3)]
