"""KAM004 key-in-url: keys in URL queries and paths, and keys sent over plain http."""

from __future__ import annotations

import base64
from pathlib import Path

from fakekeys import fp, leaked, make_key

from kaman_lint import engine
from kaman_lint.config import Config
from kaman_lint.findings import Severity
from kaman_lint.lang import urls

KEY = make_key(41)
OTHER = make_key(42)


def scan(tmp_path: Path, files: dict[str, str]):
    for name, text in files.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    config = Config().with_overrides(select=["KAM004"], no_ignore=True)
    config.project_root = tmp_path
    return engine.scan([str(tmp_path)], config, root=tmp_path, jobs=1)


def places(result) -> set[tuple[str, int]]:
    return {(f.location.path, f.location.line) for f in result.findings}


def test_literal_in_https_query_is_a_warning_with_the_key_fingerprint(tmp_path):
    line = f'URL = "https://api.kaman.io/v2/search?q=x&key={KEY}"\n'
    result = scan(tmp_path, {"a.py": line})
    [finding] = result.findings
    assert finding.severity == Severity.WARNING
    assert finding.fingerprint == fp(KEY)
    assert (finding.location.line, finding.location.column) == (1, line.index(KEY[:8]) + 1)


def test_literal_in_plain_http_url_is_an_error_that_says_unencrypted(tmp_path):
    result = scan(tmp_path, {"a.js": f'fetch("http://api.kaman.io/v2/{KEY}/search");\n'})
    [finding] = result.findings
    assert finding.severity == Severity.ERROR
    assert "unencrypted" in finding.message


def test_localhost_http_is_only_a_warning(tmp_path):
    result = scan(tmp_path, {"a.js": f'fetch("http://localhost:7700/search?key={KEY}");\n'})
    assert [f.severity for f in result.findings] == [Severity.WARNING]


def test_header_over_https_is_fine_but_over_http_is_an_error(tmp_path):
    code = ('import os, requests\n'
            'BASE = "{scheme}://api.kaman.io/v2"\n'
            'requests.get(BASE, headers={{"Authorization": f"Bearer {{os.environ[\'KAMAN_API_KEY\']}}"}})\n')
    assert scan(tmp_path / "s", {"a.py": code.format(scheme="https")}).findings == []
    [finding] = scan(tmp_path / "p", {"a.py": code.format(scheme="http")}).findings
    assert finding.severity == Severity.ERROR and finding.location.line == 3
    assert "unencrypted" in finding.message


def test_variable_in_query_needs_a_kaman_key(tmp_path):
    code = ('const maps = process.env.MAPS_KEY;\n'
            'const kaman = process.env.KAMAN_API_KEY;\n'
            'fetch(`https://maps.example.com/js?key=${maps}`);\n'
            'fetch(`https://search.example.com/q?key=${kaman}`);\n'
            'fetch(`https://api.kaman.io/v2/search?api_key=${apiKey}`);\n'
            'fetch(`https://api.kaman.io/v2/search?q=${query}`);\n')
    assert places(scan(tmp_path, {"a.js": code})) == {("a.js", 4), ("a.js", 5)}


def test_alias_of_a_key_literal_carries_its_fingerprint(tmp_path):
    code = (f'KEY = "{KEY}"\n'
            'url = f"https://api.kaman.io/v2/search?key={KEY}"\n')
    [finding] = scan(tmp_path, {"a.py": code}).findings
    assert finding.location.line == 2 and finding.fingerprint == fp(KEY)


def test_placeholders_identifiers_and_comments_are_not_flagged(tmp_path):
    code = ('# https://api.kaman.io/v2/search?key={KAMAN_API_KEY}\n'
            'URL = "https://api.kaman.io/v2/search?key=kam_your_api_key_here"\n'
            'ROUTE = "https://api.kaman.io/v2/indexes/kam_client_settings/search"\n'
            'F = "?key={KAMAN_API_KEY}"  # not an f-string\n')
    assert scan(tmp_path, {"a.py": code}).findings == []


def test_unparsable_file_still_gives_the_finding_and_a_notice(tmp_path):
    result = scan(tmp_path, {"broken.py": f'def f(:\n    get("https://api.kaman.io/v2?key={KEY}"\n'})
    assert places(result) == {("broken.py", 2)}
    assert any(n.kind == "parse-error" for n in result.notices)


def test_messages_show_only_the_preview(tmp_path):
    code = (f'A = "https://api.kaman.io/v2/search?key={KEY}"\n'
            f'B = "http://api.kaman.io/v2/{OTHER}/search"\n'
            'C = f"https://api.kaman.io/v2/search?key={KAMAN_API_KEY}"\n')
    result = scan(tmp_path, {"a.py": code})
    assert len(result.findings) == 3
    text = "\n".join(f.message + f.preview for f in result.findings)
    assert leaked(text, [KEY, OTHER]) == []
    assert KEY[:8] in text  # the preview: kam_ plus four characters


def test_url_places():
    text = "x = 'https://user:KEYHERE@api.kaman.io/v2'"
    place = urls.place_at(text, text.index("KEYHERE"), text[text.index("KEYHERE") + 7:])
    assert place is not None and place.part == "userinfo" and place.host == "api.kaman.io"
    text = "postgres://db/x?key=K"
    assert urls.place_at(text, text.index("K", 20)) is None
    assert urls.is_local_host("127.0.0.1") and urls.is_local_host("kaman") and urls.is_local_host("10.1.2.3")
    assert not urls.is_local_host("api.kaman.io")


def test_base64_key_in_an_interpolation_is_reported_by_its_preview_never_quoted(tmp_path):
    encoded = base64.b64encode(KEY.encode()).decode()
    text = f'fetch(`https://api.kaman.io/v2/search?key=${{KAMAN_KEY||"{encoded}"}}`)\n'
    result = scan(tmp_path, {"a.js": text})
    [finding] = result.findings
    assert finding.fingerprint == fp(KEY)
    assert finding.preview and KEY.startswith(finding.preview.rstrip("…"))
    assert leaked(finding.message, [KEY, encoded, encoded[:16]]) == []


def test_plain_http_urls_are_found_once_per_file_however_many_interpolations(tmp_path, monkeypatch):
    calls = []
    original = urls.plain_http_kaman_urls
    monkeypatch.setattr(urls, "plain_http_kaman_urls", lambda text: calls.append(1) or original(text))
    one = 'fetch(`${B}/v2/search?q=${q}&key=${kamanKey}`);fetch(u,{headers:{Authorization:`Bearer ${kamanKey}`}});'
    text = 'const B="http://api.kaman.io";' + one * 300 + "\n"
    result = scan(tmp_path, {"bundle.js": text})
    assert len(calls) == 1
    # 300 queries and 300 headers, all over plain http: one finding each, repeated 300 times
    assert [f.occurrences for f in result.findings] == [300, 300]
    assert {f.severity for f in result.findings} == {Severity.ERROR}


def test_url_run_walk_is_bounded_on_a_long_line_of_interpolations():
    text = "const k='kaman';" + "/a?q=${v}" * 20_000
    steps = []
    original = urls._skip_back
    urls_skip = lambda *args: steps.append(1) or original(*args)  # noqa: E731
    try:
        urls._skip_back = urls_skip
        start = urls.run_start(text, len(text))
    finally:
        urls._skip_back = original
    assert len(text) - start <= urls.MAX_RUN
    # a first look over FIRST_LOOK characters, then at most one walk over MAX_RUN
    assert len(steps) <= 2 * urls.MAX_INTERPOLATIONS


def test_header_counts_only_in_the_block_of_a_plain_http_url_in_docs(tmp_path):
    block = 'curl http://api.kaman.io/v2/search \\\n  -H "Authorization: Bearer $KAMAN_API_KEY"\n'
    far = 'curl https://example.com \\\n  -H "Authorization: Bearer $KAMAN_API_KEY"\n'
    result = scan(tmp_path, {"run.sh": far + "\n" + block + "\n" + far})
    assert places(result) == {("run.sh", 5)}


def test_long_minified_line_still_tells_comments_from_code(tmp_path):
    filler = "var a=1;" * 2000
    text = filler + 'fetch(`https://api.kaman.io/v2/search?key=${kamanKey}`);\n// ?key=${kamanKey}\n'
    result = scan(tmp_path, {"bundle.js": text})
    assert places(result) == {("bundle.js", 1)}


# Plain http is decided per call: by the URL the call that sends the key uses, not by whether
# the file mentions an http:// Kaman URL anywhere (issue 8, item 11).

def test_a_header_sent_to_https_is_fine_though_another_call_uses_http(tmp_path):
    code = ('import os, requests\n'
            'HEALTH = "http://api.kaman.io/health"\n'
            'requests.get(HEALTH)\n'
            'requests.get("https://api.kaman.io/v2/search",\n'
            '             headers={"Authorization": f"Bearer {os.environ[\'KAMAN_API_KEY\']}"})\n')
    assert scan(tmp_path, {"a.py": code}).findings == []


def test_each_call_with_a_header_is_judged_by_its_own_url(tmp_path):
    call = 'fetch({url}, {{headers: {{Authorization: `Bearer ${{kamanKey}}`}}}});\n'
    code = ('const PLAIN = "http://api.kaman.io/v2";\nconst SAFE = "https://api.kaman.io/v2";\n'
            + call.format(url='"https://api.kaman.io/v2/a"')
            + call.format(url='"http://api.kaman.io/v2/b"')
            + call.format(url="SAFE")
            + call.format(url="`${PLAIN}/c`"))
    result = scan(tmp_path, {"a.js": code})
    assert sorted(places(result)) == [("a.js", 4), ("a.js", 6)]
    assert {f.severity for f in result.findings} == {Severity.ERROR}


def test_a_headers_variable_is_judged_by_the_call_that_sends_it(tmp_path):
    code = ('import os, requests\n'
            'PLAIN = "http://api.kaman.io/v2"\n'
            'SAFE = "https://api.kaman.io/v2"\n'
            'headers = {"Authorization": f"Bearer {os.environ[\'KAMAN_API_KEY\']}"}\n'
            'requests.get(f"{SAFE}/search", headers=headers)\n'
            'requests.get(PLAIN + "/health")\n')
    assert scan(tmp_path, {"a.py": code}).findings == []
    code = code.replace('f"{SAFE}/search", headers=headers', 'f"{PLAIN}/search", headers=headers')
    assert places(scan(tmp_path / "p", {"a.py": code})) == {("a.py", 4)}


def test_a_query_built_on_a_base_url_is_plain_http_when_that_base_is(tmp_path):
    code = ('const H = "http://api.kaman.io";\nconst S = "https://api.kaman.io";\n'
            'fetch(`${S}/search?key=${kamanKey}`);\nfetch(`${H}/search?key=${kamanKey}`);\n')
    result = scan(tmp_path, {"a.js": code})
    assert sorted((f.location.line, f.severity) for f in result.findings) == [
        (3, Severity.WARNING), (4, Severity.ERROR)]


def test_a_header_is_carried_by_its_first_carrier_not_a_later_literal(tmp_path):
    """A header's value is read on to the end of its line (at most MAX_VALUE characters): on a
    one-line bundle that reaches into the next statements. The carrier is the first one in it
    (`${kamanKey}`), not a key literal written after it, which would hide the header's finding
    behind that literal's own (one finding a place)."""
    header = 'fetch("http://api.kaman.io/v2/items",{headers:{Authorization:`Bearer ${kamanKey}`}});'
    line = header + f'var p="https://api.kaman.io/v2/{KEY}/items";\n'
    result = scan(tmp_path, {"app.js": line})
    found = {(f.location.column, f.fingerprint == fp(KEY), "in a request header" in f.message) for f in result.findings}
    assert found == {(header.index("kamanKey") + 1, False, True), (line.index(KEY) + 1, True, False)}
