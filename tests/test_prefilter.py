"""The byte prefilter lets a file through exactly when it holds a key marker or "kaman" in any
case: the same answer as the plain definition, on every spelling."""

from __future__ import annotations

import itertools
import random

from kaman_lint import escapes
from kaman_lint import engine
from kaman_lint.engine import BYTE_MARKERS, SURVEY_GATES, WIDE_MARKERS, relevant_bytes


def reference(data: bytes) -> bool:
    return any(m in data for m in BYTE_MARKERS) or b"kaman" in data.lower()


def with_escapes(data: bytes) -> bool:
    """The prefilter as it reads: a marker, "kaman" in any case, or an escaped `kam_`."""
    return (any(m in data for m in (*BYTE_MARKERS, *WIDE_MARKERS.values())) or b"kaman" in data.lower()
            or escapes.may_hide_key(data))


def test_every_spelling_of_kaman_and_every_marker_passes() -> None:
    for letters in itertools.product(*((c, c.upper()) for c in "kaman")):
        assert relevant_bytes(b"x = " + "".join(letters).encode() + b"_api\n")
    for marker in BYTE_MARKERS:
        assert relevant_bytes(b"\0" * 100 + marker)
    assert not relevant_bytes(b"kama n, Kam-an, ka_man, KAM AN, kam-")


def test_agrees_with_the_plain_definition_on_random_text() -> None:
    rng = random.Random(13)
    alphabet = b"kKaAmMnN_2FtXYW1fhbVr \n\0"
    for _ in range(3000):
        data = bytes(rng.choice(alphabet) for _ in range(rng.randint(0, 40)))
        assert relevant_bytes(data) == reference(data)


def test_the_notebook_marker_in_the_same_pass_changes_no_answer() -> None:
    """The prefilter's pass also looks for the notebook marker, to spare the files holding no
    gate of `escapes.may_hide_key` its own passes: texts with the marker beside, around and
    between the key markers and escape gates get the answer of the two tests asked in turn."""
    rng = random.Random(7)
    pieces = [b'"cell_type"', b'"cell_', b'type"', b"kam_", b"Kaman", b"a2FtX", b"rYW1f", b"thbV", b"\\", b"&",
              b"\\u006b", b"&#107;", b"am_", b"k", b'"', b"x", b"\n", b"k\0a\0m\0_\0"]
    for _ in range(4000):
        data = b"".join(rng.choice(pieces) for _ in range(rng.randint(0, 12)))
        assert relevant_bytes(data) == with_escapes(data), data


def test_no_gate_or_notebook_marker_can_hide_another_pattern() -> None:
    """Leftmost-first matching reports one of two overlapping matches only: a survey gate (or
    the notebook marker) that begins inside, ends inside or holds another pattern could hide a
    key marker from the pass (`static_folder`'s last `r` begins `rYW1f`), or a marker a gate.
    (Two key markers, or two gates, may overlap: either one gives the same answer.)"""
    patterns = engine._PREFILTER_PATTERNS
    own = {*SURVEY_GATES, engine._NOTEBOOK_MARKER}
    assert own <= set(patterns) and SURVEY_GATES
    for a in patterns:
        for b in patterns:
            if a == b or not ({a, b} & own) or {a, b} <= set(SURVEY_GATES):
                continue
            assert a not in b, (a, b)
            assert not any(a.endswith(b[:n]) for n in range(1, len(b))), (a, b)


def test_the_survey_gates_in_the_same_pass_change_no_answer() -> None:
    rng = random.Random(11)
    pieces = [*SURVEY_GATES, b"static_folder", b"StaticFiles", b"kam_", b"Kaman", b"a2FtX", b"rYW1f", b"thbV",
              b"\\", b"&", b"\\u006b", b'"cell_type"', b"r", b"YW1f", b"x", b"\n"]
    for _ in range(4000):
        data = b"".join(rng.choice(pieces) for _ in range(rng.randint(0, 12)))
        assert relevant_bytes(data) == with_escapes(data), data
        assert (engine._prefiltered(data) == engine.GATED) == (not with_escapes(data) and any(
            g in data for g in SURVEY_GATES)), data


def test_kaman_searched_as_aman_agrees_on_every_neighbour() -> None:
    """"kaman" is searched as "aman" in any case, the byte before checked after a hit: texts of
    "aman"s next to `k`s, other markers and each other get the plain definition's answer (a
    hit must neither hide a marker nor be mistaken for "kaman")."""
    rng = random.Random(17)
    pieces = [b"aman", b"AMAN", b"aMan", b"k", b"K", b"ka", b"Kam", b"kama", b"a2FtX", b"2FtX", b"thbV", b"rYW1f",
              b"kam_", b"am_", b"n", b"m", b"a", b"x", b"\n", b"\0"]
    for _ in range(4000):
        data = b"".join(rng.choice(pieces) for _ in range(rng.randint(0, 12)))
        assert relevant_bytes(data) == reference(data), data


def test_the_prefilter_fits_the_slim_packed_searcher() -> None:
    """At most 32 patterns: past that the packed searcher (Teddy) is the fat one, which reads
    half the bytes a step (585M instructions against 371M on the large benchmark corpus)."""
    assert len(engine._PREFILTER_PATTERNS) <= 32


def test_the_automatons_order_of_the_patterns_changes_no_match() -> None:
    """The automaton holds the patterns in the order that makes Teddy's buckets cheap
    (`engine._search_order`): a permutation, and no pattern a prefix of another, so no two can
    match at one place and leftmost-first matching reports the same spans in any order."""
    patterns = engine._PREFILTER_PATTERNS
    assert sorted(engine._SEARCH_ORDER) == list(range(len(patterns)))
    for a in patterns:
        for b in patterns:
            assert a == b or not b.startswith(a), (a, b)
