"""Which fix each reported finding gets: files are read again, analysed as the scan analysed
them, and each finding's key literal handed to the fixer for its kind of file."""

from __future__ import annotations

import codecs
import os
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

from kaman_lint.config import Config
from kaman_lint.facts import FileFacts, KeyLiteral
from kaman_lint.findings import Finding, ScanResult
from kaman_lint.fix import advice, references
from kaman_lint.fix.model import FileFix, Remedy, Target, left
from kaman_lint.fix.names import FileVariables

SCRIPTS = ("javascript", "typescript", "jsx", "tsx")
# A literal that KAM002 reports reaches a browser: an environment read in its place would still
# send the key there, so it only gets advice.
CLIENT_RULE = "KAM002"


def plan(result: ScanResult, config: Config, root: Path) -> Iterator[FileFix]:
    """One FileFix per file with findings, in report order."""
    context = context_for(config, root)
    by_file: dict[str, list[Finding]] = {}
    for finding in result.findings:
        by_file.setdefault(finding.location.path, []).append(finding)
    for relpath, findings in by_file.items():
        path = os.path.join(root, relpath)
        read = _read(path)
        if isinstance(read, str):
            yield FileFix(relpath, path, "", remedies=[_advice(f, read) for f in findings])
        else:
            yield plan_text(relpath, path, *read, findings, context)


def context_for(config: Config, root: Path):
    """What the scan's workers had: the config, the project around `root`, the key matcher."""
    from kaman_lint.engine import Context
    from kaman_lint.keys import KeyMatcher
    from kaman_lint.project import Project

    return Context(config, Project.detect(root), (), KeyMatcher(config.placeholders))


def plan_text(relpath: str, path: str, text: str, bom: bytes, findings: list[Finding], context) -> FileFix:
    """The fixes for `findings` in one file's `text` (from disk, or an editor's buffer)."""
    from kaman_lint import lang
    from kaman_lint.engine import file_facts

    facts = file_facts(relpath, text, context)
    lang.analyze(facts, context.matcher)
    targets, unmatched = _targets(facts, findings)
    fix = FileFix(relpath, path, text, bom=bom, old_keys=[(lit.offset, lit.end) for lit in facts.literals])
    fix.remedies = [_advice(f, advice.for_finding(f.rule_id)) for f in unmatched]
    if facts.parse_error:
        fix.remedies += [left(t, "not fixed: the file does not parse; fix the syntax, then run --fix again")
                         for t in targets]
        return fix
    to_rewrite = [t for t in targets if CLIENT_RULE not in t.rules]
    fix.remedies += [left(t, advice.CLIENT) for t in targets if CLIENT_RULE in t.rules]
    new, remedies = _fix(facts, to_rewrite, context)
    fix.remedies += remedies
    if facts.source.language == "env" and to_rewrite:
        from kaman_lint.fix.git import is_tracked

        fix.advice.append(advice.env_file(relpath, is_tracked(path)))
    if new is not None and new != text:
        left_over = _keys_left(new, facts, fix.remedies, context)
        if left_over is not None:
            fix.new_text, fix.new_keys = new, left_over
        else:  # pragma: no cover - a fixer bug: say so rather than write a half fix
            fix.remedies = [r if not r.fixed else _unfixed(r) for r in fix.remedies]
    fix.remedies.sort(key=lambda r: (r.line, r.column))
    return fix


def _fix(facts: FileFacts, targets: list[Target], context) -> tuple[str | None, list[Remedy]]:
    if not targets:
        return None, []
    language = facts.source.language
    variables = FileVariables()
    if language == "python":
        from kaman_lint.fix import python

        return python.fix(facts, targets, variables, context.matcher)
    if language in SCRIPTS and facts.role == "server":
        from kaman_lint.fix import javascript

        return javascript.fix(facts, targets, variables)
    kind = references.kind_of(facts.source.relpath) if language == "yaml" else None
    if kind:
        return references.fix(facts, targets, variables, kind)
    return None, [left(t, advice.for_literal(facts)) for t in targets]


def _read(path: str) -> tuple[str, bytes] | str:
    """The file's text and its BOM, or why it is not fixed. Only UTF-8 is rewritten: anything
    else would not come back byte for byte."""
    if not os.path.isfile(path):
        return "not fixed: the file's path is named after a key (shown redacted); rename it first"
    try:
        with open(path, "rb") as handle:
            data = handle.read()
    except OSError as err:
        return f"not fixed: cannot read the file ({err.strerror or err})"
    bom = codecs.BOM_UTF8 if data.startswith(codecs.BOM_UTF8) else b""
    try:
        return data[len(bom):].decode("utf-8"), bom
    except UnicodeDecodeError:
        return "not fixed: the file is not UTF-8, and a rewrite would not keep its bytes"


def _targets(facts: FileFacts, findings: list[Finding]) -> tuple[list[Target], list[Finding]]:
    """The key literal each finding is about (same key, same line; the nearest column), and the
    findings that point at no literal (an env read in client code, a response, a URL)."""
    rules: dict[KeyLiteral, list[str]] = {}
    unmatched = []
    for finding in findings:
        loc = finding.location
        candidates = [lit for lit in facts.literals
                      if lit.key.fingerprint == finding.fingerprint and lit.line == loc.line]
        if not candidates:
            unmatched.append(finding)
            continue
        # One finding for repeats on its line (kaman_lint/repeats.py) is about each of them.
        chosen = candidates if finding.occurrences > 1 else [
            min(candidates, key=lambda lit: abs(lit.column - loc.column))]
        for best in chosen:
            rules.setdefault(best, [])
            if finding.rule_id not in rules[best]:
                rules[best].append(finding.rule_id)
    return [Target(lit, tuple(sorted(r))) for lit, r in rules.items()], unmatched


def _keys_left(new: str, facts: FileFacts, remedies: list[Remedy], context) -> list[tuple[int, int]] | None:
    """The key spans in the new text, or None unless each key a remedy says it fixed occurs
    that many times fewer there."""
    from kaman_lint import lang
    from kaman_lint.engine import file_facts

    after = file_facts(facts.source.relpath, new, context)
    lang.analyze(after, context.matcher)
    before = Counter(lit.key.fingerprint for lit in facts.literals)
    now = Counter(lit.key.fingerprint for lit in after.literals)
    fixed = Counter(r.fingerprint for r in remedies if r.fixed)
    if any(now[fp] > before[fp] - count for fp, count in fixed.items()):
        return None
    return [(lit.offset, lit.end) for lit in after.literals]


def _advice(finding: Finding, why: str) -> Remedy:
    loc = finding.location
    return Remedy(loc.line, loc.column, (finding.rule_id,), finding.fingerprint, finding.preview, why)


def _unfixed(remedy: Remedy) -> Remedy:
    return Remedy(remedy.line, remedy.column, remedy.rules, remedy.fingerprint, remedy.preview,
                  "not fixed: the rewrite did not remove the key (please report this)")
