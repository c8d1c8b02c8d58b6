"""Word tests asked only "is one there?" search their words as a few regexes led by their
literals (issue 13: 2-5x faster on an editor's buffer): KAM002's JS parse gate
(`has_sink_hint`) and the browser/server API hints of `roles`. Each must answer exactly what
its single alternation answered: checked against that alternation on each word at the edges of
a word boundary, and on seeded random texts built from the words, their look-alikes and
separators."""

from __future__ import annotations

import random
import re

from kaman_lint.exposure import roles
from kaman_lint.exposure.flows.javascript import has_server_function, has_sink_hint

# The gate as one alternation, as it was written before (the reference).
REFERENCE = re.compile(
    r"\b(?:res|response|reply|ctx|c)\s*\.\s*(?:json|jsonp|send|cookie|setHeader|header|set|append|end|write|render|locals|body)\b|"
    r"\b(?:app\.locals|Response\.json|NextResponse|new\s+Response|getServerSideProps|getStaticProps|"
    r"getInitialProps|loader|load|json|statusCode|onCall)\b|['\"]use server['\"]|"
    r"\b(?:defineEventHandler|eventHandler|defineCachedEventHandler|cachedEventHandler|send|setCookie|"
    r"setResponseHeader|appendResponseHeader)\s*\(|"
    r"\b(?:set|replace)(?:HeadComponents|PreBodyComponents|PostBodyComponents|HtmlAttributes|BodyAttributes)\b")

WORDS = ["res", "response", "reply", "ctx", "c", "json", "jsonp", "send", "cookie", "setHeader", "header", "set",
         "append", "end", "write", "render", "locals", "body", "app", "Response", "NextResponse", "new",
         "getServerSideProps", "getStaticProps", "getInitialProps", "loader", "load", "statusCode", "onCall",
         "use server", "defineEventHandler", "eventHandler", "defineCachedEventHandler", "cachedEventHandler",
         "setCookie", "setResponseHeader", "appendResponseHeader", "replace", "HeadComponents",
         "PreBodyComponents", "PostBodyComponents", "HtmlAttributes", "BodyAttributes", "x", "_", "$", "é", "1"]
SEPARATORS = [".", " . ", "(", " (", " ", "", "\n", "'", '"', "$", "_", "é", ";", "\t.\t"]


def test_each_shape_at_a_word_boundary_and_inside_a_word():
    shapes = ["res.json", "ctx . body", "c.send", "app.locals", "Response.json", "NextResponse", "new  Response",
              "getServerSideProps", "loader", "load", "json", "onCall", "'use server'", '"use server"',
              "defineEventHandler(", "send (", "setHeadComponents", "replaceBodyAttributes", "statusCode"]
    for shape in shapes:
        for before in ("", " ", "x", "_", "$", ".", "é", "1", "\n"):
            for after in ("", " ", "x", "_", "(", ".", "é", "1"):
                text = before + shape + after
                assert has_sink_hint(text) == bool(REFERENCE.search(text)), repr(text)


def test_random_texts_of_the_words_answer_as_the_alternation():
    rng = random.Random("sink-hints")
    for _ in range(20_000):
        text = "".join(rng.choice(WORDS) + rng.choice(SEPARATORS) for _ in range(rng.randint(1, 6)))
        assert has_sink_hint(text) == bool(REFERENCE.search(text)), repr(text)


# roles' hints as the alternations they were (the references).
CLIENT_REFERENCE = re.compile(
    r"\b(?:window\.|document\.|localStorage|sessionStorage|navigator\.|addEventListener\(|useState\(|"
    r"useEffect\(|chrome\.runtime|browser\.runtime|dangerouslyAllowBrowser|this\.element\b|innerHTML\b)|"
    r"""(?:from\s+|import\s+|require\(\s*)['"](?:@hotwired/(?:stimulus|turbo(?:-rails)?)|react-dom(?:/client)?|"""
    r"""alpinejs|htmx\.org|jquery)['"]""")
SERVER_REFERENCE = re.compile(
    r"""(?:from\s+|require\(\s*)['"](?:node:)?(?:fs|fs/promises|child_process|net|express|fastify|koa|pg|"""
    r"""mysql2|mongoose|@prisma/client|http)['"]|process\.argv|\bapp\.listen\(""")
API_WORDS = ["window", "document", "localStorage", "sessionStorage", "navigator", "addEventListener", "useState",
             "useEffect", "chrome", "browser", "runtime", "dangerouslyAllowBrowser", "this", "element", "innerHTML",
             "from", "import", "require", "'react-dom'", '"react-dom/client"', "'jquery'", '"alpinejs"',
             "'@hotwired/turbo-rails'", "'fs'", '"node:fs/promises"', "'express'", "'http'", "process", "argv",
             "app", "listen", "x", "_", "$", "é"]
API_SEPARATORS = [".", "(", " (", " ", "", "\n", "$", "_", "é", ";", "( "]


def test_roles_api_hints_at_a_word_boundary_and_inside_a_word():
    shapes = ["window.x", "document.body", "localStorage", "navigator.userAgent", "addEventListener(", "useState(",
              "chrome.runtime", "this.element", "innerHTML", "from 'jquery'", "require( 'react-dom'",
              "import \"alpinejs\"", "from 'fs'", "require('node:child_process')", "process.argv", "app.listen("]
    for shape in shapes:
        for before in ("", " ", "x", "_", "$", ".", "é", "1", "\n"):
            for after in ("", " ", "x", "_", "(", ".", "é"):
                text = before + shape + after
                assert roles._hints(roles._CLIENT_HINTS, text) == bool(CLIENT_REFERENCE.search(text)), repr(text)
                assert roles._hints(roles._SERVER_HINTS, text) == bool(SERVER_REFERENCE.search(text)), repr(text)


def test_random_texts_of_api_words_answer_as_the_alternations():
    rng = random.Random("api-hints")
    for _ in range(20_000):
        text = "".join(rng.choice(API_WORDS) + rng.choice(API_SEPARATORS) for _ in range(rng.randint(1, 6)))
        assert roles._hints(roles._CLIENT_HINTS, text) == bool(CLIENT_REFERENCE.search(text)), repr(text)
        assert roles._hints(roles._SERVER_HINTS, text) == bool(SERVER_REFERENCE.search(text)), repr(text)


# The server-function test of client files as the one alternation it was (the reference): its
# `\b` leads the first branch only, so `export` counts after a word character too.
SERVER_FUNCTION_REFERENCE = re.compile(
    r"\b(?:getServerSideProps|getStaticProps|getInitialProps)\b|export\s+(?:async\s+)?function\s+(?:loader|action|load)\b")
SERVER_FUNCTION_WORDS = ["getServerSideProps", "getStaticProps", "getInitialProps", "export", "async", "function",
                         "loader", "action", "load", "loads", "exports", "x", "_", "$", "é", "1"]


def test_server_functions_in_client_files_answer_as_the_alternation():
    shapes = ["getServerSideProps", "getStaticProps", "getInitialProps", "export function load",
              "export async function loader", "export\n\tfunction  action", "export function loadData"]
    for shape in shapes:
        for before in ("", " ", "x", "_", "$", ".", "é", "1", "\n"):
            for after in ("", " ", "x", "_", "(", ".", "é", "1"):
                text = before + shape + after
                assert has_server_function(text) == bool(SERVER_FUNCTION_REFERENCE.search(text)), repr(text)
    rng = random.Random("server-functions")
    for _ in range(20_000):
        text = "".join(rng.choice(SERVER_FUNCTION_WORDS) + rng.choice(SEPARATORS) for _ in range(rng.randint(1, 6)))
        assert has_server_function(text) == bool(SERVER_FUNCTION_REFERENCE.search(text)), repr(text)
