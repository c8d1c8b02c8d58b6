"""The module graph's pieces: import lines, the survey of configs, resolution, the cross-file
finding (message naming the chain, related locations, SARIF code flows). The whole graph on
real-looking projects is in rules/KAM002/graph-*."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kaman_lint import engine
from kaman_lint.config import Config
from kaman_lint.exposure.graph.facts import CopiedFolder, DeclaredEntries, Manifest, PathAliases, ServedFolder
from kaman_lint.exposure.graph.resolve import Resolver
from kaman_lint.exposure.graph.survey import jsonc, survey
from kaman_lint.lang.js_imports import DYNAMIC, REQUIRE, STATIC, read_imports
from kaman_lint import report
from kaman_lint.rules import all_rules
from tests.fakekeys import make_key
from tests.test_exposure_linear import growth

KEY = make_key(77)


def test_import_forms_lines_and_kinds():
    source = b"""import React, { useState } from 'react'
import type { Props } from './types'
import './side.css'
// import nope from './commented'
export * from "./all"
export { a as b } from './ab'
export type { T } from './only-types'
const k = require('./k') // require('./after-comment')
  /** import x from 'jsdoc' */
const lazy = () => import('./lazy')
import {
  a,
  b,
} from '@/lib/kaman'
import legacy = require("./legacy")
new Worker(new URL('./worker.js', import.meta.url))
const s = "import x from './in-a-string'";
"""
    found = [(i.specifier, i.line, i.kind) for i in read_imports(source)]
    assert found == [("react", 1, STATIC), ("./side.css", 3, STATIC), ("./all", 5, STATIC), ("./ab", 6, STATIC),
                     ("./k", 8, REQUIRE), ("./lazy", 10, DYNAMIC), ("@/lib/kaman", 11, STATIC),
                     ("./legacy", 15, REQUIRE), ("./worker.js", 16, DYNAMIC)]


def test_reading_imports_of_a_minified_line_is_linear():
    def prepare(size):
        data = ("var a=require('./m');" * size + "\n").encode()
        return lambda: read_imports(data)

    assert growth(prepare, 500) < 5


def test_survey_drops_specifiers_that_hold_a_key():
    facts = survey("src/a.js", f"import x from 'https://cdn.example/sdk.js?key={KEY}'\nimport './b'\n".encode())
    assert [e.specifier for e in facts[0].edges] == ["./b"]
    assert KEY not in repr(facts)


def test_tsconfig_with_comments_and_trailing_commas():
    data = b"""{
  // paths like "@/*" hold a `/*` inside a string
  "compilerOptions": { "baseUrl": "src", "paths": { "@/*": ["./*"], }, },
  /* extends */ "extends": "./tsconfig.base.json",
}"""
    assert jsonc(data)["compilerOptions"]["paths"] == {"@/*": ["./*"]}
    [aliases] = survey("tsconfig.json", data)
    assert aliases == PathAliases("tsconfig.json", "src", (("@/*", ("./*",)),), "./tsconfig.base.json")


def test_package_json_entries_browser_conditions_first():
    data = json.dumps({"name": "@acme/ui", "main": "dist/index.cjs", "module": "dist/index.mjs",
                       "exports": {".": {"types": "./dist/index.d.ts", "require": "./dist/index.cjs",
                                         "import": "./dist/index.mjs"}, "./button": "./dist/button.js"}}).encode()
    [manifest] = survey("packages/ui/package.json", data)
    assert manifest.name == "@acme/ui"
    assert manifest.entries[:2] == ("./dist/index.mjs", "./dist/index.cjs")
    assert manifest.subpaths == (("./button", "./dist/button.js"),)


def test_bundler_aliases_object_and_array_forms():
    data = b"""export default defineConfig({
  resolve: {
    alias: {
      '@': fileURLToPath(new URL('./src', import.meta.url)),
      "~components": path.resolve(__dirname, "src", "components"),
    },
  },
});
"""
    aliases = [f for f in survey("vite.config.ts", data) if isinstance(f, PathAliases)]
    assert aliases[0].patterns == (("@", ("./src",)), ("~components", ("components",)))
    array = b"export default { resolve: { alias: [{ find: '@', replacement: path.resolve(__dirname, 'src') }] } }"
    assert [f for f in survey("vite.config.js", array) if isinstance(f, PathAliases)][0].patterns == (("@", ("src",)),)


def test_extension_manifest_and_electron_entries():
    manifest = json.dumps({"manifest_version": 3, "background": {"service_worker": "bg.js"},
                           "content_scripts": [{"js": ["content/a.js", "content/b.js"]}],
                           "action": {"default_popup": "popup.html"}}, indent=1).encode()
    entries = survey("ext/manifest.json", manifest)
    files = sorted(f for e in entries if isinstance(e, DeclaredEntries) for f, _line in e.files)
    assert files == ["bg.js", "content/a.js", "content/b.js", "popup.html"]
    main = b"""const { app, BrowserWindow } = require('electron')
const win = new BrowserWindow({ webPreferences: { preload: path.join(__dirname, 'preload.js') } })
win.loadFile('renderer/index.html')
"""
    declared = [e for e in survey("main.js", main) if isinstance(e, DeclaredEntries)]
    assert sorted(f for e in declared for f, _line in e.files) == ["preload.js", "renderer/index.html"]


def test_served_folder_declarations():
    node = b"const express = require('express')\napp.use(express.static(path.join(__dirname, '..', 'web')))\n"
    [served] = [f for f in survey("server/index.js", node) if isinstance(f, ServedFolder)]
    assert (served.parts, served.anchor, served.line) == (("..", "web"), "file", 2)
    docker = b"FROM nginx\nCOPY --from=build /app/dist /srv\nCOPY site /usr/share/nginx/html\n"
    assert survey("Dockerfile", docker) == [CopiedFolder("Dockerfile", "site", "/usr/share/nginx/html")]


FILES = {"src/lib/kaman.ts", "src/app/page.tsx", "src/components/index.ts", "packages/ui/src/index.ts",
         "web/src/env.js", "web/src/main.ts", "config/env.ts", "web/index.html"}


@pytest.mark.parametrize("importer, specifier, expected", [
    ("src/app/page.tsx", "@/lib/kaman", "src/lib/kaman.ts"),  # tsconfig paths
    ("src/app/page.tsx", "../components", "src/components/index.ts"),  # a folder's index
    ("src/app/page.tsx", "../lib/kaman.js", "src/lib/kaman.ts"),  # `.js` written for a `.ts` source
    ("src/app/page.tsx", "@acme/ui", "packages/ui/src/index.ts"),  # workspace package built from src/
    ("web/src/main.ts", "@/env", "web/src/env.js"),  # Vite alias beats the tsconfig for web/
    ("src/app/page.tsx", "config/env", "config/env.ts"),  # baseUrl
    ("src/app/page.tsx", "react", None),  # a registry package: a leaf
    ("src/app/page.tsx", "../../../etc/passwd", None),  # never out of the tree
])
def test_resolution(importer, specifier, expected):
    resolver = Resolver(FILES, [Manifest("packages/ui/package.json", "@acme/ui", ("dist/index.js",))],
                        [PathAliases("tsconfig.json", ".", (("@/*", ("./src/*",)),)),
                         PathAliases("web/vite.config.ts", None, (("@", ("./src",)),), "", "alias")],
                        lambda p: "web" if p.startswith("web/") else "")
    assert resolver.resolve(importer, specifier) == expected


def test_page_scripts_resolve_from_the_page():
    resolver = Resolver(FILES, [], [], lambda p: "web" if p.startswith("web/") else "")
    assert resolver.resolve("web/index.html", "/src/main.ts", page=True) == "web/src/main.ts"
    assert resolver.resolve("web/index.html", "src/main.ts", page=True) == "web/src/main.ts"


def _project(tmp_path: Path) -> Path:
    files = {
        "package.json": '{"dependencies": {"next": "14.2.4", "react": "18.3.1"}}',
        "components/Search.tsx": '"use client";\nimport { search } from "../lib/kaman";\nexport const S = () => search;\n',
        "lib/kaman.ts": 'import { KEY } from "../config/keys";\nexport const search = () => KEY;\n',
        "config/keys.ts": f'export const KEY = "{KEY}";\n',
    }
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    return tmp_path


def test_cross_file_finding_names_the_chain_and_its_flow(tmp_path):
    root = _project(tmp_path)
    result = engine.scan([str(root)], Config(project_root=root, select=["KAM002"]), root=root, jobs=1)
    [finding] = result.findings
    assert finding.location.path == "config/keys.ts"
    assert ('components/Search.tsx ("use client" directive) imports lib/kaman.ts, which imports config/keys.ts'
            in finding.message)
    assert [(r.path, r.line) for r in finding.related] == [("components/Search.tsx", 2), ("lib/kaman.ts", 1)]
    assert [(s.path, s.line) for s in finding.flow] == [("components/Search.tsx", 2), ("lib/kaman.ts", 1),
                                                        ("config/keys.ts", 1)]
    log = json.loads(report.render("sarif", result, all_rules()))
    [sarif_result] = log["runs"][0]["results"]
    steps = sarif_result["codeFlows"][0]["threadFlows"][0]["locations"]
    assert [s["location"]["physicalLocation"]["artifactLocation"]["uri"] for s in steps] == [
        "components/Search.tsx", "lib/kaman.ts", "config/keys.ts"]
    assert all(s["location"]["message"]["text"] for s in steps)
    assert len(sarif_result["relatedLocations"]) == 2


def test_the_graph_grows_linearly_with_modules(tmp_path):
    """A page importing a chain of n modules, a key at the end, and n more folders whose
    `index.ts` every module imports: lines run grow linearly in n."""
    import shutil

    def prepare(size):
        root = tmp_path / str(size)
        if root.exists():
            shutil.rmtree(root)
        (root / "src").mkdir(parents=True)
        (root / "package.json").write_text('{"devDependencies": {"vite": "5"}}')
        (root / "index.html").write_text('<script type="module" src="/src/m0.ts"></script>')
        for i in range(size):
            (root / "src" / f"d{i}").mkdir()
            (root / "src" / f"d{i}" / "index.ts").write_text(f'export const d{i} = {i};\n')
            (root / "src" / f"m{i}.ts").write_text(f'import "./m{i + 1}";\nimport "./d{i}";\n')
        (root / "src" / f"m{size}.ts").write_text(f'export const k = "{KEY}";\n')
        config = Config(project_root=root, select=["KAM002"])
        return lambda: engine.scan([str(root)], config, root=root, jobs=1)

    assert growth(prepare, 60) < 5.5


def test_the_unread_modules_of_a_package_are_the_paths_under_its_folder():
    from kaman_lint.exposure.graph.model import _under

    paths = sorted(["a", "a/b.js", "a/b/c.js", "a.js", "a-b/x.js", "a0/y.js", "a/z.js", "ab/q.js", "b/a/x.js", "a/\u00e9.js"])
    for folder in ("", "a", "a/b", "a-b", "ab", "b", "b/a", "c", "a0"):
        assert _under(paths, folder) == [p for p in paths if not folder or p.startswith(folder + "/")], folder
