"""URL text around a point in a file: which URL a piece of text belongs to, its scheme and host,
and whether the point sits in the query, the path or the credentials.

Plain text work, no parser: a URL is a run of characters without spaces or quotes, and
interpolations inside it (`${BASE}`, `{host}`, `{{ base }}`) are stepped over whole, so
`${BASE}/search?q=${q}&key=` is one URL whose query is being written.
"""

from __future__ import annotations

import ipaddress
import re

from kaman_lint import lazy_re
from kaman_lint.lang import anchored
from kaman_lint.memo import BoundedMemo
from kaman_lint.named_tuples import NamedTuple

# Characters that end a URL written in code or text: whitespace, quotes, brackets.
_STOP = frozenset(" \t\r\n\"'`<>()[]|^,;{}")
_OPENERS = {"}": "{", ")": "("}
# The query parameter being written right before a point: `?key=`, `&api_key=`, `&amp;key=`.
QUERY_PARAM = lazy_re.compile(r"(?:\?|&(?:amp;)?)([\w.\-\[\]%]+)=$")
_SCHEME = lazy_re.compile(r"\b(https?|wss?)://([^/?#\s]*)", re.I)
_API_PATH = lazy_re.compile(r"^/(?:api|v\d+)/")
URL_SCHEMES = ("http", "https", "ws", "wss")


class UrlPlace(NamedTuple):
    """Where in a URL a point sits."""

    part: str  # "query", "path" or "userinfo"
    param: str | None  # the query parameter, for "query"
    scheme: str | None  # lowercase, when the URL's start is written out
    host: str | None

    @property
    def plain_http(self) -> bool:
        """Sent unencrypted to a host off this machine and off the private network."""
        return self.scheme in ("http", "ws") and self.host is not None and not is_local_host(self.host)

    @property
    def kaman_host(self) -> bool:
        return self.host is not None and "kaman" in self.host.lower()


# How far back a URL run is followed, and through how many interpolations: a real URL is far
# shorter; the bounds keep a one-line bundle of `?q=${v}` ×20,000 linear.
MAX_RUN = 2048
MAX_INTERPOLATIONS = 32
# A stretch of URL characters, matched on the reversed text (C speed, not a Python loop).
MAX_BRACKET_WALK = 400  # characters _skip_back walks back from a closer to its opener
_URL_CHARS = lazy_re.compile("[^" + re.escape("".join(sorted(_STOP))) + "]*")


# The first look back: most runs end well within it, and only a run whose walk was stopped by
# its edge (not by the text) is walked again over MAX_RUN. A walk the edge did not stop reads
# nothing but the FIRST_LOOK characters before `end`, so its answer is remembered by them: a
# bundle builds the same URL 100,000 times.
FIRST_LOOK = 128
_RUN_MEMO = 4096  # windows remembered
_runs = BoundedMemo(_RUN_MEMO)  # the FIRST_LOOK characters before a point -> (run length, characters read)


def run_start(text: str, end: int) -> int:
    """Start of the URL run that ends at `end`: back over URL characters and whole
    interpolations (`${...}`, `{...}`, `$(...)`), never past the line (nor past MAX_RUN
    characters or MAX_INTERPOLATIONS interpolations)."""
    return run_start_read(text, end)[0]


def run_start_read(text: str, end: int) -> tuple[int, int]:
    """`run_start`, and the lowest offset its answer read (-1 when it read back farther than
    the FIRST_LOOK characters before `end`)."""
    if end < FIRST_LOOK:
        return _run_start(text, end, max(0, end - MAX_RUN))[0], -1
    window = text[end - FIRST_LOOK:end]
    known = _runs.get(window)
    if known is not None:
        return end - known[0], end - known[1]
    start, stopped_by_edge, lowest = _run_start(text, end, end - FIRST_LOOK)
    if stopped_by_edge:
        return _run_start(text, end, max(0, end - MAX_RUN))[0], -1
    _runs.put(window, (end - start, end - lowest))
    return start, lowest


def _run_start(text: str, end: int, floor: int) -> tuple[int, bool, int]:
    """The run's start with `floor` as the edge, whether the edge stopped the walk (its answer
    might then differ with a farther edge), and the lowest offset read. Reads nothing before
    `floor`."""
    backwards = text[floor:end][::-1]  # backwards[k] is text[end - 1 - k]
    i, stepped = end, 0
    while True:
        i = end - _URL_CHARS.match(backwards, end - i).end()  # back over URL characters
        if i <= floor:
            return floor, True, floor
        lowest = i - 1  # the character that stopped the match
        if text[i - 1] not in _OPENERS or stepped == MAX_INTERPOLATIONS:
            return i, False, lowest
        stepped += 1
        closer = text[i - 1]
        opener = _skip_back(text, i - 1, _OPENERS[closer], closer, floor)
        if opener is None:
            # Not found: by the text (a newline, MAX_BRACKET_WALK characters), or by the edge.
            return i, floor - 1 > i - 1 - MAX_BRACKET_WALK, max(floor, i - MAX_BRACKET_WALK)
        i = opener
        while i > floor and text[i - 1] in "${#":  # `${`, `{{`, `#{`, `$(`
            i -= 1
        if i <= floor:
            return floor, True, floor


def _skip_back(text: str, close: int, opener: str, closer: str, floor: int = 0) -> int | None:
    """The offset of the opener matching the closer at `close`, on the same line."""
    depth = 0
    for i in range(close, max(floor - 1, close - MAX_BRACKET_WALK), -1):
        char = text[i]
        if char == "\n":
            return None
        if char == closer:
            depth += 1
        elif char == opener:
            depth -= 1
            if depth == 0:
                return i
    return None


def place_at(text: str, point: int, after: str = "", run: int | None = None) -> UrlPlace | None:
    """The URL place of `point` (a key or an interpolation starting there), or None when the
    text before it on its run is not a URL. `after` is the text right after the key (to tell
    credentials, `https://kam_...@host`, from a host name); `run` is `run_start(text, point)`
    when the caller has it already."""
    place = place_before(text, point, run_start(text, point) if run is None else run)
    return credentials_place(place, after) if type(place) is Credentials else place


class Credentials(NamedTuple):
    """What the text before a point says when the point may start a URL's credentials (right
    after `https://`, or `https://user:`): the text after it tells (`credentials_place`)."""

    scheme: str


def place_before(text: str, point: int, run: int) -> UrlPlace | Credentials | None:
    """`place_at` as far as the text before `point` tells: it reads `text[run:point]` alone,
    except for a run opening with `&` (`_appended_to_url` reads the line before it)."""
    prefix = text[run:point].replace("\\/", "/")
    scheme_match = _SCHEME.search(prefix)
    if scheme_match is None and "://" in prefix:
        return None  # another scheme (`postgres://`, `s3://`): not a web request
    scheme = scheme_match.group(1).lower() if scheme_match else None
    host = host_of(scheme_match.group(2)) if scheme_match else None
    query = QUERY_PARAM.search(prefix)
    if query and (query.group(0).startswith("?") or "?" in prefix[:query.start()]
                  or query.start() == 0 and _appended_to_url(text, run)):
        return UrlPlace("query", query.group(1), scheme, host)
    if scheme_match is None:
        return UrlPlace("path", None, None, None) if _API_PATH.match(prefix) and prefix.endswith("/") else None
    rest = prefix[scheme_match.end():]
    if rest:
        return UrlPlace("path", None, scheme, host) if rest.startswith("/") else None
    return Credentials(scheme)


def credentials_place(place: Credentials, after: str) -> UrlPlace | None:
    """The place of a point `place_before` calls Credentials, by the text `after` it."""
    credentials = _CREDENTIALS_END.match(after)  # `https://kam_...@host`, `https://user:kam_...@host`
    if credentials is None:
        return None  # the key would be the host name: not a URL we understand
    return UrlPlace("userinfo", None, place.scheme, host_of(_HOST.match(after, credentials.end()).group(0)))


def _appended_to_url(text: str, string_start: int) -> bool:
    """`BASE + "/search?q=" + q + "&key=..."`, `url += "&key=..."`: a string opening with
    `&name=` that continues a URL begun earlier on its line."""
    look_back = max(0, string_start - MAX_RUN)  # bounded: O(1) per string on a one-line bundle
    line = text[text.rfind("\n", look_back, string_start) + 1 or look_back:string_start]
    return line[-1:] in "\"'`" and _EARLIER_QUERY.search(line) is not None


_EARLIER_QUERY = lazy_re.compile(r"\?[\w.\-]+=|(?i:url|uri|endpoint|href|query)")
_CREDENTIALS_END = lazy_re.compile(r"[^/?#\s\"'`@]*@")
_HOST = lazy_re.compile(r"[^/?#\s\"'`]*")


def host_of(authority: str) -> str:
    """The host of a URL authority: without credentials and port, lowercase."""
    host = authority.rsplit("@", 1)[-1].lower()
    if host.startswith("["):
        return host[1:host.find("]")] if "]" in host else host[1:]
    return host.split(":", 1)[0]


def is_local_host(host: str) -> bool:
    """This machine, a private address, or a single-label name (a compose service, `kaman`):
    traffic that never crosses the internet in the clear."""
    host = host.strip().lower().rstrip(".")
    if not host or host.startswith(("$", "{", "<")):
        return True  # an interpolated host: unknown, so not called plain-http
    if host in ("localhost", "host.docker.internal") or host.endswith(".localhost"):
        return True
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return "." not in host
    return address.is_loopback or address.is_private or address.is_unspecified


PLAIN_HTTP_URL = lazy_re.compile(r"\b(?:http|ws)://([^/?#\s\"'`<>]+)", re.I)
_PLAIN_HTTP_LITERALS = (("://", (4, 2)),)  # where each match of PLAIN_HTTP_URL starts: `http` or `ws` before


def plain_http_kaman_urls(text: str) -> list[re.Match[str]]:
    """`http://` URLs to a Kaman host off the local network (`http://api.kaman.io/v2`)."""
    local: dict[str, bool] = {}  # a bundle repeats one base URL thousands of times
    found = []
    for m in anchored.finditer(PLAIN_HTTP_URL, text, _PLAIN_HTTP_LITERALS):
        authority = m.group(1)
        if "kaman" not in authority.lower():
            continue
        if authority not in local:
            local[authority] = is_local_host(host_of(authority))
        if not local[authority]:
            found.append(m)
    return found
