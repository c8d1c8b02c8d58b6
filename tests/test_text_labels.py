"""lang/text.py names the setting a key is assigned to by the last `NAME =`/`NAME:` before it
on its line (`_LABEL.findall(prefix)[-1]`): found from the end, and remembered by the text's
tail. Compared with findall itself on random texts."""

from __future__ import annotations

import random

from kaman_lint.lang import text


def findall_last(prefix: str) -> str | None:
    labels = text._LABEL.findall(prefix)
    return labels[-1] if labels else None


def test_the_last_label_is_findalls_last():
    rng = random.Random("text-labels")
    alphabet = list("ab_Z9.-=:\"' \t/>!<x") + ["\u00e9", "\u00a0", "://", "==", ":=", "=>"]
    for _ in range(20_000):
        prefix = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 40)))
        if rng.random() < 0.5:  # a long run of name characters reaching into the tail
            prefix = "".join(rng.choice("ab.-") for _ in range(rng.randint(0, 120))) + prefix
        assert text._last_label(prefix) == findall_last(prefix), repr(prefix)


def test_a_tail_without_its_answer_is_not_taken_for_the_answer():
    """Two prefixes alike in their last _TAIL characters: the name comes from before the tail
    (or from a run that starts before it), so each gets its own."""
    tail = "x" * (text._TAIL - 5) + "/v2/"  # a run from the tail's first character on
    for head in ("url=", "other: ", "a==", "name=" + "y" * 10):
        prefix = head + tail
        assert text._last_label(prefix) == findall_last(prefix), head
    assert text._last_label("url=" + tail) == "url"
    assert text._last_label("key=" + "k" * 100 + "=") == "k" * 100  # the run began before the tail


def test_guess_name_on_a_bundles_repeated_tail():
    prefix = 'fetch(u);' * 40 + 'fetch(S+"/search?key='
    assert text.guess_name(prefix) == "key"
    assert text.guess_name('var p="https://api.kaman.io/v2/') == "p"  # `https:` is no label
