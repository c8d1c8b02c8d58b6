"""Vue single-file components (client-exposure.md §2.4): compiled into the client bundle."""

from kaman_lint.exposure.frameworks import CLIENT, convention

CONVENTIONS = (
    convention(r"\.vue$", CLIENT, "UI component compiled into the client bundle"),
)
