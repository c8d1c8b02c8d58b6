"""Which URL a request uses: for KAM004's "sent over plain http", decided per call.

A header (`Authorization: Bearer ...`) is sent by the call around it (`fetch(URL, {headers:
{...}})`, `requests.get(URL, headers={...})`), or by the call that is handed the variable it
is assigned to (`headers = {...}` ... `requests.get(URL, headers=headers)`). That call's URL is
its first argument: a string (`"http://..."`, `` `${BASE}/x` ``, `f"{BASE}/x"`), a name the file
assigns a URL (`BASE = "http://api.kaman.io"`), or one built on such a name (`BASE + "/x"`). A
URL built in place (`` `${BASE}/search?key=${k}` ``) is judged by the name it starts with. A
file that mentions an http:// Kaman URL somewhere does not make every call in it plain http.

Plain text work on bounded stretches around each header (no parser): brackets are counted
backwards to the call's `(`, in windows that widen from 128 characters to MAX_BACK, so a
one-line bundle stays linear and a typical call costs a few dozen characters.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from kaman_lint import lazy_re
from kaman_lint.lang import anchored, urls
from kaman_lint.memo import MISSING, WindowMemo

MAX_BACK = 2048  # how far back a header's call (or its variable's assignment) is looked for
MAX_FORWARD = 4096  # how far after a headers variable's assignment its use is looked for
MAX_DEPTH = 3  # names resolved through names and interpolations
MAX_URL = 300  # characters of a URL read to find its scheme and host

_BRACKETS = lazy_re.compile(r"[()\[\]{};]")
_CLOSERS = {")": "(", "]": "[", "}": "{"}
_NAME_CHAR = lazy_re.compile(r"[\w$]")
_NAME = lazy_re.compile(r"[A-Za-z_$][\w$]*(?:\s*\.\s*[A-Za-z_$][\w$]*)*")
_NAME_BACKWARDS = lazy_re.compile(r"[\w$]*")
_STRING_START = lazy_re.compile(r"""[fFrRbBuU]{0,2}(["'`])""")
_INTERPOLATION = lazy_re.compile(r"(?:\$|#)?\{\{?\s*")
_URL = lazy_re.compile(r"(?:https?|wss?)://", re.I)
# Where each match of _URL starts: `https`, `http`, `wss` or `ws` before its `://` (a
# case-insensitive alternation is tried at every character: 0.85 s on a 20 MiB bundle).
_URL_LITERALS = (("://", (5, 4, 3, 2)),)
_DOT = lazy_re.compile(r"\s*\.\s*")
_SPACES = lazy_re.compile(r"\s*")
# `url_plain_http` remembers its answers by the text from URL_BACKS characters before a URL's
# start to URL_AHEAD after it: enough for a name joined before it and a URL's scheme and host.
URL_BACKS = (0, 128)
URL_AHEAD = 32
_URLS = 4096  # windows remembered per file
_SCHEME_HOST = lazy_re.compile(r"(https?|wss?)://([^/?#\s\"'`<>${}]*)", re.I)


class RequestUrls:
    """Per file: whether the request that sends a header, or that a URL starting with a name
    builds, goes over plain http to a Kaman host off the local network (True), over https or
    elsewhere (False), or cannot be told (None)."""

    def __init__(self, text: str) -> None:
        self._text = text
        self._bindings: dict[str, set[bool]] | None = None
        self._urls = WindowMemo(URL_BACKS, _URLS)  # the text around a URL's start -> its answer

    def header_call_plain_http(self, offset: int) -> bool | None:
        """For a header written at `offset`."""
        return self.header_call_read(offset)[0]

    def header_call_read(self, offset: int) -> tuple[bool | None, int, int]:
        """`header_call_plain_http`, with the span of text the answer read (from, to:
        exclusive; from is -1 when it read farther than it tells, as a headers variable's use)."""
        text = self._text
        found, lowest = _sender_read(text, offset)
        if found is None:
            return None, lowest, offset
        kind, position = found
        if kind == "variable":  # `headers = {...}`: the call it is handed to sends it
            use = self._next_use(position, offset)
            found = _sender(text, use) if use is not None else None
            if found is None or found[0] != "call":
                return None, -1, len(text)
            return self.url_plain_http(_skip_space(text, found[1] + 1)), -1, len(text)
        decision, low, high = self.url_read(_skip_space(text, position + 1))
        return decision, min(lowest, low), max(offset, high)

    def url_plain_http(self, start: int) -> bool | None:
        """For the URL expression starting at `start`: a string, a name, or an interpolation
        or concatenation the URL is built on (`${BASE}/x`, `f"{BASE}/x"`, `BASE + "/x"`)."""
        return self.url_read(start)[0]

    def url_read(self, start: int) -> tuple[bool | None, int, int]:
        """`url_plain_http`, with the span of text the answer read (from, to: exclusive).
        Remembered by the text around `start` when the answer read nothing outside it (a
        bundle builds `${BASE}/search?...` 100,000 times); the file's bindings are the same."""
        text = self._text
        end = start + URL_AHEAD
        known = self._urls.get(text, start, end)
        if known is not MISSING:
            return known[0], start + known[1], start + known[2]
        decision, low, high = self._url(start, 0)
        if min(high, len(text)) <= end:
            self._urls.put(text, start, end, None, low, (decision, low - start, high - start))
        return decision, low, high

    def _url(self, start: int, depth: int) -> tuple[bool | None, int, int]:
        """`url_plain_http`, with the span of text the answer read (from, to: exclusive)."""
        if depth > MAX_DEPTH:
            return None, start, start
        text = self._text
        high = start + 8  # what the patterns below read when they do not match
        if _URL.match(text, start):
            host = _SCHEME_HOST.match(text, start, start + MAX_URL)  # what _decide reads of its text
            read = start + MAX_URL if host is None else min(start + MAX_URL, host.end() + 1)
            return _decide(text[start:start + MAX_URL]), start, max(high, read)
        quote = _STRING_START.match(text, start)
        if quote:
            decision, low, inner = self._url(quote.end(), depth + 1)
            return decision, low, max(high, inner)
        interpolation = _INTERPOLATION.match(text, start)
        if interpolation:
            decision, low, inner = self._url(interpolation.end(), depth + 1)
            return decision, low, max(high, inner, interpolation.end() + 1)
        name = _NAME.match(text, start)
        if name:
            return self._name_plain_http(name.group(0)), start, max(high, _name_read(text, name.end()))
        joined = _name_joined_before(text, start)  # `BASE + "/search?key="`: the string opens at start
        return (self._name_plain_http(joined) if joined else None), max(0, start - _JOIN_LOOK), high

    def _name_plain_http(self, name: str) -> bool | None:
        last = _DOT.split(name)[-1] if "." in name else name
        decisions = self.bindings().get(last, set())
        return next(iter(decisions)) if len(decisions) == 1 else None  # unbound, or bound both ways

    def bindings(self) -> dict[str, set[bool]]:
        """Names the file binds to a URL string (`BASE = "http://..."`, `base: 'https://...'`),
        with the plain-http decision of each URL given: found from each URL backwards, once."""
        if self._bindings is None:
            self._bindings = {}
            text = self._text
            for m in anchored.finditer(_URL, text, _URL_LITERALS):
                quote = m.start() - 1
                if quote < 0 or text[quote] not in "\"'`":
                    continue
                name = _assigned_name(text, quote - _prefix_length(text, quote), allow_colon=True)
                if name:
                    self._bindings.setdefault(name, set()).add(_decide(text[m.start():m.start() + MAX_URL]))
        return self._bindings

    def _next_use(self, opener: int, after: int) -> int | None:
        """Where the variable assigned the container opening at `opener` is next used (not
        assigned again), within MAX_FORWARD characters after `after`."""
        text = self._text
        name = _assigned_name(text, opener, allow_colon=False)
        if name is None:
            return None
        use = re.compile(rf"(?<![\w$.]){re.escape(name)}(?![\w$])(?!\s*=(?!=))")
        found = use.search(text, after, min(len(text), after + MAX_FORWARD))
        return found.start() if found else None


def _name_read(text: str, end: int) -> int:
    """Where `_NAME`'s reading stopped, for a match ending at `end`: it read on over the spaces
    after the name, a `.` and the spaces after that, and one character more."""
    i = _SPACES.match(text, end).end()
    if text.startswith(".", i):
        i = _SPACES.match(text, i + 1).end()
    return i + 1


def _decide(url: str) -> bool:
    m = _SCHEME_HOST.match(url)
    if m is None:
        return False
    host = urls.host_of(m.group(2))
    return m.group(1).lower() in ("http", "ws") and "kaman" in host and not urls.is_local_host(host)


def _skip_space(text: str, i: int) -> int:
    while i < len(text) and text[i] in " \t\r\n":
        i += 1
    return i


def _prefix_length(text: str, quote: int) -> int:
    """Characters of a string prefix (`f`, `rb`) right before the quote at `quote`."""
    n = 0
    while n < 2 and quote - n - 1 >= 0 and text[quote - n - 1] in "fFrRbBuU":
        n += 1
    return n


_ASSIGNED_LOOK = 120  # characters before an opener read for the name it is assigned to


def _assigned_name(text: str, opener: int, allow_colon: bool) -> str | None:
    """The name assigned what opens at `opener` (`NAME = {`, `const NAME = "`, `self.NAME =`;
    with `allow_colon`, also `NAME: "` and `"NAME": "`)."""
    before = text[max(0, opener - _ASSIGNED_LOOK):opener].rstrip()
    if before.endswith("=") and not before.endswith(("==", "!=", "<=", ">=", "=>")):
        before = before[:-1]
    elif allow_colon and before.endswith(":") and not before.endswith("::"):
        before = before[:-1]
    else:
        return None
    before = before.rstrip().rstrip("\"'")
    length = _NAME_BACKWARDS.match(before[::-1]).end()
    name = before[len(before) - length:]
    return name if name and not name[0].isdigit() else None


_JOIN_LOOK = 120  # characters before a string read for the name joined to it


def _name_joined_before(text: str, start: int) -> str | None:
    """`BASE + "/search"`: the name joined to the string whose text starts at `start`."""
    if start == 0 or text[start - 1] not in "\"'`":
        return None
    before = text[max(0, start - _JOIN_LOOK):start - 1].rstrip()
    if not before.endswith("+"):
        return None
    before = before[:-1].rstrip()
    length = _NAME_BACKWARDS.match(before[::-1]).end()
    name = before[len(before) - length:]
    return name if name and not name[0].isdigit() else None


# `_sender` looks back SENDER_LOOKS[-1] characters first: a walk that ends within them (on the `;`
# before the statement, or on the call's `(`) and reads nothing before them has the same answer
# wherever those characters are, so it is remembered by them (a bundle sends one header from
# the same call 100,000 times). Any other walk is done again with the full MAX_BACK.
SENDER_LOOKS = (64, 256)
_SENDERS = 4096  # windows remembered, per look
_senders = WindowMemo(SENDER_LOOKS, _SENDERS)  # the text before a header -> its sender, relative


def _sender(text: str, offset: int) -> tuple[str, int] | None:
    """What sends the text at `offset`: ("call", its `(`) for the call whose arguments hold it,
    or ("variable", the `{`/`[`) for a container assigned to a name; None when the statement
    starts first, or nothing is found within MAX_BACK characters."""
    return _sender_read(text, offset)[0]


def _sender_read(text: str, offset: int) -> tuple[tuple[str, int] | None, int]:
    """`_sender`, and the lowest offset its answer read (-1 when it read back farther than
    SENDER_LOOKS[-1] characters)."""
    known = _senders.get(text, offset, offset)
    if known is not MISSING:
        return ((known[0], offset - known[1]) if known[0] else None), offset - known[2]
    look = SENDER_LOOKS[-1]
    if offset >= look:
        found, lowest = _sender_walk(text, offset, offset - look)
        if lowest >= offset - look:
            _senders.put(text, offset, offset, None, lowest,
                         (found[0], offset - found[1], offset - lowest) if found else ("", 0, offset - lowest))
            return found, lowest
    return _sender_walk(text, offset, max(0, offset - MAX_BACK))[0], -1


def _sender_walk(text: str, offset: int, floor: int) -> tuple[tuple[str, int] | None, int]:
    """`_sender` with the walk stopped at `floor`, and the lowest offset the answer read
    (`floor - 1` when the walk reached `floor` without an answer: a farther floor may give another)."""
    lowest = offset
    for position, char in _unmatched_openers(text, offset, floor):
        if char == ";":  # the statement starts here: nothing sends it
            return None, min(lowest, position)
        if char == "(":
            lowest = min(lowest, position - 1)
            if position > 0 and _NAME_CHAR.match(text, position - 1):
                return ("call", position), lowest
        elif _assigned_name(text, position, allow_colon=False):
            return ("variable", position), min(lowest, position - _ASSIGNED_LOOK)
        else:
            lowest = min(lowest, _unassigned_read(text, position))
    return None, floor - 1


def _unassigned_read(text: str, opener: int) -> int:
    """The lowest offset `_assigned_name(text, opener, allow_colon=False)` read to answer None:
    back over the spaces before `opener` to the character it tested for `=` (with one to spare),
    or its whole look when that character is `=` (it then read on to the name)."""
    look = max(0, opener - _ASSIGNED_LOOK)
    before = text[look:opener].rstrip()
    return look if before.endswith("=") else max(look, look + len(before) - 2)


def _unmatched_openers(text: str, offset: int, floor: int) -> Iterator[tuple[int, str]]:
    """The brackets open at `offset`, innermost first, until a `;` outside them all (yielded
    last), or `floor`."""
    pending: list[str] = []  # closers met going back, not yet matched
    inside = False
    end, width = offset, 128
    while end > floor:
        start = max(floor, end - width)
        chunk = text[start:end][::-1]
        for m in _BRACKETS.finditer(chunk):
            char, position = m.group(0), end - 1 - m.start()
            if char in _CLOSERS:
                pending.append(char)
            elif char == ";":
                if not pending and not inside:
                    yield position, char
                    return
            elif pending:
                if _CLOSERS[pending[-1]] == char:
                    pending.pop()
            else:
                inside = True
                yield position, char
        end, width = start, width * 4
