"""anchored.finditer finds what pattern.finditer does, for the patterns KAM004 gives it."""

from __future__ import annotations

import random

import pytest

from kaman_lint.lang import anchored, url_keys, urls

PIECES = ["params", "query", "query_params", "queryParams", "searchParams", "search_params", "qs",
          "urlencode(", "URLSearchParams(", "stringify(", "=", ":", " ", "{", "dict(", '"', "'", "x",
          "myparams", "Params.", "params.", "Query.set(", ".append(", "'k', ", "http://", "HTTP://",
          "ws://", "https://", "xhttp://", "api.kaman.io", "/", "\n", "é"]
CASES = [
    (url_keys._PARAM_STRUCTURE, url_keys._PARAM_STRUCTURE_LITERALS),
    (url_keys._PARAM_SETTER, url_keys._PARAM_SETTER_LITERALS),
    (urls.PLAIN_HTTP_URL, urls._PLAIN_HTTP_LITERALS),
]


@pytest.mark.parametrize("seed", range(40))
@pytest.mark.parametrize("case", range(len(CASES)))
def test_the_same_matches_as_finditer(seed: int, case: int) -> None:
    pattern, literals = CASES[case]
    rng = random.Random(seed)
    text = "".join(rng.choice(PIECES) for _ in range(400))
    expected = [(m.span(), m.groups()) for m in pattern.finditer(text)]
    assert [(m.span(), m.groups()) for m in anchored.finditer(pattern, text, literals)] == expected


def test_overlapping_candidates_are_stepped_over_as_finditer_does() -> None:
    text = "query_params={a: 1} params: {b}"
    pattern, literals = CASES[0]
    assert [m.span() for m in anchored.finditer(pattern, text, literals)] == \
        [m.span() for m in pattern.finditer(text)]
