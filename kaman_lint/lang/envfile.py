"""`.env` files: `[export] NAME=value [# comment]`, values quoted or bare."""

from __future__ import annotations

from kaman_lint import lazy_re
from kaman_lint.comments import is_comment_line
from kaman_lint.facts import FileFacts
from kaman_lint.keys import KeyMatcher
from kaman_lint.lang.text import literal

ASSIGNMENT = lazy_re.compile(r"^\s*(?:export\s+)?([A-Za-z_][\w.\-]*)\s*[=:]")


def analyze(facts: FileFacts, matcher: KeyMatcher) -> None:
    source = facts.source
    for match in matcher.find(source.text, names_are_keys=True):  # `kam_...=kam_...`: both
        line, _ = source.position(match.start)
        text = source.line(line)
        if is_comment_line(text, "env"):
            facts.literals.append(literal(facts, match, context="comment"))
            continue
        assignment = ASSIGNMENT.match(text)
        name = assignment.group(1) if assignment else None
        facts.literals.append(literal(facts, match, name=name, context="string"))
