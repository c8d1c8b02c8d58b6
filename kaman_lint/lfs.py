"""Git LFS pointers: the file git commits in place of content `.gitattributes` sends to LFS.

`secrets.env filter=lfs` in `.gitattributes` makes git store the file's content in the LFS
store and commit a three-line pointer (`version`, `oid sha256:...`, `size`). A pull request can
add that line beside its key: a checkout without LFS (actions/checkout's default) and the index
that `--staged` reads hold the pointer only, so a scan saw a clean text file while the key went
to the LFS server. The content is scanned when it is here: `git add` puts it under the
repository's `lfs/objects/`, and `git lfs pull` fetches it. When it is not, the file's content
went unchecked: an error for what may hold a key, a skip by choice (counted) for the media and
archive kinds repositories keep in LFS by the thousand.
"""

from __future__ import annotations

import os
import re

from kaman_lint import lazy_re
from kaman_lint.named_tuples import NamedTuple
from kaman_lint.reading import NotRegular, TooLarge, read_named_file
from kaman_lint.sha256 import sha256

START = b"version https://git-lfs.github.com/spec/v1\n"
MAX_POINTER = 1024  # git-lfs writes ~130 bytes and reads at most 1024 as a pointer
_OID = lazy_re.compile(rb"^oid sha256:([0-9a-f]{64})$", re.MULTILINE)
_SIZE = lazy_re.compile(rb"^size ([0-9]{1,15})$", re.MULTILINE)

# Kinds kept in LFS for their size, that a key is not written into: without their content,
# skipped by choice like a binary file. Anything else (text, config, source) is an error.
BINARY_KINDS = frozenset(
    "png jpg jpeg gif webp bmp ico tif tiff psd ai sketch fig heic avif "
    "mp3 mp4 m4a m4v mov avi mkv webm wav flac ogg aac "
    "woff woff2 ttf otf eot pdf "
    "exe dll so dylib a o lib bin dmg iso msi deb rpm apk ipa "
    "h5 hdf5 onnx pt pth ckpt safetensors pb tflite npy npz parquet feather arrow sqlite db "
    "blend fbx obj glb gltf stl unitypackage".split())


class Pointer(NamedTuple):
    oid: str
    size: int


def pointer(data: bytes) -> Pointer | None:
    """The pointer `data` is, or None (the common case costs one `startswith`)."""
    if not data.startswith(START) or len(data) > MAX_POINTER:
        return None
    oid, size = _OID.search(data), _SIZE.search(data)
    if oid is None or size is None:
        return None
    return Pointer(oid.group(1).decode(), int(size.group(1)))


def binary_kind(relpath: str) -> bool:
    _, dot, suffix = os.path.basename(relpath).rpartition(".")
    return bool(dot) and suffix.lower() in BINARY_KINDS


def content(found: Pointer, git_dir: str, limit: int) -> bytes | None:
    """The object `found` names from the repository's LFS store under `git_dir` (its common
    directory), read as a named file is (regular, at most `limit` bytes), and only when it is
    the content the pointer names (its SHA-256); None when it is not there or not that."""
    path = os.path.join(git_dir, "lfs", "objects", found.oid[:2], found.oid[2:4], found.oid)
    try:
        data = read_named_file(path, limit)
    except (OSError, NotRegular, TooLarge):
        return None
    return data if sha256(data).hexdigest() == found.oid else None
