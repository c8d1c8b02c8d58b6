"""The import lines of a JS-family module, read from its bytes: what the module graph needs.

Static `import ... from "x"`, side-effect `import "x"`, `export ... from "x"`, TypeScript
`import x = require("x")`, `require("x")`, dynamic `import("x")` and `new URL("x", import.meta.url)`
(Vite workers and assets). Type-only imports are erased by the compiler and are not edges.

It runs on every JS-family file of a scan, most of which never mention Kaman, so it reads bytes
(no decoding), finds the keywords with `bytes.find` (memchr speed) and matches each occurrence in
place with anchored patterns that cannot backtrack far. An ES `import`/`export` counts only at the
start of a line (after indentation), which also leaves out `// import ...` and JSDoc lines;
`require`/`import()` in a line that starts a comment are left out too. Larger files are bundles:
only their head is read.
"""

from __future__ import annotations

from kaman_lint import lazy_re
from kaman_lint.named_tuples import NamedTuple

HEAD_BYTES = 32 * 1024  # of a file larger than FULL_BYTES: ES imports come first
FULL_BYTES = 64 * 1024  # larger files are mostly generated or bundled; a require() deep in one is missed
MAX_SPECIFIER = 300

STATIC, DYNAMIC, REQUIRE = "import", "dynamic-import", "require"

# Anchored at the keyword. No unbounded repeat follows another over the same characters.
_IMPORT = lazy_re.compile(
    rb"""import(?P<type>\s+type(?=[\s{*]))?\s*"""
    rb"""(?:(?:[\w$]+\s*(?:,\s*)?)?(?:\{[^{}'"]{0,4000}\}\s*|\*\s*as\s+[\w$]+\s*)?from\s*)?"""
    rb"""(?P<q>['"])(?P<spec>[^'"\r\n]{1,300})(?P=q)""")
_IMPORT_EQUALS = lazy_re.compile(rb"""import\s+[\w$]+\s*=\s*require\s*\(\s*(?P<q>['"])(?P<spec>[^'"\r\n]{1,300})(?P=q)""")
_EXPORT = lazy_re.compile(
    rb"""export(?P<type>\s+type(?=[\s{*]))?\s*(?:\*\s*(?:as\s+[\w$]+\s*)?|\{[^{}'"]{0,4000}\}\s*)from\s*"""
    rb"""(?P<q>['"])(?P<spec>[^'"\r\n]{1,300})(?P=q)""")
_CALL = lazy_re.compile(rb"""(?:require|import)\s*\(\s*(?P<q>['"`])(?P<spec>[^'"`$\r\n]{1,300})(?P=q)\s*[),]""")
_NEW_URL = lazy_re.compile(rb"""URL\(\s*(?P<q>['"])(?P<spec>\.{1,2}/[^'"\r\n]{1,300})(?P=q)\s*,\s*import\.meta\.url""")
_IDENTIFIER_BYTE = lazy_re.compile(rb"[\w$.]")


class Import(NamedTuple):
    specifier: str
    line: int  # 1-based
    kind: str  # STATIC, DYNAMIC or REQUIRE


_MATCHERS = {
    b"import": ((_IMPORT, STATIC), (_IMPORT_EQUALS, REQUIRE), (_CALL, DYNAMIC)),
    b"export": ((_EXPORT, STATIC),),
    b"require": ((_CALL, REQUIRE),),
    b"URL(": ((_NEW_URL, DYNAMIC),),
}
# Cheap tests that rule most keyword occurrences out before any line is looked at: `export const`
# and `export function` re-export nothing, only `export {` and `export *` can.
_WORTH_A_LOOK = {b"export": lazy_re.compile(rb"export\s*[{*]")}


def read_imports(data: bytes) -> list[Import]:
    """The module's imports in file order (at most one per keyword occurrence)."""
    if len(data) > FULL_BYTES:
        data = data[:HEAD_BYTES]
    occurrences: list[tuple[int, bytes]] = []
    for keyword in _MATCHERS:
        position = data.find(keyword)
        worth = _WORTH_A_LOOK.get(keyword)
        while position >= 0:
            if (position == 0 or not _IDENTIFIER_BYTE.match(data, position - 1)) and \
                    (worth is None or worth.match(data, position)):
                occurrences.append((position, keyword))
            position = data.find(keyword, position + len(keyword))
    occurrences.sort()
    imports: list[Import] = []
    line, line_start, counted_to, consumed_to = 1, 0, 0, 0
    line_facts = (0, -1)
    for position, keyword in occurrences:
        if position < consumed_to:
            continue  # inside the previous statement (`import x = require("x")`)
        newlines = data.count(b"\n", counted_to, position)
        if newlines or not counted_to:
            line += newlines
            line_start = data.rfind(b"\n", counted_to, position) + 1 if newlines else line_start
            line_facts = _line_facts(data, line_start)
        counted_to = position
        hit = _match_at(data, position, _MATCHERS[keyword], line_facts)
        if hit is not None:
            imports.append(Import(hit[0], line, hit[1]))
            consumed_to = hit[2]
    return imports


def _line_facts(data: bytes, start: int) -> tuple[int, int]:
    """(first non-blank byte, start of a `//` or -1) of the line starting at `start`: found once
    per line, so many keywords on one long (minified) line cost no more than the line."""
    end = data.find(b"\n", start)
    end = len(data) if end < 0 else end
    first = start
    while first < end and data[first] in b" \t\r\f\v":
        first += 1
    return first, data.find(b"//", start, end)


def _match_at(data: bytes, position: int, matchers, line_facts: tuple[int, int]) -> tuple[str, str, int] | None:
    first, comment = line_facts
    if data.startswith((b"//", b"*", b"/*"), first) or 0 <= comment < position:
        return None  # in a comment line, or after `//`
    for pattern, kind in matchers:
        if kind == STATIC and first != position:
            continue  # an ES import or export statement starts its line
        m = pattern.match(data, position)
        if m is None:
            continue
        if "type" in pattern.groupindex and m.group("type"):
            return None  # erased by the compiler
        specifier = m.group("spec").decode("utf-8", "replace").strip()
        return (specifier, kind, m.end()) if specifier else None
    return None
