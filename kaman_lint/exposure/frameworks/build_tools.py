"""Build tools and the code around an app that never ships (client-exposure.md §2.12, §2.14):
webpack's DefinePlugin / EnvironmentPlugin and Storybook's `env` inline values into the bundle;
scripts, migrations, tests and test-runner setup run in Node only."""

from kaman_lint import lazy_re
from kaman_lint.exposure.frameworks import NOT_SHIPPED, SERVER, convention

CONVENTIONS = (
    convention(r"(^|/)(scripts|bin|tools|migrations)/", SERVER, "server-side folder", soft=True),
    convention(r"(^|/)(test|tests|__tests__|__mocks__|spec|e2e|cypress|playwright)/|\.(test|spec|cy)\.[^/]+$",
               SERVER, "test code", marker=NOT_SHIPPED),
    # Test-runner setup files sit in `src/` beside app code but are loaded by Jest/Vitest only.
    convention(r"(^|/)(setupTests|setup-tests|test-setup|(jest|vitest)[.-]setup)\.[cm]?[jt]sx?$", SERVER,
               "test setup code", marker=NOT_SHIPPED),
    convention(r"(^|/)setupProxy\.[cm]?js$", SERVER, "Create React App dev-server proxy, run by Node"),
)
CONFIG_BLOCKS = (
    (lazy_re.compile(r"(?<![\w.])env\s*:"), "Storybook `env` (inlined into the preview bundle)", ".storybook"),
    (lazy_re.compile(r"\bnew\s+(?:webpack\.)?DefinePlugin\s*\("), "webpack DefinePlugin (inlined into the bundle)", None),
    (lazy_re.compile(r"\bnew\s+(?:webpack\.)?EnvironmentPlugin\s*\("), "webpack EnvironmentPlugin (inlined into the bundle)",
     None),
)
