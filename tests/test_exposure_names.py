"""exposure.names: the one "mentions Kaman" test and the key-variable name test every analyzer uses."""

from __future__ import annotations

import pytest

from kaman_lint.exposure.names import is_kaman_key_name, mentions_kaman


@pytest.mark.parametrize("text, expected", [
    ("KAMAN_API_KEY", True), ("kamanApiKey", True), ("const k = KaMaN.key", True),
    ("kam_", False), ("karma", False), ("", False),
])
def test_mentions_kaman_in_any_case(text, expected):
    assert mentions_kaman(text) is expected


@pytest.mark.parametrize("name, expected", [
    ("KAMAN_API_KEY", True), ("NEXT_PUBLIC_KAMAN_KEY", True), ("kamanToken", True), ("kaman-secret", True),
    ("KAMAN_URL", False), ("API_KEY", False), (None, False),
])
def test_kaman_key_names(name, expected):
    assert is_kaman_key_name(name) is expected


def test_bundler_name_strings_use_the_same_spelling_test():
    from kaman_lint.exposure.flows.bundlers import NAME_STRING

    assert NAME_STRING.findall("""new EnvironmentPlugin(['KaMaN_API_KEY', "kamanToken", 'OTHER'])""") == [
        "KaMaN_API_KEY", "kamanToken"]


@pytest.mark.parametrize("name", ["NEXT_PUBLIC_KAMAN_API_URL", "VITE_KAMAN_API_BASE", "kamanApiUrl",
                                  "KAMAN_KEY_ID", "KAMAN_API_VERSION", "NUXT_PUBLIC_KAMAN_HOST"])
def test_names_of_things_beside_the_key_are_not_key_names(name):
    assert not is_kaman_key_name(name)


@pytest.mark.parametrize("name", ["NEXT_PUBLIC_KAMAN_API_KEY", "KAMAN_API", "kamanToken", "kaman.api_key"])
def test_key_names_stay_key_names(name):
    assert is_kaman_key_name(name)
