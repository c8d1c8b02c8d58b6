"""The cyclic garbage collector held off for a block of work that makes many objects and frees
them by reference counting (a module's syntax tree, an import): collections set off by the
allocations would find nothing to free. The collector is as the caller had it after."""

from __future__ import annotations

import gc


class paused:  # noqa: N801 - used as `with collector.paused():`
    __slots__ = ("enabled",)

    def __enter__(self) -> None:
        self.enabled = gc.isenabled()
        gc.disable()

    def __exit__(self, *exc) -> None:
        if self.enabled:
            gc.enable()
