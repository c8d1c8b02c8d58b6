"""javascript.env_reads tries its patterns only where a literal they need is (issue 13): the reads
are those that searching the whole text with each pattern finds."""

from __future__ import annotations

import random
import re

import pytest

from kaman_lint.facts import ENV_MODULE_MEMBER, IMPORT_META_ENV, IMPORTED_ENV_NAME, PROCESS_ENV, EnvRead, FileFacts
from kaman_lint.lang import javascript
from kaman_lint.lang.js_env import indirect_meta_env_reads, read_name
from kaman_lint.source import Source

PIECES = ["import", "import ", "{ KAMAN_KEY, B as C }", "{", "}", " from ", "from", "'", '"', ",", " ", "\n",
          "$env/static/public", "$env/dynamic/public", "$env/dynamic/private", "$env/dynamic/", "astro:env/client",
          "@env", "react-native-dotenv", "react-native-config", "Config.KAMAN_KEY", "env.KAMAN_KEY", "env.",
          "import.meta.env", "import.meta", ".env", ".env.VITE_KAMAN_KEY", "process.env.KAMAN_KEY", "process",
          "const env = ", "const { VITE_KAMAN_KEY } = ", ";", " = ", "delete ", "x", "(", ")", "==",
          "import { KAMAN_KEY, B as C } from '$env/static/public'", 'import {K} from "astro:env/client"',
          "import {KAMAN_KEY} from", "from 'react-native-config'", 'from  "react-native-config"']


def _whole_text_reads(facts: FileFacts) -> list[EnvRead]:
    """What env_reads gave when each pattern searched the whole text."""
    source, text_ = facts.source, facts.source.text
    reads: list[EnvRead] = []

    def add(name, offset, expression, kind, module="", length=0):
        if javascript._is_written(text_, offset, offset + (length or len(expression))):
            return
        line, column = source.position(offset)
        reads.append(EnvRead(name, line, column, expression, kind, module, length or len(expression)))

    for m in javascript.ENV_MEMBER.finditer(text_):
        name, base = read_name(m), m.group("object")
        add(name, m.start(), f"{base}.{name}", PROCESS_ENV if base == "process.env" else IMPORT_META_ENV,
            length=m.end() - m.start())
    if "import.meta.env" in text_:
        for indirect in indirect_meta_env_reads(text_):
            add(indirect.name, indirect.offset, indirect.expression, IMPORT_META_ENV, length=indirect.length)
    for m in javascript.ENV_MODULE_IMPORT.finditer(text_):
        module = m.group(2)
        for part in m.group(1).split(","):
            name = part.strip().split(" as ")[0].strip()
            if name:
                add(name, m.start(1) + m.group(1).find(name), f"import {{ {name} }} from '{module}'",
                    IMPORTED_ENV_NAME, module, len(name))
    dynamic = javascript.DYNAMIC_ENV.search(text_)
    if dynamic:
        for m in re.finditer(r"(?<![\w$.])env\.([A-Za-z_]\w*)", text_):
            add(m.group(1), m.start(), f"{dynamic.group(0)} env.{m.group(1)}", ENV_MODULE_MEMBER,
                dynamic.group(0), m.end() - m.start())
    if javascript.RN_CONFIG_IMPORT.search(text_):
        for m in javascript.RN_CONFIG.finditer(text_):
            add(m.group(1), m.start(), f"react-native-config Config.{m.group(1)}", ENV_MODULE_MEMBER,
                "react-native-config", m.end() - m.start())
    return reads


@pytest.mark.parametrize("seed", range(60))
def test_the_reads_of_a_search_of_the_whole_text(seed: int) -> None:
    rng = random.Random(f"js-env-reads-{seed}")
    text = "".join(rng.choice(PIECES) for _ in range(rng.choice((20, 300))))
    facts = FileFacts(Source("a.js", text, "javascript"))
    expected = _whole_text_reads(facts)
    assert javascript.env_reads(facts) == expected


def test_each_kind_of_read_is_among_the_random_texts() -> None:
    """The pieces above make every kind of read, so the comparison covers each pattern."""
    kinds = set()
    for seed in range(60):
        rng = random.Random(f"js-env-reads-{seed}")
        text = "".join(rng.choice(PIECES) for _ in range(rng.choice((20, 300))))
        kinds.update((r.kind, r.module) for r in _whole_text_reads(FileFacts(Source("a.js", text, "javascript"))))
    assert {kind for kind, _ in kinds} == {PROCESS_ENV, IMPORT_META_ENV, IMPORTED_ENV_NAME, ENV_MODULE_MEMBER}
    assert {"react-native-config", "$env/dynamic/public", "astro:env/client"} <= {module for _, module in kinds}
