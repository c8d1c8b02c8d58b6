"""Which files to scan: walk the given paths, honouring `.gitignore` and the config's excludes.

Rules of the walk (what a user of a secret scanner expects, and what keeps it fast on big trees):

* Directory entries are visited sorted by name, depth first; each file is yielded once.
* `.git` is always skipped. The config's `exclude` (default: VCS and tool caches) and
  `extend-exclude` apply everywhere, also to files named on the command line (pre-commit passes
  file names, and a user's exclude must still hold there). Excluded files are skipped silently.
* In a git work tree the files are what `git ls-files --cached --others --exclude-standard`
  lists (`gitfiles.py`): tracked files always, even when `.gitignore` matches them (git never
  ignores a tracked file, and that file is pushed), untracked ones unless ignored. A nested
  repository or submodule is listed by its own git. Tracked files deleted from the work tree
  are not there to read and are passed over quietly. Without git (not installed, or failing,
  e.g. on a checkout owned by another user) the walk below runs instead, and when its own
  gitignore matching left anything out a `git-unavailable` notice says a tracked file may have
  been missed (exit 2; `--no-ignore` scans everything and needs no git).
* Outside git, `.gitignore` files apply from the top of the git repository (so one above the scan root
  counts; with no repository, from the scan root), with `.git/info/exclude` below them all. A
  directory holding its own `.git` (a nested repository or submodule) starts afresh.
* Gitignore does NOT apply to a file named on the command line: pre-commit and `--staged` only
  name files git is about to commit, and `git add -f .env` is exactly the file that must be
  scanned. A directory named on the command line that git ignores (`kaman-lint scan dist/`,
  the built bundle) is scanned too, with only the `.gitignore` files inside it.
* The scan stays inside the trees it was given. A symbolic link whose target is inside a
  scanned tree is not followed: the target is scanned once, under its own name. A link out of
  the trees draws an `outside-root` notice (counted, not an error) and is followed only with
  `--follow-links` (a command-line option, never a config key: the repository under review
  must not send the scan elsewhere). A file named on the command line that is a link is read
  when its target is inside the scan root. Whatever a link says, nothing under /proc, /sys,
  /dev or on a pseudo filesystem is read, nor any FIFO, socket or device (`not-a-file`); a
  dangling link is `broken-link`. The read itself (`reading.read_file`) re-checks all this on
  the open descriptor, and judges the size there: a file over `max-file-size` is reported and
  skipped then (`too-large`), so the walk costs no `stat` per file.
"""

from __future__ import annotations

import errno
import operator
import os
import re
import stat
import sys
from bisect import bisect_left
from collections.abc import Iterable, Iterator
from functools import lru_cache
from itertools import chain
from pathlib import Path

from .config import Config
from .findings import Notice
from .globs import gitignore_spec
from .keys import might_contain_key
from .gitfiles import GitUnavailable, work_tree_files, working_tree_encodings
from .reading import NotRegular, TooLarge, file_kind, read_named_file, special_place
from .paths import inside, relative_path, repository_top  # noqa: F401  (relative_path: part of this module's API)
from .walk_counts import WalkCounts  # noqa: F401  (part of this module's API)

from kaman_lint.named_tuples import NamedTuple

TYPE_CHECKING = False  # typing.TYPE_CHECKING: typing is not imported at run time
if TYPE_CHECKING:
    import pathspec


def _debug(message: str, *args: object) -> None:
    """A debug line for a program that set up `logging` (and so imported it): a scan does not
    import it for lines nobody shows (15-20 ms of a short run)."""
    logging = sys.modules.get("logging")
    if logging is not None:
        logging.getLogger(__name__).debug(message, *args)

_SEP = os.sep
IGNORE_FILE_LIMIT = 8 * 1024 * 1024  # far beyond any real .gitignore
LISTING_RUN = 64  # paths of a git listing handed over at a time (`_Walker._walk_listing`)


def discover(
    paths: Iterable[Path | str],
    *,
    root: Path,
    config: Config,
    notices: list[Notice],
    counts: WalkCounts | None = None,
) -> Iterator[str]:
    """Yield the absolute paths (strings: a Path per file costs a tenth of a 40,000-file walk)
    of the files to scan under `paths` (relative ones are taken from the working directory),
    adding a Notice for each path that is missing or cannot be scanned. `.gitignore` is
    honoured unless `config.no_ignore` (`--no-ignore`) says otherwise. `counts`, when given,
    receives what the config left out. The walk hands over its paths a directory's run at a
    time, and `chain` takes them out in C: no Python frame is resumed per path."""
    return chain.from_iterable(_runs(paths, root=root, config=config, notices=notices, counts=counts))


def _runs(paths: Iterable[Path | str], *, root: Path, config: Config, notices: list[Notice],
          counts: WalkCounts | None) -> Iterator[list[str]]:
    """The walk's runs of paths; the walker is made when the first one is asked for."""
    walker = _Walker(root=Path(root), config=config, notices=notices, use_gitignore=not config.no_ignore,
                     counts=counts)
    yield from walker.walk([os.path.abspath(p) for p in paths])


# -- gitignore -------------------------------------------------------------------------------------


class _GitignoreFile:
    """The patterns of one `.gitignore`, matched the way git matches them during a walk.

    pathspec matches whole paths, so `build*/` also matches everything under `build3/`, and a
    `!build3/` matches `build3/a/build5/` through its parent: fine for a single check, wrong for
    a walk that has already decided each parent. Here a pattern only counts when it matches the
    entry itself, which pathspec's regexes tell us through their directory-mark group.
    """

    _DIR_MARK = "ps_d"  # the group pathspec puts on the `/` of directory patterns

    def __init__(self, spec: pathspec.GitIgnoreSpec) -> None:
        # last pattern first: the last one that matches decides
        self._patterns = [
            (_anchored(p.regex), self._DIR_MARK in p.regex.groupindex, p.include)
            for p in reversed(spec.patterns)
            if p.include is not None
        ]

    def __bool__(self) -> bool:
        return bool(self._patterns)

    def decide(self, rel: str, is_dir: bool) -> bool | None:
        """True (ignored), False (re-included by `!`) or None (no pattern matches)."""
        as_dir = rel + "/"
        for regex, has_dir_mark, include in self._patterns:
            if not has_dir_mark:
                # `a/**` is `^a/`: it matches what is inside `a`, not `a/` itself
                if regex.match(rel):
                    return include
                continue
            subject = as_dir if is_dir else rel
            m = regex.match(subject)
            if m is None:
                continue
            if m.group(self._DIR_MARK) is not None and m.end(self._DIR_MARK) != len(subject):
                continue  # matched a parent directory, not this entry
            return include
        return None


def _anchored(regex: re.Pattern[str]) -> re.Pattern[str]:
    """pathspec leaves some regexes unanchored, for `search` (`*/` is just `(?P<ps_d>/)`); a
    greedy `^.*` in front makes `match` find the occurrence that ends last, i.e. the entry."""
    if regex.pattern.startswith("^"):
        return regex
    return re.compile(f"^.*(?:{regex.pattern})", regex.flags)


class _IgnoreRules(NamedTuple):
    """The gitignore layers in force in one directory, deepest first: the nearest `.gitignore`
    decides, and `.git/info/exclude` of the repository comes last."""

    layers: tuple[tuple[str, _GitignoreFile], ...] = ()

    def ignores(self, path: str, is_dir: bool) -> bool:
        for base, patterns in self.layers:
            rel = inside(path, base)
            if not rel:
                continue
            decision = patterns.decide(rel, is_dir)
            if decision is not None:
                return decision
        return False

    def below(self, directory: str, patterns: _GitignoreFile | None) -> _IgnoreRules:
        if patterns is None:
            return self
        return _IgnoreRules(((directory, patterns), *self.layers))


_NO_RULES = _IgnoreRules()


class _GitignoreReader:
    """Reads and compiles `.gitignore` files, once per directory."""

    def __init__(self, notices: list[Notice], root: str) -> None:
        self._cache: dict[str, _GitignoreFile | None] = {}
        self._notices = notices
        self._root = root

    def load(self, path: str) -> _GitignoreFile | None:
        if path not in self._cache:
            self._cache[path] = self._read(path)
        return self._cache[path]

    def _read(self, path: str) -> _GitignoreFile | None:
        # a .gitignore linked to /dev/zero or /proc/self/pagemap must not end the scan:
        # the same safe read as for scanned files (not an error: without it more is scanned)
        try:
            lines = read_named_file(path, IGNORE_FILE_LIMIT).decode("utf-8", "replace").splitlines()
        except (FileNotFoundError, NotADirectoryError):
            return None
        except NotRegular as e:
            self._notices.append(self._not_read(path, f"it is {e}"))
            return None
        except TooLarge as e:
            self._notices.append(self._not_read(path, f"over {IGNORE_FILE_LIMIT} bytes ({e.size})"))
            return None
        except OSError as e:
            self._notices.append(self._not_read(path, e.strerror or str(e)))
            return None
        lines = [_fix_trailing_globstar(line) for line in lines]
        try:
            spec = gitignore_spec(lines)
        except Exception:  # one bad line must not lose the file; git skips bad lines too
            spec = gitignore_spec([line for line in lines if _valid_pattern(line)])
        patterns = _GitignoreFile(spec)
        return patterns if patterns else None

    def _not_read(self, path: str, why: str) -> Notice:
        return Notice("ignore-file", f"ignore file not read: {why}", relative_path(path, self._root))

    def repository_rules(self, top: str) -> _IgnoreRules:
        """The rules at a repository's top: its `.gitignore` over its `.git/info/exclude` (not
        read when its `.git` file leads out of the tree: `own_git_dir`)."""
        exclude = os.path.join(_git_common_dir(top), "info", "exclude") if own_git_dir(top) else None
        rules = _NO_RULES.below(top, self.load(exclude) if exclude else None)
        return rules.below(top, self.load(os.path.join(top, ".gitignore")))


@lru_cache(maxsize=256)
def own_git_dir(top: str) -> bool:
    """Whether the git directory of the work tree at `top` is its own. A `.git` directory is;
    a `.git` file (`gitdir: ...`) is when it names a directory inside the `.git` directory of
    `top` or of a directory above it (a submodule's `.git/modules/x`), or a worktree's admin
    directory whose `gitdir` file names this `.git` file back (`git worktree add`). Any other
    `.git` file is a tree's say-so (an unpacked archive can hold `sub/.git` saying `gitdir:
    /home/runner/other/.git`): git is not run there and nothing of that directory is read,
    so the scan neither reads outside its tree nor lets another repository's index and
    excludes decide what it scans; the directory is walked as one outside git."""
    dot_git = os.path.join(top, ".git")
    if os.path.islink(dot_git):  # a link named .git leads wherever the tree says
        return False
    if not os.path.isfile(dot_git):
        return True  # a `.git` directory, or none at all
    try:
        with open(dot_git, "rb") as f:
            line = f.read(4096).split(b"\n", 1)[0].decode(errors="replace")
    except OSError:
        return False
    if not line.startswith("gitdir:"):
        return False
    git_dir = os.path.realpath(os.path.join(top, line[len("gitdir:"):].strip()))
    current = os.path.realpath(top)
    while True:
        home = os.path.join(current, ".git")
        if os.path.isdir(home) and inside(git_dir, os.path.realpath(home)) is not None:
            return True
        parent = os.path.dirname(current)
        if parent == current:
            break
        current = parent
    try:  # a worktree: its admin directory says where its `.git` file is
        with open(os.path.join(git_dir, "gitdir"), "rb") as f:
            back = f.read(4096).decode(errors="replace").strip()
    except OSError:
        return False
    # absolute, or relative to the admin directory (`git worktree add --relative-paths`)
    return os.path.realpath(os.path.join(git_dir, back)) == os.path.realpath(dot_git)


def git_common_dir(top: str) -> str:
    """The repository's common git directory for the work tree at `top` (see below)."""
    return _git_common_dir(top)


def _git_common_dir(top: str) -> str:
    """The directory holding `info/exclude`: `.git`, or for a submodule or worktree (whose
    `.git` is a file saying `gitdir: ...`) the directory it names, or that one's common dir."""
    dot_git = os.path.join(top, ".git")
    if not os.path.isfile(dot_git):
        return dot_git
    try:
        with open(dot_git, "rb") as f:
            line = f.read(4096).split(b"\n", 1)[0].decode(errors="replace")
    except OSError:
        return dot_git
    if not line.startswith("gitdir:"):
        return dot_git
    git_dir = os.path.normpath(os.path.join(top, line[len("gitdir:"):].strip()))
    try:
        with open(os.path.join(git_dir, "commondir"), "rb") as f:  # a worktree's
            return os.path.normpath(os.path.join(git_dir, f.read(4096).decode(errors="replace").strip()))
    except OSError:
        return git_dir


def _fix_trailing_globstar(line: str) -> str:
    """`a/**/` means the directories inside `a`, but pathspec reads it as `a/` (a itself);
    `a/**/*/` says the same thing in a form it gets right."""
    stripped = line.rstrip(" ")
    if stripped.endswith("/**/") and len(stripped.lstrip("!/")) > len("**/"):
        return stripped + "*/"
    return line


def _valid_pattern(line: str) -> bool:
    try:
        gitignore_spec([line])
        return True
    except Exception:
        return False


# -- the walk --------------------------------------------------------------------------------------


class _Directory(NamedTuple):
    """A directory being walked, with the ignore rules in force inside it."""
    path: str
    real: str  # resolved path, to recognise a directory reached again through a symlink
    rules: _IgnoreRules
    entries: Iterator[os.DirEntry[str]]
    repository: bool = False  # holds a `.git` of its own
    rel: str = ""  # what the config's excludes are matched against ("" for the project root)
    by_name: bool = True  # no directory of `rel` is excluded: `Config.excludes_entry` holds
    real_prefix: str = ""  # `real` ending in a separator, to which a name is added


class _Walker:
    # The loop of `_walk_directory` judges the common entries itself; without it (tests compare
    # the two) every entry goes through `_visit`, the general path.
    judge_inline = True

    def __init__(self, *, root: Path, config: Config, notices: list[Notice], use_gitignore: bool,
                 counts: WalkCounts | None = None) -> None:
        self.root = os.path.abspath(root)
        self.counts = counts if counts is not None else WalkCounts()
        self.noted_links: set[str] = set()
        self.config = config
        self.notices = notices
        self.use_gitignore = use_gitignore
        self.follow_links = config.follow_links
        self.gitignores = _GitignoreReader(notices, self.root)
        self.yielded: set[str] = set()
        self.note_yielded = True  # the walk of the last path named notes none (`walk`)
        self.followed: set[str] = set()  # real paths of files reached through links out of the tree
        self.visited_dirs: set[str] = set()  # real paths
        self.scanned_trees: list[str] = []  # real paths of the directories named
        self.git_unavailable: str | None = None  # why git could not list a work tree
        self.ignored_by_walk = 0  # entries the walk's own gitignore matching left out
        self.entry_excluded = config.excludes_entry  # the callable it comes to, once a walk starts
        file_names = config.file_names_excluded
        # the names a regular file must not have to be yielded as it is, where the excludes go
        # by name alone (None: they do not)
        self.skipped_names = None if file_names is None else file_names | {".git"}

    def walk(self, paths: list[str]) -> Iterator[list[str]]:
        """The files to scan, in runs (`discover`)."""
        self.scanned_trees = [os.path.realpath(p) for p in paths if os.path.isdir(p)]
        for n, path in enumerate(paths, 1):
            # what the last argument's walk yields no later one can yield again: not noted (the
            # walk of a directory yields each path once: it enters a directory once, and a link
            # out of the tree under the link's own path; `_walk_tree` notes a walk a listing follows)
            self.note_yielded = n < len(paths)
            yield from self._walk_argument(path)
        if self.git_unavailable and self.ignored_by_walk:
            self.notices.append(Notice(
                "git-unavailable",
                f"{self.git_unavailable}; .gitignore was matched without it, so {self.ignored_by_walk} "
                "ignored path(s) were not scanned and a tracked file among them would be missed: "
                "install git, or pass --no-ignore to scan them all"))

    # -- paths named on the command line

    def _walk_argument(self, path: str) -> Iterator[list[str]]:
        try:
            st = os.stat(path)
        except FileNotFoundError:
            if os.path.islink(path):
                self.notices.append(self._notice("unreadable", path, "cannot read: broken symbolic link"))
            else:
                self.notices.append(self._notice("missing", path, "no such file or directory"))
            return
        except OSError as e:
            self.notices.append(_unreadable(path, self.root, e))
            return
        is_dir = stat.S_ISDIR(st.st_mode)
        if self._excluded(path, is_dir, walk_base=os.path.dirname(path), tracked=True):  # named: asked for
            _debug("excluded: %s", path)
            self.counts.excluded += 1  # named paths answer to the config's own excludes only
            return
        real = os.path.realpath(path)
        why = special_place(real, st)
        if why:
            self.notices.append(self._notice("not-a-file", path, f"skipped: {why}"))
            return
        if os.path.islink(path) and not is_dir:
            # pre-commit names the files of a commit, and a committed link can point anywhere
            target = self._link_target(path, [os.path.realpath(self.root), *self.scanned_trees])
            if target is None or (not target.inside and not self._first_time_followed(target.real)):
                return
        if is_dir:
            yield from self._walk_tree(path)
        elif self._accept_file(path, st):
            yield [path]

    def _walk_tree(self, named: str) -> Iterator[list[str]]:
        real = os.path.realpath(named)
        if real in self.visited_dirs:  # named twice, or inside a directory named before
            return
        self.visited_dirs.add(real)
        self.counts.walked_directory = True
        rules, ignored = self._rules_for_named_directory(named)
        listed = self._git_listing(named, tracked_only=ignored) if self.use_gitignore else None
        if listed is None:
            yield from self._walk_directory(named, real, rules)
        elif not ignored:
            yield from self._walk_listing(named, listed)
        else:  # `scan dist/` that git ignores: the walk with dist's own rules, and what is tracked
            noted, self.note_yielded = self.note_yielded, True  # (the listing names what the walk found)
            found = [path for run in chain(self._walk_directory(named, real, rules), self._walk_listing(named, listed))
                     for path in run]
            self.note_yielded = noted
            yield sorted(found, key=lambda p: _components(inside(p, named) or ""))

    def _walk_directory(self, named: str, real: str, rules: _IgnoreRules) -> Iterator[list[str]]:
        """The walk: `named` and everything below it, `rules` being the gitignore rules in
        force in `named`. Yields the files in runs of LISTING_RUN or more (each run is a pass
        through five generators), in the order of the walk.

        In a directory where no gitignore applies and the excludes go by name (most directories
        of most trees) a plain file and a subdirectory are judged here, with what was hoisted out
        of the loop: `_visit`, which judges every other entry, would come to the same answer at a
        call's extra cost (tests/test_discover_inline.py compares the two)."""
        self.entry_excluded = excluded = self.config.entry_excluded  # (only a walk needs it built)
        directory_names = self.config.directory_names_excluded  # when a directory's name alone decides
        open_directory = self._open
        first = open_directory(named, real, rules, self._exclude_base(named), False, None)
        stack = [first] if first else []
        visit = self._visit
        yielded = self.yielded
        note_yielded = self.note_yielded
        visited_dirs = self.visited_dirs
        inline = self.judge_inline
        skipped = self.skipped_names  # (None: a file's name alone does not decide)
        run: list[str] = []
        while stack:
            directory = stack[-1]
            rel = directory.rel
            plain = inline and directory.by_name and not directory.rules.layers
            names_decide = plain and directory_names is not None
            for entry in directory.entries:  # up to its next subdirectory, whose entries come first
                name = entry.name
                # a regular file, not a link (known from the listing: no stat), whose name is
                # neither an excluded one nor `.git`: `_visit` would yield it
                if plain and entry.is_file(follow_symlinks=False) and (
                        name not in skipped if skipped is not None
                        else name != ".git" and not excluded(rel, name, False)):
                    path = entry.path
                    if not (yielded and path in yielded):
                        if note_yielded:
                            yielded.add(path)
                        run.append(path)
                        continue
                if name == ".git":
                    continue
                try:
                    is_dir = entry.is_dir()  # follows symlinks; free for plain entries (d_type)
                except OSError:
                    is_dir = False
                if names_decide and is_dir and name not in directory_names and not entry.is_symlink():
                    # `_visit` of a subdirectory, as it comes out where no gitignore applies
                    # and the excludes go by name (os.path.join: a name holds no separator)
                    real = directory.real_prefix + name
                    if real in visited_dirs:
                        continue
                    visited_dirs.add(real)
                    child = open_directory(entry.path, real, directory.rules, f"{rel}/{name}" if rel else name,
                                           True, True)
                else:
                    child = visit(entry, directory, is_dir)
                if child is None:
                    continue
                if type(child) is str:
                    run.append(child)
                    continue
                if child.repository:
                    listed = self._git_listing(child.path, tracked_only=False)
                    if listed is not None:
                        # a repository of its own inside a tree that is not one: what its git lists
                        if run:
                            yield run
                            run = []
                        yield from self._walk_listing(child.path, listed)
                        continue
                stack.append(child)
                break
            else:
                stack.pop()
            if len(run) >= LISTING_RUN:  # (a run per directory: each costs a pass through the generators)
                yield run
                run = []
        if run:
            yield run

    # -- a git work tree

    def _git_listing(self, named: str, *, tracked_only: bool) -> dict[str, bool] | None:
        """What git lists under `named`, or None outside a git work tree (or without git: then
        the walk runs, and says so if its own gitignore matching left anything out)."""
        top = repository_top(named) if self.use_gitignore else None
        if top is None:
            return None  # no `.git` up the tree: no process to start
        if not own_git_dir(top):
            self.notices.append(self._notice("foreign-git", top, "its .git file leads out of the tree; "
                                             "walked as a directory outside git"))
            return None
        try:
            return work_tree_files(named, tracked_only=tracked_only)
        except GitUnavailable as err:
            self.git_unavailable = self.git_unavailable or str(err)
            return None

    def _walk_listing(self, named: str, listed: dict[str, bool]) -> Iterator[list[str]]:
        """What git listed under `named` (path -> tracked): a tracked file answers only to the
        config's own excludes, not to the defaults meant for untracked local environments.
        In runs of at most `LISTING_RUN` paths: each costs an `lstat` here, and the workers
        should not wait for a whole repository's."""
        run: list[str] = []
        excluded_dirs: dict[bool, dict[str, bool]] = {False: {named: False}, True: {named: False}}
        self._note_encodings(named, listed)
        for rel in sorted(listed, key=_components):
            path = os.path.join(named, *rel.rstrip("/").split("/"))
            tracked = listed[rel]
            if self._directory_excluded(os.path.dirname(path), named, excluded_dirs[tracked], tracked):
                continue  # counted once, with the directory
            try:
                st = os.lstat(path)
            except FileNotFoundError:
                continue  # tracked, but deleted from the work tree (or left out of a sparse checkout)
            except OSError as err:
                self.notices.append(_unreadable(path, self.root, err))
                continue
            is_dir = stat.S_ISDIR(st.st_mode)
            if self._excluded(path, is_dir, walk_base=named, tracked=tracked):
                self._count_excluded(path, is_dir, named, tracked)
                continue
            if is_dir or stat.S_ISLNK(st.st_mode):
                if run:
                    yield run
                    run = []
                # a submodule, or an untracked repository of its own; or a link
                yield from self._walk_tree(path) if is_dir else self._listed_link(path)
            elif self._accept_file(path, st):
                run.append(path)
                if len(run) == LISTING_RUN:
                    yield run
                    run = []
        if run:
            yield run

    def _note_encodings(self, named: str, listed: dict[str, bool]) -> None:
        """The working-tree encodings of the listed files, when a `.gitattributes` there sets
        any (a read of those few files first: most repositories set none, and ask git nothing)."""
        attributes = [rel for rel in listed if rel.rsplit("/", 1)[-1] == ".gitattributes"]
        if not any(_mentions(os.path.join(named, rel), b"working-tree-encoding") for rel in attributes):
            return
        try:
            found = working_tree_encodings(named, [rel for rel in listed if not rel.endswith("/")])
        except GitUnavailable as err:
            self.notices.append(self._notice("git-unavailable", named, f"{err}; files git writes in another "
                                             "encoding (working-tree-encoding) may not be read right"))
            return
        for rel, encoding in found.items():
            self.counts.encodings[os.path.join(named, *rel.split("/"))] = encoding

    def _directory_excluded(self, directory: str, named: str, known: dict[str, bool], tracked: bool) -> bool:
        """Whether the config excludes `directory` or a directory between it and `named`."""
        if directory not in known:
            above = self._directory_excluded(os.path.dirname(directory), named, known, tracked)
            known[directory] = above or self._excluded(directory, True, walk_base=named, tracked=tracked)
            if known[directory] and not above:
                self._count_excluded(directory, True, named, tracked)
        return known[directory]

    def _listed_link(self, path: str) -> Iterator[list[str]]:
        """A symbolic link git lists (git does not look through links): followed only out of
        the tree and only with `--follow-links`."""
        target = self._link_target(path, self.scanned_trees)
        if target is None or target.inside:
            return
        if not stat.S_ISDIR(target.st.st_mode):
            if self._first_time_followed(target.real) and self._accept_file(path, target.st):
                yield [path]
        elif target.real not in self.visited_dirs:
            self.visited_dirs.add(target.real)
            yield from self._walk_directory(path, target.real, _NO_RULES)

    def _rules_for_named_directory(self, directory: str) -> tuple[_IgnoreRules, bool]:
        """The gitignore rules in force in `directory`, from the repository top (or the scan
        root) down, and whether git ignores `directory` itself: then the rules are only those
        inside it (a directory named on the command line is scanned)."""
        if not self.use_gitignore:
            return _NO_RULES, False
        top = repository_top(directory)
        if top is None:
            top = self.root if inside(directory, self.root) is not None else directory
            rules = _NO_RULES.below(top, self.gitignores.load(os.path.join(top, ".gitignore")))
        else:
            rules = self.gitignores.repository_rules(top)
        rel = inside(directory, top) or ""
        current = top
        for part in rel.split("/") if rel else ():
            current = os.path.join(current, part)
            if rules.ignores(current, is_dir=True):
                _debug("scanning %s although git ignores it: it was named", directory)
                return _NO_RULES.below(directory, self.gitignores.load(os.path.join(directory, ".gitignore"))), True
            rules = rules.below(current, self.gitignores.load(os.path.join(current, ".gitignore")))
        return rules, False

    # -- one directory entry

    def _open(self, path: str, real: str, rules: _IgnoreRules, rel: str, parent_rules: bool = False,
              by_name: bool | None = None) -> _Directory | None:
        """List a directory, sorted by name. `rules` are the ones in force in it, or with
        `parent_rules` those of its parent, to which its own `.gitignore` is added here."""
        try:
            # (no `with`: its two calls are a sixth of what a directory costs the loop; the
            # iterator closes its directory when it ends, and when reading fails)
            entries = sorted(os.scandir(path), key=_name)
        except OSError as e:
            self.notices.append(_unreadable(path, self.root, e))
            return None
        repository = False
        # (sorted: when the first name comes after `.gitignore`, neither it nor `.git` is here)
        if parent_rules and self.use_gitignore and entries and entries[0].name <= ".gitignore":
            if _holds(entries, ".git"):
                repository = True
                rules = self.gitignores.repository_rules(path)  # a nested repository starts afresh
            elif _holds(entries, ".gitignore"):
                rules = rules.below(path, self.gitignores.load(os.path.join(path, ".gitignore")))
        if by_name is None:  # the top of a walk: a directory the config excludes is walked when
            by_name = not self.config.excludes(rel, True)  # a link reaches it; whole paths then
        return _new_directory(_Directory, (path, real, rules, iter(entries), repository, rel, by_name,
                                           real if real.endswith(_SEP) else real + _SEP))

    def _visit(self, entry: os.DirEntry[str], parent: _Directory, is_dir: bool) -> _Directory | str | None:
        """A subdirectory to descend into, a file path to yield, or None to skip the entry.
        This runs for every entry of the tree: a plain file costs no system call (its type is
        in the directory listing; size and type are judged again on the open descriptor when
        it is read, `reading.read_file`)."""
        name = entry.name
        if (self.entry_excluded(parent.rel, name, is_dir) if parent.by_name
                else self.config.excludes(f"{parent.rel}/{name}" if parent.rel else name, is_dir)):
            if self.config.excludes(f"{parent.rel}/{name}" if parent.rel else name, is_dir, tracked=True):
                self.counts.excluded += 1  # the config's own patterns, not the default ones
            return None
        if parent.rules.layers and parent.rules.ignores(entry.path, is_dir):
            self.ignored_by_walk += 1
            return None
        if entry.is_symlink():
            return self._visit_link(entry, parent, f"{parent.rel}/{name}" if parent.rel else name)
        if not is_dir:
            path = entry.path
            yielded = self.yielded
            if entry.is_file(follow_symlinks=False) and not (yielded and path in yielded):
                if self.note_yielded:
                    yielded.add(path)
                return path
            return path if self._accept_entry(entry) else None
        rel = f"{parent.rel}/{name}" if parent.rel else name
        real = os.path.join(parent.real, name)
        if real in self.visited_dirs:
            return None
        self.visited_dirs.add(real)
        return self._open(entry.path, real, parent.rules, rel, True, parent.by_name)

    def _visit_link(self, entry: os.DirEntry[str], parent: _Directory, rel: str) -> _Directory | str | None:
        """A link inside the tree is not followed: its target is scanned under its own name. A
        link out of it is followed only with `--follow-links`, and never to /proc or a device."""
        target = self._link_target(entry.path, self.scanned_trees)
        if target is None or target.inside:
            return None
        if not stat.S_ISDIR(target.st.st_mode):
            if self._first_time_followed(target.real) and self._accept_file(entry.path, target.st):
                return entry.path
            return None
        if target.real in self.visited_dirs:  # a loop, or a directory reached before
            return None
        self.visited_dirs.add(target.real)
        return self._open(entry.path, target.real, parent.rules, rel, True)

    def _link_target(self, path: str, trees: list[str]) -> _LinkTarget | None:
        """Where the link `path` leads, when that is a regular file or directory the scan may
        read; None, with a notice, when it is nowhere, special, or out of `trees` without
        `--follow-links`."""
        self._note_link_text(path)
        try:
            st = os.stat(path)
        except (FileNotFoundError, NotADirectoryError):
            self.notices.append(self._notice("broken-link", path, "skipped: broken symbolic link"))
            return None
        except OSError as err:
            if err.errno == errno.ELOOP:
                self.notices.append(self._notice("broken-link", path, "skipped: symbolic link loop"))
            else:
                self.notices.append(_unreadable(path, self.root, err))
            return None
        real = os.path.realpath(path)
        why = special_place(real, st)
        if why is None and not (stat.S_ISREG(st.st_mode) or stat.S_ISDIR(st.st_mode)):
            why = f"it links to {file_kind(st.st_mode)}"
        if why:
            self.notices.append(self._notice("not-a-file", path, f"skipped: symbolic link not followed: {why}"))
            return None
        inside_trees = any(inside(real, tree) is not None for tree in trees)
        if not inside_trees and not self.follow_links:
            self.notices.append(self._notice(
                "outside-root", path,
                "skipped: symbolic link to a place outside the scanned tree (--follow-links follows it)"))
            return None
        return _LinkTarget(real, st, inside_trees)

    def _note_link_text(self, path: str) -> None:
        """A link whose target text mentions a key: that text is committed content too."""
        try:
            target = os.readlink(path)
        except (OSError, ValueError):
            return
        if might_contain_key(target) and path not in self.noted_links:
            self.noted_links.add(path)
            self.counts.link_texts.append((path, target))

    def _first_time_followed(self, real: str) -> bool:
        if real in self.followed:
            return False
        self.followed.add(real)
        return True

    def _accept_entry(self, entry: os.DirEntry[str]) -> bool:
        try:
            st = entry.stat(follow_symlinks=False)  # not a link: the walk judged links already
        except FileNotFoundError:
            self.notices.append(self._notice("vanished", entry.path, "cannot read: gone while the walk listed it"))
            return False
        except OSError as e:
            self.notices.append(_unreadable(entry.path, self.root, e))
            return False
        return self._accept_file(entry.path, st)

    def _accept_file(self, path: str, st: os.stat_result) -> bool:
        """True for a regular file not yielded before; a notice for anything else. (Its size is
        judged when it is read, on the open descriptor: `reading.read_file`.)"""
        if not stat.S_ISREG(st.st_mode):
            kind = file_kind(st.st_mode)
            self.notices.append(self._notice("not-a-file", path, f"skipped: not a regular file ({kind})"))
            return False
        if path in self.yielded:
            return False
        self.yielded.add(path)
        return True

    # -- excludes

    def _exclude_base(self, directory: str) -> str:
        """The path the excludes see for `directory`: relative to the project root, or ""
        outside it (a walk out there matches them relative to where it started)."""
        rel = self.config.project_path(directory)
        return "" if rel == "." or rel.startswith("/") else rel

    def _count_excluded(self, path: str, is_dir: bool, walk_base: str, tracked: bool) -> None:
        """Count an excluded path when the config's own patterns exclude it (a tracked path
        answers to those alone; an untracked one may only match a default exclude)."""
        if tracked or self._excluded(path, is_dir, walk_base, tracked=True):
            self.counts.excluded += 1

    def _excluded(self, path: str, is_dir: bool, walk_base: str, tracked: bool = False) -> bool:
        """Whether the config's exclude patterns (relative to the project root) match `path`.
        Outside the project root they are matched relative to where the walk started."""
        return self.config.is_excluded(path, is_dir=is_dir, outside_base=walk_base, tracked=tracked)

    def _notice(self, kind: str, path: str, message: str) -> Notice:
        return Notice(kind, message, path=relative_path(path, self.root))


_new_directory = tuple.__new__  # `_Directory(...)` without the Python frame of its `__new__`


class _LinkTarget(NamedTuple):
    real: str
    st: os.stat_result
    inside: bool  # in one of the trees scanned: reached under its own name


# -- small helpers ---------------------------------------------------------------------------------


_name = operator.attrgetter("name")


def _holds(entries: list[os.DirEntry[str]], name: str) -> bool:
    """Whether `entries`, sorted by name, hold one named `name`: a bisection, not a set of
    every name of every directory."""
    i = bisect_left(entries, name, key=_name)
    return i < len(entries) and entries[i].name == name


def _components(rel: str) -> list[str]:
    """Sort key: by name, directory by directory, as the walk visits entries."""
    return rel.split("/")


def _mentions(path: str, needle: bytes) -> bool:
    try:
        return needle in read_named_file(path, IGNORE_FILE_LIMIT)
    except (OSError, NotRegular, TooLarge):
        return False


def _unreadable(path: str, root: str, error: OSError) -> Notice:
    reason = error.strerror or str(error)
    return Notice("unreadable", f"skipped: cannot read: {reason}", path=relative_path(path, root))
