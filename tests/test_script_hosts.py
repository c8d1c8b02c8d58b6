"""exposure/script_hosts.py: the pages of a folder, listed by name (a stat only for a page's),
are the ones pathlib's suffix and is_file picked."""

from __future__ import annotations

import os
from pathlib import Path

from kaman_lint.exposure.script_hosts import ScriptHosts, _page_names


def _by_pathlib(directory: Path) -> list[str]:
    return [p.name for p in sorted(p for p in directory.iterdir() if p.suffix.lower() in (".html", ".htm") and p.is_file())]


def test_pages_are_pathlibs_html_files(tmp_path: Path) -> None:
    for name in ("index.html", "b.HTM", "c.Html", ".html", "..htm", "x.html.bak", "page.htmlx", "notes.txt", "z."):
        (tmp_path / name).write_text("<p>")
    (tmp_path / "folder.html").mkdir()
    os.symlink(tmp_path / "index.html", tmp_path / "linked.html")
    os.symlink(tmp_path / "missing.html", tmp_path / "broken.html")
    os.symlink(tmp_path / "folder.html", tmp_path / "to-folder.htm")
    assert _page_names(str(tmp_path)) == _by_pathlib(tmp_path) == ["..htm", "b.HTM", "c.Html", "index.html", "linked.html"]
    assert _page_names(str(tmp_path / "absent")) == []


def test_a_page_beside_or_above_a_script_loads_it(tmp_path: Path) -> None:
    (tmp_path / "site" / "js").mkdir(parents=True)
    (tmp_path / "site" / "index.html").write_text('<script src="js/app.js"></script><script src="https://x/y.js">')
    (tmp_path / "site" / "js" / "app.js").write_text("")
    hosts = ScriptHosts(tmp_path)
    assert hosts.page_loading("site/js/app.js") == "site/index.html"
    assert hosts.page_loading("site/js/other.js") is None
