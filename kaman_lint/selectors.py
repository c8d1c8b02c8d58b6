"""Rule selectors: what `select`, `ignore`, `extend-select`, `per-file-ignores`, `severity`,
`--select`/`--ignore`, suppression comments and `kaman-lint rules` accept, checked against the
rule registry.

A selector is a rule id (`KAM001`, any case), a prefix of ids that keeps the whole letter part
(`KAM`, `KAM00`), `ALL`, or a rule's name (`hardcoded-api-key`), which stands for its id. Anything
else is unknown: a typo like `KAM01` must not quietly select nothing, so it is an error with a
did-you-mean.
"""

from __future__ import annotations

from functools import cache

from kaman_lint import lazy_re

ALL = "ALL"
_LETTERS = lazy_re.compile(r"[A-Z]+")


class UnknownRule(ValueError):
    """A selector that names no rule; the message says so, with a did-you-mean."""


@cache
def _registry() -> tuple[dict[str, str], dict[str, str]]:
    """(id -> id, name -> id) for every registered rule, built-in and plugin."""
    from kaman_lint.rules import all_rules

    rules = all_rules()
    return {rule.id: rule.id for rule in rules}, {rule.name.lower(): rule.id for rule in rules}


def rule_ids() -> tuple[str, ...]:
    return tuple(sorted(_registry()[0]))


def exact_rule(text: str) -> str | None:
    """The id a selector names exactly (an id or a name, any case), or None."""
    ids, names = _registry()
    cleaned = text.strip()
    return ids.get(cleaned.upper()) or names.get(cleaned.lower())


def is_prefix(selector: str) -> bool:
    """`selector` (upper case) starts at least one id and keeps its whole letter part: `KAM`,
    `KAM00`, but not `K` or `KAM01` when no id starts `KAM01`."""
    letters = _LETTERS.match(selector)
    return letters is not None and any(
        rule_id.startswith(selector) and _LETTERS.match(rule_id).group() == letters.group()
        for rule_id in _registry()[0]
    )


def resolve(text: str) -> str:
    """The canonical form of one selector: an id, a prefix of ids, or `ALL`. Raises UnknownRule."""
    cleaned = text.strip()
    exact = exact_rule(cleaned)
    if exact is not None:
        return exact
    upper = cleaned.upper()
    if upper == ALL or is_prefix(upper):
        return upper
    raise UnknownRule(f"unknown rule {cleaned!r}{did_you_mean(cleaned)}; "
                      "`kaman-lint rules` lists the ids and names")


def did_you_mean(text: str) -> str:
    """` (did you mean 'KAM001'?)`, or "" when nothing is close."""
    import difflib  # only for this message

    ids, names = _registry()
    cleaned = text.strip()
    close = (difflib.get_close_matches(cleaned.upper(), list(ids), n=1)
             or difflib.get_close_matches(cleaned.lower(), list(names), n=1))
    return f" (did you mean {close[0]!r}?)" if close else ""
