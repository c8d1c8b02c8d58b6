"""Client-exposure facts that analyzers add to `FileFacts.extra` and KAM002 reads.

All of them are key-free: a key literal is referred to by fingerprint and preview only, so the
facts can cross to the main process for the cross-file step. Their text fields are copied from
source code (a callee, a variable name, a template name) and end up in messages, so each fact
redacts them when it is made: whatever an analyzer quotes, no whole key gets through.
"""

from __future__ import annotations


from kaman_lint.records import dataclass
from kaman_lint.keys import safe_text
from kaman_lint.sha256 import sha256

# FileFacts.extra kinds
EXPOSURE = "kam002-exposure"  # a key reaching a client by a mechanism visible in this file
TEMPLATE_RENDER = "kam002-template-render"  # a view rendering a template with a key variable
TEMPLATE_PRINT = "kam002-template-print"  # a template printing a variable into the page
CONFIG_IMPORT = "kam002-config-import"  # a bundler config inlining a value it imports from a module
KEY_RETURN = "kam002-key-return"  # a Python module's function returning a key
IMPORTED_CALL = "kam002-imported-call"  # a Python sink handed the result of a function another module defines


@dataclass(frozen=True)
class Exposure:
    """A key (literal or Kaman-named variable) shipped to clients at (line, column)."""

    line: int
    column: int
    mechanism: str  # completes "Kaman API key ... " e.g. "returned in a FastAPI JSON response"
    subject: str  # what is exposed: a variable name or a key preview
    fingerprint: str
    # (line, column, message) of the places that ship it, when the finding sits elsewhere: a
    # literal is reported where it is written, its `return` or response call is related.
    related: tuple[tuple[int, int, str], ...] = ()

    def __post_init__(self) -> None:
        redact_fields(self, "mechanism", "subject")
        object.__setattr__(self, "related", tuple((line, column, safe_text(message))
                                                  for line, column, message in self.related))


@dataclass(frozen=True)
class TemplateRender:
    """`render_template("t.html", kaman_key=...)`: `variables` are the context names that hold
    the key; resolved against TemplatePrint facts (or the template file) in the finish step."""

    path: str
    line: int
    column: int
    template: str
    variables: tuple[str, ...]
    subject: str
    fingerprint: str
    call: str  # "render_template", "render", "res.render", ...
    end: tuple[int, int] | None = None  # (line, exclusive column) where the rendered value ends

    def __post_init__(self) -> None:
        redact_fields(self, "template", "subject")
        object.__setattr__(self, "variables", tuple(safe_text(v) for v in self.variables))


@dataclass(frozen=True)
class TemplatePrint:
    """A template printing `{{ variable }}` (any filters) at (line, column)."""

    path: str
    line: int
    column: int
    variable: str
    syntax: tuple[str, str] = ("{{", "}}")  # the print's delimiters: `<%=`/`%>` in ERB and EJS
    end: tuple[int, int] | None = None  # (line, exclusive column) where the print ends

    def quoted(self) -> str:
        return f"{self.syntax[0]} {self.variable} {self.syntax[1]}"

    def __post_init__(self) -> None:
        redact_fields(self, "variable")


@dataclass(frozen=True)
class ConfigImport:
    """A bundler config's inlining block using a binding it imports (`env: publicEnv`, with
    `import { publicEnv } from "./config/env"`): whatever Kaman value that module holds is
    inlined as if written in the block. Resolved against the module graph in the finish step."""

    path: str
    line: int
    column: int
    mechanism: str  # "`env` in next.config (inlined into the client bundle)"
    specifier: str
    binding: str

    def __post_init__(self) -> None:
        redact_fields(self, "mechanism", "specifier", "binding")


def redact_fields(fact: object, *names: str) -> None:
    """Redact the named text fields of a (frozen) fact in place."""
    for name in names:
        object.__setattr__(fact, name, safe_text(getattr(fact, name)))


def name_fingerprint(name: str) -> str:
    """A stable identity for an exposure of a variable whose value is not in the file: the
    variable's name (never a key), hashed so baselines treat both kinds of finding alike."""
    digest = sha256(b"kaman-lint/exposed-name/v1\x00" + name.encode("utf-8")).hexdigest()
    return "n1:" + digest[:24]


@dataclass(frozen=True)
class KeyReturn:
    """`def kaman_settings(): return {"key": os.environ["KAMAN_API_KEY"]}` at module level of
    `path`: its callers get the key (Python modules have no graph of their own; the finish step
    joins this with the imported calls)."""

    path: str
    function: str
    line: int
    subject: str
    fingerprint: str
    column: int = 1  # of the source (JS helpers are reported there)

    def __post_init__(self) -> None:
        redact_fields(self, "function", "subject")


@dataclass(frozen=True)
class ImportedCall:
    """A sink handed `f()` where `f` comes from `from <module> import f`: a template context
    (`template` set, `variable` the context name) or a response (`mechanism`)."""

    path: str
    line: int
    column: int
    module: str  # dotted, as written (`services`, `app.kaman`)
    level: int  # leading dots of a relative import
    function: str  # the name defined in that module
    template: str = ""
    variable: str = ""
    call: str = ""  # the render call, for messages
    mechanism: str = ""  # for a response sink
    end: tuple[int, int] | None = None

    def __post_init__(self) -> None:
        redact_fields(self, "module", "function", "template", "variable", "mechanism")
