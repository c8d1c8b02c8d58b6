"""The module graph: which modules a browser or app user receives, decided the way bundlers
decide it, by following imports from the entry points (client-exposure.md §4; issue 12 §1).

- `survey`: per file, in the workers, before the prefilter: import lines, directives, and the
  configs that steer resolution (package.json, tsconfig/jsconfig paths, bundler aliases),
  extension manifests and served folders. Only import lines and small configs are read.
- `resolve`: a specifier to a scanned file, with Node and bundler rules.
- `model`: entry points of both sides, reachability, and the import chain that explains it,
  built once per scan in the cross-file step (rules/kam002 finish), linear in files and imports.
"""
