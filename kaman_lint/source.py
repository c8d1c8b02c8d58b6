"""Reading a file into a :class:`Source`: decoded text, a line index, and its language."""

from __future__ import annotations

import bisect
import codecs
import re
from array import array
from collections.abc import Sequence

from kaman_lint.records import dataclass, field
from kaman_lint import lazy_re
from kaman_lint.paths import pure

BINARY_SNIFF = 8192


class NotText(Exception):
    """The bytes are not a text file (too many control bytes early, and no UTF-16 BOM)."""


# Bytes no text file is made of: C0 controls but the whitespace ones (\t \n \v \f \r) and ESC
# (terminal colours in logs), and DEL. Compressed or random data has about 10% of them, machine
# code and images more; a text file next to none. One stray NUL does not make a file binary.
_CONTROL_BYTES = bytes([*range(0x00, 0x09), *range(0x0E, 0x1B), *range(0x1C, 0x20), 0x7F])
BINARY_SHARE = 0.05  # of the first BINARY_SNIFF bytes


def is_binary(data: bytes) -> bool:
    """Whether `data` is binary by the share of control bytes in its first BINARY_SNIFF bytes
    (UTF-16/32, whose NULs are text, must be told apart before: `is_wide_unicode`)."""
    sample = data[:BINARY_SNIFF]
    flagged = sample.translate(FLAG_CONTROLS)
    # no control byte (every text file, and b""): `translate` hands the bytes back
    return flagged is not sample and binary_by_flags(flagged)


def binary_by_flags(flagged: bytes) -> bool:
    """`is_binary` of a sample whose `translate(FLAG_CONTROLS)` is `flagged` (and changed it:
    one control byte at least). A caller that flags the sample itself (`engine._skim`, for every
    file) goes on from there on the common answer, no control byte, without a second pass."""
    return flagged.count(0) + flagged.count(1) > BINARY_SHARE * len(flagged)


# Every control byte to NUL but NUL itself, which becomes \x01: no other byte changes, so a
# sample without controls comes back as it is, and the controls of one that has some are its
# NULs and \x01s. A table's pass with no deletions took 30% fewer instructions than deleting
# the controls did (the first 8 KiB of the large benchmark corpus's files: 629M against 895M).
FLAG_CONTROLS = bytes.maketrans(_CONTROL_BYTES, b"\1" + b"\0" * (len(_CONTROL_BYTES) - 1))


@dataclass
class Source:
    """One file's text as the rules read it."""
    relpath: str  # relative to the scan root, `/`-separated
    text: str
    language: str
    # relative to the config's project root, what its globs are matched against (None: stdin)
    project_path: str | None = None
    _line_starts: Sequence[int] | None = field(default=None, repr=False)

    @property
    def line_starts(self) -> Sequence[int]:
        if self._line_starts is None:
            # 8 bytes a line, not a list's 36: a file of 16 million short lines fits the size limit
            starts = array("q", [0])
            # without a CR (most files) the breaks are the LFs: a literal finditer, 2.5x faster
            breaks = r"\r\n|\n|\r" if "\r" in self.text else "\n"
            starts.extend(m.end() for m in re.finditer(breaks, self.text))
            self._line_starts = starts
        return self._line_starts

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of a string offset; columns count code points."""
        index = bisect.bisect_right(self.line_starts, offset) - 1
        return index + 1, offset - self.line_starts[index] + 1

    def offset(self, line: int, column: int = 1) -> int:
        # tokenize puts the DEDENTs and ENDMARKER of a file without a final newline one line
        # past the last: that position is the end of the text
        if line > len(self.line_starts):
            return len(self.text)
        return self.line_starts[line - 1] + column - 1

    def line(self, number: int) -> str:
        """The text of a 1-based line, without its line break."""
        starts = self.line_starts
        if number < 1 or number > len(starts):
            return ""
        end = starts[number] if number < len(starts) else len(self.text)
        return self.text[starts[number - 1]:end].rstrip("\r\n")

    def line_prefix(self, offset: int, limit: int = 240) -> str:
        """The text before `offset` on its line, at most `limit` characters: enough to name a
        setting, and cheap on a 20 MiB one-line bundle."""
        line_start = self.line_starts[bisect.bisect_right(self.line_starts, offset) - 1]
        return self.text[max(line_start, offset - limit):offset]

    def lines(self) -> list[str]:
        """The lines without their breaks, split exactly as :meth:`position` counts them
        (`str.splitlines` also splits on form feeds and U+2028, which would shift line numbers)."""
        return re.split(r"\r\n|\n|\r", self.text)

    @property
    def name(self) -> str:
        return pure(self.relpath).name


WIDE_BOMS = (codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
WIDE_SNIFF = 1024  # the most of a file `is_wide_unicode` reads


def is_wide_unicode(data: bytes | bytearray, start: int = 0, end: int | None = None) -> bool:
    """UTF-16/32 by BOM, or UTF-16 told by its NULs: byte-level searches for ASCII text do not
    work on these. The bytes are `data[start:end]` (the history census's read buffer)."""
    if end is None and not start:  # a whole file (every file of a scan comes here): no bounds
        return data.startswith(WIDE_BOMS) or (data.find(0, 0, 3) >= 0 and _bomless_wide(data[:WIDE_SNIFF]) is not None)
    end = len(data) if end is None else end
    # BOM-less UTF-16 and UTF-32 both put a NUL in the first three bytes: every other file is
    # told without the two tests' calls and slices
    return data.startswith(WIDE_BOMS, start, end) or (
        data.find(0, start, min(end, start + 3)) >= 0
        and _bomless_wide(data[start:min(end, start + WIDE_SNIFF)]) is not None)


def _bomless_wide(data: bytes) -> str | None:
    """The UTF-16 or UTF-32 encoding of BOM-less text, told by its NULs, or None."""
    return _bomless_utf16(data) or _bomless_utf32(data)


def _bomless_utf32(data: bytes) -> str | None:
    """UTF-32 without a BOM (what git writes for `working-tree-encoding=UTF-32LE`): ASCII text
    has three NULs beside each character, and the character bytes are printable."""
    if data[1:3] != b"\0\0" and data[:2] != b"\0\0":  # every file comes here: most stop at once
        return None
    head = data[:WIDE_SNIFF]
    head = head[:len(head) - len(head) % 4]
    if len(head) < 16:
        return None
    # (encoding, the two high bytes of each code point, its third byte, its low byte)
    for encoding, high, middle, low in (("utf-32-le", (3, 2), 1, 0), ("utf-32-be", (0, 1), 2, 3)):
        chars, third = head[low::4], head[middle::4]
        if (all(not any(head[at::4]) for at in high) and third.count(0) >= 0.9 * len(third)
                and sum(1 for c in chars if 32 <= c < 127 or c in (9, 10, 13)) >= 0.9 * len(chars)):
            return encoding
    return None


def _bomless_utf16(data: bytes) -> str | None:
    """UTF-16 without a BOM (some Windows tools write it): mostly-ASCII text shows a NUL in every
    other byte, and none in between. Text in other scripts has too few NULs to tell; it is then
    skipped as binary (documented: write UTF-16 with a BOM, or UTF-8)."""
    if data[:2].count(0) != 1:
        return None
    head = data[:512]
    head = head[:len(head) - len(head) % 2]
    if len(head) < 8:
        return None
    high, low = (head[1::2], head[0::2]) if head[1] == 0 else (head[0::2], head[1::2])
    if 0 in low or high.count(0) < 0.9 * len(high):
        return None
    return "utf-16-le" if head[1] == 0 else "utf-16-be"


_CONTROLS_TO_SPACES = bytes.maketrans(_CONTROL_BYTES + b"\t\v\f\r", b" " * (len(_CONTROL_BYTES) + 4))


def printable_runs(data: bytes) -> str:
    """A binary's text for a key search: every control byte a space, so the printable runs
    stand apart; offsets stay byte offsets and lines are counted at the file's own `\n`s (as
    `grep -n -a` counts them). Bytes above 0x7F stay characters of their own (latin-1)."""
    return data.translate(_CONTROLS_TO_SPACES).decode("latin-1")


def decode(data: bytes) -> tuple[str, str | None]:
    """Text from bytes: UTF-8 (BOM or not), UTF-16/32 by BOM, else UTF-8 with replacement
    characters so that nothing stops the scan. Returns (text, notice-or-None)."""
    for bom, encoding in ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
                          (codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
                          (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            text = data.decode(encoding, errors="replace")
            return text, _replaced_notice(text, encoding)
    bomless = _bomless_wide(data)
    if bomless:
        text = data.decode(bomless, errors="replace")
        return text, _replaced_notice(text, bomless)
    if is_binary(data):
        raise NotText
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError:
        text = data.decode("utf-8", errors="replace")
        return text, _replaced_notice(text, "utf-8")


def _replaced_notice(text: str, encoding: str) -> str | None:
    count = text.count("\ufffd")
    if not count:
        return None
    return f"{count} undecodable byte sequence(s) read as U+FFFD ({encoding}); scanned the rest"


# --- language ----------------------------------------------------------------------------

EXTENSIONS = {
    ".py": "python", ".pyi": "python", ".pyw": "python",
    ".js": "javascript", ".mjs": "javascript", ".cjs": "javascript", ".jsx": "jsx",
    ".ts": "typescript", ".mts": "typescript", ".cts": "typescript", ".tsx": "tsx",
    ".vue": "html", ".svelte": "html", ".astro": "html",
    ".html": "html", ".htm": "html", ".xhtml": "html", ".jinja": "html", ".jinja2": "html",
    ".j2": "html", ".djhtml": "html", ".erb": "html", ".hbs": "html", ".handlebars": "html",
    ".mustache": "html", ".ejs": "html", ".njk": "html", ".liquid": "html", ".twig": "html",
    ".toml": "toml", ".yaml": "yaml", ".yml": "yaml", ".json": "json", ".jsonc": "json",
    ".json5": "json", ".webmanifest": "json", ".ini": "ini", ".cfg": "ini", ".conf": "ini",
    ".properties": "ini", ".env": "env", ".ipynb": "notebook", ".tfvars": "hcl", ".tf": "hcl",
    ".hcl": "hcl", ".sh": "shell", ".bash": "shell", ".zsh": "shell", ".fish": "shell",
    ".ps1": "shell", ".md": "markdown", ".markdown": "markdown", ".rst": "markdown",
    ".txt": "text", ".mk": "makefile",
}
NAMES = {
    "dockerfile": "dockerfile", "containerfile": "dockerfile", "makefile": "makefile",
    "gnumakefile": "makefile", ".envrc": "shell", ".flaskenv": "env", "procfile": "shell",
    ".npmrc": "ini", ".pypirc": "ini", ".netrc": "text", "pipfile": "toml",
}
SHEBANG = lazy_re.compile(r"#!.*\b(python[0-9.]*|node|deno|bun|(?:ba|z|da|k)?sh)\b")


def detect_language(relpath: str, first_line: str = "") -> str:
    name = pure(relpath).name
    lower = name.lower()
    if lower in NAMES:
        return NAMES[lower]
    if lower.startswith(".env") or lower.endswith(".env"):  # .env, .env.production, app.env
        return "env"
    if lower.startswith(("dockerfile", "containerfile")) or lower.endswith(".dockerfile"):
        return "dockerfile"
    if lower.endswith(".blade.php"):  # Laravel Blade templates: HTML with `{{ }}` prints
        return "html"
    suffix = pure(lower).suffix
    if suffix in EXTENSIONS:
        return EXTENSIONS[suffix]
    match = SHEBANG.match(first_line)
    if match:
        interpreter = match.group(1)
        if interpreter.startswith("python"):
            return "python"
        return "javascript" if interpreter in ("node", "deno", "bun") else "shell"
    return "text"
