"""The web itself, whatever builds it (client-exposure.md §4.2, §4.6): folders served as they
are, build output, service workers, source maps; a script writing `window.X` publishes X to every
script of the page."""

from kaman_lint.exposure.frameworks import CLIENT, SHIPPED_AS_IS, convention

CONVENTIONS = (
    convention(r"(^|/)(public|static|assets|www|wwwroot)/", CLIENT, "served as a static file", marker=SHIPPED_AS_IS),
    # Compilers emit JavaScript, not TypeScript sources, and never `.env` files: a `build/` of
    # TypeScript build scripts or a `dist/.env` is not output.
    convention(r"(^|/)(dist|build|out|\.next/static|storybook-static|\.output/public)/"
               r"(?!.*\.(?:[cm]?ts|tsx)$)(?!(?:.*/)?\.env)",
               CLIENT, "build output served to browsers", marker=SHIPPED_AS_IS),
    convention(r"(^|/)(service-worker|sw)\.[cm]?[jt]s$", CLIENT, "a service worker, run by the browser"),
    convention(r"\.(map)$", CLIENT, "source map served with the bundle", marker=SHIPPED_AS_IS),
)
SINK_ASSIGNMENTS = (r"window\.\w+",)
