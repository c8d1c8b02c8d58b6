"""Flask, Django, FastAPI/Starlette, Pyramid (client-exposure.md §5.1-5.3): templates rendered
with a context, response objects, whatever a route returns, cookies and headers."""

# call -> how messages name it; the context it is given is printed by the template, if at all
PY_TEMPLATE_CALLS = (
    ("render_template", "Flask render_template"), ("render", "Django render"),
    ("render_to_string", "Django render_to_string"), ("TemplateResponse", "TemplateResponse"),
    ("render_to_response", "render_to_response"),
)
PY_RESPONSE_CALLS = ("jsonify", "JsonResponse", "JSONResponse", "ORJSONResponse", "UJSONResponse", "HTMLResponse",
                     "PlainTextResponse", "HttpResponse", "Response", "make_response", "StreamingHttpResponse",
                     "render_template_string")
PY_COOKIE_CALLS = ("set_cookie", "set_signed_cookie")
# A function decorated with one of these answers requests: its return value is the response body.
PY_ROUTE_DECORATORS = ("route", "get", "post", "put", "patch", "delete", "api_route", "api_view", "websocket",
                       "view_config")
