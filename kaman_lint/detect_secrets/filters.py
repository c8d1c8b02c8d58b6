"""detect-secrets filters that bring kaman-lint's judgement to every detect-secrets plugin.

- `is_indirect_reference`: detect-secrets' own filter of that name drops every line that looks
  like `x = get_secret()`, for every plugin, before any plugin sees it, and so the whole of
  `client = Client("kam_...")`. This one keeps its verdict except on lines holding a Kaman key.
- `is_kaman_placeholder`: a secret that is a Kaman placeholder (`kam_your_api_key`, a masked
  key) is no secret, whichever detector flagged it (its keyword detector flags them all).

    detect-secrets scan --plugin "$(python -m kaman_lint.detect_secrets)" \\
      --disable-filter detect_secrets.filters.heuristic.is_indirect_reference \\
      --filter kaman_lint.detect_secrets.filters.is_indirect_reference \\
      --filter kaman_lint.detect_secrets.filters.is_kaman_placeholder

detect-secrets calls a filter with the arguments its parameter names ask for (`line`, `secret`).
"""

from __future__ import annotations

from kaman_lint.detect_secrets.plugin import _matcher


def is_indirect_reference(line: str) -> bool:
    from detect_secrets.filters.heuristic import is_indirect_reference as theirs

    return theirs(line) and next(_matcher().find(line), None) is None


def is_kaman_placeholder(secret: str) -> bool:
    from kaman_lint.keys import PREFIX

    if not secret.startswith(PREFIX):
        return False
    return next(_matcher().find(secret), None) is None
