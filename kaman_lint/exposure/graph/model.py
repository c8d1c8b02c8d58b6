"""The scan's module graph: entry points of both sides, what they reach, and why.

Built once per scan in the cross-file step, from the survey of every file: each import resolved
once (`resolve`), then one breadth-first walk from the client entry points and one from the
server entry points, so the cost is linear in files and imports. A module reached from a client
entry point is client code (its import chain explains why); one reached only from server entry
points is server code; the graph says nothing about the rest, where the per-file heuristics
(roles.py) stay.

Entry points:
- client: HTML pages and templates (their `<script src>` and module scripts), `"use client"`
  modules, files a framework convention ships (`public/**`, `.vue`, `+page.svelte`, Angular
  `src/environments/*`, ...), files an extension manifest, angular.json or an Electron main
  process names, workers a page starts, files under a served folder; and modules nothing
  imports whose layout says client (`src/main.ts` of a Vite app, `src/index.js` of CRA, Next
  `pages/**`);
- server: route handlers, API routes, `"use server"`/`server-only` modules, `.server.*` files,
  server folders, modules that import Node built-ins or a server framework, and modules
  nothing imports whose layout says server (Next App Router pages: Server Components).
A walk from the client side does not enter server modules (`"use server"` actions are called
over the network, `server-only` and `.server` modules never reach the bundle) nor the server
half of an Astro file; test code is an entry point of neither side.
"""

from __future__ import annotations

import os
import posixpath
from bisect import bisect_left
from collections import deque
from collections.abc import Iterable
from pathlib import Path

from kaman_lint.config import Config
from kaman_lint.exposure import roles
from kaman_lint.exposure.frameworks import CLIENT, NOT_SHIPPED, SERVER
from kaman_lint.exposure.graph import served
from kaman_lint.exposure.graph.facts import (CLIENT_ONLY, CLIENT_SIDE, NODE_SERVER, PAGE, SERVER_ONLY, SERVER_RENDERED,
                                             SERVER_SIDE, CopiedFolder, DeclaredEntries, Edge, Manifest, Module, PathAliases,
                                             ServedFolder)
from kaman_lint.exposure.graph.resolve import EXTENSIONS, Resolver
from kaman_lint.named_tuples import NamedTuple
from kaman_lint.paths import concrete
from kaman_lint.project import Project

MAX_SHOWN_STEPS = 6  # of an import chain in a message; the flow holds them all
MAX_LATE_READ = 1024 * 1024  # a module read in the cross-file step (only its head matters)


class Step(NamedTuple):
    """One import on the way from an entry point: `importer` line `line` imports `target`."""

    importer: str
    line: int
    target: str


class Verdict(NamedTuple):
    role: str  # CLIENT or SERVER
    entry: str  # the entry point's path
    entry_reason: str  # why it is an entry point: "\"use client\" directive", "HTML page served to browsers"
    steps: tuple[Step, ...] = ()  # from the entry point to the module, in order
    entry_line: int = 1  # where the entry point is declared (a manifest's line, a served folder's call)
    declared_in: str = ""  # the file declaring the entry point, when not the entry itself

    def explanation(self) -> str:
        """`components/Search.tsx ("use client" directive) imports lib/kaman.ts, which imports
        config/env.ts`: for messages."""
        if not self.steps:
            return self.entry_reason  # the file is an entry point itself
        head = f"{self.entry} ({self.entry_reason})"
        targets = [s.target for s in self.steps]
        if len(targets) > MAX_SHOWN_STEPS:
            targets = targets[:2] + ["…"] + targets[-(MAX_SHOWN_STEPS - 3):]
        return head + " imports " + ", which imports ".join(targets)


def _package_name(specifier: str) -> str:
    """`@acme/ui/button` -> `@acme/ui`; `lodash/fp` -> `lodash`."""
    parts = specifier.split("/")
    return "/".join(parts[:2]) if specifier.startswith("@") else parts[0]


def _last_name(specifier: str) -> str:
    """`@/lib/kaman.js?raw` -> `kaman`; `../lib` -> `lib`; `$lib` -> `lib`."""
    name = specifier.split("?", 1)[0].split("#", 1)[0].rstrip("/").rsplit("/", 1)[-1]
    if name in (".", ".."):
        return ""
    for suffix in (".d.ts",) + EXTENSIONS:
        if name.endswith(suffix) and len(name) > len(suffix):
            name = name[:-len(suffix)]
            break
    return name.lstrip("$~@#")


def _tree_folders(files: Iterable[str]) -> set[str]:
    """Every folder holding a file of `files`, and those above it."""
    found: set[str] = set()
    for folder in {posixpath.dirname(f) for f in files}:
        while folder and folder not in found:
            found.add(folder)
            folder = posixpath.dirname(folder)
    return found


def _under(paths: list[str], folder: str) -> list[str]:
    """The paths of sorted `paths` inside `folder` ("": all of them): the ones starting with
    `folder/`, which sort next to each other (one bisection, not a test of each path for each
    package: the small corpus's 2,165 unread modules were tested for 7 packages)."""
    if not folder:
        return list(paths)
    start = bisect_left(paths, folder + "/")
    return paths[start:bisect_left(paths, folder + "0", start)]  # "0" sorts right after "/"


class ProjectGraph:
    def __init__(self, facts: Iterable, other_files: Iterable[str], root: str, config: Config) -> None:
        self.config = config
        self.root = root
        self.project = Project.detect(concrete(root))
        self.modules: dict[str, Module] = {}
        manifests: list[Manifest] = []
        aliases: list[PathAliases] = []
        self.declared: list[DeclaredEntries] = []
        served_declarations: list[ServedFolder] = []
        copies: list[CopiedFolder] = []
        for fact in facts:
            if isinstance(fact, Module):
                self.modules[fact.path] = fact
            elif isinstance(fact, Manifest):
                manifests.append(fact)
            elif isinstance(fact, PathAliases):
                aliases.append(fact)
            elif isinstance(fact, DeclaredEntries):
                self.declared.append(fact)
            elif isinstance(fact, ServedFolder):
                served_declarations.append(fact)
            elif isinstance(fact, CopiedFolder):
                copies.append(fact)
        self.files = set(self.modules) | set(other_files)
        self.resolver = Resolver(self.files, manifests, aliases, self._package_root)
        # (the tree's folders only for a declaration to name: most scans have none)
        self.served = served.folders(served_declarations, copies, _tree_folders(self.files),
                                     self._package_root) if served_declarations else []
        self._edges: dict[str, list[tuple[str, int, str]]] = {}
        self._importers: dict[str, list[str]] | None = None  # within the relevant part
        self._within: dict[str, list[tuple[str, int, str]]] = {}
        self._package_entries: dict[str, set[str]] | None = None
        self._by_target: dict[str, dict[str, list[tuple[str, Edge]]]] = {}  # name -> target -> imports
        self._classified: dict[str, roles.Classification | None] = {}
        self._client: dict[str, tuple[str, int] | None] | None = None
        self._server: dict[str, tuple[str, int] | None] | None = None
        self._entry_why: dict[str, tuple[str, int, str]] = {}
        self._asked: set[str] = set()
        self._globs = bool(config.client_globs or config.server_globs)

    # --- questions ---------------------------------------------------------------------
    def ask(self, paths: Iterable[str]) -> None:
        """Say, before the first verdict, every file verdicts will be asked for: the walks then
        cover only the modules that import them (directly or not), since any way from an entry
        point to a file runs through those; classifying every module of a large tree costs more
        than walking it."""
        self._asked.update(paths)

    def verdict(self, path: str) -> Verdict | None:
        """The side the graph puts `path` on, with the chain from its entry point, or None."""
        if path not in self._asked and self._client is not None:
            return None  # not in the walked part of the graph
        self._asked.add(path)
        client, server = self._walks()
        if path in client:
            return self._verdict(CLIENT, path, client)
        if path in server:
            return self._verdict(SERVER, path, server)
        return None

    def served_folder(self, path: str) -> tuple[str, ServedFolder] | None:
        """The served folder holding `path` and its declaration, or None."""
        for folder, declaration in self.served:
            if folder == "" or path.startswith(folder + "/"):
                return folder, declaration
        return None

    def resolve(self, importer: str, specifier: str) -> str | None:
        return self.resolver.resolve(importer, specifier)

    def reachable_from(self, start: str) -> list[str]:
        """`start` and every module it imports, directly or not (both sides)."""
        seen = {start}
        queue = deque([start])
        while queue:
            for target, _line, _side in self.edges(queue.popleft()):
                if target not in seen:
                    seen.add(target)
                    queue.append(target)
        return sorted(seen)

    # --- building ----------------------------------------------------------------------
    def edges(self, path: str) -> list[tuple[str, int, str]]:
        """(target, line, side) of the imports of `path` that resolve to scanned files."""
        if path not in self._edges:
            module = self.modules.get(path)
            found = []
            if module is not None:
                page = PAGE in module.marks
                for edge in module.edges:
                    target = self.resolver.resolve(path, edge.specifier, page=page and edge.kind == "script")
                    if target is not None and target != path:
                        found.append((target, edge.line, edge.side))
            self._edges[path] = found
        return self._edges[path]

    def classification(self, path: str) -> roles.Classification | None:
        """The role of `path` from the config, its markers and its path; None when only
        content could tell."""
        if path in self._classified:
            return self._classified[path]
        found = None
        configured = self.config.role_for(self.config.project_path(Path(self.root) / path)) if self._globs else None
        if configured:
            found = roles.Classification(configured, f"matched `{configured}-globs` in the config", "", roles.CONFIGURED)
        module = self.modules.get(path)
        if found is None and module is not None:
            found = roles.marker_role(module.directive or None, SERVER_ONLY in module.marks, CLIENT_ONLY in module.marks)
        if found is None:
            package = self.project.package_for(path)
            found = roles.classify_path(path, package, self.project)
            if found is None and module is not None and PAGE in module.marks:
                found = roles.Classification(CLIENT, "HTML page served to browsers", "", roles.CONVENTION)
            if found is None and module is not None and NODE_SERVER in module.marks:
                found = roles.Classification(SERVER, "uses Node/server APIs", "", roles.CONTENT)
            if found is None:
                found = roles.layout_role(path, package)
        self._classified[path] = found
        return found

    def _walks(self):
        if self._client is None:
            self._complete()
            relevant = self._relevant()
            client_entries, server_entries = self._entries(relevant)
            self._client = self._walk(client_entries, SERVER_SIDE, SERVER, relevant)
            self._server = self._walk(server_entries, CLIENT_SIDE, None, relevant)
        return self._client, self._server

    def _complete(self) -> None:
        """Read the imports of the unread modules (`Module.surveyed` False: a library's or a
        server's, left out by the workers) of every package holding an asked file that a bundle
        enters: imported by name from a read module, or loaded by a page, a manifest or a served
        folder. A library no bundle of the tree enters keeps its files unread."""
        unread = sorted(path for path, module in self.modules.items() if not module.surveyed)
        if not unread:
            return
        # What enters a bundle is asked of the modules as the workers left them (not as the
        # reads below complete them), and only when a package needs it.
        surveyed = [module for module in self.modules.values() if module.surveyed]
        pages = [module for module in self.modules.values() if PAGE in module.marks]
        imported_names: set[str] | None = None
        loaded: set[str] | None = None
        done: set[str] = set()
        for path in sorted(self._asked):
            folder = self._package_root(path)
            if folder in done:
                continue
            done.add(folder)
            inside = _under(unread, folder)
            if not inside:
                continue
            manifest = self.resolver.manifests_by_folder.get(folder)
            entered = False
            if manifest is not None:
                if imported_names is None:
                    imported_names = {_package_name(edge.specifier) for module in surveyed for edge in module.edges
                                      if not edge.specifier.startswith((".", "/"))}
                entered = manifest.name in imported_names
            if not entered:
                if loaded is None:
                    loaded = self._declared_targets(pages)
                entered = not loaded.isdisjoint(inside) or path in loaded or (bool(self.served) and any(
                    self.served_folder(p) is not None for p in inside + [path]))
            if entered:
                self._read_from_disk(inside)

    def _declared_targets(self, pages: list[Module]) -> set[str]:
        """Files `pages` load and manifests or configs name: entry points wherever they are."""
        targets = set()
        for module in pages:
            targets.update(t for t in (self.resolver.resolve(module.path, e.specifier, page=e.kind == "script")
                                       for e in module.edges) if t)
        for declaration in self.declared:
            targets.update(t for t in (self.resolver.resolve(declaration.path, f, page=True)
                                       for f, _line in declaration.files) if t)
        return targets

    def _read_from_disk(self, paths: list[str]) -> None:
        from kaman_lint.exposure.graph.survey import survey
        from kaman_lint.reading import NotRegular, TooLarge, read_file

        for path in paths:
            try:
                data = read_file(os.path.join(self.root, path), MAX_LATE_READ)
            except (OSError, NotRegular, TooLarge):
                continue  # gone or changed since the scan read it: its imports stay unknown
            for fact in survey(path, data):
                if isinstance(fact, Module):
                    self.modules[path] = fact

    def _relevant(self) -> set[str]:
        """The asked files and every module that imports one of them, directly or not, with the
        imports between them (`self._within`: importer -> [(target, line, side)]). Only the
        specifiers that could name a file are resolved: those ending in its name (`./kaman`,
        `@/lib/kaman.js`), its folder's for an index (`../lib`), a package's whose entry it
        is, or a bare alias (`~`)."""
        by_name = self._specifiers_by_name()
        within: dict[str, list[tuple[str, int, str]]] = {}
        importers: dict[str, list[str]] = {}
        relevant = set(self._asked)
        queue = deque(sorted(relevant))
        while queue:
            path = queue.popleft()
            for importer, edge in self._importing(path, by_name):
                within.setdefault(importer, []).append((path, edge.line, edge.side))
                importers.setdefault(path, []).append(importer)
                if importer not in relevant:
                    relevant.add(importer)
                    queue.append(importer)
        for targets in within.values():
            targets.sort(key=lambda t: (t[1], t[0]))  # in file order: the walk's first way is the first import
        self._within, self._importers = within, importers
        return relevant

    def _specifiers_by_name(self) -> dict[str, list[tuple[str, Edge]]]:
        """(importing module, edge) by the last name of each specifier (`./lib/kaman.ts` -> kaman)."""
        by_name: dict[str, list[tuple[str, Edge]]] = {}
        for path, module in self.modules.items():
            for edge in module.edges:
                by_name.setdefault(_last_name(edge.specifier), []).append((path, edge))
        return by_name

    def _importing(self, path: str, by_name) -> list[tuple[str, Edge]]:
        """The imports (importer, edge) that resolve to `path`. Each name's specifiers are
        resolved once, whatever number of files share the name (`index.ts` in every folder)."""
        names = {_last_name(path), ""}  # "": `~`, `@`, `.`: bare aliases and folders
        if posixpath.splitext(posixpath.basename(path))[0] == "index":
            names.add(_last_name(posixpath.dirname(path)))
        names |= self._package_names_of(path)
        found = []
        for name in sorted(names):
            found.extend(self._resolved_by_name(name, by_name).get(path, ()))
        return [(importer, edge) for importer, edge in found if importer != path]

    def _resolved_by_name(self, name: str, by_name) -> dict[str, list[tuple[str, Edge]]]:
        if name not in self._by_target:
            targets: dict[str, list[tuple[str, Edge]]] = {}
            for importer, edge in by_name.get(name, ()):
                target = self._target(importer, edge)
                if target is not None:
                    targets.setdefault(target, []).append((importer, edge))
            self._by_target[name] = targets
        return self._by_target[name]

    def _target(self, importer: str, edge: Edge) -> str | None:
        module = self.modules[importer]
        return self.resolver.resolve(importer, edge.specifier, page=PAGE in module.marks and edge.kind == "script")

    def _package_names_of(self, path: str) -> set[str]:
        if self._package_entries is None:
            entries: dict[str, set[str]] = {}
            for name, (folder, _manifest) in self.resolver.packages.items():
                entry = self.resolver.file(folder)
                if entry:
                    entries.setdefault(entry, set()).update({name, _last_name(name)})
            self._package_entries = entries
        return self._package_entries.get(path, set())

    def _entries(self, relevant: set[str]) -> tuple[list[str], list[str]]:
        importers = self._importers or {}
        client: list[str] = []
        server: list[str] = []
        for path in sorted(p for p in relevant if p in self.modules):
            found = self.classification(path)
            if found is None or found.marker == NOT_SHIPPED or found.role not in (CLIENT, SERVER):
                continue
            root_only = found.soft and found.basis != roles.CONTENT
            if root_only and importers.get(path):
                continue  # a layout guess speaks only for modules nothing imports
            (client if found.role == CLIENT else server).append(path)
            self._entry_why.setdefault(path, (found.reason, 1, ""))
        for path in relevant:
            module = self.modules.get(path)
            if module is not None and SERVER_RENDERED in module.marks:
                server.append(path)  # an Astro file's frontmatter runs on the server
                self._entry_why.setdefault(path, ("rendered on the server (Astro frontmatter, data functions)", 1, ""))
        for declaration in self.declared:
            for written, line in declaration.files:
                target = self.resolver.resolve(declaration.path, written, page=True)
                if target is None or target not in relevant:
                    continue
                (client if declaration.side == CLIENT_SIDE else server).append(target)
                self._entry_why[target] = (declaration.why, line, declaration.path)
        for path in sorted(relevant):
            if posixpath.basename(path).startswith("."):
                continue  # static-file servers do not hand out dotfiles by default
            held = self.served_folder(path)
            if held is not None:
                folder, declaration = held
                client.append(path)
                self._entry_why[path] = (f"served as is from {folder or 'the project folder'}/ by {declaration.how}",
                                         declaration.line, declaration.path)
        return client, server

    def _walk(self, entries: list[str], skipped_side: str, stop_at: str | None,
              within: set[str]) -> dict[str, tuple[str, int] | None]:
        """Breadth first from `entries`: each reached module -> (importer, line), None for an
        entry. Edges of `skipped_side` are not followed; modules whose own role is `stop_at`
        (by marker or convention) are neither entered nor counted."""
        reached: dict[str, tuple[str, int] | None] = {}
        queue: deque[str] = deque()
        for entry in entries:
            if entry not in reached:
                reached[entry] = None
                queue.append(entry)
        while queue:
            path = queue.popleft()
            for target, line, side in self._within.get(path, ()):
                if side == skipped_side or target in reached or target not in within:
                    continue
                if stop_at is not None:
                    own = self.classification(target)
                    if own is not None and own.role == stop_at and not own.soft and own.marker != NOT_SHIPPED:
                        continue
                reached[target] = (path, line)
                queue.append(target)
        return reached

    def _verdict(self, role: str, path: str, reached: dict[str, tuple[str, int] | None]) -> Verdict:
        steps: list[Step] = []
        node = path
        seen = {node}
        while reached.get(node) is not None:
            importer, line = reached[node]
            steps.append(Step(importer, line, node))
            node = importer
            if node in seen:
                break
            seen.add(node)
        steps.reverse()
        why, line, declared_in = self._entry_why.get(node, ("entry point", 1, ""))
        return Verdict(role, node, why, tuple(steps), line, declared_in)

    def _package_root(self, path: str) -> str:
        directory = self.project.package_for(path).directory
        return directory if directory and not directory.startswith("..") else ""
