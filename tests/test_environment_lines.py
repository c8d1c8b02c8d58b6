"""YAML environment declarations are read from the lines as Source numbers them: a comment
holding U+2028 (or a form feed) is one line, and its text never declares anything."""

from __future__ import annotations

import pytest

from fakekeys import make_key
from test_environments import literal_environments

KEY = make_key(970)


@pytest.mark.parametrize("separator", ["\u2028", "\x0c", "\x85"])
def test_a_comment_split_by_a_unicode_line_separator_declares_nothing(separator: str) -> None:
    job = f"deploy:\n  # was{separator}  environment: production\n  variables:\n    KAMAN_API_KEY: {KEY}\n"
    manifest = f"# see{separator}metadata:{separator}  namespace: prod\nkaman: {KEY}\n"
    for text in (job, manifest):
        assert literal_environments("app/values.yaml", text) == [None]
        assert literal_environments("app/values.yaml", text.replace(separator, " ")) == [None]


def test_declarations_after_such_a_comment_still_count() -> None:
    text = f"# note\u2028more\nmetadata:\n  namespace: prod\nkaman: {KEY}\n---\nkaman: {KEY}\n"
    assert literal_environments("app/values.yaml", text) == ["production", None]
