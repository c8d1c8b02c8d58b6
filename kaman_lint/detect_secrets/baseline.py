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
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path

from kaman_lint.config import Config


class DetectSecretsError(Exception):
    """The file is not a readable detect-secrets baseline (exit 2)."""


@dataclass(frozen=True)
class Unmapped:
    path: str
    line: int
    kind: str  # detect-secrets' secret type
    why: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.kind}: {self.why}"


def read(file: Path) -> dict[str, list[dict]]:
    """The `results` of a detect-secrets baseline: {filename: [result, ...]}."""
    try:
        data = json.loads(Path(file).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as err:
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
        lines = _lines(root / relpath)
        for result in results:
            line, kind = int(result.get("line_number") or 0), str(result.get("type", "?"))
            if lines is None:
                unmapped.append(Unmapped(relpath, line, kind, "the file is not there any more"))
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


def _lines(path: Path) -> list[str] | None:
    try:
        return path.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return None


def _fingerprint(line: str, hashed: str, matcher) -> str | None:
    """The fingerprint of the Kaman key on `line` whose text hashes (SHA-1, as detect-secrets
    does) to `hashed`. The key's text lives only in this function."""
    for match in matcher.find(line):
        text = line[match.start:match.end]
        if hashlib.sha1(text.encode("utf-8")).hexdigest() == hashed:  # noqa: S324 - detect-secrets' hash
            return match.key.fingerprint
    return None
