"""KAM002 on server frameworks found by the holdout evaluation: h3/Nitro/Nuxt server routes,
templates printing the server's config (ERB, Blade), and env writes in test setup. Tiny projects
made at run time (fake keys from tests/fakekeys.py; assertions on places, never key text)."""

from __future__ import annotations

import random

import pytest
from fakekeys import fp, make_key
from test_kam002 import _facts, places, scan, write

from kaman_lint.lang.config_print import kaman_setting_printed

NUXT_PKG = '{"devDependencies": {"nuxt": "3.12.0"}}'


# --- h3 / Nitro / Nuxt server routes --------------------------------------------------------

def test_nuxt_route_returning_a_runtime_config_member_is_flagged(tmp_path):
    write(tmp_path, {"package.json": NUXT_PKG, "server/api/debug.get.ts": (
        "export default defineEventHandler((event) => {\n"
        "  const config = useRuntimeConfig(event);\n"
        "  return { node: process.version, kamanKey: config.kamanApiKey };\n});\n")})
    result = scan(tmp_path)
    assert places(result) == {("server/api/debug.get.ts", 3)}
    finding = next(f for f in result.findings if f.rule_id == "KAM002")
    assert "`config.kamanApiKey`" in finding.message and "defineEventHandler" in finding.message


def test_h3_object_form_handler_and_renamed_destructuring(tmp_path):
    write(tmp_path, {"package.json": NUXT_PKG, "server/routes/k.ts": (
        "export default defineEventHandler({\n"
        "  handler: (event) => {\n"
        "    const { kamanSecret: s } = useRuntimeConfig(event);\n"
        "    return { s };\n  },\n});\n")})
    assert places(scan(tmp_path)) == {("server/routes/k.ts", 4)}


def test_h3_send_needs_the_event_first(tmp_path):
    write(tmp_path, {"package.json": NUXT_PKG, "server/utils/notify.ts": (
        "import { send } from './mailer';\n"
        "export async function notify(to: string) {\n"
        "  await send(to, process.env.KAMAN_API_KEY);\n"  # a mailer's send, no event: not a response
        "}\n"
        "export const h = eventHandler((event) => send(event, process.env.KAMAN_API_KEY));\n")})
    assert places(scan(tmp_path)) == {("server/utils/notify.ts", 5)}


def test_facts_about_the_key_are_not_the_key(tmp_path):
    write(tmp_path, {"package.json": '{"dependencies": {"express": "4"}}', "routes/health.js": (
        "router.get('/health', (req, res) => res.json({\n"
        "  configured: !!process.env.KAMAN_API_KEY,\n"
        "  kind: typeof process.env.KAMAN_API_KEY,\n"
        "  sandbox: process.env.KAMAN_API_KEY === 'test',\n"
        "  key: process.env.KAMAN_API_KEY || null,\n"  # `||` passes the value on
        "}));\n")})
    assert places(scan(tmp_path)) == {("routes/health.js", 5)}


def test_member_named_like_a_key_used_only_in_a_fetch_header_is_clean(tmp_path):
    write(tmp_path, {"package.json": NUXT_PKG, "server/api/search.get.ts": (
        "export default defineEventHandler(async (event) => {\n"
        "  const config = useRuntimeConfig(event);\n"
        "  return await $fetch('https://api.kaman.io/v1/search', "
        "{ headers: { Authorization: `Bearer ${config.kamanApiKey}` } });\n});\n")})
    assert places(scan(tmp_path)) == set()


def test_nuxt_route_with_syntax_error_keeps_the_literal_and_gives_a_notice(tmp_path):
    write(tmp_path, {"package.json": NUXT_PKG, "server/api/k.get.ts": (
        f'const kamanKey = "{make_key(4201)}";\n'
        "export default defineEventHandler(() => { return { kamanKey } ;\n")})
    result = scan(tmp_path)
    assert places(result, "KAM001") == {("server/api/k.get.ts", 1)}
    assert any(n.kind == "parse-error" and n.path == "server/api/k.get.ts" for n in result.notices)


# --- env writes are not reads ----------------------------------------------------------------

def test_env_assignment_and_delete_are_not_reads(tmp_path):
    text = ("process.env.REACT_APP_KAMAN_API_KEY = 'x';\n"
            "delete process.env.REACT_APP_KAMAN_KEY;\n"
            "process.env['REACT_APP_KAMAN_TOKEN']= 'y';\n"
            "const a = process.env.REACT_APP_KAMAN_SECRET == null;\n"
            "const b = process.env.REACT_APP_KAMAN_API === 'z';\n"
            "const c = () => process.env.REACT_APP_KAMAN_API_TOKEN;\n")
    names = {r.name for r in _facts(tmp_path, "src/a.js", text, role="client").env_reads}
    assert names == {"REACT_APP_KAMAN_SECRET", "REACT_APP_KAMAN_API", "REACT_APP_KAMAN_API_TOKEN"}


def test_cra_test_setup_writing_the_public_variable_is_clean(tmp_path):
    write(tmp_path, {
        "package.json": '{"dependencies": {"react-scripts": "5.0.1", "react": "18"}}',
        "src/setupTests.js": "import '@testing-library/jest-dom';\nprocess.env.REACT_APP_KAMAN_API_KEY = 'k';\n"
                             "export const key = process.env.REACT_APP_KAMAN_API_KEY;\n",
        "src/api.js": "export const key = process.env.REACT_APP_KAMAN_API_KEY;\n",
    })
    assert places(scan(tmp_path)) == {("src/api.js", 1)}


# --- templates printing the server's configuration -------------------------------------------

@pytest.mark.parametrize("expression, setting", [
    ('ENV["KAMAN_API_KEY"]', "KAMAN_API_KEY"),
    ("ENV['KAMAN_API_KEY'] || ''", "KAMAN_API_KEY"),
    ('ENV.fetch("KAMAN_API_KEY")', "KAMAN_API_KEY"),
    ('ENV.fetch("KAMAN_API_KEY", nil)', "KAMAN_API_KEY"),
    ("Rails.configuration.x.kaman.api_key", "kaman.api_key"),
    ("Rails.application.credentials.dig(:kaman, :api_key)", "kaman.api_key"),
    ("Rails.application.credentials.kaman[:secret]", "kaman.secret"),
    ("config('services.kaman.key')", "kaman.key"),
    ("env('KAMAN_API_KEY')", "KAMAN_API_KEY"),
    ("Config::get('services.kaman.api_key')", "kaman.api_key"),
    ("config.KAMAN_API_KEY|tojson", "KAMAN_API_KEY"),
    ("config['KAMAN_API_KEY']", "KAMAN_API_KEY"),
    ("settings.KAMAN_API_KEY", "KAMAN_API_KEY"),
    ("$config.public.kamanKey", "kamanKey"),
    ("process.env.VUE_APP_KAMAN_KEY", "VUE_APP_KAMAN_KEY"),
    ('os.environ.get("KAMAN_API_KEY")', "KAMAN_API_KEY"),
    # not a print of a Kaman key from a global config object:
    ('ENV["KAMAN_API_KEY"].present?', None),
    ('ENV["KAMAN_API_KEY"] ? "on" : "off"', None),
    ("ENV['KAMAN_API_KEY'] == 'x'", None),
    ("config('services.kaman.base_url')", None),
    ("Rails.configuration.x.kaman.region", None),
    ("kaman_api_key", None),  # a render variable: followed from the view instead
    ("user.kaman_api_key", None),
    ('x["ENV"].kaman_api_key', None),
    ("", None),
])
def test_config_print_paths(expression, setting):
    assert kaman_setting_printed(expression) == setting


def test_erb_prints_are_quoted_in_erb_syntax(tmp_path):
    write(tmp_path, {"app/views/layouts/application.html.erb": (
        '<meta name="k" content="<%= ENV.fetch("KAMAN_API_KEY") %>">\n'
        '<% if ENV["KAMAN_API_KEY"].present? %><p>on</p><% end %>\n'
        '<%# <%= ENV["KAMAN_API_KEY"] %> was here %>\n')})
    result = scan(tmp_path)
    assert places(result) == {("app/views/layouts/application.html.erb", 1)}
    finding = next(f for f in result.findings if f.rule_id == "KAM002")
    assert '`<%= ENV.fetch("KAMAN_API_KEY") %>`' in finding.message and "{{" not in finding.message


def test_blade_templates_are_analysed_as_html(tmp_path):
    write(tmp_path, {"resources/views/app.blade.php": (
        "<meta content=\"{{ config('services.kaman.key') }}\">\n"
        "<script>var k = \"{!! env('KAMAN_API_KEY') !!}\";</script>\n"
        "@if (config('services.kaman.key')) <p>on</p> @endif\n")})
    result = scan(tmp_path)
    assert places(result) == {("resources/views/app.blade.php", 1), ("resources/views/app.blade.php", 2)}
    messages = [f.message for f in result.findings if f.rule_id == "KAM002"]
    assert any("`{!! env('KAMAN_API_KEY') !!}`" in m for m in messages)


def test_quoted_print_never_holds_a_whole_key(tmp_path):
    key = make_key(4202)
    write(tmp_path, {"templates/base.html": f'<p>{{{{ config.get("KAMAN_API_KEY", "{key}") }}}}</p>\n'})
    result = scan(tmp_path)
    assert places(result) == {("templates/base.html", 1)}
    text = " ".join(f.message for f in result.findings)
    assert fp(key) and key not in text and key[4:] not in text


def test_template_prints_keep_their_own_syntax():
    from kaman_lint.lang.html import template_prints

    text = "{{ a.b|e }} {!! c !!} <%= d %> <%- e -%> {{ 'x' if f else 'y' }} <%# g %> {{-- {{ h }} --}}"
    printed = [(p.variable, p.quoted()) for p in template_prints(text)]
    assert printed == [("a", "{{ a.b|e }}"), ("c", "{!! c !!}"), ("d", "<%= d %>"), ("e", "<%- e %>"),
                       ("", "{{ 'x' if f else 'y' }}")]


def test_echoing_what_the_client_sent_is_not_an_exposure(tmp_path):
    write(tmp_path, {"package.json": '{"dependencies": {"express": "4"}}', "routes/keys.js": (
        "router.post('/validate', (req, res) => res.json({ kamanApiKey: req.body.kamanApiKey }));\n"
        "router.post('/v2', (req, res) => {\n"
        "  const { kamanApiKey } = req.body;\n"
        "  res.json({ kamanApiKey });\n"
        "});\n"
        "router.get('/leak', (req, res) => res.json({ k: settings.kamanApiKey }));\n")})
    assert places(scan(tmp_path)) == {("routes/keys.js", 6)}


def test_nested_destructuring_of_runtime_config(tmp_path):
    write(tmp_path, {"package.json": NUXT_PKG, "server/api/pub.get.ts": (
        "export default defineEventHandler((event) => {\n"
        "  const { public: { kamanKey } } = useRuntimeConfig(event);\n"
        "  return { kamanKey };\n});\n")})
    assert places(scan(tmp_path)) == {("server/api/pub.get.ts", 3)}


def test_a_print_that_does_not_say_kaman_is_not_parsed_and_answers_as_before():
    # kaman_setting_printed answers None without reading the access path when the print does not
    # say Kaman in any case: the same answer the full reading gives (seeded random prints)
    from kaman_lint.lang import config_print

    rng = random.Random("config-prints")
    atoms = ["ENV", "Rails", "configuration", "x", "config", "settings", "process", "env", "services", "api_key",
             "KAMAN_API_KEY", "kaman", "Kaman", "KAMAN", "\u212aaman", "kamanKey", "KAMA", "aman", "key", "fetch",
             "dig", "present?", "VUE_APP_", "NEXT_PUBLIC_KAMAN_KEY"]
    joins = [".", "::", "['", "']", '["', '"]', "(", ")", "('", "')", ", :", "[:", "]", " || ", ""]
    for _ in range(5_000):
        expression = "".join(rng.choice(atoms) + rng.choice(joins) for _ in range(rng.randint(1, 6)))
        assert config_print.kaman_setting_printed(expression) == config_print._setting_printed(expression), expression
