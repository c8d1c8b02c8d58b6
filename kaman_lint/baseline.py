"""Baselines: today's findings recorded, so a gate fails only on new ones.

An entry is (rule, path, fingerprint): no line numbers, so moving code inside a file changes
nothing; no timestamps and sorted, so the same tree always gives the same bytes; no key text
(the fingerprint is a salted hash). Paths are relative to the baseline file's directory, so the
file works whatever directory a scan starts from.

An entry stands for every occurrence of that key under that rule in that file. Entries that no
longer match a finding draw a notice; `kaman-lint baseline --update` drops them and adds nothing
(a refresh must never accept a new leak by accident).
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from kaman_lint import printable
from kaman_lint.config import DEFAULT_MAX_FILE_SIZE, Config
from kaman_lint.named_tuples import NamedTuple
from kaman_lint.paths import relative_path
from kaman_lint.findings import Finding, Notice, ScanResult
from kaman_lint.keys import redact_path
from kaman_lint.reading import NotRegular, TooLarge, read_named_file

DEFAULT_PATH = ".kaman-lint-baseline.json"  # `kaman-lint baseline` without -o or a config `baseline`

FORMAT_VERSION = 1


class BaselineError(Exception):
    """A baseline file that cannot be read or is not a baseline: exit status 2."""


class Entry(NamedTuple):
    path: str  # relative to the baseline file's directory, `/`-separated
    rule: str
    fingerprint: str


@dataclass(frozen=True)
class Baseline:
    """The findings a baseline file accepts, with where its paths start from."""
    entries: frozenset[Entry]
    directory: Path  # where entry paths start from

    @classmethod
    def empty(cls, file: Path) -> Baseline:
        return cls(frozenset(), _directory_of(file))


# -- reading and writing ---------------------------------------------------------------------------


def load(file: Path, limit: int = DEFAULT_MAX_FILE_SIZE) -> Baseline:
    """Read a baseline as scanned files are read (`reading.read_named_file`): a regular file,
    at most `limit` bytes; a FIFO, a device or /proc is refused, never opened."""
    try:
        data = json.loads(read_named_file(os.fspath(file), limit).decode("utf-8"))
    except FileNotFoundError as err:
        raise BaselineError(f"{file}: baseline not found; `kaman-lint baseline -o {file}` writes one") from err
    except NotRegular as err:
        raise BaselineError(f"{file}: cannot read the baseline: not a regular file ({err})") from err
    except TooLarge as err:
        raise BaselineError(f"{file}: cannot read the baseline: over {limit} bytes ({err.size})") from err
    except OSError as err:
        raise BaselineError(f"{file}: cannot read the baseline: {err.strerror or err}") from err
    except (UnicodeDecodeError, json.JSONDecodeError) as err:
        raise BaselineError(f"{file}: cannot read the baseline: {err}") from err
    if not isinstance(data, dict) or not isinstance(data.get("entries"), list):
        raise BaselineError(f"{file}: not a kaman-lint baseline (no \"entries\" list)")
    if data.get("version") != FORMAT_VERSION:
        raise BaselineError(f"{file}: baseline version {data.get('version')!r} is not {FORMAT_VERSION}")
    entries = set()
    for item in data["entries"]:
        if not isinstance(item, dict) or not all(isinstance(item.get(k), str) for k in ("rule", "path", "fingerprint")):
            raise BaselineError(f"{file}: each entry needs string \"rule\", \"path\" and \"fingerprint\"")
        entries.add(Entry(item["path"], item["rule"], item["fingerprint"]))
    return Baseline(frozenset(entries), _directory_of(file))


def dumps(entries: Iterable[Entry]) -> str:
    """The file's text: the same entries always give the same bytes."""
    records = [{"rule": e.rule, "path": e.path, "fingerprint": e.fingerprint} for e in sorted(set(entries))]
    body = {"version": FORMAT_VERSION, "tool": "kaman-lint", "entries": records}
    return printable.dumps(body, indent=2) + "\n"


def write(file: Path, entries: Iterable[Entry]) -> None:
    if os.path.lexists(file) and not os.path.isfile(file):  # a FIFO would block, a device take it
        raise BaselineError(f"{file}: not a regular file; the baseline was not written")
    Path(file).write_text(dumps(entries), encoding="utf-8", newline="\n")


# -- using one ----------------------------------------------------------------------------------------


def entry_for(finding: Finding, root: Path, baseline: Baseline) -> Entry:
    """The entry recording `finding`. Its path is relative to the baseline's folder (not to the
    scan root or the current directory), spelled as valid Unicode (`printable.unicode`: a name
    that is not UTF-8 is written, read back and compared in the same spelling) and redacted
    (`redact_path`: the part above the scan root, e.g. a checkout directory named after a key,
    is not redacted in the finding's own path; the redaction is stable, so entries still match)."""
    path = relative_path(os.path.join(root, finding.location.path), baseline.directory)
    return Entry(printable.unicode(redact_path(path)), finding.rule_id, finding.fingerprint)


def apply(result: ScanResult, baseline: Baseline, covered: Callable[[Entry], bool]) -> ScanResult:
    """The result without the findings the baseline records, plus a notice for each entry in
    the scanned part of the tree (`covered`) that matched nothing."""
    root = Path(result.root)
    matched: set[Entry] = set()
    kept = []
    for finding in result.findings:
        entry = entry_for(finding, root, baseline)
        if entry in baseline.entries:
            matched.add(entry)
        else:
            kept.append(finding)
    stale = [e for e in baseline.entries - matched if covered(e)]
    notices = [_stale_notice(e, root, baseline) for e in sorted(stale)]
    hidden = result.baselined + len(result.findings) - len(kept)  # said in the summary
    return replace(result, findings=kept, notices=result.notices + notices, baselined=hidden).sorted()


def refresh(result: ScanResult, old: Baseline, covered: Callable[[Entry], bool], *,
            prune_only: bool) -> list[Entry]:
    """The entries of a new baseline: the old ones outside the scanned part of the tree are kept;
    inside it, today's findings (or with `prune_only`, the old entries that still match)."""
    root = Path(result.root)
    current = {entry_for(f, root, old) for f in result.findings}
    outside = {e for e in old.entries if not covered(e)}
    inside = (current & old.entries) if prune_only else current
    return sorted(outside | inside)


def coverage(paths: Sequence[str], config: Config, baseline: Baseline,
             stdin_filename: str | None = None) -> Callable[[Entry], bool]:
    """Whether an entry lies in what a scan of `paths` looked at, for a rule it ran: only there
    can a missing finding mean a stale entry (pre-commit scans a few files at a time)."""
    targets = [os.path.abspath(stdin_filename if p == "-" else p)
               for p in (paths or ["."]) if p != "-" or stdin_filename]

    def covered(entry: Entry) -> bool:
        absolute = os.path.abspath(os.path.join(baseline.directory, entry.path))
        if not config.rule_enabled(entry.rule):
            return False
        return any(absolute == t or absolute.startswith(t.rstrip(os.sep) + os.sep) for t in targets)

    return covered


def _stale_notice(entry: Entry, root: Path, baseline: Baseline) -> Notice:
    path = relative_path(os.path.join(baseline.directory, entry.path), root)
    return Notice("stale-baseline",
                  f"baseline entry {entry.rule} {entry.fingerprint} matches no finding any more; "
                  "`kaman-lint baseline --update` drops it", path)


def _directory_of(file: Path) -> Path:
    return Path(os.path.abspath(file)).parent
