"""KAM001 hardcoded-api-key."""

from __future__ import annotations

from collections.abc import Iterable

from kaman_lint.facts import FileFacts, KeyLiteral
from kaman_lint.findings import Finding
from kaman_lint.rules.base import Rule
from kaman_lint.rules.key_places import DEFAULT_FIX, Place, Places


# How the key is written, when not plainly: "escaped" (`\\u006bam_...`, `&#107;am_...`, a
# line-ending backslash) and "split" (over a notebook's source items) are decoded first.
_WRITTEN = {"base64": "base64-encoded ", "escaped": "escaped ", "split": "split "}


class HardcodedApiKey(Rule):
    """A Kaman API key is written into a file.

    ## What it flags
    A real-looking Kaman key (`kam_` followed by a random key body) written anywhere kaman-lint
    reads: source code (strings, f-string parts, docstrings, comments), templates, `.env` files,
    TOML/YAML/JSON/INI config, Dockerfiles, CI workflows, notebooks (code cells and outputs),
    Markdown, and any other text file (Go, Java, Ruby, PHP, C#, Swift, Kotlin, Rust, XML, plist,
    `.properties`, `.http` files, Postman collections, HAR files, logs, CSV, SQL, shell history).
    A key counts right after an escape or encoding glued to it (`\\n`, `%22`, `&quot;`, an ANSI
    colour code in a notebook traceback or a coloured log). Base64-encoded keys count too,
    wherever `kam_` falls in the encoded value: a Kubernetes Secret `data:` value (with or without
    the trailing newline `echo` adds), a whole `.env` file stored base64, a Basic auth
    `user:key` pair; the finding is on the encoded value. Strings are read as their format
    decodes them, so an escaped key counts whichever of its characters are escaped: JSON, JS/TS,
    Python, TOML and YAML escapes (`\\u006bam_...`, `\\x6b`, `\\u{6b}`, `\\N{...}`, octal), HTML,
    XML and Markdown character references (`&#107;am_...`, `&#x6b;`, `&lowbar;`), the string
    escapes of Go, Java, Kotlin, C#, Rust, Swift, Ruby, PHP and C-family sources and of Java
    `.properties`, a key broken over lines by a line-ending backslash (YAML double-quoted and TOML
    basic strings, Python and JS strings, `.properties` values), and a key split over
    the items of a notebook cell's `source` (or an output's `text`) list. The finding is where the
    key's first character is written, and its fingerprint is the decoded key's. Raw strings
    (Python `r"..."`), TOML literal and YAML single-quoted or plain scalars decode nothing.

    Not keys: placeholders (`kam_your_api_key`, `kam_abc123xyz...`, `kam_xxx`, `kam_<KEY>`,
    `kam_${KEY}`, `{{ kam_key }}`), masked keys (the first characters of a key, then `...`, `…`, `***`
    or `•`), names (`kam_` before snake_case or camelCase words, even with a version number,
    or a `kam_…` name followed by `=` or `(`, as in a bundle's `var kam_x=`), digests and
    UUIDs, ids with letters
    of one case only (ULIDs, cuids), and made-up bodies whose letters or digits run through the
    alphabet or a keyboard row (`Ab12Cd34...`, `q1w2e3r4...`). Each of these tests rejects a random
    base62 key of 24+ characters less than once in 10^4.

    Files are read as UTF-8 (undecodable bytes become U+FFFD, with a notice), UTF-16/32 by BOM,
    or UTF-16 without a BOM when mostly-ASCII text shows a NUL in every other byte; UTF-16 text
    in other scripts without a BOM cannot be told from binary and is skipped with a notice.

    ## Why is this bad?
    The Kaman authentication guide says keys live in environment variables or vaults, never in
    code. A key in a file is copied with every clone, fork, backup, build artifact and log of the
    repository, and stays in git history after the line is deleted. Anyone who reads it can call
    the Kaman API as you, on your bill and with your data.

    ## Example
    ```python
    client = Kaman(api_key="kam_...")  # a real key body here
    ```

    ## Use instead
    ```python
    import os

    client = Kaman(api_key=os.environ["KAMAN_API_KEY"])
    ```
    Put the value in the deployment's secret store (a vault, your CI's secrets, a git-ignored
    `.env` file for local development).

    ## How to fix
    1. Rotate the key in the Kaman dashboard first: once committed, treat it as leaked, even if
       the commit was never pushed. Removing the line does not remove it from history.
    2. Replace the literal with a read of an environment variable or a vault lookup.
    3. If the key was pushed, consider rewriting history (`git filter-repo`) after rotating.

    ## Suppressing
    For a test fixture or a documented fake key, add a comment on the line or the line above:
    `# kaman-lint: ignore[KAM001] -- fake key for the parser tests`. Prefer a placeholder
    (`kam_your_api_key`) or the `placeholders` config key for your own fake-key patterns, and
    `extend-exclude` for whole fixture folders.
    """

    id = "KAM001"
    name = "hardcoded-api-key"
    security_severity = "8.0"
    precision = "very-high"
    tags = ("security", "secrets", "external/cwe/cwe-798")
    cwe = ("CWE-798",)

    def check(self, facts: FileFacts) -> Iterable[Finding]:
        places = Places(facts)
        for lit in facts.literals:
            key = lit.key
            preview = key.preview  # made once, for the message and the finding (a bundle has 14,643)
            yield self.finding(facts.literal_location(lit), self.message(lit, places.of(lit), preview),
                               key.fingerprint, preview)

    @staticmethod
    def message(lit: KeyLiteral, place: Place | None = None, preview: str | None = None) -> str:
        """The message, with the fix that fits where the key is (`key_places`); `preview` is
        the key's, when the caller has it."""
        encoded = _WRITTEN.get(lit.encoding, "")
        if place is None:
            place = Place(f" in `{lit.name}`" if lit.name else "", DEFAULT_FIX)
        if preview is None:
            preview = lit.key.preview
        return f"Hard-coded {encoded}Kaman API key {preview}{place.where}: {place.fix}, and rotate this key"
