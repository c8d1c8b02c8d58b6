"""Fake keys made at test time, so no test file holds a key literal, and helpers that keep a
test's output free of whole keys (assert on fingerprints and counts, never on key text)."""

from __future__ import annotations

import random
import string

from kaman_lint.keys import fingerprint

ALPHABET = string.ascii_letters + string.digits


def make_key(seed: int, length: int = 32) -> str:
    rng = random.Random(f"kaman-lint-tests-{seed}")
    while True:
        body = "".join(rng.choice(ALPHABET) for _ in range(length))
        # every class present, so the key is unambiguous whatever the seed
        if any(c.isdigit() for c in body) and any(c.isupper() for c in body) and any(c.islower() for c in body):
            return "kam_" + body


def fp(key: str) -> str:
    return fingerprint(key)


def leaked(text: str, keys: list[str]) -> list[str]:
    """Fingerprints of the keys whose whole text appears in `text` (empty = no leak)."""
    return [fp(k) for k in keys if k in text or k[4:] in text]
