"""Third-party rules: the entry points of a group, without paying for `importlib.metadata` when
no installed distribution declares one.

Importing `importlib.metadata` (it pulls in `email` to parse METADATA) and asking it for a
group reads every distribution: about 25 ms, which is most of what a pre-commit run on a few
files would spend outside its own work. Entry points of path-based distributions are declared in
`<name>.dist-info/entry_points.txt` (or `.egg-info/`) inside a `sys.path` directory, so looking
for the group's section header there first answers "none" cheaply. Whenever that look cannot be
sure (a zip or egg on `sys.path`, another finder that lists distributions, a file that mentions
the group), `importlib.metadata` decides, so the result is always exactly what it would say.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence

TYPE_CHECKING = False  # typing.TYPE_CHECKING: typing is not imported at run time
if TYPE_CHECKING:
    from typing import Any

METADATA_DIRS = (".dist-info", ".egg-info")


def entry_points(*, group: str) -> Sequence[Any]:
    """`importlib.metadata.entry_points(group=group)`, or () when no distribution declares it."""
    if not _may_declare(group):
        return ()
    from importlib.metadata import entry_points as from_metadata

    return tuple(from_metadata(group=group))


def _may_declare(group: str) -> bool:
    """False only when no distribution on `sys.path` can declare entry points in `group`."""
    finders = [f for f in sys.meta_path if hasattr(f, "find_distributions")]
    if any(getattr(f, "__name__", None) != "PathFinder" for f in finders):
        return True  # a finder of its own may list distributions we cannot see here
    header = f"[{group}]".encode()
    for entry in sys.path:
        folder = entry or "."  # "" is the working directory, as for imports
        try:
            names = os.listdir(folder)
        except NotADirectoryError:
            return True  # a zip archive on sys.path: let importlib.metadata read it
        except OSError:
            continue  # a missing folder lists nothing
        for name in names:
            if name.endswith(".egg"):
                return True  # an egg keeps its metadata inside: let importlib.metadata read it
            if name.endswith(METADATA_DIRS) and _mentions(os.path.join(folder, name, "entry_points.txt"), header):
                return True
    return False


def _mentions(path: str, header: bytes) -> bool:
    try:
        with open(path, "rb") as handle:
            return header in handle.read()
    except OSError:  # no entry points (or an .egg-info file rather than a folder)
        return False
