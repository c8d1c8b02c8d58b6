import base64
import pickle

import pytest

from fakekeys import fp, make_key
from kaman_lint.keys import BASE64_MARKERS, Key, KeyMatcher, fingerprint, preview, redact, safe_text

matcher = KeyMatcher()


def found(text: str, m: KeyMatcher = matcher) -> list[str]:
    return [match.key.fingerprint for match in m.find(text)]


@pytest.mark.parametrize("template", [
    'API_KEY = "{k}"', "api_key: {k}", "KEY={k} # comment", "`Bearer {k}`", "<meta content='{k}'>",
    "url?key={k}&x=1", "{k}", '"text": "line\\n{k}\\n"',
])
def test_real_keys_are_found(template):
    key = make_key(1)
    assert found(template.format(k=key)) == [fp(key)]


@pytest.mark.parametrize("text", [
    "kam_your_api_key", "kam_your_api_key_here", "kam_abc123xyz...", "kam_abc123xyz", "kam_xxx",
    "kam_xxxxxxxxxxxxxxxxxxxxxxxx", "kam_<YOUR_KEY>", "kam_${KAMAN_KEY}", "kam_{{ key }}",
    "kam_REPLACE_ME", "kam_changeme", "kam_test", "kam_example_key_1234567890",
    "kam_sample0123ABCDEFGHxyz", "kam_dummyKey1234567890ab", "kam_FAKEkey1234567890abcd",
    "kam_client", "import kam_utils", "kam_request_handler_factory", 'slug = "kam_"',
    "kam_aaaaaaaaaaaaaaaaaaaaaaaa", "kam_0123456789abcdefghij", "kam_abababababababababab",
    "kam_1234567890123456", "kam_Ab12", "my_kam_Zq8Rt5Lm2Nx7Pw4Kd9Fh", "xkam_Zq8Rt5Lm2Nx7Pw4Kd9Fh",
])
def test_placeholders_and_identifiers_are_not_keys(text):
    assert found(text) == []


def test_masked_forms_are_not_keys():
    key = make_key(2)
    assert found(key[:16] + "...") == []
    assert found(key[:20] + "…") == []
    assert found(key[:20] + "****") == []


def test_config_placeholders_extend_the_builtin_ones():
    key = make_key(3)
    custom = KeyMatcher([r"^kam_" + key[4:10]])
    assert found(key) == [fp(key)]
    assert matcher.config_placeholder(Key(key)) is None
    assert custom.config_placeholder(Key(key)) == r"^kam_" + key[4:10]  # reported as suppressed by it


def test_base64_encoded_key_is_found_and_fingerprinted_as_the_key():
    key = make_key(4)
    encoded = base64.b64encode(key.encode()).decode()
    matches = list(matcher.find(f"  KAMAN_API_KEY: {encoded}\n"))
    assert [m.key.fingerprint for m in matches] == [fp(key)]
    assert matches[0].encoding == "base64"


def test_base64_of_a_placeholder_is_not_a_key():
    encoded = base64.b64encode(b"kam_your_api_key_here").decode()
    assert found(encoded) == []


def test_preview_and_fingerprint_never_hold_the_key():
    key = make_key(5)
    assert preview(key) == key[:8] + "…"
    assert key[4:] not in fingerprint(key)
    assert fingerprint(key) == fingerprint(key) and fingerprint(key) != fingerprint(make_key(6))


def test_key_text_forms_are_redacted_and_it_cannot_be_pickled():
    key = make_key(7)
    k = Key(key)
    assert key not in repr(k) and key not in str(k) and key not in f"{k}"
    with pytest.raises(TypeError):
        pickle.dumps(k)


def test_redact_hides_keys_in_free_text():
    key = make_key(8)
    out = redact(f"error near {key} in file")
    assert key not in out and preview(key) in out


# --- boundaries and the placeholder predicates, one at a time --------------------------------

from kaman_lint import keys as keys_module  # noqa: E402


@pytest.mark.parametrize("template", [
    '"a\\u000a{k}"', '"a\\x0a{k}"', "q=a%3D{k}&x=1", '"\\t{k}"', "({k})", "'{k}'",
])
def test_key_after_an_escape_or_url_encoding_is_found(template):
    key = make_key(9)
    assert found(template.format(k=key)) == [fp(key)]


@pytest.mark.parametrize("predicate, body", [
    ("is_too_short", "Ab12Cd34Ef"),
    ("is_identifier_like", "request_handler_factory"),
    ("is_word_identifier", "getUserAccountSettings2"),
    ("is_word_identifier", "2023_report_final"),
    ("is_word_identifier", "HTTPClientFactory"),
    ("has_placeholder_word", "your_api_key_here"),
    ("has_placeholder_word", "Zq8Rt5EXAMPLEm2Nx7Pw4"),
    ("is_low_variety", "abababababababababab"),
    ("is_low_variety", "Q0123456789abcdefXYZ"),
    ("lacks_key_alphabet", "zqrtlmnxpwkdfhjvbc"),
    ("is_hex_or_uuid", "3f2a9c0d8e7b6a5f4e3d2c1b0a9f8e7d"),
    ("is_hex_or_uuid", "123e4567-e89b-12d3-a456-426614174000"),
])
def test_each_predicate_catches_its_kind_of_non_key(predicate, body):
    assert getattr(keys_module, predicate)(body)
    assert matcher.is_placeholder(body)


def test_random_base62_bodies_are_almost_never_placeholders():
    bodies = [make_key(seed, length)[4:] for seed in range(2000) for length in (24, 32, 48)]
    rejected = [b for b in bodies if matcher.is_placeholder(b)]
    assert len(rejected) <= len(bodies) // 500  # well under 0.2% false negatives


def test_keys_with_dashes_or_underscores_are_still_keys():
    key = make_key(10)
    dashed = key[:20] + "-" + key[20:]
    assert found(f"K={dashed}") == [fp(dashed)]


def test_a_key_after_a_huge_line_of_text_is_found():
    # 20 MB without `kam_` first: the search jumps to each `kam_` by substring search (speed is
    # measured with the project's benchmark, not asserted here).
    text = "x" * 20_000_000 + " " + make_key(11)
    assert len(found(text)) == 1


# --- round 2: shapes met in other projects ---------------------------------------------------

def test_key_right_after_an_ansi_colour_code_is_found():
    key = make_key(20)
    for text in (f"\x1b[1;33m{key}\x1b[0m", f'"\\u001b[38;5;124m{key}\\u001b[39m"', f"\x1b[0m{key}"):
        assert found(text) == [fp(key)]
    assert found(f"xm{key}") == []  # an ordinary identifier character still glues


@pytest.mark.parametrize("wrap", [
    "{k}\n",                       # `echo kam_... | base64`: the newline is encoded too
    "KAMAN_API_KEY={k}\nDEBUG=0\n",  # a .env file stored as one base64 value (key at offset 2 mod 3)
    "K={k}\n",                     # key at offset 2
    "KEY={k}\n",                   # key at offset 1 mod 3
    "apikey:{k}",                  # the user:password of a Basic auth header
])
def test_key_anywhere_inside_a_base64_value_is_found_at_the_value(wrap):
    key = make_key(21)
    encoded = base64.b64encode(wrap.format(k=key).encode()).decode()
    text = f"  value: {encoded}\n"
    matches = list(matcher.find(text))
    assert [(m.key.fingerprint, m.start, m.end, m.encoding) for m in matches] == [
        (fp(key), 9, 9 + len(encoded), "base64")]


def test_base64_that_decodes_to_prose_a_placeholder_or_a_blob_is_no_key():
    encoded = [base64.b64encode(s.encode()).decode() for s in (
        "kaman settings live in the vault", "KAMAN_API_KEY=kam_your_api_key_here\n")]
    assert found(" ".join(encoded)) == []
    blob = base64.b64encode(b"\x00" * 20000 + make_key(22).encode()).decode()  # an embedded file
    assert found(f"data:image/png;base64,{blob}") == []
    assert found("sha512-a2FtXzBhc2RmZ2hqa2xxd2VydHl1aW9wMTIzNDU2Nzg5MA+XYZ/0123456789ab==") == []


def test_a_base64_run_is_measured_once_however_many_markers_it_holds():
    # A run longer than the limit (an embedded file) holding a marker every 50 characters:
    # each marker walked the run back to the limit again (32 KiB: 42 s).
    from tests.growth import lines_run

    run = (base64.b64encode(f"{make_key(24)}\n".encode() * 3).decode() * 500)[:40_000]
    markers = sum(run.count(m) for m in BASE64_MARKERS)
    assert markers > 500
    assert found(f"data: {run}\n") == []  # too long to be a value
    assert lines_run(lambda: found(f"data: {run}\n")) <= 8 * markers  # a few steps each
    assert lines_run(lambda: safe_text(f"data: {run}\n")) <= 8 * markers  # redaction too


def test_a_kam_name_being_assigned_or_called_is_no_key_but_a_value_after_equals_is():
    body = make_key(23)[4:]
    for text in (f"var kam_{body}=function(){{}}", f"kam_{body}(1)", f"kam_{body} = 2", f"f(kam_{body}=>1)"):
        assert found(text) == []
    assert found(f"K=kam_{body}") == [fp("kam_" + body)]
    assert found(f"| prod | kam_{body} (rotated monthly) |") == [fp("kam_" + body)]
    assert found(f'if k == "kam_{body}":') == [fp("kam_" + body)]


@pytest.mark.parametrize("predicate, body", [
    ("is_single_case", "01HV5ZJ8Q3K4M6N7P8R9S0T1V2"),   # ULID
    ("is_single_case", "ckl2x9v8w0000qzrmn1hdsa3b"),    # cuid
    ("is_single_case", "request_id_20240101"),
    ("follows_a_pattern", "Ab12Cd34Ef56Gh78Ij90Kl12"),
    ("follows_a_pattern", "1a2b3c4d5e6f7g8h9i0j1k2l"),
    ("follows_a_pattern", "q1w2e3r4t5y6u7i8o9p0asdfgh"),
    ("follows_a_pattern", "ZyXwVuTs9r8Q7p6O5n4M3l2K"),
    ("is_word_identifier", "fetchUserProfileV2Handler"),
    ("is_word_identifier", "s3BucketUploader"),
    ("is_word_identifier", "oauth2TokenRefresher"),
])
def test_round_two_predicates_catch_their_kind_of_non_key(predicate, body):
    assert getattr(keys_module, predicate)(body)
    assert matcher.is_placeholder(body)


@pytest.mark.parametrize("length, budget", [(24, 0.001), (32, 0.001), (48, 0.002)])
def test_uniformly_random_base62_bodies_are_rarely_placeholders(length, budget):
    """Bodies drawn without forcing every character class, as a key generator would."""
    import random
    import string

    rng = random.Random(length)
    alphabet = string.ascii_letters + string.digits
    bodies = ["".join(rng.choice(alphabet) for _ in range(length)) for _ in range(20000)]
    assert sum(map(matcher.is_placeholder, bodies)) <= budget * len(bodies)


def test_a_preview_is_left_as_redaction_would_leave_it():
    """`safe_text` returns a preview (`kam_AbCd…`) without the redaction walk: the same text the
    walk gives, for every body a preview can show (a second prefix, a base64-looking piece)."""
    import itertools
    import random

    from kaman_lint import keys

    rng = random.Random("previews")
    alphabet = "AaBbKkMm019_-"
    bodies = ["", "kam_", "a2Ft", "thbV", "rYW1", "____", "----"]
    bodies += ["".join(p) for n in range(1, 3) for p in itertools.product(alphabet, repeat=n)]
    bodies += ["".join(rng.choice(alphabet + "XYZxyz2345") for _ in range(4)) for _ in range(2000)]
    for body in bodies:
        preview = keys.preview(keys.PREFIX + body + "Zq8Rt5Lm2Nx7Wp4Vb6Yc3Hd")
        assert keys.safe_text(preview) == keys._safe_text(preview) == preview, preview


def test_a_text_quoting_previews_is_redacted_as_the_walk_redacts_it():
    """`safe_text` redacts the text on each side of a preview alone (each finding's message
    quotes one, and the rest of the message is the rule's own words): the same text the walk
    over the whole gives, whatever stands beside the preview (a key, its base64, an escape, a
    glued name, base64 or key characters, another preview)."""
    import random

    from kaman_lint import keys

    rng = random.Random("quoted previews")
    key = make_key(7)
    b64 = base64.b64encode(f"user:{key}".encode()).decode()
    pieces = [key, key[:20], key[4:], b64, b64[:12], "kam_", "kam_api_key", "Authorization", " ", "`", "=", "+",
              "/", "_", "-", "x", "\\n", "\\u000a", "%3D", "\x1b[31m", "[1;2", "…", "...", ": ", "a2FtX", "thbV8"]
    previews = [preview("kam_" + body + "Zq8Rt5Lm2Nx7Wp4Vb6Yc3Hd") for body in ("", "Ab", "AbCd", "a2Ft", "kam_", "_-")]
    for i in range(4000):
        text = "".join(rng.choice(previews) if rng.random() < 0.3 else rng.choice(pieces)
                       for _ in range(rng.randint(1, 8)))
        same = safe_text(text) == keys._safe_text(text)  # compared apart: a failure prints no key
        assert same, i


# The placeholder predicates as first written (a test per character, a substring test per word):
# the searches that replaced them must answer alike.
def _plain_identifier_like(body):
    import re
    return bool(re.fullmatch(r"[a-z]+(?:_[a-z]+)*", body)) or re.fullmatch(r"[A-Z]+(?:_[A-Z]+)*", body) is not None


def _plain_placeholder_word(body):
    from kaman_lint import keys

    lowered = body.lower()
    if any(w in lowered for w in keys.PLACEHOLDER_WORDS) or keys.MASKED_RUN in lowered:
        return True
    segments = [s for s in keys._SEGMENTS.split(body) if s]
    return any(set(s.lower()) == {"x"} or any(
        s.lower().startswith(w) and _plain_opens(s, w) for w in keys.SHORT_PLACEHOLDER_WORDS) for s in segments)


def _plain_opens(segment, word):
    head, rest = segment[:len(word)], segment[len(word):]
    if not (head.islower() or head.isupper() or head.istitle()):
        return False
    return (not rest or rest[0].isdigit() or segment.lower().startswith("key", len(word))
            or (head[-1].islower() and rest[0].isupper()) or (head.isupper() and rest[0].islower()))


def _plain_low_variety(body):
    from kaman_lint import keys

    return len(set(body)) <= max(3, len(body) // 6) or any(gram in body for gram in keys._SEQUENCE_RUNS)


def _plain_lacks_alphabet(body):
    import re
    return sum(bool(re.search(p, body)) for p in ("[a-z]", "[A-Z]", "[0-9]")) < 2


def _plain_pattern(body):
    from kaman_lint import keys

    lowered = body.lower()
    runs = (lowered.translate(keys._DIGITS), lowered.translate(keys._LETTERS))
    return any(run[i:i + 8] in keys._SEQUENCE_GRAMS for run in runs for i in range(len(run) - 7))


def _plain_word_identifier(body):
    from kaman_lint import keys

    words = keys._WORD.findall(body)
    if len(words) < 2:
        return False
    numbers = [w for w in words if w.isdigit()]
    if len(numbers) > 2 or any(len(n) > 4 for n in numbers):
        return False
    letters = [w for w in words if not w.isdigit()]
    acronyms = [w for w in letters if w.isupper() and len(w) > 1]
    spelled = [w for w in letters if len(w) > 1 and w not in acronyms]
    if len(letters) - len(spelled) - len(acronyms) > len(numbers):
        return False
    return (len(spelled) >= 2 and len(acronyms) <= 1 and all(len(w) <= 5 for w in acronyms)
            and sum(map(len, spelled)) >= 4 * len(spelled)
            and all(keys._pronounceable(w) for w in spelled) and keys._letters_only_by_numbers(words))


def test_the_placeholder_predicates_answer_as_their_plain_reading():
    import random

    from kaman_lint import keys

    rng = random.Random("placeholder predicates")
    alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
    words = ["test", "Test", "TEST", "fake", "demo", "dummy", "your", "key", "Key", "x", "X", "xxxxxx", "example",
             "apikey", "abcdefgh", "ABCDEFGHIJ", "01234567", "qwertyui", "zyxwvuts", "_", "-", ".", "__", "1", "a",
             "poiuytre", "uiopasdf", "LKJHGFDS", "34567890", "9876543", "ihgfedc", "bcdefgh", "get", "User", "Account",
             "Settings", "HTTP", "2023", "V2", "s3", "é", "١٢"]
    bodies = ["", "x", "xxxx", "X_x", "abc_def", "ABC_DEF", "abc_DEF", "_abc", "abc_", "test", "testKey", "TESTkey"]
    for _ in range(12000):
        bodies.append("".join(rng.choice(words) if rng.random() < 0.25 else rng.choice(alphabet)
                              for _ in range(rng.randint(1, 40))))
    pairs = ((keys.is_identifier_like, _plain_identifier_like), (keys.has_placeholder_word, _plain_placeholder_word),
             (keys.is_low_variety, _plain_low_variety), (keys.lacks_key_alphabet, _plain_lacks_alphabet),
             (keys.follows_a_pattern, _plain_pattern), (keys.is_word_identifier, _plain_word_identifier))
    for fast, plain in pairs:
        answers = [fast(body) for body in bodies]
        assert answers == [plain(body) for body in bodies], fast.__name__
        assert any(answers) and not all(answers), fast.__name__  # the bodies ask both ways


def test_is_placeholder_answers_as_every_predicate_asked_in_turn():
    # is_placeholder leaves out lacks_key_alphabet for ASCII bodies (is_single_case says it then)
    import random
    import uuid

    from kaman_lint import keys

    rng = random.Random("is_placeholder as its predicates")
    pieces = list("abcxyzABCXYZ0189_-é") + ["١٢", "Test", "12345", "qwertyui", "ÄÖ"]
    bodies = ["".join(rng.choice(pieces) for _ in range(rng.randint(0, 30))) for _ in range(20000)]
    # key-like bodies with something a predicate looks for put in: a word, a sequence, a run of
    # few characters, a UUID, a second segment (the ASCII path asks each of them its own way)
    alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
    inserts = ["", "", "test", "Test", "TESTkey", "demo1", "xxxxxx", "xXxXxX", "example", "API_KEY", "abcdefgh",
               "ABCDEFGH", "12345678", "34567890", "qwertyui", "LKJHGFDS", "_", "-", ".", "_fake", "-Mock2",
               "getUserAccount", "aaaaaaaaaaaaaaaaaa", "ababababababababab", "é"]
    for _ in range(20000):
        body = "".join(rng.choice(alphabet) for _ in range(rng.randint(12, 48)))
        insert, at = rng.choice(inserts), rng.randint(0, len(body))
        bodies.append(body[:at] + insert + body[at:])
    for _ in range(500):
        bodies.append("".join(c.upper() if rng.random() < 0.5 else c for c in str(uuid.UUID(int=rng.getrandbits(128))))
                      if rng.random() < 0.5 else "".join(rng.choice("aB3") for _ in range(rng.randint(14, 40))))
    answers = [keys.is_placeholder(body) for body in bodies]
    assert answers == [any(pred(body) for pred in keys.PLACEHOLDER_PREDICATES) for body in bodies]
    assert 0.2 < sum(answers) / len(answers) < 0.8  # the bodies ask both ways
    lacking = [body for body in bodies if keys.lacks_key_alphabet(body) and not keys.is_single_case(body)]
    assert lacking and not any(body.isascii() for body in lacking)  # what the shortcut relies on


@pytest.mark.parametrize("template", [
    "kam_api_key{body}", "kam_api_key_{body}", "KAMAN_API_KEY{body}", "my_secret-{body}",
    "kam_your_api_key_here_{body}", "example_{body}", "{body}_placeholder",
])
def test_a_key_body_glued_to_a_placeholder_word_is_not_printed(template):
    """A placeholder word explains itself, not the key-length run beside it: a random body
    glued to `api_key` or `secret` is still a piece of a key, and safe_text must cut it."""
    body = make_key(9100 + len(template))[4:]
    out = safe_text("found " + template.format(body=body) + " here")
    halves = (body[:QUOTED_HALF], body[QUOTED_HALF:])
    assert sum(piece in out for piece in halves) == 0  # counted, so a failure prints no key


@pytest.mark.parametrize("name", [
    "kam_api_key", "NEXT_PUBLIC_KAMAN_API_KEY", "your_api_key_here", "getServerSideProps",
    "kam_live_xxxxxxxxxxxx", "sha256_" + "0123456789abcdef" * 4, "example_request_handler_factory",
])
def test_names_holding_placeholder_words_still_print_whole(name):
    assert safe_text(f"use {name} here") == f"use {name} here"


QUOTED_HALF = 16


def test_a_large_ascii_text_has_the_keys_a_short_walk_finds(monkeypatch):
    # past keys.LARGE_TEXT, `find` reads the prefixes and base64 markers from an automaton over
    # the text's bytes: the same matches as the `str.find` walk, in the same order
    from kaman_lint import keys as keys_module

    pieces = [f'a="{make_key(1)}";', f"kam_kam_{make_key(2)[4:]};", f"var {make_key(3)}=1;", "kam_;kam_x;",
              f"{make_key(4)[:12]}...;", f"s='{base64.b64encode(make_key(5).encode()).decode()}';", "kam_"]
    text = "x" * keys_module.LARGE_TEXT + "".join(pieces) + "y;" * 10 + make_key(6)
    matcher = keys_module.KeyMatcher()
    large = [(m.start, m.end, m.encoding, m.key.fingerprint) for m in matcher.find(text)]
    monkeypatch.setattr(keys_module, "LARGE_TEXT", len(text) + 1)
    walked = [(m.start, m.end, m.encoding, m.key.fingerprint) for m in keys_module.KeyMatcher().find(text)]
    assert large == walked
    assert {f for *_, f in large} >= {fp(make_key(1)), fp(make_key(5)), fp(make_key(6))}
