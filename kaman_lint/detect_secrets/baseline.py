"""`kaman-lint baseline --from-detect-secrets .secrets.baseline`: the Kaman keys a detect-secrets
baseline accepted, as kaman-lint baseline entries.

detect-secrets records each secret as the SHA-1 of its text at a file and line. Each result is
mapped by reading that line again and hashing the Kaman keys kaman-lint finds on it (whatever
detector flagged the text: its keyword detector, its high-entropy ones or the Kaman plugin);
a match gives the key's kaman-lint fingerprint, and every kaman-lint finding of that key in that
file becomes an entry. detect-secrets accepted its baseline's results whether they were audited
as real or not, so all of them are mapped: the gate keeps passing on the same keys. Results that
do not map (another kind of secret, a line that changed, a file gone, a key kaman-lint does not
report there) are listed, never silently dropped.

File paths in a detect-secrets baseline are relative to where it ran: taken here relative to the
baseline file's directory (where `detect-secrets scan > .secrets.baseline` puts it).

The baseline is the repository's own (committed `.secrets.baseline`), so nothing in it is
trusted: a file it names is read only when it is a regular file inside that directory (links
resolved), through `reading.read_named_file` (never a FIFO, a device or /proc, never more than
`max-file-size`); anything else is listed as not mapped. What is listed is redacted and printable.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path

from kaman_lint import printable
from kaman_lint.config import DEFAULT_MAX_FILE_SIZE, Config
from kaman_lint.keys import redact_path, safe_text
from kaman_lint.reading import NotRegular, TooLarge, read_named_file


class DetectSecretsError(Exception):
    """The file is not a readable detect-secrets baseline (exit 2)."""


@dataclass(frozen=True)
class Unmapped:
    """A detect-secrets baseline entry that has no Kaman counterpart."""
    path: str
    line: int
    kind: str  # detect-secrets' secret type
    why: str

    def __post_init__(self) -> None:  # the baseline's names and types are the repository's to choose
        object.__setattr__(self, "path", redact_path(self.path))
        object.__setattr__(self, "kind", safe_text(self.kind))

    def __str__(self) -> str:
        return printable.line(f"{self.path}:{self.line}: {self.kind}: {self.why}")


def read(file: Path) -> dict[str, list[dict]]:
    """The `results` of a detect-secrets baseline: {filename: [result, ...]}."""
    try:
        data = json.loads(read_named_file(os.fspath(file), DEFAULT_MAX_FILE_SIZE).decode("utf-8"))
    except NotRegular as err:
        raise DetectSecretsError(f"{file}: cannot read the detect-secrets baseline: not a regular file ({err})") from err
    except TooLarge as err:
        raise DetectSecretsError(f"{file}: cannot read the detect-secrets baseline: over "
                                 f"{DEFAULT_MAX_FILE_SIZE} bytes ({err.size})") from err
    except OSError as err:
        raise DetectSecretsError(f"{file}: cannot read the detect-secrets baseline: {err.strerror or err}") from err
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError) as err:
        raise DetectSecretsError(f"{file}: cannot read the detect-secrets baseline: {err}") from err
    results = data.get("results") if isinstance(data, dict) else None
    if not isinstance(results, dict) or not all(isinstance(v, list) for v in results.values()):
        raise DetectSecretsError(f"{file}: not a detect-secrets baseline (no \"results\" by file)")
    return results


def migrate(file: Path, config: Config, target: Path, jobs: int | None = None):
    """(entries for the kaman-lint baseline at `target`, results that did not map)."""
    from kaman_lint import baseline as baselines
    from kaman_lint import engine
    from kaman_lint.keys import KeyMatcher

    root = Path(os.path.abspath(file)).parent
    matcher = KeyMatcher(config.placeholders)
    wanted: dict[str, dict[str, list[dict]]] = {}  # relpath -> fingerprint -> results
    unmapped: list[Unmapped] = []
    for relpath, results in sorted(read(file).items()):
        lines = _lines(root, relpath, config.max_file_size)
        for result in results:
            if not isinstance(result, dict):
                unmapped.append(Unmapped(relpath, 0, "?", "not a detect-secrets result"))
                continue
            line, kind = _line_number(result.get("line_number")), str(result.get("type", "?"))
            if isinstance(lines, str):
                unmapped.append(Unmapped(relpath, line, kind, lines))
                continue
            fingerprint = _fingerprint(lines[line - 1] if 0 < line <= len(lines) else "",
                                       str(result.get("hashed_secret", "")), matcher)
            if fingerprint is None:
                unmapped.append(Unmapped(relpath, line, kind, "no Kaman key with that hash on the line"))
                continue
            wanted.setdefault(relpath, {}).setdefault(fingerprint, []).append(result)
    files = [str(root / relpath) for relpath in wanted]
    found = engine.scan(files, config, root=root, jobs=jobs) if files else None
    entries, matched = set(), set()
    empty = baselines.Baseline.empty(target)
    for finding in found.findings if found else []:
        if finding.fingerprint in wanted.get(finding.location.path, {}):
            entries.add(baselines.entry_for(finding, root, empty))
            matched.add((finding.location.path, finding.fingerprint))
    for relpath, by_key in wanted.items():
        for fingerprint, results in by_key.items():
            if (relpath, fingerprint) not in matched:
                unmapped += [Unmapped(relpath, int(r.get("line_number") or 0), str(r.get("type", "?")),
                                      "kaman-lint reports no finding for this key here (excluded, "
                                      "suppressed or a configured placeholder)") for r in results]
    return sorted(entries), sorted(unmapped, key=lambda u: (u.path, u.line, u.kind))


def _lines(root: Path, relpath: str, limit: int) -> list[str] | str:
    """The lines of the file a result names, or why they were not read."""
    path = os.path.join(root, relpath)
    real, top = os.path.realpath(path), os.path.realpath(root)
    if real != top and not real.startswith(top.rstrip(os.sep) + os.sep):
        return "outside the baseline's directory: not read"
    try:
        data = read_named_file(path, limit)
    except FileNotFoundError:
        return "the file is not there any more"
    except NotRegular as err:
        return f"not a regular file ({err}): not read"
    except TooLarge:
        return "over max-file-size: not read"
    except OSError as err:
        return f"cannot read it ({err.strerror or err})"
    return data.decode("utf-8", errors="replace").splitlines()


def _line_number(value: object) -> int:
    """detect-secrets' `line_number`, or 0 (no line) when it is not a sensible one."""
    if isinstance(value, int) and not isinstance(value, bool) and 0 < value < 1 << 31:
        return value
    return 0


def _fingerprint(line: str, hashed: str, matcher) -> str | None:
    """The fingerprint of the Kaman key on `line` whose text hashes (SHA-1, as detect-secrets
    does) to `hashed`. The key's text lives only in this function."""
    for match in matcher.find(line):
        text = line[match.start:match.end]
        if hashlib.sha1(text.encode("utf-8")).hexdigest() == hashed:  # noqa: S324 - detect-secrets' hash
            return match.key.fingerprint
    return None
