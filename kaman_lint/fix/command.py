"""`scan --fix [--unsafe-fixes] [--diff]`: plan the fixes for a scan's findings, then show them
as a diff or write them, and say what is left to do. Every line printed is redacted: a diff's
removed lines show the key as `kam_AbCd…`, so the diff documents the change but is not a patch."""

from __future__ import annotations

import difflib
from collections.abc import Callable
from pathlib import Path

from kaman_lint import printable
from kaman_lint.config import Config
from kaman_lint.findings import ScanResult
from kaman_lint.fix.model import FileFix, masked
from kaman_lint.fix.plan import plan
from kaman_lint.keys import safe_text

UNSAFE_NOTE = ("unsafe fixes: the code now reads the key from the environment, so set {variables} "
               "wherever it runs")


class FixError(Exception):
    """A fixed file could not be written (exit 2)."""


def run(result: ScanResult, config: Config, root: Path, *, unsafe: bool, diff: bool,
        rescan: Callable[[], ScanResult], out: Callable[[str], None],
        err: Callable[[str], None]) -> ScanResult:
    """Fix what `result` reports; returns the result to report: a fresh scan after writing."""
    fixes = list(plan(result, config, root))
    allowed = [f for f in fixes if f.changed and (unsafe or not _unsafe(f))]
    if diff:
        out("".join(unified_diff(f) for f in allowed))
    else:
        for f in allowed:
            write(f)
    for line in summary(fixes, allowed, applied=not diff, unsafe=unsafe):
        err(line)
    return rescan() if allowed and not diff else result


def write(fix: FileFix) -> None:
    """In place (the same file, no temporary copy, no backup: a fix never writes a key anywhere
    new), in the file's own encoding and line ends."""
    assert fix.new_text is not None
    try:
        with open(fix.path, "r+b") as handle:
            handle.write(fix.bom + fix.new_text.encode("utf-8"))
            handle.truncate()
    except OSError as error:
        raise FixError(f"cannot write {fix.relpath}: {error.strerror or error}") from error


def unified_diff(fix: FileFix) -> str:
    assert fix.new_text is not None
    old, new = masked(fix.old_text, fix.old_keys), masked(fix.new_text, fix.new_keys)
    name = printable.line(fix.relpath)  # a name holding a newline must not end the header line
    lines = difflib.unified_diff(old.splitlines(keepends=True), new.splitlines(keepends=True),
                                 f"a/{name}", f"b/{name}")
    return "".join(safe_text(line) if line.endswith("\n") else safe_text(line) + "\n\\ No newline at end of file\n"
                   for line in lines)


def summary(fixes: list[FileFix], allowed: list[FileFix], *, applied: bool, unsafe: bool) -> list[str]:
    chosen = {id(f) for f in allowed}
    lines, keys, variables = [], {}, set()
    count = hidden = left = 0
    for f in fixes:
        for r in f.remedies:
            where = f"{printable.line(f.relpath)}:{r.line}:{r.column}: {','.join(r.rules)}"
            keys.setdefault(r.fingerprint, r.preview)
            if r.fixed and id(f) in chosen:
                count += 1
                if r.variable:
                    variables.add(r.variable)
                lines.append(f"{'fixed' if applied else 'would fix'} {where} {r.action}")
            elif r.fixed:
                hidden += 1
                lines.append(f"fixable with --unsafe-fixes: {where} {r.action}")
            else:
                left += 1
                lines.append(f"{where} {r.action}")
        lines += f.advice
    lines += [f"rotate {preview} ({fingerprint}) in the Kaman dashboard" for fingerprint, preview in keys.items()]
    if keys:
        lines.append("(a key written into a file is leaked: removing it does not remove it from git history)")
    verb = "Fixed" if applied else "Would fix"
    files = len(allowed)
    tail = [f"{verb} {count} finding{'s' * (count != 1)} in {files} file{'s' * (files != 1)}"]
    if count:
        tail.append(UNSAFE_NOTE.format(variables=", ".join(sorted(variables)) or "the variables"))
    if hidden:
        tail.append(f"{hidden} more fixable with --unsafe-fixes (each replaces a key with an environment "
                    "read, so the code then needs the variable set)")
    if left:
        tail.append(f"{left} left with advice above")
    lines.append("; ".join(tail) + ".")
    return [printable.line(safe_text(line)) for line in lines]


def _unsafe(fix: FileFix) -> bool:
    return any(r.fixed and r.unsafe for r in fix.remedies)
