"""Which HTML pages load a file as a browser script (`<script src>`, PyScript `src=`).

A file holding a key is not always recognisable as client code by its own path: `main.py` next to
a PyScript page, `app.js` next to a static `index.html`. The page that loads it says so
(client-exposure.md §4.1, §4.9). Pages need not mention Kaman, so they never passed the
prefilter: the finish step asks here, once per file that holds a key, and this module reads the
HTML files in that file's folder and the folders above it (a page loads `js/app.js`), each at
most once per scan.
"""

from __future__ import annotations

import os
import posixpath
import re
from pathlib import Path

from kaman_lint import lazy_re

SCRIPT_SRC = lazy_re.compile(
    r"""<(?:script|py-script|mpy-script)\b[^>]*?\bsrc\s*=\s*(["'])([^"'<>]+)\1""", re.I)
BROWSER_SCRIPT_SUFFIXES = (".js", ".mjs", ".py")
LEVELS_UP = 2  # pages usually sit beside their scripts or one or two folders above them
MAX_PAGE_BYTES = 512 * 1024


class ScriptHosts:
    def __init__(self, root: Path) -> None:
        self.root = root
        self._loaded_by_folder: dict[str, dict[str, str]] = {}  # folder -> {script path: page}

    def page_loading(self, relpath: str) -> str | None:
        """The scan-root-relative path of an HTML page that loads `relpath` as a script, or None."""
        if not relpath.endswith(BROWSER_SCRIPT_SUFFIXES):
            return None
        folder = posixpath.dirname(relpath)
        for _ in range(LEVELS_UP + 1):
            page = self._scripts_of_pages_in(folder).get(relpath)
            if page:
                return page
            if not folder:
                break
            folder = posixpath.dirname(folder)
        return None

    def _scripts_of_pages_in(self, folder: str) -> dict[str, str]:
        if folder not in self._loaded_by_folder:
            loaded: dict[str, str] = {}
            directory = os.path.join(self.root, folder)
            for name in _page_names(directory):
                page_rel = posixpath.join(folder, name) if folder else name
                for target in _script_sources(os.path.join(directory, name)):
                    loaded.setdefault(_resolve(folder, target), page_rel)
            self._loaded_by_folder[folder] = loaded
        return self._loaded_by_folder[folder]


def _page_names(directory: str) -> list[str]:
    """The names of the HTML files (or links to them) in `directory`, sorted. By name first, a
    stat only for a page's: a key in lodash's folder listed its 640 entries as pathlib objects."""
    names = []
    try:
        with os.scandir(directory) as entries:
            for entry in entries:
                name = entry.name
                # pathlib's suffix: after the last dot, not a leading one (`.html` has none)
                if name.lower().endswith((".html", ".htm")) and name.rfind(".") > 0 and _is_file(entry):
                    names.append(name)
    except OSError:
        return []
    return sorted(names)


def _is_file(entry: os.DirEntry) -> bool:
    try:
        return entry.is_file()  # follows a link, as Path.is_file
    except OSError:
        return False


def _script_sources(page: str) -> list[str]:
    try:
        with open(page, encoding="utf-8", errors="replace") as handle:
            text = handle.read(MAX_PAGE_BYTES)
    except OSError:
        return []
    sources = []
    for m in SCRIPT_SRC.finditer(text):
        target = m.group(2).split("?", 1)[0].split("#", 1)[0].strip()
        if target and not re.match(r"^(?:[a-z][a-z0-9+.-]*:|//|\{)", target, re.I):  # remote, data:, templated
            sources.append(target)
    return sources


def _resolve(folder: str, target: str) -> str:
    # A root-relative `/js/app.js` is taken relative to the page's folder: the site root is
    # usually the folder the page is served from.
    return posixpath.normpath(posixpath.join(folder, target.lstrip("/")))
