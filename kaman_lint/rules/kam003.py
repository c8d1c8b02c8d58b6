"""KAM003 shared-dev-prod-key."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from kaman_lint import environments
from kaman_lint.environments import DEVELOPMENT, PRODUCTION
from kaman_lint.facts import KeyRef, ProjectFacts
from kaman_lint.findings import Finding, Location
from kaman_lint.rules.base import Rule

MAX_NAMED = 2  # development-side places named in the message; all of them are related locations


class SharedDevProdKey(Rule):
    """The same Kaman API key is configured for development and for production.

    ## What it flags
    A key value (compared by fingerprint, never by text) that appears both in a development
    configuration and in a production one anywhere in the scan: `.env.development` /
    `.env.local` and `.env.production`, `settings/dev.py` and `settings/prod.py`,
    `docker-compose.dev.yml` and `docker-compose.prod.yml`, `dev.tfvars` and `prod.tfvars`,
    `development:` and `production:` sections of one YAML/TOML/INI file, `DevelopmentConfig` and
    `ProductionConfig` classes, a CI job with `environment: production`, Kubernetes manifests
    under `overlays/dev` and `overlays/production` (base64 `data:` values are decoded first).
    The finding is at each production-side occurrence; the development-side ones are its related
    locations.

    The environment comes from the `environments` config (globs mapped to an environment, which
    overrides every guess), else from the key's section, else from the path. A base file that
    every mode reads (`.env`, Angular `environment.ts`, `docker-compose.yml`, `values.yaml`,
    `config/default.json`) counts for the mode its variants do not cover: the same key in `.env`
    and `.env.production` is shared (the dev server reads `.env`), unless a development variant
    sets the same variable to another key. A key only in `.env` is one configuration and is not
    flagged. Staging, test and CI are environments of their own: sharing a key between them and
    production is not reported (staging often mirrors production on purpose), nor is the same
    key twice within one environment. Keys in comments and in documents (Markdown, HTML,
    notebooks) configure nothing and are ignored here (KAM001 still reports them).

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
    the file in the `environments` config (e.g. `"deploy/demo/**" = "staging"`) instead.
    """

    id = "KAM003"
    name = "shared-dev-prod-key"
    security_severity = "7.5"
    precision = "high"
    tags = ("security", "secrets", "external/cwe/cwe-798")
    cwe = ("CWE-798",)

    def finish(self, project: ProjectFacts) -> Iterable[Finding]:
        configured = [ref for ref in project.key_refs if ref.context not in ("comment", "docstring")]
        sides = effective_sides(configured)
        by_key: dict[str, list[KeyRef]] = defaultdict(list)
        for ref in configured:
            if sides.get(ref):
                by_key[ref.fingerprint].append(ref)
        for refs in by_key.values():
            production = sorted({r.location: r for r in refs if sides[r] == PRODUCTION}.values(),
                                key=lambda r: r.location)
            development = sorted({r.location for r in refs if sides[r] == DEVELOPMENT})
            if not development:
                continue
            for ref in production:
                yield self.finding(ref.location, self.message(ref, development), ref.fingerprint,
                                   ref.preview, tuple(_related(loc) for loc in development))

    @staticmethod
    def message(ref: KeyRef, development: list[Location]) -> str:
        named = ", ".join(f"{loc.path}:{loc.line}" for loc in development[:MAX_NAMED])
        more = len(development) - MAX_NAMED
        if more > 0:
            named += f" and {more} more"
        return (f"Kaman API key {ref.preview} is configured for production here and for development "
                f"in {named}: give each environment its own key, and rotate this one")


def _related(location: Location) -> Location:
    return Location(location.path, location.line, location.column,
                    message="the same key, configured for development")


def effective_sides(refs: list[KeyRef]) -> dict[KeyRef, str | None]:
    """Each occurrence's environment, with base files (no environment of their own) given the
    mode that their variants holding the same key leave to them."""
    overrides = _variant_keys(refs)
    sides: dict[KeyRef, str | None] = {}
    by_key: dict[str, list[KeyRef]] = defaultdict(list)
    for ref in refs:
        by_key[ref.fingerprint].append(ref)
    for group in by_key.values():
        for ref in group:
            sides[ref] = ref.environment or _base_side(ref, group, overrides)
    return sides


# (base path, environment, variable name) -> fingerprints a variant sets there
VariantKeys = dict[tuple[str, str, str | None], set[str]]


def _variant_keys(refs: list[KeyRef]) -> VariantKeys:
    keys: VariantKeys = defaultdict(set)
    for ref in refs:
        if ref.environment in (DEVELOPMENT, PRODUCTION):
            for base in environments.base_candidates(ref.location.path):
                keys[(base, ref.environment, ref.name)].add(ref.fingerprint)
    return keys


def _base_side(ref: KeyRef, group: list[KeyRef], overrides: VariantKeys) -> str | None:
    """A key in a base file, also set by a variant for one mode, serves the other mode, unless
    a variant for that other mode sets the same variable to a different key."""
    path = ref.location.path
    variant_modes = {other.environment for other in group
                     if other.environment in (DEVELOPMENT, PRODUCTION)
                     and path in environments.base_candidates(other.location.path)}
    if len(variant_modes) != 1:
        return None  # no variant shares it, or both do (they are reported themselves)
    mode = DEVELOPMENT if variant_modes == {PRODUCTION} else PRODUCTION
    if overrides.get((path, mode, ref.name), set()) - {ref.fingerprint}:
        return None  # that mode's variant replaces the base value
    return mode
