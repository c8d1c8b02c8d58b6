"""The facts analyzers emit and rules read.

Per-file facts live in the worker that analysed the file and may hold a :class:`Key` (in memory
only). What crosses to the main process for the cross-file step is :class:`KeyRef` and other
key-free facts: fingerprints, never keys.
"""

from __future__ import annotations

from kaman_lint.named_tuples import NamedTuple
from kaman_lint.records import dataclass, field
from kaman_lint import lazy_re
from kaman_lint.config import Config
from kaman_lint.findings import Location
from kaman_lint.keys import Key
from kaman_lint.source import Source

TYPE_CHECKING = False  # typing.TYPE_CHECKING: typing is not imported at run time
if TYPE_CHECKING:
    from typing import Any


# Sections kept per literal, outermost first: a section is a few levels deep, and a file nesting
# thousands deep would otherwise give each of its many literals thousands of labels (and each
# reader the work of building them: quadratic).
MAX_SECTIONS = 32

class KeyLiteral(NamedTuple):
    """A real-looking key written in the file."""

    offset: int
    end: int
    line: int
    column: int
    key: Key
    # The variable, setting or attribute the key is assigned to, when the analyzer can tell
    # (`KAMAN_API_KEY`, `NEXT_PUBLIC_KAMAN_KEY`, `content`, `api_key`).
    name: str | None = None
    # Enclosing sections, outermost first: YAML/TOML/INI tables, Python classes, CI jobs
    # (at most MAX_SECTIONS).
    section: tuple[str, ...] = ()
    # Where in the file's syntax: "string", "comment", "docstring", "attribute", "script",
    # "notebook-source", "notebook-output", "text", ...
    context: str = "text"
    encoding: str = "plain"  # "plain" or "base64"


# FileFacts.extra kind of KeyAlias; ProjectFacts.extra kind of the KeyRefs made from them.
KEY_ALIASES = "key-aliases"
ALIAS_REFS = "alias-refs"


class KeyAlias(NamedTuple):
    """A place that repeats a key literal of the same file without writing it: a YAML alias
    (`api_key: *kaman_key`, `<<: *defaults`). Key-free: the key's fingerprint and preview. Only
    KAM003 reads these (the environment is the alias site's); KAM001 and KAM002 report the
    literal itself."""

    line: int
    column: int
    fingerprint: str
    preview: str
    name: str | None = None  # as in KeyLiteral: the setting the repeated key lands in
    section: tuple[str, ...] = ()  # the alias site's sections (plus the path inside a merge)
    context: str = "alias"
    origin: tuple[int, int] = (0, 0)  # line and column of the occurrence it repeats


# EnvRead kinds: how the code reads the variable.
PROCESS_ENV = "process.env"  # `process.env.X`, `process.env["X"]`
IMPORT_META_ENV = "import.meta.env"  # `import.meta.env.X`
IMPORTED_ENV_NAME = "imported-env-name"  # `import { X } from "$env/static/public"`: X is used by name
ENV_MODULE_MEMBER = "env-module-member"  # `env.X` from "$env/dynamic/...", `Config.X` (react-native-config)
OS_ENVIRON = "os.environ"  # Python `os.environ["X"]`, `os.getenv("X")`


class EnvRead(NamedTuple):
    """Code reading an environment variable or settings entry (`process.env.X`,
    `import.meta.env.X`, `os.environ["X"]`, `settings.X`)."""

    name: str
    line: int
    column: int
    expression: str  # for messages only: e.g. "process.env.NEXT_PUBLIC_KAMAN_KEY"
    kind: str  # one of the kinds above: what rules and analyzers test
    module: str = ""  # the module the value comes from, for module kinds ("$env/static/public")
    length: int = 0  # characters the read spans in the file (`process.env["X"]`, `env.X`, `X`)


@dataclass
class FileFacts:
    """What the rules know about one file beyond its text."""
    source: Source
    role: str = "unknown"  # "client", "server", "unknown"
    role_reason: str = ""  # display text for messages
    role_marker: str = ""  # machine-readable: roles.USE_SERVER_DIRECTIVE, roles.NEXT_SERVER_COMPONENT, ""
    role_basis: str = ""  # how the role was decided (roles.CONVENTION, roles.LAYOUT, ...): the graph may overrule soft ones
    environment: str | None = None  # "development", "production", "staging", "test"
    package: Any = None  # the nearest project.Package (frameworks, public prefixes), set by the engine
    literals: list[KeyLiteral] = field(default_factory=list)
    env_reads: list[EnvRead] = field(default_factory=list)
    # Other fact types that a rule's analyzer adds (template renders, responses, ...), by kind.
    extra: dict[str, list[Any]] = field(default_factory=dict)
    parse_error: str | None = None
    # Lines holding a real comment, when the analyzer can tell (Python's tokenizer): a
    # `# kaman-lint: ignore` inside a string literal is data, not a suppression.
    comment_lines: frozenset[int] | None = None

    def add(self, kind: str, fact: Any) -> None:
        self.extra.setdefault(kind, []).append(fact)

    def location(self, line: int, column: int, end: int | None = None) -> Location:
        """A place in this file, with its span: up to the string offset `end` (exclusive) when
        the caller knows it, else the token that starts there (a name, a dotted expression such
        as `process.env.NEXT_PUBLIC_KAMAN_KEY`, a callee), at least one character."""
        source = self.source
        if end is not None:
            end_line, end_column = source.position(end)
        else:
            start = source.offset(line, column)
            token = _TOKEN.match(source.text, start, start + _LONGEST_TOKEN)
            end_line, end_column = line, column + max(1, token.end() - start if token else 0)
        return Location(source.relpath, line, column, end_line, end_column)

    def literal_location(self, literal: KeyLiteral) -> Location:
        """Where a key literal is written: the key's own span (for a base64 key, the encoded
        value's). Made once a literal: KAM001's finding and the engine's key reference both
        ask (a Location is frozen, so the two share it)."""
        # By the literal's place, in an attribute that is no field (no copy holds it, nothing
        # compares it, and a field that `__init__` does not take would need `dataclasses`).
        made = self.__dict__.get("_literal_locations")
        if made is None:
            made = self.__dict__["_literal_locations"] = {}
        place = (literal.line, literal.column, literal.offset, literal.end)
        found = made.get(place)
        if found is None:
            found = made[place] = self.location(literal.line, literal.column,
                                                literal.end if literal.end > literal.offset else None)
        return found

    def read_location(self, read: EnvRead) -> Location:
        """Where code reads a variable: the whole read (`process.env["X"]`) when its length is known."""
        end = self.source.offset(read.line, read.column) + read.length if read.length else None
        return self.location(read.line, read.column, end)


# The token a span without a known end covers; bounded, so a huge run costs nothing.
_TOKEN = lazy_re.compile(r"[\w$.\-]+")
_LONGEST_TOKEN = 400


class KeyRef(NamedTuple):
    """A key occurrence as the cross-file step sees it: a fingerprint, never the key."""

    location: Location
    fingerprint: str
    preview: str
    name: str | None
    section: tuple[str, ...]
    environment: str | None
    role: str
    context: str = "text"  # as in KeyLiteral: "string", "comment", ...


@dataclass
class ProjectFacts:
    """Everything the cross-file step (`Rule.finish`) sees: key-free facts from every file."""

    root: str
    key_refs: list[KeyRef] = field(default_factory=list)
    config: Config = field(default_factory=Config)  # the scan's, for rules with settings
    # Other key-free cross-file facts by kind (template renders, templates printing variables...).
    extra: dict[str, list[Any]] = field(default_factory=dict)

    def add(self, kind: str, facts: list[Any]) -> None:
        self.extra.setdefault(kind, []).extend(facts)
