"""kaman-lint: keeps Kaman API keys (``kam_...``) out of code, browsers and shared configs."""

__version__ = "0.1.0"
