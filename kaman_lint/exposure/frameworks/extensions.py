"""Browser extensions (client-exposure.md §4.7): every file beside a `manifest.json` ships to
users (project.py detects the manifest and marks the package "browser-extension")."""

PACKAGE_FRAMEWORKS = (
    ("browser-extension", "part of a browser extension, whose every file ships to users"),
)
