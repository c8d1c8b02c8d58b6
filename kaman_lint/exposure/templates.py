"""Following a template name (`render_template("notes/index.html")`) to its file.

Templates that mention Kaman were analysed in the scan and their printed variables collected; a
template that does not (it prints `{{ token }}`) never passed the prefilter, so it is looked up on
disk under the scan root and read here, in the main process. The tree is walked at most once per
scan, on the first render that needs it, with the scan's own rules (`.gitignore`, `exclude`).
Reading from disk means a `--staged` scan sees the work tree's template, not the index's.
"""

from __future__ import annotations

from pathlib import Path, PurePosixPath

from kaman_lint.config import Config
from kaman_lint.exposure.facts import TemplatePrint

MAX_TEMPLATE_BYTES = 2 * 1024 * 1024


class TemplateFiles:
    """Template lookups for one scan: `root` is the scan root, `config` the scan's config."""

    def __init__(self, root: Path, config: Config) -> None:
        self.root = root
        self.config = config
        self._by_file_name: dict[str, list[str]] | None = None  # "index.html" -> relpaths

    def find(self, name: str, render_path: str, collected: dict[str, list]) -> str | None:
        """The scan-root-relative path of template `name`, preferring the one closest to the
        view; `collected` holds the templates the scan analysed (by path)."""
        if not name:
            return None
        candidates = [p for p in collected if _names(p, name)] or self._on_disk(name)
        if not candidates:
            return None
        return min(candidates, key=lambda p: (-_shared_depth(p, render_path), len(p)))

    def printed_variables(self, relpath: str) -> list[TemplatePrint]:
        from kaman_lint.lang.html import template_prints
        from kaman_lint.source import Source

        try:
            with open(self.root / relpath, encoding="utf-8", errors="replace") as handle:
                text = handle.read(MAX_TEMPLATE_BYTES)
        except OSError:
            return []
        source = Source(relpath, text, "html")
        return [TemplatePrint(relpath, *source.position(printed.offset), printed.variable, printed.syntax,
                              source.position(printed.end))
                for printed in template_prints(text) if printed.variable]

    def _on_disk(self, name: str) -> list[str]:
        wanted = name.lstrip("/")
        return [p for p in self._files_named(PurePosixPath(wanted).name) if _names(p, wanted)]

    def _files_named(self, file_name: str) -> list[str]:
        if self._by_file_name is None:
            self._by_file_name = {}
            for relpath in self._walk():
                self._by_file_name.setdefault(PurePosixPath(relpath).name, []).append(relpath)
        return self._by_file_name.get(file_name, [])

    def _walk(self) -> list[str]:
        from kaman_lint.discover import discover, relative_path

        notices: list = []  # the scan reported trouble with these files already
        return [relative_path(path, self.root)
                for path in discover([self.root], root=self.root, config=self.config, notices=notices)]


def _names(path: str, name: str) -> bool:
    return path == name or path.endswith("/" + name.lstrip("/"))


def _shared_depth(a: str, b: str) -> int:
    depth = 0
    for x, y in zip(PurePosixPath(a).parts[:-1], PurePosixPath(b).parts[:-1]):
        if x != y:
            break
        depth += 1
    return depth
