"""Which deployment environment a file, or a section of a file, configures.

Environments are "development", "production", "staging" and "test" (CI counts as test). The
guess comes, most specific first, from:

1. the config's `environments` table (globs mapped to an environment): it overrides every guess
   for the whole file;
2. the enclosing sections of a key: Rails-style YAML `development:` / `production:`, TOML and INI
   tables (`[environments.production]`), Python classes (`ProductionConfig`), CI jobs;
3. what a YAML file says about itself: a CI job's `environment: production` (or `name:` under
   it), a Kubernetes `metadata: namespace: prod`;
4. the path: the file name (`.env.production`, `docker-compose.prod.yml`, `values-prod.yaml`,
   `environment.prod.ts`, `settings/dev.py`), then the nearest directory named for an
   environment (`overlays/production/`, `envs/prod/`, `k8s/dev/`).

A file with no environment in its name (`.env`, `environment.ts`, `docker-compose.yml`,
`values.yaml`) is a *base* that every mode reads unless a variant overrides it: see
:func:`base_name`. Documents (Markdown, plain text, HTML, notebooks) configure nothing.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import PurePosixPath
from typing import TYPE_CHECKING

from kaman_lint.config import Config

if TYPE_CHECKING:
    from kaman_lint.facts import FileFacts, KeyLiteral

DEVELOPMENT = "development"
PRODUCTION = "production"
STAGING = "staging"
TEST = "test"

# Words that name an environment. "local" is weak: `.env.production.local` is production.
WORDS = {
    "dev": DEVELOPMENT, "devel": DEVELOPMENT, "develop": DEVELOPMENT, "development": DEVELOPMENT,
    "prod": PRODUCTION, "prd": PRODUCTION, "production": PRODUCTION,
    "staging": STAGING, "stage": STAGING, "stg": STAGING, "preprod": STAGING, "uat": STAGING,
    "preview": STAGING, "qa": STAGING,
    "test": TEST, "tests": TEST, "testing": TEST, "ci": TEST, "e2e": TEST,
}
WEAK_WORDS = {"local": DEVELOPMENT, "localdev": DEVELOPMENT}
# Names in a file that drop out of a base name: `values-prod.yaml` is a variant of `values.yaml`.
BASE_STEMS = ("default", "base", "common")
DOCUMENT_LANGUAGES = frozenset({"markdown", "text", "html", "notebook"})

_TOKEN = re.compile(r"[A-Z]+(?![a-z])|[A-Z]?[a-z0-9]+|[0-9]+")
_ENV_SUFFIX = re.compile(r"[.\-_](" + "|".join(sorted(WORDS, key=len, reverse=True)) + r")(?=[.\-_]|$)",
                         re.IGNORECASE)
_MAX_SECTION_TOKENS = 3  # `ProductionConfig`, `prod_eu`: a section *named* for an environment


def tokens(name: str) -> list[str]:
    """Lower-case words of a name: `ProductionConfig` -> production, config; `k8s-prod` ->
    k8s, prod."""
    return [t.lower() for t in _TOKEN.findall(name)]


def from_name(name: str, max_tokens: int | None = None) -> str | None:
    """The environment a name stands for: one strong word (or only weak ones), else None.
    Two different strong words (`dev-to-prod`) are ambiguous."""
    words = tokens(name)
    if max_tokens is not None and len(words) > max_tokens:
        return None
    strong = {WORDS[w] for w in words if w in WORDS}
    if len(strong) == 1:
        return strong.pop()
    if not strong:
        return next((WEAK_WORDS[w] for w in words if w in WEAK_WORDS), None)
    return None


def from_path(relpath: str) -> str | None:
    """The environment a path names: the file name first, then the nearest directory whose
    name is an environment (at most two words, so `my-app-dev/` is not one but `k8s-prod/` is)."""
    parts = PurePosixPath(relpath).parts
    if not parts:
        return None
    found = from_name(parts[-1])
    if found:
        return found
    for directory in reversed(parts[:-1]):
        words = tokens(directory)
        if len(words) <= 2 or directory.lower() in WORDS:
            found = from_name(directory)
            if found:
                return found
    return None


def classify(relpath: str, config: Config, language: str | None = None) -> str | None:
    """The environment of a whole file: the `environments` config, else its path."""
    configured = config.environment_for(relpath)
    if configured:
        return configured
    if language in DOCUMENT_LANGUAGES:
        return None
    return from_path(relpath)


def from_section(section: Iterable[str]) -> str | None:
    """The environment of the innermost section named for one."""
    for name in reversed(tuple(section)):
        found = from_name(name, _MAX_SECTION_TOKENS)
        if found:
            return found
    return None


def of_literals(facts: FileFacts, config: Config) -> list[str | None]:
    """The environment of each key literal in `facts.literals` (same order)."""
    relpath = facts.source.relpath
    if config.environment_for(relpath) or facts.source.language in DOCUMENT_LANGUAGES:
        return [facts.environment] * len(facts.literals)
    try:
        declared = _declared_environments(facts) if facts.source.language == "yaml" else {}
    except Exception:  # a bug here must not lose the file's keys: fall back to path and sections
        declared = {}
    return [_of_literal(lit, facts.environment, declared) for lit in facts.literals]


def _of_literal(lit: KeyLiteral, file_env: str | None,
                declared: dict[tuple[str, ...], str]) -> str | None:
    if lit.context in ("comment", "docstring"):
        return None  # a key in a comment is configured for nothing
    for length in range(len(lit.section), -1, -1):  # the innermost declaration wins
        if lit.section[:length] in declared:
            return declared[lit.section[:length]]
    return from_section(lit.section) or file_env


# --- YAML files that say which environment they configure -------------------------------------

def _declared_environments(facts: FileFacts) -> dict[tuple[str, ...], str]:
    """Mapping paths whose contents a YAML file assigns to an environment: a CI job's
    `environment: production` (or its `name:`), a Kubernetes `metadata: namespace: prod` (the
    whole document). Key: the path of the mapping the declaration applies to."""
    from kaman_lint.lang.yaml import key_paths

    lines = facts.source.text.splitlines()
    declared: dict[tuple[str, ...], str] = {}
    for index, (parents, own) in enumerate(key_paths(lines)):
        if own is None:
            continue
        value = _scalar(lines[index])
        if own == "environment" and value:  # `environment: production`
            scope = parents
        elif own == "name" and parents and parents[-1] == "environment" and value:
            scope = parents[:-1]  # `environment:` / `  name: production`
        elif own == "namespace" and parents == ("metadata",) and value:
            scope = ()
        else:
            continue
        env = from_name(value, 2)
        if env:
            declared[scope] = env
    return declared


def _scalar(line: str) -> str | None:
    """The plain scalar after `key:` on a YAML line, without quotes; None for `${{ ... }}`,
    mappings, lists and empty values."""
    value = line.split(":", 1)[1].split(" #", 1)[0].strip().strip("'\"")
    if not value or value[0] in "{[&*|>$":
        return None
    return value


# --- base files and their variants -------------------------------------------------------------

def base_name(relpath: str) -> str | None:
    """The base file a variant overrides, if its name says so: `.env.production` -> `.env`,
    `environment.prod.ts` -> `environment.ts`, `values-prod.yaml` -> `values.yaml`,
    `docker-compose.dev.yml` -> `docker-compose.yml`. None for a name with no environment."""
    path = PurePosixPath(relpath)
    stripped = _ENV_SUFFIX.sub("", path.name, count=1)
    if stripped == path.name or not stripped:
        return None
    return str(path.with_name(stripped))


def base_candidates(relpath: str) -> list[str]:
    """Files in the same directory that `relpath` may be a variant of: its name without the
    environment word, and `default`/`base`/`common` with the same extension (node-config's
    `config/default.json` beside `config/production.json`; Django `settings/base.py`)."""
    path = PurePosixPath(relpath)
    candidates = []
    stripped = base_name(relpath)
    if stripped:
        candidates.append(stripped)
    if from_name(path.stem) and len(tokens(path.stem)) == 1:
        candidates += [str(path.with_name(stem + path.suffix)) for stem in BASE_STEMS]
    return candidates
