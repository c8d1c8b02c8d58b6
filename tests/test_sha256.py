"""kaman_lint.sha256 gives hashlib's SHA-256 digests without importing hashlib, and falls back
to hashlib on a build without the interpreter's own implementation (fingerprints in baselines
must not change with the interpreter's build)."""

from __future__ import annotations

import hashlib
import importlib
import sys

import kaman_lint.sha256


def test_the_digests_are_hashlibs() -> None:
    for data in (b"", b"kaman-lint/fingerprint/v1\x00abc", bytes(range(256)) * 40):
        assert kaman_lint.sha256.sha256(data).hexdigest() == hashlib.sha256(data).hexdigest()


def test_a_build_without_the_builtin_module_uses_hashlib(monkeypatch) -> None:
    monkeypatch.setitem(sys.modules, "_sha2", None)  # None in sys.modules: the import fails
    monkeypatch.setitem(sys.modules, "_sha256", None)
    try:
        reloaded = importlib.reload(kaman_lint.sha256)
        assert reloaded.sha256 is hashlib.sha256
        assert reloaded.sha256(b"x").hexdigest() == hashlib.sha256(b"x").hexdigest()
    finally:
        monkeypatch.undo()
        importlib.reload(kaman_lint.sha256)
    assert kaman_lint.sha256.sha256 is not hashlib.sha256
