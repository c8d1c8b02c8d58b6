"""The README's examples stay true: its config block is valid config."""

import re
from pathlib import Path

from kaman_lint.config import load_config

README = Path(__file__).resolve().parents[1] / "README.md"


def test_readme_config_example_loads(tmp_path):
    block = re.search(r"```toml\n(\[tool\.kaman-lint\].*?)```", README.read_text(), re.S)
    assert block, "README lost its [tool.kaman-lint] example"
    (tmp_path / "pyproject.toml").write_text(block.group(1))
    config = load_config(tmp_path)
    assert config.severity_for("KAM003") == "warning"
    assert config.environment_for("deploy/live/app.env") == "production"
