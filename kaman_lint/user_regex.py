"""Regular expressions that come from the repository under review (`placeholders` in its
config), compiled with RE2, which matches in time linear in the text whatever the pattern.

Python's `re` backtracks: `^(\\w+)+#` from a pull request's config would hang the gate on the
first key-shaped string. RE2 has no backreferences or lookarounds, the constructs that need
backtracking; a pattern using them is refused (exit 2) with a message that says why, rather
than run unsafely.
"""

from __future__ import annotations

TYPE_CHECKING = False  # typing.TYPE_CHECKING: typing is not imported at run time
if TYPE_CHECKING:
    from typing import Protocol

    class Pattern(Protocol):
        def search(self, text: str): ...


class UnsafePattern(ValueError):
    """A pattern RE2 does not accept: backtracking-only syntax, or not a regex at all."""


def compile_linear(pattern: str) -> Pattern:
    """`pattern` compiled for linear-time matching, or UnsafePattern."""
    import re2  # imported only when a config has patterns

    options = re2.Options()
    options.log_errors = False  # the error is ours to report, once, without RE2's log line
    try:
        return re2.compile(pattern, options)
    except re2.error as err:
        reason = err.args[0].decode("utf-8", "replace") if err.args and isinstance(err.args[0], bytes) else str(err)
        raise UnsafePattern(
            f"{reason} (patterns are matched with RE2, in linear time: lookarounds and "
            "backreferences are not supported)") from err
