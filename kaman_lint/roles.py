"""Is a file delivered to a browser or app user (client), run only on a server, or unknown?"""

from __future__ import annotations

from kaman_lint.config import Config
from kaman_lint.project import Project
from kaman_lint.source import Source


def classify(source: Source, project: Project, config: Config) -> tuple[str, str]:
    """(role, reason): role is "client", "server" or "unknown"; reason explains the guess."""
    return "unknown", ""
