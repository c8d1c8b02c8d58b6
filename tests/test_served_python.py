"""The Python declarations of served folders (Flask `static_folder`, Starlette `StaticFiles`,
Django `STATICFILES_DIRS`) are each found by the survey's one marker pass over a `.py` file."""

from __future__ import annotations

from kaman_lint.exposure.graph import served


def _folders(source: str) -> list:
    return served.survey("app.py", "app.py", ".py", source.encode())


def test_each_python_declaration_is_surveyed():
    assert [f.how for f in _folders('app = Flask(__name__, static_folder="web")\n')] == ["Flask `static_folder`"]
    assert [f.how for f in _folders('app.mount("/s", StaticFiles(directory="web"))\n')] == ["Starlette `StaticFiles`"]
    assert _folders('STATICFILES_DIRS = [BASE_DIR / "web"]\n'), "Django's list"


def test_a_python_file_naming_none_says_nothing():
    assert _folders("import flask\nstatic = 1\nSTATIC_ROOT = 'x'\n") == []
