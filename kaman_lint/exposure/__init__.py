"""KAM002's model: which files and values reach a browser or an app user.

- `names`: Kaman key variables, framework-public prefixes, public env modules;
- `roles`: is a file client, server or unknown (markers, conventions, layout, content);
- `frameworks/`: one module per framework family, each saying which files are entry points
  (and on which side) and which calls are sinks;
- `flows/`: server-to-client flows inside one file (JS/TS, Python) and bundler configs that
  inline values into the client bundle;
- `facts`: the key-free exposure facts the flows emit and the rule reads;
- `templates`, `script_hosts`: the cross-file lookups of the finish step (a rendered template's
  file, the page that loads a script).

`lang/` only reads files; what a read value means for exposure is decided here.
"""
