"""Desktop apps (client-exposure.md §4.8): an Electron app's code, main process included, is
packed into an asar archive users install (a documented, unencrypted format); a Tauri app's
front end and its Rust core are compiled into the binary users install."""

from kaman_lint.exposure.frameworks import CLIENT, convention

INSTALLED_APPS = (
    ("electron", "code of an Electron app, packed into the archive users install"),
    ("tauri", "front end of a Tauri app, embedded in the binary users install"),
)
CONVENTIONS = (
    convention(r"(^|/)src-tauri/(?:.+/)?[^/]+\.rs$", CLIENT, "Rust core of a Tauri app, compiled into the binary users install"),
    convention(r"(^|/)src-tauri/tauri\.conf\.json5?$", CLIENT, "Tauri app config, embedded in the binary users install"),
)
