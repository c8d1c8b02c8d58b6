"""Gatsby (client-exposure.md §2.8): gatsby-node and gatsby-config run at build time, gatsby-ssr
renders every page's HTML (what its APIs are handed is printed into it), gatsby-browser runs in
the browser."""

from kaman_lint.exposure.frameworks import CLIENT, SERVER, SERVER_RENDERS_HTML, convention

CONVENTIONS = (
    convention(r"(^|/)gatsby-ssr\.[^/]+$", SERVER, "Gatsby SSR API file, run by Node to render every page's HTML",
               marker=SERVER_RENDERS_HTML),
    convention(r"(^|/)gatsby-(node|config)\.[^/]+$", SERVER, "Gatsby build-time (Node) file"),
    convention(r"(^|/)gatsby-browser\.[^/]+$", CLIENT, "client-only module"),
)
# `onRenderBody` APIs: their arguments are rendered into every page's HTML.
HTML_RENDER_CALLS = tuple(f"{verb}{part}" for verb in ("set", "replace") for part in (
    "HeadComponents", "PreBodyComponents", "PostBodyComponents", "HtmlAttributes", "BodyAttributes"))
