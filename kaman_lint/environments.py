"""Which deployment environment a file configures: development, production, staging, test."""

from __future__ import annotations

from kaman_lint.config import Config


def classify(relpath: str, config: Config) -> str | None:
    return None
