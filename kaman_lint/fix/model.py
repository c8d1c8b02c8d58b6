"""What a fix run decides, per key literal and per file. Key-free: spans, fingerprints and
previews, never a key."""

from __future__ import annotations

from dataclasses import dataclass, field

from kaman_lint.facts import KeyLiteral


@dataclass(frozen=True)
class Edit:
    """Replace text[start:end] (string offsets) with `text`."""

    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Remedy:
    """What happens to one finding: an edit carries it out (`fixed`), or the user is told what
    to do. Every fix that replaces a key with a read of the environment is unsafe (ruff's term):
    the code then needs the variable set."""

    line: int
    column: int
    rules: tuple[str, ...]
    fingerprint: str
    preview: str
    action: str  # "replaced the key with os.environ[...]" or the advice
    fixed: bool = False
    unsafe: bool = True
    variable: str | None = None  # the variable the code now reads, when fixed


@dataclass(frozen=True)
class Target:
    """A key literal some reported findings are about, with their rule ids."""

    literal: KeyLiteral
    rules: tuple[str, ...]


def left(target: Target, why: str) -> Remedy:
    """The remedy for a literal nothing rewrites: `why` says what to do."""
    lit = target.literal
    return Remedy(lit.line, lit.column, target.rules, lit.key.fingerprint, lit.key.preview, why)


def fixed(target: Target, variable: str | None, action: str) -> Remedy:
    lit = target.literal
    return Remedy(lit.line, lit.column, target.rules, lit.key.fingerprint, lit.key.preview, action,
                  fixed=True, variable=variable)


def ends_in_escape(text: str) -> bool:
    """Whether `text` ends inside a backslash escape (an odd run of backslashes): a string cut
    there would not mean what it meant."""
    return (len(text) - len(text.rstrip("\\"))) % 2 == 1


@dataclass
class FileFix:
    """What fixing one file changes and advises."""
    relpath: str  # as reported
    path: str  # on disk
    old_text: str
    new_text: str | None = None  # None: nothing rewritten
    remedies: list[Remedy] = field(default_factory=list)
    advice: list[str] = field(default_factory=list)  # about the file as a whole (untrack it, ...)
    bom: bytes = b""
    # Spans of every key literal in the old and the new text, to mask them in a diff (a key
    # split over two lines is more than safe_text can see on one line).
    old_keys: list[tuple[int, int]] = field(default_factory=list)
    new_keys: list[tuple[int, int]] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return self.new_text is not None and self.new_text != self.old_text


def masked(text: str, spans: list[tuple[int, int]]) -> str:
    """`text` with each key span cut down to `kam_` and four characters, then `…`; key
    characters further on (a key split over lines) become one `…` per run, so the layout stays."""
    pieces, last = [], 0
    for start, end in sorted(spans):
        if start < last:
            continue
        pieces.append(text[last:start])
        shown = 0
        run = False
        for char in text[start:end]:
            if char.isalnum() or char in "_-":
                if shown < 8:
                    pieces.append(char)
                    shown += 1
                elif not run:
                    pieces.append("…")
                    run = True
            else:
                pieces.append(char)
                run = False
        last = end
    return "".join(pieces) + text[last:]


def apply_edits(text: str, edits: list[Edit]) -> str:
    """`text` with non-overlapping `edits` applied; everything outside them stays byte for byte."""
    pieces, last = [], 0
    for edit in sorted(edits, key=lambda e: e.start):
        if edit.start < last:
            raise ValueError("overlapping edits")
        pieces += [text[last:edit.start], edit.text]
        last = edit.end
    return "".join(pieces) + text[last:]
