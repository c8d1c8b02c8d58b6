"""A key literal's location is made once per file (`FileFacts.literal_location`): KAM001's
finding and the engine's key reference both ask for it (a bundle has 14,600 literals).
Counted, never timed."""

from __future__ import annotations

from fakekeys import make_key

from kaman_lint import engine
from kaman_lint.config import Config
from kaman_lint.facts import FileFacts


def test_each_literal_location_is_made_once(monkeypatch):
    made = []
    location = FileFacts.location
    monkeypatch.setattr(FileFacts, "location", lambda self, *a: made.append(a) or location(self, *a))
    text = "".join(f'const k{i} = "{make_key(32)}";\n' for i in range(3))
    config = Config().with_overrides(select=["KAM001"])
    result = engine.scan([], config, root=engine.Path.cwd(), stdin=text.encode(), stdin_filename="app.js", jobs=1)
    assert [(f.location.line, f.location.column) for f in result.findings] == [(1, 13), (2, 13), (3, 13)]
    assert len(made) == 3, made
