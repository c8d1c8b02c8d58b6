"""Python: a key literal becomes `os.environ["KAMAN_API_KEY"]`, with libcst, so formatting and
comments stay as they were and only the edited expressions change.

- a string that is the key (assigned, passed, a dict value, a default) is replaced by the read;
- a key inside a longer string is cut out: `"Bearer " + os.environ["KAMAN_API_KEY"]`, or in an
  f-string `f"Bearer {os.environ['KAMAN_API_KEY']}"`;
- a key split over literals (`"kam_AbCd" "EfGh..."`) is replaced whole;
- `os.environ.get("X", "kam_...")` and `os.getenv("X", "kam_...")` lose their default;
- a field of a pydantic `BaseSettings` class loses its default (pydantic then reads the variable);
- `import os` is added where the module lacks it.
Left with a reason: keys in comments and docstrings, code that writes the key into the
environment, bytes cut in two, implicitly concatenated pieces with other text, a file libcst
cannot parse.
"""

from __future__ import annotations

import ast

from kaman_lint.facts import FileFacts
from kaman_lint.fix.model import Remedy, Target, ends_in_escape, fixed, left
from kaman_lint.fix.names import FileVariables
from kaman_lint.keys import KeyMatcher

ENV_GETTERS = {"os.environ.get", "environ.get", "os.getenv", "getenv"}
ENV_WRITERS = {"os.environ.setdefault", "environ.setdefault", "os.putenv", "putenv"}
# Where a cut-up string needs no parentheses around `"a" + os.environ[...]`.
BARE_PARENTS = ("Assign", "AnnAssign", "Arg", "DictElement", "Return", "Element", "Param")


def fix(facts: FileFacts, targets: list[Target], variables: FileVariables,
        matcher: KeyMatcher) -> tuple[str | None, list[Remedy]]:
    import libcst as cst

    text = facts.source.text
    try:
        module = cst.parse_module(text)
    except cst.ParserSyntaxError:
        return None, [left(t, "not fixed: libcst cannot parse this file; fix the syntax first") for t in targets]
    # libcst drops a lone CR ending the file (`X = 1\r` prints as `X = 1`): put it back, and
    # never write a file whose untouched parts would not come back as they were.
    lost_end = "\r" if text.endswith("\r") and module.code == text[:-1] else ""
    if module.code + lost_end != text:
        return None, [left(t, "not fixed: libcst does not reproduce this file as it is; fix it by hand")
                      for t in targets]
    planner = _Planner(facts, module, variables, matcher)
    remedies = [planner.plan(t) for t in targets]
    if not planner.replacements:
        return None, remedies
    new = planner.wrapper.module.visit(_Replace(planner.replacements))
    if planner.needs_os:
        from libcst.codemod import CodemodContext
        from libcst.codemod.visitors import AddImportsVisitor

        context = CodemodContext()
        AddImportsVisitor.add_needed_import(context, "os")
        new = AddImportsVisitor(context).transform_module(new)
    code = new.code + lost_end
    if _parses(text) and not _parses(code):  # never hand back a file that no longer compiles
        return None, [left(t, "not fixed: the rewrite would not parse (please report this)") for t in targets]
    return code, remedies


def _parses(code: str) -> bool:
    try:
        ast.parse(code)
    except (SyntaxError, ValueError):
        return False
    return True


class _Planner:
    """Decides, per key literal, which node becomes what."""

    def __init__(self, facts: FileFacts, module, variables: FileVariables, matcher: KeyMatcher) -> None:
        import libcst as cst
        from libcst.metadata import MetadataWrapper, ParentNodeProvider, PositionProvider

        self.cst = cst
        self.source = facts.source
        self.variables = variables
        self.matcher = matcher
        self.wrapper = MetadataWrapper(module, unsafe_skip_copy=True)
        positions = self.wrapper.resolve(PositionProvider)
        self.parents = self.wrapper.resolve(ParentNodeProvider)
        offset = self.source.offset
        self.spans = {node: (offset(where.start.line, where.start.column + 1),
                             offset(where.end.line, where.end.column + 1))
                      for node, where in positions.items()}
        self.replacements: dict = {}
        self.needs_os = False

    # -- one literal ----------------------------------------------------------------------------
    def plan(self, target: Target) -> Remedy:
        lit = target.literal
        if lit.context in ("comment", "docstring"):
            return left(target, f"not fixed: a key in a {lit.context}; delete it (or write a placeholder "
                                 "such as kam_your_api_key)")
        if lit.encoding != "plain":
            return left(target, "not fixed: a base64-encoded key; replace the encoded value by hand")
        leaf = self._leaf(lit.offset, lit.end)
        if leaf is None:
            return self._split_key(target)
        if self._overlaps_planned(leaf):
            return left(target, "not fixed: shares its expression with another key; run --fix again")
        writer = self._env_write(leaf)
        if writer:
            return left(target, f"not fixed: {writer} writes the key into the environment; delete it and "
                                 "set the variable outside the code")
        if isinstance(leaf, self.cst.FormattedStringText):
            return self._in_fstring(target, leaf)
        return self._in_string(target, leaf)

    def _leaf(self, start: int, end: int):
        cst = self.cst
        best = None
        for node, (s, e) in self.spans.items():
            if isinstance(node, (cst.SimpleString, cst.FormattedStringText)) and s <= start and end <= e:
                if best is None or e - s < self.spans[best][1] - self.spans[best][0]:
                    best = node
        return best

    def _in_string(self, target: Target, node) -> Remedy:
        cst, lit = self.cst, target.literal
        prefix = node.prefix.lower()
        start, end = self.spans[node]
        quote = len(node.quote)
        content_start, content_end = start + len(node.prefix) + quote, end - quote
        whole = lit.offset == content_start and lit.end == content_end
        parent = self.parents.get(node)
        if whole and isinstance(parent, cst.Arg):
            dropped = self._drop_default(target, node, parent)
            if dropped:
                return dropped
        if whole and isinstance(parent, cst.AnnAssign) and self._settings_field(parent):
            return self._settings_default(target, parent)
        if whole and isinstance(parent, cst.BooleanOperation) and isinstance(parent.operator, cst.Or) \
                and parent.right is node and not self._overlaps_planned(parent):
            return self._drop_fallback(target, parent)
        content = self.source.text[content_start:content_end]
        before, after = content[:lit.offset - content_start], content[lit.end - content_start:]
        if not whole and "b" in prefix:
            return left(target, "not fixed: the key is part of a bytes literal; cut it out by hand")
        if not whole and "r" not in prefix and ends_in_escape(before):
            return left(target, "not fixed: an escape sequence runs into the key; edit it by hand")
        variable = self.variables.claim(lit.key.fingerprint, lit.name)
        if variable is None:
            return self._taken(target)
        opening, closing = node.value[:len(node.prefix) + quote], node.value[len(node.value) - quote:]
        parts = [cst.SimpleString(opening + piece + closing) for piece in (before,) if piece]
        parts.append(self._read(variable, bytes_="b" in prefix))
        parts += [cst.SimpleString(opening + piece + closing) for piece in (after,) if piece]
        if isinstance(parent, cst.ConcatenatedString):
            return self._in_concatenation(target, node, parts, variable)
        self._replace(node, self._parenthesized(_joined(cst, parts), parent))
        how = "replaced the key with" if whole else "cut the key out of the string: it reads"
        return fixed(target, variable, f"{how} {self._shown(variable)}")

    def _in_concatenation(self, target: Target, leaf, parts: list, variable: str) -> Remedy:
        """`("Bearer " "kam_...")`: implicitly joined strings become `"Bearer " + os.environ[...]`,
        keeping the whitespace (and line breaks) between the pieces."""
        cst = self.cst
        top = leaf
        while isinstance(self.parents.get(top), cst.ConcatenatedString):
            top = self.parents.get(top)
        if self._overlaps_planned(top):
            return left(target, "not fixed: shares its expression with another key; run --fix again")
        pieces = []  # (expression, whitespace after it)

        def flatten(node, space) -> None:
            if isinstance(node, cst.ConcatenatedString):
                flatten(node.left, node.whitespace_between)
                flatten(node.right, space)
            else:
                pieces.append((node, space))

        flatten(top, None)
        joined = None
        for node, space in pieces:
            new = parts if node is leaf else [node]
            for index, part in enumerate(new):
                last = index == len(new) - 1
                joined = part if joined is None else cst.BinaryOperation(joined, operator, part)
                operator = cst.Add(whitespace_after=space) if last and space is not None else cst.Add()
        joined = joined.with_changes(lpar=top.lpar, rpar=top.rpar) if top.lpar else \
            self._parenthesized(joined, self.parents.get(top))
        self._replace(top, joined)
        return fixed(target, variable, f"joined the strings around the key: it reads {self._shown(variable)}")

    def _parenthesized(self, expression, parent):
        cst = self.cst
        if isinstance(expression, cst.BinaryOperation) and type(parent).__name__ not in BARE_PARENTS:
            return expression.with_changes(lpar=[cst.LeftParen()], rpar=[cst.RightParen()])
        return expression

    def _in_fstring(self, target: Target, node) -> Remedy:
        cst, lit = self.cst, target.literal
        fstring = self.parents.get(node)
        start, _ = self.spans[node]
        before, after = node.value[:lit.offset - start], node.value[lit.end - start:]
        raw = "r" in fstring.start.lower()
        if not raw and ends_in_escape(before):
            return left(target, "not fixed: an escape sequence runs into the key; edit it by hand")
        variable = self.variables.claim(lit.key.fingerprint, lit.name)
        if variable is None:
            return self._taken(target)
        inner = '"' if fstring.start.endswith("'") else "'"
        read = cst.parse_expression(f"os.environ[{inner}{variable}{inner}]")
        self.needs_os = True
        pieces = [cst.FormattedStringText(before)] if before else []
        pieces.append(cst.FormattedStringExpression(read))
        pieces += [cst.FormattedStringText(after)] if after else []
        self._replace(node, cst.FlattenSentinel(pieces))
        return fixed(target, variable, f"the f-string now reads {self._shown(variable)}")

    def _split_key(self, target: Target) -> Remedy:
        """A key written as several literals (`"kam_AbCd" "EfGh..."`, `"kam_" + "AbCd..."`):
        replaced whole when the literals hold nothing but the key."""
        cst, lit = self.cst, target.literal
        candidates = [node for node, (s, e) in self.spans.items()
                      if isinstance(node, (cst.ConcatenatedString, cst.BinaryOperation)) and s <= lit.offset
                      and lit.end <= e]
        for node in sorted(candidates, key=lambda n: self.spans[n][1] - self.spans[n][0]):
            value = _string_value(cst, node)
            if value is None or self._overlaps_planned(node):
                continue
            matches = list(self.matcher.find(value))
            if len(matches) == 1 and matches[0].start == 0 and matches[0].end == len(value):
                variable = self.variables.claim(lit.key.fingerprint, lit.name)
                if variable is None:
                    return self._taken(target)
                self._replace(node, self._read(variable))
                return fixed(target, variable, f"replaced the split-up key with {self._shown(variable)}")
            break
        return left(target, "not fixed: the key is split over several literals with other text; join it by "
                             "hand, then run --fix again")

    # -- contexts -----------------------------------------------------------------------------
    def _drop_default(self, target: Target, node, arg) -> Remedy | None:
        cst = self.cst
        call = self.parents.get(arg)
        if not isinstance(call, cst.Call) or _dotted(call.func) not in ENV_GETTERS:
            return None
        positional = [a for a in call.args if a.keyword is None]
        is_default = (arg.keyword is not None and arg.keyword.value == "default") or (
            arg.keyword is None and len(positional) > 1 and positional[1] is arg)
        if not is_default or self._overlaps_planned(call):
            return None
        name = call.args[0].value
        variable = name.evaluated_value if isinstance(name, cst.SimpleString) else None
        kept = [a for a in call.args if a is not arg]
        kept[-1] = kept[-1].with_changes(comma=cst.MaybeSentinel.DEFAULT)
        self._replace(call, call.with_changes(args=kept))
        shown = f"{_dotted(call.func)}({variable!r})" if isinstance(variable, str) else _dotted(call.func)
        return fixed(target, variable if isinstance(variable, str) else None,
                           f"dropped the key as the default of {shown}")

    def _drop_fallback(self, target: Target, either) -> Remedy:
        """`os.environ.get("X") or "kam_..."`: the read stays, the key goes."""
        kept = either.left.with_changes(lpar=either.lpar, rpar=either.rpar) if either.lpar else either.left
        self._replace(either, kept)
        shown = self.wrapper.module.code_for_node(either.left).strip()
        return fixed(target, None, f"dropped the key as the fallback of {shown}")

    def _settings_field(self, assign) -> bool:
        cst = self.cst
        owner = self.parents.get(self.parents.get(self.parents.get(assign)))  # AnnAssign < line < body < class
        return isinstance(owner, cst.ClassDef) and any(
            _dotted(base.value).rsplit(".", 1)[-1] == "BaseSettings" for base in owner.bases)

    def _settings_default(self, target: Target, assign) -> Remedy:
        cst = self.cst
        field_name = assign.target.value if isinstance(assign.target, cst.Name) else None
        self._replace(assign, assign.with_changes(value=None, equal=cst.MaybeSentinel.DEFAULT))
        variable = field_name.upper() if field_name else None
        return fixed(target, variable, "dropped the key as the field's default: pydantic-settings reads "
                                             f"{variable or 'the field'} from the environment (after any env_prefix)")

    def _env_write(self, node) -> str | None:
        cst = self.cst
        for ancestor in self._ancestors(node):
            if isinstance(ancestor, cst.Call) and _dotted(ancestor.func) in ENV_WRITERS:
                return _dotted(ancestor.func) + "()"
            if isinstance(ancestor, cst.Assign) and any(
                    isinstance(t.target, cst.Subscript) and _dotted(t.target.value).endswith("environ")
                    for t in ancestor.targets):
                return "assigning os.environ[...]"
            if isinstance(ancestor, (cst.SimpleStatementLine, cst.FunctionDef, cst.ClassDef)):
                return None
        return None

    # -- helpers ----------------------------------------------------------------------------------
    def _ancestors(self, node, include_self: bool = False):
        current = node if include_self else self.parents.get(node)
        while current is not None:
            yield current
            current = self.parents.get(current)

    def _read(self, variable: str, bytes_: bool = False):
        self.needs_os = True
        return self.cst.parse_expression(f'os.environ["{variable}"]' + (".encode()" if bytes_ else ""))

    def _replace(self, node, new) -> None:
        self.replacements[node] = new

    def _overlaps_planned(self, node) -> bool:
        start, end = self.spans[node]
        return any(s < end and start < e for s, e in (self.spans[n] for n in self.replacements))

    @staticmethod
    def _shown(variable: str) -> str:
        return f'os.environ["{variable}"]'

    def _taken(self, target: Target) -> Remedy:
        return left(target, "not fixed: another key in this file already reads that variable; choose a "
                             "variable for this one by hand")



class _Replace:
    """A libcst transformer that swaps the planned nodes (matched by identity)."""

    def __new__(cls, replacements: dict):
        import libcst as cst

        class Replace(cst.CSTTransformer):
            def on_leave(self, original, updated):
                return replacements.get(original, updated)

        return Replace()


def _joined(cst, parts: list):
    joined = parts[0]
    for part in parts[1:]:
        joined = cst.BinaryOperation(joined, cst.Add(), part)
    return joined


def _dotted(node) -> str:
    import libcst as cst

    if isinstance(node, cst.Name):
        return node.value
    if isinstance(node, cst.Attribute):
        return f"{_dotted(node.value)}.{node.attr.value}"
    return ""


def _string_value(cst, node) -> str | None:
    """The value of an expression made only of str literals joined implicitly or with `+`."""
    if isinstance(node, cst.SimpleString):
        value = node.evaluated_value
        return value if isinstance(value, str) else None
    if isinstance(node, cst.ConcatenatedString):
        left, right = _string_value(cst, node.left), _string_value(cst, node.right)
    elif isinstance(node, cst.BinaryOperation) and isinstance(node.operator, cst.Add):
        left, right = _string_value(cst, node.left), _string_value(cst, node.right)
    else:
        return None
    return None if left is None or right is None else left + right
