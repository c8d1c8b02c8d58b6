"""Node servers: Express, Koa, Fastify, Hono (client-exposure.md §6.1): the server's own files
and folders run in Node; the response object's methods and `res.locals`, `ctx.body` answer the
browser."""

from kaman_lint.exposure.frameworks import SERVER, convention

CONVENTIONS = (
    convention(r"(^|/)server/", SERVER, "server-side folder"),
    convention(r"(^|/)server\.[cm]?[jt]s$", SERVER, "server entry point"),
)
RESPONSE_CALLS = (
    # `res.json(...)`, `res.status(200).json(...)`, `reply.send(...)`, `ctx.cookies.set(...)`
    r"(?:res|response|reply|ctx|c|event)\b[\w.()'\"\s,]*\.(?:json|jsonp|send|cookie|setCookie|setHeader|header|"
    r"set|append|end|write|render)",
    r"(?:c|ctx)\.(?:json|text|html)",  # Hono
)
SINK_ASSIGNMENTS = (r"(?:res|app)\.locals\b", r"(?:ctx|context)\.body$")
