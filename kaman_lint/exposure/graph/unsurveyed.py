"""What the graph survey says nothing of, told before it is called: the engine calls a rule's
survey for every file of a walk, and most of them (images, docs, translations, a library's
Python modules) tell the graph nothing. Here as data, without the survey's imports, so that
`rules.kam002` can declare it (`Rule.survey_skips`, `Rule.survey_gates`) and `survey` and
`served` read the same sets."""

from __future__ import annotations

# Suffixes, as written (not lowered), of files the survey says nothing of whatever they hold.
NOTHING_TO_SAY = frozenset({".md", ".txt", ".rst", ".css", ".scss", ".png", ".svg", ".jpg", ".gif", ".map",
                            ".yml", ".yaml", ".toml", ".cfg", ".ini", ".lock", ".csv", ".woff", ".woff2", ".ttf",
                            ".pyc", ".pyi", ".so", ".h", ".c", ".po", ".mo", ".xml", ".ipynb", ".sh", ".gz"})

# What a Python file must hold for the survey to find a served folder in it (Flask
# `static_folder`, Django `STATICFILES_DIRS`, Starlette `StaticFiles`): else it says nothing.
# `static_folde` without its `r`: the engine's prefilter looks for these in its one pass, whose
# leftmost-first matching would let a `static_folder` hide a base64 key marker `rYW1f` begun on
# that `r` (tests/test_prefilter.py checks that no gate can hide a marker).
PYTHON_GATES = (b"static_folde", b"STATICFILES_DIRS", b"StaticFiles")
