"""anchored.finditer finds what pattern.finditer does, for the patterns KAM004 gives it."""

from __future__ import annotations

import random

import pytest

from kaman_lint.lang import anchored, javascript, url_keys, urls

PIECES = ["params", "query", "query_params", "queryParams", "searchParams", "search_params", "qs",
          "urlencode(", "URLSearchParams(", "stringify(", "=", ":", " ", "{", "dict(", '"', "'", "x",
          "myparams", "Params.", "params.", "Query.set(", ".append(", "'k', ", "http://", "HTTP://",
          "ws://", "https://", "xhttp://", "api.kaman.io", "/", "\n", "é", "authorization", "Authorization",
          "x-kaman-key", "X-Kaman-Api-Key", "x-api-key", "api-key", "-key", "-", ",", "process.env",
          "import.meta.env", ".env", ".X", "?.", "['A']"]
CASES = [
    (url_keys._PARAM_STRUCTURE, url_keys._PARAM_STRUCTURE_LITERALS),
    (url_keys._PARAM_SETTER, url_keys._PARAM_SETTER_LITERALS),
    (urls.PLAIN_HTTP_URL, urls._PLAIN_HTTP_LITERALS),
    (url_keys._HEADER, url_keys._HEADER_LITERALS),
    (javascript.ENV_MEMBER, javascript.ENV_MEMBER_LITERALS),
]
LOWERED = {3}  # the case-insensitive header pattern is given the lowered text


@pytest.mark.parametrize("seed", range(40))
@pytest.mark.parametrize("case", range(len(CASES)))
def test_the_same_matches_as_finditer(seed: int, case: int) -> None:
    pattern, literals = CASES[case]
    rng = random.Random(seed)
    text = "".join(rng.choice(PIECES) for _ in range(400))
    expected = [(m.span(), m.groups()) for m in pattern.finditer(text)]
    lowered = text.lower() if case in LOWERED else None
    assert [(m.span(), m.groups()) for m in anchored.finditer(pattern, text, literals, lowered)] == expected


def test_two_patterns_sharing_the_occurrences_find_what_each_finds_alone() -> None:
    """KAM004's parameter structures and setters share `arams` and `uery`: searched once."""
    rng = random.Random("anchored-shared")
    text = "".join(rng.choice(PIECES) for _ in range(2000))
    found: dict[str, list[int]] = {}
    for pattern, literals in CASES[:2]:
        assert [m.span() for m in anchored.finditer(pattern, text, literals, found=found)] == \
            [m.span() for m in pattern.finditer(text)]
    assert set(found) == {"arams", "uery", "qs", "urlencode", "stringify"}
    assert found["arams"] == [i for i in range(len(text)) if text.startswith("arams", i)]


def test_overlapping_candidates_are_stepped_over_as_finditer_does() -> None:
    text = "query_params={a: 1} params: {b}"
    pattern, literals = CASES[0]
    assert [m.span() for m in anchored.finditer(pattern, text, literals)] == \
        [m.span() for m in pattern.finditer(text)]


def test_a_large_ascii_text_has_its_literals_found_as_find_finds_them():
    # past anchored._LARGE the literals are found in the text's bytes by an automaton: the same
    # offsets, overlapping ones (`aaa` in `aaaa`) and those at either end included
    body = "aaaa;x://y;" * (anchored._LARGE // 11 + 1) + "://"
    assert len(body) >= anchored._LARGE
    literals = (("aaa", (0,)), ("://", (0, 2)), ("absent", (0,)))
    found: dict[str, list[int]] = {}
    got = anchored.candidates(body, literals, found=found)
    assert found["aaa"] == anchored._found_by_find(body, "aaa") and found["absent"] == []
    assert found["://"] == anchored._found_by_find(body, "://") and found["://"][-1] == len(body) - 3
    small = {literal: anchored._found_by_find(body, literal) for literal, _ in literals}
    assert got == sorted({at - back for literal, backs in literals for at in small[literal] for back in backs
                          if at >= back})


def test_a_large_text_that_is_not_ascii_is_searched_by_find():
    body = "é" + "x://y;" * (anchored._LARGE // 6 + 1)  # string offsets differ from UTF-8 byte offsets
    assert anchored.candidates(body, (("://", (0,)),)) == anchored._found_by_find(body, "://")


@pytest.mark.parametrize("body", ["a;" * anchored._LARGE, "é;" * anchored._LARGE, "a;"])
@pytest.mark.parametrize("literal", ["&amp;", ";a", "é"])
def test_holds_is_in(body: str, literal: str) -> None:
    for text in (body, body + literal, literal + body):
        assert anchored.holds(text, literal) is (literal in text)
