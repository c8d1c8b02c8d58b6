"""How serious a finding is, and the exit statuses a run ends with. A module of its own, free
of imports, so the command line can offer `--fail-on` choices without loading the scanner
(`kaman-lint --version` stays instant)."""

from __future__ import annotations

from enum import Enum

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"
    NOTE = "note"

    @property
    def rank(self) -> int:
        """note < warning < error: the one ordering (`fail-on` compares with it)."""
        return (Severity.NOTE, Severity.WARNING, Severity.ERROR).index(self)


SEVERITIES = tuple(severity.value for severity in Severity)
