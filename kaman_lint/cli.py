"""The command line: click commands only. Errors of the tool map to exit status 2."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from kaman_lint import __version__
from kaman_lint.config import Config, ConfigError, load_config
from kaman_lint.findings import ScanResult
from kaman_lint.keys import redact

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
FORMATS = ("text", "json", "sarif", "github", "gitlab")


class ToolError(click.ClickException):
    """The tool could not do its job (exit 2)."""

    exit_code = EXIT_ERROR

    def show(self, file=None) -> None:
        click.echo(f"kaman-lint: error: {redact(self.format_message())}", err=True)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="kaman-lint")
def main() -> None:
    """Find Kaman API keys where they must not be."""


def _rule_list(value: str | None) -> list[str] | None:
    return [part.strip().upper() for part in value.split(",") if part.strip()] if value else None


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=str))
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="text", show_default=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True), help="Write the report here instead of stdout.")
@click.option("--config", "config_file", type=click.Path(path_type=Path), help="Config file (default: searched upward).")
@click.option("--select", help="Comma-separated rule ids or prefixes to check.")
@click.option("--ignore", help="Comma-separated rule ids or prefixes to skip.")
@click.option("--baseline", type=click.Path(path_type=Path), help="Report only findings not recorded in this file.")
@click.option("--stdin-filename", help="The path a stdin buffer stands for.")
@click.option("--exit-zero", is_flag=True, help="Exit 0 even with findings (never hides exit 2).")
@click.option("--staged", is_flag=True, help="Scan what is staged in the git index, not the work tree.")
@click.option("--no-ignore", is_flag=True, help="Include files that .gitignore excludes.")
@click.option("--jobs", "-j", type=click.IntRange(min=1), help="Worker processes (default: CPU count).")
def scan(paths, fmt, output, config_file, select, ignore, baseline, stdin_filename, exit_zero,
         staged, no_ignore, jobs) -> None:
    """Scan PATHS (default ".") for Kaman keys; "-" reads one file from stdin."""
    from kaman_lint import engine

    paths = list(paths) or ["."]
    root = scan_root(paths, stdin_filename)
    config = _load(paths, root, config_file, select, ignore, no_ignore)
    stdin = sys.stdin.buffer.read() if paths == ["-"] else None
    if "-" in paths and stdin is None:
        raise ToolError("'-' (stdin) cannot be combined with other paths")
    result = engine.scan(paths, config, root=root, stdin=stdin, stdin_filename=stdin_filename, jobs=jobs)
    _emit(result, fmt, output)
    if any(n.kind == "missing" for n in result.notices):
        sys.exit(EXIT_ERROR)
    sys.exit(EXIT_FINDINGS if result.findings and not exit_zero else EXIT_CLEAN)


def scan_root(paths: list[str], stdin_filename: str | None) -> Path:
    """Paths are reported relative to the working directory when the scan is inside it (as
    ruff and GitHub expect), else relative to the one directory scanned."""
    cwd = Path.cwd()
    targets = [Path(p).absolute() for p in paths if p != "-"]
    if stdin_filename:
        targets.append(Path(stdin_filename).absolute())
    if all(t == cwd or cwd in t.parents for t in targets):
        return cwd
    if len(targets) == 1:
        return targets[0] if targets[0].is_dir() else targets[0].parent
    return Path(os.path.commonpath([str(t) for t in targets]))


def _load(paths, root, config_file, select, ignore, no_ignore) -> Config:
    first = next((Path(p) for p in paths if p != "-"), root)
    start = first if first.is_dir() else first.parent
    try:
        config = load_config(start.absolute(), config_file)
        config = config.with_overrides(select=_rule_list(select), ignore=_rule_list(ignore))
    except ConfigError as err:
        raise ToolError(str(err)) from err
    if no_ignore:
        config.no_ignore = True
    return config


def _emit(result: ScanResult, fmt: str, output: str | None) -> None:
    from kaman_lint import report

    for notice in result.notices:
        click.echo(f"kaman-lint: {notice}", err=True)
    color = output is None and sys.stdout.isatty() and "NO_COLOR" not in os.environ
    rendered = report.render(fmt, result, _rules(), color=color)
    if output:
        Path(output).write_text(rendered, encoding="utf-8")
    else:
        click.echo(rendered, nl=False)


def _rules():
    from kaman_lint.rules import all_rules

    return all_rules()


@main.command()
@click.argument("rule", required=False)
def rules(rule: str | None) -> None:
    """List the rules, or explain one."""
    from kaman_lint.rules import all_rules, rule_by_id

    if rule is None:
        for r in all_rules():
            click.echo(f"{r.id}  {r.name:<22} {r.severity.value:<8} {r.summary()}")
        return
    found = rule_by_id(rule)
    if found is None:
        raise ToolError(f"unknown rule {rule!r}; `kaman-lint rules` lists them")
    click.echo(f"{found.id} {found.name} ({found.severity.value})\n")
    click.echo(found.help_text())
