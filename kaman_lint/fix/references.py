"""Config files with a reference syntax of their own: the key's text is replaced by a reference
the tool resolves at run time, from where secrets belong.

- Docker Compose files: `${KAMAN_API_KEY}`, interpolated from the shell or an untracked `.env`;
- GitHub Actions workflows: `${{ secrets.KAMAN_API_KEY }}`, a repository or environment secret.
"""

from __future__ import annotations

import re
from pathlib import PurePosixPath

from kaman_lint import lazy_re
from kaman_lint.facts import FileFacts
from kaman_lint.fix.model import Edit, Remedy, Target, apply_edits, fixed, left
from kaman_lint.fix.names import FileVariables

COMPOSE_FILE = lazy_re.compile(r"(?:docker-)?compose(?:[.-][\w.-]+)?\.ya?ml", re.I)
WORKFLOW_FILE = lazy_re.compile(r"(?:^|/)\.github/workflows/[^/]+\.ya?ml", re.I)


def kind_of(relpath: str) -> str | None:
    if WORKFLOW_FILE.search(relpath):
        return "github-workflow"
    if COMPOSE_FILE.fullmatch(PurePosixPath(relpath).name):
        return "compose"
    return None


def reference(kind: str, variable: str) -> str:
    return "${{ secrets.%s }}" % variable if kind == "github-workflow" else "${%s}" % variable


def then(kind: str, variable: str) -> str:
    """What the user must do for the reference to resolve (shown, never run)."""
    if kind == "github-workflow":
        return f"add the secret: `gh secret set {variable}` (or Settings > Secrets and variables > Actions)"
    return f"set {variable} in the shell that runs compose, or in an untracked .env beside the compose file"


def fix(facts: FileFacts, targets: list[Target], variables: FileVariables,
        kind: str) -> tuple[str | None, list[Remedy]]:
    edits, remedies = [], []
    for target in targets:
        lit = target.literal
        if lit.context == "comment" or lit.encoding != "plain":
            remedies.append(left(target, "not fixed: delete the key here (or write a placeholder such as "
                                          "kam_your_api_key)"))
            continue
        variable = variables.claim(lit.key.fingerprint, lit.name)
        if variable is None:
            remedies.append(left(target, "not fixed: another key in this file already reads that variable; "
                                          "choose one for this key by hand"))
            continue
        ref = reference(kind, variable)
        edits.append(Edit(lit.offset, lit.end, ref))
        remedies.append(fixed(target, variable, f"replaced the key with {ref}; {then(kind, variable)}"))
    return (apply_edits(facts.source.text, edits) if edits else None), remedies
