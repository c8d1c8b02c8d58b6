"""ACME001 kaman-key-in-docs: a rule written against kaman-lint's plugin contract."""

from __future__ import annotations

from kaman_lint.findings import Severity
from kaman_lint.rules.base import Rule

DOC_LANGUAGES = frozenset({"markdown", "text"})


class KeyInDocs(Rule):
    """A Kaman key is written into documentation.

    ## What it flags
    A real-looking Kaman key in a Markdown, reStructuredText or plain-text file.

    ## Why is this bad?
    Docs are copied into wikis, tickets and chat; a key in them spreads further than code.

    ## Example
    ```markdown
    Call the API with `kam_...` (a real key here).
    ```

    ## Use instead
    ```markdown
    Call the API with `kam_your_api_key`.
    ```

    ## How to fix
    Rotate the key in the Kaman dashboard, then write a placeholder in its place.

    ## Suppressing
    `<!-- kaman-lint: ignore[ACME001] -- reason -->` on the line above.
    """

    id = "ACME001"
    name = "kaman-key-in-docs"
    severity = Severity.WARNING
    security_severity = "5.0"
    tags = ("security", "docs")

    def check(self, facts):
        if facts.source.language not in DOC_LANGUAGES:
            return
        for lit in facts.literals:
            yield self.finding(facts.location(lit.line, lit.column),
                               f"Kaman key {lit.key.preview} in documentation: write kam_your_api_key instead",
                               lit.key.fingerprint, lit.key.preview)
