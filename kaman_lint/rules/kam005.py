"""KAM005 hardcoded-jwt."""

from __future__ import annotations

import binascii
import re
from collections.abc import Iterable, Iterator

from kaman_lint import lazy_re
from kaman_lint.facts import FileFacts
from kaman_lint.findings import Finding
from kaman_lint.keys import fingerprint
from kaman_lint.named_tuples import NamedTuple
from kaman_lint.rules.base import Rule

# header.payload.signature, each base64url; both JSON parts start `{"` = `eyJ`. The lookbehind
# lets a match start only where a token starts, so a long run of `eyJ...` is tried once: linear.
# It comes after the literal `eyJ`, so `re` finds candidates at C speed instead of trying the
# look-behind at every offset of every file (same matches).
JWT = lazy_re.compile(r"eyJ(?<![A-Za-z0-9_\-]eyJ)[A-Za-z0-9_\-]{8,8192}\.eyJ[A-Za-z0-9_\-]{8,16384}\.[A-Za-z0-9_\-]{16,1024}")
LONG_LIVED = 24 * 3600  # seconds: longer than any access token a client should keep
KAMAN = lazy_re.compile(r"kaman", re.I)


class Jwt(NamedTuple):
    """A JWT literal and the claims it carries."""
    start: int
    end: int
    claims: dict
    name: str | None  # the variable or setting it is assigned to

    @property
    def lifetime(self) -> float | None:
        """Seconds from issue to expiry; None when it never expires, -1 when it cannot be told
        (an `exp` without `iat` or `nbf`)."""
        exp, iat = self.claims.get("exp"), self.claims.get("iat", self.claims.get("nbf"))
        if not _number(exp):
            return None
        return exp - iat if _number(iat) else -1


class HardcodedLongLivedJwt(Rule):
    """A long-lived Kaman JWT is written into a file.

    ## What it flags
    A JSON Web Token meant for Kaman, written into a file kaman-lint scans, that never expires or
    lives longer than 24 hours. A token is one for Kaman when its issuer or audience (`iss`,
    `aud`) names Kaman, or when it is assigned to a Kaman-named variable or setting
    (`KAMAN_TOKEN`, `kamanJwt`, `kaman_access_token`). It must be a well-formed JWT, validated as
    detect-secrets' JWT detector does: three base64url parts, a header that is a JSON object
    naming its `alg`, a payload that is a JSON object, a signature.

    Not flagged: tokens with `exp` at most 24 hours after `iat` (short-lived by design), tokens
    with `exp` but no `iat` or `nbf` (their lifetime cannot be told), tokens that do not decode,
    and JWTs nothing ties to Kaman (other services' tokens, jwt.io samples). kaman-lint reads a
    file only when it mentions Kaman or holds a `kam_` key, so a Kaman token hidden in a file
    that never names Kaman is not seen.

    ## Why is this bad?
    The Kaman authentication guide hands out JWTs for sessions and service calls; a signed token
    is a credential: whoever holds it is you until it expires. Written into a file, it is copied
    with every clone and stays in git history. A token without `exp` never stops working until
    its signing key is rotated.

    ## Example
    ```python
    KAMAN_TOKEN = "eyJhbGciOi..."  # a signed token without "exp"
    ```

    ## Use instead
    ```python
    import os

    KAMAN_TOKEN = os.environ["KAMAN_TOKEN"]  # or mint a short-lived token at run time
    ```

    ## How to fix
    1. Revoke the token, and rotate the key that signed it if it never expires.
    2. Mint short-lived tokens at run time (minutes, with `exp`), or read one from the
       environment or a vault.
    3. If the token was pushed, consider rewriting history after revoking it.

    ## Suppressing
    For a test token, on the line or the line above: `# kaman-lint: ignore[KAM005] -- unsigned
    test token`. Prefer short-lived tokens in tests too.
    """

    id = "KAM005"
    name = "hardcoded-jwt"
    security_severity = "7.5"
    precision = "high"
    tags = ("security", "secrets", "jwt", "external/cwe/cwe-798")
    cwe = ("CWE-798", "CWE-613")

    def check(self, facts: FileFacts) -> Iterable[Finding]:
        for token in find(facts):
            if token.lifetime is not None and token.lifetime <= LONG_LIVED:
                continue  # short-lived, or a lifetime that cannot be told
            if not _for_kaman(token):
                continue
            line, column = facts.source.position(token.start)
            text = facts.source.text[token.start:token.end]
            preview = text[:6] + "…"
            how = "never expires" if token.lifetime is None else f"lives {_days(token.lifetime)}"
            where = f" in `{token.name}`" if token.name else ""
            yield self.finding(facts.location(line, column),
                               f"Hard-coded Kaman JWT {preview}{where} {how}: mint short-lived tokens at run "
                               "time or read one from the environment, and revoke this one",
                               fingerprint(text), preview)


def find(facts: FileFacts) -> Iterator[Jwt]:
    """The well-formed JWTs in the file."""
    from kaman_lint.lang.text import guess_name

    text = facts.source.text
    if "eyJ" not in text:
        return
    for match in JWT.finditer(text):
        header_part, payload_part, _ = match.group(0).split(".", 2)
        header, claims = _json_object(header_part), _json_object(payload_part)
        if header is None or claims is None or not isinstance(header.get("alg"), str):
            continue
        yield Jwt(match.start(), match.end(), claims, guess_name(facts.source.line_prefix(match.start())))


def _for_kaman(token: Jwt) -> bool:
    from kaman_lint.exposure.names import is_kaman_key_name

    audiences = token.claims.get("aud")
    audiences = audiences if isinstance(audiences, list) else [audiences]
    if any(isinstance(v, str) and KAMAN.search(v) for v in [token.claims.get("iss"), *audiences]):
        return True
    name = token.name or ""
    return is_kaman_key_name(name) or bool(KAMAN.search(name) and re.search(r"jwt", name, re.I))


def _number(value) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _json_object(part: str) -> dict | None:
    import base64  # (here: only a JWT-shaped token is decoded; a short run's files rarely hold one)
    import json

    try:
        value = json.loads(base64.urlsafe_b64decode(part + "=" * (-len(part) % 4)))
    except (binascii.Error, ValueError, UnicodeDecodeError):
        return None
    return value if isinstance(value, dict) else None


def _days(seconds: float) -> str:
    days = seconds / 86400
    return f"{days:.0f} days" if days >= 2 else f"{seconds / 3600:.0f} hours"
