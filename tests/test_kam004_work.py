"""KAM004 on one-line bundles: the work per file, counted (never timed). Issue 13 target 4: a
20 MiB bundle dense with key-shaped URLs scans in under 2 s; these pin the pieces that made it
take minutes."""

from __future__ import annotations

from fakekeys import make_key

from kaman_lint import comments, engine
from kaman_lint.config import Config
from tests.growth import lines_run

KEY = make_key(43)
UNIT = ('fetch(`${B}/v2/search?q=${q}&key=${kamanKey}`);'
        'fetch(u,{headers:{Authorization:`Bearer ${kamanKey}`}});'
        'axios.get(u,{params:{key:kamanKey}});')


def scan_text(name: str, text: str):
    config = Config().with_overrides(select=["KAM004"])
    return engine.scan([], config, root=engine.Path.cwd(), stdin=text.encode(), stdin_filename=name, jobs=1)


def test_the_comment_lexer_runs_once_per_file(monkeypatch):
    """Each of KAM004's passes (interpolations, parameter structures, headers) asks whether a
    match sits in a comment; the answer needs the file's multi-line templates, lexed once."""
    calls = []
    original = comments.TemplateLexer.__init__
    monkeypatch.setattr(comments.TemplateLexer, "__init__",
                        lambda self, text: calls.append(1) or original(self, text))
    text = 'const B="http://api.kaman.io";`a\nb`;' + UNIT * 20 + "\n"
    result = scan_text("bundle.js", text)
    assert sum(f.occurrences for f in result.findings) == 60  # repeats on the line: 3 findings
    assert len(calls) == 1


def test_a_one_line_bundle_is_lexed_only_as_far_as_the_offsets_asked():
    """Nobody asks about an offset past a line's first MAX_PREFIX characters (never a comment):
    on a one-line bundle the lexer stops near its start, not at its end."""
    text = UNIT * 5000 + "\n"
    at = comments.locator(text, "javascript")
    assert at(300) is comments.JAVASCRIPT
    assert lines_run(lambda: at(comments.MAX_PREFIX)) < 20_000
    assert lines_run(lambda: comments._multiline_templates(text)) > 100_000  # what a whole lexing costs


def test_the_lazy_locator_answers_as_the_whole_lexing_does():
    text = ("var a=`x\ny`;// `z\n" + UNIT + "`${`in\nner`}\n`;/`/;'`';\n") * 30 + "`open\n"
    regions = comments._multiline_templates(text)
    assert regions
    at = comments.locator(text, "typescript")
    offsets = list(range(len(text)))
    offsets = offsets[::7] + offsets[::-3] + offsets  # out of order, then all
    for offset in offsets:
        inside = any(start <= offset < end for start, end, _ in regions)
        assert (at(offset) is comments.NO_COMMENTS) == inside, offset


def test_the_comment_lexer_steps_over_code_at_c_speed():
    """The lexer stops at quotes, slashes and backticks (and braces inside `${...}`), not at
    every character: a long stretch of plain code costs a few steps."""
    plain = "var " + "abc=d+e*f;" * 10_000
    assert lines_run(lambda: comments._multiline_templates(plain)) < 100
    strings = "x('" + "a" * 50_000 + "');`" + "b" * 50_000 + "`;"
    assert lines_run(lambda: comments._multiline_templates(strings)) < 200


def test_a_line_is_walked_once_for_comments_however_many_matches_it_holds():
    """Whether a match sits in a comment is told by walking its line's text before it (up to
    4 KiB): one walk per line, not one per match (100 headers on a 4 KiB line: 100 walks)."""
    line = ('fetch(u,{headers:{Authorization:tok}});' * 100)[:4000] + "\n"
    text = 'var B="http://api.kaman.io";\n' + line * 2
    steps = lines_run(lambda: scan_text("client.js", text))
    assert steps < 10 * len(text), steps  # one walk per match ran 4.5M lines here


def test_a_file_without_key_aliases_is_searched_for_them_once(monkeypatch):
    """Finding a file's local aliases of a key walks its assignments twice (an alias of an
    alias) only when the first walk found one: without, the second walk would repeat it."""
    from kaman_lint.lang import url_keys

    asked = []
    original = url_keys.KeyCarriers.carrier
    monkeypatch.setattr(url_keys.KeyCarriers, "carrier",
                        lambda self, *args, **kwargs: asked.append(args[1:3]) or original(self, *args, **kwargs))
    # (values that name Kaman: the first walk reads only those, and those with a key literal)
    text = ('BASE = "https://api.kaman.io"\n' + "".join(f"value_{i} = kaman_client({i})\n" for i in range(50))
            + 'requests.get(BASE, params={"q": q})\n')
    scan_text("app.py", text)
    assignments = [span for span in asked if span[0] < text.index("requests")]
    assert len(assignments) == 50, len(assignments)  # the URL is no plain value: not an assignment it reads
    aliased = f'KEY = "{KEY}"\nkey = KEY\nother = key\n' + text
    asked.clear()
    result = scan_text("app.py", aliased.replace('{"q": q}', '{"key": other}'))
    assert [f.rule_id for f in result.findings] == ["KAM004"]


def test_a_repeated_url_is_placed_and_its_carrier_named_once(monkeypatch):
    """A bundle builds one URL and one header thousands of times: the URL place of a query
    value and the key names in a value are worked out once per distinct text around them
    (the text each reads), not once per repeat; the findings still count every repeat."""
    from kaman_lint.lang import url_keys, urls

    places, walks = [], []
    place_at, named = urls.place_at, url_keys.KeyCarriers._named
    monkeypatch.setattr(urls, "place_at", lambda *a, **k: places.append(1) or place_at(*a, **k))
    monkeypatch.setattr(url_keys.KeyCarriers, "_named", lambda self, *a: walks.append(1) or named(self, *a))
    text = 'const B="http://api.kaman.io";' + UNIT * 2000 + "\n"
    result = scan_text("bundle.js", text)
    assert sum(f.occurrences for f in result.findings) == 6000
    assert len(places) < 20
    assert len(walks) < 50


def test_a_repeated_url_run_is_walked_back_once(monkeypatch):
    """The walk back from a query value to its URL's start (over `${B}`, `${q}`) reads only the
    FIRST_LOOK characters before the value when it ends within them: a bundle building one URL
    100,000 times walks it once per distinct stretch of text before it, not once per repeat."""
    from kaman_lint.lang import urls

    walks = []
    original = urls._run_start
    monkeypatch.setattr(urls, "_run_start", lambda *a: walks.append(1) or original(*a))
    monkeypatch.setattr(urls, "_runs", urls.BoundedMemo(urls._RUN_MEMO))
    text = 'const B="http://api.kaman.io";' + UNIT * 2000 + "\n"
    result = scan_text("bundle.js", text)
    assert sum(f.occurrences for f in result.findings) == 6000
    assert len(walks) < 20, len(walks)


def _assert_linear_without_memo(memo, line_of) -> None:
    """Lines run for `line_of(200)` and `line_of(800)`, `memo` emptied before each: the work grows
    with the line (4x the items, under 4.6x the lines run), not faster."""

    def steps(n: int) -> int:
        memo.clear()
        return lines_run(lambda: scan_text("bundle.js", line_of(n)))

    scan_text("bundle.js", line_of(10))  # warm up: lazy imports, compiled patterns
    small, large = steps(200), steps(800)
    assert large / small < 4.6, (small, large)


def _distinct_long_urls(n: int) -> str:
    """`n` URLs, each longer than the first look and each unlike the others (a counter in its
    path): no walk is remembered, and each first look stops at its edge."""
    return ('const B="http://api.kaman.io";'
            + "".join(f"fetch(`${{B}}/{'p' * 150}/{i}/${{q}}?q=${{q}}&key=${{kamanKey}}`);" for i in range(n))
            + "\n")


def test_url_runs_longer_than_the_first_look_stay_linear():
    """A line of URLs none alike and each past the first look: every value's run is walked
    again over MAX_RUN, a bounded walk each, so the work grows with the line, not faster."""
    from kaman_lint.lang import urls

    _assert_linear_without_memo(urls._runs, _distinct_long_urls)


def test_a_repeated_header_call_and_url_base_are_worked_out_once(monkeypatch):
    """A bundle sends one header from the same call, and builds one URL on the same base,
    thousands of times: the walk back from a header to its call and the plain-http decision of
    a URL's start are made once per distinct text they read, not once per repeat."""
    from kaman_lint.lang import request_urls

    walks, urls_read = [], []
    walk, url = request_urls._sender_walk, request_urls.RequestUrls._url
    monkeypatch.setattr(request_urls, "_sender_walk", lambda *a: walks.append(1) or walk(*a))
    monkeypatch.setattr(request_urls.RequestUrls, "_url", lambda self, *a: urls_read.append(1) or url(self, *a))
    monkeypatch.setattr(request_urls, "_senders", request_urls.WindowMemo(request_urls.SENDER_LOOKS, request_urls._SENDERS))
    text = 'const B="http://api.kaman.io";' + UNIT * 2000 + "\n"
    result = scan_text("bundle.js", text)
    assert sum(f.occurrences for f in result.findings) == 6000
    assert len(walks) < 20, len(walks)
    assert len(urls_read) < 40, len(urls_read)


def _distinct_far_calls(n: int) -> str:
    """`n` headers, each sent by a call whose `(` is past the sender's first look and each
    unlike the others: no walk is remembered, every first look stops at its edge."""
    return ('const B="http://api.kaman.io";'
            + "".join(f'fetch(u,{{a:"{"p" * 300}{i}",headers:{{Authorization:`Bearer ${{kamanKey}}`}}}});'
                      for i in range(n))
            + "\n")


def test_header_calls_past_the_first_look_stay_linear():
    """A line of headers whose calls all start past the first look, none alike: each is walked
    again over MAX_BACK, a bounded walk each, so the work grows with the line, not faster."""
    from kaman_lint.lang import request_urls

    _assert_linear_without_memo(request_urls._senders, _distinct_far_calls)


def test_a_repeated_query_value_is_judged_once(monkeypatch):
    """A bundle builds `?q=${q}&key=${kamanKey}` 100,000 times among other code: each query
    value's verdict is worked out once per distinct text it read (the URL back to its start,
    the value and what `carriers` reads after it), whatever code comes before that."""
    from kaman_lint.lang import url_keys

    verdicts = []
    original = url_keys._verdict
    monkeypatch.setattr(url_keys, "_verdict", lambda *a: verdicts.append(1) or original(*a))
    filler = ("function f(a){return a+1}", "var c=[1,2,3].map(f);", "var t=`${S}/items?page=${n}&size=20`;")
    units = "".join(UNIT + filler[i % 3] * (1 + i % 5) for i in range(2000))
    result = scan_text("bundle.js", 'const B="http://api.kaman.io";' + units + "\n")
    assert sum(f.occurrences for f in result.findings) == 6000
    assert len(verdicts) < 60, len(verdicts)


def test_a_repeated_header_is_judged_once(monkeypatch):
    """A bundle sends `Authorization: Bearer ${kamanKey}` from the same call 100,000 times: a
    header's verdict (its carrier, its call and the call's URL) is worked out once per distinct
    text it read, and a plain-http header is still reported at every repeat."""
    from kaman_lint.lang import url_keys

    verdicts = []
    original = url_keys._header_verdict
    monkeypatch.setattr(url_keys, "_header_verdict", lambda *a: verdicts.append(1) or original(*a))
    unit = 'fetch(B,{headers:{Authorization:`Bearer ${kamanKey}`}});fetch(u,{headers:{Authorization:kamanKey}});'
    filler = ("function f(a){return a+1}", "var c=[1,2,3].map(f);")
    units = "".join(unit + filler[i % 2] * (1 + i % 3) for i in range(2000))
    result = scan_text("bundle.js", 'const B="http://api.kaman.io",S="https://api.kaman.io";' + units + "\n")
    assert sum(f.occurrences for f in result.findings) == 2000  # the calls to B only: plain http
    assert len(verdicts) < 40, len(verdicts)


def test_assignments_are_tried_at_line_starts_only_with_the_same_matches():
    """Key aliases are looked for with a `^...$` pattern: tried at each line's start only (the
    regex engine tries `^` at every character of a 20 MiB one-line bundle), and found exactly
    where `finditer` finds them, matches spanning lines included."""
    import random

    from kaman_lint.lang import line_matches, url_keys

    rng = random.Random(13)
    pieces = ["const ", "x", " = ", "kamanKey", "\n", "  ", "export ", "a.b", ": str", "=", "==", '"k"',
              "\t", " ", ";", "y=KAMAN_API_KEY\n", "\n\n", "(", ")", "$"]
    for _ in range(3000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 40)))
        expected = [(m.span(), m.groups()) for m in url_keys._ASSIGNMENT.finditer(text)]
        assert [(m.span(), m.groups()) for m in line_matches.every(url_keys._ASSIGNMENT, text)] == expected
    tried = []

    class Counting:
        def match(self, text, pos):
            tried.append(pos)
            return url_keys._ASSIGNMENT.match(text, pos)

    list(line_matches.every(Counting(), "var a=1;" * 10_000 + "\nx = KAMAN_API_KEY\n"))
    assert len(tried) == 3


def test_the_first_alias_walk_tries_only_the_lines_near_a_literal_or_a_kaman_name(monkeypatch):
    """A 2,000-line module with one key: the walk for its aliases tries the assignment pattern
    at the line starts around the key's line, not at all 2,000 (5 ms of a scan)."""
    from kaman_lint.lang import line_matches, url_keys

    tried = []
    original = line_matches.near

    def near(pattern, text, lines, carried):
        class Counting:
            def match(self, text, pos):
                tried.append(pos)
                return pattern.match(text, pos)
        return original(Counting(), text, lines, carried)

    monkeypatch.setattr(line_matches, "near", near)
    body = "".join(f"def f{i}(a):\n    x = g(a)\n    return x\n\n" for i in range(500))
    text = f'import requests\n{body}KEY = "{KEY}"\nother = KEY\nrequests.get(u, params={{"key": other}})\n'
    result = scan_text("app.py", text)
    assert [f.rule_id for f in result.findings] == ["KAM004"]
    assert 0 < len(tried) <= 3, len(tried)
    assert url_keys._BEFORE_VALUE_LINE.pattern  # the pattern `near` was given


def test_the_walk_near_some_lines_finds_what_the_full_walk_finds_there():
    """`line_matches.near` yields only matches of the full walk, and every one that ends on a
    line asked about, matches reaching over lines included (random texts of assignment pieces)."""
    import random

    from kaman_lint.lang import line_matches, url_keys

    rng = random.Random(17)
    pieces = ["const ", "x", " = ", "kamanKey", "\n", "  ", "export ", "a.b", ": str", "=", "==", '"k"',
              "\t", " ", ";", "y=KAMAN_API_KEY\n", "\n\n", "(", ")", "$", ":", "\n", "|", "[", "]", "else:\n"]
    pattern, carried = url_keys._ASSIGNMENT, url_keys._BEFORE_VALUE_LINE
    for _ in range(4000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 40)))
        full = [(m.span(), m.groups()) for m in line_matches.every(pattern, text)]
        starts = [0] + [i + 1 for i, c in enumerate(text) if c == "\n"]
        lines = sorted(rng.sample(starts, rng.randint(0, len(starts))))
        found = [(m.span(), m.groups()) for m in line_matches.near(pattern, text, lines, carried)]
        assert all(f in full for f in found) and found == sorted(found), (text, lines)
        ends_on = [f for f in full if text.rfind("\n", 0, f[0][1]) + 1 in lines]
        assert all(f in found for f in ends_on), (text, lines)


def test_the_lines_carrying_a_literal_or_a_kaman_name_are_found_in_one_pass(monkeypatch):
    """A module of 2,000 key literals and no Kaman name: the name is searched for once (each
    search reads on to the end of the text; one per line would be quadratic), and every
    line with a literal or a name is named, in order."""
    from kaman_lint.lang import url_keys

    searches = []
    real = url_keys.KAMAN_NAME

    class Counting:
        def search(self, text, pos=0):
            searches.append(pos)
            return real.search(text, pos)

    monkeypatch.setattr(url_keys, "KAMAN_NAME", Counting())
    lines = [f'a{i} = "..."\n' for i in range(2000)] + ["kaman_url = 1\n", "b = 2\n"]
    text = "".join(lines)
    starts = [sum(map(len, lines[:i])) for i in range(len(lines))]
    carriers = url_keys.KeyCarriers.__new__(url_keys.KeyCarriers)
    carriers._text, carriers._offsets = text, [start + 5 for start in starts[:2000]]
    assert list(carriers._carrying_lines()) == starts[:2001]
    assert len(searches) <= 2, len(searches)
