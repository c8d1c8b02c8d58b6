"""CI that bakes a secret into a front-end build (issue 12 §2): the key is not in the repository,
but the pipeline writes it where the build inlines it, so every build ships it.

In a workflow (GitHub Actions, GitLab CI, CircleCI, Azure, Bitbucket), a reference to a secret
(`${{ secrets.KAMAN_API_KEY }}`, `$KAMAN_API_KEY`) that
- is assigned to a framework-public variable (`VITE_KAMAN_KEY: ${{ secrets.KAMAN_API_KEY }}` in
  `env:`, `NEXT_PUBLIC_KAMAN_KEY=$KAMAN_KEY npm run build`, `echo "VITE_X=..." >> .env`), or
- is written into a client source (`sed -i ... src/environments/environment.prod.ts`,
  `echo ... > public/config.js`, a heredoc into one, `envsubst ... > public/env.js`).
A Kaman secret passed to a test or deploy step under its own name is the correct use: silent.
Line-based: a workflow is small and its steps are one-liners or short scripts.
"""

from __future__ import annotations

from collections.abc import Iterator

from kaman_lint import lazy_re
from kaman_lint.exposure.facts import Exposure, name_fingerprint
from kaman_lint.exposure.names import framework_of, is_kaman_key_name, public_prefix

CI_FILES = lazy_re.compile(r"(^|/)(\.github/workflows/[^/]+\.ya?ml|\.gitlab-ci\.ya?ml|\.circleci/config\.ya?ml|"
                           r"azure-pipelines\.ya?ml|bitbucket-pipelines\.ya?ml|\.gitlab/ci/[^/]+\.ya?ml)$")
# `${{ secrets.X }}`, `${{ vars.X }}`, `${{ env.X }}`, `$X`, `${X}`, `$(X)` (Azure)
SECRET_REF = lazy_re.compile(r"\$\{\{\s*(?:secrets|vars|env)\.([A-Za-z_]\w*)\s*\}\}|\$\{?([A-Za-z_]\w*)\}?|\$\(([A-Za-z_][\w.]*)\)")
# `NAME: <ref>` (an env mapping) or `NAME=<ref>` (shell)
ASSIGNED = lazy_re.compile(r"""(?<![\w$])([A-Za-z_]\w*)\s*(?::\s*|=)["']?(?=\$)""")
# Where a front-end build reads its sources: a value written into one of these ships.
PATH_TOKEN = lazy_re.compile(r"""(?:^|(?<=[\s'"=]))([\w.-][\w./-]{0,299})""")
CLIENT_TARGET = lazy_re.compile(r"""(?:^|/)(?:src/environments/environment[\w.-]*\.ts|(?:public|static|www|assets)/\S+|"""
                                r"""src/\S+\.(?:js|jsx|ts|tsx|vue|svelte|json))$""")
MAX_LINE = 4000  # a longer line is no CI step
WRITES = lazy_re.compile(r"\bsed\s+-i|>>?\s*\S|\btee\b|\benvsubst\b|\bcat\s*>")
HEREDOC = lazy_re.compile(r"<<-?\s*['\"]?(\w+)['\"]?")


def ci_exposures(relpath: str, text: str, prefixes: tuple[str, ...]) -> Iterator[Exposure]:
    if not CI_FILES.search(relpath):
        return
    lines = text.splitlines()
    heredoc_target: str | None = None
    heredoc_end = ""
    for number, line in enumerate(lines, 1):
        if len(line) > MAX_LINE:
            continue
        if heredoc_end:
            if line.strip() == heredoc_end:
                heredoc_end, heredoc_target = "", None
                continue
            if heredoc_target:
                yield from _refs(number, line, f"written into {heredoc_target} by a heredoc, which the front-end "
                                 "build bundles", kaman_only=True)
            continue
        assigned = list(_public_assignments(number, line, prefixes))
        yield from assigned
        if not assigned and ENV_FILE_WRITE.search(line):
            yield from _formatted_env_line(number, line, prefixes)
        target = _client_target(line)
        if target and WRITES.search(line):
            yield from _refs(number, line, f"written into {target} by the CI job, which the front-end "
                             "build bundles", kaman_only=True)
        doc = HEREDOC.search(line)
        if doc and "<<<" not in line:
            heredoc_end = doc.group(1)
            heredoc_target = target


# `printf 'VITE_KAMAN_KEY=%s\n' "${{ secrets.KAMAN_KEY }}" >> .env`: the name and the value apart.
ENV_FILE_WRITE = lazy_re.compile(r"""(?:>>?|\btee\s+(?:-a\s+)?)\s*["']?(?:[\w./-]*/)?\.env[\w.-]*["']?(?:\s|$)""")
ENV_LINE_NAME = lazy_re.compile(r"""(?<![\w$])([A-Za-z_]\w*)=""")


def _formatted_env_line(number: int, line: str, prefixes: tuple[str, ...]) -> Iterator[Exposure]:
    """A line writing a public-prefixed Kaman variable into a `.env` file whose value is a
    secret given apart from its name (a printf argument)."""
    name = next((m.group(1) for m in ENV_LINE_NAME.finditer(line)
                 if public_prefix(m.group(1), prefixes, only=True) and is_kaman_key_name(m.group(1), prefixes)), None)
    if name is None:
        return
    prefix = public_prefix(name, prefixes, only=True)
    yield from _refs(number, line, f"written into an env file as `{name}` by the CI job: the {prefix} prefix "
                     f"makes {framework_of(prefix)} inline it into the client bundle", kaman_only=True)


def _client_target(line: str) -> str | None:
    """The first path on the line a front-end build bundles, or None."""
    return next((m.group(1) for m in PATH_TOKEN.finditer(line) if CLIENT_TARGET.search(m.group(1))), None)


def _public_assignments(number: int, line: str, prefixes: tuple[str, ...]) -> Iterator[Exposure]:
    for m in ASSIGNED.finditer(line):
        name = m.group(1)
        prefix = public_prefix(name, prefixes, only=True)
        ref = SECRET_REF.match(line, m.end())
        if not prefix or ref is None:
            continue
        secret = next(g for g in ref.groups() if g)
        if is_kaman_key_name(name, prefixes) or is_kaman_key_name(secret):
            yield Exposure(number, ref.start() + 1,
                           f"passed by the CI job to the front-end build as `{name}`: the {prefix} prefix makes "
                           f"{framework_of(prefix)} inline it into the client bundle", secret,
                           name_fingerprint(secret))


def _refs(number: int, line: str, mechanism: str, kaman_only: bool) -> Iterator[Exposure]:
    for ref in SECRET_REF.finditer(line):
        secret = next(g for g in ref.groups() if g)
        if not kaman_only or is_kaman_key_name(secret):
            yield Exposure(number, ref.start() + 1, mechanism, secret, name_fingerprint(secret))
