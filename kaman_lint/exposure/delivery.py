"""Which files reach users, decided across the scan (the finish step): the module graph's verdict
where it reaches, a served folder, the file's own guess (roles.py) elsewhere; with the chain of
imports that explains it, for messages, related locations and SARIF code flows.
"""

from __future__ import annotations

from kaman_lint.exposure.frameworks import CLIENT
from kaman_lint.exposure.roles import EXECUTED_BY_THE_SERVER
from kaman_lint.exposure.graph.facts import GRAPH
from kaman_lint.facts import ProjectFacts
from kaman_lint.findings import Location
from kaman_lint.named_tuples import NamedTuple

TYPE_CHECKING = False  # typing.TYPE_CHECKING: typing is not imported at run time
if TYPE_CHECKING:
    from kaman_lint.exposure.graph.model import ProjectGraph, Verdict

MAX_RELATED = 5


class Decision(NamedTuple):
    role: str
    reason: str  # completes "this file is delivered to users (...)"
    related: tuple[Location, ...] = ()  # the imports on the way, the declaration of the entry point
    flow: tuple[Location, ...] = ()  # from the entry point to the file (the finding's own step not included)


class Delivery:
    """The scan's cross-file view of delivery, built on first use."""

    def __init__(self, project: ProjectFacts) -> None:
        self._project = project
        self._graph: ProjectGraph | None = None

    @property
    def graph(self) -> ProjectGraph:
        if self._graph is None:
            from kaman_lint.exposure.graph.model import ProjectGraph  # a scan that asks nothing never loads it

            project = self._project
            other = {ref.location.path for ref in project.key_refs}
            self._graph = ProjectGraph(project.extra.get(GRAPH, ()), other, project.root, project.config)
        return self._graph

    def ask(self, paths) -> None:
        """Name the files `decide` will be asked about (before the first answer)."""
        self.graph.ask(paths)

    def decide(self, path: str, guessed_role: str, guessed_reason: str) -> Decision:
        """The role of a file whose own guess was soft (a layout or content hint, or none)."""
        verdict = self.graph.verdict(path)
        if verdict is None:
            return Decision(guessed_role, guessed_reason)
        return explain(verdict)

    def served(self, path: str) -> Decision | None:
        """A client decision for a file under a served folder (any file, not only modules), or None.
        Dotfiles are left out: static-file servers do not hand them out by default."""
        name = path.rsplit("/", 1)[-1]
        if name.startswith(".") or name.lower().endswith(EXECUTED_BY_THE_SERVER):
            return None
        held = self.graph.served_folder(path)
        if held is None:
            return None
        folder, declaration = held
        where = Location(declaration.path, declaration.line, 1,
                         message=f"serves {folder or 'the project folder'}/ as is ({declaration.how})")
        return Decision(CLIENT, f"served as is from {folder or 'the project folder'}/ by {declaration.how} in "
                        f"{declaration.path}:{declaration.line}", (where,), (where,))


def explain(verdict: Verdict) -> Decision:
    steps = [Location(s.importer, s.line, 1, message=f"{s.importer} imports {s.target}") for s in verdict.steps]
    flow = list(steps)
    related = list(steps)
    if verdict.declared_in:
        declared = Location(verdict.declared_in, verdict.entry_line, 1,
                            message=f"{verdict.entry}: {verdict.entry_reason}")
        flow.insert(0, declared)
        related.insert(0, declared)
    return Decision(verdict.role, verdict.explanation(), tuple(related[:MAX_RELATED]), tuple(flow))
