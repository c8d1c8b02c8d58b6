"""A detect-secrets plugin for Kaman API keys, using kaman-lint's key matcher and placeholder
judgement: it finds keys wherever they sit on a line (`Client("kam_...")`, which detect-secrets'
keyword detector misses), base64-encoded ones included, and passes over placeholders
(`kam_your_api_key`, masked keys, names), which its keyword detector reports.

    detect-secrets scan --plugin "$(python -m kaman_lint.detect_secrets)" > .secrets.baseline

detect-secrets loads this file by path (its `--plugin` takes a file), so everything it needs is
imported absolutely. Placeholders configured for kaman-lint (`placeholders` in
`[tool.kaman-lint]` or `.kaman-lint.toml`, found from the working directory) count here too.
Like every detect-secrets plugin it scans line by line: a key split over two lines is kaman-lint's
to find.
"""

from __future__ import annotations

from collections.abc import Generator
from functools import lru_cache

from detect_secrets.plugins.base import BasePlugin


class KamanApiKeyDetector(BasePlugin):
    """Kaman API keys (`kam_` + a random body), plain or base64-encoded."""

    secret_type = "Kaman API Key"

    def analyze_string(self, string: str) -> Generator[str, None, None]:
        if "kam_" not in string and not _might_hold_base64_key(string):
            return
        matcher = _matcher()
        for match in matcher.find(string):
            if matcher.config_placeholder(match.key) is None:  # the project's fake keys are no secrets
                yield string[match.start:match.end]


def _might_hold_base64_key(string: str) -> bool:
    from kaman_lint.keys import BASE64_MARKERS

    return any(marker in string for marker in BASE64_MARKERS)


@lru_cache(maxsize=1)
def _matcher():
    """kaman-lint's matcher, with the project's own placeholders when its config says any."""
    from pathlib import Path

    from kaman_lint.config import ConfigError, load_config
    from kaman_lint.keys import KeyMatcher

    try:
        placeholders = load_config(Path.cwd()).placeholders
    except ConfigError:
        placeholders = []
    return KeyMatcher(placeholders)
