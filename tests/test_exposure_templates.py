"""exposure.templates: a rendered template found on disk (it never passed the prefilter), read with
the HTML analyzer's own print extraction, the tree walked once per scan with the scan's excludes."""

from __future__ import annotations

from pathlib import Path

from kaman_lint import discover as discover_module
from kaman_lint.config import Config
from kaman_lint.exposure.templates import TemplateFiles


def _write(root: Path, files: dict[str, str]) -> None:
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text.encode("utf-8"))


def _config(root: Path, **kwargs) -> Config:
    config = Config(no_ignore=False, **kwargs)
    config.project_root = root
    return config


def test_printed_variables_positions_in_a_cr_only_file(tmp_path):
    _write(tmp_path, {"templates/a.html": "<html>\r<p>{# {{ hidden }} #}</p>\r  <b>{{ token|e }}</b>\r</html>\r"})
    prints = TemplateFiles(tmp_path, _config(tmp_path)).printed_variables("templates/a.html")
    assert [(p.variable, p.line, p.column) for p in prints] == [("token", 3, 6)]


def test_tree_is_walked_once_per_scan(tmp_path, monkeypatch):
    _write(tmp_path, {"app/templates/a.html": "{{ x }}", "app/templates/b.html": "{{ y }}"})
    walks = []
    real = discover_module.discover
    monkeypatch.setattr(discover_module, "discover", lambda *a, **k: walks.append(1) or real(*a, **k))
    templates = TemplateFiles(tmp_path, _config(tmp_path))
    assert templates.find("a.html", "app/views.py", {}) == "app/templates/a.html"
    assert templates.find("b.html", "app/views.py", {}) == "app/templates/b.html"
    assert templates.find("missing.html", "app/views.py", {}) is None
    assert len(walks) == 1


def test_excluded_and_ignored_folders_hold_no_templates(tmp_path):
    _write(tmp_path, {
        ".gitignore": "node_modules/\n",
        "node_modules/pkg/templates/page.html": "{{ x }}",
        ".venv/lib/templates/page.html": "{{ x }}",
        "vendor/templates/page.html": "{{ x }}",
    })
    (tmp_path / ".git").mkdir()
    templates = TemplateFiles(tmp_path, _config(tmp_path, extend_exclude=["vendor/"]))
    assert templates.find("page.html", "app.py", {}) is None
    _write(tmp_path, {"site/templates/page.html": "{{ x }}"})
    assert TemplateFiles(tmp_path, _config(tmp_path, extend_exclude=["vendor/"])).find(
        "page.html", "app.py", {}) == "site/templates/page.html"


def test_collected_templates_win_without_a_walk(tmp_path, monkeypatch):
    monkeypatch.setattr(discover_module, "discover", lambda *a, **k: (_ for _ in ()).throw(AssertionError("walked")))
    templates = TemplateFiles(tmp_path, _config(tmp_path))
    assert templates.find("index.html", "web/app.py", {"web/templates/index.html": [], "x/index.html": []}) == \
        "web/templates/index.html"
