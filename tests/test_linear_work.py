"""No input makes a step of the scan superlinear: for each analyzer and rule, hostile inputs of
size n, 2n and 4n, and the work (lines run, CPU time: see growth.py) must grow linearly.

Each case is a shape that was quadratic or worse once (the figure in its comment is the
before), or one an attacker would try next: many openers without closers, one key on every
line, markers dense in a long run, deep nesting, a line megabytes long.
"""

from __future__ import annotations

import pytest

from tests.fakekeys import make_key
from tests.growth import growth, scan_call

KEY = make_key(91)
OTHER = make_key(92)


def repeat(unit: str, size: int, head: str = "") -> str:
    return head + unit * max(1, (size - len(head)) // len(unit))


# (case id, file name, input of about `size` characters, n)
CASES = [
    # KAM003 grouping rebuilt a set over every occurrence per occurrence (20,000 lines: 86 s).
    ("one key on every line of a log", "access.log",
     lambda size: repeat(f'1.2.3.4 - - "GET /v2/search?q=x&key={KEY} HTTP/1.1" 200\n', size), 10_000),
    # ... and every production occurrence listed every development one (a report the square of
    # the file).
    ("one key on every line of both sides", "config/kaman.yaml",
     lambda size: "development:\n" + repeat(f"  api_key: {KEY}\n", size // 2)
     + "production:\n" + repeat(f"  api_key: {KEY}\n", size // 2), 5_000),
    ("one key on every line of a .env", ".env.production",
     lambda size: repeat(f"KAMAN_API_KEY={KEY}\n", size), 10_000),
]


@pytest.mark.parametrize("name,make,n", [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_work_grows_linearly(name, make, n) -> None:
    measured = growth(scan_call(name, make), n)
    assert measured.linear(), str(measured)
