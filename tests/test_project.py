"""Project.detect and the nearest-package lookup: frameworks from package.json and config files."""

from __future__ import annotations

import pickle

from kaman_lint.project import Project


def test_detects_root_frameworks(tmp_path):
    (tmp_path / "package.json").write_text('{"dependencies": {"next": "14"}, "devDependencies": {"@storybook/react": "8"}}')
    project = Project.detect(tmp_path)
    assert {"next", "storybook"} <= project.package_for("app/page.tsx").frameworks


def test_detect_reads_nothing_until_a_file_asks(tmp_path, monkeypatch):
    from kaman_lint import project as project_module

    (tmp_path / "package.json").write_text('{"dependencies": {"next": "14"}}')
    reads = []
    real = project_module.read_package
    monkeypatch.setattr(project_module, "read_package", lambda *args: reads.append(args) or real(*args))
    project = Project.detect(tmp_path)
    assert reads == []  # start-up work is on every run, a three-file pre-commit run included
    assert "next" in project.package_for("a.js").frameworks
    project.package_for("b.js")
    assert len(reads) == 1  # once per folder, then cached


def test_nearest_package_per_subproject(tmp_path):
    for name, deps in (("web", '{"dependencies": {"gatsby": "5"}}'), ("api", '{"dependencies": {"express": "4"}}')):
        (tmp_path / name / "src").mkdir(parents=True)
        (tmp_path / name / "package.json").write_text(deps)
    project = Project.detect(tmp_path)
    web = project.package_for("web/src/components/A.js")
    assert web.directory == "web" and "gatsby" in web.frameworks and web.is_frontend
    assert web.relative("web/src/components/A.js") == "src/components/A.js"
    api = project.package_for("api/server.js")
    assert "express" in api.frameworks and not api.is_frontend
    assert project.package_for("README.md").directory is None


def test_config_file_and_env_prefix(tmp_path):
    (tmp_path / "vite.config.ts").write_text("export default { envPrefix: ['VITE_', 'APP_'] }")
    package = Project.detect(tmp_path).package_for("src/main.ts")
    assert "vite" in package.frameworks
    assert package.extra_public_prefixes == ("VITE_", "APP_")


def test_broken_package_json_is_tolerated(tmp_path):
    (tmp_path / "package.json").write_text("{ not json")
    package = Project.detect(tmp_path).package_for("src/a.js")
    assert package.directory == "" and package.frameworks == frozenset()


def test_project_pickles_for_workers(tmp_path):
    (tmp_path / "package.json").write_text('{"dependencies": {"vite": "5"}}')
    project = Project.detect(tmp_path)
    project.package_for("src/a.js")  # fills the cache
    clone = pickle.loads(pickle.dumps(project))
    assert clone == project and clone.package_for("src/a.js").frameworks == frozenset({"vite"})


def _prefixes(tmp_path, files: dict[str, str]) -> tuple[str, ...]:
    for name, text in files.items():
        (tmp_path / name).write_text(text)
    return Project.detect(tmp_path).package_for("x.env").public_prefixes


def test_generic_public_prefix_only_where_a_framework_ships_it(tmp_path):
    (tmp_path / "a").mkdir()
    assert "PUBLIC_" in _prefixes(tmp_path / "a", {"package.json": '{"devDependencies": {"@sveltejs/kit": "2"}}'})
    (tmp_path / "b").mkdir()
    assert "PUBLIC_" not in _prefixes(tmp_path / "b", {"package.json": '{"dependencies": {"next": "14"}}'})
    (tmp_path / "c").mkdir()
    assert "PUBLIC_" in _prefixes(tmp_path / "c", {})  # nothing says which framework: naming intent
    (tmp_path / "d").mkdir()
    custom = _prefixes(tmp_path / "d", {"package.json": '{"devDependencies": {"@sveltejs/kit": "2"}}',
                                       "svelte.config.js": "export default { kit: { env: { publicPrefix: 'CLIENT_' } } }"})
    assert "CLIENT_" in custom and "PUBLIC_" not in custom and "NEXT_PUBLIC_" in custom


def test_has_file_is_cached_per_folder(tmp_path, monkeypatch):
    from pathlib import Path

    (tmp_path / "shop").mkdir()
    (tmp_path / "shop" / "Gemfile").write_text("gem 'rails'\n")
    project = Project.detect(tmp_path)
    checks = []
    real = Path.is_file
    monkeypatch.setattr(Path, "is_file", lambda self: checks.append(self.name) or real(self))
    assert project.has_file("shop", "Gemfile") and not project.has_file("", "Gemfile")
    assert project.has_file("shop", "Gemfile") and not project.has_file("", "Gemfile")
    assert checks == ["Gemfile", "Gemfile"]  # each folder asked once
    assert not project.has_file("../elsewhere", "Gemfile")  # never outside the scan root


def test_project_with_marker_cache_still_pickles(tmp_path):
    project = Project.detect(tmp_path)
    project.has_file("", "Gemfile")
    assert pickle.loads(pickle.dumps(project)).root == project.root


def test_a_package_folder_is_read_by_one_listing(tmp_path, monkeypatch):
    """Every folder of a scanned JS file asks: its entries are judged by name, and only the
    names that count (package.json, manifest.json, framework configs) are asked of the disk."""
    import os

    from kaman_lint import project as project_module

    (tmp_path / "package.json").write_text('{"dependencies": {"vite": "5"}}')
    (tmp_path / "vite.config.ts").write_text("export default { envPrefix: 'APP_' }")
    for i in range(300):
        (tmp_path / f"m{i}.js").write_text("")
    asked = []
    real_isfile = os.path.isfile
    monkeypatch.setattr(os.path, "isfile", lambda p: asked.append(os.path.basename(p)) or real_isfile(p))
    package = project_module.read_package(tmp_path, "")
    assert package is not None and package.frameworks == {"vite"} and package.extra_public_prefixes == ("APP_",)
    assert package.absolute == str(tmp_path)
    assert sorted(asked) == ["package.json", "vite.config.ts"]  # no manifest.json listed: not asked


def test_a_folder_that_is_a_file_has_no_package(tmp_path):
    from kaman_lint import project as project_module

    (tmp_path / "f").write_text("")
    assert project_module.read_package(tmp_path / "f", "f") is None
    assert project_module.read_package(tmp_path / "missing", "missing") is None


def test_config_names_are_found_among_a_folders_names_as_name_by_name():
    from kaman_lint.project import CONFIG_FILES, _config_candidates

    # the shortcut's premise: a stem key (no dot, or ending `.config`) says `config`
    assert all("config" in key for key in CONFIG_FILES if "." not in key or key.endswith(".config"))
    names = ["vite.config.ts", "next.config.mjs", "angular.json", "gatsby-config.js", "webpack.config.prod.js",
             "svelte.config", "vue.config.js", "index.js", "config.js", "app.configs.js", "angular.json.bak",
             "nuxt.config.ts", "astro.config.mjs", "gatsby-config", "README.md", "x.config.y", "Vite.config.ts"]

    def by_stem(name):
        stem = name.split(".")[0] + (".config" if ".config." in name else "")
        return CONFIG_FILES.get(name) or CONFIG_FILES.get(stem)

    assert [n for n in _config_candidates(names) if by_stem(n)] == [n for n in names if by_stem(n)]


def test_a_relative_root_finds_the_package_above_it_and_stops_at_the_top(tmp_path, monkeypatch):
    # A root given relative to the working directory (an API caller's `Path("web")`): the walk up
    # from it stops at "/" as an absolute root's does, and finds the same package.
    (tmp_path / "package.json").write_text('{"dependencies": {"next": "14"}}')
    (tmp_path / "web" / "src").mkdir(parents=True)
    monkeypatch.chdir(tmp_path / "web")
    relative, absolute = Project.detect("."), Project.detect(tmp_path / "web")
    assert "next" in relative.package_for("src/a.js").frameworks
    assert relative.package_for("src/a.js") == absolute.package_for("src/a.js")
    monkeypatch.chdir(tmp_path)
    (tmp_path / "package.json").unlink()
    assert Project.detect("web").package_for("src/a.js") == Project.detect(tmp_path / "web").package_for("src/a.js")
