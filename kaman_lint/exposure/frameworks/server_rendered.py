"""Server-rendered apps that ship a folder of browser JS (Stimulus controllers, Alpine or Vue
components), told by a file at the app's root so that a Node project's `resources/js/` is not
mistaken for one."""

from kaman_lint import lazy_re

# (path pattern, files at the app root that mark the framework, reason); a marker may be a
# (file, text it contains) pair
ASSET_FOLDERS = (
    (lazy_re.compile(r"(^|/)app/(javascript|assets/javascripts)/"), ("Gemfile", "config/importmap.rb"),
     "browser JavaScript of a Rails app (importmap/jsbundling), served to every visitor"),
    (lazy_re.compile(r"(^|/)resources/(assets/)?js/"), ("artisan", "composer.json"),
     "browser JavaScript of a Laravel app, bundled for its pages"),
)
