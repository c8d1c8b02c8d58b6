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
