"""The one place that knows what a Kaman key looks like.

Everything else in kaman-lint handles keys through :class:`Key`, whose ``repr`` and ``str`` are
redacted, and reports them by :func:`fingerprint` and :func:`preview`. No other module keeps,
prints or writes a raw key.
"""

from __future__ import annotations

import binascii
import functools
import re
from collections.abc import Iterable, Iterator

from kaman_lint.records import dataclass, field
from kaman_lint import lazy_re
from kaman_lint.memo import BoundedMemo
from kaman_lint.sha256 import sha256

PREFIX = "kam_"

# A candidate is `kam_` plus a body of key characters. `kam_` must not be glued to a preceding
# identifier character (`my_kam_x`, `xkam_`), except right after an escape that happens to end in
# one: a JSON/Python `\n`, `\u000a`, `\x0a`, URL encoding (`?q=a%3Dkam_...`), or an ANSI colour
# code (`\x1b[38;5;124m`) as in coloured logs and notebook tracebacks.
_BOUNDARY = (
    r"(?:(?<![A-Za-z0-9_])|(?<=\\[ntr])|(?<=\\u[0-9A-Fa-f]{4})|(?<=\\x[0-9A-Fa-f]{2})"
    r"|(?<=%[0-9A-Fa-f]{2})|(?<=[\[;][0-9]m)|(?<=[\[;][0-9]{2}m)|(?<=[\[;][0-9]{3}m))"
)
CANDIDATE = lazy_re.compile(_BOUNDARY + r"kam_([A-Za-z0-9_\-]*)")
BOUNDARY = lazy_re.compile(_BOUNDARY)  # where a key may start: for keys written with escapes (`escapes`)
# Base64 of "kam_" reads as one of these, depending on where `kam_` falls in the encoded value:
# `a2FtX` when it opens a group of three bytes (a Kubernetes Secret `data:` value that is the key),
# `thbV8`/`thbV9` and `rYW1f` one and two bytes later (`KAMAN_API_KEY=kam_...` in a base64 `.env`
# blob, `user:kam_...` in a Basic auth header).
BASE64_MARKERS = ("a2FtX", "thbV8", "thbV9", "rYW1f")
_BASE64_MARKER = lazy_re.compile("|".join(BASE64_MARKERS))
_BASE64_CHARS = lazy_re.compile(r"[A-Za-z0-9+/]*")
_BASE64_RUN = lazy_re.compile(r"[A-Za-z0-9+/]*={0,2}")
MIN_BASE64 = 20  # "kam_" plus a 16-character body is 28 characters of base64
MAX_BASE64 = 16384  # longer runs are embedded files (images, fonts), not secret values
# A quick test that a text might contain something key-shaped at all: each marker is one pass
# over the bytes of every file scanned, so `thbV` stands for both `thbV8` and `thbV9`.
PREFILTER = ("kam_", "a2FtX", "thbV", "rYW1f")

# Real keys are random base62 bodies, 24-48 characters in the wild; 16 is the shortest part
# worth matching (half of a key split over two literals is joined by the Python analyzer first).
MIN_BODY = 16
# A masked key (`kam_AbCd1234...`, `kam_AbCd••••`) shows part of a key, never a whole one: a
# mark after a body shorter than any real key. A whole key followed by `...` is still a key.
MASK_AFTER = lazy_re.compile(r"\.\.\.|…|\*{3,}|•")
SHORTEST_KEY_BODY = 24

# Words that make a body a placeholder, never a real key, matched case-insensitively. A long word
# (six letters or more, or one holding `_`) counts anywhere: random base62 holds one by chance
# about once in 10^7 keys. A short one (`test`, `demo`, `mock`...) occurs inside a random body
# about once in 10^4 keys, so it counts only where a person puts it: as a whole `_`/`-`
# segment (`kam_test_...`, `kam_live_demo`), or opening the body or a segment in one case and
# ending at a boundary (`kam_FAKEkey...`, `kam_dummyKey...`, `kam_test1234...`, `kam_testkey...`).
PLACEHOLDER_WORDS = (
    "apikey", "api_key", "secret", "example", "sample", "placeholder", "replace", "changeme",
    "change_me", "insert", "redacted", "abc123", "key_here", "notreal", "invalid",
)
SHORT_PLACEHOLDER_WORDS = ("your", "fake", "test", "mock", "demo", "todo", "dummy", "fixme")
MASKED_RUN = "xxxxxx"  # `kam_xxxxxxxx`, `kam_live_xxxxxxxxxxxx`: six x's by chance: 1 in 10^7
_SEGMENTS = lazy_re.compile(r"[_\-.]+")
SEQUENCES = ("0123456789", "abcdefghijklmnopqrstuvwxyz", "ABCDEFGHIJKLMNOPQRSTUVWXYZ")
# The pieces an identifier is made of: `get|User|Account|Settings|2`, `HTTP|Client`, `2023`.
_WORD = lazy_re.compile(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])|[0-9]+")
_VOWELS = frozenset("aeiouyAEIOUY")
_CONSONANT_RUN = lazy_re.compile(r"[^aeiouyAEIOUY]{4,}")
_UUID = lazy_re.compile(r"[0-9a-fA-F]{8}-(?:[0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}")
_HEX = lazy_re.compile(r"[0-9a-f]+|[0-9A-F]+")


class Key:
    """A key value held in memory only. Its text form is always the redacted preview."""

    __slots__ = ("_value", "_fingerprint")

    def __init__(self, value: str) -> None:
        self._value = value
        self._fingerprint: str | None = None  # hashed when first asked: each rule and report asks

    @property
    def body(self) -> str:
        return self._value[len(PREFIX):]

    @property
    def fingerprint(self) -> str:
        if self._fingerprint is None:
            self._fingerprint = fingerprint(self._value)
        return self._fingerprint

    @property
    def preview(self) -> str:
        return preview(self._value)

    def __repr__(self) -> str:
        return f"Key({self.preview})"

    __str__ = __repr__

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Key) and other._value == self._value

    def __hash__(self) -> int:
        return hash(self._value)

    def __reduce__(self):  # pragma: no cover - guard, exercised by a test
        raise TypeError("a Key is never pickled or cached; send its fingerprint instead")


@dataclass(frozen=True)
class KeyMatch:
    """A key found in a text: where it starts and ends (string offsets) and the key itself."""

    start: int
    end: int
    key: Key = field(compare=False)
    encoding: str = "plain"  # "plain" or "base64"

    def __init__(self, start: int, end: int, key: Key, encoding: str = "plain") -> None:
        # the generated one, written out: it would set each field through `object.__setattr__`
        # (a bundle finds 14,643 keys; tests/test_record_inits.py compares the two)
        fields = self.__dict__
        fields["start"] = start
        fields["end"] = end
        fields["key"] = key
        fields["encoding"] = encoding


_FINGERPRINT_SALT = b"kaman-lint/fingerprint/v1\x00"


def fingerprint(value: str) -> str:
    """A stable, salted, truncated hash of a whole key: safe to print, store and compare."""
    digest = sha256(_FINGERPRINT_SALT + value.encode("utf-8")).hexdigest()
    return "v1:" + digest[:24]


def preview(value: str) -> str:
    """`kam_` plus at most the first four characters of the body, then an ellipsis."""
    return PREFIX + value[len(PREFIX):len(PREFIX) + 4] + "…"


def redact(text: str) -> str:
    """Replace anything key-shaped in a free text (an exception message, a log line)."""
    if PREFIX not in text:
        return text
    return CANDIDATE.sub(lambda m: preview(m.group(0)) if len(m.group(1)) > 4 else m.group(0), text)


def safe_label(label: str | None) -> str | None:
    """A setting name or section label fit to print in a message. A label can itself be a key
    (`{"kam_...": "kam_..."}`, `kam_...=kam_...` in a `.env`): it is then redacted, or dropped
    when the key hides in base64. Names like `kam_api_key` are left as they are."""
    if label is None or not _holds_key(label):
        return label
    return None if PREFIX not in label else redact(label)


def safe_text(text: str) -> str:
    """`text` with every key in it redacted, plain or base64-encoded: the one redaction for
    anything printed (a finding's message, a notice, a fact quoted by an analyzer, an error).

    What is printed is redacted more widely than what the scan reports as a key: a `kam_` glued
    to a word (`x_kam_<key>`, `self.kam_<key>`) or with a body too short to be a whole key (the
    first half of a key quoted in two pieces) shows its preview only, and so does a run of key
    characters long enough to be part of a key (`QUOTED_RUN`), prefix or not. Names and ids
    (`kam_api_key`, `NEXT_PUBLIC_KAMAN_KEY`, `getServerSideProps`, hex digests) stay as they are."""
    if PREFIX not in text and not _LONG_RUN.search(text):
        return text
    if len(text) <= _PREVIEW_LENGTH and _PREVIEW.fullmatch(text):
        return text  # a preview (every finding has one) is what redaction leaves: a body too short
    if "…" in text:
        quoted = _QUOTED_PREVIEW.search(text)
        if quoted:
            return _around_previews(text, quoted)
    # A rule repeats its messages (one per occurrence on a bundle): short texts are redacted once.
    return _safe_short(text) if len(text) <= _CACHED_TEXT else _safe_text(text)


def safe_message(text: str, preview: str) -> str:
    """`safe_text(text)` for a finding's message, which quotes the finding's own `preview`: the
    same text, told without searching the message for previews. A whole preview (`kam_AbCd…`)
    after a character no key or base64 run holds is one of the places `_around_previews` cuts a
    text at (no preview found before it can reach into it), so the text on each side is redacted
    alone, as there; those sides are the rule's own words, the same in every message."""
    at = text.find(preview) if len(preview) == _PREVIEW_LENGTH else -1
    if at < 0 or (at and text[at - 1] in _BEFORE_PREVIEW) or not _PREVIEW.fullmatch(preview):
        return safe_text(text)
    return _redacted_around(text, at, preview)


def safe_finding_texts(message: str, preview: str) -> tuple[str, str]:
    """(`safe_message(message, preview)`, `safe_text(preview)`): a finding's two texts, the
    preview read once (a bundle makes 29,000 findings, each quoting a preview as made)."""
    at = message.find(preview) if len(preview) == _PREVIEW_LENGTH else -1
    if at < 0 or (at and message[at - 1] in _BEFORE_PREVIEW) or not _PREVIEW.fullmatch(preview):
        return safe_message(message, preview) if message else message, safe_text(preview) if preview else preview
    return _redacted_around(message, at, preview), preview  # `safe_text` leaves a whole preview as it is


def _redacted_around(text: str, at: int, preview: str) -> str:
    """`safe_message`'s text for a whole preview at `at`: the words each side of it, redacted
    once and remembered (a rule writes the same words in each of its findings)."""
    head, tail = text[:at], text[at + _PREVIEW_LENGTH:]
    safe_head, safe_tail = _SAFE_PIECES.get(head), _SAFE_PIECES.get(tail)
    if safe_head is None:
        safe_head = _safe_piece(head)
    if safe_tail is None:
        safe_tail = _safe_piece(tail)
    return safe_head + preview + safe_tail


def _safe_piece(text: str) -> str:
    """`safe_text` of a message's words around its preview, remembered when short."""
    return _SAFE_PIECES.put(text, safe_text(text)) if len(text) <= _CACHED_TEXT else safe_text(text)


# The characters a key or base64 run holds: a preview after one of them is no cut (`_QUOTED_PREVIEW`).
_BEFORE_PREVIEW = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-+/=")
_SAFE_PIECES = BoundedMemo(4096)


# A preview in a text, after a character no key or base64 run holds: every redaction reads runs
# of key or base64 characters, and the preview's `…` ends both, so the text on each side of it
# is redacted as if alone (no lookbehind of CANDIDATE matches a `…`) and the preview stays.
_QUOTED_PREVIEW = lazy_re.compile(r"(?<![A-Za-z0-9_\-+/=])kam_[A-Za-z0-9_\-]{0,4}…")


def _around_previews(text: str, quoted: re.Match[str]) -> str:
    """`safe_text` of a text quoting previews (each finding's message quotes its key's): the
    text between them is the rule's own words, the same in every message, redacted once."""
    pieces, last = [], 0
    while quoted:
        pieces += [safe_text(text[last:quoted.start()]), quoted.group(0)]
        last = quoted.end()
        quoted = _QUOTED_PREVIEW.search(text, last)
    pieces.append(safe_text(text[last:]))
    return "".join(pieces)


_CACHED_TEXT = 1024
# What `preview` makes: `_safe_text` leaves it as it is (its body is shorter than any key and than
# what `_mask_run` cuts, and too short to hold a base64 marker).
_PREVIEW = lazy_re.compile(r"kam_[A-Za-z0-9_\-]{0,4}…")
_PREVIEW_LENGTH = len(PREFIX) + 4 + 1


def _safe_text(text: str) -> str:
    if _holds_key(text):
        text = _redact_base64(text, lambda key: preview(key))
    return _MASKABLE_RUN.sub(_mask_run, text)


_safe_short = functools.lru_cache(maxsize=4096)(_safe_text)

# A run of this many key characters is never printed whole unless it reads as a name or an id:
# half of the shortest real key (24), so a key quoted in two halves shows neither.
QUOTED_RUN = 12
_KEY_RUN = lazy_re.compile(r"[A-Za-z0-9_\-]+")
_LONG_RUN = lazy_re.compile(r"[A-Za-z0-9_\-]{%d}" % QUOTED_RUN)
# The runs `_mask_run` may change (long, or holding the prefix), whole: the short words of a
# message are stepped over at C speed instead of each going through `_mask_run`.
_MASKABLE_RUN = lazy_re.compile(r"(?<![A-Za-z0-9_\-])(?=[A-Za-z0-9_\-]{%d}|[A-Za-z0-9_\-]*%s)[A-Za-z0-9_\-]+"
                                % (QUOTED_RUN, PREFIX))


def _mask_run(m: re.Match[str]) -> str:
    run = m.group(0)
    at = run.find(PREFIX)
    if at < 0:
        return run[:4] + "…" if len(run) >= QUOTED_RUN and not _reads_as_name(run) else run
    head, body = run[:at], run[at + len(PREFIX):]
    if len(head) >= QUOTED_RUN and not _reads_as_name(head):
        head = head[:4] + "…"
    if len(body) > 4 and not _reads_as_name(body):
        body = body[:4] + "…"
    elif PREFIX in body:  # a name glued to a key (`kam_api_keykam_<key>`) reads as a name whole
        body = PREFIX.join(_masked_piece(piece) for piece in body.split(PREFIX))
    return head + PREFIX + body


def _masked_piece(piece: str) -> str:
    return piece[:4] + "…" if len(piece) > 4 and not _reads_as_name(piece) else piece


def _reads_as_name(body: str) -> bool:
    """Whether a run of key characters is explained as something other than a piece of a key:
    every placeholder test but the length one (a short piece of a key is still a piece), or
    one word (`Authorization`)."""
    if _ONE_WORD.fullmatch(body):  # a word (never key-shaped): asked once per word, not per message
        return _word_reads_as_name(body)
    return _run_reads_as_name(body)


def _run_reads_as_name(body: str) -> bool:
    if _ONE_WORD.fullmatch(body) and _pronounceable(body):
        return True
    if not any(pred(body) for pred in PLACEHOLDER_PREDICATES if pred is not is_too_short):
        return False
    # A placeholder word explains itself, not a key-length run glued to it (`api_key<body>`,
    # `my_secret-<body>`): each long piece left beside the words must read as a name too.
    pieces = [piece for piece in _PLACEHOLDER_WORD_OR_SEPARATOR.split(body) if piece]
    return pieces == [body] or all(len(piece) < QUOTED_RUN or _run_reads_as_name(piece) for piece in pieces)


_PLACEHOLDER_WORD_OR_SEPARATOR = lazy_re.compile("|".join(PLACEHOLDER_WORDS) + "|" + _SEGMENTS.pattern,
                                                 re.IGNORECASE)


_ONE_WORD = lazy_re.compile(r"[A-Z]?[a-z]+")
_word_reads_as_name = functools.lru_cache(maxsize=4096)(_run_reads_as_name)


def redact_path(path: str) -> str:
    """A report path with each key in it (a file or directory named after a key, whatever
    precedes it: `x_kam_<key>.py`, `1kam_<key>/`) replaced by the key's preview plus six
    characters of its fingerprint: `kam_AbCd…3f2a9c/app.py`. The result is stable from run to
    run, so a baseline keeps matching the file, and two keys that share their first four
    characters still give two paths. Names like `kam_client.py` stay."""
    if not might_contain_key(path):
        return path

    def masked(key: str) -> str:
        return preview(key) + fingerprint(key)[3:9]

    def masked_run(m: re.Match[str]) -> str:
        run = m.group(0)
        at = run.find(PREFIX)
        if at < 0:
            return run
        head, body = run[:at], run[at + len(PREFIX):]
        if not is_placeholder(body):
            return head + masked(PREFIX + body)
        # A name glued to a key (`kam_api_keykam_<key>.py`) reads as a name whole: the key is
        # masked from the first prefix whose own piece is no placeholder (each piece judged once).
        pieces = body.split(PREFIX)
        for n, piece in enumerate(pieces[1:], 1):
            if not is_placeholder(piece):
                return head + PREFIX + PREFIX.join(pieces[:n]) + masked(PREFIX + PREFIX.join(pieces[n:]))
        return run

    return _redact_base64(_KEY_RUN.sub(masked_run, path), masked)


def _redact_base64(text: str, masked) -> str:
    """`text` with each base64 run that decodes to something holding a key replaced by
    `masked(key)` of the first key in it."""
    if not any(marker in text for marker in BASE64_MARKERS):
        return text
    pieces, last = [], 0
    for start, end in base64_runs(text):
        decoded = _b64decode(text[start:end])
        if decoded is None or PREFIX not in decoded or not _holds_key(decoded):
            continue
        key = next((m.group(0) for m in candidates(decoded) if not is_placeholder(m.group(1))), None)
        pieces += [text[last:start], masked(key) if key else PREFIX + "…"]
        last = end
    return "".join(pieces) + text[last:] if pieces else text


def _holds_key(text: str) -> bool:
    """Whether `text` holds something the scan would call a key, plain or base64, anywhere
    (also where a name is assigned: what matters here is what gets printed)."""
    if any(not is_placeholder(m.group(1)) for m in candidates(text)):
        return True
    return any(marker in text for marker in BASE64_MARKERS) and any(
        _b64_key_in(text, start, end) for start, end in base64_runs(text))


def holds_key(text: str) -> bool:
    """Whether `text` holds anything the scan could call a key, plain or base64 (a superset of
    what analyzers report: names count too). For prefilters that test a window of a file."""
    return _holds_key(text)


def _b64_key_in(text: str, start: int, end: int) -> bool:
    decoded = _b64decode(text[start:end])
    return decoded is not None and PREFIX in decoded and _holds_key(decoded)


# --- placeholder predicates ------------------------------------------------------------------
# Each takes the body (after `kam_`) and answers one question: is this something other than a
# random base62 key? They are small and pure so each can be tested, measured and explained alone
# (detect-secrets style). The false-negative cost of each is stated against random base62 bodies.

def is_too_short(body: str) -> bool:
    """`kam_Ab12`, `kam_test`: shorter than any key (the shortest in the wild is 24)."""
    return len(body) < MIN_BODY


def is_identifier_like(body: str) -> bool:
    """`kam_client_factory`, `kam_REQUEST_TIMEOUT`: snake_case words, not random text."""
    return _SNAKE_CASE.fullmatch(body) is not None


_SNAKE_CASE = lazy_re.compile(r"[a-z]+(?:_[a-z]+)*|[A-Z]+(?:_[A-Z]+)*")


def is_word_identifier(body: str) -> bool:
    """`kam_getUserAccountSettings2`, `kam_2023_report_final`, `kam_HTTPClientFactory`,
    `kam_fetchUserProfileV2Handler`, `kam_s3BucketUploader`: made of pronounceable words of four
    letters on average (a vowel in four, no run of four consonants), with at most one acronym,
    two short numbers and a one-letter word only beside a number (`V2`, `s3`), and no letter
    pair that words do not hold (`_FOREIGN_PAIRS`). Random base62 of 24-48 characters passes
    about once in 10^6."""
    if _too_many_numbers(body):
        return False  # what the numbers test below says of most random bodies, told sooner
    words = _WORD.findall(body)
    if len(words) < 2:
        return False
    numbers = [w for w in words if w.isdigit()]
    if len(numbers) > 2 or any(len(n) > 4 for n in numbers):
        return False
    letters = [w for w in words if not w.isdigit()]
    acronyms = [w for w in letters if w.isupper() and len(w) > 1]
    spelled = [w for w in letters if len(w) > 1 and w not in acronyms]
    if len(letters) - len(spelled) - len(acronyms) > len(numbers):  # one letter per number at most
        return False
    return (len(spelled) >= 2 and len(acronyms) <= 1 and all(len(w) <= 5 for w in acronyms)
            and sum(map(len, spelled)) >= 4 * len(spelled)  # random text splits into short bits
            and all(_pronounceable(w) for w in spelled) and _letters_only_by_numbers(words))


def _too_many_numbers(body: str) -> bool:
    """More than two numbers, or one of more than four digits: `_WORD`'s numbers are the
    body's runs of digits (no other piece holds a digit)."""
    return _MORE_NUMBERS.search(body) is not None


# Three runs of digits, or one of five: one search, no list of the runs (most random bodies have it).
_MORE_NUMBERS = lazy_re.compile(r"[0-9]+[^0-9]+[0-9]+[^0-9]+[0-9]|[0-9]{5}")


def _letters_only_by_numbers(words: list[str]) -> bool:
    """One-letter words stand only next to a number, as in `V2` or `s3`."""
    return all(len(w) != 1 or w.isdigit() or any(words[j].isdigit() for j in (i - 1, i + 1)
                                                   if 0 <= j < len(words))
               for i, w in enumerate(words))


def _pronounceable(word: str) -> bool:
    vowels = sum(c in _VOWELS for c in word)
    return (len(word) >= 2 and vowels >= max(1, len(word) // 4) and not _CONSONANT_RUN.search(word)
            and not _has_foreign_pair(word))


# Letter pairs that no word of 10,000 mixed-case identifiers (16-48 characters, from the Python
# packages a typical environment installs) holds, less a few that abbreviations do (`cfg`,
# `png`, `ascii`). Random text that splits into "pronounceable" words nearly always holds one
# (`Cokqp`, `Klquxz`): with them, a random 24-48 character body reads as an identifier about
# once in 10^6 times instead of once in 10^5, and real identifiers keep reading as such.
_FOREIGN_PAIRS = frozenset("""
    bh bk bq bv bx bz cg cv cw dq dx dz ej fj fk fm fz gf gj gk gq gx hf hg hh hj hk hq hx hz iy
    jb jf jg jh jj jl jm jq jr jt jv jx jy jz kb kh kj kk kp kq kz lj lq lx mj mk mz nx oq pj pv
    pz qa qb qc qd qe qf qg qh qj qk qn qo qp qq qr qs qt qv qw qy qz rj rz sj sx tj tq uj uk uq
    vd vh vj vk vl vn vp vq vr vt vv vw vy wc wf wj wm wq wv ww wx wz xb xd xg xh xj xk xl xn xq
    xr xs xv yh yj yk yv yx yy zb zc zf zh zj zk zm zn zq zr zv zx""".split())


def _has_foreign_pair(word: str) -> bool:
    lowered = word.lower()
    return any(lowered[i:i + 2] in _FOREIGN_PAIRS for i in range(len(lowered) - 1))


def has_placeholder_word(body: str) -> bool:
    """`kam_your_api_key_here`, `kam_example_...`, `kam_FAKEkey...`, `kam_REPLACE_ME`,
    `kam_test_...`, `kam_xxxxxxxx`: a placeholder word where a person writes one (see
    PLACEHOLDER_WORDS), not four letters met by chance inside a random body."""
    lowered = body.lower()
    if _LONG_PLACEHOLDER_WORD.search(lowered):
        return True
    if "_" not in body and "-" not in body and "." not in body:  # one segment (a random body)
        # all x: nothing left once they are stripped (a set of the characters is made slower)
        return bool(body) and (_opens_with_word(body) or not lowered.strip("x"))
    return any(_opens_with_word(segment) or not segment.lower().strip("x")
               for segment in _SEGMENTS.split(body) if segment)


# A long placeholder word or the masked run, anywhere: one search (the `in` tests one by one
# cost a third more on a key, all of which pass every test).
_LONG_PLACEHOLDER_WORD = lazy_re.compile("|".join(PLACEHOLDER_WORDS + (MASKED_RUN,)))


def _opens_with_word(segment: str) -> bool:
    """The segment is a short placeholder word, or opens with one written in one case (`test`,
    `Test`, `TEST`) that ends where a new part starts: a digit, a change of case, or `key`."""
    lowered = segment.lower()
    if not lowered.startswith(SHORT_PLACEHOLDER_WORDS):
        return False  # opens with none of them (most bodies): the loop below would find none
    for word in SHORT_PLACEHOLDER_WORDS:
        if not lowered.startswith(word):
            continue
        head, rest = segment[:len(word)], segment[len(word):]
        if not (head.islower() or head.isupper() or head.istitle()):
            continue
        if (not rest or rest[0].isdigit() or lowered.startswith("key", len(word))
                or (head[-1].islower() and rest[0].isupper()) or (head.isupper() and rest[0].islower())):
            return True
    return False


def is_low_variety(body: str) -> bool:
    """Repeated or sequential characters: `aaaaaaaaaaaaaaaa`, `0123456789abcdef`, `abababab...`."""
    if len(set(body)) <= max(3, len(body) // 6):
        return True
    if body.isascii() and not _steps_in_a_row(body.encode("ascii"), 7):
        return False  # a run of eight in a row of SEQUENCES is seven steps up by one
    return any(gram in body for gram in _SEQUENCE_RUNS)


def _steps_in_a_row(codes: bytes, steps: int) -> bool:
    """Whether `codes` (each under 128) hold `steps` neighbours in a row that each go up by one,
    or each down by one: all the differences taken at once, as the bytes of one big number
    (each byte of `(next | 128) - this` is `next - this + 128`, with no borrow between them)."""
    if len(codes) <= steps:
        return False
    width = len(codes) - 1
    value = int.from_bytes(codes, "big")
    nexts = value & ((1 << 8 * width) - 1)
    differences = ((nexts | _HIGH_BITS[width]) - (value >> 8)).to_bytes(width, "big")
    return _UP * steps in differences or _DOWN * steps in differences


_UP, _DOWN = b"\x81", b"\x7f"


class _HighBits(dict):
    """width -> the number whose `width` bytes are each 128."""

    def __missing__(self, width: int) -> int:
        self[width] = found = int.from_bytes(b"\x80" * width, "big")
        return found


_HIGH_BITS = _HighBits()


# Eight characters in a row of the digits or the alphabet: a maximal ascending run of eight or
# more inside one of SEQUENCES holds one of these (substring tests run in C; one regex of them
# all is no faster: it tries each at every character).
_SEQUENCE_RUNS = tuple(sorted({seq[i:i + 8] for seq in SEQUENCES for i in range(len(seq) - 7)}))


def lacks_key_alphabet(body: str) -> bool:
    """Real keys mix letters and digits or cases; a body of one class is a word or a number.
    (A random 24-character base62 body lacks two of the three classes about 1 in 10^6 times.)"""
    classes = sum(p.search(body) is not None for p in _CLASSES)
    return classes < 2


_CLASSES = tuple(lazy_re.compile(p) for p in ("[a-z]", "[A-Z]", "[0-9]"))


def is_single_case(body: str) -> bool:
    """`kam_01HV5ZJ8Q3K4M6N7P8R9S0T1V2` (a ULID), `kam_ckl2x9v8w0000qzrmn1hdsa3b` (a cuid),
    `kam_request_id_20240101`: ids and names with letters of one case only. Keys are base62 and
    mix both: a random 24-character body lacks one case about 4 in 10^6 times."""
    return body == body.lower() or body == body.upper()


# Eight letters (case ignored) or digits in a row of the alphabet, the digits or a keyboard row,
# either way round. (Six, as before, occurred by chance in about 1 random key in 25,000.)
PATTERN_RUN = 8
_ORDERS = ("abcdefghijklmnopqrstuvwxyz", "qwertyuiopasdfghjklzxcvbnm", "01234567890")
_SEQUENCE_GRAMS = frozenset(
    order[i:i + PATTERN_RUN] for forward in _ORDERS for order in (forward, forward[::-1])
    for i in range(len(order) - PATTERN_RUN + 1)
)
# `string` is not imported for these: its Template class compiles a regex at import (~0.5 ms a run)
_DIGITS = str.maketrans("", "", "0123456789")
_LETTERS = str.maketrans("", "", _ORDERS[0])


def follows_a_pattern(body: str) -> bool:
    """`kam_Ab12Cd34Ef56Gh78Ij90Kl12`, `kam_1a2b3c4d5e6f7g8h9i0j`, `kam_q1w2e3r4t5y6u7i8o9p0`:
    made-up keys whose letters, read apart from the digits, or whose digits, read apart from the
    letters, run through the alphabet, the digits or a keyboard row for eight steps or more.
    A random 24-48 character base62 body does that about once in 10^7 times."""
    lowered = body.lower()
    if lowered.isascii():  # every key
        return _ascii_follows_a_pattern(lowered)
    letters, digits = lowered.translate(_DIGITS), lowered.translate(_LETTERS)
    for run in (letters, digits):
        if run is letters and run.isascii() and not (
                _steps_in_a_row(run.encode("ascii"), PATTERN_RUN - 1)
                or _steps_in_a_row(run.translate(_KEYBOARD_RANKS).encode("ascii"), PATTERN_RUN - 1)):
            continue  # eight letters in a row of the alphabet or the keyboard are seven steps by one
        if any(run[i:i + PATTERN_RUN] in _SEQUENCE_GRAMS for i in range(len(run) - PATTERN_RUN + 1)):
            return True
    return False


def _ascii_follows_a_pattern(lowered: str) -> bool:
    """`follows_a_pattern` of an ASCII body, lowered: bytes.translate deletes in C,
    str.translate looks up a dict a character."""
    raw = lowered.encode("ascii")
    letters_raw = raw.translate(None, _DIGIT_BYTES)
    # The letters and their keyboard ranks stepped through at once: a run met across the zero
    # byte between them is only a reason to read the grams, which decide.
    if _steps_in_a_row(letters_raw + b"\0" + letters_raw.translate(_KEYBOARD_RANK_BYTES), PATTERN_RUN - 1):
        letters = letters_raw.decode("ascii")
        if any(letters[i:i + PATTERN_RUN] in _SEQUENCE_GRAMS for i in range(len(letters) - PATTERN_RUN + 1)):
            return True
    digits = raw.translate(None, _LETTER_BYTES)
    if len(digits) < PATTERN_RUN:
        return False  # most keys: fewer than eight digits
    digits = digits.decode("ascii")
    return any(digits[i:i + PATTERN_RUN] in _SEQUENCE_GRAMS for i in range(len(digits) - PATTERN_RUN + 1))


# Each letter as its place in the keyboard's order (`p` then `a`: the rows follow each other).
_KEYBOARD_RANKS = str.maketrans({letter: chr(1 + i) for i, letter in enumerate(_ORDERS[1])})
# The same three tables for ASCII bytes.
_DIGIT_BYTES, _LETTER_BYTES = b"0123456789", _ORDERS[0].encode("ascii")
_KEYBOARD_RANK_BYTES = bytes.maketrans(_ORDERS[1].encode("ascii"), bytes(range(1, 1 + len(_ORDERS[1]))))


def is_hex_or_uuid(body: str) -> bool:
    """`kam_3f2a9c0d8e7b...` (a digest) or `kam_123e4567-e89b-...` (a UUID): an id or a hash
    named with a `kam_` prefix. Base62 keys use 62 symbols; a 16+ character body that keeps to
    one case of hex is that by chance about once in 10^9."""
    return _HEX.fullmatch(body) is not None or _UUID.fullmatch(body) is not None


PLACEHOLDER_PREDICATES = (
    is_too_short, is_identifier_like, has_placeholder_word, is_low_variety, lacks_key_alphabet,
    is_hex_or_uuid, is_word_identifier, is_single_case, follows_a_pattern,
)


def is_placeholder(body: str) -> bool:
    """Whether a body is anything but a random key, by the built-in predicates alone."""
    if body.isascii():
        return _ascii_placeholder(body)
    # a loop, not any() over a generator: 1.5 µs less a key
    for pred in PLACEHOLDER_PREDICATES:
        if pred(body):
            return True
    return False


def _ascii_placeholder(body: str) -> bool:
    """`is_placeholder` of an ASCII body (every key): the answer of all the predicates, each
    question asked once, with the work they share (the lowered body) done once, in 6 µs a key
    instead of 16 (a bundle's 14,643 keys each pass every test). What some predicates say of
    an ASCII body, others say too (tests/test_keys.py compares this with them all, in turn):

    - `is_single_case` says what `is_identifier_like` says (snake_case words of one case), what
      `lacks_key_alphabet` says (fewer than two of lowercase, uppercase and digits), and what
      the hex half of `is_hex_or_uuid` says (hex of one case);
    - `follows_a_pattern` says what the sequence half of `is_low_variety` says (eight in a row
      of the digits or of the alphabet in one case are eight of its letters or of its digits);
    - a body of only `x`s is at least 16 of them: `has_placeholder_word` finds `MASKED_RUN`."""
    if len(body) < MIN_BODY:  # is_too_short
        return True
    lowered = body.lower()
    if body == lowered or body == body.upper():  # is_single_case
        return True
    if len(body) == 36 and _UUID.fullmatch(body) is not None:  # is_hex_or_uuid: a UUID is 36 characters
        return True
    # has_placeholder_word
    if _LONG_PLACEHOLDER_WORD.search(lowered):
        return True
    if "_" in body or "-" in body or "." in body:
        if has_placeholder_word(body):  # its segments, one by one
            return True
    elif lowered.startswith(SHORT_PLACEHOLDER_WORDS) and _opens_with_word(body):
        return True
    # is_low_variety: a key's first characters alone are more than its few
    few = max(3, len(body) // 6)
    if len(set(body[:few + 8])) <= few and len(set(body)) <= few:
        return True
    return _ascii_follows_a_pattern(lowered) or is_word_identifier(body)

# `var kam_Zq8Rt5Lm2Nx7=...`, `kam_Zq8Rt5Lm2Nx7(...)`, `kam_Zq8Rt5Lm2Nx7 => ...`: a name being
# assigned, called or bound, not a value (a key is the value after the `=`, never before it).
# A `(` counts only right after the name: in prose `kam_... (prod)` the key is followed by a space.
_USED_AS_NAME = lazy_re.compile(r"\(|[ \t]*=(?!=)")


class KeyMatcher:
    """Finds real keys in text, rejecting placeholders (built-in and from config).

    Config `placeholders` are regexes searched in the whole key and in its body: a match in
    either makes the value a placeholder (`^kam_test_`, `FIXTURE`, `^0000`). They come from the
    repository under review, so they run on RE2, in linear time (`user_regex`). A pull request
    can write one for its own key, so `find` still yields what they match, and the scan reports
    it as suppressed by the pattern (`config_placeholder`); only built-in placeholders are
    never keys."""

    def __init__(self, extra_placeholders: Iterable[str] = ()) -> None:
        patterns = list(extra_placeholders)
        if patterns:
            from kaman_lint.user_regex import compile_linear

            self._extra = [(p, compile_linear(p)) for p in patterns]
        else:
            self._extra = []
        # body -> is_placeholder(body): the escape scan (`escapes.keys_in`) and the plain scan
        # ask about every key of a JavaScript file, the same bodies, 45 µs a question.
        self._placeholder_bodies = BoundedMemo(_PLACEHOLDER_MEMO)

    def is_placeholder(self, body: str) -> bool:
        if is_placeholder(body):
            return True
        return self._config_pattern(body) is not None

    def config_placeholder(self, key: Key) -> str | None:
        """The config `placeholders` pattern that makes `key` a placeholder, or None."""
        return self._config_pattern(key.body) if self._extra else None

    def _config_pattern(self, body: str) -> str | None:
        for source, pattern in self._extra:
            if pattern.search(body) or pattern.search(PREFIX + body):
                return source
        return None

    def find(self, text: str, *, names_are_keys: bool = False) -> Iterator[KeyMatch]:
        """Every real key in `text`, in order, then the base64-encoded ones. Masked forms
        (`kam_AbCd1234...`) and names (`kam_Zq8Rt5Lm2Nx7 = 1`) are skipped, except with
        `names_are_keys` for files that assign no code names (a `.env`: `kam_...=kam_...`)."""
        # A large ASCII text (a bundle) has its prefixes and markers found in its bytes, by an
        # automaton (anchored.occurrences): 20 MiB searched for `kam_` and the four markers by
        # `str.find` and `in` cost 400M instructions, by the automaton a tenth.
        data = text.encode("ascii") if len(text) >= LARGE_TEXT and text.isascii() else None
        for m in candidates(text) if data is None else _candidates_at(text, _occurrences(data, PREFIX)):
            if self._is_key(text, m, names_are_keys):
                yield KeyMatch(m.start(), m.end(), Key(m.group(0)))
        if (any(marker in text for marker in BASE64_MARKERS) if data is None
                else any(_occurrences(data, marker) for marker in BASE64_MARKERS)):
            yield from self._find_base64(text)

    def _is_key(self, text: str, m: re.Match[str], names_are_keys: bool = False) -> bool:
        return not (_is_masked(text, m) or not names_are_keys and _USED_AS_NAME.match(text, m.end())
                    or self._built_in_placeholder(m.group(1)))

    def _built_in_placeholder(self, body: str) -> bool:
        if len(body) > _MEMO_BODY:
            return is_placeholder(body)
        known = self._placeholder_bodies.get(body)
        return self._placeholder_bodies.put(body, is_placeholder(body)) if known is None else known

    def _find_base64(self, text: str) -> Iterator[KeyMatch]:
        """Keys inside base64 values: a Secret's `data:` value, a `.env` file stored base64, a
        Basic auth `user:key` pair. Reported at the start of the encoded value."""
        for start, end in base64_runs(text):
            decoded = _b64decode(text[start:end])
            if decoded is None or PREFIX not in decoded:
                continue
            for m in candidates(decoded):
                if self._is_key(decoded, m):
                    yield KeyMatch(start, end, Key(m.group(0)), encoding="base64")


_PLACEHOLDER_MEMO = 1 << 16  # bodies remembered, each at most _MEMO_BODY characters
_MEMO_BODY = 256


def _is_masked(text: str, m: re.Match[str]) -> bool:
    return len(m.group(1)) < SHORTEST_KEY_BODY and MASK_AFTER.match(text, m.end()) is not None


def base64_runs(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each run of base64 characters (plus `=` padding) that holds a marker,
    when it is long enough to hold a key and short enough to be a value rather than an
    embedded file. Each run is measured once, however many markers it holds, and the walk back
    costs what the run is long: linear in the text (a walk back from every marker of a long
    run took 42 s on 32 KiB)."""
    covered = -1
    for marker in _BASE64_MARKER.finditer(text):
        if marker.start() < covered:
            continue
        start = _run_start(text, marker.start())
        end = covered = _BASE64_RUN.match(text, marker.end()).end()
        if MIN_BASE64 <= end - start <= MAX_BASE64:
            yield start, end


def _run_start(text: str, point: int) -> int:
    """Where the run of base64 characters ending at `point` starts, looking back at most
    MAX_BASE64 + 1 characters (a longer run is too long either way). The look-back widens
    fourfold until the run's start is in it, so it costs the run's length, not the limit."""
    floor = max(0, point - MAX_BASE64 - 1)
    width = 64
    while True:
        low = max(floor, point - width)
        back = _BASE64_CHARS.match(text[low:point][::-1]).end()
        if back < point - low or low == floor:
            return point - back
        width *= 4


def candidates(text: str) -> Iterator[re.Match[str]]:
    """`CANDIDATE` matches, found by a plain substring search first: a regex whose first item is
    a lookbehind would be tried at every position (0.7 s on a 20 MiB bundle instead of 10 ms)."""
    position = text.find(PREFIX)
    while position >= 0:
        m = CANDIDATE.match(text, position)
        if m:
            yield m
            position = text.find(PREFIX, m.end())
        else:
            position = text.find(PREFIX, position + 1)


def _candidates_at(text: str, prefixes: list[int]) -> Iterator[re.Match[str]]:
    """`candidates(text)`, given where each `kam_` of the text starts (ascending): the same
    walk, each prefix tried unless inside the previous match."""
    end = 0
    match = CANDIDATE.match
    for position in prefixes:
        if position < end:
            continue
        m = match(text, position)
        if m:
            yield m
            end = m.end()


# A text this long and ASCII has its literals found in its bytes by an Aho-Corasick automaton
# (`lang.anchored`, SIMD, about 1 ms for 20 MiB), not by a `str.find` a time (a `://` in a 20 MiB
# bundle is 17 ms of finds; its 132,000 `authorization`s a Python step each). Here, not there:
# a short run imports this module, never that one.
LARGE_TEXT = 1 << 16


def _occurrences(data: bytes, literal: str) -> list[int]:
    from kaman_lint.lang.anchored import occurrences  # (here: a short run never needs it)

    return occurrences(data, literal)


def _b64decode(token: str) -> str | None:
    """The decoded text, or None if the token is not base64. Undecodable bytes (a binary blob, a
    Latin-1 file) become U+FFFD: a key is ASCII and survives."""
    padded = token.rstrip("=")
    padded += "=" * (-len(padded) % 4)
    import base64  # (here: few files hold a base64 run with a marker; a short run pays nothing)

    try:
        return base64.b64decode(padded, validate=True).decode("utf-8", errors="replace")
    except (binascii.Error, ValueError):
        return None


_M1, _M2, _M3, _M4 = PREFILTER  # named one by one for the test below


def might_contain_key(text: str) -> bool:
    """Whether `text` holds a key marker. Four `in` tests written out: this runs for every path,
    string token and comment, and `any()` over a generator costs 5-7x more on a short string."""
    return _M1 in text or _M2 in text or _M3 in text or _M4 in text
