"""`printable._has_surrogate` (a strict encoder's refusal) answers as the regex it stands for."""

from __future__ import annotations

import random

from kaman_lint import printable


def test_has_surrogate_answers_as_the_surrogate_search():
    rng = random.Random("surrogates")
    pieces = ["a", "…", "é", "\n", "\U0001f600", "\ud800", "\udcff", "\udc80", "\ud83d\ude00", "\uffff", "\x00"]
    texts = ["", "plain ascii", "…", "\ud800", "\ud83d\ude00"]
    texts += ["".join(rng.choice(pieces) for _ in range(rng.randint(1, 12))) for _ in range(3000)]
    answers = [printable._has_surrogate(text) for text in texts]
    assert answers == [printable._SURROGATE.search(text) is not None for text in texts]
    assert any(answers) and not all(answers)


def test_utf8_is_the_spelled_text_encoded_once():
    name = b"x\xff.py".decode("utf-8", "surrogateescape")
    chunks = ["plain", "…", f"{name}\n", "", "\ud800 and \udcff", "a" * 10]
    spelled = [printable._spelled(c) if printable._has_surrogate(c) else c for c in chunks]
    assert b"".join(printable.utf8(chunks, spell=True, most=3)) == "".join(spelled).encode("utf-8")
    assert b"".join(printable.utf8(chunks[:2], spell=False)) == "plain…".encode("utf-8")
    try:
        list(printable.utf8([name], spell=False))  # a line format never holds one: as a UTF-8 writer, refused
    except UnicodeEncodeError:
        pass
    else:
        raise AssertionError("a surrogate was written")
