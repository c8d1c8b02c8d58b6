"""What a walk left out (`discover`), in a module of its own: a scan of stdin or of the git
index counts too, and does not load the walker (55 KB of bytecode, 2-3 ms of a short run)."""

from __future__ import annotations


class WalkCounts:
    """What a walk left out by the config's word, for the summary and the gate: a config that
    excludes everything must not read as a clean tree."""

    __slots__ = ("excluded", "walked_directory", "encodings", "link_texts")

    def __init__(self, excluded: int = 0, walked_directory: bool = False) -> None:
        self.excluded = excluded  # paths (a directory counts once) the config's own excludes left out
        self.walked_directory = walked_directory  # a directory was walked (not only named files)
        # absolute path -> the encoding git writes it in (`.gitattributes` working-tree-encoding)
        self.encodings: dict[str, str] = {}
        self.link_texts: list[tuple[str, str]] = []  # (link, its target) mentioning a key
