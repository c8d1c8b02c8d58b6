"""What the project around the scanned files says: frameworks, their public env prefixes.
Loaded once per scan in the main process from a few known files, and shipped to workers."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class Project:
    root: str
    frameworks: frozenset[str] = field(default_factory=frozenset)

    @classmethod
    def detect(cls, root: Path) -> Project:
        return cls(str(root))
