"""Suppression comments: `kaman-lint: ignore[KAM001,KAM002] -- reason` on a finding's line or
on the line above it, in the file's own comment syntax.

Directives are collected per file in the worker (so cross-file findings can be matched against
them later) and applied once, in the main process, to every finding.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass

from kaman_lint.findings import Finding, Notice

# The comment openers of every file kind we read: Python/shell/YAML/TOML `#`, JS `//` and
# `/* */`, HTML `<!-- -->`, Jinja/Django `{# #}`, ERB `<%# %>`, INI `;`, SQL/Lua `--`.
_OPENER = r"(?:#|//|/\*|<!--|\{#|<%#|;|--)"
# The directive ends where its comment ends: `*/`, `-->`, `#}`, `%>`, the end of the line, or
# the `\n"` that closes a line of a notebook cell stored as a JSON string.
_END = r"(?=\s*(?:\*/|-->|#\}|%>|\\n|\"|$))"
DIRECTIVE = re.compile(
    _OPENER + r"[^\n]*?\bkaman-lint:\s*ignore(?![\w-])(?:\[(?P<rules>[^\]\n]*)\])?"
    r"(?:\s*--(?!>)\s*(?P<reason>[^\n]*?))?" + _END,
    re.M,
)


@dataclass
class Directive:
    line: int
    rules: frozenset[str] | None  # None: every rule (a blanket suppression)
    reason: str
    used: bool = False

    def covers(self, rule_id: str, line: int) -> bool:
        if line not in (self.line, self.line + 1):
            return False
        return self.rules is None or any(rule_id.startswith(r) for r in self.rules)


def parse(text: str, line_of: Callable[[int], int],
          comment_lines: Collection[int] | None = None) -> list[Directive]:
    """All directives in a text. `line_of` maps a string offset to its 1-based line. When the
    analyzer knows which lines hold real comments (`comment_lines`), directives elsewhere are
    text inside strings and do not count."""
    if "kaman-lint" not in text:
        return []
    directives = []
    for match in DIRECTIVE.finditer(text):
        rules = match.group("rules")
        names = frozenset(r.strip().upper() for r in rules.split(",") if r.strip()) if rules else None
        reason = (match.group("reason") or "").strip()
        line = line_of(match.start("rules") if rules else match.start())
        if comment_lines is None or line in comment_lines:
            directives.append(Directive(line, names or None, reason))
    return directives


def apply(findings: Iterable[Finding], directives: dict[str, list[Directive]],
          rule_selected: Callable[[str], bool]) -> tuple[list[Finding], list[Notice]]:
    """Drop suppressed findings; notice blanket directives and directives that hid nothing."""
    kept = []
    for finding in findings:
        loc = finding.location
        hiding = [d for d in directives.get(loc.path, ()) if d.covers(finding.rule_id, loc.line)]
        for directive in hiding:
            directive.used = True
        if not hiding:
            kept.append(finding)
    return kept, list(_notices(directives, rule_selected))


def _notices(directives: dict[str, list[Directive]], rule_selected) -> Iterable[Notice]:
    for path, entries in directives.items():
        for d in entries:
            if d.rules is None:
                yield Notice("blanket-suppression",
                             "blanket `kaman-lint: ignore` hides every rule; name the rules, "
                             "e.g. `kaman-lint: ignore[KAM001] -- reason`", path, d.line)
            if not d.used and (d.rules is None or all(rule_selected(r) for r in d.rules)):
                what = ",".join(sorted(d.rules)) if d.rules else "any rule"
                yield Notice("unused-suppression",
                             f"suppression for {what} matches no finding on this line or the next",
                             path, d.line)
