"""Text made fit for where it is printed: the one encoding of paths and messages on their way out.

A file name is bytes to the system: it may hold a newline (and inject a line such as
`::stop-commands::` into a CI log), an escape sequence (and repaint a terminal), a bidi override
(and show another name), or bytes that are not UTF-8, which Python carries as lone surrogates
(`os.fsdecode`) and no UTF-8 writer accepts. Messages quote names from files, so they can too.
One spelling for what cannot be printed as it is, `\\n`, `\\x1b`, `\\u202e`, and `\\xff` for an
undecodable byte, in three forms by kind of output:

- :func:`line`: line-oriented output (text, github, stderr): every character that is not
  printable is escaped, so a record stays one line and shows what the name holds.
- :func:`dumps`: JSON documents (json, sarif, gitlab, the baseline): JSON escapes control
  characters itself; undecodable bytes get the spelling above, so the document is valid UTF-8.
- :func:`uri_path`: SARIF URIs: the original bytes, percent-encoded (exact).

Redaction is not done here: every text a result carries is redacted when it is made
(`findings.py`, `keys.safe_text`).
"""

from __future__ import annotations

from kaman_lint import lazy_re

TYPE_CHECKING = False  # typing.TYPE_CHECKING: typing is not imported at run time
if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator
    from typing import Any

_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}
_SURROGATE = lazy_re.compile("[\ud800-\udfff]")
# RFC 3986 path characters kept as they are (`@scope/pkg` stays readable and matches tools that
# compare URIs textually); `:` is encoded because a relative reference's first segment must not
# look like a scheme.
URI_SAFE = "/@!$&'()*+,;="


def escape(char: str) -> str:
    """The printed spelling of one character that cannot be printed as it is."""
    code = ord(char)
    if char in _NAMED:
        return _NAMED[char]
    if 0xDC80 <= code <= 0xDCFF:  # an undecodable byte, as os.fsdecode carries it
        return f"\\x{code - 0xDC00:02x}"
    if code < 0x100:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


def line(text: str, *, keep_newlines: bool = False) -> str:
    """`text` with every non-printable character escaped (control characters, line and paragraph
    separators, bidi and other format characters, undecodable bytes). With `keep_newlines`,
    `\\n` stays: for a multi-line message whose lines are each made safe."""
    if text.isprintable():
        return text
    if keep_newlines:
        return "\n".join(line(part) for part in text.split("\n"))
    return "".join(c if c.isprintable() else escape(c) for c in text)


def unicode(text: str) -> str:
    """`text` as valid Unicode: undecodable bytes spelled `\\xff`, the rest unchanged."""
    return _SURROGATE.sub(lambda m: escape(m.group()), text) if _SURROGATE.search(text) else text


def dumps(document: Any, **options: Any) -> str:
    """`json.dumps` for a document kaman-lint writes: UTF-8 text (`ensure_ascii=False`), with
    undecodable bytes of file names spelled as :func:`unicode` does (JSON-escaped)."""
    return "".join(dump_chunks(document, **options))  # one chunk: that very string, not a copy


def dump_chunks(document: Any, **options: Any) -> list[str]:
    """The text of :func:`dumps`, in chunks (one, or many for a long indented report)."""
    # A surrogate is one code point, never split between chunks: each is spelled out alone.
    return [_spelled(piece) if _has_surrogate(piece) else piece for piece in raw_chunks(document, **options)]


def raw_chunks(document: Any, **options: Any) -> list[str]:
    """The chunks of :func:`dump_chunks` before undecodable bytes are spelled (`utf8` spells
    them as it encodes)."""
    pieces = None
    if options.keys() == {"indent"} and type(options["indent"]) is int:  # what every report asks
        from kaman_lint import indented_json

        pieces = indented_json.chunks(document, options["indent"])
    if pieces is None:
        import json

        from kaman_lint.indented_json import materialize

        pieces = [json.dumps(document, ensure_ascii=False, **{"default": materialize, **options})]
    return pieces


def utf8(chunks: Iterable[str], *, spell: bool, most: int = 1 << 20) -> Iterator[bytes]:
    """`chunks` as UTF-8, encoded at most `most` characters at a time (a 150 MB report is held
    neither joined nor as 150 MB of bytes); with `spell`, a text holding undecodable bytes
    spelled as :func:`dump_chunks` spells them. The strict encoder's refusal is the surrogate
    test: each text is encoded once (a `_has_surrogate` pass, then a UTF-8 writer, encoded the
    SARIF of the small benchmark corpus twice). Without `spell` a surrogate raises, as a
    UTF-8 text writer does."""
    for text in chunks:
        for start in range(0, len(text), most):
            part = text[start:start + most]  # (the text itself when it is short enough)
            try:
                yield part.encode("utf-8")
            except UnicodeEncodeError:
                if not spell:
                    raise
                yield _spelled(part).encode("utf-8")  # (a surrogate is one code point: never cut)


def _spelled(text: str) -> str:
    return _SURROGATE.sub(lambda m: escape(m.group()).replace("\\", "\\\\"), text)


def _has_surrogate(text: str) -> bool:
    """`_SURROGATE.search(text)`, asked at C speed: the regex walks a 150 MB report in a second,
    a strict encoder (which refuses any surrogate) in a tenth of that. UTF-16 refuses the same
    code points as UTF-8, and its encoder of a report that a preview's `…` makes two bytes a
    character is little more than a copy: 170M instructions for the 20 MiB bundle's 27 MB
    SARIF, the UTF-8 encoder 298M (which the writer then runs once more)."""
    if text.isascii():
        return False
    try:
        text.encode("utf-16-le")
    except UnicodeEncodeError:
        return True
    return False


def uri_path(path: str) -> str:
    """A `/`-separated path as a URI path: percent-encoded from the file name's own bytes
    (undecodable ones included, `%FF`), control characters too (`%0A`)."""
    from urllib.parse import quote

    try:
        data = path.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:  # a lone surrogate that is no undecodable byte: spell it
        data = unicode(path).encode("utf-8")
    return quote(data, safe=URI_SAFE)
