"""safe_text on a finding's message: the same text as masking every run of key characters, with
work for the runs that may change only (a bundle redacts 30,000 messages that hold a preview)."""

from __future__ import annotations

import random

import pytest
from fakekeys import make_key

from kaman_lint import keys
from tests.growth import lines_run

PIECES = ["kam_", "Abcd", "x", "_", "-", " ", "…", "Authorization", "kam_AbCd…", "`", "0123456789abcdefXYZ",
          "é", "kamkam_", "ka", "m_", "Bearer", "your_api_key", make_key(7), make_key(8)[4:20], "\n"]


@pytest.mark.parametrize("seed", range(30))
def test_the_same_text_as_masking_every_run(seed: int) -> None:
    rng = random.Random(seed)
    for _ in range(200):
        text = "".join(rng.choice(PIECES) for _ in range(rng.randint(0, 30)))
        assert keys._MASKABLE_RUN.sub(keys._mask_run, text) == keys._KEY_RUN.sub(keys._mask_run, text)


def test_short_words_of_a_message_cost_no_python_step() -> None:
    key = make_key(9)
    short = f"Kaman API key {keys.preview(key)} in a URL path: " + "send it in the header, " * 200
    long = short + "Authorization " * 200
    assert keys.preview(key)[4:8] in keys.safe_text(short)
    assert lines_run(lambda: keys.safe_text(short)) < 300  # was a _mask_run call per word: 1,000s
    assert lines_run(lambda: keys.safe_text(long)) < 3000  # one word's test, then its cached answer
