"""YAML (compose files, CI workflows, Kubernetes manifests, Rails-style configs): key paths
from indentation, line by line, so positions are exact and a broken file still gives names.

Anchors and aliases (`&defaults` ... `<<: *defaults`, `api_key: *kaman_key`) are resolved too:
each alias that repeats a key literal becomes a key-free :class:`KeyAlias` at the alias line,
under the alias site's sections, so that KAM003 sees the key where it is configured.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass

from kaman_lint.comments import is_comment_line
from kaman_lint.facts import KEY_ALIASES, FileFacts, KeyAlias
from kaman_lint.keys import KeyMatcher
from kaman_lint.lang.text import guess_name, literal

# `key:`, `- key:`, `"key":` at the start of a line (after indentation and list dashes).
MAPPING_KEY = re.compile(r"""^(\s*(?:-\s+)*)(?:"([^"]+)"|'([^']+)'|([^\s#'"][^:#]*?))\s*:(?:\s|$)""")


def key_paths(lines: list[str]) -> list[tuple[tuple[str, ...], str | None]]:
    """For each line: (the keys enclosing it, the key it defines itself or None)."""
    stack: list[tuple[int, str]] = []  # (column of the key, key)
    result = []
    for text in lines:
        stripped = text.strip()
        if stripped and not is_comment_line(stripped, "yaml"):
            match = MAPPING_KEY.match(text)
            column = len(match.group(1)) if match else len(text) - len(text.lstrip(" -"))
            while stack and stack[-1][0] >= column:  # a line at or left of a key closes it
                stack.pop()
            if match:
                own = _key_name(match)
                result.append((tuple(k for _, k in stack), own))
                stack.append((column, own))
                continue
        result.append((tuple(k for _, k in stack), None))
    return result


def analyze(facts: FileFacts, matcher: KeyMatcher) -> None:
    source = facts.source
    paths = None
    for match in matcher.find(source.text):
        if paths is None:
            paths = key_paths(source.lines())
        line, column = source.position(match.start)
        parents, own = paths[line - 1] if line <= len(paths) else ((), None)
        prefix = source.line(line)[:column - 1]
        # `- NAME=value` list items (compose `environment:`) name the variable themselves.
        name = guess_name(prefix.lstrip(" -")) if "=" in prefix else own or guess_name(prefix)
        if own and "{" in prefix.split(":", 1)[-1]:  # `production: {api_key: kam_...}`
            parents, name = parents + (own,), guess_name(prefix)
        context = "comment" if is_comment_line(prefix, "yaml") else "string"
        facts.literals.append(literal(facts, match, name=name, section=parents, context=context))
    if paths is not None and "*" in source.text:
        for alias in resolve_aliases(facts, source.lines(), paths):
            facts.add(KEY_ALIASES, alias)


# --- anchors, aliases and merge keys ----------------------------------------------------------
#
# A line-based reading, like key_paths: an anchor's node is its scalar (the rest of its line), a
# flow collection on its line, or the block indented under it. Aliases resolve to the latest
# anchor of that name in the same `---` document, defined above them. What an alias repeats is
# every key literal inside the anchored node and every alias inside it (resolved before, so
# chains of anchors work). A merge (`<<: *a`, `<<: [*a, *b]`) is shallow: a key the merging
# mapping sets itself, or that an earlier anchor in the list provides, wins.

# `&name` / `*name` where YAML allows a node property: line start, after a space, `[`, `{`, `,`.
_ANCHOR = re.compile(r"(?<![^\s\[{,])&([^\s,\[\]{}]+)")
_ALIAS = re.compile(r"(?<![^\s\[{,])\*([^\s,\[\]{}]+)")
_QUOTED = re.compile(r'"(?:[^"\\]|\\.)*"' + r"|'(?:[^']|'')*'")
_FLOW_MERGE = re.compile(r"<<\s*:\s*(?:\[[^\]]*)?$")  # `{<<: *a`, `{<<: [*a, *b`
_COMMENT = re.compile(r"(?:^|\s)#")
_DOCUMENT_START = re.compile(r"^(?:---|\.\.\.)(?:\s|$)")
MERGE_KEY = "<<"
# Aliases nest (`a: [*b, *b]`, `b: [*c, *c]`, ...): without bounds a small file repeats a key
# exponentially often ("billion laughs"). What KAM003 needs is each distinct (key, place) once.
MAX_PER_ALIAS = 32
MAX_PER_FILE = 2000


@dataclass(frozen=True)
class _Occurrence:
    """A key inside the file, written or repeated: what an anchor holds."""

    line: int
    column: int
    fingerprint: str
    preview: str
    name: str | None
    section: tuple[str, ...]


@dataclass(frozen=True)
class _Anchor:
    first: int  # 1-based lines of the anchored node
    last: int
    column: int  # on a one-line node, only what follows the `&` belongs to it
    path: tuple[str, ...]  # the node's own key path: what it holds sits under it
    scalar: bool
    keys: frozenset[str]  # an anchored mapping's own keys, for merge precedence


def resolve_aliases(facts: FileFacts, lines: list[str],
                    paths: list[tuple[tuple[str, ...], str | None]]) -> list[KeyAlias]:
    """A KeyAlias for each key literal (or resolved alias) that an alias repeats."""
    held: dict[int, list[_Occurrence]] = defaultdict(list)  # by line
    for lit in facts.literals:
        if lit.context == "string":  # a key in a comment is configured for nothing
            held[lit.line].append(_Occurrence(lit.line, lit.column, lit.key.fingerprint,
                                              lit.key.preview, lit.name, lit.section))
    if not held:
        return []
    anchors: dict[str, _Anchor] = {}
    aliases: list[KeyAlias] = []
    for index, text in enumerate(lines):
        if len(aliases) >= MAX_PER_FILE:
            break
        if _DOCUMENT_START.match(text):
            anchors.clear()  # anchors do not reach into the next document
            continue
        code = _code(text)
        if "*" in code:
            for alias in _aliases_on_line(lines, paths, index, code, anchors, held):
                aliases.append(alias)
                held[alias.line].append(_Occurrence(alias.line, alias.column, alias.fingerprint,
                                                    alias.preview, alias.name, alias.section))
        if "&" in code:
            for match in _ANCHOR.finditer(code):
                anchor = _anchor(lines, paths, index, code, match)
                if anchor:
                    anchors[match.group(1)] = anchor
    return aliases[:MAX_PER_FILE]


def _aliases_on_line(lines: list[str], paths: list[tuple[tuple[str, ...], str | None]], index: int,
                     code: str, anchors: dict[str, _Anchor],
                     held: dict[int, list[_Occurrence]]) -> list[KeyAlias]:
    parents, own = paths[index]
    line = index + 1
    merge = own == MERGE_KEY
    explicit = _mapping_keys(lines, index) if merge else frozenset()
    merged: set[str] = set()  # keys that earlier anchors of the same merge list provide
    result: dict[tuple, KeyAlias] = {}  # one per key and place, in order
    for match in _ALIAS.finditer(code):
        anchor = anchors.get(match.group(1))
        if anchor is None or anchor.last >= line:  # undefined, or a node holding itself
            continue
        before = code[:match.start()]
        if own is not None and "{" in before.split(":", 1)[-1]:
            # `production: {api_key: *k}`: the flow mapping's own key names the value
            site = parents + (own,)
            setting = None if _FLOW_MERGE.search(before) else guess_name(before)
        elif merge or own is None:  # `<<: *defaults` and `- *item` put the node's contents here
            site, setting = parents, None
        else:  # `api_key: *k`, `kaman: *kaman_settings`
            site, setting = parents, own
        for occ in _contents(anchor, held):
            if anchor.scalar:
                section, name = site, setting or occ.name
            else:
                inner = (occ.section[len(anchor.path):]
                         if occ.section[:len(anchor.path)] == anchor.path else ())
                section = site + ((setting,) if setting else ()) + inner
                name = occ.name
                if merge and (inner[:1] or (name,))[0] in explicit | merged:
                    continue  # the merging mapping, or an earlier anchor, sets that key itself
            if len(result) >= MAX_PER_ALIAS:
                break
            result.setdefault((match.start(), occ.fingerprint, name, section),
                              KeyAlias(line, match.start() + 1, occ.fingerprint, occ.preview, name,
                                       section, origin=(occ.line, occ.column)))
        merged |= anchor.keys
    return list(result.values())


def _contents(anchor: _Anchor, held: dict[int, list[_Occurrence]]) -> Iterator[_Occurrence]:
    for line in range(anchor.first, anchor.last + 1):
        for occ in held.get(line, ()):
            if line > anchor.first or occ.column > anchor.column:
                yield occ


def _anchor(lines: list[str], paths: list[tuple[tuple[str, ...], str | None]], index: int,
            code: str, match: re.Match[str]) -> _Anchor | None:
    """The node `&name` anchors: its scalar, its flow collection, or its indented block."""
    parents, own = paths[index]
    rest = code[match.end():].strip()
    flow = rest.startswith(("{", "["))
    if not flow and MAPPING_KEY.match(rest):
        return None  # `- &a key: value` anchors the key `key`, not a value
    line, column = index + 1, match.start() + 1
    path = parents + (own,) if own is not None else parents
    if rest:  # `api_key: &k kam_...`, `defaults: &d {api_key: ...}`
        return _Anchor(line, line, column, path, not flow, frozenset())
    key = MAPPING_KEY.match(lines[index])
    if key:  # `defaults: &defaults` with the block below
        last = _block_end(lines, index, len(key.group(1)), sequence_at_column=True)
    else:  # `- &item` with the block below it, or a bare `&a` line above its block
        item = code.lstrip().startswith("-")
        last = _block_end(lines, index, _indent(code) if item else _indent(code) - 1,
                          sequence_at_column=False)
    keys = frozenset(k for p, k in paths[index + 1:last] if k is not None and p == path)
    return _Anchor(line + 1, last, 0, path, False, keys) if last > line else None


def _block_end(lines: list[str], index: int, column: int, *, sequence_at_column: bool) -> int:
    """The last line (1-based) of the block under `lines[index]`: lines indented past `column`
    (and, under a mapping key, `- ` items at its column)."""
    last = index
    for later in range(index + 1, len(lines)):
        text = lines[later]
        stripped = text.strip()
        if not stripped or stripped.startswith("#"):
            continue
        if _DOCUMENT_START.match(text):
            break
        indent = _indent(text)
        if indent > column or (sequence_at_column and indent == column
                               and (stripped == "-" or stripped.startswith("- "))):
            last = later
            continue
        break
    return last + 1


def _mapping_keys(lines: list[str], index: int) -> frozenset[str]:
    """The keys of the block mapping that holds the key on `lines[index]`."""
    column = len(MAPPING_KEY.match(lines[index]).group(1))
    keys = set()

    def visit(text: str) -> bool:
        """Add the line's key if it is one of the mapping's; False once past the mapping."""
        stripped = text.strip()
        if not stripped or stripped.startswith("#"):
            return True
        if _DOCUMENT_START.match(text):
            return False
        key = MAPPING_KEY.match(text)
        if key and len(key.group(1)) == column:
            keys.add(_key_name(key))
        return _indent(text) >= column  # a dash line left of the keys starts the mapping

    for later in range(index + 1, len(lines)):
        text = lines[later]
        if (text.strip() and _indent(text) < column) or not visit(text):
            break  # dedented, or the next list item: past the mapping
    if _indent(lines[index]) >= column:  # unless the mapping starts here (`- <<: *a`)
        for earlier in range(index - 1, -1, -1):
            if not visit(lines[earlier]):
                break
    keys.discard(MERGE_KEY)
    return frozenset(keys)


def _key_name(match: re.Match[str]) -> str:
    """The key a MAPPING_KEY match defines, unquoted."""
    return (match.group(2) or match.group(3) or match.group(4)).strip()


def _indent(text: str) -> int:
    return len(text) - len(text.lstrip(" \t"))


def _code(text: str) -> str:
    """The line without its comment, inside quotes blanked (same length, so columns hold)."""
    code = _QUOTED.sub(lambda m: m.group()[0] + " " * (len(m.group()) - 2) + m.group()[-1], text)
    comment = _COMMENT.search(code)
    return code[:comment.start()] if comment else code
