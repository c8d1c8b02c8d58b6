"""Desktop apps (client-exposure.md §4.8): an Electron app's code, main process included, is
packed into an asar archive users install (a documented, unencrypted format)."""

INSTALLED_APPS = (
    ("electron", "code of an Electron app, packed into the archive users install"),
)
