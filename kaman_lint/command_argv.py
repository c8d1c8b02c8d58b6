"""A plain `kaman-lint scan ...` or `kaman-lint history ...` read and run without click: the
pre-commit hook (`scan --staged -- FILES`) and an editor's `scan - --stdin-filename NAME` are
short runs, and click with what it imports is a fifth of one (it uses inspect, uuid and datetime
as it is imported, so no lazy import of it helps); a history run starts git only once its
options are read, and click was most of the time until then.

`options` knows the arguments and options of a table of kaman_lint.command_options (SCAN,
HISTORY: the tables the click commands are built from), and gives the keywords click would give
the command for them, or None for anything it does not know unambiguously: --help, an unknown,
repeated or malformed option, a value click would refuse, another command. The caller then
hands the argv to click unchanged, whose messages and exit statuses are the tool's
(tests/test_scan_argv.py and tests/test_history_argv.py compare the two on tables of argvs).
`run` runs the command as the click group would: the same error lines, the same exit statuses."""

from __future__ import annotations

import os
import stat
import sys
from pathlib import Path

from kaman_lint.command_options import Param, Type

TYPE_CHECKING = False  # typing.TYPE_CHECKING: typing is not imported at run time
if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import Any

_DECLINED = object()
# the decorators' keywords this reading knows the meaning of (help and the like change nothing)
_KNOWN = {"nargs", "default", "is_flag", "help", "metavar", "show_default"}


def options(table: tuple[Param, ...], args: list[str]) -> dict[str, Any] | None:
    """The keywords of the command built from `table` for `args` (what follows the command's
    name), or None to leave them to click."""
    if any(not set(param.kwargs) <= _KNOWN for param in table):  # (multiple=, required=, envvar=...)
        return None
    by_flag = {flag: param for param in table if not param.is_argument for flag in param.flags}
    given: dict[str, Any] = {}
    positional: list[str] = []
    i = 0
    while i < len(args):
        token = args[i]
        i += 1
        if token == "--":  # read for a list of paths (the hook's `scan --staged -- FILES`) only
            if not any(param.is_argument and param.kwargs.get("nargs") == -1 for param in table):
                return None
            positional += args[i:]
            break
        if token == "-" or not token.startswith("-"):
            positional.append(token)
            continue
        # `--name=value` and `--name value`, `-o value`; not `-ovalue` nor `-vo value`
        flag, equals, value = token.partition("=") if token.startswith("--") else (token, "", "")
        param = by_flag.get(flag)
        if param is None or param.name in given:
            return None
        if param.is_flag:
            if equals:
                return None
            given[param.name] = True
            continue
        if not equals:
            if i == len(args):
                return None
            value = args[i]
            i += 1
        if value.startswith("-"):  # click may read it as the value or as an option: let it say
            return None
        converted = _converted(param.type, value)
        if converted is _DECLINED:
            return None
        given[param.name] = converted
    result = {}
    if sum(param.is_argument for param in table) > 1:  # which positional is whose: click's to say
        return None
    for param in table:
        if param.is_argument:
            values = _argument(param, positional)
            if values is _DECLINED:
                return None
            result[param.name] = values
        elif param.name in given:
            result[param.name] = given[param.name]
        else:
            result[param.name] = _default(param)
    return result


def _argument(param: Param, positional: list[str]) -> Any:
    """The value of the argument `param` for the `positional` tokens: all of them (nargs=-1),
    or one, or none with a default; _DECLINED otherwise."""
    if param.kwargs == {"nargs": -1}:
        values = tuple(_converted(param.type, value) for value in positional)
        return _DECLINED if _DECLINED in values else values
    if set(param.kwargs) != {"default"} or len(positional) > 1:
        return _DECLINED
    return _converted(param.type, positional[0]) if positional else _default(param)


def _default(param: Param) -> Any:
    if param.is_flag:
        return bool(param.kwargs.get("default", False))
    default = param.kwargs.get("default")
    return default if default is None else _converted(param.type, default)


def _converted(kind: Type | None, value: str) -> Any:
    """`value` as click's type `kind` converts it, or _DECLINED where click would refuse it (or
    where this reading does not know the type's arguments)."""
    if kind is None:
        return value
    if kind.name == "Choice" and not kind.kwargs:
        return value if value in kind.args[0] else _DECLINED
    if kind.name == "IntRange" and not kind.args and set(kind.kwargs) <= {"min"}:
        if not (value.isascii() and value.isdigit()):
            return _DECLINED
        number = int(value)
        return number if number >= kind.kwargs.get("min", number) else _DECLINED
    if kind.name == "Path" and not kind.args and set(kind.kwargs) <= {"path_type", "dir_okay", "writable"}:
        return _path(value, **kind.kwargs)
    return _DECLINED


def _path(value: str, path_type: type | None = None, dir_okay: bool = True, writable: bool = False) -> Any:
    """click.Path(exists=False, ...).convert: a missing path is fine; one that exists must be
    readable, and a directory only where `dir_okay`, writable where `writable`."""
    try:
        st = os.stat(value)
    except OSError:
        pass
    else:
        if (not dir_okay and stat.S_ISDIR(st.st_mode)) or not os.access(value, os.R_OK) \
                or (writable and not os.access(value, os.W_OK)):
            return _DECLINED
    if path_type is None or path_type is str:
        return value
    return Path(value) if path_type is Path else _DECLINED


def plain_run() -> bool:
    """Nothing click's main does before it parses applies: no shell completion asked for (an
    environment variable `_<PROG>_COMPLETE`), no Windows wildcard expansion."""
    return os.name != "nt" and not any(name.startswith("_") and name.endswith("_COMPLETE") for name in os.environ)


def run(command: Callable[..., None], keywords: dict[str, Any]) -> None:
    """`command(**keywords)`, as the click group and click's main run a command: errors shown
    in one line with exit 2, an interrupt as `Aborted!` with exit 1."""
    from kaman_lint.tool_errors import ToolError, echo, guarded

    try:
        guarded(lambda: command(**keywords))
    except ToolError as err:
        err.show()
        sys.exit(err.exit_code)
    except KeyboardInterrupt:
        echo(err=True)  # the blank line that closes the terminal's ^C, as click writes it
        echo("Aborted!", err=True)
        sys.exit(1)
    sys.exit(0)
