"""Syntax check of Swift files with tree-sitter-swift (no Swift compiler here).

UniFFI's `#if swift(>=5.8)` / `@_documentation(visibility: private)` / `#endif` blocks are
blanked first (the grammar cannot parse the attribute), keeping line numbers, and the empty
tuple `()` UniFFI writes as the value of a closure (`let writeReturn = { () }`, in the code of
a callback interface whose method returns nothing) is read as its equal `Void()`, which the
grammar does parse (it has no rule for `()` as an expression). Prints every
ERROR or MISSING node as `file:line:column` and exits 1 when any file has one.
"""

import re
import sys

import tree_sitter
import tree_sitter_swift

BLOCK = re.compile(
    r"^[ \t]*#if swift\(>=5\.8\)\n[ \t]*@_documentation\(visibility: private\)\n[ \t]*#endif\n",
    re.M,
)


EMPTY_TUPLE_CLOSURE = re.compile(r"= \{ \(\) \}$", re.M)


def strip(text: str) -> str:
    return EMPTY_TUPLE_CLOSURE.sub("= { Void() }", BLOCK.sub("\n\n\n", text))


def problems(node, found):
    if node.is_error or node.is_missing:
        found.append(node)
        return
    for child in node.children:
        problems(child, found)


def main() -> int:
    parser = tree_sitter.Parser(tree_sitter.Language(tree_sitter_swift.language()))
    failed = False
    for path in sys.argv[1:]:
        with open(path, encoding="utf-8") as handle:
            source = strip(handle.read())
        tree = parser.parse(source.encode("utf-8"))
        found = []
        problems(tree.root_node, found)
        for node in found[:20]:
            row, column = node.start_point
            kind = "missing " + node.type if node.is_missing else "syntax error"
            print(f"{path}:{row + 1}:{column + 1}: {kind}")
        failed |= bool(found)
        print(f"{path}: {'FAILED' if found else 'ok'} ({source.count(chr(10))} lines)")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
