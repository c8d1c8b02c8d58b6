"""The `kaman-lint` command's entry point. `kaman-lint --version` is answered here, before
click and the command line are imported (editors and CI probe it; the import of click alone is
about half of its time); everything else goes to `kaman_lint.cli`."""

from __future__ import annotations

import sys


def main() -> None:
    if sys.argv[1:] == ["--version"]:
        from kaman_lint import __version__

        print(f"kaman-lint, version {__version__}")  # what click.version_option prints
        sys.exit(0)
    from kaman_lint.cli import main as cli

    cli()
