"""JavaScript, TypeScript, JSX and TSX.

Key literals come from the plain-text scan (and, for a key split over literals, js_concat): it finds every `kam_` in strings, template literals,
JSX attributes, comments and one-line minified bundles alike, in ~10 ms on a bundle that
tree-sitter needs 1.5-2 s to parse. What the literals and reads mean for
client exposure is decided in `exposure/flows/` (which parses the file only when it needs
structure).
"""

from __future__ import annotations

import re

from kaman_lint import escapes, lazy_re
from kaman_lint.exposure.names import mentions_kaman
from kaman_lint.facts import ENV_MODULE_MEMBER, IMPORT_META_ENV, IMPORTED_ENV_NAME, PROCESS_ENV, EnvRead, FileFacts
from kaman_lint.keys import KeyMatcher
from kaman_lint.lang import anchored
from kaman_lint.lang.js_concat import join_split_keys
from kaman_lint.lang.js_env import BUNDLED_ENV_OBJECTS, env_read_source, indirect_meta_env_reads, read_name
from kaman_lint.lang.text import literal

ENV_MEMBER = lazy_re.compile(env_read_source(*BUNDLED_ENV_OBJECTS))
# Every match of ENV_MEMBER starts with one of these (its `\b` is tested before it): found by
# str.find, not by trying the pattern at every character (0.85 s on a 20 MiB bundle).
# (`.env`, 7 and 11 characters in: one search of a bundle, not two.)
ENV_MEMBER_LITERALS = ((".env", (7, 11)),)
# The other patterns below are tried only where a literal each of their matches starts with or
# holds is (`str.find` of a long literal: a regex search with a literal prefix costs 5-6
# instructions a character, ~115M on a 20 MiB bundle, each).
ENV_MODULE_IMPORT_LITERALS = (("import", (0,)),)
DYNAMIC_ENV_LITERALS = (("$env/dynamic/", (0,)),)
RN_CONFIG_MODULE = "react-native-config"
META_ENV, META_ENV_DOT = "import.meta.env", len("import.meta")  # where its `.env` is
# `import { A, B as C } from "$env/static/public"` (SvelteKit), "astro:env/client", "@env"; the
# private SvelteKit module too, whose values server code may still hand to the page.
ENV_MODULE_IMPORT = lazy_re.compile(
    r"""import\s*\{([^}]*)\}\s*from\s*['"](\$env/(?:static|dynamic)/(?:public|private)|astro:env/client|@env|"""
    r"""react-native-dotenv)['"]""")
DYNAMIC_ENV = lazy_re.compile(r"""\$env/dynamic/(public|private)""")
# react-native-config: `Config.KAMAN_API_KEY`
RN_CONFIG = lazy_re.compile(r"""\bConfig\.([A-Z_][A-Z0-9_]*)""")
RN_CONFIG_IMPORT = lazy_re.compile(r"""from\s+['"]react-native-config['"]""")
# `process.env.X = "..."` (a test setup, a dev-server shim) and `delete process.env.X` write the
# variable: nothing is read, so nothing is inlined. `==`, `===` and `=>` are not assignments.
ASSIGNED_AFTER = lazy_re.compile(r"\s*=(?![=>])")
DELETED_BEFORE = lazy_re.compile(r"\bdelete\s+$")

def analyze(facts: FileFacts, matcher: KeyMatcher) -> None:
    source = facts.source
    # escapes decode alike in strings, template literals and identifiers (`\u006bam_...`); what
    # sits in a comment decodes nowhere, but an escaped key there is read as one all the same
    decoded = escapes.keys_in(matcher, source.text, [(0, len(source.text), escapes.JAVASCRIPT)])
    for match in escapes.merge(matcher.find(source.text), decoded):
        facts.literals.append(literal(facts, match, context="string"))
    join_split_keys(facts, matcher)  # `"kam_" + "..."`, `[...].join("")`: only where a candidate is cut
    if not facts.literals and not mentions_kaman(source.text):
        return
    facts.env_reads.extend(env_reads(facts))
    from kaman_lint.exposure.flows import javascript as flows  # what the reads and literals mean for KAM002

    flows.analyze(facts)


def env_reads(facts: FileFacts) -> list[EnvRead]:
    """Every read of an environment variable the bundlers know how to inline."""
    source = facts.source
    text_ = source.text
    reads: list[EnvRead] = []

    def add(name: str, offset: int, expression: str, kind: str, module: str = "", length: int = 0) -> None:
        if _is_written(text_, offset, offset + (length or len(expression))):
            return
        line, column = source.position(offset)
        reads.append(EnvRead(name, line, column, expression, kind, module, length or len(expression)))

    found: dict[str, list[int]] = {}
    for m in anchored.finditer(ENV_MEMBER, text_, ENV_MEMBER_LITERALS, found=found):
        name, base = read_name(m), m.group("object")
        add(name, m.start(), f"{base}.{name}", PROCESS_ENV if base == "process.env" else IMPORT_META_ENV,
            length=m.end() - m.start())
    # `META_ENV in text_`, told by the `.env`s found above (no search of the text of its own)
    if any(text_.startswith(META_ENV, at - META_ENV_DOT) for at in found[".env"] if at >= META_ENV_DOT):
        for indirect in indirect_meta_env_reads(text_):
            add(indirect.name, indirect.offset, indirect.expression, IMPORT_META_ENV, length=indirect.length)
    for m in anchored.finditer(ENV_MODULE_IMPORT, text_, ENV_MODULE_IMPORT_LITERALS):
        module = m.group(2)
        for part in m.group(1).split(","):
            name = part.strip().split(" as ")[0].strip()
            if name:
                add(name, m.start(1) + m.group(1).find(name), f"import {{ {name} }} from '{module}'",
                    IMPORTED_ENV_NAME, module, len(name))
    dynamic = next(anchored.finditer(DYNAMIC_ENV, text_, DYNAMIC_ENV_LITERALS), None)  # DYNAMIC_ENV.search
    if dynamic:  # SvelteKit `env.X`; private ones matter to server-to-client flows
        for m in re.finditer(r"(?<![\w$.])env\.([A-Za-z_]\w*)", text_):
            add(m.group(1), m.start(), f"{dynamic.group(0)} env.{m.group(1)}", ENV_MODULE_MEMBER,
                dynamic.group(0), m.end() - m.start())
    if RN_CONFIG_MODULE in text_ and RN_CONFIG_IMPORT.search(text_):
        for m in RN_CONFIG.finditer(text_):
            add(m.group(1), m.start(), f"react-native-config Config.{m.group(1)}", ENV_MODULE_MEMBER,
                "react-native-config", m.end() - m.start())
    return reads


def _is_written(text_: str, start: int, end: int) -> bool:
    """Is the member at [start, end) the target of `=` or the operand of `delete`?"""
    return bool(ASSIGNED_AFTER.match(text_, end)) or bool(DELETED_BEFORE.search(text_, max(0, start - 12), start))
