"""Serverless functions and web-standard handlers (client-exposure.md §6): Vercel `api/`, Netlify
`functions/` at a package's top run on a server; a `Response` they build is the body sent back."""

from kaman_lint.exposure.frameworks import SERVER, convention

CONVENTIONS = (
    # `api/` only at the package top (Vercel functions): `src/api/` is usually a browser API client.
    convention(r"^(api|functions|netlify)/", SERVER, "server-side folder"),
)
RESPONSE_CALLS = (r"Response\.json",)
RESPONSE_CONSTRUCTORS = ("Response",)
