"""Which deployment environment a file, or a section of a file, configures.

Environments are "development", "production", "staging" and "test" (CI counts as test). The
guess comes, most specific first, from:

1. the config's `environments` table (globs mapped to an environment): it overrides every guess
   for the whole file;
2. what a YAML file says about itself: a CI job's `environment: production` (or `name:` under
   it), a `- name: production` list item, a Kubernetes `metadata: namespace: prod` or a Spring
   `on-profile: prod` (each for its own `---` document);
3. the enclosing sections of a key: Rails-style YAML `development:` / `production:`, TOML and INI
   tables (`[environments.production]`), JSON objects, Python classes (`ProductionConfig`),
   dicts (`{"prod": {...}}`) and `if APP_ENV == "production":` blocks, Terraform blocks, CI jobs;
4. the path: the file name (`.env.production`, `docker-compose.prod.yml`, `values-prod.yaml`,
   `environment.prod.ts`, `settings/dev.py`, `docker-compose.override.yml`), then the nearest
   directory named for an environment (`overlays/production/`, `envs/prod/`, `k8s/dev/`);
   examples and templates (`.env.production.example`, `docs/`, `examples/`) have none;
5. the setting's own name (`KAMAN_KEY_PROD`, `{"development": "kam_..."}`), for files that
   name no environment themselves.

A YAML alias (`<<: *defaults`, `api_key: *kaman_key`) that repeats a key takes the environment of
the alias site, like a literal written there: see :func:`of_aliases`.

A file with no environment in its name (`.env`, `environment.ts`, `docker-compose.yml`,
`values.yaml`) is a *base* that every mode reads unless a variant overrides it: see
:func:`base_name`. Documents (Markdown, plain text, HTML, notebooks) configure nothing; code in a
language without an analyzer (Ruby, Go) is read as "text" but is no document.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from kaman_lint import lazy_re
from kaman_lint.config import Config
from kaman_lint.paths import pure

TYPE_CHECKING = False  # typing.TYPE_CHECKING: typing is not imported at run time
if TYPE_CHECKING:
    from kaman_lint.facts import FileFacts, KeyAlias, KeyLiteral

DEVELOPMENT = "development"
PRODUCTION = "production"
STAGING = "staging"
TEST = "test"

# Words that name an environment. "local" is weak: `.env.production.local` is production.
WORDS = {
    "dev": DEVELOPMENT, "devel": DEVELOPMENT, "develop": DEVELOPMENT, "development": DEVELOPMENT,
    "devcontainer": DEVELOPMENT,  # `.devcontainer/devcontainer.json`: the editor's dev container
    "prod": PRODUCTION, "prd": PRODUCTION, "production": PRODUCTION, "live": PRODUCTION,
    "staging": STAGING, "stage": STAGING, "stg": STAGING, "preprod": STAGING, "uat": STAGING,
    "preview": STAGING, "qa": STAGING,
    "test": TEST, "tests": TEST, "testing": TEST, "ci": TEST, "e2e": TEST,
}
WEAK_WORDS = {"local": DEVELOPMENT, "localdev": DEVELOPMENT}
# Words that name an environment in a file name or a section, but not as a directory:
# `src/live/` is a feature (live chat), `.env.live` is production.
FILE_ONLY_WORDS = frozenset({"live"})
# A copy to fill in, or an illustration, configures nothing: `.env.production.example`,
# `config/prod.sample.json`, `docs/deploy/prod.yaml`, `examples/production/.env`.
EXAMPLE_FILE_WORDS = frozenset({"example", "examples", "sample", "samples", "template", "tmpl", "tpl"})
EXAMPLE_DIRECTORY_WORDS = frozenset({"example", "examples", "sample", "samples", "doc", "docs"})
# Names in a file that drop out of a base name: `values-prod.yaml` is a variant of `values.yaml`.
BASE_STEMS = ("default", "base", "common")
DOCUMENT_LANGUAGES = frozenset({"markdown", "html", "notebook"})
# "text" is also what code in a language without its own analyzer reads as (Ruby, Go, Java,
# PHP): only these suffixes (and README-like names) make a text file a document.
DOCUMENT_SUFFIXES = frozenset({".txt", ".text", ".log", ".adoc", ".asciidoc", ".org", ".csv", ".tsv"})
DOCUMENT_STEMS = ("readme", "changelog", "changes", "notes", "license", "todo")
# Files whose name follows a tool's convention for one environment, with the base they override:
# `docker compose up` merges `docker-compose.override.yml` over `docker-compose.yml` on a
# developer's machine, while deployments name their files explicitly.
CONVENTIONAL_FILES = {
    lazy_re.compile(r"^((?:docker-)?compose)\.override(\.ya?ml)$", re.IGNORECASE): DEVELOPMENT,
}

_TOKEN = lazy_re.compile(r"[A-Z]+(?![a-z])|[A-Z]?[a-z0-9]+|[0-9]+")
_ENV_SUFFIX = lazy_re.compile(r"[.\-_](" + "|".join(sorted(WORDS, key=len, reverse=True)) + r")(?=[.\-_]|$)",
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
    parts = pure(relpath).parts
    if not parts:
        return None
    if EXAMPLE_FILE_WORDS.intersection(tokens(parts[-1])) or any(
            EXAMPLE_DIRECTORY_WORDS.intersection(tokens(d)) for d in parts[:-1]):
        return None
    found = _conventional(parts[-1])[0] or from_name(parts[-1])
    if found:
        return found
    for directory in reversed(parts[:-1]):
        words = tokens(directory)
        if FILE_ONLY_WORDS.intersection(words):
            continue
        if len(words) <= 2 or directory.lower() in WORDS:
            found = from_name(directory)
            if found:
                return found
    return None


def _conventional(name: str) -> tuple[str | None, str | None]:
    """(environment, base file name) for a file named by a tool's convention."""
    for pattern, env in CONVENTIONAL_FILES.items():
        match = pattern.match(name)
        if match:
            return env, "".join(match.groups())
    return None, None


def is_document(relpath: str, language: str | None) -> bool:
    """Documents (Markdown, HTML, notebooks, plain text) configure no environment."""
    if language in DOCUMENT_LANGUAGES:
        return True
    if language != "text":
        return False
    path = pure(relpath.lower())
    return path.suffix in DOCUMENT_SUFFIXES or path.name.startswith(DOCUMENT_STEMS)


def classify(relpath: str, config: Config, language: str | None = None,
             project_path: str | None = None) -> str | None:
    """The environment of a whole file: the `environments` config (its globs match the path
    relative to the project root, `project_path`, when the scan root differs), else its path."""
    configured = config.environment_for(project_path or relpath)
    if configured:
        return configured
    if is_document(relpath, language):
        return None
    return from_path(relpath)


def from_section(section: Iterable[str]) -> str | None:
    """The environment of the innermost section named for one."""
    for name in reversed(tuple(section)):
        found = from_name(name, _MAX_SECTION_TOKENS)
        if found:
            return found
    return None


def of_literals(facts: FileFacts, config: Config,
                occurrences: Sequence[KeyLiteral | KeyAlias] | None = None) -> list[str | None]:
    """The environment of each key literal in `facts.literals` (same order), or of each of
    `occurrences` (YAML aliases repeating a key: the alias site decides)."""
    occurrences = facts.literals if occurrences is None else occurrences
    relpath = facts.source.relpath
    if config.environment_for(facts.source.project_path or relpath) or is_document(relpath, facts.source.language):
        return [facts.environment] * len(occurrences)
    try:
        declared = _declared_environments(facts) if facts.source.language == "yaml" else Declared()
    except Exception:  # a bug here must not lose the file's keys: fall back to path and sections
        declared = Declared()
    return [_of_literal(lit, facts.environment, declared) for lit in occurrences]


def of_aliases(facts: FileFacts, config: Config,
               aliases: Sequence[KeyAlias]) -> list[tuple[KeyAlias, str | None]]:
    """The YAML aliases that carry a key into another environment than the occurrence they
    repeat, each with its environment (the alias site's). An alias within the key's own
    environment (services of one production compose file merging `*kaman-env`) adds nothing:
    the written key is the one to report."""
    if not aliases:
        return []
    envs = of_literals(facts, config, [*facts.literals, *aliases])
    known = {(lit.line, lit.column, lit.key.fingerprint): env for lit, env in zip(facts.literals, envs)}
    carried = []
    for alias, env in zip(aliases, envs[len(facts.literals):]):
        known.setdefault((alias.line, alias.column, alias.fingerprint), env)
        if env != known.get((*alias.origin, alias.fingerprint)):
            carried.append((alias, env))
    return carried


def _of_literal(lit: KeyLiteral | KeyAlias, file_env: str | None, declared: Declared) -> str | None:
    """Most specific first: a YAML declaration, a section, the file, then the setting's own
    name (`KAMAN_KEY_PROD=`, `{"development": "kam_..."}`), which only speaks for files that
    name no environment themselves (a `tests/` file's `PROD_KEY` is still a test key)."""
    if lit.context in ("comment", "docstring"):
        return None  # a key in a comment is configured for nothing
    return (declared.lookup(lit.line, lit.section) or from_section(lit.section) or file_env
            or (from_name(lit.name) if lit.name else None))


# --- YAML files that say which environment they configure -------------------------------------

_DOCUMENT_START = lazy_re.compile(r"^(?:---|\.\.\.)(?:\s|$)")
# Spring Boot profiles: `spring.config.activate.on-profile: prod` (2.4+), `spring.profiles: dev`.
_PROFILE_KEYS = {("spring", "config", "activate", "on-profile"), ("spring", "profiles")}


class Declared:
    """Mapping paths whose contents a YAML file assigns to an environment, per `---` document:
    (document, path) -> environment."""

    def __init__(self, documents: list[int] | None = None) -> None:
        self.documents = documents or []  # the document index of each line
        self.scopes: dict[tuple[int, tuple[str, ...]], str] = {}
        self.items: list[tuple[int, int, str]] = []  # list items: (first line, last line, env)

    def add(self, line: int, scope: tuple[str, ...], env: str) -> None:
        self.scopes[(self.documents[line - 1], scope)] = env

    def add_item(self, first: int, last: int, env: str) -> None:
        self.items.append((first, last, env))

    def lookup(self, line: int, section: tuple[str, ...]) -> str | None:
        if line > len(self.documents):
            return None
        # the innermost list item (`- name: production`) declared around the line
        items = [(first, env) for first, last, env in self.items if first <= line <= last]
        if items:
            return max(items)[1]
        document = self.documents[line - 1]
        for length in range(len(section), -1, -1):  # the innermost declaration wins
            found = self.scopes.get((document, section[:length]))
            if found:
                return found
        return None


def _declared_environments(facts: FileFacts) -> Declared:
    """What a YAML file says about itself: a CI job's `environment: production` (or its
    `name:`) covers the job; a Kubernetes `metadata: namespace: prod` or a Spring profile
    (`spring.config.activate.on-profile: prod`) covers its whole `---` document."""
    from kaman_lint.lang.yaml import key_paths

    lines = facts.source.lines()  # split as line numbers count: not on U+2028 or form feeds
    declared = Declared(_document_indexes(lines))
    for index, (parents, own) in enumerate(key_paths(lines)):
        if own is None:
            continue
        value = _scalar(lines[index])
        if not value:
            continue
        full = parents + tuple(own.split("."))  # Spring also writes `spring.profiles: dev`
        if own in ("environment", "name", "env", "stage") and _LIST_ITEM.match(lines[index]):
            env = from_name(value, 2)  # `- name: production` / `- environment: dev` items
            if env:
                declared.add_item(index + 1, _item_end(lines, index), env)
            continue
        if own == "environment":  # `environment: production`
            scope = parents
        elif own == "name" and parents and parents[-1] == "environment":
            scope = parents[:-1]  # `environment:` / `  name: production`
        elif (own == "namespace" and parents == ("metadata",)) or full in _PROFILE_KEYS:
            scope = ()
        else:
            continue
        env = from_name(value, 2)
        if env:
            declared.add(index + 1, scope, env)
    return declared


_LIST_ITEM = lazy_re.compile(r"^(\s*)-\s")


def _item_end(lines: list[str], index: int) -> int:
    """The last line (1-based) of the list item starting on `lines[index]`: up to the next
    line at or left of its dash."""
    dash = len(_LIST_ITEM.match(lines[index]).group(1))
    last = index
    for later in range(index + 1, len(lines)):
        text = lines[later]
        if not text.strip() or text.lstrip().startswith("#"):
            continue
        if len(text) - len(text.lstrip()) <= dash:
            break
        last = later
    return last + 1


def _document_indexes(lines: list[str]) -> list[int]:
    indexes, document = [], 0
    for text in lines:
        if _DOCUMENT_START.match(text):
            document += 1
        indexes.append(document)
    return indexes


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
    path = pure(relpath)
    conventional = _conventional(path.name)[1]
    if conventional:
        return str(path.with_name(conventional))
    stripped = _ENV_SUFFIX.sub("", path.name, count=1)
    if stripped == path.name or not stripped:
        return None
    return str(path.with_name(stripped))


# Bases that production builds read by a tool's convention, while development replaces them:
# Angular's `environment.ts` (swapped for `environment.development.ts` by `ng serve`) and
# Compose's `docker-compose.yml` (merged with `docker-compose.override.yml` on a laptop). Other
# bases (`.env`, `values.yaml`, `config/default.json`) beside only a development variant are
# treated as development too: nothing says production reads them.
_PRODUCTION_BASES = lazy_re.compile(r"^(?:environment\.ts|(?:docker-)?compose\.ya?ml)$", re.IGNORECASE)


def is_production_base(relpath: str) -> bool:
    return bool(_PRODUCTION_BASES.match(pure(relpath).name))


def base_candidates(relpath: str) -> list[str]:
    """Files in the same directory that `relpath` may be a variant of: its name without the
    environment word, and `default`/`base`/`common` with the same extension (node-config's
    `config/default.json` beside `config/production.json`; Django `settings/base.py`)."""
    path = pure(relpath)
    candidates = []
    stripped = base_name(relpath)
    if stripped:
        candidates.append(stripped)
    if from_name(path.stem) and len(tokens(path.stem)) == 1:
        candidates += [str(path.with_name(stem + path.suffix)) for stem in BASE_STEMS]
    return candidates
