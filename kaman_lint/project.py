"""What the project around the scanned files says: frameworks, their public env prefixes.

`Project.detect(root)` runs once per scan in the main process and is shipped to workers, so it
stays small and picklable, and reads nothing. A scan root may hold several projects (a monorepo,
the dev set), so `Project.package_for(relpath)` finds the nearest `package.json` above a file,
parses it once and caches the answer; only files that passed the prefilter ever ask.
"""

from __future__ import annotations

import os
import posixpath
from pathlib import Path

from kaman_lint.named_tuples import NamedTuple
from kaman_lint.records import dataclass, field
from kaman_lint import lazy_re
from kaman_lint.exposure.names import GENERIC_PUBLIC_PREFIX, PUBLIC_PREFIXES
from kaman_lint.paths import posix, pure, repository_top
from kaman_lint.reading import NotRegular, read_head

# package.json dependency -> framework name used by roles and KAM002.
FRAMEWORK_DEPENDENCIES = {
    "next": "next", "vite": "vite", "react-scripts": "cra", "@vue/cli-service": "vue-cli",
    "vue": "vue", "nuxt": "nuxt", "@sveltejs/kit": "sveltekit", "astro": "astro",
    "gatsby": "gatsby", "expo": "expo", "react-native": "react-native",
    "@angular/core": "angular", "parcel": "parcel", "webpack": "webpack",
    "dotenv-webpack": "dotenv-webpack", "esbuild": "esbuild", "electron": "electron",
    "storybook": "storybook", "@remix-run/react": "remix", "react-native-config": "react-native-config",
    "react-native-dotenv": "react-native-dotenv", "express": "express", "fastify": "fastify",
    "koa": "koa", "react": "react", "svelte": "svelte",
    "@capacitor/core": "capacitor", "@tauri-apps/api": "tauri", "@tauri-apps/cli": "tauri",
    "@builder.io/qwik": "qwik", "@builder.io/qwik-city": "qwik",
}
# Frameworks whose source tree (`src/`, `components/`, ...) is a browser or app bundle.
FRONTEND = frozenset({"next", "vite", "cra", "vue-cli", "vue", "nuxt", "sveltekit", "astro",
                      "gatsby", "expo", "react-native", "angular", "parcel", "remix", "react", "svelte"})
# Frameworks that inline *every* referenced `process.env.X` into client code, prefix or not,
# with their names for messages (the first one a package uses is named).
INLINES_ANY_ENV = {"react-native-config": "react-native-config", "react-native-dotenv": "react-native-dotenv",
                   "parcel": "Parcel", "dotenv-webpack": "dotenv-webpack"}
# Frameworks that ship `PUBLIC_*` variables (SvelteKit's default `publicPrefix`, Astro's and
# Qwik's prefix for `import.meta.env`).
GENERIC_PUBLIC_FRAMEWORKS = frozenset({"sveltekit", "astro", "qwik"})
# Config files that announce a framework even without a package.json dependency.
CONFIG_FILES = {
    "next.config": "next", "vite.config": "vite", "nuxt.config": "nuxt", "svelte.config": "sveltekit",
    "astro.config": "astro", "gatsby-config": "gatsby", "angular.json": "angular",
    "vue.config": "vue-cli", "webpack.config": "webpack",
}
_ENV_PREFIX = lazy_re.compile(r"""envPrefix\s*:\s*(\[[^\]]*\]|['"][^'"]*['"])""")
_PUBLIC_PREFIX = lazy_re.compile(r"""publicPrefix\s*:\s*['"]([^'"]+)['"]""")
_QUOTED = lazy_re.compile(r"""['"]([^'"]+)['"]""")


class Package(NamedTuple):
    """One JS project: the folder holding its package.json (relative to the scan root, "" for
    the root itself, None when there is none) and what it is built with."""

    directory: str | None
    frameworks: frozenset[str] = frozenset()
    extra_public_prefixes: tuple[str, ...] = ()  # Vite `envPrefix`, SvelteKit `publicPrefix`
    sveltekit_public_prefix: str | None = None  # `kit.env.publicPrefix`, when set: replaces PUBLIC_
    absolute: str = ""  # the folder on disk, to resolve imports (e.g. `@/components/X`)
    # For a package above the scan root (`directory` "..", "../..") or, with none, the repository
    # top: where the scan root sits in it ("src"), so that paths inside do not depend on where
    # the scan started.
    root_within: str = ""

    @property
    def is_frontend(self) -> bool:
        return bool(self.frameworks & FRONTEND)

    @property
    def public_prefixes(self) -> tuple[str, ...]:
        """The variable-name prefixes this package's build inlines into client code.

        The framework-specific prefixes (`NEXT_PUBLIC_`, `VITE_`, ...) always count: the name
        states the intent to ship, and a CI file or Dockerfile seldom says which app it builds.
        The generic `PUBLIC_` counts only in SvelteKit (unless `publicPrefix` replaces it), Astro
        and Qwik projects, and where nothing tells the framework (no package.json, or one naming
        no known framework); in a Next, Express or Vue project it is an ordinary server name.
        """
        prefixes = [p for p in PUBLIC_PREFIXES if p != GENERIC_PUBLIC_PREFIX]
        generic = (not self.frameworks or bool(self.frameworks & GENERIC_PUBLIC_FRAMEWORKS)) \
            and self.sveltekit_public_prefix in (None, GENERIC_PUBLIC_PREFIX)
        if generic:
            prefixes.append(GENERIC_PUBLIC_PREFIX)
        prefixes += [p for p in self.extra_public_prefixes if p != GENERIC_PUBLIC_PREFIX or generic]
        return tuple(dict.fromkeys(prefixes))

    @property
    def inlines_any_env(self) -> bool:
        return any(framework in INLINES_ANY_ENV for framework in self.frameworks)

    def relative(self, relpath: str) -> str:
        """`relpath` relative to this package's folder."""
        if not self.directory or self.directory.startswith(".."):
            return posixpath.join(self.root_within, relpath) if self.root_within else relpath
        return relpath[len(self.directory) + 1:] if relpath.startswith(self.directory + "/") else relpath


NO_PACKAGE = Package(None)


@dataclass(frozen=True)
class Project:
    """The scanned project, with caches of what is asked about it."""
    root: str
    # nearest-package cache, filled on demand in each worker; not part of equality
    _packages: dict[str, Package] = field(default_factory=dict, compare=False, repr=False)
    # (folder, marker file) -> exists, for server-app layouts (a Rails `Gemfile`), same lifetime
    _markers: dict[tuple[str, str], bool] = field(default_factory=dict, compare=False, repr=False)
    # the repository top above the scan root, found once ({"top": path or None})
    _repository: dict[str, str | None] = field(default_factory=dict, compare=False, repr=False)

    @classmethod
    def detect(cls, root: Path) -> Project:
        """The project at `root`. Reads nothing yet: packages are read when a file that passed
        the prefilter asks, so a pre-commit run over three files pays for what they need.
        The root is made absolute: the walk up to a package above it must meet "/" (a relative
        "web" would climb through "..", "../.." without end)."""
        return cls(os.path.abspath(root))

    def package_for(self, relpath: str) -> Package:
        """The nearest package.json at or above the file's folder: inside the scan root, then
        above it up to the repository top, so that `cd src && kaman-lint scan .` classifies
        files as a scan of the whole repository does."""
        folder = str(pure(relpath).parent)
        folder = "" if folder == "." else folder
        return self._lookup(folder)

    def has_file(self, folder: str, name: str) -> bool:
        """Does `folder` (relative to the scan root) hold the file `name`? Cached per scan."""
        key = (folder, name)
        if key not in self._markers:
            self._markers[key] = not folder.startswith("..") and (Path(self.root) / folder / name).is_file()
        return self._markers[key]

    def file_mentions(self, folder: str, name: str, needle: str) -> bool:
        """Does `folder` hold the file `name` and does its head (64 KiB) contain `needle`
        (`pubspec.yaml` naming `flutter`)? Cached per scan."""
        key = (folder, name + "\0" + needle)
        if key not in self._markers:
            self._markers[key] = self.has_file(folder, name) and \
                needle in _read_small(Path(self.root) / folder / name, 64 * 1024)
        return self._markers[key]

    def holds_entry_ending(self, folder: str, suffixes: tuple[str, ...]) -> bool:
        """Does `folder` (relative to the scan root) hold an entry whose name ends with one of
        `suffixes` (`ShopApp.xcodeproj`)? One listing per folder, cached per scan."""
        key = (folder, "\0ends:" + ",".join(suffixes))
        if key not in self._markers:
            found = False
            if not folder.startswith(".."):
                try:
                    with os.scandir(Path(self.root) / folder) as entries:
                        found = any(entry.name.endswith(suffixes) for entry in entries)
                except OSError:
                    found = False
            self._markers[key] = found
        return self._markers[key]

    def _lookup(self, folder: str) -> Package:
        if folder in self._packages:
            return self._packages[folder]
        directory = os.path.normpath(os.path.join(self.root, folder))
        found = read_package(directory, folder)
        if found is not None and folder.startswith(".."):
            found = found._replace(root_within=posix(os.path.relpath(self.root, directory)))
        if found is None:
            parent = self._parent(folder, directory)
            found = self._lookup(parent) if parent is not None else self._no_package()
        self._packages[folder] = found
        return found

    def _parent(self, folder: str, directory: str) -> str | None:
        """The folder to look in next, or None: not above the repository holding the scan root,
        nor above "/"."""
        if folder and not folder.startswith(".."):
            parent = str(pure(folder).parent)
            return None if parent == folder else ("" if parent == "." else parent)
        if directory == self._repository_top() or os.path.dirname(directory) == directory:
            return None
        return posixpath.join(folder, "..") if folder else ".."

    @property
    def in_repository(self) -> bool:
        """Is the scan root inside a git repository? (Then the repository bounds the project.)"""
        return self._repository_top() is not None

    def _no_package(self) -> Package:
        """No package.json anywhere up: paths are then taken from the repository top, so that
        `src/environments/...` reads the same from wherever the scan started."""
        top = self._repository_top()
        if top is None or top == os.path.abspath(self.root):
            return NO_PACKAGE
        return NO_PACKAGE._replace(root_within=posix(os.path.relpath(self.root, top)))

    def _repository_top(self) -> str | None:
        if "top" not in self._repository:
            self._repository["top"] = repository_top(self.root)
        return self._repository["top"]


def read_package(directory: Path | str, relfolder: str) -> Package | None:
    """A Package for `directory` when it holds a package.json (or a framework config file).
    One listing of the folder, by name, and a stat only for the names that count: every folder
    of a scanned JS file asks (706 folders on the large benchmark corpus, some holding thousands
    of files), and a pathlib object per entry cost more than the rest of the lookup."""
    directory = os.fspath(directory)
    try:
        names = os.listdir(directory)
    except OSError:  # not a folder, or one that cannot be listed: only the two files by name
        names = None
    frameworks: set[str] = set()
    manifest = os.path.join(directory, "package.json")
    has_manifest = _listed_file(directory, "package.json", names)
    if has_manifest:
        frameworks |= _frameworks_from_manifest(manifest)
    config_texts = []
    for name in _config_candidates(names or ()):  # by name first: a stat for each file costs more than the rest
        stem = name.split(".")[0] + (".config" if ".config." in name else "")
        framework = CONFIG_FILES.get(name) or CONFIG_FILES.get(stem)
        if framework and os.path.isfile(os.path.join(directory, name)):
            frameworks.add(framework)
            config_texts.append(_read_small(os.path.join(directory, name)))
    if _listed_file(directory, "manifest.json", names) and _is_extension_manifest(os.path.join(directory, "manifest.json")):
        frameworks.add("browser-extension")
    if not has_manifest and not frameworks:
        return None
    svelte_prefix = next((m for t in config_texts for m in _PUBLIC_PREFIX.findall(t)), None)
    return Package(relfolder, frozenset(frameworks), _extra_prefixes(config_texts), svelte_prefix, directory)


def _config_candidates(names) -> list[str]:
    """The names of a listing that may be a config file of CONFIG_FILES, in listing order: the
    name itself is a key, or its stem is, and every stem key says `config` (as does any name
    whose stem gains `.config`). A folder of 640 modules is passed over in C, not name by name."""
    return [name for name in names if "config" in name or name in CONFIG_FILES]


def _listed_file(directory: str, name: str, names: list[str] | None) -> bool:
    """Whether `directory` holds a regular file (or a link to one) `name`: asked of the disk only
    when the listing has that name, or when there is no listing."""
    return (names is None or name in names) and os.path.isfile(os.path.join(directory, name))


def _is_extension_manifest(path: str) -> bool:
    """A browser extension's manifest: every file beside it ships to users."""
    text = _read_small(path)
    return '"manifest_version"' in text and any(
        k in text for k in ('"content_scripts"', '"background"', '"action"', '"browser_action"', '"permissions"'))


def _frameworks_from_manifest(manifest: str) -> set[str]:
    import json  # (here: only a project with a package.json reads one)

    try:
        data = json.loads(_read_small(manifest) or "{}")
    except ValueError:
        return set()
    deps: dict = {}
    for section in ("dependencies", "devDependencies", "peerDependencies"):
        if isinstance(data.get(section), dict):
            deps.update(data[section])
    found = {FRAMEWORK_DEPENDENCIES[d] for d in deps if d in FRAMEWORK_DEPENDENCIES}
    found |= {"storybook" for d in deps if d.startswith("@storybook/")}
    found |= {"remix" for d in deps if d.startswith("@remix-run/")}
    return found


def _extra_prefixes(config_texts: list[str]) -> tuple[str, ...]:
    prefixes: list[str] = []
    for text in config_texts:
        for match in _ENV_PREFIX.finditer(text):
            prefixes.extend(_QUOTED.findall(match.group(1)))
        prefixes.extend(_PUBLIC_PREFIX.findall(text))
    return tuple(p for p in dict.fromkeys(prefixes) if p)


def _read_small(path: Path | str, limit: int = 256 * 1024) -> str:
    """The head of a config file beside the scanned ones (never a FIFO, device or /proc)."""
    try:
        return read_head(os.fspath(path), limit).decode("utf-8", "replace")
    except (OSError, NotRegular):
        return ""
