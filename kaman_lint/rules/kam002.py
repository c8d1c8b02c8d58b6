"""KAM002 client-exposed-key."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from pathlib import Path

from kaman_lint.named_tuples import NamedTuple
from kaman_lint.records import dataclass, replace
from kaman_lint.exposure.delivery import Decision, Delivery
from kaman_lint.exposure.facts import (CONFIG_IMPORT, EXPOSURE, IMPORTED_CALL, KEY_RETURN, TEMPLATE_PRINT, TEMPLATE_RENDER,
                                       ConfigImport, Exposure, ImportedCall, KeyReturn, TemplatePrint, TemplateRender,
                                       name_fingerprint, redact_fields)
from kaman_lint.exposure.graph import unsurveyed
from kaman_lint.exposure.graph.facts import GRAPH, ReturnedCall, ServedFolder
from kaman_lint.exposure.frameworks import SHIPPED_AS_IS, mobile
from kaman_lint.exposure.roles import SCRIPT_LANGUAGES, SOFT_BASES
from kaman_lint.exposure.names import PUBLIC_ENV_MODULES, framework_of, is_kaman_key_name, public_prefix
from kaman_lint.exposure.script_hosts import ScriptHosts
from kaman_lint.exposure.templates import TemplateFiles
from kaman_lint.paths import concrete
from kaman_lint.facts import PROCESS_ENV, EnvRead, FileFacts, ProjectFacts
from kaman_lint.findings import Finding, Location, Severity
from kaman_lint.project import INLINES_ANY_ENV, NO_PACKAGE, Package, Project
from kaman_lint.rules.base import Rule

PUBLIC_ENV = "kam002-public-env"
CLIENT_READ = "kam002-client-read"
GRADLE_REF = "kam002-gradle-ref"  # a Gradle line compiling a named property into the app
GRADLE_PROP = "kam002-gradle-prop"  # a key assigned in a .properties file
SOFT_FILE = "kam002-soft-file"  # a file whose side the module graph decides (its own guess is soft)
KAMAN_READ = "kam002-kaman-read"  # every read of a Kaman-named variable: config modules may inline it
# Files where `NAME=value` is an environment variable (not a code variable).
ENV_DEFINING_LANGUAGES = frozenset({"env", "dockerfile", "yaml", "shell", "makefile", "toml", "json", "ini",
                                    "hcl", "text"})
MAX_RELATED = 5
_SERVED_TYPES = (ServedFolder,)
_COMMENTED = "kam002-commented"  # FileFacts.extra: per-file cache, never shipped


@dataclass(frozen=True)
class PublicEnv:
    """A key assigned to a variable the build inlines into client code."""

    location: Location
    name: str
    prefix: str  # "" for a bundler without a prefix filter
    fingerprint: str
    preview: str
    inliner: str  # what ships it, for the message
    package: str | None = None
    needs_client_read: bool = False  # shipped only if client code of the same package reads it

    def __post_init__(self) -> None:
        redact_fields(self, "name")  # copied from the file, quoted in messages


@dataclass(frozen=True)
class ClientRead:
    """An environment variable read in client code that a bundler inlines."""
    location: Location
    name: str
    expression: str
    where: str  # why the reading file is client code, or "" when its role is unknown
    why: str  # why the read is inlined into the bundle
    package: str | None = None
    soft: bool = False  # the reading file's side is the module graph's to decide
    needs_client: bool = False  # inlined only when the file is client code (a bundler without prefixes)
    related: tuple[Location, ...] = ()
    flow: tuple[Location, ...] = ()

    def __post_init__(self) -> None:
        redact_fields(self, "name", "expression")  # copied from the file, quoted in messages


class SoftFile(NamedTuple):
    """A file holding keys or Kaman reads whose own role guess is soft: decided in `finish`."""

    path: str
    role: str
    reason: str
    commented: tuple[tuple[int, int], ...] = ()  # (line, column) of its literals inside comments


@dataclass(frozen=True)
class KamanRead:
    """An environment variable read whose name says it holds a Kaman key."""
    location: Location
    name: str
    expression: str

    def __post_init__(self) -> None:
        redact_fields(self, "name", "expression")


class ClientExposedKey(Rule):
    """A Kaman API key reaches code or content delivered to a browser or app user.

    ## What it flags
    Every way a key ends up in front of users, which no generic secret scanner knows about:
    - a key literal in client code or served content: browser JS/TS/JSX/TSX (`"use client"`
      components, `src/` of a Vite/CRA/Gatsby/Angular app, Angular `src/environments/*`), files
      under `public/`, `static/`, `assets/` or build output, HTML pages and templates (inline
      scripts, attributes, `<meta>`, comments, PyScript blocks), service workers, extensions;
    - a key assigned to a framework-public variable (`NEXT_PUBLIC_`, `VITE_`, `REACT_APP_`,
      `VUE_APP_`, `NUXT_PUBLIC_`, `PUBLIC_`, `GATSBY_`, `EXPO_PUBLIC_`, `STORYBOOK_`) in a `.env*`
      file, Dockerfile, compose file or CI workflow;
    - client code reading a Kaman key variable through a public prefix
      (`process.env.NEXT_PUBLIC_KAMAN_API_KEY`, `import.meta.env.VITE_KAMAN_KEY`,
      `$env/static/public`), literal or not;
    - bundler inlining: `next.config` `env`/`publicRuntimeConfig`, Vite/esbuild `define`, webpack
      `DefinePlugin`/`EnvironmentPlugin`, Expo `extra`, Storybook `env`, Nuxt `runtimeConfig.public`;
    - a server handing the key to the browser: a template context whose template prints it
      (Flask `render_template`, Django `render`, `TemplateResponse`), a template printing the
      server's configuration (`{{ config.KAMAN_API_KEY }}`, ERB `<%= ENV["KAMAN_API_KEY"] %>` or
      `<%= Rails.configuration.x.kaman.api_key %>`, Blade `{{ config('services.kaman.key') }}`),
      JSON responses (`jsonify`, `JsonResponse`, FastAPI/Flask route return values, `res.json`,
      `Response.json`), cookies, response headers, sessions, `getServerSideProps` props, Remix
      loaders, SvelteKit `load`, `"use server"` actions, values returned from h3/Nitro handlers
      (Nuxt `server/api`: `defineEventHandler`, `send(event, ...)`), Nuxt `useRuntimeConfig()`
      members included (`config.kamanApiKey`).
    - a key literal in the browser JS of a server-rendered app: Rails `app/javascript/`,
      `app/assets/javascripts/` (beside a `Gemfile` or `config/importmap.rb`), Laravel
      `resources/js/` (beside `artisan` or `composer.json`), or any script importing a
      browser-only package (`@hotwired/stimulus`, `react-dom`, `alpinejs`, `jquery`, ...).

    - bundlers without a prefix filter: an unprefixed Kaman key in `.env` of a
      `react-native-config` app (every entry ships), or of a Parcel / `dotenv-webpack` /
      `react-native-dotenv` app when its client code reads that name (both places reported);
    - Astro frontmatter values printed in markup, passed to components or `define:vars`, and
      `envField` entries with `context: "client"`; Nuxt `app.config`; a Next Server Component
      passing the key as a prop to a `"use client"` component; Gradio component values;
      files a page loads with `<script src>` / PyScript `src=`; `<%= VUE_APP_X %>` and
      `%VITE_X%` substitutions in `index.html`.

    - code the module graph puts in a client bundle: a module imported, directly or through
      other modules, by a client entry point (HTML pages, `"use client"` modules, Next `pages/`,
      Vite `index.html`, extension manifests, Electron preloads, workers); imports are resolved
      with tsconfig/jsconfig `paths`, Vite/webpack aliases and workspace packages, and the
      finding names the import chain (SARIF code flow). Keys in a folder a server hands out as is
      (`express.static`, Flask `static_folder`, Django `STATICFILES_DIRS`, nginx/Caddy `root`),
      and values a bundler config inlines from a module it imports (`env: publicEnv`);
    - serverless functions returning the key (a Lambda/Netlify `handler`'s `{ statusCode, body }`,
      Vercel `api/`, Cloudflare Workers' `Response`, Firebase `onCall`, `Deno.serve`);
      `window.ENV.X` (Remix) and Nuxt `$config.x` / `publicRuntimeConfig` / `env` reads;
    - installed apps: Flutter `lib/**/*.dart`, Android sources, resources, manifest and
      `buildConfigField`s (with the gradle/local.properties keys they compile in) of every
      non-test source set (`src/main`, `src/debug`, flavours), Swift/Objective-C app code (a UI
      import, or an `.xcodeproj` at or above it), `Info.plist`, `.xcconfig`, Expo's `app.json`,
      Capacitor config, Tauri's Rust core;
    - a CI job that writes a Kaman secret into a front-end build (`VITE_KAMAN_KEY:
      ${{ secrets.KAMAN_API_KEY }}`, `sed -i ... src/environments/environment.prod.ts`,
      `printf 'VITE_KAMAN_KEY=%s' "${{ secrets.KAMAN_KEY }}" >> .env`);
    - PHP pages: a key in the HTML a `.php` file outputs, or in what its code prints (`<?= ?>`,
      `echo`, `print`), hands to WordPress's `wp_localize_script`/`wp_add_inline_script`, or sends
      as JSON (`wp_send_json`, `response()->json(...)`), a response header or a cookie, the value
      read from `getenv`/`$_ENV`/`config('services.kaman.key')`/`get_option('kaman_api_key')`, a
      constant or a variable named like a key, or a variable assigned from one; a Laravel
      `view('shop.checkout', ['kamanKey' => ...])` (or `->with`, `compact`) whose Blade template
      prints `{{ $kamanKey }}`;
    - the graph also follows `<script type="importmap">` mappings, wildcard `exports` of workspace
      packages (`"./*": "./lib/*.js"`) and `export * from`; Firebase secret parameters
      (`defineSecret("KAMAN_API_KEY").value()`) returned by `onCall`; Python Lambda handlers
      answering with the key; Python helpers in another module returning the key
      (`kaman_settings()`, `get_kaman_key()`) handed to a template or a response; a Remix/React
      Router `loader`/`action` (or `getServerSideProps`) returning the result of a function imported
      from another module (`ENV: getEnv()` from `app/env.server.ts`) whose return carries a Kaman
      env read, reported at that read with the loader and the `window.ENV` print as its code flow
      (one step: the helper's own return).

    Choices where the documentation leaves room (client-exposure.md decision table):
    - `PUBLIC_` is public only in SvelteKit (unless `kit.env.publicPrefix` names another prefix)
      and Astro projects, or where no package.json names a framework (a CI file, a bare `.env`):
      the name then states the intent. In a Next, Express or Vue project it is a server name.
      Vite `envPrefix` and SvelteKit `publicPrefix` entries count like the built-in prefixes.
    - Installed apps ship all their code: React Native / Expo app files and Electron files,
      main process included (an asar archive is unpacked with one command), are client code.
      Every file of a browser extension ships too, its MV3 service worker included.
    - A module reached only from server entry points is server code even in a front-end folder
      (`lib/` imported only by a Server Component or an API route); imports used only by a page's
      `getServerSideProps` or a Remix `loader` are stripped from the client bundle. Comments are
      never code: a key or a read inside a JS/TS comment is left to KAM001, except in files shipped
      as written (`public/`, build output, served folders). Folders above the project (a checkout
      kept in `~/build/`) never make a file build output, nor is a `.env` file ever build output.
    - Comments of Vue and Svelte components (`//`, `/* */`, `<!-- -->`) are dropped by their
      compilers: a key or read there is KAM001's; no read inside any page comment is inlined.
    - PHP files are run by the server, not handed out, even under `public/` or a served folder:
      only what they output counts. Command-line scripts (`#!/usr/bin/env php`, `bin/`) print to
      a terminal, and WordPress settings screens (admin files, `*_settings_field` functions)
      show the site's admin their own key: both are left silent.
    - Test code is not bundled: `__tests__/`, `__mocks__/`, `cypress/`, `playwright/`, `*.test.*`,
      `*.spec.*`, test-runner setup (`setupTests.*`, `jest.setup.*`, `vitest.setup.*`) and CRA's
      `setupProxy.js`; a key there is KAM001's. Writing `process.env.X = ...` is not a read.

    Server-only code that reads `KAMAN_API_KEY` to call Kaman (API routes, server actions,
    Express/FastAPI backends, the backend proxy the Kaman guide recommends) is not flagged.
    Notebook outputs are left to KAM001: a published notebook is a document, not an app's client,
    and the fix (clear the output, rotate) is KAM001's.

    ## Why is this bad?
    The Kaman guide says keys never belong in client-side code: whatever reaches a browser or an
    installed app can be read by every user with "view source", the network tab or an unzip.
    Public prefixes exist precisely to inline a value into the bundle, and a server that renders or
    returns the key publishes it at a URL. Anyone holding it can call Kaman as you. This is why the
    rule's security severity is critical (9.1), above KAM001: the key is not only in the
    repository, it is served to the world.

    ## Example
    ```ts
    "use client";
    fetch(url, { headers: { Authorization: `Bearer ${process.env.NEXT_PUBLIC_KAMAN_API_KEY}` } });
    ```

    ## Use instead
    Call Kaman from the server and let the browser call your backend (a backend proxy):
    ```ts
    // app/api/search/route.ts (server only)
    export async function GET(req: Request) {
      const r = await fetch(kamanUrl(req), { headers: { Authorization: `Bearer ${process.env.KAMAN_API_KEY}` } });
      return Response.json(await r.json());
    }
    ```

    ## How to fix
    1. Rotate the key in the Kaman dashboard: it has been shipped to users (or will be at the next
       build) and must be treated as public.
    2. Rename the variable without the public prefix (`KAMAN_API_KEY`) and read it only in server
       code; remove it from bundler `env`/`define` blocks, template contexts and responses.
    3. Move the Kaman call behind a backend route the browser calls instead.

    ## Suppressing
    Only for a key that is meant to be public (a Kaman publishable key, if your plan has one):
    `// kaman-lint: ignore[KAM002] -- publishable key, read-only`. Use the config's
    `client-globs` / `server-globs` when kaman-lint guesses a file's side wrongly.
    """

    id = "KAM002"
    name = "client-exposed-key"
    security_severity = "9.1"
    precision = "high"
    tags = ("security", "secrets", "external/cwe/cwe-200", "external/cwe/cwe-798")
    cwe = ("CWE-200", "CWE-798")

    # --- per file ----------------------------------------------------------------------------
    # images, docs, translations (half the files of the large benchmark corpus), and the Python
    # modules that name no served folder (most of the other half): no survey call
    survey_skips = unsurveyed.NOTHING_TO_SAY
    survey_gates = {".py": unsurveyed.PYTHON_GATES}

    def survey(self, relpath: str, data: bytes, project: Project) -> dict[str, list]:
        survey = (_SURVEY or _survey_functions())[0]  # every file: no import statement
        if self._surveyed_project is not project:
            self._surveyed_project, self._matters_by_folder = project, {}
        surveyed = survey(relpath, data, self._imports_matter)
        return {GRAPH: surveyed} if surveyed else {}

    _surveyed_project: Project | None = None
    _matters_by_folder: dict[str, bool] | None = None  # set with _surveyed_project

    def _imports_matter(self, path: str) -> bool:
        """`imports_matter(path)` for the survey, answered once per folder: both of its tests
        (a folder shipped as it is, the folder's package) read only the path's folder, and
        asking them for every script cost more than surveying an unread one (12-19 us)."""
        folder = path[:path.rfind("/") + 1]  # "" or "a/b/": what SHIPPED_AS_IS can match
        matters = self._matters_by_folder.get(folder)
        if matters is None:
            _, shipped_as_is, builds_bundles = _SURVEY or _survey_functions()
            project = self._surveyed_project
            matters = self._matters_by_folder[folder] = (not shipped_as_is(path)
                                                         and builds_bundles(project.package_for(path)))
        return matters

    def preload(self) -> None:
        from kaman_lint.exposure import ci, frameworks  # noqa: F401  (YAML files; client config reads)
        from kaman_lint.exposure.flows import javascript  # noqa: F401
        from kaman_lint.exposure.graph import served

        _survey_functions()
        served.preload()

    def check(self, facts: FileFacts) -> Iterable[Finding]:
        if facts.role == "client" and not _soft(facts):  # soft ones: decided with the graph in `finish`
            commented = _commented(facts)
            for lit in facts.literals:
                if lit.context != "frontmatter" and (lit.line, lit.column) not in commented:
                    yield self.finding(facts.literal_location(lit),
                                       f"Kaman API key {lit.key.preview} in client-side code: this file is "
                                       f"delivered to users ({facts.role_reason}); move the Kaman call to a "
                                       "backend and rotate this key",
                                       lit.key.fingerprint, lit.key.preview)
        for exposure in facts.extra.get(EXPOSURE, ()):
            yield self._exposure_finding(facts, exposure)
        if mobile.GRADLE_FILES.search(facts.source.relpath):
            for lit in facts.literals:
                line = facts.source.line(lit.line)
                if mobile.GRADLE_SHIPPING_LINE.search(line) and lit.context != "comment":
                    yield self.finding(facts.literal_location(lit),
                                       f"Kaman API key {lit.key.preview} compiled into the Android app by "
                                       f"`{mobile.GRADLE_SHIPPING_LINE.search(line).group(0)}`: BuildConfig fields, "
                                       "resources and manifest values ship inside the APK users install; move the "
                                       "Kaman call to a backend and rotate this key", lit.key.fingerprint, lit.key.preview)
        if facts.source.language == "yaml":
            from kaman_lint.exposure.ci import ci_exposures

            prefixes = (facts.package or NO_PACKAGE).public_prefixes
            for exposure in ci_exposures(facts.source.relpath, facts.source.text, prefixes):
                yield self._exposure_finding(facts, exposure)

    def _exposure_finding(self, facts: FileFacts, exposure: Exposure) -> Finding:
        return self.finding(facts.location(exposure.line, exposure.column),
                            f"Kaman API key `{exposure.subject}` {exposure.mechanism}: keep it on the "
                            "server and rotate it", exposure.fingerprint,
                            exposure.subject if exposure.subject.startswith("kam_") else "",
                            tuple(_related(facts.location(line, column), message)
                                  for line, column, message in exposure.related))

    def collect(self, facts: FileFacts) -> dict[str, list]:
        shared: dict[str, list] = {}
        package = facts.package or NO_PACKAGE
        prefixes = package.public_prefixes
        if facts.source.language in ENV_DEFINING_LANGUAGES:
            for lit in facts.literals:
                if lit.context == "comment" or not lit.name:
                    continue
                prefix = public_prefix(lit.name, prefixes, only=True)
                if prefix:
                    shared.setdefault(PUBLIC_ENV, []).append(PublicEnv(
                        facts.literal_location(lit), lit.name, prefix, lit.key.fingerprint,
                        lit.key.preview, _inliner(prefix, package)))
                elif facts.source.language == "env" and package.inlines_any_env and is_kaman_key_name(lit.name):
                    # Parcel, dotenv-webpack, react-native-*: no prefix filter (decision rows 12-13)
                    shared.setdefault(PUBLIC_ENV, []).append(PublicEnv(
                        facts.literal_location(lit), lit.name, "", lit.key.fingerprint,
                        lit.key.preview, _any_env_inliner(package), package.directory,
                        needs_client_read="react-native-config" not in package.frameworks))
        soft = _soft(facts)
        commented = _commented(facts)
        if facts.role != "server" or soft:
            for read in facts.env_reads:
                if (read.line, read.column) in commented:
                    continue  # a comment is never code: nothing is inlined
                why = _why_public(read, prefixes, package, "client" if soft else facts.role)
                if why:
                    where = facts.role_reason if facts.role == "client" else ""
                    needs_client = soft and _why_public(read, prefixes, package, "unknown") is None
                    shared.setdefault(CLIENT_READ, []).append(ClientRead(
                        facts.read_location(read), read.name, read.expression, where, why,
                        package.directory, soft, needs_client))
        for read, why in _client_config_reads(facts, commented):
            shared.setdefault(CLIENT_READ, []).append(ClientRead(
                facts.read_location(read), read.name, read.expression,
                facts.role_reason if facts.role == "client" else "", why, package.directory, soft, True))
        if soft and (facts.literals or facts.env_reads or CLIENT_READ in shared):
            shared[SOFT_FILE] = [SoftFile(facts.source.relpath, facts.role, facts.role_reason, tuple(sorted(commented)))]
        kaman_reads = [KamanRead(facts.read_location(r), r.name, r.expression)
                       for r in facts.env_reads if is_kaman_key_name(r.name) and (r.line, r.column) not in commented]
        if kaman_reads:
            shared[KAMAN_READ] = kaman_reads
        shared.update(_gradle_facts(facts))
        for kind in (TEMPLATE_RENDER, TEMPLATE_PRINT, KEY_RETURN, IMPORTED_CALL):
            if facts.extra.get(kind):
                shared[kind] = list(facts.extra[kind])
        return shared

    # --- across files ------------------------------------------------------------------------
    def finish(self, project: ProjectFacts) -> Iterable[Finding]:
        delivery = Delivery(project)
        decided = self._decide_soft_files(project, delivery)
        yield from self._soft_literal_findings(project, decided)
        yield from self._served_findings(project, delivery, decided)
        yield from self._config_import_findings(project, delivery)
        yield from self._gradle_findings(project)
        envs: list[PublicEnv] = project.extra.get(PUBLIC_ENV, [])
        reads = [r for r in (_decided_read(read, decided) for read in project.extra.get(CLIENT_READ, [])) if r]
        reads_by_name = defaultdict(list)
        for read in reads:
            reads_by_name[read.name].append(read)
        envs_by_name = defaultdict(list)
        for env in envs:
            envs_by_name[env.name].append(env)
        for env in envs:
            readers = [r for r in reads_by_name[env.name] if not env.needs_client_read or r.package == env.package]
            if env.needs_client_read and not readers:
                continue  # the bundler ships only what client code references
            related = tuple(_related(r.location, f"read here by client code ({r.expression})")
                            for r in _nearby(readers, env.location.path))
            how = (f"the {env.prefix} prefix makes {env.inliner} inline it into the client bundle; drop the prefix"
                   if env.prefix else f"{env.inliner}; keep it out of the app's env files")
            yield self.finding(env.location,
                               f"Kaman API key {env.preview} assigned to `{env.name}`: {how}, read it only on "
                               "the server, and rotate this key", env.fingerprint, env.preview, related)
        for read in reads:
            related = tuple(_related(e.location, f"value assigned here ({e.name})")
                            for e in _nearby(envs_by_name[read.name], read.location.path))
            origin = f" ({read.where})" if read.where else ""
            yield self.finding(read.location,
                               f"Kaman key variable `{read.expression}` read in client code{origin}: "
                               f"{read.why}, so the key is shipped to every user; call Kaman "
                               "from a backend instead and rotate the key",
                               _read_fingerprint(read, envs_by_name), "", read.related + related,
                               read.flow + (_related(read.location, f"reads `{read.expression}`"),) if read.flow else ())
        yield from self._imported_call_findings(project)
        yield from self._returned_call_findings(project, delivery)
        yield from self._template_findings(project)
        yield from self._loaded_script_findings(project, decided)

    # --- the module graph --------------------------------------------------------------------
    def _decide_soft_files(self, project: ProjectFacts, delivery: Delivery) -> dict[str, Decision]:
        """The side of every file whose own guess was soft: the graph's where it reaches."""
        soft_files = project.extra.get(SOFT_FILE, [])
        if not soft_files:
            return {}
        delivery.ask(soft.path for soft in soft_files)
        return {soft.path: delivery.decide(soft.path, soft.role, soft.reason) for soft in soft_files}

    def _soft_literal_findings(self, project: ProjectFacts, decided: dict[str, Decision]) -> Iterator[Finding]:
        commented = {(soft.path, *place) for soft in project.extra.get(SOFT_FILE, []) for place in soft.commented}
        for ref in project.key_refs:
            decision = decided.get(ref.location.path)
            if decision is None or decision.role != "client" or ref.context == "frontmatter":
                continue
            if (ref.location.path, ref.location.line, ref.location.column) in commented and \
                    not decision.reason.startswith("served as is"):
                continue  # bundlers drop comments
            yield self._client_literal(ref.location, ref.fingerprint, ref.preview, decision)

    def _client_literal(self, location: Location, fingerprint: str, preview: str, decision: Decision) -> Finding:
        flow = decision.flow + (_related(location, f"the key, in {location.path}"),) if decision.flow else ()
        return self.finding(location, f"Kaman API key {preview} in client-side code: this file is delivered to "
                            f"users ({decision.reason}); move the Kaman call to a backend and rotate this key",
                            fingerprint, preview, decision.related, flow)

    def _served_findings(self, project: ProjectFacts, delivery: Delivery,
                         decided: dict[str, Decision]) -> Iterator[Finding]:
        """Keys in files under a folder a server hands out as is, whatever their own role."""
        if not any(isinstance(f, _SERVED_TYPES) for f in project.extra.get(GRAPH, ())):
            return
        for ref in project.key_refs:
            path = ref.location.path
            if ref.role == "client" and path not in decided:
                continue  # reported by `check`
            if path in decided and decided[path].role == "client":
                continue  # reported with the graph's reason
            decision = delivery.served(path)
            if decision is not None:
                yield self._client_literal(ref.location, ref.fingerprint, ref.preview, decision)

    def _gradle_findings(self, project: ProjectFacts) -> Iterator[Finding]:
        """A key in gradle.properties / local.properties that a Gradle build compiles into the app
        (`buildConfigField "String", "KAMAN_KEY", "\"$KAMAN_KEY\""`)."""
        refs = defaultdict(list)
        for ref in project.extra.get(GRADLE_REF, []):
            refs[ref.name].append(ref)
        for prop in project.extra.get(GRADLE_PROP, []):
            users = _nearby(refs.get(prop.name, []), prop.location.path)
            if not users:
                continue
            related = tuple(_related(u.location, f"compiled into the app here ({u.expression})") for u in users)
            yield self.finding(prop.location, f"Kaman API key {prop.preview} in `{prop.name}`, which "
                               f"{users[0].location.path}:{users[0].location.line} compiles into the Android app: "
                               "BuildConfig fields ship inside the APK users install; move the Kaman call to a backend "
                               "and rotate this key", prop.fingerprint, prop.preview, related)

    def _config_import_findings(self, project: ProjectFacts, delivery: Delivery) -> Iterator[Finding]:
        """A bundler config inlining an object it imports: the Kaman values of that module (and
        of what it imports) ship as if written in the config."""
        imports: list[ConfigImport] = [f for f in project.extra.get(GRAPH, ()) if isinstance(f, ConfigImport)]
        if not imports:
            return
        refs_by_path = defaultdict(list)
        for ref in project.key_refs:
            if ref.context not in ("comment", "frontmatter"):
                refs_by_path[ref.location.path].append(ref)
        reads_by_path = defaultdict(list)
        for read in project.extra.get(KAMAN_READ, []):
            reads_by_path[read.location.path].append(read)
        for imported in imports:
            target = delivery.graph.resolve(imported.path, imported.specifier)
            if target is None:
                continue
            config_at = _related(Location(imported.path, imported.line, imported.column),
                                 f"{imported.mechanism} uses `{imported.binding}` from {target}")
            for module in delivery.graph.reachable_from(target):
                via = f" (via {target})" if module != target else ""
                for ref in refs_by_path.get(module, ()):
                    yield self.finding(ref.location, f"Kaman API key {ref.preview} inlined into the client bundle: "
                                       f"{imported.path} puts `{imported.binding}` from {target}{via} in "
                                       f"{imported.mechanism}; keep the key out of it and rotate this key",
                                       ref.fingerprint, ref.preview, (config_at,),
                                       (config_at, _related(ref.location, "the key")))
                for read in reads_by_path.get(module, ()):
                    yield self.finding(read.location, f"Kaman key variable `{read.expression}` inlined into the "
                                       f"client bundle: {imported.path} puts `{imported.binding}` from {target}{via} "
                                       f"in {imported.mechanism}, so its value ships to every user; call Kaman from "
                                       "a backend instead and rotate the key", name_fingerprint(read.name), "",
                                       (config_at,), (config_at, _related(read.location, f"reads `{read.expression}`")))

    def _script_hosts(self, root: Path) -> ScriptHosts:
        """One per run (a rule lives one run) and root: a history scan finishes each blob on its
        own, and reading the work tree's pages for each of them cost flask's 221 blobs 40 ms."""
        hosts = getattr(self, "_hosts", None)
        if hosts is None or hosts.root != root:
            hosts = self._hosts = ScriptHosts(root)
        return hosts

    def _loaded_script_findings(self, project: ProjectFacts, decided: dict[str, Decision]) -> Iterator[Finding]:
        """Keys in files an HTML page loads as browser scripts (PyScript `src=`, `<script src>`)
        whose own path did not tell they are client code."""
        hosts = self._script_hosts(concrete(project.root))
        pages: dict[str, str | None] = {}
        for ref in project.key_refs:
            decision = decided.get(ref.location.path)
            if (ref.role == "client" and decision is None) or (decision is not None and decision.role == "client"):
                continue  # reported by `check`, or with the graph's reason
            path = ref.location.path
            if path not in pages:
                pages[path] = hosts.page_loading(path)
            if pages[path]:
                yield self.finding(ref.location,
                                   f"Kaman API key {ref.preview} in a file that {pages[path]} loads as a browser "
                                   "script: every visitor downloads it; move the Kaman call to a backend and "
                                   "rotate this key", ref.fingerprint, ref.preview)

    def _imported_call_findings(self, project: ProjectFacts) -> Iterator[Finding]:
        """Python sinks handed `f()` from another module of the project, where `f` returns a key:
        a response answers with it at once; a template context becomes a render the template
        check below confirms (Python has no import graph of its own; this is its one step)."""
        calls: list[ImportedCall] = project.extra.get(IMPORTED_CALL, [])
        returns: list[KeyReturn] = project.extra.get(KEY_RETURN, [])
        if not calls or not returns:
            return
        by_function = defaultdict(list)
        for kr in returns:
            by_function[kr.function].append(kr)
        for call in calls:
            kr = _defining_module(call, by_function.get(call.function, ()))
            if kr is None:
                continue
            subject = f"{call.function}()"
            origin = _related(Location(kr.path, kr.line, 1), f"`{call.function}` returns {kr.subject} here")
            if call.mechanism:
                at = Location(call.path, call.line, call.column, *(call.end or (None, None)))
                yield self.finding(at, f"Kaman API key `{subject}` (it returns {kr.subject}, {kr.path}:{kr.line}) "
                                   f"{call.mechanism}: keep it on the server and rotate it", kr.fingerprint, "",
                                   (origin,), (origin, _related(at, call.mechanism)))
            else:
                project.add(TEMPLATE_RENDER, [TemplateRender(
                    call.path, call.line, call.column, call.template, (call.variable,),
                    f"{subject}, which returns {kr.subject} ({kr.path}:{kr.line})", kr.fingerprint, call.call, call.end)])

    def _returned_call_findings(self, project: ProjectFacts, delivery: Delivery) -> Iterator[Finding]:
        """A route's loader returning `getEnv()` imported from a module whose `getEnv` returns a
        Kaman env read (Remix's `env.server.ts` + root loader + `window.ENV` print): reported at
        the read in the helper, the loader's call and the page's print as its code flow. One step:
        the helper's own return, not helpers of helpers."""
        returns = [kr for kr in project.extra.get(KEY_RETURN, []) if not kr.path.endswith(".py")]
        if not returns:
            return
        calls = [f for f in project.extra.get(GRAPH, ()) if isinstance(f, ReturnedCall)]
        by_place = {(kr.path, kr.function): kr for kr in returns}
        wanted = {kr.function for kr in returns}
        for call in calls:
            if call.imported not in wanted:
                continue
            target = delivery.graph.resolve(call.path, call.specifier)
            kr = by_place.get((target, call.imported)) if target else None
            if kr is None:
                continue
            at = Location(kr.path, kr.line, kr.column)
            page = (f", and {call.path}:{call.printed_at} prints it into `window.ENV`" if call.printed_at else "")
            flow = (_related(Location(call.path, call.line, call.column),
                             f"`{call.function}` returns `{call.imported}()` (serialized into the page)"),
                    _related(at, f"`{call.imported}` returns {kr.subject}"))
            if call.printed_at:
                flow += (_related(Location(call.path, call.printed_at, 1), "printed into `window.ENV` for the browser"),)
            yield self.finding(at, f"Kaman API key `{kr.subject}` returned by `{call.imported}()`, which the "
                               f"`{call.function}` of {call.path}:{call.line} returns to the browser{page}: keep "
                               "it on the server and rotate it", kr.fingerprint, "", flow[:1] + flow[2:], flow)

    def _template_findings(self, project: ProjectFacts) -> Iterator[Finding]:
        prints: list[TemplatePrint] = project.extra.get(TEMPLATE_PRINT, [])
        prints_by_path = defaultdict(list)
        for p in prints:
            prints_by_path[p.path].append(p)
        templates = TemplateFiles(concrete(project.root), project.config)
        for render in project.extra.get(TEMPLATE_RENDER, []):
            location = Location(render.path, render.line, render.column, *(render.end or (None, None)))
            template_path = templates.find(render.template, render.path, prints_by_path)
            if template_path is None:
                unconfirmed = self.finding(
                    location, f"Kaman API key `{render.subject}` passed to template `{render.template or '?'}` by "
                    f"{render.call} as `{render.variables[0]}`; the template was not found, but a variable "
                    "handed to a page is usually printed into it: keep the key on the server",
                    render.fingerprint)
                yield replace(unconfirmed, severity=Severity.WARNING)  # unconfirmed: the template is unseen
                continue
            printed = prints_by_path.get(template_path) or templates.printed_variables(template_path)
            hits = [p for p in printed if p.variable in render.variables]
            if not hits:
                continue
            related = tuple(_related(Location(p.path, p.line, p.column, *(p.end or (None, None))),
                                     f"printed into the page as {p.quoted()}") for p in hits[:MAX_RELATED])
            yield self.finding(location,
                               f"Kaman API key `{render.subject}` passed to template {template_path} by "
                               f"{render.call} as `{render.variables[0]}`, which prints it into the page "
                               f"(line {hits[0].line}): every visitor receives the key; keep it on the server "
                               "and rotate it", render.fingerprint, "", related)


_CLIENT_CONFIG_READS = None
_SURVEY = None


def _survey_functions() -> tuple:
    """The graph survey, imported when the first file is surveyed (a short run that surveys
    nothing never loads the graph)."""
    global _SURVEY
    from kaman_lint.exposure.graph.survey import SHIPPED_AS_IS, builds_bundles, survey

    _SURVEY = (survey, SHIPPED_AS_IS.search, builds_bundles)
    return _SURVEY


def _client_config_reads(facts: FileFacts, commented: set[tuple[int, int]]) -> list[tuple[EnvRead, str]]:
    """Reads of the config a page carries from its server (`window.ENV.X`, Nuxt's `$config.x`)
    naming a Kaman key, in client code (any but server code: soft files are decided later)."""
    global _CLIENT_CONFIG_READS
    if facts.role == "server" and not _soft(facts):
        return []
    from kaman_lint.exposure import frameworks

    if _CLIENT_CONFIG_READS is None:
        _CLIENT_CONFIG_READS = frameworks.collect("CLIENT_CONFIG_READS")
    text = facts.source.text
    found = []
    for pattern, why in _CLIENT_CONFIG_READS:
        if not frameworks.may_match(pattern, text):
            continue
        for m in pattern.finditer(text):
            if not is_kaman_key_name(m.group(1)):
                continue
            line, column = facts.source.position(m.start())
            if (line, column) not in commented:
                found.append((EnvRead(m.group(1), line, column, m.group(0), "page-config", "",
                                      m.end() - m.start()), why))
    return found


def _gradle_facts(facts: FileFacts) -> dict[str, list]:
    relpath = facts.source.relpath
    shared: dict[str, list] = {}
    if mobile.GRADLE_FILES.search(relpath):
        for number, line in enumerate(facts.source.text.splitlines(), 1):
            if len(line) < 2000 and mobile.GRADLE_SHIPPING_LINE.search(line) and not line.lstrip().startswith("//"):
                for m in mobile.GRADLE_NAME.finditer(line):
                    name = m.group(1).rsplit(".", 1)[-1]
                    if is_kaman_key_name(name):
                        shared.setdefault(GRADLE_REF, []).append(
                            KamanRead(facts.location(number, m.start(1) + 1), name, line.strip()[:120]))
    elif mobile.GRADLE_PROPERTIES.search(relpath):
        props = [PublicEnv(facts.literal_location(lit), lit.name, "", lit.key.fingerprint, lit.key.preview, "Gradle")
                 for lit in facts.literals if lit.name and lit.context != "comment"]
        if props:
            shared[GRADLE_PROP] = props
    return shared


def _commented(facts: FileFacts) -> set[tuple[int, int]]:
    """(line, column) of the file's literals and reads that sit in JS/TS comments, which a
    bundler drops: not in files shipped as written (public/, build output)."""
    language = facts.source.language
    if facts.role_marker == SHIPPED_AS_IS or (language not in SCRIPT_LANGUAGES and language != "html"):
        return set()
    cached = facts.extra.get(_COMMENTED)
    if cached is None:
        from kaman_lint.exposure.flows import javascript

        reads = [(r.line, r.column) for r in facts.env_reads]
        if language == "html":
            # A page ships its comments as written, but nothing inlines a read inside one; a
            # Vue/Svelte component's compiler drops them, literals included.
            components = facts.source.relpath.endswith(javascript.COMMENT_DROPPING_COMPONENTS)
            places = reads + ([(lit.line, lit.column) for lit in facts.literals] if components else [])
            found = javascript.in_page_comments(facts, places) if places else set()
        else:
            places = [(lit.line, lit.column) for lit in facts.literals] + reads
            found = javascript.in_comments(facts, places) if places else set()
        cached = facts.extra[_COMMENTED] = [found]
    return cached[0]


def _soft(facts: FileFacts) -> bool:
    """Is the file's side the module graph's to decide? (Python is always server code.)"""
    return facts.role_basis in SOFT_BASES and facts.source.language != "python"


def _decided_read(read: ClientRead, decided: dict[str, Decision]) -> ClientRead | None:
    """A read of a soft file, once the graph decided its side: dropped in server code."""
    if not read.soft:
        return read
    decision = decided.get(read.location.path)
    if decision is None or decision.role == "server" or (read.needs_client and decision.role != "client"):
        return None
    where = decision.reason if decision.role == "client" else ""
    return replace(read, where=where, related=decision.related, flow=decision.flow)


def _why_public(read: EnvRead, prefixes: tuple[str, ...], package: Package, role: str) -> str | None:
    """Why this read puts the variable's value in the client bundle, or None if it does not."""
    if not is_kaman_key_name(read.name, prefixes):
        return None
    prefix = public_prefix(read.name, prefixes, only=True)
    if prefix:
        return f"{_inliner(prefix, package)} inlines {prefix} variables at build time"
    if read.module in PUBLIC_ENV_MODULES:
        return f"`{read.module}` values are public"
    if role == "client" and package.inlines_any_env and read.kind == PROCESS_ENV:
        return _any_env_inliner(package)
    return None


def _inliner(prefix: str, package: Package) -> str:
    if prefix == package.sveltekit_public_prefix:
        return "SvelteKit (its `publicPrefix`)"
    return framework_of(prefix)


def _any_env_inliner(package: Package) -> str:
    tool = next((name for f, name in INLINES_ANY_ENV.items() if f in package.frameworks), "the bundler")
    return f"{tool} inlines every environment variable the app references, prefix or not"


def _read_fingerprint(read: ClientRead, envs_by_name) -> str:
    """The key's own fingerprint when exactly one value is assigned to the variable in the scan,
    so a baseline entry follows the key; the variable's name otherwise."""
    values = {e.fingerprint for e in envs_by_name.get(read.name, ())}
    return values.pop() if len(values) == 1 else name_fingerprint(read.name)


def _nearby(items: list, path: str) -> list:
    """Items in the same top-level folder as `path` when there are any (a monorepo's other
    projects may reuse the variable name), else all of them; at most MAX_RELATED."""
    top = path.split("/", 1)[0]
    same = [i for i in items if i.location.path.split("/", 1)[0] == top]
    return (same or items)[:MAX_RELATED]


def _related(location: Location, message: str) -> Location:
    return replace(location, message=message)  # the span too


def _defining_module(call: ImportedCall, candidates) -> KeyReturn | None:
    """The KeyReturn of the module `from <module> import <function>` in `call.path` names:
    relative imports from the importer's folder, absolute ones by the path's tail."""
    if not candidates:
        return None
    parts = [p for p in call.module.split(".") if p]
    if call.level:
        folder = call.path.rsplit("/", 1)[0] if "/" in call.path else ""
        for _ in range(call.level - 1):
            folder = folder.rsplit("/", 1)[0] if "/" in folder else ""
        stem = "/".join(([folder] if folder else []) + parts)
        wanted = {stem + ".py", stem + "/__init__.py"}
        return next((kr for kr in candidates if kr.path in wanted), None)
    if not parts:
        return None
    tail = "/".join(parts)
    for kr in candidates:
        if kr.path in (tail + ".py", tail + "/__init__.py") or kr.path.endswith(("/" + tail + ".py", "/" + tail + "/__init__.py")):
            return kr
    return None
