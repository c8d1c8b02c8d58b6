"""KAM004 on one-line bundles: the work per file, counted (never timed). Issue 13 target 4: a
20 MiB bundle dense with key-shaped URLs scans in under 2 s; these pin the pieces that made it
take minutes."""

from __future__ import annotations

from fakekeys import make_key

from kaman_lint import comments, engine
from kaman_lint.config import Config
from tests.growth import lines_run

KEY = make_key(43)
UNIT = ('fetch(`${B}/v2/search?q=${q}&key=${kamanKey}`);'
        'fetch(u,{headers:{Authorization:`Bearer ${kamanKey}`}});'
        'axios.get(u,{params:{key:kamanKey}});')


def scan_text(name: str, text: str):
    config = Config().with_overrides(select=["KAM004"])
    return engine.scan([], config, root=engine.Path.cwd(), stdin=text.encode(), stdin_filename=name, jobs=1)


def test_the_comment_lexer_runs_once_per_file(monkeypatch):
    """Each of KAM004's passes (interpolations, parameter structures, headers) asks whether a
    match sits in a comment; the answer needs the file's multi-line templates, lexed once."""
    calls = []
    original = comments._multiline_templates
    monkeypatch.setattr(comments, "_multiline_templates", lambda text: calls.append(1) or original(text))
    text = 'const B="http://api.kaman.io";`a\nb`;' + UNIT * 20 + "\n"
    result = scan_text("bundle.js", text)
    assert len(result.findings) == 60
    assert len(calls) == 1


def test_the_comment_lexer_steps_over_code_at_c_speed():
    """The lexer stops at quotes, slashes and backticks (and braces inside `${...}`), not at
    every character: a long stretch of plain code costs a few steps."""
    plain = "var " + "abc=d+e*f;" * 10_000
    assert lines_run(lambda: comments._multiline_templates(plain)) < 100
    strings = "x('" + "a" * 50_000 + "');`" + "b" * 50_000 + "`;"
    assert lines_run(lambda: comments._multiline_templates(strings)) < 200


def test_a_line_is_walked_once_for_comments_however_many_matches_it_holds():
    """Whether a match sits in a comment is told by walking its line's text before it (up to
    4 KiB): one walk per line, not one per match (100 headers on a 4 KiB line: 100 walks)."""
    line = ('fetch(u,{headers:{Authorization:tok}});' * 100)[:4000] + "\n"
    text = 'var B="http://api.kaman.io";\n' + line * 2
    steps = lines_run(lambda: scan_text("client.js", text))
    assert steps < 10 * len(text), steps  # one walk per match ran 4.5M lines here
