"""Every finding carries its span (issue 8 item 8): `end_line`/`end_column` in JSON, `endLine`/
`endColumn` in SARIF, end column exclusive (SARIF's convention): the key's own span, or the
expression that exposes it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from kaman_lint.cli import main
from tests.fakekeys import fp, make_key
from tests.tree import write

KEY, SPLIT, SHARED = make_key(401), make_key(402), make_key(403)
DEVSET = Path(__file__).resolve().parents[1].parent / "shared" / "eval" / "devset"
if not DEVSET.is_dir():
    DEVSET = Path("/work/shared/eval/devset")


def scan(root: Path, fmt: str = "json") -> dict:
    result = CliRunner().invoke(main, ["scan", str(root), "--format", fmt, "--exit-zero"])
    return json.loads(result.stdout)


def by_rule_and_key(doc: dict) -> dict[tuple[str, str], dict]:
    return {(f["rule_id"], f["fingerprint"]): f for f in doc["findings"]}


def test_a_key_literal_spans_the_key(tmp_path: Path) -> None:
    write(tmp_path, {"app.py": f'A = "{KEY}"\n'})
    finding = by_rule_and_key(scan(tmp_path))[("KAM001", fp(KEY))]
    assert (finding["line"], finding["column"]) == (1, 6)
    assert (finding["end_line"], finding["end_column"]) == (1, 6 + len(KEY))


def test_a_key_split_over_two_lines_ends_in_the_second_piece(tmp_path: Path) -> None:
    write(tmp_path, {"app.py": f'B = ("{SPLIT[:20]}"\n     "{SPLIT[20:]}")\n'})
    finding = by_rule_and_key(scan(tmp_path))[("KAM001", fp(SPLIT))]
    assert (finding["line"], finding["column"], finding["end_line"], finding["end_column"]) == (
        1, 7, 2, 7 + len(SPLIT) - 20)


def test_related_locations_carry_their_spans_too(tmp_path: Path) -> None:
    write(tmp_path, {".env.development": f"KAMAN_API_KEY={SHARED}\n",
                     ".env.production": f"KAMAN_API_KEY={SHARED}\n"})
    finding = by_rule_and_key(scan(tmp_path))[("KAM003", fp(SHARED))]
    assert (finding["end_line"], finding["end_column"]) == (1, 15 + len(SHARED))
    [related] = finding["related"]
    assert (related["line"], related["column"], related["end_line"], related["end_column"]) == (
        1, 15, 1, 15 + len(SHARED))


def test_an_exposing_expression_is_spanned_whole(tmp_path: Path) -> None:
    write(tmp_path, {"package.json": '{"dependencies": {"next": "14.0.0"}}\n',
                     "app/page.tsx": '"use client";\nconst k = process.env.NEXT_PUBLIC_KAMAN_KEY;\n'})
    [finding] = [f for f in scan(tmp_path)["findings"] if f["rule_id"] == "KAM002"]
    expression = "process.env.NEXT_PUBLIC_KAMAN_KEY"
    assert (finding["line"], finding["column"]) == (2, 11)
    assert (finding["end_line"], finding["end_column"]) == (2, 11 + len(expression))


def test_sarif_regions_have_end_line_and_end_column(tmp_path: Path) -> None:
    write(tmp_path, {"app.py": f'A = "{KEY}"\n'})
    [result] = [r for r in scan(tmp_path, "sarif")["runs"][0]["results"] if r["ruleId"] == "KAM001"]
    region = result["locations"][0]["physicalLocation"]["region"]
    assert region == {"startLine": 1, "startColumn": 6, "endLine": 1, "endColumn": 6 + len(KEY)}


@pytest.mark.skipif(not DEVSET.is_dir(), reason="the dev set is absent")
def test_every_finding_of_the_dev_set_has_a_span_that_ends_after_it_starts() -> None:
    findings = scan(DEVSET)["findings"]
    assert len(findings) > 50
    for f in findings:
        for place in [f, *f["related"]]:
            assert place["end_line"] is not None and place["end_column"] is not None, place
            assert (place["end_line"], place["end_column"]) > (place["line"], place["column"]), place
