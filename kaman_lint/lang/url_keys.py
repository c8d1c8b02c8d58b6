"""Where a file puts a Kaman key into a URL, or sends one to a plain-http Kaman URL.

Four ways, each a small text pass over a file the prefilter let through (and only when it holds
`://` or `?`):

* a key literal whose URL run reaches back to a query parameter, a path or credentials
  (`https://api.kaman.io/v2/search?key=kam_...`);
* an interpolation or concatenation right after a query parameter (`?key=${KAMAN_KEY}`,
  `f"...&key={KEY}"`, `"?api_key=" + kamanKey`, `?key=$KAMAN_API_KEY`, `?key={{ kaman_key }}`);
* a key in a query-parameter structure (`params={"key": ...}`, `urlencode({...})`,
  `new URLSearchParams({...})`, `url.searchParams.set("key", ...)`, axios `params: {...}`);
* a key in an `Authorization`/`X-Kaman-Key` header of a file (or, in docs and scripts, a block)
  that talks to an `http://` Kaman host.

What carries a key: a literal, a Kaman key name (`KAMAN_API_KEY`, `kamanApiKey`,
`process.env.KAMAN_API_KEY`), or a name this file assigns one of those to (`KEY = "kam_..."`,
`const apiKey = process.env.KAMAN_API_KEY`).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterator
from itertools import accumulate, repeat
from operator import add

from kaman_lint import keys, lazy_re
from kaman_lint.comments import MAX_PREFIX, CommentSyntax, locator
from kaman_lint.exposure.facts import name_fingerprint
from kaman_lint.exposure.names import KAMAN_NAME, is_kaman_key_name
from kaman_lint.facts import FileFacts, KeyLiteral
from kaman_lint.lang import anchored, line_matches, urls
from kaman_lint.lang.request_urls import RequestUrls
from kaman_lint.memo import MISSING, BoundedMemo, WindowMemo
from kaman_lint.named_tuples import NamedTuple

# Files in these languages build strings with `{expr}` (f-strings, Svelte, format strings).
BRACE_LANGUAGES = frozenset({"python", "notebook", "html"})
# Languages without `$NAME` string interpolation (a `$` there is part of a name or literal text).
NO_DOLLAR_LANGUAGES = frozenset({"python", "notebook", "javascript", "typescript", "jsx", "tsx"})
CODE_LANGUAGES = frozenset({"python", "notebook", "javascript", "typescript", "jsx", "tsx", "html"})
# Prose: a `{KAMAN_API_KEY}` there is a placeholder for the reader, not code.
DOC_LANGUAGES = frozenset({"markdown"})

_IDENT = lazy_re.compile(r"[A-Za-z_$][\w$]*")
# `const apiKey = process.env.KAMAN_API_KEY`, `self.api_key = api_key or os.environ[...]`,
# `KEY = "kam_..."`, `KEY = "kam_" + "..."` (a key joined from literals): a plain value on the right
# (no call with keywords, no dict, no f-string).
_ASSIGNMENT = lazy_re.compile(
    r"^[ \t]*(?:(?:export|const|let|var|final|val|static|private|public|readonly)\s+)*"
    r"([A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)?)\s*(?::\s*[\w\[\]|. ]+)?(?<![=!<>])=(?![=>])[ \t]*"
    # The value ends at its last character that is not a space (a lazy value with spaces in it,
    # then `[ \t;]*$`, tried the rest of a space run at each of its characters: quadratic).
    r"""([\w$.\[\]"'()|?!:,+-](?:[\w$.\[\]"'()|?!:, \t+-]*[\w$.\[\]"'()|?!:,+-])?)[ \t;]*$""", re.M)
# A character `_ASSIGNMENT` matches only on the line of its value (every other line it reaches
# over holds names, spaces, `export`, a type): a line start after a line with one is never
# inside a match (line_matches.near).
_BEFORE_VALUE_LINE = lazy_re.compile(r"[^\w\s$.:\[\]|]")
# What follows `?key=` to put a value there, by opener: the expression ends at the closer.
MAX_VALUE = 300  # characters of an expression put into a URL or a header that are read
_INTERPOLATIONS = (("${{", "}}"), ("${", "}"), ("#{", "}"), ("{{", "}}"), ("<%=", "%>"), ("$(", ")"))
# The same, by first character (in their order): a value is tried only against its own.
_INTERPOLATIONS_BY_FIRST = {first: tuple(pair for pair in _INTERPOLATIONS if pair[0][0] == first)
                            for first in {opener[0] for opener, _ in _INTERPOLATIONS}}
# The first characters of every value `_value_span` reads: interpolations, `{`, `$NAME`, and a
# string closing before a join (`_CONCATENATION`: a quote, or a backslash before one).
_VALUE_OPENERS = frozenset("$#{<\\\"'`")
# `"?key=" + apiKey`, `'&key=' . $kamanKey`, `"?key=" & kamanKey`: the string closes, then a join.
_CONCATENATION = lazy_re.compile(r"""\\?["'`]\s*(?:\+|\.|&)\s*""")
_OPERAND = lazy_re.compile(r"""[A-Za-z_$][\w$]*(?:\s*(?:\.[A-Za-z_$][\w$]*|\[[^\]\n]{0,80}\]|\([^)\n]{0,80}\)))*|["'`]""")
# Both start with a literal (no look-behind, no `\w*`): a 20 MiB bundle is searched at C speed;
# a match is then kept only at the start of a name (`_at_name_start`).
_PARAM_STRUCTURE = lazy_re.compile(
    r"""(params|query_params|queryParams|search_params|searchParams|query|qs)["']?\s*[=:]\s*(?:dict\(|\{)"""
    r"""|(?:urlencode|URLSearchParams|stringify)\(\s*(?:dict\(|\{)""")
_PARAM_SETTER = lazy_re.compile(r"""(?:[Pp]arams|[Qq]uery)\.(?:set|append)\(\s*["'][^"'\n]+["']\s*,\s*""")
# A literal each match of the two holds, with the characters it starts before it, found by
# str.find (`arams` for `params`, `search_params`, `searchParams`, `URLSearchParams`; `uery` for
# `query...` and `Query.`): the two share them, a search each, not ten.
_PARAM_STRUCTURE_LITERALS = (("arams", (1, 7, 8, 10)), ("uery", (1,)), ("qs", (0,)), ("urlencode", (0,)),
                             ("stringify", (0,)))
_PARAM_SETTER_LITERALS = (("arams", (1,)), ("uery", (1,)))
_WORD_CHAR = lazy_re.compile(r"[\w]")
_HEADER = lazy_re.compile(r"""(?i)(?<![\w-])(?:authorization|x-kaman-key|x-kaman-api-key|x-api-key|api-key)(?![\w-])["']?\s*[:=,]""")
# The literals every header name above holds, each searched alone in the lowered text (an
# alternation under (?i) is matched position by position: 1.6 s on a 20 MiB bundle, these 0.1 s),
# with the characters a match may start before it: `-key` is in the other four names, 3 to 11
# characters in (`api-key`, `x-api-key`, `x-kaman-key`, `x-kaman-api-key`).
_HEADER_LITERALS = (("authorization", (0,)), ("-key", (3, 5, 7, 11)))
# Query parameters that name a key: with a Kaman URL, `?api_key=${apiKey}` carries a Kaman key.
_KEY_PARAM = lazy_re.compile(r"(?i)^(?:key|api[_-]?key|apikey|token|access[_-]?token|auth|kaman[_-]?\w*)$")
_KEYISH_NAME = lazy_re.compile(r"(?i)key|token|secret")


class UrlKeyUse(NamedTuple):
    """A key put into a URL (or sent over plain http): key-free, for a rule to report. Where it
    is written is not part of it: a bundle's 100,000 repeats of one use share one."""

    where: str  # "query", "path", "userinfo", "params", "header"
    param: str | None
    plain_http: bool
    fingerprint: str
    preview: str = ""
    expression: str | None = None  # the code that carries the key, when it is not a literal


def find(facts: FileFacts) -> dict[int, UrlKeyUse]:
    """The uses of the file by the offset they are written at (one a place: the first pass to
    find one there tells what it is), in no particular order."""
    return {offset: use for use, offsets in find_by_use(facts).items() for offset in offsets}


def find_by_use(facts: FileFacts) -> dict[UrlKeyUse, list[int]]:
    """`find`'s uses, each with the offsets it is written at, ascending (a bundle's 140,000
    repeats of one use come as a few lists, not a pair each)."""
    return _merged(_passes(facts, batched=True), lambda: _passes(facts, batched=False))


def _merged(passes: list[Batches], unbatched: Callable[[], list[Batches]]) -> dict[UrlKeyUse, list[int]]:
    """The passes' finds, by use: an offset found by two passes is the first one's; one a pass
    finds twice, its first find's (then told from `unbatched`, the same passes yielding their
    finds one by one in order: a batch tells no order)."""
    by_use: dict[UrlKeyUse, list[int]] = {}
    taken: set[int] = set()  # the offsets of the passes before
    for number, found in enumerate(passes):
        mine: dict[UrlKeyUse, list[int]] = {}
        count = 0
        for at, use in found:
            offsets = mine.get(use)
            if offsets is None:
                offsets = mine[use] = []
            if type(at) is int:
                offsets.append(at)
                count += 1
            else:
                offsets.extend(at)
                count += len(at)
        own = set().union(*mine.values())
        if len(own) != count:  # an offset found twice in this pass: its first find tells
            mine = {}
            for at, use in _first_finds(unbatched()[number]):
                mine.setdefault(use, []).append(at)
        for use, offsets in mine.items():
            kept = [offset for offset in offsets if offset not in taken] if taken else offsets
            if kept:
                by_use.setdefault(use, []).extend(kept)
        taken |= own
    for offsets in by_use.values():
        offsets.sort()
    return by_use


def _first_finds(found: Batches) -> Uses:
    """A pass's finds one by one, each offset with the use found there first."""
    seen: set[int] = set()
    for at, use in found:
        if type(at) is not int:
            raise AssertionError("an unbatched pass yields single offsets")
        if at not in seen:
            seen.add(at)
            yield at, use


def _passes(facts: FileFacts, batched: bool) -> list[Batches]:
    """The four passes over the file (generators, in the order their finds count)."""
    text = facts.source.text
    if "://" not in text and "?" not in text and "params" not in text.lower():
        return []
    carriers = KeyCarriers(facts)
    # One pass per file: every interpolation and header below asks the same question.
    plain_http_urls = urls.plain_http_kaman_urls(text)
    talks_plain_http = bool(plain_http_urls) and "https://" not in text
    requests = RequestUrls(text)  # plain http is decided per call, by the URL it uses
    in_comment = _comment_test(facts)  # one lexing of the file for the three passes below
    passes: list[Batches] = [_literals_in_urls(facts)]
    if facts.source.language not in DOC_LANGUAGES:
        passes += (_interpolations(facts, carriers, requests, talks_plain_http, in_comment, batched),
                   _param_structures(facts, carriers, in_comment))
    passes.append(_headers_over_http(facts, carriers, requests, plain_http_urls, talks_plain_http, in_comment))
    return passes


class KeyCarriers:
    """What in one file carries a Kaman key: literals, Kaman key names and local aliases."""

    def __init__(self, facts: FileFacts) -> None:
        # Every encoding: a base64 key in an interpolation is then reported by its preview,
        # never quoted as source.
        self.literals = sorted(facts.literals, key=lambda lit: lit.offset)
        self._offsets = [lit.offset for lit in self.literals]
        self.aliases: dict[str, tuple[str, str]] = {}  # name -> (fingerprint, preview)
        self._alias_pattern: re.Pattern[str] | None = None
        self._text = facts.source.text
        self._aliases_found = False
        self._aliases_done = False  # until then, what a name carries may still change
        # (text around a span, start > 0, span length, value_only, wide) -> the two answers,
        # their offsets from the span's start: a bundle asks about `${kamanKey}` 100,000 times.
        self._memo = BoundedMemo(_MEMO_SIZE)
        self._name_fingerprints: dict[str, str] = {}  # a bundle names one variable thousands of times

    def _find_aliases(self) -> None:
        """The local aliases, found when first asked for: most files have no URL that needs
        them, and finding them looks at every assignment of the file."""
        self._aliases_found = True  # first: finding them asks `carrier` itself
        text = self._text
        for walk in range(2):  # an alias of an alias: `key = KEY`
            # The first walk reads only the assignments on lines with a literal or a Kaman name:
            # no other value carries a key before there are aliases (`_named`).
            assignments = (line_matches.near(_ASSIGNMENT, text, self._carrying_lines(), _BEFORE_VALUE_LINE)
                           if walk == 0 else line_matches.every(_ASSIGNMENT, text))
            for m in assignments:
                target = m.group(1)
                if target in self.aliases or is_kaman_key_name(target.rsplit(".", 1)[-1]):
                    continue
                found = self.carrier(text, m.start(2), m.end(2), value_only=False)
                if found:
                    self.aliases[target] = found[1:]
            if not self.aliases:
                break  # a second pass would ask the same questions and get the same answers
            names = "|".join(re.escape(a) for a in sorted(self.aliases, key=len, reverse=True))
            self._alias_pattern = re.compile(rf"(?<![\w$.])(?:{names})(?![\w$])")
        self._aliases_done = True

    def _carrying_lines(self) -> Iterator[int]:
        """The starts of the lines that hold a key literal's start or a Kaman name, in order."""
        text, offsets, at = self._text, self._offsets, 0
        named = -1  # the next Kaman name at or after `at` (searched again only once passed: linear)
        while True:
            if named < at:
                found_name = KAMAN_NAME.search(text, at)
                named = found_name.start() if found_name else len(text)
            i = bisect.bisect_left(offsets, at)
            found = min(named, offsets[i] if i < len(offsets) else len(text))
            if found >= len(text):
                return
            yield text.rfind("\n", 0, found) + 1
            newline = text.find("\n", found)
            if newline < 0:
                return
            at = newline + 1

    def alias_free(self) -> bool:
        """Whether no local alias carries a key (what carries one is then a literal or a name)."""
        if not self._aliases_found:
            self._find_aliases()
        return self._alias_pattern is None

    def literal_in(self, start: int, end: int) -> KeyLiteral | None:
        i = bisect.bisect_left(self._offsets, start)
        return self.literals[i] if i < len(self._offsets) and self._offsets[i] < end else None

    def carrier(self, text: str, start: int, end: int, value_only: bool = True,
                keyish: bool = False) -> tuple[int, str, str] | None:
        """(offset, fingerprint, preview) of the first key carrier in text[start:end], or None.
        With `value_only`, names written as a mapping's key (`"kaman_key":`, `kaman_key=`) do
        not count; with `keyish`, any name with key/token/secret in it counts."""
        strict, wide = self.carriers(text, start, end, value_only, wide=keyish)
        return wide if keyish else strict

    def carriers(self, text: str, start: int, end: int, value_only: bool = True,
                 wide: bool = True) -> tuple[tuple[int, str, str] | None, tuple[int, str, str] | None]:
        """`carrier` without and with `keyish`, found in one walk (the second is found first or
        at the same name: a Kaman key name is keyish too). With `wide` false, the second is None."""
        lit = self.literal_in(start, end)
        if lit:
            found = lit.offset, lit.key.fingerprint, lit.key.preview
            return found, found if wide else None
        if not self._aliases_found:
            self._find_aliases()
        if not self._aliases_done or text is not self._text or end - start > MAX_VALUE:
            return self._named(text, start, end, value_only, wide)
        # The walk below reads the span, the character before it (the alias pattern's
        # look-behind) and 20 after it (`_MAPPING_KEY`): the same text gives the same answers.
        key = (text[max(0, start - 1):end + 20], start > 0, end - start, value_only, wide)
        found = self._memo.get(key)
        if found is None:
            found = self._memo.put(key, tuple(_moved(f, -start) for f in self._named(text, start, end, value_only, wide)))
        return _moved(found[0], start), _moved(found[1], start)

    def _named(self, text: str, start: int, end: int, value_only: bool,
               wide: bool) -> tuple[tuple[int, str, str] | None, tuple[int, str, str] | None]:
        """`carriers` for a span that holds no key literal: aliases and key names."""
        if self._alias_pattern:
            m = self._alias_pattern.search(text, start, end)
            if m:
                found = m.start(), *self.aliases[m.group(0)]
                return found, found if wide else None
        keyish = None
        for m in _IDENT.finditer(text, start, end):
            name = m.group(0).lstrip("$")
            if value_only and _MAPPING_KEY.match(text, m.end(), m.end() + 20):
                continue
            if is_kaman_key_name(name):
                found = m.start(), self._name_fingerprint(name), ""
                return found, (keyish or found) if wide else None
            if wide and keyish is None and _KEYISH_NAME.search(name):
                keyish = m.start(), self._name_fingerprint(name), ""
        return None, keyish

    def _name_fingerprint(self, name: str) -> str:
        found = self._name_fingerprints.get(name)
        if found is None:
            found = self._name_fingerprints[name] = name_fingerprint(name)
        return found


_MEMO_SIZE = 4096  # distinct spans remembered per file (each at most MAX_VALUE + 21 characters)


def _moved(found: tuple[int, str, str] | None, by: int) -> tuple[int, str, str] | None:
    return None if found is None else (found[0] + by, found[1], found[2])


# A name written as a mapping's key (`"kaman_key":`, `kaman_key=`), asked within 20 characters.
_MAPPING_KEY = lazy_re.compile(r"""["']?\s*(?::(?!:)|=(?!=))""")


Uses = Iterator[tuple[int, UrlKeyUse]]  # (offset, use): a pass's finds, in the order it finds them
# A pass's finds, some of them in batches: (offsets, use) for a use found at each of a list of
# offsets (the repeats of a statement); in no order.
Batches = Iterator[tuple["int | list[int]", UrlKeyUse]]


def _literals_in_urls(facts: FileFacts) -> Uses:
    text = facts.source.text
    # A bundle writes its 14,600 key literals after a few URL texts: what the text before a
    # key tells of its place is remembered by that text (`urls.place_before`: all it reads but
    # for a run opening with `&`); the text after it is read only for credentials.
    places = BoundedMemo(_PLACES)
    for lit in facts.literals:
        if lit.encoding != "plain":
            continue
        run = urls.run_start(text, lit.offset)
        prefix = text[run:lit.offset]
        place = places.get(prefix, MISSING) if not prefix.startswith("&") else MISSING
        if place is MISSING:
            place = urls.place_before(text, lit.offset, run)
            if not prefix.startswith("&"):
                places.put(prefix, place)
        if type(place) is urls.Credentials:
            place = urls.credentials_place(place, text[lit.end:lit.end + 300])
        if place:
            yield lit.offset, UrlKeyUse(place.part, place.param, place.plain_http,
                                        lit.key.fingerprint, lit.key.preview)


def _interpolations(facts: FileFacts, carriers: KeyCarriers, requests: RequestUrls,
                    talks_plain_http: bool, in_comment: Callable[[int], bool],
                    batched: bool = False) -> Batches:
    """`?key=${...}`, `?key={...}`, `?key=$NAME`, `?key=" + name`, in code (not comments).
    A URL built on a base (`${BASE}/search?key=`) is plain http when that base is
    (`BASE = "http://..."`); when the base cannot be told, when the file's Kaman URLs are all
    plain http (`talks_plain_http`).

    A bundle builds the same few URLs 100,000 times: a value's verdict (no use, or the use but
    its offset) is remembered by the text it read, from up to QUERY_LOOKS[-1] characters before
    the value's `?` or `&` to the end of the span `carriers` reads, when it read nothing outside (a value
    holding a key literal, a URL run or base longer than that, an appended `&key=`, is judged
    alone). And a bundle writes the same statement 100,000 times: the uses of a statement's
    values are remembered by its text (`_statement`), when every verdict read only that text.
    With `batched`, a remembered statement's uses come as one batch per use (`Batches`)."""
    text, language = facts.source.text, facts.source.language
    query = _QueryValues(text, language, carriers, requests, talks_plain_http)
    line_starts = facts.source.line_starts
    if _one_line(text, line_starts) and not anchored.holds(text, "&amp;"):
        yield from _interpolations_by_statement(text, line_starts, query, carriers, in_comment, batched)
        return
    statements = BoundedMemo(_STATEMENTS)
    # The loop runs once per statement with a query value (185,000 on the 20 MiB bundle, nearly
    # all of them repeats): `literal_in` and the memo's lookup are written out here, so a
    # repeat costs one Python call (`_statement`) and a few C ones (its uses are the
    # remembered ones, moved to its start).
    search, statement_of = _QUERY_VALUE.search, _statement
    remembered = statements.get
    offsets, literal_at, literal_count = carriers._offsets, 0, len(carriers._offsets)
    position = 0  # everything before it is judged
    while (m := search(text, position)) is not None:
        statement = statement_of(text, position, m, line_starts)
        if statement is None:  # judged alone
            use = query.use(m)[0]
            if use is not None and not in_comment(m.start()):
                yield use[0], UrlKeyUse("query", *use[1:])
            position = m.end()
            continue
        start, end = statement
        key = text[start:end + _CARRIER_AFTER]
        known = remembered(key)
        if known is not None:
            # `carriers.literal_in(start, end)`: statements come in order, so a walk along the
            # literals' offsets (bisect_left's answer for `start`).
            while literal_at < literal_count and offsets[literal_at] < start:
                literal_at += 1
            if literal_at < literal_count and offsets[literal_at] < end:
                known = None  # a key literal here (found in a wider context): judged anew
        if known is None:
            known, alone = _statement_uses(text, m, start, end, key, query)
            if not alone:
                statements.put(key, known)
        for at, use in known:  # none sits in a comment (`_statement`)
            yield start + at, use
        position = end


_PIECES_AT_ONCE = 1 << 20  # characters of a one-line text split into statements at once
_STATEMENTS = 1024  # statements whose uses are remembered per file (each at most ~470 characters)


def _statement_uses(text: str, m: re.Match[str], start: int, end: int, key: str,
                    query: _QueryValues) -> tuple[list[tuple[int, UrlKeyUse]], bool]:
    """The uses of statement (start, end), whose first query value is `m`, by their offsets
    from `start`; and whether they are its own alone (something read outside `key`, its text
    and the `_CARRIER_AFTER` characters after it: not to be reused for another like it)."""
    known, alone = [], keys.PREFIX in key  # a key literal's statement is written once
    for match in _QUERY_VALUE.finditer(text, m.start(), end):
        use, read = query.use(match)
        alone = alone or read is None or read[0] < start or read[1] > end + _CARRIER_AFTER
        if use is not None:
            known.append((use[0] - start, UrlKeyUse("query", *use[1:])))
    return known, alone


def _one_line(text: str, line_starts) -> bool:
    """One line, with or without its line break at the end (a minified bundle)."""
    return len(line_starts) == 1 or len(line_starts) == 2 and line_starts[1] == len(text)


def _interpolations_by_statement(text: str, line_starts, query: _QueryValues, carriers: KeyCarriers,
                                 in_comment: Callable[[int], bool], batched: bool = False) -> Batches:
    """`_interpolations`' loop for one line without `&amp;`, what a bundle is, with the
    statements grouped by their text first, in C (a split at `;`, a slice each): the loop's
    work for a repeat is then a few C calls, not its own search, `_statement` and memo lookup
    (185,000 of them on the 20 MiB bundle). Each `;`-separated piece is what the loop reads
    from it: no query value holds a `;` (no `&amp;`), so the loop enters each piece just
    after its `;`, and judges its values as a statement or each alone. The same uses, in the
    same order; with `batched`, the uses of the pieces that share a statement's remembered
    ones as a batch each (their offsets, the pieces' starts moved by each use's own)."""
    # The pieces a query value may be in (a `?` or `&`), by their start and end (the piece's
    # `;`, or the text's end), found a MiB at a time (all 700,000 pieces of a bundle at once
    # held 80 MB), and grouped by their text and the characters after it a value may read
    # (`_statement_uses`).
    piece_starts: list[int] = []
    piece_ends: list[int] = []
    keys: list[str] = []
    position = 0
    while position <= len(text):
        cut = text.find(";", position + _PIECES_AT_ONCE)
        chunk_end = len(text) if cut < 0 else cut
        pieces = text[position:chunk_end].split(";")
        # Piece j starts after the j pieces and the j `;`s before it, and ends (at its `;`, or
        # the chunk's end) where piece j + 1 starts, less one: their lengths summed, plus j.
        # Summed in C, as are the pieces' starts and keys below (a step each for 425,000
        # pieces and 185,000 keys of a bundle, no Python loop).
        lengths = list(accumulate(map(len, pieces), initial=position))
        chosen = [j for j, piece in enumerate(pieces) if "?" in piece or "&" in piece]
        chunk_starts = list(map(add, map(lengths.__getitem__, chosen), chosen))
        chunk_ends = list(map(add, map(lengths.__getitem__, map((1).__add__, chosen)), chosen))
        piece_starts += chunk_starts
        piece_ends += chunk_ends
        keys += map(text.__getitem__, map(slice, chunk_starts, map((1 + _CARRIER_AFTER).__add__, chunk_ends)))
        position = chunk_end + 1
    groups: dict[str, list[int]] = {}  # statement text -> the indexes of its pieces
    for i, key in enumerate(keys):
        groups.setdefault(key, []).append(i)
    del keys
    # The pieces judged anew, never given a statement's remembered uses: those within
    # MAX_PREFIX of the start, and those holding a key literal's start, as the loop does.
    with_literal = {text.rfind(";", 0, offset) + 1 for offset in carriers._offsets}
    anew = set(range(bisect.bisect_right(piece_starts, MAX_PREFIX)))
    anew.update(i for i in map(bisect.bisect_left, repeat(piece_starts), with_literal)
                if i < len(piece_starts) and piece_starts[i] in with_literal)
    found: dict[int, list | tuple] = {}  # per piece judged: its uses, or its statement's from its start
    batches: list[tuple[list, list[int]]] = []  # (a statement's remembered uses, the starts sharing them)
    search = _QUERY_VALUE.search
    for key, members in groups.items():
        known = None  # the uses of this statement text, once judged as a statement not alone
        for at, i in enumerate(members):
            start, end = piece_starts[i], piece_ends[i]
            if known is not None and i not in anew:
                # `_statement` gives (start, end + 1) as for the first
                rest = members[at:]
                if anew.isdisjoint(rest):  # every piece left shares them (a bundle's repeats)
                    if batched:
                        sharing.extend(map(piece_starts.__getitem__, rest))
                    else:
                        found.update(zip(rest, repeat(known)))
                    break
                if batched:
                    sharing.append(start)
                else:
                    found[i] = known
                continue
            m = search(text, start)
            if m is None or m.start() >= end:
                continue  # no query value in the piece
            # Entered just after the piece's `;` (the loop's position: after the last statement
            # or value judged, none of them in this piece).
            statement = _statement(text, start, m, line_starts)
            if statement is not None:
                judged, alone = _statement_uses(text, m, statement[0], statement[1], key, query)
                if not alone:
                    known, sharing = judged, []
                    batches.append((known, sharing))
                found[i] = judged  # from `statement[0]`, the piece's start
                continue
            uses = []
            while m is not None and m.start() < end:  # judged alone, as every value after it
                use = query.use(m)[0]
                if use is not None and not in_comment(m.start()):
                    uses.append((use[0], UrlKeyUse("query", *use[1:])))
                m = search(text, m.end())
            found[i] = tuple(uses)  # at their own offsets
    for i in sorted(found):
        uses = found[i]
        if type(uses) is list:
            start = piece_starts[i]
            for at, use in uses:
                yield start + at, use
        elif uses:
            yield from uses
    for known, sharing in batches:
        if sharing:
            for at, use in known:
                yield list(map(at.__add__, sharing)), use


MAX_STATEMENT = 400  # characters after a match a statement's `;` is looked for in


def _statement(text: str, position: int, m: re.Match[str], line_starts) -> tuple[int, int] | None:
    """The statement (start, end) holding match `m`, for the uses in it to be remembered by its
    text: from just after a `;` at or after `position - 1` (what is before `position` is judged)
    to its next `;`, within a line and far enough into it that nothing in it is asked about
    comments (`_comment_test`); None for any other. No match of `_QUERY_VALUE`
    crosses its ends (only `&amp;` holds a `;`), so the values in it are found from its text alone."""
    start = text.rfind(";", max(0, position - 1), m.start()) + 1
    end = text.find(";", m.end(), m.end() + MAX_STATEMENT) + 1
    if start == 0 or end == 0 or text.endswith("&amp;", start, end):
        return None
    line = bisect.bisect_right(line_starts, start)  # the next line's index
    if start - line_starts[line - 1] <= MAX_PREFIX or line < len(line_starts) and line_starts[line] <= end:
        return None
    return start, end


class _QueryValues:
    """The verdict of each query value of a file (`_verdict`), remembered by the text it read."""

    def __init__(self, text: str, language: str, carriers: KeyCarriers, requests: RequestUrls,
                 talks_plain_http: bool) -> None:
        self.text, self.language, self.carriers = text, language, carriers
        self.requests, self.talks_plain_http = requests, talks_plain_http
        self.places = BoundedMemo(_PLACES)
        self.verdicts = WindowMemo(QUERY_LOOKS, _VERDICTS)

    def use(self, m: re.Match[str]) -> tuple[tuple | None, tuple[int, int] | None]:
        """The use the value after `m` makes (offset, param, plain, fingerprint, preview,
        expression) or None, and the span of text the answer read ((from, to), None when that
        cannot be told: a key literal in the value, a read farther back than is known)."""
        text, value = self.text, m.end()
        span, read_to = _value_read(text, value, self.language)
        if span is None:
            return None, (m.start(), read_to)
        if self.carriers.literal_in(span[0], span[1]) is not None:
            return _verdict(text, m, span, self.carriers, self.requests, self.talks_plain_http,
                            self.places)[0], None
        # Remembered with the lowest offset it read, from `value`: what a statement's text holds.
        # The windows open at the match (its `?` or `&`): a verdict that read nothing before it
        # (`&q=" + q`) is remembered without the text before, a key literal's tail in a bundle.
        end, tag = span[1] + _CARRIER_AFTER, value - m.start()
        known = self.verdicts.get(text, m.start(), end, tag)
        if known is MISSING:
            verdict, lowest = _verdict(text, m, span, self.carriers, self.requests, self.talks_plain_http,
                                       self.places)
            self.verdicts.put(text, m.start(), end, tag, lowest,
                              (verdict if verdict is None else (verdict[0] - value, *verdict[1:]), lowest - value))
        else:
            verdict, lowest = known[0], known[1] + value
            if verdict is not None:
                verdict = (verdict[0] + value, *verdict[1:])
        return verdict, ((min(lowest, m.start()), end) if lowest >= 0 else None)


_QUERY_VALUE = lazy_re.compile(r"(?:\?|&(?:amp;)?)([\w.\-\[\]%]+)=")
QUERY_LOOKS = (0, 32, 256)  # characters before a query value's match a remembered verdict may have read
_CARRIER_AFTER = 20  # characters after a value `carriers` reads (`_MAPPING_KEY`)
_VERDICTS = 4096  # verdicts remembered per file and window


def _verdict(text: str, m: re.Match[str], span: tuple[int, int], carriers: KeyCarriers,
             requests: RequestUrls, talks_plain_http: bool,
             places: BoundedMemo) -> tuple[tuple | None, int]:
    """The use a query value makes (offset, param, plain, fingerprint, preview, expression) or
    None, and the lowest offset the answer read (-1 when it read back farther than it knows)."""
    value = m.end()
    # No carrier even by the widest test (`keyish`): no finding, whatever the URL is. Asked
    # first, as it is the cheap question: most of a bundle's `?q=${q}` stop here.
    strict, wide = carriers.carriers(text, span[0], span[1])
    low = min(span[0] - 1, m.start())
    if wide is None:
        return None, low
    run, read_from = urls.run_start_read(text, value)
    low = min(low, read_from)
    if text.startswith("&", run, value):
        low = -1  # `_appended_to_url` reads the line before the run
    place = _place(places, text, run, value)
    if place is None or place.part != "query":
        return None, low
    keyish = place.kaman_host and _KEY_PARAM.match(m.group(1)) is not None
    found = wide if keyish else strict
    if not found:
        return None, low
    offset, fingerprint, preview = found
    expression = _expression(text, span, offset)
    plain = place.plain_http
    if place.scheme is None:
        base, read_from, read_to = requests.url_read(run)
        plain = talks_plain_http if base is None else base
        low = min(low, read_from if read_to <= span[1] + _CARRIER_AFTER else -1)
    return (_expression_start(text, offset, span[0]), m.group(1), plain, fingerprint, preview, expression), low


_PLACES = 4096  # URL prefixes whose place is remembered per file


def _place(places: BoundedMemo, text: str, run: int, value: int) -> urls.UrlPlace | None:
    """`urls.place_at(text, value, run=run)`, remembered by the URL text before `value`: that is
    all it reads, except for a URL text opening with `&` (a string appended to a URL begun
    earlier on its line, judged by what is before it). A bundle builds one URL 100,000 times."""
    prefix = text[run:value]
    if prefix.startswith("&"):
        return urls.place_at(text, value, run=run)
    if prefix in places:
        return places[prefix]
    return places.put(prefix, urls.place_at(text, value, run=run))


def _value_read(text: str, value: int, language: str) -> tuple[tuple[int, int] | None, int]:
    """The span of the expression put after `?name=` at `value`, or None if a literal follows,
    with the offset past the farthest character read to tell (`len(text)` when not told)."""
    first = text[value:value + 1]
    if first not in _VALUE_OPENERS:
        return None, value + 1  # a literal value (`&size=20`): none of the openers below starts here
    for opener, closer in _INTERPOLATIONS_BY_FIRST.get(first, ()):
        if text.startswith(opener, value):
            if opener == "$(" and language in NO_DOLLAR_LANGUAGES:
                return None, value + len(opener)
            end = text.find(closer, value + len(opener), value + MAX_VALUE)
            return ((value + len(opener), end), end + len(closer)) if end > 0 else (None, value + MAX_VALUE)
    if text.startswith("{", value) and language in BRACE_LANGUAGES:
        if language != "html" and not _in_format_string(text, value):
            return None, len(text)
        end = text.find("}", value + 1, value + MAX_VALUE)
        return ((value + 1, end), len(text)) if end > 0 else (None, len(text))
    if text.startswith("$", value) and language not in NO_DOLLAR_LANGUAGES:
        name = _IDENT.match(text, value)
        return ((value, name.end()), name.end() + 1) if name else (None, value + 2)
    join = _CONCATENATION.match(text, value)
    if join:
        operand = _OPERAND.match(text, join.end())
        if operand is None:
            return None, len(text)
        if operand.group(0) in "\"'`":  # a string literal: up to its closing quote
            close = text.find(operand.group(0), operand.end(), operand.end() + MAX_VALUE)
            return ((operand.start(), close) if close > 0 else None), len(text)
        return operand.span(), len(text)
    return None, len(text)


def _in_format_string(text: str, value: int) -> bool:
    """In Python, `{...}` interpolates only in an f-string (or one formatted with `.format`)."""
    start = urls.run_start(text, value)
    quote = start - 1
    if quote < 0 or text[quote] not in "\"'":
        return False
    before = text[max(0, quote - 3):quote].rstrip("\\")
    if re.search(r"(?i)[rb]?f[rb]?$", before):
        return True
    close = text.find(text[quote], value)
    return close > 0 and text.startswith(".format(", close + 1)


def _expression_start(text: str, offset: int, floor: int) -> int:
    """The start of the expression a carrier name sits in: `process.env.X`, `os.environ["X"]`."""
    i = offset
    while i > floor and (text[i - 1].isalnum() or text[i - 1] in "_$.[\"'(") and text[i - 1] != "\n":
        i -= 1
    while i < offset and text[i] in "[\"'(.":
        i += 1
    return i


def _expression(text: str, span: tuple[int, int], offset: int) -> str:
    """The code to quote for a key carried by a name: the whole expression when short, else
    the name; redacted, since source text may still hold a key the analyzers did not see."""
    expression = text[span[0]:span[1]].strip().strip("\"'`")
    if len(expression) > 60 or "\n" in expression:
        m = _IDENT.match(text, offset)
        expression = m.group(0) if m else expression[:60]
    return keys.safe_text(expression)


def _param_structures(facts: FileFacts, carriers: KeyCarriers,
                      in_comment: Callable[[int], bool]) -> Uses:
    """A key in query parameters: `params={...}`, `urlencode({...})`, `searchParams.set(...)`."""
    text = facts.source.text
    found: dict[str, list[int]] = {}  # the literals' occurrences, for both patterns
    for m in anchored.finditer(_PARAM_STRUCTURE, text, _PARAM_STRUCTURE_LITERALS, found=found):
        if not _at_name_start(text, m.start(), quotes=m.group(1) is not None) or in_comment(m.start()):
            continue
        opener = m.end() - 1
        end = _matching(text, opener)
        yield from _carriers_in(text, carriers, opener + 1, end)
    for m in anchored.finditer(_PARAM_SETTER, text, _PARAM_SETTER_LITERALS, found=found):
        if not in_comment(m.start()):
            end = _matching(text, text.rfind("(", m.start(), m.end()))
            yield from _carriers_in(text, carriers, m.end(), end)


def _at_name_start(text: str, start: int, quotes: bool) -> bool:
    """Not inside a longer name (`myparams`), nor, with `quotes`, a quoted word (`"query"`)."""
    before = text[start - 1:start]
    return not before or _WORD_CHAR.match(before) is None and not (quotes and before in "\"'")


def _carriers_in(text: str, carriers: KeyCarriers, start: int, end: int) -> Uses:
    while start < end:
        found = carriers.carrier(text, start, end)
        if found is None:
            return
        offset, fingerprint, preview = found
        name = _IDENT.match(text, offset)
        expression = name.group(0) if name and not preview else None
        yield _expression_start(text, offset, start), UrlKeyUse("params", None, False, fingerprint, preview,
                                                                expression)
        start = offset + max(1, name.end() - offset if name else 1)


def _matching(text: str, opener: int) -> int:
    """The offset of the bracket closing the one at `opener` (or a bounded stretch after it)."""
    pairs = {"{": "}", "(": ")", "[": "]"}
    depth, limit = 0, min(len(text), opener + 3000)
    for i in range(opener, limit):
        char = text[i]
        if char in pairs:
            depth += 1
        elif char in ")}]":
            depth -= 1
            if depth == 0:
                return i
    return limit


def _headers_over_http(facts: FileFacts, carriers: KeyCarriers, requests: RequestUrls,
                       plain_http_urls: list[re.Match[str]], talks_plain_http: bool,
                       in_comment: Callable[[int], bool]) -> Uses:
    """A key in a header sent over plain http to a Kaman host: in code, by a call whose URL is
    (`requests`; when the call's URL cannot be told, when the file's Kaman URLs are all plain
    http); in scripts and docs, in a block that has a plain-http Kaman URL (a curl command)."""
    if not plain_http_urls:
        return
    text = facts.source.text
    plain = [m.start() for m in plain_http_urls if not in_comment(m.start())]
    if not plain:
        return
    per_call = facts.source.language in CODE_LANGUAGES
    blocks = _Blocks(text) if not per_call else None
    # A bundle sends the same header from the same call 100,000 times: in code, a header's
    # verdict is remembered by the text it read (back to its call and the call's URL, on to
    # the name that carries the key), unless a key literal or a local alias is in play.
    verdicts = WindowMemo(HEADER_LOOKS, _VERDICTS) if per_call and carriers.alias_free() else None
    # A bundle's 132,000 headers: on the first line past MAX_PREFIX no offset is in a comment
    # (`in_comment`'s own first answer; a bundle is one line), and `literal_in` is a
    # bisection: both asked here, not by a call each.
    starts = facts.source.line_starts
    first_line_end = starts[1] if len(starts) > 1 else len(text) + 1
    offsets, literal_count, bisect_left = carriers._offsets, len(carriers._offsets), bisect.bisect_left

    def judged(header_start: int, header_end: int) -> tuple | None:
        """The verdict (offset, fingerprint, preview, expression) or None of the header matched
        at (header_start, header_end)."""
        if not MAX_PREFIX < header_start < first_line_end and in_comment(header_start):
            return None
        # The header's value: to the end of its line, and no farther than a value runs (on a
        # one-line bundle, the end of the line is the end of the file).
        line_end = text.find("\n", header_end, header_end + MAX_VALUE)
        line_end = min(len(text), header_end + MAX_VALUE) if line_end < 0 else line_end
        if blocks is not None and not blocks.near_any(header_start, plain):
            return None
        end = header_end + HEADER_AHEAD
        # A key literal past what a remembered verdict read changes nothing: that verdict's
        # carrier is a name before it (one reading on to the literal reads past `end`).
        i = bisect_left(offsets, header_end)
        if verdicts is None or i < literal_count and offsets[i] < min(end, line_end):
            return _header_verdict(text, header_start, header_end, line_end, carriers, requests,
                                   talks_plain_http, per_call)[0]
        tag = header_end - header_start
        verdict = verdicts.get(text, header_start, end, tag)
        if verdict is MISSING:
            verdict, lowest, highest = _header_verdict(text, header_start, header_end, line_end, carriers,
                                                       requests, talks_plain_http, per_call)
            if highest <= end:
                verdicts.put(text, header_start, end, tag, lowest,
                             verdict if verdict is None else (verdict[0] - header_start, *verdict[1:]))
            return verdict
        return verdict if verdict is None else (verdict[0] + header_start, *verdict[1:])

    header_starts, header_ends = _headers(text)
    if verdicts is not None and _one_line(text, starts):
        by_index = _by_window(text, header_starts, header_ends, offsets, verdicts, judged)
        verdict_of = (by_index[i] for i in sorted(by_index))
    else:
        verdict_of = map(judged, header_starts, header_ends)
    for verdict in verdict_of:
        if verdict is not None:
            yield verdict[0], UrlKeyUse("header", None, True, *verdict[1:])


def _by_window(text: str, starts: list[int], ends: list[int], offsets, verdicts: WindowMemo,
               judged: Callable[[int, int], tuple | None]) -> dict[int, tuple]:
    """The headers' verdicts that are not None, by index: `map(judged, headers)` for one line
    (a bundle's 132,000 headers). The headers are grouped by the text a verdict remembered in
    the smallest window reads (sliced in C), and a group's verdict, once remembered there, is
    the rest of its members' as `verdicts.get` would give it, with no lookup each; a verdict
    of None (a bundle's every header over https) is theirs with no step per member at all.
    Those a key literal may change (one within HEADER_AHEAD after the name) or within
    MAX_PREFIX of the start are judged one by one."""
    before = HEADER_LOOKS[0]
    alone = set(range(bisect.bisect_right(starts, MAX_PREFIX)))
    for offset in offsets:  # the headers whose name ends at most HEADER_AHEAD before a literal
        alone.update(range(bisect.bisect_right(ends, offset - HEADER_AHEAD), bisect.bisect_right(ends, offset)))
    # The window per header, as `verdicts.remembered` slices it (None for those judged alone),
    # strings only (a tuple each is 132,000 objects more for the cyclic collector to walk): a
    # header's match lies in its window, from `before` in, so the window tells its tag (length).
    windows = list(map(text.__getitem__, map(slice, [s - before for s in starts],
                                             [e + HEADER_AHEAD for e in ends])))
    for i in alone:
        windows[i] = None
    # each window's first header (a later one in the zip overwrites: the lowest index stays)
    firsts = dict(zip(reversed(windows), range(len(windows) - 1, -1, -1)))
    firsts.pop(None, None)
    found: dict[int, tuple] = {}
    members_of: dict | None = None  # window -> its headers, made only for a group that needs them
    for window, first in sorted(firsts.items(), key=lambda item: item[1]):
        verdict = judged(starts[first], ends[first])
        if verdict is not None:
            found[first] = verdict
        tag = ends[first] - starts[first]
        shared = verdicts.remembered(text, starts[first], ends[first] + HEADER_AHEAD, tag, before)
        if shared is None:
            continue  # every other member's verdict is None too
        if members_of is None:
            members_of = {}
            for i, key in enumerate(windows):
                if key is not None:
                    members_of.setdefault(key, []).append(i)
        for i in members_of[window][1:]:
            if shared is MISSING:  # not remembered in this window: judged, until one is
                verdict = judged(starts[i], ends[i])
                shared = verdicts.remembered(text, starts[i], ends[i] + HEADER_AHEAD, tag, before)
            else:
                verdict = shared if shared is None else (shared[0] + starts[i], *shared[1:])
            if verdict is not None:
                found[i] = verdict
    for i in alone:
        verdict = judged(starts[i], ends[i])
        if verdict is not None:
            found[i] = verdict
    return found


HEADER_LOOKS = (64, 256)  # characters before a header a remembered verdict may have read
HEADER_AHEAD = 48  # characters after a header's name a remembered verdict may have read


def _header_verdict(text: str, header_start: int, header_end: int, line_end: int, carriers: KeyCarriers,
                    requests: RequestUrls, talks_plain_http: bool,
                    per_call: bool) -> tuple[tuple | None, int, int]:
    """The use a header makes (offset, fingerprint, preview, expression) or None, with the span
    of text that answer read (from, to: exclusive; from is -1 when it read farther back than it
    tells). The span is exact only for a value with no key literal in a file with no aliases:
    the carrier is then a name, read up to `_MAPPING_KEY`'s 20 characters after it."""
    lowest = header_start - 1
    if per_call:
        # Asked first: a call that is not plain http sends no key in clear, whatever the value
        # carries, and the answer read only the call (a bundle's headers over https, 4,000 of
        # them with a key literal after them, are told without a look for a carrier).
        decided, read_from, read_to = requests.header_call_read(header_start)
        if not (talks_plain_http if decided is None else decided):
            return None, min(lowest, read_from), max(header_end, read_to)
        lowest = min(lowest, read_from)
    # The value reads on to its line's end: on a one-line bundle, into the next statements. A
    # name before a key literal there is the first carrier (`carrier` gives a literal first).
    literal = carriers.literal_in(header_end, line_end)
    found = carriers.carrier(text, header_end, literal.offset) if literal is not None else None
    found = found or carriers.carrier(text, header_end, line_end)
    if not found:
        return None, lowest, line_end + _CARRIER_AFTER
    offset, fingerprint, preview = found
    name = _IDENT.match(text, offset)
    highest = name.end() + _CARRIER_AFTER if name and name.end() < line_end else line_end + _CARRIER_AFTER
    if per_call:
        highest = max(highest, read_to)
    expression = name.group(0) if name and not preview else None
    return (_expression_start(text, offset, header_end), fingerprint, preview, expression), lowest, highest


def _headers(text: str) -> tuple[list[int], list[int]]:
    """The starts and ends of `_HEADER.finditer(text)`'s matches, tried where its literals are.
    A bundle's 132,000 `Authorization:` are a few texts: a match's answer (its length, or none)
    is remembered by the text it reads, the _HEADER_WINDOW characters from the one before it,
    when that holds all it reads (a `pattern.match` each costs ~3,800 instructions, the
    lookup a few hundred, and no match object is kept for the cyclic collector to walk)."""
    lowered = text.lower()
    starts: list[int] = []
    ends: list[int] = []
    if len(lowered) != len(text):  # a character whose lower case is longer: offsets would shift
        for m in _HEADER.finditer(text):
            starts.append(m.start())
            ends.append(m.end())
        return starts, ends
    match, lengths = _HEADER.match, BoundedMemo(_VERDICTS)
    end = 0
    for start in anchored.candidates(text, _HEADER_LITERALS, lowered=lowered):
        if start < end:
            continue  # inside the previous match, as finditer would step over it
        window = text[start - 1:start + _HEADER_WINDOW] if start else ""
        length = lengths.get(window, MISSING)
        if length is MISSING:
            m = match(text, start)
            length = m.end() - start if m else None
            # All the match read is in the window when a character that is not a space
            # follows where the name and its quote end (the spaces it reads end there).
            if len(window) == _HEADER_WINDOW + 1 and not window[_HEADER_REACH:].isspace():
                lengths.put(window, length)
        if length is not None:
            end = start + length
            starts.append(start)
            ends.append(end)
    return starts, ends


# A header's match reads the character before it, a name of at most 15 characters, a quote,
# then spaces to the `:`: the spaces it reads start at most _HEADER_REACH characters into its
# window (which opens at the character before it).
_HEADER_WINDOW = 48
_HEADER_REACH = 17


_BLANK_LINE = lazy_re.compile(r"\n(?=[ \t]*\n)")


class _Blocks:
    """Blocks of a text split by blank lines (one request in a script or a doc's code block),
    found once per file so each question is a bisection."""

    def __init__(self, text: str) -> None:
        self._starts = [m.start() for m in _BLANK_LINE.finditer(text)]
        # Where each blank-line break ends: just past the newline that closes the empty line.
        self._ends = [text.index("\n", s + 1) + 1 for s in self._starts]

    def same(self, a: int, b: int) -> bool:
        """No blank line wholly between two offsets."""
        low, high = min(a, b), max(a, b)
        i = bisect.bisect_left(self._starts, low)
        return i == len(self._starts) or self._ends[i] > high

    def near_any(self, offset: int, sorted_offsets: list[int]) -> bool:
        """Whether any of `sorted_offsets` shares the block of `offset`: only the nearest one
        on each side can (a break before the nearest also lies before any farther one)."""
        i = bisect.bisect_left(sorted_offsets, offset)
        return any(self.same(sorted_offsets[j], offset) for j in (i - 1, i) if 0 <= j < len(sorted_offsets))


def _comment_test(facts: FileFacts) -> Callable[[int], bool]:
    """Whether an offset sits in a comment of the file's own syntax (on its line). The syntax
    locator lexes the whole file: built once, and only when an offset needs it (on a one-line
    bundle past its first MAX_PREFIX characters, none does). Each line is walked once, however
    many offsets on it are asked about."""
    source = facts.source
    syntax_at: Callable[[int], CommentSyntax] | None = None
    walked: dict[tuple[int, int], tuple[list[int], list[tuple[int, int]]]] = {}

    def in_comment(offset: int) -> bool:
        nonlocal syntax_at
        starts = source.line_starts
        line = bisect.bisect_right(starts, offset) - 1
        line_start = starts[line]
        if offset - line_start > MAX_PREFIX:
            return False  # comment_start's own answer for a prefix this long: nothing walked
        if syntax_at is None:
            syntax_at = locator(source.text, source.language)
        syntax = syntax_at(offset)
        spans = walked.get((line_start, id(syntax)))
        if spans is None:
            line_end = starts[line + 1] if line + 1 < len(starts) else len(source.text)
            found = syntax.comment_spans(source.text[line_start:min(line_end, line_start + MAX_PREFIX)])
            spans = walked[line_start, id(syntax)] = ([a for a, _ in found], found)
        i = bisect.bisect_right(spans[0], offset - line_start) - 1
        return i >= 0 and offset - line_start < spans[1][i][1]

    return in_comment
