"""ACME's kaman-lint rules."""
