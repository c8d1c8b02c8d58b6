"""The command line: click commands only (the scan and history commands' bodies and what the
commands share are click-free, in kaman_lint.scan_command and kaman_lint.history_command).
Errors of the tool map to exit status 2.

Imports here are only what every run needs (click and the option choices): the scanner, the
config reader and the reporters are imported inside the commands that use them, so
`kaman-lint --version` and a pre-commit run on a few files pay for nothing else
(`python -X importtime -m kaman_lint --version` shows it).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from kaman_lint import __version__
from kaman_lint import command_options
from kaman_lint import scan_command as commands
from kaman_lint.severity import EXIT_ERROR
from kaman_lint.tool_errors import ToolError, guarded
from kaman_lint.tool_errors import printed as _printed
from kaman_lint.tool_errors import shown as _shown

if TYPE_CHECKING:
    from kaman_lint.config import Config


class _Shown(click.ClickException):
    """A :class:`ToolError` on its way out through click's main, which shows it as the tool
    does (kaman_lint.tool_errors) and exits with its status."""

    def __init__(self, error: ToolError) -> None:
        super().__init__(error.message)
        self.error, self.exit_code = error, error.exit_code

    def show(self, file=None) -> None:
        self.error.show()


class _Group(click.Group):
    """Turns any exception a command did not expect into an internal error (tool_errors.guarded),
    and redacts click's usage errors, which quote what was typed (a key pasted into the wrong
    option)."""

    def make_context(self, info_name, args, parent=None, **extra) -> click.Context:
        try:
            return super().make_context(info_name, args, parent, **extra)
        except click.ClickException as err:
            raise _redacted(err) from None

    def invoke(self, ctx: click.Context):
        try:
            return guarded(lambda: super(_Group, self).invoke(ctx),
                           passing=(click.ClickException, click.exceptions.Exit, click.exceptions.Abort))
        except ToolError as err:
            raise _Shown(err) from err
        except click.ClickException as err:
            raise _redacted(err) from None


def _redacted(err: click.ClickException) -> click.ClickException:
    """`err` with its message redacted (ours are redacted when shown; click's quote the value)."""
    if not isinstance(err, _Shown):
        from kaman_lint.keys import safe_text

        err.message = safe_text(err.message)
    return err


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="kaman-lint")
def main() -> None:
    """Find Kaman API keys where they must not be."""


def _click_params(params):
    """A decorator adding `params` (kaman_lint.command_options) to a click command, in their order."""
    def decorate(command):
        for param in reversed(params):
            kwargs = dict(param.kwargs)
            if param.type is not None:
                kwargs["type"] = getattr(click, param.type.name)(*param.type.args, **param.type.kwargs)
            make = click.argument if param.is_argument else click.option
            command = make(*param.declarations, **kwargs)(command)
        return command
    return decorate


@main.command()
@_click_params(command_options.SCAN)
def scan(**options) -> None:
    """Scan PATHS (default ".") for Kaman keys; "-" reads one file from stdin."""
    commands.scan(**options)


@main.command("baseline")
@click.argument("paths", nargs=-1, type=click.Path(path_type=str))
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="The baseline file (default: the config's `baseline`, else .kaman-lint-baseline.json).")
@click.option("--update", is_flag=True, help="Only drop entries that no longer match; record nothing new.")
@click.option("--config", "config_file", type=click.Path(path_type=Path), help="Config file (default: searched upward).")
@click.option("--select", help="Comma-separated rule ids or prefixes to check.")
@click.option("--ignore", help="Comma-separated rule ids or prefixes to skip.")
@click.option("--staged", is_flag=True, help="Record what is staged in the git index, not the work tree.")
@click.option("--no-ignore", is_flag=True, help="Include files that .gitignore excludes.")
@click.option("--follow-links", is_flag=True,
              help="Follow symbolic links out of the scanned tree (never into /proc or devices).")
@click.option("--jobs", "-j", type=click.IntRange(min=1), help="Worker processes (default: CPU count).")
@click.option("-v", "--verbose", is_flag=True, help="Say on stderr which config is used (always when CI is set).")
@click.option("--from-detect-secrets", "detect_secrets_baseline", type=click.Path(path_type=Path),
              help="Record the Kaman keys this detect-secrets baseline accepted instead of scanning PATHS.")
def baseline_command(paths, output, update, config_file, select, ignore, staged, no_ignore, follow_links,
                     jobs, verbose, detect_secrets_baseline) -> None:
    """Record today's findings under PATHS (default ".") so a gate fails only on new ones."""
    from kaman_lint import baseline as baselines
    from kaman_lint.report._common import skipped_counts

    paths = list(paths) or ["."]
    if "-" in paths:
        raise ToolError("a baseline records files, not stdin")
    if not staged:
        commands.check_paths_exist(paths)
    root = commands.scan_root(paths, None)
    config = commands.load(paths, root, config_file, select, ignore, no_ignore, None, follow_links, verbose)
    target = output or config.baseline_path or Path(baselines.DEFAULT_PATH)
    old = commands.read_baseline(target) if Path(target).exists() else baselines.Baseline.empty(target)
    if update and not Path(target).exists():
        raise ToolError(f"{target}: no baseline to update")
    if detect_secrets_baseline is not None:
        return _from_detect_secrets(detect_secrets_baseline, config, target, old, jobs)
    result = commands.run(paths, config, root, None, staged, jobs)
    commands.print_notices(result)
    if result.incomplete:  # a baseline of a partial scan would drop what it could not read
        click.echo("kaman-lint: error: the scan was incomplete (see above); baseline not written", err=True)
        sys.exit(EXIT_ERROR)
    entries = baselines.refresh(result, old, baselines.coverage(paths, config, old), prune_only=update)
    try:
        commands.written(target, lambda: baselines.write(target, entries), root)
    except baselines.BaselineError as err:
        raise ToolError(str(err)) from err
    added, dropped = len(set(entries) - old.entries), len(old.entries - set(entries))
    skipped = skipped_counts(result)
    click.echo(f"Wrote {_shown(str(target))}: {len(entries)} entries ({added} added, {dropped} dropped)"
               + (f"; {skipped} skipped." if skipped else "."), err=True)
    if output is None and config.baseline_path is None:  # a scan does not pick it up by itself
        shown = _shown(str(target))
        click.echo(f"Gate on it with `kaman-lint scan --baseline {shown}`, or `baseline = \"{shown}\"` "
                   "in the config.", err=True)


def _from_detect_secrets(file: Path, config: Config, target: Path, old, jobs) -> None:
    from kaman_lint import baseline as baselines
    from kaman_lint.detect_secrets.baseline import DetectSecretsError, migrate

    try:
        entries, unmapped = migrate(file, config, target, jobs)
    except DetectSecretsError as err:
        raise ToolError(str(err)) from err
    for item in unmapped:
        click.echo(f"kaman-lint: not mapped: {_printed(str(item))}", err=True)
    merged = sorted(old.entries | set(entries))
    try:
        commands.written(target, lambda: baselines.write(target, merged), Path.cwd())
    except baselines.BaselineError as err:
        raise ToolError(str(err)) from err
    click.echo(f"Wrote {_shown(str(target))}: {len(merged)} entries ({len(set(merged) - old.entries)} added "
               f"from {_shown(str(file))}; "
               f"{len(unmapped)} detect-secrets results not mapped).", err=True)


@main.command()
@_click_params(command_options.HISTORY)
def history(**options) -> None:
    """Scan what every commit of REPO (default ".") added, keys deleted since included."""
    from kaman_lint.history_command import history

    history(**options)


@main.command()
def server() -> None:
    """Language Server Protocol over stdio, for editors."""
    from kaman_lint.server import serve

    serve()


@main.command()
@click.argument("rule", required=False)
@click.option("--markdown", is_flag=True, help="Print the docs as Markdown (what docs/rules/ holds).")
def rules(rule: str | None, markdown: bool) -> None:
    """List the rules, or explain one."""
    from kaman_lint import printable, selectors
    from kaman_lint.rules import all_rules, origin, rule_by_id

    if rule is None:
        for r in all_rules():
            click.echo(printable.line(f"{r.id}  {r.name:<22} {r.severity.value:<8} {origin(r):<12} {r.summary()}"))
        return
    rule_id = selectors.exact_rule(rule)  # an id or a name, as everywhere else
    found = rule_by_id(rule_id) if rule_id else None
    if found is None:
        raise ToolError(f"unknown rule {rule!r}{selectors.did_you_mean(rule)}; `kaman-lint rules` lists them")
    if markdown:
        click.echo(printable.line(found.help_markdown(), keep_newlines=True), nl=False)
        return
    click.echo(printable.line(f"{found.id} {found.name} ({found.severity.value}; from {origin(found)})") + "\n")
    click.echo(printable.line(found.help_text(), keep_newlines=True))
