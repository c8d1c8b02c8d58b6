"""The byte prefilter lets a file through exactly when it holds a key marker or "kaman" in any
case: the same answer as the plain definition, on every spelling."""

from __future__ import annotations

import itertools
import random

from kaman_lint.engine import BYTE_MARKERS, relevant_bytes


def reference(data: bytes) -> bool:
    return any(m in data for m in BYTE_MARKERS) or b"kaman" in data.lower()


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
