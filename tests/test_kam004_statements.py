"""KAM004 remembers the query-value uses of a repeated statement by its text
(`url_keys._statement`): a bundle writes `fetch(...);` 100,000 times. Counted, never timed; and compared with the same
scan judging every value alone."""

from __future__ import annotations

import random

import pytest

from fakekeys import make_key

from kaman_lint import comments, engine
from kaman_lint.config import Config
from kaman_lint.lang import url_keys
from tests.growth import growth, scan_call

KEY = make_key(44)
UNIT = ('fetch(`${B}/v2/search?q=${q}&key=${kamanKey}`);'
        'fetch(u,{headers:{Authorization:`Bearer ${kamanKey}`}});'
        'var t=`${S}/items?page=${n}&size=20`;')
HEAD = 'var B="http://api.kaman.io";var S="https://api.kaman.io/v2";'


def scan_text(name: str, text: str):
    config = Config().with_overrides(select=["KAM004"])
    return engine.scan([], config, root=engine.Path.cwd(), stdin=text.encode(), stdin_filename=name, jobs=1)


def _seen(result) -> list[tuple]:
    return sorted((f.location.line, f.location.column, f.fingerprint, f.message, f.occurrences,
                   tuple((r.line, r.column) for r in f.repeats)) for f in result.findings)


def test_a_repeated_statement_is_judged_once(monkeypatch):
    """Past the line's first MAX_PREFIX characters, each distinct statement's query values are
    judged once; the findings still count every repeat."""
    judged = []
    original = url_keys._QueryValues.use
    monkeypatch.setattr(url_keys._QueryValues, "use", lambda self, m: judged.append(1) or original(self, m))
    result = scan_text("bundle.js", HEAD + UNIT * 3000 + "\n")
    assert sum(f.occurrences for f in result.findings) == 3000  # `?key=` (the header's `u` is unknown)
    assert len(judged) < 200, len(judged)  # judged alone: 12,000


# Statements that read past their ends, or whose repeats differ only outside them: a key literal
# after a header (a header's value reaches MAX_VALUE on), a value closed in the next statement,
# `&amp;` at an end, a line break, a comment, the same statement over https and plain http.
_PIECES = (
    'fetch(`${B}/v2/search?q=${q}&key=${kamanKey}`);',
    'fetch(u,{headers:{Authorization:`Bearer ${kamanKey}`}});',
    'fetch(u,{headers:{Authorization:`Bearer ${token}`}});',
    'var t=`${S}/items?page=${n}&size=20`;',
    f'var p="https://api.kaman.io/v2/{KEY}/items";',
    f'fetch(S+"/search?key={KEY}&q="+q);',
    'var u=`${S}/x?key=${kamanKey;',
    '}`;',
    'var a="http://api.kaman.io/v2?x=1&amp;',
    'key=${kamanKey}";',
    'fetch("http://api.kaman.io/v2/items",{headers:{"X-Kaman-Key":kamanKey}});',
    'fetch(`https://api.kaman.io/v2/search?api_key=${apiKey}`);',
    '\n',
    '//',
    'function f(a){return a+1}var c=[1,2,3].map(f);',
)


def test_remembered_statements_give_what_judging_each_value_alone_gives(monkeypatch):
    rng = random.Random("kam004-statements")
    for round_ in range(6):
        text = HEAD + "".join(rng.choice(_PIECES) for _ in range(1500)) + "\n"
        remembered = _seen(scan_text("bundle.js", text))
        with monkeypatch.context() as patch:
            patch.setattr(url_keys, "_statement", lambda *a: None)
            alone = _seen(scan_text("bundle.js", text))
        assert remembered == alone, round_
        assert remembered


def test_statements_within_a_line_start_are_never_remembered():
    """Near a line's start a match may sit in a comment: judged alone there."""
    text = "x;" + "a" * (comments.MAX_PREFIX - 10) + ";fetch(`${B}?key=${kamanKey}`);"
    m = url_keys._QUERY_VALUE.search(text)
    assert url_keys._statement(text, 0, m, [0]) is None
    far = "x;" + "a" * comments.MAX_PREFIX + ";fetch(`${B}?key=${kamanKey}`);"
    m = url_keys._QUERY_VALUE.search(far)
    assert url_keys._statement(far, 0, m, [0]) == (far.index("fetch"), len(far))


def test_a_line_of_distinct_statements_stays_linear():
    """No statement alike (a counter in each): none is remembered, each is judged alone, and
    the work grows with the line."""

    def make(n: int) -> str:
        return HEAD + "".join(f"fetch(`${{B}}/p{i}?q=${{q}}&key=${{kamanKey}}`);"
                              f"fetch(u{i},{{headers:{{Authorization:`Bearer ${{kamanKey}}`}}}});"
                              for i in range(n)) + "\n"

    measured = growth(scan_call("bundle.js", make, Config().with_overrides(select=["KAM004"])), 300)
    assert measured.linear(), measured


@pytest.mark.parametrize("at_once", [url_keys._PIECES_AT_ONCE, 1, 300])  # one split, or many
def test_a_one_line_bundle_grouped_by_statement_gives_what_the_loop_gives(monkeypatch, at_once):
    """One line without `&amp;` (a bundle): its statements are grouped by their text before
    they are judged (`_interpolations_by_statement`), its headers by the text before and after
    them (`_by_window`); the findings are the loops', and those of
    every value judged alone. Pieces that read past their ends, key literals, a comment at the
    line's start, statements over MAX_STATEMENT, a last piece with no `;`."""
    monkeypatch.setattr(url_keys, "_PIECES_AT_ONCE", at_once)
    rng = random.Random("kam004-one-line")
    pieces = [p for p in _PIECES if p != "\n" and "&amp;" not in p] + [
        'fetch(`${B}/v2/search?q=${q}&key=${kamanKey}` + "' + "x" * 420 + '");',
        'g(`${B}?a=${a}&key=${kamanKey}`,`${B}?key=${KAMAN_KEY}`);',
    ]
    grouped, windowed = [], []
    original, by_window = url_keys._interpolations_by_statement, url_keys._by_window
    monkeypatch.setattr(url_keys, "_interpolations_by_statement",
                        lambda *a: grouped.append(1) or original(*a))
    monkeypatch.setattr(url_keys, "_by_window", lambda *a: windowed.append(1) or by_window(*a))
    for round_ in range(8):
        tail = rng.choice(("\n", "", 'fetch(`${B}?key=${kamanKey}`)'))
        head = rng.choice((HEAD, "// " + HEAD, "// fetch(`${B}?key=${kamanKey}`);" + HEAD,
                           'var B="http://api.kaman.io";'))  # every Kaman URL plain http: headers count
        text = head + "".join(rng.choice(pieces) for _ in range(1500)) + tail
        by_statement = _seen(scan_text("bundle.js", text))
        with monkeypatch.context() as patch:
            patch.setattr(url_keys, "_one_line", lambda *a: False)
            looped = _seen(scan_text("bundle.js", text))
            patch.setattr(url_keys, "_statement", lambda *a: None)
            alone = _seen(scan_text("bundle.js", text))
        assert by_statement == looped == alone, round_
        assert by_statement
    assert len(grouped) == len(windowed) == 8
