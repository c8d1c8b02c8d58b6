"""Bundler and framework configs that inline values into the client bundle
(client-exposure.md §2, decision-table rows 24-38): `next.config` `env` / `publicRuntimeConfig`,
Vite/esbuild `define`, webpack `DefinePlugin` / `EnvironmentPlugin`, Expo `extra`, Storybook
`env`, Nuxt `runtimeConfig.public`.

These files run in Node, so what matters is not their role but what their inlining blocks hold:
a Kaman key literal, a read of a Kaman-named variable, or a spread of the whole environment.
The blocks are found with a bracket matcher; a config file is small and regular enough that a
parse would buy nothing here.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from kaman_lint import lazy_re
from kaman_lint.exposure import frameworks
from kaman_lint.exposure.facts import ConfigImport, Exposure, name_fingerprint
from kaman_lint.exposure.names import KAMAN_NAME, is_kaman_key_name
from kaman_lint.facts import FileFacts
from kaman_lint.lang.js_env import BUNDLED_ENV_OBJECTS, env_read_source, read_name

# Files whose inlining blocks we read (by path), and content that marks a build script.
BUNDLER_CONFIG = lazy_re.compile(
    r"(^|/)(next|vite|webpack|nuxt|astro|rollup|rspack|esbuild|app)\.config\.[cm]?[jt]s$|"
    r"(^|/)\.storybook/main\.[cm]?[jt]s$|(^|/)(build|esbuild)\.[cm]?[jt]s$")

# (keyword that opens an inlining block, what inlines it, which config files it applies to), from
# each framework family's CONFIG_BLOCKS
BLOCKS = frameworks.collect("CONFIG_BLOCKS")
# Inside a block: a read of a Kaman-named variable, or the name listed as a string
# (EnvironmentPlugin(['KAMAN_API_KEY'])).
ENV_READ = lazy_re.compile(env_read_source(*BUNDLED_ENV_OBJECTS, "env"))  # `env` as `loadEnv()` returns it
NAME_STRING = lazy_re.compile(rf"""['"]([A-Za-z_]*(?i:{KAMAN_NAME.pattern})\w*)['"]""")
# The whole environment spread into a block: `...process.env`, `JSON.stringify(process.env)`,
# `env: process.env`, or `...env` after `loadEnv(mode, root, '')`.
WHOLE_ENV = lazy_re.compile(r"\.\.\.\s*process\.env\b(?!\.)|JSON\.stringify\(\s*process\.env\s*\)|^\s*process\.env\s*,?\s*$")
LOAD_ALL_ENV = lazy_re.compile(r"""\b(\w+)\s*=\s*loadEnv\([^)]*,\s*(?:''|""|``)\s*\)""")
OPENERS = {"{": "}", "(": ")", "[": "]"}
# Astro `env.schema`: `KAMAN_KEY: envField.string({ context: "client", access: "public" })` is
# bundled into client code (decision-table row 20).
ENV_FIELD = lazy_re.compile(r"""(['"]?)([A-Za-z_]\w*)\1\s*:\s*envField\.\w+\s*\(""")
CLIENT_CONTEXT = lazy_re.compile(r"""\bcontext\s*:\s*['"]client['"]""")


def bundler_exposures(facts: FileFacts) -> Iterator[Exposure]:
    text = facts.source.text
    name = facts.source.name
    seen: set[int] = set()
    all_env_vars = {m.group(1) for m in LOAD_ALL_ENV.finditer(text)}
    if name.startswith("astro."):
        yield from env_field_exposures(facts)
    for keyword, mechanism, only_in in BLOCKS:
        if only_in and not (name.startswith(only_in + ".") or f"/{only_in}/" in "/" + facts.source.relpath):
            continue
        for match in keyword.finditer(text):
            block = block_after(text, match.end())
            if block is None:
                continue
            for offset, subject, fp in _kaman_values(facts, block, all_env_vars):
                if offset not in seen:
                    seen.add(offset)
                    line, column = facts.source.position(offset)
                    yield Exposure(line, column, f"inlined by {mechanism} in {name}", subject, fp)


# Bindings a config imports: `const env = require("./env")`, `import { publicEnv } from "./env"`.
_REQUIRED = lazy_re.compile(r"""\b(?:const|let|var)\s+(?:([\w$]+)|\{([^{}]{0,2000})\})\s*=\s*require\(\s*['"]([^'"\r\n]{1,300})['"]\s*\)""")
_IMPORTED = lazy_re.compile(
    r"""^[ \t]*import\s+(?:([\w$]+)\s*,?\s*)?(?:\{([^{}]{0,2000})\}|\*\s*as\s+([\w$]+))?\s*from\s*['"]([^'"\r\n]{1,300})['"]""",
    re.M)
_IDENTIFIER = lazy_re.compile(r"(?<![\w$.])[A-Za-z_$][\w$]*")


def config_imports(relpath: str, text: str) -> Iterator[ConfigImport]:
    """Inlining blocks of the config `relpath` that use a binding imported from another module
    (decided in the finish step, where that module's keys and Kaman reads are known). Read by the
    module graph's survey: such a config need not mention Kaman itself."""
    name = relpath.rsplit("/", 1)[-1]
    bindings = _imported_bindings(text)
    if not bindings:
        return
    for keyword, mechanism, only_in in BLOCKS:
        if only_in and not (name.startswith(only_in + ".") or f"/{only_in}/" in "/" + relpath):
            continue
        for match in keyword.finditer(text):
            block = block_after(text, match.end())
            if block is None:
                continue
            for used in _IDENTIFIER.finditer(text, block[0], block[1]):
                specifier = bindings.get(used.group(0))
                if specifier:
                    line = text.count("\n", 0, used.start()) + 1
                    column = used.start() - text.rfind("\n", 0, used.start())
                    yield ConfigImport(relpath, line, column, f"{mechanism} in {name}", specifier, used.group(0))


def _imported_bindings(text: str) -> dict[str, str]:
    bindings: dict[str, str] = {}
    for m in _REQUIRED.finditer(text):
        for local in _pattern_names(m.group(1), m.group(2)):
            bindings[local] = m.group(3)
    for m in _IMPORTED.finditer(text):
        for local in _pattern_names(m.group(1), m.group(2), m.group(3)):
            bindings[local] = m.group(4)
    return bindings


def _pattern_names(*groups: str | None) -> list[str]:
    """Local names bound by `name`, `{ a, b: c, d as e }` or `* as ns`."""
    names = []
    for group in groups:
        if not group:
            continue
        for part in group.split(","):
            local = re.split(r"\s+as\s+|:", part)[-1].strip()
            if re.fullmatch(r"[A-Za-z_$][\w$]*", local):
                names.append(local)
    return names


def env_field_exposures(facts: FileFacts) -> Iterator[Exposure]:
    text = facts.source.text
    for m in ENV_FIELD.finditer(text):
        name = m.group(2)
        options = block_after(text, m.end() - 1)
        if is_kaman_key_name(name) and options and CLIENT_CONTEXT.search(text, options[0], options[1]):
            line, column = facts.source.position(m.start(2))
            yield Exposure(line, column, f"declared with `context: \"client\"` in the Astro env schema of "
                           f"{facts.source.name} (bundled into client code)", name, name_fingerprint(name))


def _kaman_values(facts: FileFacts, block: tuple[int, int], all_env_vars: set[str]):
    start, end = block
    body = facts.source.text[start:end]
    for lit in facts.literals:
        if start <= lit.offset < end:
            yield lit.offset, lit.key.preview, lit.key.fingerprint
    for m in ENV_READ.finditer(body):
        name = read_name(m)
        if is_kaman_key_name(name) and not _is_define_target(body, m.end(), quoted=True):
            yield start + m.start(), m.group(0), name_fingerprint(name)
    for m in NAME_STRING.finditer(body):
        if is_kaman_key_name(m.group(1)) and not _is_define_target(body, m.end()):
            yield start + m.start(), m.group(1), name_fingerprint(m.group(1))
    whole = WHOLE_ENV.search(body)
    spread = next((m for v in all_env_vars for m in re.finditer(
        rf"\.\.\.\s*{re.escape(v)}\b|JSON\.stringify\(\s*{re.escape(v)}\s*\)", body)), None)
    if whole or spread:
        yield start + (whole or spread).start(), "every environment variable", name_fingerprint("*env*")


def _is_define_target(body: str, after: int, quoted: bool = False) -> bool:
    """`'process.env.KAMAN_KEY': ...`: the quoted name is the replaced expression, not a value."""
    return bool(re.match(r"""['"]?\s*:""" if quoted else r"\s*:", body[after:]))


def block_after(text: str, position: int) -> tuple[int, int] | None:
    """(start, end) of the bracketed value starting after `position`, or of the bare value up to
    the end of the line."""
    m = re.compile(r"\s*").match(text, position)
    i = m.end() if m else position
    if i >= len(text):
        return None
    if text[i] not in OPENERS:
        if text[i - 1] == "(":  # `DefinePlugin(` consumed the opener already
            i -= 1
        else:
            line_end = text.find("\n", i)
            return i, (line_end if line_end >= 0 else len(text))
    depth, quote = 0, None
    j = i
    while j < len(text):
        ch = text[j]
        if quote:
            if ch == "\\":
                j += 2
                continue
            if ch == quote:
                quote = None
        elif ch in "'\"`":
            quote = ch
        elif ch in "{([":
            depth += 1
        elif ch in "})]":
            depth -= 1
            if depth == 0:
                return i, j + 1
        j += 1
    return i, len(text)
