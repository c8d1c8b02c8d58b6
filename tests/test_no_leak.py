"""No output of any format, no notice and no error message ever holds a whole key.

The keys are read from the scanned files with a regex inside the test and compared without
being printed: a failure names fingerprints, never keys."""

from __future__ import annotations

import base64
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from fakekeys import fp, leaked, make_key
from kaman_lint.cli import main
from kaman_lint.report import FORMATS

DEVSET = Path(__file__).resolve().parents[2] / "shared" / "eval" / "devset"
KEYISH = re.compile(r"kam_[A-Za-z0-9_\-]{16,}")
BASE64ISH = re.compile(r"a2FtX[A-Za-z0-9+/]{20,}={0,2}")


def planted_keys(root: Path) -> list[str]:
    """Every key-shaped value in the files under `root`, plain or base64 (upper, lower, digit)."""
    keys = set()
    for path in root.rglob("*"):
        if not path.is_file():
            continue
        text = path.read_bytes().decode("utf-8", errors="replace")
        keys.update(KEYISH.findall(text))
        for token in BASE64ISH.findall(text):
            try:
                keys.update(KEYISH.findall(base64.b64decode(token + "=" * (-len(token) % 4)).decode()))
            except ValueError:
                pass
    return sorted(k for k in keys if re.search("[a-z]", k[4:]) and re.search("[A-Z]", k[4:]) and re.search("[0-9]", k[4:]))


def run_every_format(root: Path, tmp_path: Path) -> dict[str, str]:
    outputs = {}
    runner = CliRunner()
    for fmt in FORMATS:
        out_file = tmp_path / f"report.{fmt}"
        result = runner.invoke(main, ["scan", str(root), "--format", fmt, "--exit-zero"])
        to_file = runner.invoke(main, ["scan", str(root), "--format", fmt, "-o", str(out_file)])
        assert result.exit_code == 0 and to_file.exit_code in (0, 1), fp(result.output[:0] + fmt)
        outputs[fmt] = result.output + result.stderr + to_file.output + to_file.stderr + out_file.read_text()
    return outputs


@pytest.mark.skipif(not DEVSET.is_dir(), reason="../shared/eval/devset is absent")
def test_no_format_leaks_a_devset_key(tmp_path: Path) -> None:
    keys = planted_keys(DEVSET)
    assert len(keys) >= 40
    for fmt, output in run_every_format(DEVSET, tmp_path).items():
        assert leaked(output, keys) == [], f"{fmt} output holds whole keys"
        assert "kam_" in output or fmt == "gitlab" and "KAM001" in output  # it did report keys


def test_broken_files_and_notices_leak_no_key(tmp_path: Path) -> None:
    keys = [make_key(seed) for seed in range(300, 306)]
    files = {
        "broken.py": f'def f(:\n    return "{keys[0]}"\n',
        "bad.toml": f'key = "{keys[1]}\n[[[x\n',
        "bad.json": '{"k": "' + keys[2] + '",,,\n',
        "bad.yaml": f"a: [\n  b: {keys[3]}\n",
        "latin1.env": b"caf\xe9\n".decode("latin-1") + f"KAMAN_API_KEY={keys[4]}\n",
        "app.js": f'const k = `{keys[5]}`; function (( {{\n',
    }
    for name, text in files.items():
        (tmp_path / "src").mkdir(exist_ok=True)
        (tmp_path / "src" / name).write_bytes(text.encode("latin-1" if name.endswith(".env") else "utf-8"))
    outputs = run_every_format(tmp_path / "src", tmp_path)
    for fmt, output in outputs.items():
        assert leaked(output, keys) == [], f"{fmt} output holds whole keys"
    assert "does not tokenize" in outputs["text"]  # the notices were there to check
