"""A specifier to a file of the scanned tree, the way Node, TypeScript and bundlers find it.

- relative (`./x`, `../x`): extensions, `index.*`, a `.js` written for a `.ts` source;
- absolute from the root (`/src/main.ts` in a Vite app or an HTML page): the page's folder, the
  package's, the scan root's;
- tsconfig/jsconfig `paths` (with `baseUrl`, through `extends`), a bundler's `resolve.alias`,
  the frameworks' own (`$lib`, `~/`, `@/`);
- a workspace package by its package.json name: `exports`, `browser`, `module`, `main`, `index.*`.
Anything else (a package from the registry, a URL) is a leaf: None. Only the set of scanned
files is consulted, never the disk.
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable, Iterable

from kaman_lint.exposure.graph.facts import Manifest, PathAliases

EXTENSIONS = (".ts", ".tsx", ".js", ".jsx", ".mjs", ".cjs", ".mts", ".cts", ".vue", ".svelte", ".astro", ".json")
SOURCE_FOR_OUTPUT = {".js": (".ts", ".tsx"), ".jsx": (".tsx",), ".mjs": (".mts",), ".cjs": (".cts",)}
FRAMEWORK_ALIASES = (("$lib", ("src/lib",)), ("~", ("", "src", "app")), ("@", ("", "src", "app")), ("~~", ("",)),
                     ("@@", ("",)))
MAX_EXTENDS = 4
STAR, EXACT, PREFIX = "star", "exact", "prefix"  # tsconfig `"@/*"`, tsconfig `"config"`, an alias `"@"`


class Resolver:
    def __init__(self, files: set[str], manifests: Iterable[Manifest], aliases: Iterable[PathAliases],
                 package_root_of: Callable[[str], str]) -> None:
        self.files = files
        self.package_root_of = package_root_of
        self.packages: dict[str, tuple[str, Manifest]] = {}
        self.manifests_by_folder: dict[str, Manifest] = {}
        for manifest in manifests:
            folder = posixpath.dirname(manifest.path)
            self.manifests_by_folder[folder] = manifest
            if manifest.name:
                self.packages.setdefault(manifest.name, (folder, manifest))
        self.tsconfigs: dict[str, PathAliases] = {}  # folder -> its tsconfig.json / jsconfig.json
        self.configs_by_path: dict[str, PathAliases] = {}
        self.bundler_aliases: dict[str, list[PathAliases]] = {}  # folder -> vite/webpack alias configs
        for config in aliases:
            folder = posixpath.dirname(config.path)
            self.configs_by_path[config.path] = config
            if config.kind == "alias":
                self.bundler_aliases.setdefault(folder, []).append(config)
            elif posixpath.basename(config.path) in ("tsconfig.json", "jsconfig.json") or folder not in self.tsconfigs:
                self.tsconfigs[folder] = config
        self._mappings: dict[str, list[tuple[str, str, str]]] = {}  # folder -> (prefix, star?, target)

    # --- the answer ---------------------------------------------------------------------
    def resolve(self, importer: str, specifier: str, page: bool = False) -> str | None:
        spec = specifier.split("?", 1)[0].split("#", 1)[0]
        if not spec:
            return None
        here = posixpath.dirname(importer)
        if spec.startswith(("./", "../")) or spec in (".", ".."):
            return self.file(_join(here, spec))
        if spec.startswith("/"):
            if spec.startswith("//"):
                return None
            for base in ((here,) if page else ()) + (self.package_root_of(importer), ""):
                found = self.file(_join(base, spec.lstrip("/")))
                if found:
                    return found
            return None
        if page:  # `<script src="js/app.js">`: a URL relative to the page
            return self.file(_join(here, spec))
        found = self._mapped(importer, spec)
        if found:
            return found
        return self._workspace_package(spec)

    def file(self, base: str | None) -> str | None:
        """`base` as a file: itself, with an extension, a `.ts` for a `.js`, or a folder's index."""
        if base is None:
            return None
        files = self.files
        if base in files:
            return base
        stem, suffix = posixpath.splitext(base)
        for source in SOURCE_FOR_OUTPUT.get(suffix, ()):
            if stem + source in files:
                return stem + source
        for extension in EXTENSIONS:
            if base + extension in files:
                return base + extension
        manifest = self.manifests_by_folder.get(base)
        if manifest is not None:
            found = self._package_entry(base, manifest)
            if found:
                return found
        prefix = base + "/index" if base else "index"
        for extension in EXTENSIONS:
            if prefix + extension in files:
                return prefix + extension
        return None

    # --- aliases ------------------------------------------------------------------------
    def _mapped(self, importer: str, spec: str) -> str | None:
        for kind, prefix, target in self._mappings_for(posixpath.dirname(importer)):
            if kind == STAR:
                candidate = target.replace("*", spec[len(prefix):], 1) if spec.startswith(prefix) else None
            elif kind == EXACT:
                candidate = target if spec == prefix else None
            else:  # PREFIX: a bundler's or framework's alias
                candidate = (target + spec[len(prefix):]) if spec == prefix or spec.startswith(prefix + "/") else None
            found = self.file(_clean(candidate)) if candidate is not None else None
            if found:
                return found
        return None

    def _mappings_for(self, folder: str) -> list[tuple[str, str, str]]:
        """(kind, prefix, target) mappings that apply in `folder`: the nearest tsconfig's paths
        and baseUrl, bundler aliases of this folder and those above, then the frameworks' own."""
        if folder in self._mappings:
            return self._mappings[folder]
        mappings: list[tuple[str, str, str]] = []
        tsconfig = None
        probe = folder
        while True:
            if tsconfig is None and probe in self.tsconfigs:
                tsconfig = self.tsconfigs[probe]
            for config in self.bundler_aliases.get(probe, ()):
                for key, targets in config.patterns:
                    for target in targets:
                        mappings.append((PREFIX, key.rstrip("/"), _bundler_target(probe, target)))
            if not probe:
                break
            probe = posixpath.dirname(probe)
        if tsconfig is not None:
            mappings[:0] = self._tsconfig_mappings(tsconfig)
        root = self.package_root_of(folder + "/x" if folder else "x")
        for key, bases in FRAMEWORK_ALIASES:
            for base in bases:
                mappings.append((PREFIX, key, posixpath.join(root, base) if base and root else base or root))
        self._mappings[folder] = mappings
        return mappings

    def _tsconfig_mappings(self, config: PathAliases) -> list[tuple[str, str, str]]:
        chain = [config]
        while chain[-1].extends and len(chain) < MAX_EXTENDS:
            parent = _clean(_join(posixpath.dirname(chain[-1].path), chain[-1].extends))
            parent = parent if parent and parent.endswith(".json") else (parent + ".json" if parent else None)
            if parent not in self.configs_by_path or self.configs_by_path[parent] in chain:
                break
            chain.append(self.configs_by_path[parent])
        # The nearest config that sets them wins: paths with the baseUrl of the config that set them.
        with_paths = next((c for c in chain if c.patterns), None)
        with_base = next((c for c in chain if c.base is not None), None)
        mappings: list[tuple[str, str, str]] = []
        if with_paths is not None:
            holder = with_base if with_base is not None and with_base is with_paths else with_paths
            base = _join(posixpath.dirname(holder.path), holder.base or ".") or ""
            for pattern, targets in with_paths.patterns:
                star = "*" in pattern
                prefix = pattern.split("*", 1)[0] if star else pattern
                for target in targets:
                    joined = _join(base, target)
                    if joined is not None:
                        mappings.append((STAR if star else EXACT, prefix, joined))
        if with_base is not None:
            base = _join(posixpath.dirname(with_base.path), with_base.base or ".")
            if base is not None:
                mappings.append((STAR, "", posixpath.join(base, "*") if base else "*"))
        return mappings

    # --- workspace packages -------------------------------------------------------------
    def _workspace_package(self, spec: str) -> str | None:
        parts = spec.split("/")
        name_length = 2 if spec.startswith("@") else 1
        name = "/".join(parts[:name_length])
        if name not in self.packages:
            return None
        folder, manifest = self.packages[name]
        rest = "/".join(parts[name_length:])
        if not rest:
            return self._package_entry(folder, manifest) or self.file(folder)
        wanted = "./" + rest
        for key, target in sorted(manifest.subpaths, key=lambda entry: "*" in entry[0]):  # exact ones first
            if "*" in key:  # a subpath pattern: `"./*": "./src/*.js"`, `"./ui/*": "./src/ui/*/index.js"`
                head, tail = key.split("*", 1)
                if not (wanted.startswith(head) and wanted.endswith(tail) and len(wanted) >= len(head) + len(tail)):
                    continue
                target = target.replace("*", wanted[len(head):len(wanted) - len(tail)], 1)
            elif key != wanted:
                continue
            found = self.file(_join(folder, target))
            if found:
                return found
        return self.file(_join(folder, rest)) or self.file(_join(folder, "src/" + rest))

    def _package_entry(self, folder: str, manifest: Manifest) -> str | None:
        for entry in manifest.entries:
            found = self._existing(_join(folder, entry))
            if found:
                return found
            # `"main": "dist/index.js"` of a workspace package built from `src/`
            stem = posixpath.splitext(entry)[0]
            for output in ("dist/", "build/", "lib/", "out/"):
                if stem.lstrip("./").startswith(output):
                    found = self._existing(_join(folder, "src/" + stem.lstrip("./")[len(output):]))
                    if found:
                        return found
        for extension in EXTENSIONS:
            for candidate in ("src/index", "index"):
                path = posixpath.join(folder, candidate) + extension if folder else candidate + extension
                if path in self.files:
                    return path
        return None

    def _existing(self, base: str | None) -> str | None:
        """Like `file`, without a folder's package.json (no loops between packages)."""
        if base is None:
            return None
        if base in self.files:
            return base
        stem, suffix = posixpath.splitext(base)
        for source in SOURCE_FOR_OUTPUT.get(suffix, ()):
            if stem + source in self.files:
                return stem + source
        for extension in EXTENSIONS:
            if base + extension in self.files:
                return base + extension
        return None


def _join(base: str, spec: str) -> str | None:
    """`spec` from folder `base`, normalised; None when it leaves the scanned tree."""
    path = posixpath.normpath(posixpath.join(base or ".", spec))
    if path == ".":
        return ""
    if path.startswith("../") or path == ".." or path.startswith("/"):
        return None
    return path


def _clean(path: str | None) -> str | None:
    if path is None:
        return None
    return _join("", path)


def _bundler_target(folder: str, target: str) -> str:
    """An alias target as the bundler reads it: relative to the config's folder; a leading `/`
    is the project root (Vite), the same folder."""
    joined = _join(folder, target.lstrip("/"))
    return joined if joined is not None else folder
