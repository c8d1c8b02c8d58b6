"""Following a template name (`render_template("notes/index.html")`) to its file.

Templates that mention Kaman were analysed in the scan and their printed variables collected; a
template that does not (it prints `{{ token }}`) never passed the prefilter, so it is looked up on
disk under the scan root and read here, in the main process, once per render that needs it.
"""

from __future__ import annotations

import os
from pathlib import Path, PurePosixPath

from kaman_lint.exposure import TemplatePrint

TEMPLATE_FOLDERS = ("templates", "views", "jinja", "jinja2")
SKIP_DIRS = frozenset({"node_modules", ".git", ".venv", "venv", "__pycache__", ".tox", "dist", "build"})
MAX_TEMPLATE_BYTES = 2 * 1024 * 1024


def find_template(name: str, render_path: str, collected: dict[str, list], root: Path) -> str | None:
    """The scan-root-relative path of template `name`, preferring the one closest to the view."""
    if not name:
        return None
    candidates = [p for p in collected if _names(p, name)]
    if not candidates:
        candidates = _on_disk(root, name)
    if not candidates:
        return None
    return min(candidates, key=lambda p: (-_shared_depth(p, render_path), len(p)))


def printed_variables(root: Path, relpath: str) -> list[TemplatePrint]:
    from kaman_lint.lang.html import PRINT, COMMENT  # the same patterns the analyzer uses

    try:
        with open(root / relpath, encoding="utf-8", errors="replace") as handle:
            text = handle.read(MAX_TEMPLATE_BYTES)
    except OSError:
        return []
    comments = [(m.start(), m.end()) for m in COMMENT.finditer(text)]
    prints = []
    for m in PRINT.finditer(text):
        if any(start <= m.start() < end for start, end in comments):
            continue
        expression = m.group(1) or m.group(2)
        variable = expression.replace("[", ".").split(".", 1)[0]
        line = text.count("\n", 0, m.start()) + 1
        column = m.start() - (text.rfind("\n", 0, m.start()) + 1) + 1
        prints.append(TemplatePrint(relpath, line, column, variable))
    return prints


def _names(path: str, name: str) -> bool:
    return path == name or path.endswith("/" + name.lstrip("/"))


def _on_disk(root: Path, name: str) -> list[str]:
    """Files under `root` whose path ends with `name`, searched in template folders first."""
    wanted = PurePosixPath(name.lstrip("/"))
    found = []
    for directory, subdirs, files in os.walk(root):
        subdirs[:] = [d for d in subdirs if d not in SKIP_DIRS]
        if wanted.name in files:
            full = Path(directory) / wanted.name
            rel = full.relative_to(root).as_posix()
            if _names(rel, str(wanted)):
                found.append(rel)
    return found


def _shared_depth(a: str, b: str) -> int:
    depth = 0
    for x, y in zip(PurePosixPath(a).parts[:-1], PurePosixPath(b).parts[:-1]):
        if x != y:
            break
        depth += 1
    return depth
