"""KAM003 shared-dev-prod-key."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from kaman_lint import environments
from kaman_lint.environments import DEVELOPMENT, PRODUCTION
from kaman_lint.facts import ALIAS_REFS, KeyRef, ProjectFacts
from kaman_lint.findings import Finding, Location
from kaman_lint.records import replace
from kaman_lint.rules.base import Rule

MAX_NAMED = 2  # development-side places named in the message
# Development-side places given as related locations (SARIF relatedLocations, JSON `related`):
# every production occurrence carries them, so they are capped, or a key on thousands of lines
# of both sides makes a report the square of the file.
MAX_RELATED = 20


class SharedDevProdKey(Rule):
    """The same Kaman API key is configured for development and for production.

    ## What it flags
    A key value (compared by fingerprint, never by text) that appears both in a development
    configuration and in a production one anywhere in the scan: `.env.development` /
    `.env.local` and `.env.production` (also `.env.dev`, `.env.prod`, `.env.prd`, `.env.live`),
    `settings/dev.py` (or `local.py`, `settings_dev.py`) and `settings/prod.py`,
    `docker-compose.dev.yml` or `docker-compose.override.yml` and the production compose file,
    `dev.tfvars` and `prod.tfvars`, Helm `values-dev.yaml` and `values-prod.yaml`, Spring
    `application-dev.yml` and `application-prod.yml`; `development:` and `production:` sections
    of one YAML/TOML/INI/JSON file (flow mappings, `- name: production` list items and Spring
    `on-profile` documents included), `DevelopmentConfig` and `ProductionConfig` classes, Python
    dicts keyed by environment (`{"dev": {...}, "prod": {...}}`) and `if APP_ENV ==
    "production":` blocks, Terraform `locals`/maps keyed by environment, CI jobs with
    `environment: production`, Kubernetes manifests under `overlays/dev` and
    `overlays/production` or with `namespace: prod` (base64 `data:` values are decoded first).
    The finding is at each production-side occurrence; the development-side ones are its related
    locations (the first 20; the message counts them all).

    YAML anchors, aliases and merge keys are followed: a key written once under
    `defaults: &defaults` and merged by `production:` (`<<: *defaults`, `<<: [*common, *kaman]`),
    or anchored in `development:` (`api_key: &kaman_key kam_...`) and reused by production
    (`api_key: *kaman_key`), is configured where the alias is, and is reported at the production
    alias. A merge is shallow: a key the merging mapping sets itself wins over the merged one
    (`api_key: <%= ENV["KAMAN_API_KEY"] %>` beside `<<: *default`), and in a merge list the first
    anchor wins. The anchored key keeps its own place's environment (a neutral `defaults:` block
    has none); an alias that stays in the key's own environment (the services of one production
    compose file merging `*kaman-env`) adds no finding of its own. Anchors do not reach across
    `---` documents.

    The environment of an occurrence comes from, most specific first: the `environments` config
    (globs mapped to an environment, which overrides every guess), what a YAML file declares
    (`environment:`, `namespace:`, Spring profiles), the enclosing section, the path (file name,
    then the nearest directory named for an environment), and last the setting's own name
    (`KAMAN_KEY_PROD=` in a plain `.env`), which never overrides a path: a `PROD_KEY` in a
    `tests/` file is a test key.

    A base file that every mode reads counts for the mode its variants do not cover: the same
    key in `.env` and `.env.production` is shared (the dev server reads `.env`), unless a
    development variant sets the same variable to another key. The other way round only for
    bases that production reads by convention, Angular's `environment.ts` and
    `docker-compose.yml`: `.env` beside only `.env.development` (or `values.yaml` beside
    `values-dev.yaml`) is taken as development too, and nothing is reported. A key only in
    `.env` is one configuration and is not flagged.

    Staging, test and CI are environments of their own: sharing a key between them and
    production is not reported by default (staging often mirrors production on purpose; set
    `shared-key-environments = ["development", "staging"]` to compare staging too), nor is the
    same key twice within one environment. Keys in comments, in documents (Markdown, HTML,
    notebooks, text) and in examples and templates (`.env.example`, `.env.production.example`,
    `config/prod.sample.json`, files under `docs/` or `examples/`) configure nothing and are
    ignored here (KAM001 still reports them). An `else:` branch counts as development only after
    a single `if` testing for production (and the other way round); `if DEBUG:` names nothing.

    ## Why is this bad?
    The Kaman authentication guide says development and production use different keys.
    Development keys live on laptops, dev servers, CI logs and screenshots; when the production
    key is one of them, any of those leaks is a production breach, and the key cannot be
    rotated for development without breaking production. Separate keys also keep development
    traffic out of production usage, quotas and billing.

    ## Example
    ```shell
    # .env.development
    KAMAN_API_KEY=kam_...   # key A
    # .env.production
    KAMAN_API_KEY=kam_...   # key A again
    ```

    ## Use instead
    ```shell
    # .env.development (git-ignored), a development key
    KAMAN_API_KEY=kam_...   # key B
    # production: no file; the deployment injects KAMAN_API_KEY from its secret store
    ```

    ## How to fix
    1. Rotate the shared key in the Kaman dashboard: it has been on development machines, so
       treat it as leaked. The new key is for production only.
    2. Create a separate development key and put it in the development configuration.
    3. Move the production key out of the repository into the deployment's secret store (CI
       secrets, a vault, Kubernetes Secrets managed outside git).

    ## Suppressing
    On the production-side line, or the line above it:
    `# kaman-lint: ignore[KAM003] -- reason`. If kaman-lint guessed an environment wrong, map
    the file in the `environments` config (e.g. `"deploy/demo/**" = "staging"`) instead; to
    choose which environments are compared with production, set `shared-key-environments`.
    """

    id = "KAM003"
    name = "shared-dev-prod-key"
    security_severity = "7.5"
    precision = "high"
    tags = ("security", "secrets", "external/cwe/cwe-798")
    cwe = ("CWE-798",)

    def finish(self, project: ProjectFacts) -> Iterable[Finding]:
        compared = set(project.config.shared_key_environments or (DEVELOPMENT,))
        # key literals, and YAML aliases that repeat one (`<<: *defaults`, `api_key: *dev_key`)
        refs = project.key_refs + project.extra.get(ALIAS_REFS, [])
        overrides = _variant_keys(refs)
        for group in _by_fingerprint(refs):
            sides = effective_sides(group, overrides)
            production = sorted({r.location: r for r in group if sides[r] == PRODUCTION}.values(),
                                key=lambda r: r.location)
            others = sorted({(r.location, sides[r]) for r in group if sides[r] in compared})
            if not others:
                continue
            # The same for every production occurrence: built once per key, so a key on 20,000
            # lines of each side costs 40,000 steps, not 20,000 squared.
            elsewhere = self.elsewhere(others)
            related = tuple(_related(loc, env) for loc, env in others[:MAX_RELATED])
            for ref in production:
                yield self.finding(ref.location, self.message(ref, elsewhere), ref.fingerprint,
                                   ref.preview, related)

    @staticmethod
    def elsewhere(others: list[tuple[Location, str]]) -> str:
        """`development in .env.development:3`: the other side, as messages name it."""
        named = ", ".join(f"{loc.path}:{loc.line}" for loc, _ in others[:MAX_NAMED])
        more = len(others) - MAX_NAMED
        if more > 0:
            named += f" and {more} more"
        envs = " and ".join(sorted({env for _, env in others}))
        return f"{envs} in {named}"

    @staticmethod
    def message(ref: KeyRef, elsewhere: str) -> str:
        here = "here, through a YAML alias," if ref.context == "alias" else "here"
        return (f"Kaman API key {ref.preview} is configured for production {here} and for "
                f"{elsewhere}: give each environment its own key, and rotate this one")


def _related(location: Location, env: str) -> Location:
    return replace(location, message=f"the same key, configured for {env}")  # the span too


def _by_fingerprint(refs: list[KeyRef]) -> list[list[KeyRef]]:
    groups: dict[str, list[KeyRef]] = defaultdict(list)
    for ref in refs:
        groups[ref.fingerprint].append(ref)
    return list(groups.values())


def effective_sides(group: list[KeyRef], overrides: VariantKeys) -> dict[KeyRef, str | None]:
    """The environment of each occurrence of one key: its own (None for a key in a comment or
    docstring, see environments.of_literals), or for a base file (no environment of its own)
    the mode that its variants holding the same key leave to it."""
    modes = _variant_modes(group)
    return {ref: ref.environment or _base_side(ref, modes, overrides) for ref in group}


def _variant_modes(group: list[KeyRef]) -> dict[str, set[str]]:
    """For each base file, the modes (development, production) of the variants of it that hold
    this key: found once per key, so one key on 20,000 lines of a log costs 20,000 steps."""
    modes: dict[str, set[str]] = defaultdict(set)
    for ref in group:
        if ref.environment in (DEVELOPMENT, PRODUCTION):
            for base in environments.base_candidates(ref.location.path):
                modes[base].add(ref.environment)
    return modes


# (base path, environment, variable name) -> fingerprints a variant sets there
VariantKeys = dict[tuple[str, str, str | None], set[str]]


def _variant_keys(refs: list[KeyRef]) -> VariantKeys:
    keys: VariantKeys = defaultdict(set)
    for ref in refs:
        if ref.environment in (DEVELOPMENT, PRODUCTION):
            for base in environments.base_candidates(ref.location.path):
                keys[(base, ref.environment, ref.name)].add(ref.fingerprint)
    return keys


def _base_side(ref: KeyRef, modes: dict[str, set[str]], overrides: VariantKeys) -> str | None:
    """A key in a base file, also set by a variant for one mode (`modes`: see _variant_modes),
    serves the other mode, unless a variant for that other mode sets the same variable to a
    different key."""
    if ref.context in ("comment", "docstring"):
        return None  # configures nothing, wherever it sits
    path = ref.location.path
    variant_modes = modes.get(path, set())
    if len(variant_modes) != 1:
        return None  # no variant shares it, or both do (they are reported themselves)
    mode = DEVELOPMENT if variant_modes == {PRODUCTION} else PRODUCTION
    if mode == PRODUCTION and not environments.is_production_base(path):
        return None  # `.env` beside `.env.development`: both are the developer's files
    if overrides.get((path, mode, ref.name), set()) - {ref.fingerprint}:
        return None  # that mode's variant replaces the base value
    return mode
