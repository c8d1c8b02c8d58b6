"""`scan --fix`: move keys out of files. One module per fix kind: `python` (libcst codemods),
`javascript` (server-side JS/TS, text edits), `references` (compose and GitHub workflow
references), `advice` (what to do where nothing is rewritten); `plan` picks one per finding,
`command` shows or writes the result. libcst and tree-sitter are imported only when a file of
theirs is fixed."""
