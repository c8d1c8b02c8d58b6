"""No input makes a step of the scan superlinear: for each analyzer and rule, hostile inputs of
size n, 2n and 4n, and the work (lines run, CPU time: see growth.py) must grow linearly.

Each case is a shape that was quadratic or worse once (the figure in its comment is the
before), or one an attacker would try next: many openers without closers, one key on every
line, markers dense in a long run, deep nesting, a line megabytes long.
"""

from __future__ import annotations

import base64
import json

import pytest

from tests.fakekeys import make_key
from tests.growth import growth, scan_call

KEY = make_key(91)
OTHER = make_key(92)


def repeat(unit: str, size: int, head: str = "") -> str:
    return head + unit * max(1, (size - len(head)) // len(unit))


def b64(text: str) -> str:
    return base64.b64encode(text.encode()).decode()


def source_map(size: int) -> str:
    """A bundle with an inline source map whose sources mention `kam_` on every line."""
    source = "".join(f'const k{i} = "kam_" + part{i};\n' for i in range(size // 40))
    doc = {"version": 3, "sources": ["a.js"], "sourcesContent": [source], "mappings": "AAAA"}
    return "console.log(1);\n//# sourceMappingURL=data:application/json;base64," + b64(json.dumps(doc)) + "\n"


# (case id, file name, input of about `size` characters, n)
CASES = [
    # KAM003 grouping rebuilt a set over every occurrence per occurrence (20,000 lines: 86 s).
    ("one key on every line of a log", "access.log",
     lambda size: repeat(f'1.2.3.4 - - "GET /v2/search?q=x&key={KEY} HTTP/1.1" 200\n', size), 10_000),
    # ... and every production occurrence listed every development one (a report the square of
    # the file).
    ("one key on every line of both sides", "config/kaman.yaml",
     lambda size: "development:\n" + repeat(f"  api_key: {KEY}\n", size // 2)
     + "production:\n" + repeat(f"  api_key: {KEY}\n", size // 2), 5_000),
    ("one key on every line of a .env", ".env.production",
     lambda size: repeat(f"KAMAN_API_KEY={KEY}\n", size), 5_000),
    # Each base64 marker in a run longer than the limit walked the run again (32 KiB: 42 s).
    ("a base64 run dense with encoded keys", "secret.yaml",
     lambda size: "data: " + (b64(f"{KEY}\n" * 3) * (size // 100 + 1))[:size] + "\n", 3_000),
    ("many short base64 runs", "secret.yaml", lambda size: repeat(b64(KEY)[:24] + ".", size), 12_000),
    ("an inline source map mentioning kam_ on every line", "bundle.js", source_map, 3_000),
    # Unclosed template and HTML constructs: each opener searched to the end of the file
    # (40 KiB of `<%= `: 30 s).
    *((f"unclosed {opener.strip()} in a page", "page.html",
       lambda size, opener=opener: repeat(opener, size, f'<meta content="{KEY}">\n'), 8_000)
      for opener in ("<%= ", "<%- ", "{!! ", "<!-- ", "{# ", "<%# ", "{{-- ", "{% comment %}", "<script>",
                     "<script ", "<style ", "<py-script>")),
    # Whitespace inside a print: `\s*` on both sides of a lazy `.*?` rescanned it per step.
    ("a print holding a long run of spaces", "page.html",
     lambda size: f'<meta content="{KEY}">\n{{{{' + " " * size + "x{ {!!" + " " * size + "x!!} <%=" + " " * size + "x%>", 8_000),
    # Every print and every key tested against every comment of the page.
    ("many comments, prints and keys", "page.html",
     lambda size: repeat(f"<!-- c --><p>{{{{ user.name }}}}</p><meta content='{KEY}'>\n", size), 10_000),
    ("many comments and prints in a .vue file", "App.vue",
     lambda size: repeat(f"<template><!-- c -->{{{{ kamanKey }}}}</template><script>const k = '{KEY}'</script>\n", size), 20_000),
    # Python sections: every bracket and `if` span tested against every literal (a long file of
    # small blocks), and an `if` test's strings each looked up by list.index in its header.
    ("many if blocks each holding a key", "settings.py",
     lambda size: repeat(f'if ENV == "prod":\n    K = "{KEY}"\n', size), 8_000),
    ("many dict sections each holding a key", "settings.py",
     lambda size: repeat(f'C = {{"prod": {{"api_key": "{KEY}"}}}}\n', size), 8_000),
    ("many small functions with keys in branches", "views.py",
     lambda size: repeat(f'@app.route("/x")\ndef f():\n    if mode == "dev":\n        return call(key="{KEY}")\n',
                         size), 8_000),
    ("an if test with many strings", "settings.py",
     lambda size: "if ENV == " + " or ENV == ".join(f'f("{i}")' for i in range(size // 12)) + f':\n    K = "{KEY}"\n',
     8_000),
    ("brackets nested deep around many keys", "settings.py",
     lambda size: "C = " + '{"a": ' * (size // 100) + f'["{KEY}", ' * (size // 100) + "0"
     + "]" * (size // 100) + "}" * (size // 100) + "\n", 12_000),
    # KAM004 looked for a header's key from the header to the end of its line: on a one-line
    # bundle, the rest of the file, per header.
    ("headers without a key on one long line", "bundle.js",
     lambda size: 'var B="http://api.kaman.io";' + "var a=1;" * 520
     + repeat('fetch(u,{headers:{Authorization:tok,"X-Api-Key":a.b.c.d.e}});', size), 8_000),
    # ... and walked the line's first 4 KiB again for every match there (whether it is a comment).
    ("many headers in the first 4 KiB of each line", "client.js",
     lambda size: repeat(('fetch(u,{headers:{Authorization:tok}});' * 100)[:4000] + "\n", size,
                         'var B="http://api.kaman.io";\n'), 8_000),
    ("astro frontmatter with many assignments", "page.astro",
     lambda size: "---\n" + repeat(f"const k = '{KEY}';\n", size // 2) + "---\n" + repeat("<p>{k}</p><script>x</script>\n", size // 2), 10_000),
]


@pytest.mark.parametrize("name,make,n", [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_work_grows_linearly(name, make, n) -> None:
    measured = growth(scan_call(name, make), n)
    assert measured.linear(), str(measured)
