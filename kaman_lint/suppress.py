"""Suppression comments: `kaman-lint: ignore[KAM001,KAM002] -- reason`, in the file's own comment
syntax. A comment that follows code covers its own line only; a comment alone on its line covers
the next line (ESLint's `disable-line` / `disable-next-line` split, told apart by position).

Only a comment in the file's own syntax counts (`comments` has the table); a comment that mentions
`kaman-lint:` but is not a well-formed directive suppresses nothing and draws a notice.
Directives are collected per file in the worker (so cross-file findings can be matched against
them later) and applied once, in the main process, to every finding: through an index by line,
so the work is linear in findings plus directives.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Iterable
from kaman_lint.records import dataclass, replace
from kaman_lint import comments, lazy_re, selectors
from kaman_lint.findings import Finding, Location, Notice, Suppression

# A mention of the tool in a comment: a directive, or a malformed one that draws a notice.
# The marker is a word of its own: `not-kaman-lint:` or `my_kaman-lint:` is no directive.
MENTION = lazy_re.compile(r"(?<![\w-])kaman-lint:")
# The directive ends where its comment ends: `*/`, `-->`, `#}`, `%>`, `}}`, the end of the line,
# or the `\n"` that closes a line of a notebook cell stored as a JSON string.
_END = r"(?=\s*(?:\*/|-->|#\}|%>|--\}\}|\}\}|\\n|\"|$))"
DIRECTIVE = lazy_re.compile(
    r"kaman-lint:\s*ignore(?![\w-])(?:\[(?P<rules>[^\]\n]*)\])?"
    r"(?:\s*--(?!>|\}\})\s*(?P<reason>[^\n]*?))?" + _END,
    re.M,
)
EXPECTED_FORM = "`kaman-lint: ignore[KAM001,KAM002] -- reason`"
# What the editor's quick fix writes for the reason: until someone replaces it, the directive is
# malformed and hides nothing (a suppression nobody explained is no decision).
REASON_PLACEHOLDER = "<reason>"
_PLACEHOLDER_REASON = lazy_re.compile(r"<[^<>]*>")


@dataclass
class Directive:
    """One suppression comment and what it hides."""
    line: int
    rules: frozenset[str] | None  # None: every rule (a blanket suppression)
    reason: str
    used: bool = False
    problem: str | None = None  # set for a malformed directive, which suppresses nothing
    unknown: tuple[str, ...] = ()  # rules named that do not exist (as written): hides nothing
    alone: bool = False  # nothing but the comment on its line: it speaks for the next line

    @property
    def lines(self) -> tuple[int, ...]:
        """The lines it covers: its own, and the next when it is alone on its line."""
        return (self.line, self.line + 1) if self.alone else (self.line,)

    def covers(self, rule_id: str, line: int) -> bool:
        if self.problem or line not in self.lines:
            return False
        return self.rules is None or rule_id in self.rules


def parse(text: str, line_of: Callable[[int], int],
          comment_lines: Collection[int] | None = None, language: str = "text") -> list[Directive]:
    """All directives in a text, malformed ones included (with a `problem`). `line_of` maps a
    string offset to its 1-based line. Only a mention inside a real comment of the language
    counts (see `comments`); when the analyzer knows which lines hold comments
    (`comment_lines`, from Python's tokenizer), mentions on other lines are string data."""
    if "kaman-lint" not in text:
        return []
    syntax_at = comments.locator(text, language)
    directives = []
    for mention in MENTION.finditer(text):
        start = mention.start()
        # A bounded look-back: a prefix longer than comments.MAX_PREFIX is never a comment, and
        # copying from the line start would be O(offset) on a one-line bundle.
        floor = max(0, start - comments.MAX_PREFIX - 1)
        line_start = max(text.rfind("\n", floor, start), text.rfind("\r", floor, start), floor - 1) + 1
        prefix = text[line_start:start]
        syntax = syntax_at(start)
        comment = syntax.comment_start(prefix)
        if comment is None or prefix.count("`", comment) % 2:
            continue  # code, a string, or prose quoting the syntax: "write `kaman-lint: ...`"
        line = line_of(start)
        if comment_lines is None or line in comment_lines:
            directive = _directive(text, start, line)
            closer = next((c for opener, c in syntax.block if prefix.startswith(opener, comment)), None)
            directive.alone = _alone(prefix[:comment], text, start, language, closer)
            directives.append(directive)
    return directives


# What may stand around a comment that is alone on its line: the JSON quotes of a notebook
# cell's source line, the braces of a JSX comment (`{/* ... */}`).
_LEAD = {"notebook": '"', "jsx": "{", "tsx": "{"}
_TRAIL = {"notebook": ('\\n",', '\\n"', '",', '"'), "jsx": ("}",), "tsx": ("}",)}
_CLOSERS = ("*/", "-->", "#}", "%>", "--}}", "}}")


def _alone(before: str, text: str, start: int, language: str, block_closer: str | None) -> bool:
    """Whether the comment holding the directive at `start` has no code before it (`before`:
    the line up to the comment opener) nor after it on its line. A block comment must close on
    the directive's line: `/* kaman-lint: ignore` whose `*/` comes later speaks for no code."""
    lead = before.strip()
    if lead and lead != _LEAD.get(language):
        return False
    match = DIRECTIVE.match(text, start)
    if match is None:
        return False  # malformed: hides nothing either way
    rest = _REST_OF_LINE.match(text, match.end()).group().strip()
    if block_closer is not None and not rest.startswith(block_closer):
        return False
    closer = block_closer or next((c for c in _CLOSERS if rest.startswith(c)), "")
    rest = rest[len(closer):].strip()
    return not rest or rest in _TRAIL.get(language, ())


_REST_OF_LINE = lazy_re.compile(r"[^\r\n]*")  # as far as the line goes, not a search to the file's end


def _directive(text: str, start: int, line: int) -> Directive:
    match = DIRECTIVE.match(text, start)
    if not match:
        return Directive(line, None, "", problem="not a directive")
    reason = (match.group("reason") or "").strip()
    if _PLACEHOLDER_REASON.fullmatch(reason):
        return Directive(line, None, reason, problem=f"the reason is still the placeholder {reason}: say why")
    rules = match.group("rules")
    if rules is None:
        return Directive(line, None, reason)
    written = [r.strip() for r in rules.split(",") if r.strip()]
    if not written:
        return Directive(line, frozenset(), reason, problem="no rule named in the brackets")
    ids = {name: selectors.exact_rule(name) for name in written}  # an id or a rule's name
    # Quoted as written, not upper-cased: the notice's redaction must still see a `kam_` key.
    unknown = tuple(name for name, rule_id in ids.items() if rule_id is None)
    names = frozenset(rule_id for rule_id in ids.values() if rule_id)
    return Directive(line, names, reason, problem="unknown rule" if unknown else None, unknown=unknown)


def apply(findings: Iterable[Finding], directives: dict[str, list[Directive]],
          rule_selected: Callable[[str], bool]) -> tuple[list[Finding], list[Finding], list[Notice]]:
    """Split off suppressed findings (returned with their `Suppression`, to be reported as
    such); notice blanket directives and directives that hid nothing.
    Returns (kept, suppressed, notices)."""
    by_line: dict[tuple[str, int], list[Directive]] = {}  # a finding meets only its line's directives
    for path, entries in directives.items():
        for directive in entries:
            for line in directive.lines if not directive.problem else ():
                by_line.setdefault((path, line), []).append(directive)
    kept, suppressed = [], []
    for finding in findings:
        loc = finding.location
        hiding = [d for d in by_line.get((loc.path, loc.line), ()) if d.covers(finding.rule_id, loc.line)]
        for directive in hiding:
            directive.used = True
        if hiding:
            suppressed.append(replace(finding, suppression=_suppression(hiding[0], loc.path)))
        else:
            kept.append(finding)
    return kept, suppressed, list(_notices(directives, rule_selected, kept))


def _suppression(directive: Directive, path: str) -> Suppression:
    what = "kaman-lint: ignore" + (f"[{','.join(sorted(directive.rules))}]" if directive.rules else "")
    reason = directive.reason or f"`{what}` (no reason given)"
    return Suppression("inSource", reason, Location(path, directive.line, 1))


def _notices(directives: dict[str, list[Directive]], rule_selected,
             kept: list[Finding]) -> Iterable[Notice]:
    reported: dict[tuple[str, int], set[str]] = {}  # what stays reported where, for the hint
    for f in kept:
        reported.setdefault((f.location.path, f.location.line), set()).add(f.rule_id)
    for path, entries in directives.items():
        for d in entries:
            if d.unknown:
                yield Notice("unknown-rule", "suppression names " + ", ".join(
                    f"unknown rule {name!r}{selectors.did_you_mean(name)}" for name in d.unknown)
                    + ", so it hides nothing; `kaman-lint rules` lists the ids and names", path, d.line)
                continue
            if d.problem:
                yield Notice("malformed-suppression",
                             f"malformed suppression ({d.problem}), so it hides nothing; "
                             f"write {EXPECTED_FORM}", path, d.line)
                continue
            if d.rules is None:
                yield Notice("blanket-suppression",
                             "blanket `kaman-lint: ignore` hides every rule; name the rules, "
                             "e.g. `kaman-lint: ignore[KAM001] -- reason`", path, d.line)
            if not d.used and (d.rules is None or all(rule_selected(r) for r in d.rules)):
                what = ",".join(sorted(d.rules)) if d.rules else "any rule"
                others = sorted(set().union(*(reported.get((path, line), set()) for line in d.lines)))
                hint = (f" ({', '.join(others)} {'is' if len(others) == 1 else 'are'} reported here: "
                        "name it to hide it)") if others else ""
                yield Notice("unused-suppression",
                             f"suppression for {what} matches no finding on {_covered(d)}{hint}",
                             path, d.line)


def _covered(directive: Directive) -> str:
    return "this line or the next" if directive.alone else "this line"
