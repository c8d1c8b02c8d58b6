"""Every dataclass a scan loads has a docstring (issue 13, target 3): without one, @dataclass
computes `inspect.signature(cls)` at import to write `__doc__`, 0.1-0.3 ms a class, paid by
every short run for text nobody reads. Checked on the source, not timed."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "kaman_lint"
# history scans are long runs: their few classes' signatures cost nothing measurable there
LONG_RUNS_ONLY = ("history",)


def dataclasses_without_docstring(package: Path = PACKAGE) -> list[str]:
    missing = []
    for path in sorted(package.rglob("*.py")):
        if path.relative_to(package).parts[0] in LONG_RUNS_ONLY:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (isinstance(node, ast.ClassDef) and ast.get_docstring(node) is None
                    and any("dataclass" in ast.unparse(d) for d in node.decorator_list)):
                missing.append(f"{path.relative_to(package.parent)}:{node.lineno} {node.name}")
    return missing


def test_every_dataclass_of_a_scan_has_a_docstring():
    assert dataclasses_without_docstring() == []


def test_the_check_sees_dataclasses_of_every_spelling(tmp_path):
    module = tmp_path / "kaman_lint" / "m.py"
    module.parent.mkdir()
    module.write_text("import dataclasses\nfrom dataclasses import dataclass\n"
                      "@dataclass\nclass A:\n    x: int\n"
                      "@dataclass(frozen=True)\nclass B:\n    x: int\n"
                      "@dataclasses.dataclass\nclass C:\n    x: int\n"
                      "@dataclass\nclass D:\n    '''Has one.'''\n    x: int\n"
                      "class E:\n    x: int\n")
    assert [m.split()[-1] for m in dataclasses_without_docstring(module.parent)] == ["A", "B", "C"]
