import base64
import pickle

import pytest

from fakekeys import fp, make_key
from kaman_lint.keys import Key, KeyMatcher, fingerprint, preview, redact

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
    assert found(key, custom) == []


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


def test_candidate_search_is_linear_on_a_huge_line():
    import time

    text = "x" * 20_000_000 + " " + make_key(11)
    start = time.perf_counter()
    assert len(found(text)) == 1
    assert time.perf_counter() - start < 1.0
