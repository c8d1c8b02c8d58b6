"""Installed mobile apps (client-exposure.md §2.9): every line of an Expo or React Native app is
inside the package users install; Expo Router `+api` routes run on a server; Expo's `extra` is
shipped with the app."""

import re

from kaman_lint.exposure.frameworks import SERVER, convention

CONVENTIONS = (
    convention(r"(^|/)app/(.+/)?[^/]*\+api\.[jt]sx?$", SERVER, "an Expo Router API route"),
)
# (package framework, why its code ships): roles treat all of such a package's scripts as client.
INSTALLED_APPS = (
    ("expo", "code of an Expo app, shipped inside the app users install"),
    ("react-native", "code of a React Native app, shipped inside the app users install"),
)
CONFIG_BLOCKS = (
    (re.compile(r"\bextra\s*:"), "Expo app config `extra` (shipped inside the app)", "app"),
)
