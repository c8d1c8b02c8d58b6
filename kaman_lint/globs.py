"""Gitignore-style globs (excludes, per-file-ignores, client/server globs, .gitignore files):
one constructor, so every spec matches the same way."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from kaman_lint import lazy_re

TYPE_CHECKING = False  # typing.TYPE_CHECKING: typing is not imported at run time
if TYPE_CHECKING:
    import pathspec

# A name or path with no wildcard, class, escape, negation or comment (`venv`, `.tox/`,
# `tests/fixtures/`, `/build`): no component is all dots.
_LITERAL = lazy_re.compile(r"/?(?:(?!\.+/)[A-Za-z0-9._-]+/)*(?!\.+/?$)[A-Za-z0-9._-]+/?")


def gitignore_spec(lines: Iterable[str]) -> pathspec.GitIgnoreSpec:
    """A spec on Python's `re`. pathspec would pick RE2 once it is installed (it is, for the
    config's `placeholders`), and RE2 cannot take the surrogate-escaped names of files whose
    names are not UTF-8; glob regexes are pathspec's own, made from globs, not the config's."""
    import pathspec  # 10-35 ms of imports (typing_extensions, its RE2 backend): only for globs

    return pathspec.GitIgnoreSpec.from_lines(lines, backend="simple")


def literal_regex(pattern: str) -> str | None:
    """The regex pathspec makes of a gitignore pattern that is a plain name or path (the
    default excludes, most `extend-exclude` entries), for a `match` on a `/`-separated path
    relative to the base, a directory's with a trailing `/`; None for any other pattern.
    Such patterns need no pathspec: a short run (pre-commit, stdin, the editor) skips its
    import. `tests/test_globs.py` holds the two to the same answers."""
    if not _LITERAL.fullmatch(pattern):
        return None
    directory_only = pattern.endswith("/")
    body = pattern.rstrip("/")
    anchored = "/" in body  # a slash at the start or in the middle anchors it to the base
    body = body.lstrip("/")
    return ("" if anchored else "(?:.+/)?") + re.escape(body) + ("/" if directory_only else "(?:/|$)")


def literal_test(patterns: Iterable[str]) -> Callable[[str], bool] | None:
    """One `match` for any of `patterns` when every one is a literal (`literal_regex`), else None.
    A path that holds none of the names or paths is answered without the regex, which is
    compiled only for one that does (the defaults' regex was 1-4 ms of a short run, whose
    few files are under none of `.git`, `venv`, `__pycache__`...)."""
    patterns = list(patterns)
    regexes = [literal_regex(p) for p in patterns]
    if any(r is None for r in regexes):
        return None
    if not regexes:
        return lambda rel: False
    bodies = tuple(dict.fromkeys(p.strip("/") for p in patterns))  # each regex matches its body as written
    joined = "|".join(f"(?:{r})" for r in regexes)
    compiled: list[re.Pattern[str]] = []

    def test(rel: str) -> bool:
        if not any(body in rel for body in bodies):
            return False
        if not compiled:
            compiled.append(re.compile(joined))
        return compiled[0].match(rel) is not None

    return test
