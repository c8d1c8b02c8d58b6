"""A rule is declared once: id, name, severity and docs live on its class and feed
`kaman-lint rules`, SARIF `tool.driver.rules` and the generated docs."""

from __future__ import annotations

import re
from collections.abc import Iterable

from kaman_lint.findings import Finding, Location, Severity

TYPE_CHECKING = False  # typing.TYPE_CHECKING: typing is not imported at run time
if TYPE_CHECKING:
    from typing import ClassVar
    from kaman_lint.facts import FileFacts, ProjectFacts
    from kaman_lint.project import Project

DOC_SECTIONS = (
    "What it flags",
    "Why is this bad?",
    "Example",
    "Use instead",
    "How to fix",
    "Suppressing",
)


class Rule:
    """Base class. Subclasses set the class attributes and write their docs as the class
    docstring: a one-line summary, a blank line, then the sections in :data:`DOC_SECTIONS`,
    each introduced by a `## <section>` line."""

    id: ClassVar[str]
    name: ClassVar[str]  # kebab-case
    severity: ClassVar[Severity] = Severity.ERROR
    security_severity: ClassVar[str] = "8.0"  # GitHub band: 7.0-8.9 high
    precision: ClassVar[str] = "high"
    tags: ClassVar[tuple[str, ...]] = ("security",)
    cwe: ClassVar[tuple[str, ...]] = ()

    # --- the checks ----------------------------------------------------------------------
    def check(self, facts: FileFacts) -> Iterable[Finding]:
        """Findings from one file alone. Runs in the worker that analysed the file."""
        return ()

    def survey(self, relpath: str, data: bytes, project: Project) -> dict[str, list]:
        """Key-free facts this rule needs from every file of the scan, the many the prefilter
        drops included (KAM002's module graph needs every module's imports). Runs in the worker
        on the file's bytes, before anything else: it must be cheap."""
        return {}

    # What spares `survey` its call on most files (the engine calls it for every file of a
    # walk): the suffixes, as written, of files it says nothing of whatever they hold, and
    # suffix -> byte strings a file with that suffix must hold one of for it to say anything
    # (the engine's prefilter pass looks for them; none may hide a key marker from that pass:
    # tests/test_prefilter.py).
    survey_skips: ClassVar[frozenset[str]] = frozenset()
    survey_gates: ClassVar[dict[str, tuple[bytes, ...]]] = {}

    def collect(self, facts: FileFacts) -> dict[str, list]:
        """Key-free facts from one file that `finish` needs, by kind. Runs in the worker."""
        return {}

    def finish(self, project: ProjectFacts) -> Iterable[Finding]:
        """Findings that need the whole scan (cross-file). Runs once, in the main process."""
        return ()

    def preload(self) -> None:
        """Import now what `survey`, `check` and `collect` import on first use. Called once in
        the main process before it forks its workers, which then inherit it (each would else
        import it again)."""

    # --- helpers for subclasses ----------------------------------------------------------
    def finding(self, location: Location, message: str, fingerprint: str, preview: str = "",
                related: tuple[Location, ...] = (), flow: tuple[Location, ...] = ()) -> Finding:
        # Finding and Location redact what they quote (findings.py): no whole key leaves a rule.
        return Finding(self.id, self.severity, location, message, fingerprint, preview, related, flow=flow)

    # --- docs ----------------------------------------------------------------------------
    @classmethod
    def summary(cls) -> str:
        return cls.doc().split("\n", 1)[0].strip()

    @classmethod
    def doc(cls) -> str:
        return _cleaned(cls.__doc__ or "")

    @classmethod
    def sections(cls) -> dict[str, str]:
        """The docstring's `## Section` blocks, in order."""
        return dict(_sections(cls.doc()))  # a copy: the caller's to change

    @classmethod
    def help_markdown(cls) -> str:
        return f"# {cls.id} {cls.name}\n\n{cls.doc()}\n"

    @classmethod
    def help_text(cls) -> str:
        return re.sub(r"^## +", "", cls.doc(), flags=re.M)


# A SARIF report asks each rule for its docs 5-6 times (summary, sections, help text and
# markdown), after the pool, where this process runs alone: each docstring is parsed once.
# Keyed on the docstring itself, so a class whose docstring changes is parsed anew.
_CLEANED: dict[str, str] = {}
_SECTIONS: dict[str, dict[str, str]] = {}


def _cleaned(doc: str) -> str:
    cleaned = _CLEANED.get(doc)
    if cleaned is None:
        cleaned = _CLEANED[doc] = cleandoc(doc)
    return cleaned


def _sections(doc: str) -> dict[str, str]:
    sections = _SECTIONS.get(doc)
    if sections is None:
        parts = re.split(r"^## +(.+?)\s*$", doc, flags=re.M)
        sections = _SECTIONS[doc] = {title.strip(): body.strip() for title, body in zip(parts[1::2], parts[2::2])}
    return sections


def cleandoc(doc: str) -> str:
    """`inspect.cleandoc(doc)`, written out: a SARIF report quotes every rule's docs, and
    importing `inspect` (with `dis`) cost the main process 3-5 ms of a 0.35 s scan
    (tests/test_rule_docs.py compares the two on every rule's docstring)."""
    lines = doc.expandtabs().split("\n")
    margin = None  # the least indentation of the non-blank lines after the first
    for line in lines[1:]:
        content = len(line.lstrip())
        if content and (margin is None or len(line) - content < margin):
            margin = len(line) - content
    lines[0] = lines[0].lstrip()
    if margin is not None:
        lines[1:] = [line[margin:] for line in lines[1:]]
    while lines and not lines[-1]:
        lines.pop()
    start = 0
    while start < len(lines) and not lines[start]:
        start += 1
    return "\n".join(lines[start:])
