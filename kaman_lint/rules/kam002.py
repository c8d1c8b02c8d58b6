"""KAM002 client-exposed-key."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from kaman_lint.exposure import EXPOSURE, TEMPLATE_PRINT, TEMPLATE_RENDER, Exposure, TemplatePrint, TemplateRender, name_fingerprint
from kaman_lint.facts import FileFacts, ProjectFacts
from kaman_lint.findings import Finding, Location, Severity
from kaman_lint.kaman_names import framework_of, is_kaman_key_name, public_prefix
from kaman_lint.rules.base import Rule
from kaman_lint.template_files import find_template, printed_variables

PUBLIC_ENV = "kam002-public-env"
CLIENT_READ = "kam002-client-read"
# Files where `NAME=value` is an environment variable (not a code variable).
ENV_DEFINING_LANGUAGES = frozenset({"env", "dockerfile", "yaml", "shell", "makefile", "toml", "json", "ini",
                                    "hcl", "text"})
# Reads that are public by construction, whatever the variable's name.
PUBLIC_MODULES = ("import { ", "$env/dynamic/public", "react-native-config")  # see lang/javascript.env_reads
MAX_RELATED = 5


@dataclass(frozen=True)
class PublicEnv:
    location: Location
    name: str
    prefix: str
    fingerprint: str
    preview: str


@dataclass(frozen=True)
class ClientRead:
    location: Location
    name: str
    expression: str
    where: str  # why the reading file is client code, or "" when its role is unknown


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
      (Flask `render_template`, Django `render`, `TemplateResponse`), `{{ config.KAMAN_API_KEY }}`,
      JSON responses (`jsonify`, `JsonResponse`, FastAPI/Flask route return values, `res.json`,
      `Response.json`), cookies, response headers, sessions, `getServerSideProps` props, Remix
      loaders, SvelteKit `load`, `"use server"` actions.

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
    def check(self, facts: FileFacts) -> Iterable[Finding]:
        if facts.role == "client":
            for lit in facts.literals:
                if lit.context != "frontmatter":
                    yield self.finding(facts.location(lit.line, lit.column),
                                       f"Kaman API key {lit.key.preview} in client-side code: this file is "
                                       f"delivered to users ({facts.role_reason}); move the Kaman call to a "
                                       "backend and rotate this key",
                                       lit.key.fingerprint, lit.key.preview)
        for exposure in facts.extra.get(EXPOSURE, ()):
            yield self._exposure_finding(facts, exposure)

    def _exposure_finding(self, facts: FileFacts, exposure: Exposure) -> Finding:
        return self.finding(facts.location(exposure.line, exposure.column),
                            f"Kaman API key `{exposure.subject}` {exposure.mechanism}: keep it on the "
                            "server and rotate it", exposure.fingerprint,
                            exposure.subject if exposure.subject.startswith("kam_") else "")

    def collect(self, facts: FileFacts) -> dict[str, list]:
        shared: dict[str, list] = {}
        if facts.source.language in ENV_DEFINING_LANGUAGES:
            for lit in facts.literals:
                prefix = public_prefix(lit.name or "")
                if prefix and lit.context != "comment":
                    shared.setdefault(PUBLIC_ENV, []).append(PublicEnv(
                        facts.location(lit.line, lit.column), lit.name or "", prefix,
                        lit.key.fingerprint, lit.key.preview))
        if facts.role != "server":
            for read in facts.env_reads:
                if _is_public_read(read.name, read.expression):
                    where = facts.role_reason if facts.role == "client" else ""
                    shared.setdefault(CLIENT_READ, []).append(ClientRead(
                        facts.location(read.line, read.column), read.name, read.expression, where))
        for kind in (TEMPLATE_RENDER, TEMPLATE_PRINT):
            if facts.extra.get(kind):
                shared[kind] = list(facts.extra[kind])
        return shared

    # --- across files ------------------------------------------------------------------------
    def finish(self, project: ProjectFacts) -> Iterable[Finding]:
        envs: list[PublicEnv] = project.extra.get(PUBLIC_ENV, [])
        reads: list[ClientRead] = project.extra.get(CLIENT_READ, [])
        reads_by_name = defaultdict(list)
        for read in reads:
            reads_by_name[read.name].append(read)
        envs_by_name = defaultdict(list)
        for env in envs:
            envs_by_name[env.name].append(env)
        for env in envs:
            related = tuple(_related(r.location, f"read here by client code ({r.expression})")
                            for r in _nearby(reads_by_name[env.name], env.location.path))
            yield self.finding(env.location,
                               f"Kaman API key {env.preview} assigned to `{env.name}`: the {env.prefix} prefix "
                               f"makes {framework_of(env.prefix)} inline it into the client bundle; drop the "
                               "prefix, read it only on the server, and rotate this key",
                               env.fingerprint, env.preview, related)
        for read in reads:
            related = tuple(_related(e.location, f"value assigned here ({e.name})")
                            for e in _nearby(envs_by_name[read.name], read.location.path))
            origin = f" ({read.where})" if read.where else ""
            yield self.finding(read.location,
                               f"Kaman key variable `{read.expression}` read in client code{origin}: "
                               f"{_why_public(read)}, so the key is shipped to every browser; call Kaman "
                               "from a backend instead and rotate the key",
                               _read_fingerprint(read, envs_by_name), "", related)
        yield from self._template_findings(project)

    def _template_findings(self, project: ProjectFacts) -> Iterator[Finding]:
        prints: list[TemplatePrint] = project.extra.get(TEMPLATE_PRINT, [])
        prints_by_path = defaultdict(list)
        for p in prints:
            prints_by_path[p.path].append(p)
        for render in project.extra.get(TEMPLATE_RENDER, []):
            location = Location(render.path, render.line, render.column)
            template_path = find_template(render.template, render.path, prints_by_path, Path(project.root))
            if template_path is None:
                yield Finding(self.id, Severity.WARNING, location,
                              f"Kaman API key `{render.subject}` passed to template `{render.template or '?'}` by "
                              f"{render.call} as `{render.variables[0]}`; the template was not found, but a "
                              "variable handed to a page is usually printed into it: keep the key on the server",
                              render.fingerprint, "")
                continue
            printed = prints_by_path.get(template_path) or printed_variables(Path(project.root), template_path)
            hits = [p for p in printed if p.variable in render.variables]
            if not hits:
                continue
            related = tuple(_related(Location(p.path, p.line, p.column),
                                     f"printed into the page as {{{{ {p.variable} }}}}") for p in hits[:MAX_RELATED])
            yield self.finding(location,
                               f"Kaman API key `{render.subject}` passed to template {template_path} by "
                               f"{render.call} as `{render.variables[0]}`, which prints it into the page "
                               f"(line {hits[0].line}): every visitor receives the key; keep it on the server "
                               "and rotate it", render.fingerprint, "", related)


def _is_public_read(name: str, expression: str) -> bool:
    if not is_kaman_key_name(name):
        return False
    if public_prefix(name):
        return True
    return expression.startswith(PUBLIC_MODULES) and "$env/static/private" not in expression


def _why_public(read: ClientRead) -> str:
    prefix = public_prefix(read.name)
    if prefix:
        return f"{framework_of(prefix)} inlines {prefix} variables at build time"
    return f"`{read.expression.split(' from ')[-1]}` values are public"


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
    return Location(location.path, location.line, location.column, message=message)
