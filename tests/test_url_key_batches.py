"""KAM004's passes hand over a bundle's repeated uses in batches (`url_keys.find_by_use`): one
list of offsets per use of a repeated statement, not a pair per repeat. Counted, never timed;
and compared with the passes' finds taken one by one, in order."""

from __future__ import annotations

import random

from kaman_lint.lang import url_keys
from kaman_lint.lang.url_keys import UrlKeyUse
from kaman_lint.rules import kam004
from tests.test_kam004_statements import HEAD, UNIT, _PIECES, scan_text

USES = [UrlKeyUse("query", "key", False, f"fp{i}") for i in range(4)]


def _one_by_one(passes) -> dict[UrlKeyUse, list[int]]:
    """What the passes say, taken a find at a time: the first find of an offset tells its use."""
    first: dict[int, UrlKeyUse] = {}
    for found in passes:
        for offset, use in found:
            first.setdefault(offset, use)
    by_use: dict[UrlKeyUse, list[int]] = {}
    for offset in sorted(first):
        by_use.setdefault(first[offset], []).append(offset)
    return by_use


def test_an_offset_found_by_two_passes_is_the_first_ones():
    a, b, c, _ = USES
    passes = [[(5, a), (7, b)], [([5, 9, 3], c), (11, a), ([7], a)]]
    merged = url_keys._merged([iter(p) for p in passes], lambda: [])
    assert merged == {a: [5, 11], b: [7], c: [3, 9]}


def test_an_offset_a_batched_pass_finds_twice_is_told_by_the_pass_one_by_one():
    a, b, c, d = USES
    batched = [[(1, a)], [([4, 8], b), ([8, 12], c)]]  # 8 twice: a batch tells no order
    one_by_one = [[(1, a)], [(4, b), (8, c), (8, b), (12, c), (1, d)]]
    asked = []

    def unbatched():
        asked.append(1)
        return [iter(p) for p in one_by_one]

    merged = url_keys._merged([iter(p) for p in batched], unbatched)
    assert merged == {a: [1], b: [4], c: [8, 12]} == _one_by_one(one_by_one)
    assert asked == [1]


def _facts_of(monkeypatch, text: str):
    seen = []
    original = kam004.find_by_use
    monkeypatch.setattr(kam004, "find_by_use", lambda facts: seen.append(facts) or original(facts))
    scan_text("bundle.js", text)
    return seen[0]


def test_a_one_line_bundle_in_batches_gives_what_its_finds_one_by_one_give(monkeypatch):
    rng = random.Random("kam004-batches")
    pieces = [p for p in _PIECES if p != "\n" and "&amp;" not in p]
    for round_ in range(6):
        head = rng.choice((HEAD, 'var B="http://api.kaman.io";', "// " + HEAD))
        text = head + "".join(rng.choice(pieces) for _ in range(800)) + rng.choice(("\n", ""))
        facts = _facts_of(monkeypatch, text)
        expected = _one_by_one(url_keys._passes(facts, batched=False))
        assert url_keys.find_by_use(facts) == expected, round_
        assert expected, round_


def test_a_repeated_statement_comes_as_one_batch_per_use(monkeypatch):
    """2,000 repeats of a statement with a use: its finds are a handful, however many repeats."""
    text = HEAD + UNIT * 2000 + "\n"
    facts = _facts_of(monkeypatch, text)
    finds = list(url_keys._passes(facts, batched=True)[1])  # the interpolations
    assert sum(1 if type(at) is int else len(at) for at, _ in finds) >= 2000
    assert len(finds) < 100  # those within comments.MAX_PREFIX of the start are judged one by one


def test_key_literals_placed_by_the_text_before_them_as_place_at_places_them(monkeypatch):
    """`_literals_in_urls` remembers a literal's place by the URL text before it, and asks the
    text after it only when that alone says None (credentials): the places `urls.place_at` gives."""
    from fakekeys import make_key

    from kaman_lint.lang import urls

    rng = random.Random("kam004-literal-places")
    keys = [make_key(32) for _ in range(6)]
    shapes = ('fetch(S+"/search?key={k}&q="+q);', 'var p="https://api.kaman.io/v2/{k}/items";',
              'var c="https://{k}@api.kaman.io/v2";', 'var d="http://user:{k}@api.kaman.io";',
              'u+="&key={k}";', 'var e="https://{k}.kaman.io";', 'var f="{k}";',
              'g(`${{B}}/v2/{k}/x`);', 'var h="postgres://{k}@db";')
    for round_ in range(4):
        text = HEAD + "".join(rng.choice(shapes).format(k=rng.choice(keys)) + rng.choice(_PIECES[:4])
                              for _ in range(400)) + "\n"
        facts = _facts_of(monkeypatch, text)
        expected = []
        for lit in facts.literals:
            if lit.encoding == "plain":
                place = urls.place_at(text, lit.offset, text[lit.end:lit.end + 300])
                if place:
                    expected.append((lit.offset, place.part, place.param, place.plain_http, lit.key.fingerprint))
        found = [(offset, use.where, use.param, use.plain_http, use.fingerprint)
                 for offset, use in url_keys._literals_in_urls(facts)]
        assert found == expected, round_
        assert {part for _, part, *_ in found} == {"query", "path", "userinfo"}, round_
