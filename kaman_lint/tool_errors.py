"""The command line's errors and its writes to stdout and stderr, without click: the scan
command runs with or without click's parser (kaman_lint.command_argv), and either way says the
same bytes and exits with the same status.

`ToolError` is the tool not doing its job (exit 2); `guarded` turns what a command did not
expect into one-line errors, as the click group does around every command."""

from __future__ import annotations

import codecs
import os
import sys
from collections.abc import Callable

from kaman_lint.severity import EXIT_ERROR

TYPE_CHECKING = False  # typing.TYPE_CHECKING: typing is not imported at run time
if TYPE_CHECKING:
    from typing import Any


class ToolError(Exception):
    """The tool could not do its job (exit 2)."""

    exit_code = EXIT_ERROR
    label = "error"

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def format_message(self) -> str:
        return self.message

    def show(self) -> None:
        echo(f"kaman-lint: {self.label}: {printed(self.message)}", err=True)


class InternalError(ToolError):
    """A bug: reported in one redacted line (a traceback could quote a key), exit 2."""

    label = "internal error"


def guarded(call: Callable[[], Any], passing: tuple[type[BaseException], ...] = ()) -> Any:
    """`call()`, with any exception it did not expect (other than `passing`) turned into an
    :class:`InternalError`, and a closed stdout into a quiet exit 2."""
    try:
        return call()
    except ToolError:
        raise
    except passing:
        raise
    except BrokenPipeError:
        # `kaman-lint scan | head`: the reader went away, which is no bug of ours to report;
        # the report was not delivered, so the run did not do its job (exit 2), quietly
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())  # the interpreter flushes stdout again at exit
        raise SystemExit(EXIT_ERROR) from None
    except Exception as err:
        from kaman_lint.rules import PluginError  # imported already if it is one

        if isinstance(err, PluginError):
            raise ToolError(str(err)) from err
        message = " ".join(f"{type(err).__name__}: {err}".split())
        raise InternalError(message) from err


def echo(message: str = "", *, err: bool = False, nl: bool = True) -> None:
    """`click.echo(message, err=err, nl=nl)` for a str, without importing click: written and
    flushed. What click does differently (strip ANSI codes when the stream is no terminal,
    re-encode a stream that says it is ASCII) is left to click itself, imported then."""
    stream = sys.stderr if err else sys.stdout
    if stream is None:
        return
    if "\x1b" in message or not _plain(stream):
        import click

        click.echo(message, err=err, nl=nl)
        return
    out = message + "\n" if nl else message
    if out:
        stream.write(out)
    stream.flush()


def _plain(stream) -> bool:
    """A stream click writes to as it is: a text stream whose encoding is not ASCII."""
    encoding = getattr(stream, "encoding", None)
    if not isinstance(encoding, str):
        return False
    try:
        return codecs.lookup(encoding).name != "ascii"
    except LookupError:
        return False


def shown(path: str) -> str:
    """A path the user gave, fit to print on one line."""
    from kaman_lint import printable
    from kaman_lint.keys import redact_path

    return printable.line(redact_path(path))


def printed(message: str) -> str:
    """A message for stderr on one line: redacted, whatever is not printable escaped (a path or
    a value it quotes may hold a newline, which must not start a line of its own in a CI log)."""
    from kaman_lint import printable
    from kaman_lint.keys import safe_text

    return printable.line(safe_text(message))
