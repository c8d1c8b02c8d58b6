"""A finding's message is redacted by `keys.safe_message`, which cuts it at the preview it quotes
instead of searching it: the text must be exactly what `safe_text` makes of it, and a key a rule
writes into its words, beside the preview or in place of it, must never come out whole."""

from __future__ import annotations

import random

from fakekeys import fp, leaked, make_key

from kaman_lint.findings import Finding, Location, Severity
from kaman_lint.keys import preview, safe_message, safe_text

LOC = Location("app.js", 1, 1, 1, 5)


def _finding(message: str, shown: str) -> Finding:
    return Finding("KAM001", Severity.ERROR, LOC, message, "v1:0", shown)


# Pieces a message could be made of: a rule's words, previews of any length, keys, base64 of a
# key, names, the characters a preview is or is not a cut after.
def _pieces(key: str) -> list[str]:
    import base64

    encoded = base64.b64encode(key.encode()).decode()
    return ["Hard-coded Kaman API key ", " in `key`: rotate this key", preview(key), preview(key)[:-2] + "…",
            "kam_…", "kam_Ab…", key, key[4:], key[:16], key[16:], encoded, "kam_", "x", "_", "=", "/", "…",
            " ", "`", "kam_api_key", "Authorization", "\\n", "%22", "\x1b[0m", "AbCdEfGhIjKlMnOp"]


def test_safe_message_is_safe_text_whatever_the_message_holds():
    rng = random.Random("safe-message")
    keys = [make_key(7100 + n) for n in range(8)]
    for n in range(4000):
        key = keys[n % len(keys)]
        pieces = _pieces(key)
        shown = rng.choice([preview(key), preview(keys[(n + 1) % len(keys)]), "kam_Ab…", key, "", "kam_…"])
        words = [rng.choice(pieces) for _ in range(rng.randrange(0, 7))]
        words.insert(rng.randrange(0, len(words) + 1), shown)
        message = "".join(words)
        got = safe_message(message, shown)
        assert got == safe_text(message), f"case {n} (preview {shown == preview(key)})"


def test_a_key_a_rule_writes_beside_its_preview_is_redacted():
    key, other = make_key(7201), make_key(7202)
    for message in (f"Hard-coded Kaman API key {preview(key)} in `{other}`: rotate this key",
                    f"{other}{preview(key)} and {other[4:]}",  # glued to a key: no cut, masked with it
                    f"Kaman API key {key} {preview(key)}",  # the key itself, then its preview
                    f"Kaman API key {preview(key)}{other[4:]}"):
        finding = _finding(message, preview(key))
        assert leaked(finding.message, [key, other]) == [], fp(key)
        assert finding.message.count("…") >= 2  # both redacted, whole or in part


def test_a_preview_that_is_no_preview_is_redacted_too():
    key = make_key(7203)
    finding = _finding(f"Kaman API key {key}: rotate this key", key)  # a rule passing the key as preview
    assert leaked(finding.message + finding.preview, [key]) == [], fp(key)
