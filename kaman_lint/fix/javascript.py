"""JavaScript and TypeScript run on a server: a key literal becomes `process.env.KAMAN_API_KEY`
(`Deno.env.get("KAMAN_API_KEY")` in a Deno file). Text edits on the string's span (for a key
joined from literals only, on the whole expression), found with tree-sitter; the file is parsed
again afterwards and the edit dropped if it would not parse.

Client code gets no rewrite (an env read there is inlined into the bundle, or breaks): see
advice.py."""

from __future__ import annotations


from kaman_lint import lazy_re
from kaman_lint.facts import FileFacts
from kaman_lint.fix.model import Edit, Remedy, Target, apply_edits, ends_in_escape, fixed, left
from kaman_lint.fix.names import FileVariables
from kaman_lint.records import replace

# A file that is Deno's: it uses the Deno namespace or imports by URL / JSR specifier.
DENO_MARKERS = lazy_re.compile(r"""\bDeno\.|from\s+['"](?:jsr:|https://deno\.land/)""")
STRING_NODES = ("string", "template_string")
# Where `"a" + process.env.X` needs no parentheses around it.
BARE_PARENTS = ("variable_declarator", "pair", "arguments", "assignment_expression", "return_statement",
                "array", "public_field_definition", "property_signature")


def is_deno(facts: FileFacts) -> bool:
    return DENO_MARKERS.search(facts.source.text) is not None


def env_read(variable: str, deno: bool) -> str:
    return f'Deno.env.get("{variable}")' if deno else f"process.env.{variable}"


def fix(facts: FileFacts, targets: list[Target], variables: FileVariables) -> tuple[str | None, list[Remedy]]:
    from kaman_lint.exposure.flows.javascript import parse

    text = facts.source.text
    tree = parse(facts)
    if tree is None or tree.root_node.has_error:
        return None, [left(t, "not fixed: the file does not parse; fix the syntax first") for t in targets]
    data = text.encode("utf-8")
    deno = is_deno(facts)
    edits: list[Edit] = []
    remedies = []
    for target in targets:
        lit = target.literal
        if lit.context == "comment" or lit.encoding != "plain":
            remedies.append(left(target, "not fixed: delete the key here (or write a placeholder such as "
                                          "kam_your_api_key)"))
            continue
        start_byte = len(text[:lit.offset].encode("utf-8"))
        end_byte = start_byte + len(text[lit.offset:lit.end].encode("utf-8"))
        node = tree.root_node.descendant_for_byte_range(start_byte, end_byte)
        while node is not None and node.type not in STRING_NODES and node.type != "comment":
            node = node.parent
        if node is not None and node.type == "comment":
            remedies.append(left(target, "not fixed: a key in a comment; delete it (or write a placeholder "
                                         "such as kam_your_api_key)"))
            continue
        if node is None:  # split over literals (`"kam_" + "..."`): the whole expression, if it is only the key
            remedies.append(_split_key(data, tree, start_byte, end_byte, target, edits, variables, deno))
            continue
        node_start = len(data[:node.start_byte].decode("utf-8"))
        node_end = node_start + len(data[node.start_byte:node.end_byte].decode("utf-8"))
        if any(e.start < node_end and node_start < e.end for e in edits):
            remedies.append(left(target, "not fixed: shares its string with another key; run --fix again"))
            continue
        fallback = _fallback_edit(text, data, node, node_start, node_end, lit)
        if fallback is not None:
            edits.append(fallback[0])
            remedies.append(fixed(target, None, f"dropped the key as the fallback of {fallback[1]}"))
            continue
        variable = variables.claim(lit.key.fingerprint, lit.name)
        if variable is None:
            remedies.append(left(target, "not fixed: another key in this file already reads that variable; "
                                          "choose a variable for this one by hand"))
            continue
        read = env_read(variable, deno)
        edit = _edit(text, node, node_start, node_end, lit, read)
        if isinstance(edit, str):
            remedies.append(left(target, edit))
            continue
        edits.append(edit)
        remedies.append(fixed(target, variable, f"replaced the key with {read}"))
    if not edits:
        return None, remedies
    new = apply_edits(text, edits)
    reparsed = parse(FileFacts(replace(facts.source, text=new, _line_starts=None)))
    if reparsed is None or reparsed.root_node.has_error:
        return None, [left(t, "not fixed: the rewrite would not parse (please report this)") for t in targets]
    return new, remedies


def _split_key(data: bytes, tree, start_byte: int, end_byte: int, target: Target,
               edits: list[Edit], variables: FileVariables, deno: bool) -> Remedy:
    """A key joined from literals becomes the read when the expression holds nothing else."""
    from kaman_lint.keys import fingerprint
    from kaman_lint.lang.js_concat import literal_value

    lit = target.literal
    node, found = tree.root_node.descendant_for_byte_range(start_byte, end_byte), None
    for _level in range(8):  # `[...]` -> `.join` -> `(...)`: a few levels at most
        if node is None:
            break
        value = literal_value(node, data)
        if value is not None and fingerprint(value) == lit.key.fingerprint:
            found = node
            break
        node = node.parent
    if found is None:
        return left(target, "not fixed: the key is split over literals with other text; join it by hand, "
                            "then run --fix again")
    start = len(data[:found.start_byte].decode("utf-8"))
    end = start + len(data[found.start_byte:found.end_byte].decode("utf-8"))
    if any(e.start < end and start < e.end for e in edits):
        return left(target, "not fixed: shares its expression with another key; run --fix again")
    variable = variables.claim(lit.key.fingerprint, lit.name)
    if variable is None:
        return left(target, "not fixed: another key in this file already reads that variable; "
                            "choose a variable for this one by hand")
    read = env_read(variable, deno)
    parent = found.parent.type if found.parent is not None else ""
    edits.append(Edit(start, end, "{" + read + "}" if parent == "jsx_attribute" else read))
    return fixed(target, variable, f"replaced the split-up key with {read}")


def _fallback_edit(text: str, data: bytes, node, start: int, end: int, lit) -> tuple[Edit, str] | None:
    """`process.env.X || "kam_..."` (or `??`): the whole expression becomes its left side."""
    parent = node.parent
    if (parent is None or parent.type != "binary_expression" or parent.child_by_field_name("right") != node
            or lit.offset != start + 1 or lit.end != end - 1):
        return None
    operator = parent.child_by_field_name("operator")
    if operator is None or operator.type not in ("||", "??"):
        return None
    kept = parent.child_by_field_name("left")

    def offset(byte: int) -> int:
        return len(data[:byte].decode("utf-8"))

    shown = text[offset(kept.start_byte):offset(kept.end_byte)]
    return Edit(offset(parent.start_byte), offset(parent.end_byte), shown), shown


def _edit(text: str, node, start: int, end: int, lit, read: str) -> Edit | str:
    """The edit that puts `read` where the key is in the string `node` (text[start:end]), or why not."""
    if node.type == "template_string":
        before = text[start + 1:lit.offset]
        if ends_in_escape(before):
            return "not fixed: an escape sequence runs into the key; edit it by hand"
        return Edit(lit.offset, lit.end, "${" + read + "}")
    quote = text[start]
    whole = lit.offset == start + 1 and lit.end == end - 1
    parent = node.parent.type if node.parent is not None else ""
    if whole:
        return Edit(start, end, "{" + read + "}" if parent == "jsx_attribute" else read)
    before, after = text[start + 1:lit.offset], text[lit.end:end - 1]
    if ends_in_escape(before):
        return "not fixed: an escape sequence runs into the key; edit it by hand"
    parts = [quote + before + quote] if before else []
    parts.append(read)
    parts += [quote + after + quote] if after else []
    joined = " + ".join(parts)
    if parent == "jsx_attribute":
        joined = "{" + joined + "}"
    elif parent not in BARE_PARENTS:
        joined = f"({joined})"
    return Edit(start, end, joined)

