"""SHA-256 without importing `hashlib`, which loads OpenSSL's `_hashlib` and builds its table
of constructors (5-10 ms of every short run, for a key fingerprint or two). The interpreter's
own implementation (`_sha2` from 3.12, `_sha256` before) gives the same digests; a build
without it falls back to `hashlib`."""

from __future__ import annotations

try:
    from _sha2 import sha256  # Python 3.12+
except ImportError:
    try:
        from _sha256 import sha256  # Python 3.10, 3.11
    except ImportError:  # a build with OpenSSL's alone (a FIPS build)
        from hashlib import sha256

__all__ = ["sha256"]
