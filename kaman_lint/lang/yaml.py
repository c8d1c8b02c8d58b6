"""YAML (compose files, CI workflows, Kubernetes manifests, Rails-style configs): key paths
from indentation, line by line, so positions are exact and a broken file still gives names.

Anchors and aliases (`&defaults` ... `<<: *defaults`, `api_key: *kaman_key`) are resolved too:
each alias that repeats a key literal becomes a key-free :class:`KeyAlias` at the alias line,
under the alias site's sections, so that KAM003 sees the key where it is configured.
"""

from __future__ import annotations

import re
from collections import defaultdict
from kaman_lint.records import dataclass  # made on first use: a scan of no YAML file imports no dataclasses

from kaman_lint import escapes, lazy_re
from kaman_lint.comments import is_comment_line
from kaman_lint.facts import KEY_ALIASES, FileFacts, KeyAlias
from kaman_lint.keys import KeyMatcher, might_contain_key
from kaman_lint.lang.text import guess_name, literal

# `key:`, `- key:`, `"key":` at the start of a line (after indentation and list dashes).
MAPPING_KEY = lazy_re.compile(r"""^(\s*(?:-\s+)*)(?:"([^"]+)"|'([^']+)'|([^\s#'"][^:#]*?))\s*:(?:\s|$)""")


# A value that is a block scalar (`run: |`, `script: >-`, `- |`, `key: &a !!str |2`): the lines
# indented under it are text (shell, SQL, a certificate), not YAML, so a `key:` or `*name` there
# is neither a mapping key nor an alias.
_BLOCK_SCALAR = lazy_re.compile(r"(?:^\s*(?:-\s+)*-|:)\s+(?:[&!]\S*\s+)*[|>][-+0-9]*\s*$")


def block_scalar_lines(lines: list[str]) -> list[bool]:
    """For each line: whether it is inside a block scalar's text."""
    inside = [False] * len(lines)
    column: int | None = None  # the text is what is indented deeper than this
    for index, text in enumerate(lines):
        if column is not None:
            if not text.strip() or _indent(text) > column:
                inside[index] = True
                continue
            column = None
        if ("|" in text or ">" in text) and _BLOCK_SCALAR.search(_code(text)):
            key = MAPPING_KEY.match(text)
            column = len(key.group(1)) if key else _indent(text)
    return inside


def key_paths(lines: list[str],
              in_scalar: list[bool] | None = None) -> list[tuple[tuple[str, ...], str | None]]:
    """For each line: (the keys enclosing it, the key it defines itself or None)."""
    if in_scalar is None:
        in_scalar = block_scalar_lines(lines)
    stack: list[tuple[int, str]] = []  # (column of the key, key)
    result = []
    enclosing: tuple[str, ...] = ()  # the keys of `stack`, remade only when it changes
    for text, text_only in zip(lines, in_scalar):
        stripped = text.strip()
        if stripped and not text_only and not is_comment_line(stripped, "yaml"):
            match = MAPPING_KEY.match(text)
            column = len(match.group(1)) if match else len(text) - len(text.lstrip(" -"))
            if stack and stack[-1][0] >= column:
                while stack and stack[-1][0] >= column:  # a line at or left of a key closes it
                    stack.pop()
                enclosing = tuple(k for _, k in stack)
            if match:
                own = _key_name(match)
                result.append((enclosing, own))
                stack.append((column, own))
                enclosing += (own,)
                continue
        result.append((enclosing, None))
    return result


def analyze(facts: FileFacts, matcher: KeyMatcher) -> None:
    source = facts.source
    paths = in_scalar = None
    matches = matcher.find(source.text)
    if escapes.has_hidden(source.text) or "\\" in source.text and might_contain_key(source.text):
        in_scalar = block_scalar_lines(source.lines())
        regions = [(start, end, escapes.YAML_DOUBLE) for start, end in double_quoted(source, in_scalar)]
        matches = escapes.merge(matches, escapes.keys_in(matcher, source.text, regions))
    for match in matches:
        if paths is None:
            in_scalar = in_scalar or block_scalar_lines(source.lines())
            paths = key_paths(source.lines(), in_scalar)
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
        for alias in resolve_aliases(facts, source.lines(), paths, in_scalar):
            facts.add(KEY_ALIASES, alias)


# A double-quoted scalar opens where a value starts: after `key: `, `- `, `? `, `[`, `{` or `,`,
# right after the `:` of a quoted key (`{"a":"b"}`: JSON is YAML), or at the start of a line (a
# continuation of a flow collection, a document-level scalar).
_DQ_OPEN = lazy_re.compile(r'(?:^[ \t]*(?:-[ \t]+)*|[:?-][ \t]+|(?<=["\']):[ \t]*|[\[{,][ \t]*)"', re.M)
_DQ_BODY = lazy_re.compile(r'(?:[^"\\]|\\.)*"?', re.S)  # to the closing quote, over lines; linear


def double_quoted(source, in_scalar: list[bool]) -> list[tuple[int, int]]:
    """(start, end) of the contents of each double-quoted scalar: the text YAML decodes escapes
    in (`\\x6b`, `\\u006b`, a line-ending backslash). Not in comments or block scalars."""
    text, spans, position = source.text, [], 0
    while (opener := _DQ_OPEN.search(text, position)) is not None:
        start = opener.end()
        line, _ = source.position(opener.end() - 1)
        head = text[text.rfind("\n", 0, start) + 1:start]
        if (line <= len(in_scalar) and in_scalar[line - 1]) or _COMMENT.search(head):
            position = start
            continue
        body = _DQ_BODY.match(text, start)
        end = body.end() - 1 if body.group().endswith('"') else body.end()
        spans.append((start, end))
        position = body.end()
    return spans


# --- anchors, aliases and merge keys ----------------------------------------------------------
#
# A line-based reading, like key_paths: an anchor's node is its scalar (the rest of its line), a
# flow collection on its line, or the block indented under it. Aliases resolve to the latest
# anchor of that name in the same `---` document, defined above them. What an alias repeats is
# every key literal inside the anchored node and every alias inside it (resolved before, so
# chains of anchors work). A merge (`<<: *a`, `<<: [*a, *b]`) is shallow: a key the merging
# mapping sets itself, or that an earlier anchor in the list provides, wins.

# `&name` / `*name` where YAML allows a node property: line start, after a space, `[`, `{`, `,`.
_ANCHOR = lazy_re.compile(r"(?<![^\s\[{,])&([^\s,\[\]{}]+)")
_ALIAS = lazy_re.compile(r"(?<![^\s\[{,])\*([^\s,\[\]{}]+)")
_QUOTED = lazy_re.compile(r'"(?:[^"\\]|\\.)*"' + r"|'(?:[^']|'')*'")
_FLOW_MERGE = lazy_re.compile(r"<<\s*:\s*(?:\[[^\]]*)?$")  # `{<<: *a`, `{<<: [*a, *b`
_COMMENT = lazy_re.compile(r"(?:^|\s)#")
_DOCUMENT_START = lazy_re.compile(r"^(?:---|\.\.\.)(?:\s|$)")
MERGE_KEY = "<<"
# Aliases nest (`a: [*b, *b]`, `b: [*c, *c]`, ...): without bounds a small file repeats a key
# exponentially often ("billion laughs"). What KAM003 needs is each distinct (key, place) once.
MAX_PER_ALIAS = 32
MAX_PER_FILE = 2000
# Work, not only output, is bounded: aliases that repeat nothing cost time too (25k `- *big`
# items of a 25k-line anchor). One unit is a line of an anchored node read or an occurrence
# considered; past the budget the rest of the file's aliases are not resolved.
MAX_WORK_PER_FILE = 1_000_000


@dataclass(frozen=True)
class _Occurrence:
    """A key inside the file, written or repeated: what an anchor holds."""

    line: int
    column: int
    fingerprint: str
    preview: str
    name: str | None
    section: tuple[str, ...]


@dataclass(eq=False)
class _Anchor:
    """A YAML anchor and the node it names."""
    first: int  # 1-based lines of the anchored node
    last: int
    column: int  # on a one-line node, only what follows the `&` belongs to it
    path: tuple[str, ...]  # the node's own key path: what it holds sits under it
    scalar: bool
    keys: frozenset[str]  # an anchored mapping's own keys, for merge precedence
    # What the node holds, collected once on first use (every alias of it comes after it ends).
    occurrences: list[_Occurrence] | None = None


class _Budget:
    """Units of work left for one file's aliases."""

    def __init__(self, units: int) -> None:
        self.left = units

    def spend(self, units: int) -> bool:
        self.left -= units
        return self.left >= 0


def resolve_aliases(facts: FileFacts, lines: list[str],
                    paths: list[tuple[tuple[str, ...], str | None]],
                    in_scalar: list[bool] | None = None) -> list[KeyAlias]:
    """A KeyAlias for each key literal (or resolved alias) that an alias repeats."""
    if in_scalar is None:
        in_scalar = block_scalar_lines(lines)
    held: dict[int, list[_Occurrence]] = defaultdict(list)  # by line
    for lit in facts.literals:
        if lit.context == "string":  # a key in a comment is configured for nothing
            held[lit.line].append(_Occurrence(lit.line, lit.column, lit.key.fingerprint,
                                              lit.key.preview, lit.name, lit.section))
    if not held:
        return []
    anchors: dict[str, _Anchor] = {}
    aliases: list[KeyAlias] = []
    budget = _Budget(MAX_WORK_PER_FILE)
    for index, text in enumerate(lines):
        if len(aliases) >= MAX_PER_FILE or budget.left < 0:
            break
        if in_scalar[index]:
            continue  # `ls *k` in a `run: |` script is shell, not an alias
        if _DOCUMENT_START.match(text):
            anchors.clear()  # anchors do not reach into the next document
            continue
        code = _code(text)
        if "*" in code:
            for alias in _aliases_on_line(lines, paths, index, code, anchors, held, budget):
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
                     held: dict[int, list[_Occurrence]], budget: _Budget) -> list[KeyAlias]:
    parents, own = paths[index]
    line = index + 1
    merge = own == MERGE_KEY
    explicit = _mapping_keys(lines, index, budget) if merge else frozenset()
    merged: set[str] = set()  # keys that earlier anchors of the same merge list provide
    result: dict[tuple, KeyAlias] = {}  # one per key and place, in order
    for match in _ALIAS.finditer(code):
        anchor = anchors.get(match.group(1))
        if anchor is None or anchor.last >= line:  # undefined, or a node holding itself
            continue
        if not budget.spend(1):
            break
        before = code[:match.start()]
        if own is not None and "{" in before.split(":", 1)[-1]:
            # `production: {api_key: *k}`: the flow mapping's own key names the value
            site = parents + (own,)
            setting = None if _FLOW_MERGE.search(before) else guess_name(before)
        elif merge or own is None:  # `<<: *defaults` and `- *item` put the node's contents here
            site, setting = parents, None
        else:  # `api_key: *k`, `kaman: *kaman_settings`
            site, setting = parents, own
        for occ in _contents(anchor, held, budget):
            if not budget.spend(1):
                break
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


def _contents(anchor: _Anchor, held: dict[int, list[_Occurrence]],
              budget: _Budget) -> list[_Occurrence]:
    """The occurrences inside the anchored node, read once per anchor."""
    if anchor.occurrences is None:
        budget.spend(anchor.last - anchor.first + 1)
        anchor.occurrences = [occ for line in range(anchor.first, anchor.last + 1)
                              for occ in held.get(line, ())
                              if line > anchor.first or occ.column > anchor.column]
    return anchor.occurrences


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


def _mapping_keys(lines: list[str], index: int, budget: _Budget) -> frozenset[str]:
    """The keys of the block mapping that holds the key on `lines[index]` (each line read is a
    unit of work: 20k merges in one mapping would otherwise read it 20k times)."""
    column = len(MAPPING_KEY.match(lines[index]).group(1))
    keys = set()

    def visit(text: str) -> bool:
        """Add the line's key if it is one of the mapping's; False once past the mapping."""
        if not budget.spend(1):
            return False
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
