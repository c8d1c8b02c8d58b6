"""Which environment variable a fixed literal reads: the Kaman-style name it was assigned to
(`KAMAN_KEY = "kam_..."` reads KAMAN_KEY, `kamanApiKey: "kam_..."` reads KAMAN_API_KEY), else
KAMAN_API_KEY. Within one file two different keys never read the same variable."""

from __future__ import annotations

import re

from kaman_lint import lazy_re

DEFAULT = "KAMAN_API_KEY"
_WORD = lazy_re.compile(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])|\d+")


def screaming_snake(label: str) -> str:
    """`kamanApiKey`, `kaman-api-key`, `kaman.api_key` -> `KAMAN_API_KEY`."""
    return "_".join(word.upper() for word in _WORD.findall(label))


def kaman_variable(label: str | None) -> str | None:
    """The variable a Kaman-style `label` names, without a framework's public prefix (server
    code must not read a NEXT_PUBLIC_ variable), or None when the label is no Kaman key name."""
    from kaman_lint.exposure.names import is_kaman_key_name, strip_public_prefix

    if not label or not is_kaman_key_name(label):
        return None
    name = screaming_snake(strip_public_prefix(label))
    return name if re.fullmatch(r"[A-Z_][A-Z0-9_]*", name) else None


class FileVariables:
    """The variables claimed in one file, one per key."""

    def __init__(self) -> None:
        self._by_key: dict[str, str] = {}
        self._owner: dict[str, str] = {}

    def claim(self, fingerprint: str, label: str | None) -> str | None:
        """The variable for the key `fingerprint` at a place labelled `label`: the label's own
        Kaman name, else the one this key already reads here, else KAMAN_API_KEY, else
        `KAMAN_<LABEL>`, else a numbered KAMAN_API_KEY_2, _3, ..."""
        first = kaman_variable(label) or self._by_key.get(fingerprint) or DEFAULT
        candidates = [first]
        if label and kaman_variable(label) is None and screaming_snake(label):
            candidates.append("KAMAN_" + screaming_snake(label))
        candidates += [f"{first}_{n}" for n in range(2, 100)]
        for name in candidates:
            if self._owner.get(name, fingerprint) == fingerprint:
                self._owner[name] = fingerprint
                self._by_key.setdefault(fingerprint, name)
                return name
        return None
