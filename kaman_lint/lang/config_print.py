"""Does an expression a template prints read the server's own configuration, and which Kaman
setting does it read?

`<%= Rails.configuration.x.kaman.api_key %>`, `<%= ENV.fetch("KAMAN_API_KEY") %>`, Blade
`{{ config('services.kaman.key') }}` and `{{ env('KAMAN_API_KEY') }}`, Flask
`{{ config.KAMAN_API_KEY }}`, Vue CLI `<%= process.env.X %>`: the value comes from a global
config or env object, not from a render context, so the template alone shows the exposure.
(Render variables, `{{ kaman_key }}`, are followed from the view that renders the template.)

The expression's access path is split into names, string subscripts (`["KAMAN_API_KEY"]`,
`[:api_key]`) and string call arguments (`fetch("X")`, `dig(:kaman, :api_key)`, dotted
`'services.kaman.key'`); it reads a Kaman key when one component, or the tail joined from the
first component naming Kaman (`kaman.api_key`), is a Kaman key name.
"""

from __future__ import annotations

from kaman_lint import lazy_re
from kaman_lint.exposure.names import KAMAN_NAME, is_kaman_key_name

# Global config and env objects templates can reach without a render context, as name paths.
CONFIG_ROOTS = (
    ("ENV",), ("Rails", "configuration"), ("Rails", "application", "config"),
    ("Rails", "application", "credentials"), ("Rails", "application", "secrets"),
    ("settings",), ("config",), ("$config",), ("current_app", "config"), ("Config", "get"),
    ("process", "env"), ("import", "meta", "env"), ("os", "environ"), ("os", "getenv"), ("getenv",),
    ("env",), ("$_ENV",), ("$_SERVER",),
)
# Methods that look a value up: part of the path, not of the setting's name.
ACCESSORS = frozenset({"fetch", "dig", "get", "value", "public"})
# Methods and operators whose result is a fact about the value, not the value.
PREDICATES = frozenset({"present?", "blank?", "nil?", "empty?", "any?", "length", "size", "count", "exists"})
TEST_AFTER = lazy_re.compile(r"^\s*(?:[=!]=|[<>]=?|\?(?!\?)|&&|and\b|is\b|not\b)")

_NAME = lazy_re.compile(r"\s*(\$?[A-Za-z_]\w*[?!]?)")
_STEP = lazy_re.compile(
    r"""\s*(?:(?P<sep>\.|::|->|&\.|\?\.)|\[\s*(?:(?P<q>['"])(?P<key>[^'"]*)(?P=q)|:(?P<sym>\w+))\s*\]|"""
    r"""\((?P<args>[^()]*)\))""")
_ARG = lazy_re.compile(r"""(['"])([^'"]*)\1|(?<![\w:]):(\w+)""")


def kaman_setting_printed(expression: str) -> str | None:
    """The Kaman key setting `expression` prints from a global config/env object (e.g.
    `KAMAN_API_KEY`, `kaman.api_key`), or None."""
    # What it returns is a name or a joined tail of names written in `expression`, and says
    # Kaman (`is_kaman_key_name`, KAMAN_NAME): a print that does not say it is not read.
    if "kaman" not in expression.lower():
        return None
    return _setting_printed(expression)


def _setting_printed(expression: str) -> str | None:
    path, rest = _access_path(expression)
    if not path or TEST_AFTER.match(rest):
        return None
    names = [value for kind, value in path if kind == "name"]
    root = next((r for r in CONFIG_ROOTS if tuple(names[:len(r)]) == r and _leads(path, len(r))), None)
    if root is None:
        return None
    components: list[str] = []
    for kind, value in path[len(root):]:
        if kind == "name" and value in PREDICATES:
            return None
        if kind == "name" and value not in ACCESSORS:
            components.append(value)
        elif kind == "key":
            components.extend(part for part in value.split(".") if part)
    named = next((c for c in components if is_kaman_key_name(c)), None)
    if named:
        return named
    start = next((i for i, c in enumerate(components) if KAMAN_NAME.search(c)), None)
    if start is None:
        return None
    tail = ".".join(components[start:])
    return tail if is_kaman_key_name(tail) else None


def _leads(path: list[tuple[str, str]], count: int) -> bool:
    """Are the first `count` steps of `path` all names (`Rails.configuration`, not `x["Rails"]`)?"""
    return all(kind == "name" for kind, _ in path[:count])


def _access_path(expression: str) -> tuple[list[tuple[str, str]], str]:
    """[("name", "ENV"), ("name", "fetch"), ("key", "KAMAN_API_KEY")] and the text after it."""
    first = _NAME.match(expression)
    if not first:
        return [], expression
    path = [("name", first.group(1))]
    pos = first.end()
    while True:
        step = _STEP.match(expression, pos)
        if not step:
            break
        if step.group("sep"):
            name = _NAME.match(expression, step.end())
            if not name:
                break
            path.append(("name", name.group(1)))
            pos = name.end()
            continue
        if step.group("args") is not None:
            path.extend(("key", m.group(2) if m.group(1) else m.group(3)) for m in _ARG.finditer(step.group("args")))
        else:
            path.append(("key", step.group("key") if step.group("q") else step.group("sym")))
        pos = step.end()
    return path, expression[pos:]
