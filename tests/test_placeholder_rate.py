"""A random key must almost never pass as a placeholder (issue 8 item 12): fewer than 1 in
100,000 random base62 bodies of 24-48 characters, measured over a seeded sample, while every
placeholder in the docs, the rule docs and the fixtures stays one. The predicates judge the
structure of a body (a placeholder word as a whole segment or at the start, a pattern running
through most of it, words a person would write), not a short word met by chance inside it."""

from __future__ import annotations

import random
import string
from pathlib import Path

import pytest

from kaman_lint import keys
from kaman_lint.rules import all_rules

ROOT = Path(__file__).resolve().parent.parent
ALPHABET = string.ascii_letters + string.digits
SAMPLE = 150_000  # about 9 s; over 10^6 bodies one passed (see the commit that set this)


def random_bodies(n: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choices(ALPHABET, k=rng.randint(24, 48))) for _ in range(n)]


def test_fewer_than_one_random_body_in_100000_passes_as_a_placeholder():
    passed = sum(map(keys.is_placeholder, random_bodies(SAMPLE, seed=20240812)))
    assert passed * 100_000 < SAMPLE, f"{passed} of {SAMPLE} random bodies taken for placeholders"


def _inserted(body: str, piece: str, at: int) -> str:
    return body[:at] + piece + body[at:]


@pytest.mark.parametrize("word", ["test", "TEST", "Demo", "mock", "your", "todo", "fake", "xxxx", "XxXx"])
def test_a_short_word_inside_a_random_body_does_not_make_it_a_placeholder(word):
    """`test`, `demo`, `mock`, ... met by chance inside a key (what made about 1 key in 4,650 a
    placeholder) say nothing: only a whole segment or the start of the body does."""
    bodies = random_bodies(200, seed=7)
    for body in bodies:
        mixed = _inserted(body, word, len(body) // 2)
        if keys.is_placeholder(body):
            continue  # the rare random body that is one anyway
        assert not keys.has_placeholder_word(mixed), keys.preview("kam_" + mixed)
    assert keys.has_placeholder_word(word.lower() + "_" + bodies[0])  # a segment of its own
    assert keys.has_placeholder_word(bodies[0] + "-" + word.lower())


def test_a_pattern_must_run_through_the_body_not_six_characters_of_it():
    # six digits in order among the letters (six made every one of these a placeholder): only
    # when the body's own digits carry the run on to eight (0 or 7, 8 beside it) is it one now
    bodies = [_inserted(body, "1a2b3c4d5e6", 5) for body in random_bodies(200, seed=8)]
    patterned = sum(map(keys.follows_a_pattern, bodies))
    assert patterned <= len(bodies) // 20
    assert keys.follows_a_pattern("Ab12Cd34Ef56Gh78Ij90Kl12")  # the letters run a to l


FIXTURE_PLACEHOLDERS = [
    # every placeholder of 16+ characters in rules/, docs/, the README and the rule docs
    "0123456789abcdefghij", "01HV5ZJ8Q3K4M6N7P8R9S0T1V2", "123e4567-e89b-12d3-a456-426614174000",
    "1a2b3c4d5e6f7g8h9i0j1k2l", "3f2a9c0d8e7b6a5f4e3d2c1b0a9f8e7d6c5b4a39", "Ab12Cd34Ef56Gh78Ij90Kl12",
    "AbCdEfGhIjKlMnOpQrStUvWx", "HTTPClientFactory", "aaaaaaaaaaaaaaaaaaaaaaaa", "card__title--active",
    "ckl2x9v8w0000qzrmn1hdsa3b", "fetchUserProfileV2Handler", "getUserAccountSettings2",
    "header_Container2", "q1w2e3r4t5y6u7i8o9p0asdfgh", "request_id_20240101", "s3BucketUploader",
    "xxxxxxxxxxxxxxxxxxxxxxxx", "your_api_key_here",
    # and the shapes people write (tests/test_keys.py has more)
    "example_key_1234567890", "sample0123ABCDEFGHxyz", "dummyKey1234567890ab", "FAKEkey1234567890abcd",
    "Zq8Rt5EXAMPLEm2Nx7Pw4", "REPLACE_ME_WITH_YOUR_KEY", "test_51Hq7Rt5Lm2Nx7Pw4Kd9Fh", "TestKey9fQ2mZx7Lp4Wc",
    "live_xxxxxxxxxxxxxxxxxxxx", "yourKeyGoesHere123456", "testkey_Zq8Rt5Lm2Nx7Pw4", "mock-Zq8Rt5Lm2Nx7Pw4Kd9",
    "1234567890abcdefghijklmnop", "ZyXwVuTs9r8Q7p6O5n4M3l2K", "oauth2TokenRefresher", "2023_report_final",
]


@pytest.mark.parametrize("body", FIXTURE_PLACEHOLDERS)
def test_placeholders_people_write_stay_placeholders(body):
    assert keys.is_placeholder(body)


def _documentation() -> list[tuple[str, str]]:
    texts = [(f"rule {rule.id}", rule.doc()) for rule in all_rules()]
    for path in [ROOT / "README.md", *sorted((ROOT / "docs").rglob("*.md"))]:
        texts.append((str(path.relative_to(ROOT)), path.read_text(encoding="utf-8")))
    return texts


def test_every_key_shape_in_the_docs_is_a_placeholder():
    """Docs show made-up keys only; a change to the predicates must not turn one into a key."""
    seen = 0
    for where, text in _documentation():
        for m in keys.candidates(text):
            seen += 1
            assert keys.is_placeholder(m.group(1)), f"{where}: {keys.preview(m.group(0))} reads as a key"
    assert seen >= 10  # the docs do show examples


def test_every_placeholder_shape_in_the_fixtures_is_listed_above():
    """The fixture placeholders of 16+ characters are the ones pinned in FIXTURE_PLACEHOLDERS
    (a new one gets added there, so a later change cannot quietly turn it into a key)."""
    listed = set(FIXTURE_PLACEHOLDERS)
    for path in sorted((ROOT / "rules").rglob("*")):
        if not path.is_file():
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        for m in keys.candidates(text):
            body = m.group(1)
            if len(body) >= keys.MIN_BODY and keys.is_placeholder(body):
                assert body in listed, f"{path.relative_to(ROOT)}: placeholder {keys.preview(m.group(0))} not pinned"
