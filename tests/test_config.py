from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from kaman_lint.config import (
    DEFAULT_EXCLUDE,
    DEFAULT_MAX_FILE_SIZE,
    Config,
    ConfigError,
    load_config,
    parse_size,
)


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def pyproject(directory: Path, table: str = "") -> Path:
    return write(directory / "pyproject.toml", '[project]\nname = "x"\n\n[tool.kaman-lint]\n' + textwrap.dedent(table))


def dotfile(directory: Path, table: str = "") -> Path:
    return write(directory / ".kaman-lint.toml", table)


# -- finding the file ------------------------------------------------------------------------------


def test_defaults_when_nothing_found(tmp_path: Path) -> None:
    config = load_config(tmp_path)
    assert config.select == ["KAM"]
    assert config.max_file_size == DEFAULT_MAX_FILE_SIZE
    assert config.effective_exclude == list(DEFAULT_EXCLUDE)
    if config.path is None:  # a config somewhere above the temp dir would legitimately be found
        assert config.project_root == tmp_path


def test_upward_search_from_nested_directory(tmp_path: Path) -> None:
    pyproject(tmp_path / "proj", 'ignore = ["KAM003"]\n')
    start = tmp_path / "proj" / "src" / "pkg"
    start.mkdir(parents=True)
    config = load_config(start)
    assert config.path == tmp_path / "proj" / "pyproject.toml"
    assert config.project_root == tmp_path / "proj"
    assert config.ignore == ["KAM003"]


def test_start_may_be_a_file(tmp_path: Path) -> None:
    dotfile(tmp_path, 'select = ["KAM001"]\n')
    source = write(tmp_path / "src" / "app.py", "x = 1\n")
    assert load_config(source).select == ["KAM001"]


def test_pyproject_without_table_is_skipped(tmp_path: Path) -> None:
    pyproject(tmp_path, 'select = ["KAM002"]\n')
    write(tmp_path / "sub" / "pyproject.toml", '[project]\nname = "sub"\n[tool.black]\nline-length = 99\n')
    config = load_config(tmp_path / "sub")
    assert config.path == tmp_path / "pyproject.toml"
    assert config.select == ["KAM002"]


def test_dotfile_used_when_pyproject_in_same_directory_has_no_table(tmp_path: Path) -> None:
    write(tmp_path / "pyproject.toml", '[project]\nname = "x"\n')
    dotfile(tmp_path, 'select = ["KAM003"]\n')
    assert load_config(tmp_path).path == tmp_path / ".kaman-lint.toml"


def test_pyproject_with_table_beats_dotfile_in_same_directory(tmp_path: Path) -> None:
    pyproject(tmp_path, 'select = ["KAM001"]\n')
    dotfile(tmp_path, 'select = ["KAM003"]\n')
    assert load_config(tmp_path).select == ["KAM001"]


def test_nearest_directory_wins(tmp_path: Path) -> None:
    pyproject(tmp_path, 'select = ["KAM001"]\n')
    dotfile(tmp_path / "inner", 'select = ["KAM002"]\n')
    config = load_config(tmp_path / "inner")
    assert config.select == ["KAM002"]
    assert config.project_root == tmp_path / "inner"


def test_empty_table_counts(tmp_path: Path) -> None:
    pyproject(tmp_path)
    write(tmp_path / "sub" / ".kaman-lint.toml", "")  # empty file: an empty table
    assert load_config(tmp_path / "sub").path == tmp_path / "sub" / ".kaman-lint.toml"
    assert load_config(tmp_path).path == tmp_path / "pyproject.toml"


def test_malformed_pyproject_during_search_is_an_error(tmp_path: Path) -> None:
    write(tmp_path / "pyproject.toml", "[tool.kaman-lint\nselect = 1\n")
    with pytest.raises(ConfigError, match="pyproject.toml: invalid TOML"):
        load_config(tmp_path)


# -- --config ------------------------------------------------------------------------------------


def test_explicit_dotfile_style_config_is_the_whole_table(tmp_path: Path) -> None:
    pyproject(tmp_path, 'select = ["KAM001"]\n')  # would be found by the search; --config wins
    explicit = write(tmp_path / "ci" / "kaman.toml", 'select = ["KAM002"]\n')
    config = load_config(tmp_path, explicit)
    assert config.select == ["KAM002"]
    assert config.path == explicit
    assert config.project_root == Path.cwd()  # globs mean the checkout, wherever the file is


def test_explicit_pyproject_reads_its_table(tmp_path: Path) -> None:
    explicit = pyproject(tmp_path / "other", 'ignore = ["KAM002"]\n')
    assert load_config(tmp_path, explicit).ignore == ["KAM002"]


def test_explicit_pyproject_without_table_is_an_error(tmp_path: Path) -> None:
    explicit = write(tmp_path / "pyproject.toml", '[project]\nname = "x"\n')
    with pytest.raises(ConfigError, match=r"pyproject.toml: no \[tool.kaman-lint\] table"):
        load_config(tmp_path, explicit)


def test_explicit_missing_file_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="nope.toml: cannot read"):
        load_config(tmp_path, tmp_path / "nope.toml")


def test_explicit_malformed_file_is_an_error(tmp_path: Path) -> None:
    explicit = write(tmp_path / "bad.toml", "select = [\n")
    with pytest.raises(ConfigError, match="bad.toml: invalid TOML"):
        load_config(tmp_path, explicit)


def test_relative_explicit_path_is_taken_from_cwd(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(tmp_path / "conf" / "k.toml", 'select = ["KAM003"]\n')
    monkeypatch.chdir(tmp_path)
    config = load_config(Path("."), Path("conf/k.toml"))
    assert config.select == ["KAM003"]
    assert config.project_root == tmp_path  # the working directory


# -- every key -----------------------------------------------------------------------------------


def test_every_key_is_parsed(tmp_path: Path) -> None:
    pyproject(
        tmp_path,
        """
        select = ["KAM001", "KAM002"]
        ignore = ["KAM0"]
        extend-select = ["KAM004"]
        exclude = ["build/"]
        extend-exclude = ["fixtures/"]
        placeholders = ["^test_", "example$"]
        max-file-size = "2MiB"
        baseline = ".kaman-baseline.json"
        client-globs = ["web/**"]
        server-globs = ["api/**"]
        no-ignore = true

        [tool.kaman-lint.per-file-ignores]
        "tests/**" = ["KAM001"]

        [tool.kaman-lint.environments]
        "config/live/*" = "production"
        development = ["config/dev/*", ".env.local"]
        staging = "deploy/staging.yaml"
        """,
    )
    config = load_config(tmp_path)
    assert config.select == ["KAM001", "KAM002"]
    assert config.ignore == ["KAM0"]
    assert config.extend_select == ["KAM004"]
    assert config.exclude == ["build/"]
    assert config.extend_exclude == ["fixtures/"]
    assert config.effective_exclude == ["build/", "fixtures/"]
    assert config.per_file_ignores == {"tests/**": ["KAM001"]}
    assert config.placeholders == ["^test_", "example$"]
    assert config.max_file_size == 2 * 1024 * 1024
    assert config.baseline == ".kaman-baseline.json"
    assert config.baseline_path == tmp_path / ".kaman-baseline.json"
    assert config.client_globs == ["web/**"]
    assert config.server_globs == ["api/**"]
    assert config.no_ignore is True
    assert config.environments == {
        "config/live/*": "production",
        "config/dev/*": "development",
        ".env.local": "development",
        "deploy/staging.yaml": "staging",
    }


def test_integer_max_file_size(tmp_path: Path) -> None:
    dotfile(tmp_path, "max-file-size = 1000\n")
    assert load_config(tmp_path).max_file_size == 1000


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1000", 1000),
        ("512B", 512),
        ("512KiB", 512 * 1024),
        ("2M", 2 * 1024**2),
        ("2m", 2 * 1024**2),
        ("10MB", 10 * 1000**2),
        ("10 mb", 10 * 1000**2),
        ("1GiB", 1024**3),
        ("1G", 1024**3),
        ("1.5KiB", 1536),
        ("2MiB", 2 * 1024**2),
        ("ten", None),
        ("10XB", None),
        ("", None),
        ("MB", None),
    ],
)
def test_parse_size(text: str, expected: int | None) -> None:
    assert parse_size(text) == expected


# -- every bad value -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "key"),
    [
        ('selct = ["KAM001"]', "selct"),
        ('select = "KAM001"', "select"),
        ('select = ["KAM-001"]', "select"),
        ('select = ["E501"]', "select"),
        ('ignore = ["KAM1x"]', "ignore"),
        ("ignore = [1]", "ignore"),
        ('extend-select = ["XYZ"]', "extend-select"),
        ('exclude = "build"', "exclude"),
        ("exclude = ['\\']", "exclude"),
        ("extend-exclude = [true]", "extend-exclude"),
        ('per-file-ignores = ["tests/*"]', "per-file-ignores"),
        ('per-file-ignores = { "tests/*" = "KAM001" }', "per-file-ignores"),
        ('per-file-ignores = { "tests/*" = ["nope"] }', "per-file-ignores"),
        ('placeholders = ["(unclosed"]', "placeholders"),
        ('placeholders = "x"', "placeholders"),
        ("max-file-size = -1", "max-file-size"),
        ("max-file-size = 0", "max-file-size"),
        ('max-file-size = "lots"', "max-file-size"),
        ("max-file-size = 1.5", "max-file-size"),
        ("max-file-size = true", "max-file-size"),
        ("baseline = 1", "baseline"),
        ('client-globs = "web/**"', "client-globs"),
        ("server-globs = [1]", "server-globs"),
        ('environments = ["production"]', "environments"),
        ('environments = { "config/*" = "prod" }', "environments"),
        ('environments = { live = ["config/*"] }', "environments"),
        ('environments = { "config/*" = 3 }', "environments"),
        ('no-ignore = "yes"', "no-ignore"),
    ],
)
def test_bad_values_name_file_and_key(tmp_path: Path, body: str, key: str) -> None:
    pyproject(tmp_path, body + "\n")
    with pytest.raises(ConfigError) as info:
        load_config(tmp_path)
    message = str(info.value)
    assert "pyproject.toml: [tool.kaman-lint] " in message
    assert f"'{key}" in message


def test_unknown_key_message_and_suggestion(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pyproject(tmp_path, 'selct = ["KAM001"]\n')
    monkeypatch.chdir(tmp_path)
    with pytest.raises(ConfigError) as info:
        load_config(tmp_path)
    assert str(info.value) == "pyproject.toml: [tool.kaman-lint] unknown key 'selct' (did you mean 'select'?)"


def test_dotfile_errors_do_not_mention_the_pyproject_table(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    dotfile(tmp_path, "no-ignore = 1\n")
    monkeypatch.chdir(tmp_path)
    with pytest.raises(ConfigError) as info:
        load_config(tmp_path)
    assert str(info.value).startswith(".kaman-lint.toml: 'no-ignore' must be true or false")


def test_table_that_is_not_a_table(tmp_path: Path) -> None:
    write(tmp_path / "pyproject.toml", '[tool]\nkaman-lint = "on"\n')
    with pytest.raises(ConfigError, match="must be a table"):
        load_config(tmp_path)


# -- rule selection ------------------------------------------------------------------------------


def test_default_selects_every_kam_rule() -> None:
    config = Config()
    assert config.rule_enabled("KAM001")
    assert config.rule_enabled("KAM042")
    assert not config.rule_enabled("XYZ001")


def test_select_ignore_and_extend_select() -> None:
    config = Config(select=["KAM001"], extend_select=["KAM003"], ignore=["KAM0031"])
    assert config.rule_enabled("KAM001")
    assert not config.rule_enabled("KAM002")
    assert config.rule_enabled("KAM003")
    assert not config.rule_enabled("KAM0031")


def test_ignore_wins_over_a_longer_select() -> None:
    assert not Config(select=["KAM001"], ignore=["KAM"]).rule_enabled("KAM001")


def test_all() -> None:
    assert Config(select=["ALL"]).rule_enabled("KAM009")
    assert not Config(ignore=["ALL"]).rule_enabled("KAM001")


def test_per_file_ignores(tmp_path: Path) -> None:
    config = Config(
        per_file_ignores={"tests/**": ["KAM001"], "*.html": ["KAM00"], "/docs/": ["ALL"]},
        project_root=tmp_path,
    )
    assert not config.rule_enabled("KAM001", "tests/unit/test_x.py")
    assert config.rule_enabled("KAM002", "tests/unit/test_x.py")
    assert config.rule_enabled("KAM001", "src/tests.py")
    assert not config.rule_enabled("KAM002", "web/templates/index.html")
    assert not config.rule_enabled("KAM003", "docs/guide.md")
    assert config.rule_enabled("KAM003", "src/docs/guide.md")
    assert config.rule_enabled("KAM001")  # no path: only the global lists count
    # an absolute Path is made relative to the project root
    assert not config.rule_enabled("KAM001", config.project_path(tmp_path / "tests" / "a.py"))


def test_per_file_ignores_from_file(tmp_path: Path) -> None:
    pyproject(tmp_path, '[tool.kaman-lint.per-file-ignores]\n"examples/*" = ["KAM001", "KAM002"]\n')
    config = load_config(tmp_path)
    assert not config.rule_enabled("KAM002", "examples/a.js")
    assert config.rule_enabled("KAM003", "examples/a.js")


# -- command-line overrides ----------------------------------------------------------------------


def test_overrides_replace_lists() -> None:
    config = Config(select=["KAM001"], extend_select=["KAM003"], ignore=["KAM002"])
    assert config.rule_enabled("KAM003")
    overridden = config.with_overrides(select="KAM002, KAM004", ignore="KAM004")
    assert overridden.select == ["KAM002", "KAM004"]
    assert overridden.extend_select == []
    assert overridden.ignore == ["KAM004"]
    assert overridden.rule_enabled("KAM002")
    assert not overridden.rule_enabled("KAM003")  # cached prefixes were not carried over
    assert not overridden.rule_enabled("KAM004")
    assert config.select == ["KAM001"]  # the original is untouched


def test_overrides_accept_lists_and_other_fields() -> None:
    config = Config().with_overrides(select=["KAM001,KAM002", "KAM003"], no_ignore=True)
    assert config.select == ["KAM001", "KAM002", "KAM003"]
    assert config.no_ignore is True


def test_rule_ids_are_case_insensitive_in_the_config_and_on_the_command_line(tmp_path: Path) -> None:
    (tmp_path / ".kaman-lint.toml").write_text(
        'select = ["kam001", "Kam002"]\nignore = ["kam002"]\n[per-file-ignores]\n"t/*" = ["kam001"]\n'
        '[severity]\nkam001 = "warning"\n')
    config = load_config(tmp_path)
    assert (config.select, config.ignore) == (["KAM001", "KAM002"], ["KAM002"])
    assert config.per_file_ignores == {"t/*": ["KAM001"]}
    assert config.severity_for("KAM001") == "warning"
    assert config.with_overrides(select="kam003").select == ["KAM003"]


def test_a_severity_key_names_one_rule(tmp_path: Path) -> None:
    (tmp_path / ".kaman-lint.toml").write_text('[severity]\n"KAM001,KAM002" = "warning"\n')
    with pytest.raises(ConfigError, match="severity"):
        load_config(tmp_path)


def test_no_overrides_keep_values() -> None:
    config = Config(select=["KAM001"], ignore=["KAM002"]).with_overrides()
    assert config.select == ["KAM001"]
    assert config.ignore == ["KAM002"]


@pytest.mark.parametrize("bad", ["KAM-1", "E501", "KAM001,,X"])
def test_bad_override_ids(bad: str) -> None:
    with pytest.raises(ConfigError, match="--select"):
        Config().with_overrides(select=bad)


# -- globs for other modules ---------------------------------------------------------------------


def test_environment_for_and_role_for(tmp_path: Path) -> None:
    config = Config(
        environments={"config/*": "development", "config/prod*": "production"},
        client_globs=["web/**", "shared/**"],
        server_globs=["api/**", "shared/server/**"],
        project_root=tmp_path,
    )
    assert config.environment_for("config/dev.toml") == "development"
    assert config.environment_for("config/prod.toml") == "production"  # last match wins
    assert config.environment_for("src/app.py") is None
    assert config.role_for("web/app.js") == "client"
    assert config.role_for("shared/server/x.js") == "server"
    assert config.role_for("lib/x.js") is None
    assert config.role_for(config.project_path(tmp_path / "api" / "main.py")) == "server"


def test_explicit_config_that_is_a_device_is_refused_not_read(tmp_path):
    link = tmp_path / "kaman.toml"
    link.symlink_to("/dev/zero")
    with pytest.raises(ConfigError, match="not a regular file"):
        load_config(tmp_path, link)


@pytest.mark.parametrize("pattern", [".*", "", ".", "[a-z]", "^kam_", "\\w{8}", "[0-9]"])
def test_a_placeholder_pattern_that_matches_random_keys_is_refused(tmp_path: Path, pattern: str) -> None:
    """A repository's config must not make every key a placeholder (red-team R8)."""
    (tmp_path / ".kaman-lint.toml").write_text(f"placeholders = ['{pattern}']\n")
    with pytest.raises(ConfigError, match="random keys: a placeholder pattern must single out"):
        load_config(tmp_path)


@pytest.mark.parametrize("pattern", ["^kam_test_", "FIXTURE", "^0000", "_demo_", "^kam_sandbox"])
def test_placeholder_patterns_for_own_fake_keys_are_accepted(tmp_path: Path, pattern: str) -> None:
    (tmp_path / ".kaman-lint.toml").write_text(f"placeholders = ['{pattern}']\n")
    assert load_config(tmp_path).placeholders == [pattern]
