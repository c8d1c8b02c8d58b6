"""KAM004 key-in-url."""

from __future__ import annotations

import bisect
from collections.abc import Iterable

from kaman_lint import repeats
from kaman_lint.facts import FileFacts
from kaman_lint.findings import Finding, Severity
from kaman_lint.lang.url_keys import UrlKeyUse, find_by_use
from kaman_lint.rules.base import Rule

_WHERE = {
    "query": "in a URL query string",
    "path": "in a URL path",
    "userinfo": "in a URL's credentials",
    "params": "in query parameters (they are sent as the URL's query string)",
    "header": "in a request header",
}


class KeyInUrl(Rule):
    """A Kaman API key is put into a URL, or sent to a Kaman URL over plain http.

    ## What it flags
    - A Kaman key literal inside a URL's query, path or credentials, in any file:
      `https://api.kaman.io/v2/search?key=kam_...`, `?api_key=kam_...`, `/v2/kam_.../search`,
      `https://kam_...@api.kaman.io`.
    - Code that builds a URL with a Kaman key in its query: template literals and
      concatenation (`` `${BASE}/search?key=${process.env.KAMAN_API_KEY}` ``,
      `"?key=" + kamanApiKey`), Python f-strings (`f"...&key={KAMAN_KEY}"`), shell and dotenv
      expansion (`?key=$KAMAN_API_KEY`), template prints (`?key={{ kaman_api_key }}`), and query
      parameter structures: `params={"key": KAMAN_KEY}` (requests, httpx), axios
      `params: {...}`, `urlencode({...})`, `new URLSearchParams({...})`,
      `url.searchParams.set("key", ...)`.
    - A key (literal or variable) sent in a header (`Authorization`, `X-Kaman-Key`) by a call to
      a Kaman host over plain `http://`: the key travels unencrypted. Decided per call, by the
      URL that call uses (`fetch(URL, {headers})`, `requests.get(f"{BASE}/x", headers=headers)`,
      with `BASE = "http://..."` in the file); another call in the file to an `http://` URL does
      not make this one plain http. When the call's URL cannot be told, the header counts as
      plain http only if every Kaman URL in the file is. In scripts and docs: a header in the
      same block (a `curl` command) as a plain-http Kaman URL.

    A variable carries a Kaman key when its name says so (`KAMAN_API_KEY`, `kamanApiKey`,
    `settings.KAMAN_API_KEY`) or when the file assigns it a key literal or such a name
    (`KEY = "kam_..."`, `const apiKey = process.env.KAMAN_API_KEY`). With a Kaman URL written out,
    a key-named parameter and variable are enough (`https://api.kaman.io/...?api_key=${apiKey}`).

    Not flagged: the key in an `Authorization` or `X-Kaman-Key` header over https; `?key=` with a
    placeholder or a variable that is not a Kaman key (`?key=${MAPS_KEY}`); placeholders in docs
    and comments (`?key={KAMAN_API_KEY}` in Markdown); identifiers with `kam_` in a URL;
    `http://localhost`, private addresses and single-label service names (`http://kaman:7700`).

    Severity: warning for an https URL (the call works, but the key is written to logs), error
    for plain http (the key crosses the network in clear text). Its `security-severity` is 6.5
    (medium): the key is not in the repository, but it is copied to every server, proxy and
    browser log on the way, where more people can read it than should.

    ## Why is this bad?
    The Kaman authentication guide says the key belongs in the `Authorization` header
    (`Authorization: Bearer kam_...`), never in a query string. A URL is written to web server
    and load balancer access logs, proxy and CDN logs, browser history and bookmarks, and sent to
    other sites in the `Referer` header; anyone who can read any of those can call the Kaman API
    as you. Over plain `http://`, the key also travels unencrypted, readable on every network hop.

    ## Example
    ```python
    requests.get(f"https://api.kaman.io/v2/search?q={q}&key={KAMAN_API_KEY}")
    requests.get("https://api.kaman.io/v2/search", params={"q": q, "key": KAMAN_API_KEY})
    ```

    ## Use instead
    ```python
    requests.get(
        "https://api.kaman.io/v2/search",
        params={"q": q},
        headers={"Authorization": f"Bearer {os.environ['KAMAN_API_KEY']}"},
    )
    ```

    ## How to fix
    1. Rotate the key in the Kaman dashboard: every URL that carried it is already in logs you
       do not control (and over http, it may have been read on the wire).
    2. Send the key in the `Authorization: Bearer` header, over `https://` only.
    3. Purge or restrict access to the logs that recorded the old URLs, if you own them.

    ## Suppressing
    Add a comment on the line or the line above, with a reason:
    `# kaman-lint: ignore[KAM004] -- local mock server, never a real key`.
    """

    id = "KAM004"
    name = "key-in-url"
    severity = Severity.WARNING
    security_severity = "6.5"
    precision = "high"
    tags = ("security", "secrets", "external/cwe/cwe-598", "external/cwe/cwe-319")
    cwe = ("CWE-598", "CWE-319")

    def check(self, facts: FileFacts) -> Iterable[Finding]:
        # A bundle repeats one URL 100,000 times on its line: the repeats of a use (same line
        # and use: key, kind and message) are gathered here, before any finding is made, into
        # one finding with their count (kaman_lint/repeats.py); only the places a finding shows
        # are turned into columns. Each message is written once per use.
        by_use = find_by_use(facts)
        line_starts = facts.source.line_starts
        # All on the first line (a bundle's 140,000 uses, with its trailing newline or not):
        # gathered by use alone, as `find_by_use` gives them, with no step for each.
        last = max((offsets[-1] for offsets in by_use.values()), default=0)
        gathered: dict[tuple[int, UrlKeyUse], list] = {}  # (line, use) -> [offset, count, offsets shown]
        if len(line_starts) == 1 or last < line_starts[1]:
            for use, offsets in sorted(by_use.items(), key=lambda item: item[1][0]):
                gathered[1, use] = [offsets[0], len(offsets), offsets[1:1 + repeats.MAX_SHOWN]]
        else:
            uses = {offset: use for use, offsets in by_use.items() for offset in offsets}
            for offset in sorted(uses):
                use = uses[offset]
                key = (bisect.bisect_right(line_starts, offset), use)
                entry = gathered.get(key)
                if entry is None:
                    gathered[key] = [offset, 1, []]
                    continue
                entry[1] += 1
                if len(entry[2]) < repeats.MAX_SHOWN:
                    entry[2].append(offset)
        messages: dict[UrlKeyUse, str] = {}
        for (line, use), (offset, count, shown) in gathered.items():
            message = messages.get(use)
            if message is None:
                message = messages[use] = self.message(use)
            start = line_starts[line - 1] - 1  # columns are 1-based
            yield Finding(self.id, Severity.ERROR if use.plain_http else self.severity,
                          facts.location(line, offset - start), message, use.fingerprint, use.preview,
                          occurrences=count, repeats=tuple(facts.location(line, o - start) for o in shown))

    @staticmethod
    def message(use: UrlKeyUse) -> str:
        what = f"Kaman API key {use.preview}" if use.preview else f"`{use.expression}` (a Kaman API key)"
        where = _WHERE[use.where]
        if use.where == "query" and use.param:
            where += f" (`{use.param}=`)"
        if use.plain_http:
            return (f"{what} is sent unencrypted over plain http:// {where}: use https and the "
                    "`Authorization: Bearer` header, and rotate this key")
        return (f"{what} {where}: URLs end up in server, proxy and browser logs; send it in the "
                "`Authorization: Bearer` header, and rotate this key")
