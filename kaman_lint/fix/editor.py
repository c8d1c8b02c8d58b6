"""The fix as an editor's code action: the same plan as `scan --fix`, for one finding in a
buffer, returned as one edit over the lines that change (the buffer is never written here)."""

from __future__ import annotations

from pathlib import Path

from kaman_lint.findings import Finding


def env_read_fix(text: str, path: str | None, findings: list[Finding], line: int, column: int,
                 rule_id: str) -> tuple[str, tuple[int, int, str]] | None:
    """For the finding of `rule_id` at 0-based (`line`, `column`): the action's title and the
    edit (first line, last line, text replacing lines [first, last)), or None when nothing
    rewrites it (client code, advice-only file kinds, a buffer that does not parse)."""
    from kaman_lint.config import load_config
    from kaman_lint.fix.plan import context_for, plan_text

    candidates = [f for f in findings if f.rule_id == rule_id and f.location.line == line + 1]
    if not candidates:
        return None
    finding = min(candidates, key=lambda f: abs(f.location.column - 1 - column))
    directory = Path(path).parent if path else Path.cwd()
    config = load_config(directory.absolute())
    context = context_for(config, config.project_root or directory)
    fix = plan_text(finding.location.path, path or finding.location.path, text, b"", [finding], context)
    remedy = next((r for r in fix.remedies if r.fixed), None)
    if remedy is None or fix.new_text is None:
        return None
    title = f"Read {remedy.variable or 'the key'} from the environment"
    return title, line_edit(text, fix.new_text)


def line_edit(old: str, new: str) -> tuple[int, int, str]:
    """The smallest run of whole lines that turns `old` into `new`."""
    before, after = old.splitlines(keepends=True), new.splitlines(keepends=True)
    first = 0
    while first < min(len(before), len(after)) and before[first] == after[first]:
        first += 1
    tail = 0
    while (tail < min(len(before), len(after)) - first
           and before[len(before) - 1 - tail] == after[len(after) - 1 - tail]):
        tail += 1
    return first, len(before) - tail, "".join(after[first:len(after) - tail])
