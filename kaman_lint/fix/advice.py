"""What to do where kaman-lint rewrites nothing: said once per finding (and once per file for
the file as a whole). Commands are shown, never run."""

from __future__ import annotations

import shlex

from kaman_lint.facts import FileFacts

CLIENT = ("not fixed: this code reaches the browser, where an environment read is inlined into the "
          "bundle (or is undefined) and the key still ships. Call the Kaman API from a backend route "
          "that reads KAMAN_API_KEY from its environment, and have this code call that route")
UNKNOWN_ROLE = ("not fixed: kaman-lint cannot tell whether this file reaches a browser. If it runs "
                "only on a server, list it in `server-globs` and run --fix again; otherwise call the "
                "Kaman API through a backend")
ENV_VALUE = "left in place: a local .env is where the value belongs, but not in git"
DOCKERFILE = ("not fixed: ENV/ARG bake the key into the image layers; pass it at run time "
              "(`docker run -e KAMAN_API_KEY`) or as a build secret (`RUN --mount=type=secret,id=kaman`)")
NOTEBOOK = ("not fixed: in the cell, read os.environ[\"KAMAN_API_KEY\"] instead, and clear outputs "
            "that show the key")
CONFIG = ("not fixed: this file kind has no reference syntax kaman-lint knows; move the value into "
          "the environment or a secret store and have the code that loads this file read it there")
TEXT = "not fixed: replace it with a placeholder such as kam_your_api_key"
# Findings without a key literal of their own (client code reading a Kaman variable, a server
# sending the key to a page, a key in a URL): by rule.
BY_RULE = {
    "KAM002": CLIENT,
    "KAM004": ("not fixed: send the key in a header (Authorization: Bearer ...), never in a URL, "
               "which lands in logs, history and Referer headers"),
    "KAM005": ("not fixed: revoke the token, then mint short-lived tokens at run time or read one from "
               "the environment"),
}
DEFAULT = "not fixed: no automatic fix for this finding; `kaman-lint rules {rule}` says how to fix it"


def for_literal(facts: FileFacts) -> str:
    """The advice for a key literal in a file kind that gets no rewrite."""
    language = facts.source.language
    if facts.role == "client" or language == "html":
        return CLIENT
    if language in ("javascript", "typescript", "jsx", "tsx"):
        return UNKNOWN_ROLE
    if language == "env":
        return ENV_VALUE
    if language == "dockerfile":
        return DOCKERFILE
    if language == "notebook":
        return NOTEBOOK
    if language in ("yaml", "toml", "ini", "json", "hcl"):
        return CONFIG
    return TEXT


def for_finding(rule: str) -> str:
    return BY_RULE.get(rule, DEFAULT.format(rule=rule))


def env_file(relpath: str, tracked: bool | None) -> str:
    """About a `.env`-style file as a whole."""
    if tracked:
        quoted = shlex.quote(relpath)
        return (f"{relpath} is tracked by git: untrack it and commit a .env.example with placeholders "
                f"instead: `git rm --cached {quoted} && echo {quoted} >> .gitignore` (not run)")
    if tracked is False:
        return f"{relpath} is not tracked by git: keep it so (list it in .gitignore)"
    return f"{relpath}: keep it out of version control; share a .env.example with placeholders instead"
