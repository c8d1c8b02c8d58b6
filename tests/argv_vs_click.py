"""What tests/test_scan_argv.py and tests/test_history_argv.py check the same way: the
click-free reading of a command's argv (kaman_lint.command_argv) against click's own parse of
the command built from the same table, and both ways of running it from a fresh interpreter."""

from __future__ import annotations

import random

from kaman_lint import command_argv

# the installed entry point (kaman_lint.entry) and the click command line, named as installed
ENTRY = "import sys; sys.argv[0] = 'kaman-lint'; from kaman_lint.entry import main; main()"
CLICK = "import sys; sys.argv[0] = 'kaman-lint'; from kaman_lint.cli import main; main()"


def clicks(command, args: list[str]) -> dict | None:
    """The keywords click's `command` gives its callback for `args`, or None when it refuses them."""
    import click

    try:
        with command.make_context(command.name, list(args)) as ctx:
            return dict(ctx.params)
    except (click.ClickException, click.exceptions.Exit):
        return None


def typed(keywords: dict) -> dict:
    return {name: (value, type(value), tuple(map(type, value)) if isinstance(value, tuple) else ())
            for name, value in keywords.items()}


def agreeing_random_argvs(table, command, pieces: list[str], seed: int, longest: int) -> int:
    """How many of 3000 argvs built at random from every option string of `table` and `pieces`
    the reading accepts, each asserted to give click's keywords exactly."""
    pieces = [flag for param in table for flag in param.flags] + pieces
    rng = random.Random(seed)
    accepted = 0
    for _ in range(3000):
        args = [rng.choice(pieces) for _ in range(rng.randrange(0, longest))]
        ours = command_argv.options(table, args)
        if ours is None:
            continue
        accepted += 1
        theirs = clicks(command, args)
        assert theirs is not None and typed(ours) == typed(theirs), args
    return accepted


def assert_built_from(table, command) -> None:
    """`command`'s parameters are `table`'s, in its order, and its defaults are the reading's."""
    assert [p.name for p in command.params] == [p.name for p in table]
    for ours, theirs in zip(table, command.params):
        assert tuple(theirs.opts + theirs.secondary_opts) == ours.flags or ours.is_argument
    assert typed(command_argv.options(table, [])) == typed(clicks(command, []))
