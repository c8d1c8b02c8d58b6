"""Next.js (client-exposure.md §2.1, §6.2): API routes and route handlers run on the server;
data functions' return values and next.config's `env` / `publicRuntimeConfig` reach the page.
(`"use client"` / `"use server"` directives and App Router Server Components: roles.py.)"""

from kaman_lint import lazy_re
from kaman_lint.exposure.frameworks import SERVER, convention

CONVENTIONS = (
    convention(r"(^|/)pages/api/", SERVER, "a Next.js API route under pages/api"),
    convention(r"(^|/)app/(.+/)?route\.[cm]?[jt]sx?$", SERVER, "a Next.js route handler"),
    convention(r"(^|/)(middleware|instrumentation|proxy)\.[cm]?[jt]s$", SERVER, "server entry point"),
)
RESPONSE_CALLS = (r"NextResponse\.json",)
# Functions whose return value is serialized into the page.
DATA_FUNCTIONS = ("getServerSideProps", "getStaticProps", "getInitialProps", "generateMetadata")
# (keyword opening the block, what inlines it, the config files it applies to)
CONFIG_BLOCKS = (
    (lazy_re.compile(r"\bpublicRuntimeConfig\s*:"), "next.config `publicRuntimeConfig` (sent to every browser)", "next"),
    (lazy_re.compile(r"(?<![\w.])env\s*:"), "`env` in next.config (inlined into the client bundle)", "next"),
)
