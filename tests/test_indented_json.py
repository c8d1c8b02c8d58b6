"""indented_json writes the very bytes json.dumps(ensure_ascii=False, indent=n) does, and leaves
what it does not encode exactly to json.dumps."""

from __future__ import annotations

import enum
import json

import pytest

from kaman_lint import indented_json, printable

DOCUMENTS = [
    {},
    [],
    "",
    0,
    {"a": {}, "b": [], "c": [[], {}], "d": [{"e": [1, [2, [3]]]}]},
    {"text": 'quote " backslash \\ tab \t newline \n nul \x00 del \x7f é ☃ \u2028 \U0001f600'},
    {"ints": [0, -1, 2**70, True, False, None], "floats": [0.5, -1e-300, 1e300, 3.0]},
    {"tuple": (1, "two", (3,)), "unicode key ☃": "v", "": ""},
    {"t": True, "f": False, "n": None, "big": 2**70, "neg": -1, "s": "é\n", "x": 0.5},  # values written in place
    [{"ruleId": "KAM004", "ruleIndex": 3, "level": "error", "message": {"text": "m"},
      "locations": [{"physicalLocation": {"artifactLocation": {"uri": "app.min.js", "uriBaseId": "%SRCROOT%"},
                                          "region": {"startLine": 1, "startColumn": 70}}}]}],
]


@pytest.mark.parametrize("indent", [0, 1, 2, 4])
@pytest.mark.parametrize("document", DOCUMENTS)
def test_the_same_text_as_json_dumps(document, indent: int) -> None:
    assert indented_json.dumps(document, indent) == json.dumps(document, ensure_ascii=False, indent=indent)


class Colour(str, enum.Enum):
    RED = "red"


class Rank(enum.IntEnum):
    HIGH = 3


@pytest.mark.parametrize("document", [
    {"level": Colour.RED},  # a str subclass
    {"rank": Rank.HIGH},  # an int subclass
    {1: "non-string key"},
    {"nan": float("nan")},
    {"inf": [float("inf")]},
    {"set": {1}},
])
def test_what_it_does_not_encode_is_left_to_json_dumps(document) -> None:
    assert indented_json.dumps(document, 2) is None
    if not isinstance(document.get("set"), set):
        assert printable.dumps(document, indent=2) == json.dumps(document, ensure_ascii=False, indent=2)


def test_undecodable_bytes_of_names_are_still_spelled_out() -> None:
    name = b"x\xff.py".decode("utf-8", "surrogateescape")
    assert printable.dumps({"path": name}, indent=2) == '{\n  "path": "x\\\\xff.py"\n}'


@pytest.mark.parametrize("sources", [[], [1], list(range(5000))])  # 5000: past a chunk of pieces
def test_a_lazy_array_is_written_as_the_list_it_makes(sources) -> None:
    make = lambda n: {"n": n, "items": [str(n), {"empty": []}]}  # noqa: E731
    document = {"results": indented_json.LazyArray(sources, make), "after": {}}
    expected = json.dumps({"results": [make(n) for n in sources], "after": {}}, ensure_ascii=False, indent=2)
    assert indented_json.dumps(document, 2) == expected
    assert printable.dumps(document, indent=2) == expected


def test_a_lazy_array_json_dumps_must_write_is_made_again() -> None:
    document = [indented_json.LazyArray([1, 2], lambda n: {"level": Colour.RED, "n": n})]
    assert indented_json.dumps(document, 2) is None
    expected = json.dumps([[{"level": Colour.RED, "n": 1}, {"level": Colour.RED, "n": 2}]], ensure_ascii=False, indent=2)
    assert printable.dumps(document, indent=2) == expected


def test_a_report_in_chunks_is_the_report() -> None:
    name = b"x\xff.py".decode("utf-8", "surrogateescape")
    document = {"results": indented_json.LazyArray(list(range(3000)), lambda n: {"path": name, "n": n})}
    chunks = printable.dump_chunks(document, indent=2)
    assert len(chunks) > 1  # long enough to be written in several
    assert "".join(chunks) == printable.dumps(document, indent=2)
    assert "".join(chunks) == json.dumps({"results": [{"path": "x\\xff.py", "n": n} for n in range(3000)]},
                                         ensure_ascii=False, indent=2)


def test_a_rendered_item_is_its_own_text_or_the_value_it_makes() -> None:
    written = lambda newline, step, n: None if n % 2 else f'{{{newline}{step}"n": {n}{newline}}}'  # noqa: E731
    make = lambda n: {"n": n}  # noqa: E731
    items = indented_json.LazyArray(list(range(4)), lambda n: indented_json.Rendered(written, make, (n,)))
    expected = json.dumps({"results": [make(n) for n in range(4)]}, ensure_ascii=False, indent=3)
    assert indented_json.dumps({"results": items}, 3) == expected
    # json.dumps (the fallback for a type the walk leaves to it) writes the values they make
    document = {"results": items, "level": Colour.RED}
    assert printable.dumps(document, indent=3) == json.dumps(
        {"results": [make(n) for n in range(4)], "level": Colour.RED}, ensure_ascii=False, indent=3)
