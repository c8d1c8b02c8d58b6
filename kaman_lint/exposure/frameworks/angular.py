"""Angular (client-exposure.md §2.11): `src/environments/*` and the application config are
compiled into the browser bundle; the SSR entry points run on the server."""

from kaman_lint.exposure.frameworks import CLIENT, SERVER, convention

CONVENTIONS = (
    convention(r"(^|/)src/app/app\.config\.ts$", CLIENT,
               "Angular application config (its providers), compiled into the browser bundle",
               frameworks=frozenset({"angular"}), overrides=True),
    convention(r"(^|/)(main\.server|app\.config\.server)\.[cm]?[jt]s$", SERVER, "server entry point"),
    convention(r"(^|/)src/environments/environment[^/]*\.ts$", CLIENT,
               "an Angular environment file, compiled into the bundle"),
)
