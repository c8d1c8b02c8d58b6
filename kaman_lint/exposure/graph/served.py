"""Served folders: every file under a folder a server hands out as is reaches the browser
(client-exposure.md §4.2, §6.1): `express.static(dir)`, `serve-static`, `koa-static`,
`@fastify/static`, Flask `static_folder`, Django `STATICFILES_DIRS`, Starlette `StaticFiles`,
nginx `root`/`alias` and Caddy `root` (deployed paths, found in the tree by a Dockerfile's
`COPY` or by their tail).

`survey`/`from_script` read the declarations in the worker; `folders` turns them into folders of
the scanned tree in the cross-file step.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterable
from functools import lru_cache

from kaman_lint import lazy_re
from kaman_lint.exposure.graph.facts import CopiedFolder, Edge, ServedFolder
from kaman_lint.exposure.graph.unsurveyed import PYTHON_GATES
from kaman_lint.keys import might_contain_key

_STATIC_CALL = lazy_re.compile(
    rb"""\b(?:express\s*\.\s*static|serveStatic|serve_static|koaStatic|staticMiddleware)\s*\(|"""
    rb"""\brequire\(\s*['"](?:serve-static|koa-static)['"]\s*\)\s*\(""")
_STATIC_PACKAGES = {"serve-static", "koa-static", "@fastify/static", "fastify-static", "express"}
_FASTIFY_ROOT = lazy_re.compile(rb"""\broot\s*:\s*""")
_STRING = lazy_re.compile(rb"""(['"`])([^'"`\r\n]{0,300})\1""")
_DIRNAME = lazy_re.compile(rb"__dirname|import\.meta\.dirname|import\.meta\.url|\bdirname\(")


def from_script(relpath: str, data: bytes, edges: Iterable[Edge]) -> list[ServedFolder]:
    """`app.use(express.static(path.join(__dirname, "public")))` and its kin in a Node server."""
    specifiers = {e.specifier for e in edges}
    if not specifiers & _STATIC_PACKAGES or len(data) > 1024 * 1024:
        return []
    found = []
    for m in _STATIC_CALL.finditer(data):
        argument = _argument(data, m.end())
        served = _folder(relpath, data, m.start(), argument, "express.static" if b"static" in m.group(0) else "a static-file middleware")
        if served:
            found.append(served)
    if specifiers & {"@fastify/static", "fastify-static"}:
        for m in _FASTIFY_ROOT.finditer(data):
            served = _folder(relpath, data, m.start(), _argument(data, m.end(), opened=False), "@fastify/static")
            if served:
                found.append(served)
    return found


def _argument(data: bytes, start: int, opened: bool = True) -> bytes:
    """The first argument after `start` (inside an opened call, or a bare value), to its comma
    or closing bracket at depth 0; at most 500 bytes."""
    depth, i, end = 0, start, min(len(data), start + 500)
    while i < end:
        ch = data[i:i + 1]
        if ch in b"([{":
            depth += 1
        elif ch in b")]}":
            if depth == 0:
                break
            depth -= 1
        elif ch in b",\n" and depth == 0 and (opened or ch == b","):
            break
        elif ch in b"'\"`":
            close = data.find(ch, i + 1, end)
            i = close if close >= 0 else end
        i += 1
    return data[start:i]


def _folder(relpath: str, data: bytes, at: int, argument: bytes, how: str) -> ServedFolder | None:
    parts = [s[1].decode("utf-8", "replace") for s in _STRING.findall(argument)]
    anchored = bool(_DIRNAME.search(argument))
    if not parts and not anchored:
        return None  # a variable: not followed
    parts = [p.rsplit("}", 1)[-1] for p in parts]  # `${__dirname}/public`
    if not all(_safe_part(p) for p in parts):
        return None
    return ServedFolder(relpath, data.count(b"\n", 0, at) + 1, tuple(parts), "file" if anchored else "project", how)


def _safe_part(part: str) -> bool:
    return not might_contain_key(part) and "://" not in part


# --- Python, web servers, images ----------------------------------------------------------------

_FLASK = lazy_re.compile(rb"""\bstatic_folder\s*=\s*(['"])([^'"\r\n]{1,300})\1""")
_STARLETTE = lazy_re.compile(rb"""\bStaticFiles\s*\(\s*directory\s*=\s*(['"])([^'"\r\n]{1,300})\1""")
_DJANGO = lazy_re.compile(rb"""^STATICFILES_DIRS\s*=\s*[\[(]""", re.M)
_NGINX = lazy_re.compile(rb"""^[ \t]*(root|alias)[ \t]+(['"]?)(/[^;'"\s]{0,300})\2[ \t]*;""", re.M)
_CADDY = lazy_re.compile(rb"""^[ \t]*root[ \t]+(?:\*[ \t]+|/\S*[ \t]+)?(/[^\s{}]{0,300})[ \t]*$""", re.M)
_COPY = lazy_re.compile(rb"""^[ \t]*(?:COPY|ADD)[ \t]+([^\r\n]{1,600})$""", re.M | re.I)


SURVEYED_SUFFIXES = frozenset({".py", ".conf", ".caddyfile", ".dockerfile"})
SURVEYED_PREFIXES = ("dockerfile", "nginx")


def survey(relpath: str, name: str, suffix: str, data: bytes) -> list:
    if suffix == ".py":
        return _python(relpath, data) if _python_markers().find_matches_as_indexes(data) else []
    if name == "caddyfile" or suffix == ".caddyfile":
        return [ServedFolder(relpath, _line(data, m.start()), _parts(m.group(1)), "absolute", "Caddy `root`")
                for m in _CADDY.finditer(data) if _safe_bytes(m.group(1))]
    if suffix == ".conf" or name.startswith("nginx"):
        if b"server" not in data:
            return []
        return [ServedFolder(relpath, _line(data, m.start()), _parts(m.group(3)), "absolute",
                             f"nginx `{m.group(1).decode()}`") for m in _NGINX.finditer(data) if _safe_bytes(m.group(3))]
    if name == "dockerfile" or name.startswith("dockerfile.") or suffix == ".dockerfile":
        return [copy for m in _COPY.finditer(data) if (copy := _copy(relpath, m.group(1))) is not None]
    return []


@lru_cache(maxsize=1)
def _python_markers():
    """What a Python file must mention to declare a served folder (`unsurveyed.PYTHON_GATES`):
    one packed pass over a `.py` file (three `in` tests were three passes: 0.11 s against 0.07 s
    over the 15,640 `.py` files, 50 MB, of the large benchmark corpus). A walk's plain files are
    spared even this: the engine's prefilter pass looks for the same gates."""
    import ahocorasick_rs

    return ahocorasick_rs.BytesAhoCorasick(list(PYTHON_GATES))


def preload() -> None:
    """Build the marker automaton now (a process about to fork workers: `Rule.preload`)."""
    _python_markers()


def _copy(relpath: str, arguments: bytes) -> CopiedFolder | None:
    """`COPY [--chown=...] src dest` from the build context; not `--from=<stage>` (another image)
    nor the JSON form."""
    tokens = arguments.decode("utf-8", "replace").split()
    if any(t.startswith("--from") for t in tokens) or arguments.lstrip().startswith(b"["):
        return None
    paths = [t for t in tokens if not t.startswith("--")]
    if len(paths) != 2 or not all(_safe_part(p) for p in paths):
        return None
    return CopiedFolder(relpath, paths[0], paths[1])


def _top_level_items(body: bytes) -> list[bytes]:
    """`a, f(b, c), d` -> [`a`, `f(b, c)`, `d`]."""
    items, depth, start = [], 0, 0
    for i, byte in enumerate(body):
        if byte in b"([{":
            depth += 1
        elif byte in b")]}":
            depth -= 1
        elif byte == 44 and depth == 0:  # ","
            items.append(body[start:i])
            start = i + 1
    items.append(body[start:])
    return items


def _python(relpath: str, data: bytes) -> list:
    """Each pattern only over a file holding its literal (`\\b`/`^` first, `re` would try it at
    every byte: Flask's own modules name `static_folder` throughout, never the other two)."""
    found = [ServedFolder(relpath, _line(data, m.start()), _parts(m.group(2)), "file", "Flask `static_folder`")
             for m in (_FLASK.finditer(data) if b"static_folder" in data else ()) if _safe_bytes(m.group(2))]
    found += [ServedFolder(relpath, _line(data, m.start()), _parts(m.group(2)), "project", "Starlette `StaticFiles`")
              for m in (_STARLETTE.finditer(data) if b"StaticFiles" in data else ()) if _safe_bytes(m.group(2))]
    for m in (_DJANGO.finditer(data) if b"STATICFILES_DIRS" in data else ()):
        end = data.find(b"]", m.end())
        end = data.find(b")", m.end()) if end < 0 else end
        body = data[m.end():end if end >= 0 else m.end() + 2000][:2000]
        for item in _top_level_items(body):
            parts = tuple(p for s in _STRING.findall(item) for p in _parts(s[1]))
            if parts and all(_safe_part(p) for p in parts):
                found.append(ServedFolder(relpath, _line(data, m.start()), parts, "django", "Django `STATICFILES_DIRS`"))
    return found


def _line(data: bytes, offset: int) -> int:
    return data.count(b"\n", 0, offset) + 1


def _parts(raw: bytes) -> tuple[str, ...]:
    return tuple(p for p in raw.decode("utf-8", "replace").split("/") if p and p != ".")


def _safe_bytes(raw: bytes) -> bool:
    return _safe_part(raw.decode("utf-8", "replace"))


# --- the cross-file step ------------------------------------------------------------------------

def folders(declarations: list[ServedFolder], copies: list[CopiedFolder], tree_folders: set[str],
            project_root_of) -> list[tuple[str, ServedFolder]]:
    """(folder of the scanned tree, declaration) for every declaration that names one.
    `tree_folders`: every folder holding a scanned file; `project_root_of(path)`: the folder of
    the project (package) a file belongs to."""
    found = []
    for served in declarations:
        folder = _locate(served, copies, tree_folders, project_root_of)
        if folder is not None:
            found.append((folder, served))
    return found


def _locate(served: ServedFolder, copies, tree_folders: set[str], project_root_of) -> str | None:
    here = posixpath.dirname(served.path)
    if served.anchor in ("file", "project", "django"):
        bases = {"file": [here], "project": [project_root_of(served.path), here],
                 "django": [here, posixpath.dirname(here), posixpath.dirname(posixpath.dirname(here))]}[served.anchor]
        for base in bases:
            folder = _join(base, served.parts)
            if folder is not None and (folder in tree_folders or folder == ""):
                return folder
        return None
    deployed = "/" + "/".join(served.parts)
    for copy in copies:  # `COPY dist /usr/share/nginx/html` and `root /usr/share/nginx/html;`
        destination = copy.destination.rstrip("/")
        if deployed == destination or deployed.startswith(destination + "/"):
            rest = deployed[len(destination):].strip("/")
            folder = _join(posixpath.dirname(copy.path), tuple(p for p in (copy.source, rest) if p and p != "."))
            if folder is not None and folder in tree_folders:
                return folder
    for length in range(len(served.parts), 0, -1):  # `/var/www/site/public`: the tree's `site/public`
        tail = "/".join(served.parts[-length:])
        matches = sorted(f for f in tree_folders if f == tail or f.endswith("/" + tail))
        if len(matches) == 1:
            return matches[0]
        if matches:
            return None  # ambiguous: not guessed
    return None


def _join(base: str, parts: tuple[str, ...]) -> str | None:
    path = posixpath.normpath(posixpath.join(base or ".", *parts)) if parts else (base or ".")
    if path == ".":
        return ""
    if path.startswith("..") or path.startswith("/"):
        return None  # outside the scanned tree
    return path
