"""Serverless functions and web-standard handlers (client-exposure.md §6): Vercel `api/`, Netlify
`functions/` at a package's top run on a server; a `Response` they build is the body sent back."""

from kaman_lint.exposure.frameworks import SERVER, convention

CONVENTIONS = (
    # `api/` only at the package top (Vercel functions): `src/api/` is usually a browser API client.
    convention(r"^(api|functions|netlify)/", SERVER, "server-side folder"),
)
RESPONSE_CALLS = (r"Response\.json",)
RESPONSE_CONSTRUCTORS = ("Response",)
# AWS Lambda and Netlify Functions: `exports.handler = async (event) => ({ statusCode, body })`;
# what the handler returns is the HTTP response when it is response-shaped (a `body` or
# `statusCode`), which tells it from any helper called `handler`.
RESPONSE_HANDLERS = ("handler",)
RESPONSE_FIELDS = ("body", "statusCode")
# Firebase callable functions: what the callback returns is sent to the calling app.
HANDLER_FACTORIES = ("onCall",)
