"""Interop with detect-secrets: a detect-secrets plugin that finds Kaman keys with kaman-lint's
own matcher (plugin.py), and the migration of a detect-secrets baseline into a kaman-lint one
(baseline.py). `python -m kaman_lint.detect_secrets` prints the plugin's path, which is what
`detect-secrets scan --plugin` takes."""
