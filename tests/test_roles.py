"""roles.classify: client, server or unknown, from path, content, project and config."""

from __future__ import annotations

import pytest

from kaman_lint.config import Config
from kaman_lint.exposure.roles import classify
from kaman_lint.project import Project
from kaman_lint.source import Source, detect_language


def role(tmp_path, relpath: str, text: str = "", package: str | None = None, config: Config | None = None) -> str:
    if package is not None:
        (tmp_path / "package.json").write_text(package, encoding="utf-8")
    source = Source(relpath, text, detect_language(relpath), project_path=relpath)
    return classify(source, Project.detect(tmp_path), config or Config())[0]


NEXT = '{"dependencies": {"next": "14", "react": "18"}}'
VITE = '{"devDependencies": {"vite": "5"}}'


@pytest.mark.parametrize("relpath, text, expected", [
    ("components/a.tsx", '"use client";\nexport {}', "client"),
    ("components/a.tsx", "// header\n'use server'\nexport {}", "server"),
    ("lib/k.ts", 'import "server-only";\n', "server"),
    ("pages/api/search.ts", "export default () => {}", "server"),
    ("app/api/related/route.ts", "export async function GET() {}", "server"),
    ("app/page.tsx", "export default function Page() {}", "server"),  # Server Component by default
    ("pages/index.tsx", "export default function Home() {}", "client"),
    ("public/sw.js", "self.addEventListener('fetch', () => {})", "client"),
    ("next.config.js", "module.exports = {}", "server"),
])
def test_next_layout(tmp_path, relpath, text, expected):
    assert role(tmp_path, relpath, text, NEXT) == expected


@pytest.mark.parametrize("relpath, expected", [
    ("src/api/kaman.js", "client"),  # an API *client* inside a Vite app
    ("src/components/X.jsx", "client"),
    ("vite.config.js", "server"),
    ("scripts/seed.js", "server"),
    ("dist/assets/index-abc.js", "client"),
])
def test_vite_layout(tmp_path, relpath, expected):
    assert role(tmp_path, relpath, "export {}", VITE) == expected


def test_angular_environment_is_client_without_package(tmp_path):
    assert role(tmp_path, "src/environments/environment.prod.ts", "export const environment = {}") == "client"


def test_python_is_server(tmp_path):
    assert role(tmp_path, "static/app.py", "x = 1") == "server"


def test_html_pages_and_templates_are_client(tmp_path):
    assert role(tmp_path, "templates/index.html", "<p>{{ x }}</p>") == "client"
    assert role(tmp_path, "site/index.html", "<p></p>") == "client"


def test_content_hints_decide_unknown_scripts(tmp_path):
    assert role(tmp_path, "x/app.js", "document.querySelector('#a')") == "client"
    assert role(tmp_path, "x/app.js", "import express from 'express'") == "server"
    assert role(tmp_path, "x/app.js", "export const a = 1") == "unknown"


def test_config_globs_override_the_guess(tmp_path):
    config = Config(server_globs=["public/"], client_globs=["lib/**"])
    config.project_root = tmp_path
    assert role(tmp_path, "public/a.js", "", config=config) == "server"
    assert role(tmp_path, "lib/a.py", "", config=config) == "client"


def test_extension_folder_is_client(tmp_path):
    (tmp_path / "ext").mkdir()
    (tmp_path / "ext" / "manifest.json").write_text('{"manifest_version": 3, "background": {}}')
    assert role(tmp_path, "ext/background.js", "export {}") == "client"


def _role_of(tmp_path, package_json: str, relpath: str, text: str) -> str:
    from kaman_lint.config import Config
    from kaman_lint.project import Project
    from kaman_lint.exposure.roles import classify
    from kaman_lint.source import Source, detect_language

    (tmp_path / "package.json").write_text(package_json)
    return classify(Source(relpath, text, detect_language(relpath, "")), Project.detect(tmp_path), Config())[0]


def test_installed_apps_ship_all_their_code(tmp_path):
    assert _role_of(tmp_path, '{"dependencies": {"expo": "51"}}', "App.tsx", "export default 1;\n") == "client"
    assert _role_of(tmp_path, '{"devDependencies": {"electron": "30"}}', "main.js",
                    'const fs = require("fs");\n') == "client"  # packed into the asar users install
    assert _role_of(tmp_path, '{"dependencies": {"expo": "51"}}', "app/api/search+api.ts", "x\n") == "server"
    assert _role_of(tmp_path, '{"dependencies": {"expo": "51"}}', "metro.config.js", "x\n") == "server"


def test_nuxt_app_config_is_client_but_nuxt_config_is_not(tmp_path):
    pkg = '{"devDependencies": {"nuxt": "3"}}'
    assert _role_of(tmp_path, pkg, "app.config.ts", "export default {}\n") == "client"
    assert _role_of(tmp_path, pkg, "nuxt.config.ts", "export default {}\n") == "server"


def _classification(tmp_path, relpath: str, text: str, package: str):
    (tmp_path / "package.json").write_text(package, encoding="utf-8")
    source = Source(relpath, text, detect_language(relpath), project_path=relpath)
    return classify(source, Project.detect(tmp_path), Config())


def test_markers_tell_analyzers_what_the_reason_only_says(tmp_path):
    from kaman_lint.exposure.roles import NEXT_SERVER_COMPONENT, USE_SERVER_DIRECTIVE

    action = _classification(tmp_path, "app/actions.ts", '"use server";\nexport async function a() {}\n', NEXT)
    assert (action.role, action.marker) == ("server", USE_SERVER_DIRECTIVE)
    component = _classification(tmp_path, "app/page.tsx", "export default function Page() {}\n", NEXT)
    assert (component.role, component.marker) == ("server", NEXT_SERVER_COMPONENT)
    client = _classification(tmp_path, "components/a.tsx", '"use client";\nexport {}\n', NEXT)
    assert (client.role, client.marker) == ("client", "")
    route = _classification(tmp_path, "pages/api/x.ts", "export default () => {}\n", NEXT)
    assert (route.role, route.marker) == ("server", "")


def _touch(tmp_path, *names: str) -> None:
    for name in names:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("x\n", encoding="utf-8")


@pytest.mark.parametrize("markers, relpath, expected", [
    (("Gemfile",), "app/javascript/controllers/search_controller.js", "client"),
    (("config/importmap.rb",), "app/javascript/application.js", "client"),
    (("Gemfile",), "app/assets/javascripts/search.js", "client"),
    (("shop/Gemfile",), "shop/app/javascript/search.js", "client"),  # a Rails app in a subfolder
    (("artisan",), "resources/js/app.js", "client"),
    (("composer.json",), "resources/assets/js/search.js", "client"),
    ((), "app/javascript/jobs/reindex.js", "unknown"),  # no Gemfile: not a Rails asset folder
    ((), "resources/js/app.js", "unknown"),
    (("Gemfile",), "lib/tasks/kaman.js", "unknown"),
])
def test_server_rendered_apps_ship_their_js_folder(tmp_path, markers, relpath, expected):
    _touch(tmp_path, *markers)
    assert role(tmp_path, relpath, "export const a = 1\n") == expected


@pytest.mark.parametrize("text, expected", [
    ('import { Controller } from "@hotwired/stimulus"\n', "client"),
    ("import '@hotwired/turbo-rails'\n", "client"),
    ('import { createRoot } from "react-dom/client"\n', "client"),
    ("import Alpine from 'alpinejs'\n", "client"),
    ("import 'htmx.org'\n", "client"),
    ('const $ = require("jquery")\n', "client"),
    ("export default class extends Base { connect() { this.element.hidden = false } }\n", "client"),
    ("out.innerHTML = html\n", "client"),
    ('import { renderToString } from "react-dom/server"\n', "unknown"),  # server-side rendering
    ('import { renderToString } from "react-dom/server"\nimport express from "express"\n', "server"),
    ("export const jqueryVersion = '3'\n", "unknown"),
])
def test_browser_only_packages_and_dom_apis_hint_at_client(tmp_path, text, expected):
    assert role(tmp_path, "widgets/search.js", text) == expected


@pytest.mark.parametrize("relpath, expected", [
    ("src/setupTests.js", "server"),
    ("src/setupTests.ts", "server"),
    ("jest.setup.js", "server"),
    ("vitest.setup.ts", "server"),
    ("src/test-setup.ts", "server"),
    ("src/setupProxy.js", "server"),
    ("src/__mocks__/kaman.js", "server"),
    ("cypress/e2e/search.cy.ts", "server"),
    ("src/components/Search.cy.tsx", "server"),
    ("playwright/search.ts", "server"),
    ("src/components/Search.stories.tsx", "client"),  # Storybook stories are bundled into a site
    ("src/setup.js", "client"),
])
def test_test_setup_and_mocks_are_not_bundled(tmp_path, relpath, expected):
    assert role(tmp_path, relpath, "export {}\n", '{"dependencies": {"react-scripts": "5", "react": "18"}}') == expected
