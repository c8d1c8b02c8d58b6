"""Framework path conventions are tried only on paths holding a literal their pattern needs
(exposure/frameworks/needs.py), so a short run compiles none of the ~40 patterns it does not
need (issue 13, target 3), and the roles come out as before."""

from __future__ import annotations

import re
import subprocess
import sys

from kaman_lint.exposure import frameworks
from kaman_lint.exposure.frameworks.needs import NEEDS
from tests.required_literals import required


def _all_conventions():
    server_side, client_side = frameworks.conventions()
    return server_side + client_side


def _all_patterns():
    families = frameworks.collect("CLIENT_CONFIG_READS") + frameworks.collect("ASSET_FOLDERS")
    return [c.pattern.pattern for c in _all_conventions()] + [item[0].pattern for item in families]


def test_the_needs_table_is_what_the_patterns_require():
    fresh = {pattern: tuple(sorted(r)) for pattern in _all_patterns() if (r := required(pattern))}
    assert NEEDS == fresh, "regenerate exposure/frameworks/needs.py: " + repr(fresh)
    assert all(c.needs == NEEDS.get(c.pattern.pattern, ()) for c in _all_conventions())


def test_required_literals_are_in_every_match():
    cases = {
        r"(^|/)pages/api/": {"pages/api/"},
        r"(^|/)(scripts|bin)/": {"scripts/", "bin/"},
        r"\.(test|spec)\.[^/]+$|(^|/)e2e/": {".test.", ".spec.", "e2e/"},
        r"(a)?bc+d": {"b"},
    }
    for pattern, literals in cases.items():
        assert required(pattern) == literals, pattern
    assert required(r"(?i)abc") is None and required(r"[ab]+") is None and required(r"(x|[yz])") is None


def test_a_path_without_the_needed_literals_is_never_matched_by_the_pattern():
    paths = ["app.py", "src/pages/api/x.ts", "server/index.js", "public/a.js", "a.vue", "app/route.ts",
             "dist/a.js", "src/main/res/values/strings.xml", "x.test.js", "lib/server/db.ts", "Info.plist"]
    for c in _all_conventions():
        for path in paths:
            if c.pattern.search(path):
                assert c.may_match(path), (c.pattern.pattern, path)


def test_a_short_run_compiles_no_framework_path_or_config_read_pattern(tmp_path):
    from tests.test_lazy_imports import five_files, report_at_exit

    project = tmp_path / "project"
    names = five_files(project)
    prelude = """
        from kaman_lint.exposure import frameworks
        def at_exit():
            conventions = frameworks.conventions()[0] + frameworks.conventions()[1]
            families = frameworks.collect("CLIENT_CONFIG_READS") + frameworks.collect("ASSET_FOLDERS")
            patterns = [c.pattern for c in conventions] + [item[0] for item in families]
            return [p.pattern for p in patterns if p._compiled]
        """
    _, compiled = report_at_exit(project, prelude, "scan", *names, "--format", "json")
    assert compiled == "[]"


def test_every_hint_needs_only_literals_its_pattern_cannot_match_without():
    """A hint's literals are sound when each literal its pattern requires holds one of them."""
    import kaman_lint.exposure.flows.javascript  # noqa: F401 - the sink hints
    import kaman_lint.exposure.roles  # noqa: F401 - the browser/server API hints
    from kaman_lint.exposure import hints

    assert len(hints.made) >= 11
    for hint in hints.made:
        needed = required(hint.pattern.pattern)
        assert needed, hint.pattern.pattern
        assert all(any(literal in word for literal in hint.needs) for word in needed), (hint.pattern.pattern, needed)


def test_a_short_run_compiles_only_the_hints_whose_literals_it_meets(tmp_path):
    """Of the 11 hints only the response-method one meets its literals (`headers` in client.js)."""
    from tests.test_lazy_imports import five_files, report_at_exit

    project = tmp_path / "project"
    names = five_files(project)
    prelude = """
        from kaman_lint.exposure import hints
        def at_exit():
            return [h.needs for h in hints.made if h.pattern._compiled is not None]
        """
    _, compiled = report_at_exit(project, prelude, "scan", *names, "--format", "json")
    from kaman_lint.exposure.flows.javascript import SINK_HINTS

    assert compiled == repr([SINK_HINTS[0].needs])


def test_hidden_spans_and_has_hidden_answer_what_the_pattern_answers():
    from kaman_lint import escapes

    texts = ["", "x = 'kam_' + 'kam_'", 'k", "am_', "k\\x61m_", "&#107;am_", "kam\\\n_", "ka\\m_ kam_",
             'say "ka", "m_"', "kam_kam_", "KAM_ kAm_", 'a"b kam_', "k&am_"]
    for text in texts:
        assert escapes.hidden_spans(text) == [m.span() for m in escapes.HIDDEN.compiled().finditer(text)], text
        assert escapes.has_hidden(text) == (escapes.HIDDEN.compiled().search(text) is not None), text


def test_a_text_that_escapes_nothing_does_not_compile_the_escaped_prefix(tmp_path):
    script = ("from kaman_lint import escapes\n"
              "assert escapes.hidden_spans('x = \"kam_\" + y') == [(5, 9)]\n"
              "assert escapes.has_hidden('kam_') and not escapes.has_hidden('print(1)')\n"
              "assert list(escapes.starts('a = kam_x + kam_y')) == []\n"
              "print(escapes.HIDDEN._compiled is None)\n")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "True"


def test_hidden_spans_agree_with_the_pattern_on_random_mixes_of_escape_pieces():
    import random

    from kaman_lint import escapes

    pieces = ["k", "a", "m", "_", "kam_", "\\", "\\x6b", "\\x6B", "\\u0061", "\\U0000006d", "\\u{5f}", "\\153", "\\141",
              "\\N{LATIN SMALL LETTER K}", "&#107;", "&#x61;", "&lowbar;", "&UnderBar;", '"', ", ", "\n", "\r", " ", "\t",
              "\\n", "\\d", "x", "&", "0", "}", ";", "&#39;", "&#10", "\\x5", "\\15", "\\\n", "\\ ",
              "\", \"", "\",\"", "&#0107;", "&#X6B", "\\u005F", "\\x5f", "\\137", "\\155", "\\k", "\\a", "\\_",
              # backslashes and quotes that escape nothing of `kam_` (the finer signs), and near misses
              "\\t", "\\r", "\\\t", "\\\r\n", "\\u", "\\U", "\\N", "\\1", "\\x", "\\m", "\\\\", "&l", "&U",
              '" ,', '"\n,\t"', 'k"', 'a" , "', "m\"", "\\w+", "\\s"]
    rng = random.Random(13)
    pattern = escapes.HIDDEN.compiled()
    for _ in range(12000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 12)))
        assert escapes.hidden_spans(text) == [m.span() for m in pattern.finditer(text)], repr(text)
        assert escapes.has_hidden(text) == (pattern.search(text) is not None), repr(text)



def test_hidden_spans_agree_with_the_pattern_on_every_way_of_writing_the_prefix_amid_other_escapes():
    """Each character of `kam_` written plainly or in each escape the pattern knows, joined by
    each split it knows, amid backslashes and quotes that escape nothing (`"\\n"`, a regex):
    the str.find path is taken only where the pattern finds nothing but plain `kam_`s."""
    import random

    from kaman_lint import escapes

    def forms(c: str, octal: str) -> list[str]:
        code = ord(c)
        return [c, f"\\{c}", f"\\x{code:02x}", f"\\x{code:02X}", f"\\u{code:04x}", f"\\U{code:08x}", f"\\u{{{code:x}}}",
                f"\\{octal}", f"&#{code};", f"&#0{code}", f"&#x{code:x};", f"&#X{code:X}", "\\N{LATIN SMALL LETTER K}"]

    chars = [forms("k", "153"), forms("a", "141"), forms("m", "155"), forms("_", "137") + ["&lowbar;", "&UnderBar;"]]
    splits = ["\\\n", "\\ \n", "\\\t\r\n  ", "\\\r\n", '", "', '",\n  "', '"\t,"']
    noise = ["x", "\\n", "\\d", " ", '"', ",", "&amp;", "\\\\", "k", "a", "m", "\\w", "\n", "\\t", "kam_"]
    rng = random.Random(29)
    pattern = escapes.HIDDEN.compiled()
    for _ in range(6000):
        # mostly plain characters and no split: one escape or split alone must still be seen
        prefix = "".join((form[0] if rng.random() < 0.6 else rng.choice(form[1:]))
                         + (rng.choice(splits) if i < 3 and rng.random() < 0.3 else "") for i, form in enumerate(chars))
        text = "".join(rng.choice(noise) for _ in range(rng.randint(0, 4))) + prefix + \
            "".join(rng.choice(noise) for _ in range(rng.randint(0, 4)))
        assert escapes.hidden_spans(text) == [m.span() for m in pattern.finditer(text)], repr(text)
        assert escapes.has_hidden(text) == (pattern.search(text) is not None), repr(text)


def test_config_reads_sharing_a_prefix_are_ruled_out_by_one_search():
    """`window.ENV.`, `window.__ENV__.`...: a text without their shared `window.` holds none of
    them; a text with one of them still may match."""
    reads = [p for p, _ in frameworks.collect("CLIENT_CONFIG_READS") if len(NEEDS.get(p.pattern, ())) > 1]
    assert reads
    for pattern in reads:
        needs = NEEDS[pattern.pattern]
        assert frameworks._shared_prefix(needs) == "window."
        assert not frameworks.may_match(pattern, "const x = win.ENV.KAMAN_KEY; window;")
        for literal in needs:
            assert frameworks.may_match(pattern, f"const x = {literal}KAMAN_KEY")
        text = "window." + needs[-1]
        assert frameworks.may_match(pattern, text) == any(literal in text for literal in needs)
