"""`python -m kaman_lint.detect_secrets`: the path to give `detect-secrets scan --plugin`.

`python -m kaman_lint.detect_secrets audit .secrets.baseline [--report|--stats]` runs
detect-secrets' own `audit`, working around its bug with custom plugins (Yelp/detect-secrets#611:
it caches the secret-type table before it reads the baseline's plugins, then fails with
KeyError: 'Kaman API Key'): the table is read again once the baseline is loaded.
"""

from __future__ import annotations

import sys
from pathlib import Path


def audit(args: list[str]) -> int:
    import detect_secrets.core.baseline as baseline
    from detect_secrets.core.plugins.util import get_mapping_from_secret_type_to_class
    from detect_secrets.main import main

    configure = baseline.configure_settings_from_baseline

    def configure_then_reload(*a, **kw):
        result = configure(*a, **kw)
        get_mapping_from_secret_type_to_class.cache_clear()
        return result

    baseline.configure_settings_from_baseline = configure_then_reload
    return main(["audit", *args]) or 0


if __name__ == "__main__":
    if sys.argv[1:2] == ["audit"]:
        sys.exit(audit(sys.argv[2:]))
    print(Path(__file__).with_name("plugin.py"))
