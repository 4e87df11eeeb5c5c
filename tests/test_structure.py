"""The shape of the code: no import circle among the modules of ``bot/`` and ``retrieval/``,
and no function longer than ``MAX_LINES`` unless a comment says why.

Only module-level imports count as edges of the import graph (those inside a function run
when it is called, after every module has loaded, and cannot deadlock an import); imports
under ``if TYPE_CHECKING:`` do not run at all and do not count either. ``from a import b``
is an edge to ``a.b`` when that is a module, else to ``a``.

A function may be longer when the line before its ``def`` (or before its decorators), or its
first body line, is a comment ``# long: <why>``.
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("bot", "retrieval")
MAX_LINES = 80

# Known offenders (none now): the test fails when a new one appears, and when one listed
# here is fixed (so a list, once needed, only shrinks).
KNOWN_CIRCLES: set[tuple[str, ...]] = set()
KNOWN_LONG: set[str] = set()


def _modules() -> dict[str, Path]:
    out = {}
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            parts = path.relative_to(ROOT).with_suffix("").parts
            name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
            out[name] = path
    return out


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _module_level_imports(tree: ast.Module) -> list[ast.Import | ast.ImportFrom]:
    """Imports that run when the module is imported (not in functions, not TYPE_CHECKING)."""
    found: list[ast.Import | ast.ImportFrom] = []
    pending: list[ast.stmt] = list(tree.body)
    while pending:
        node = pending.pop()
        if isinstance(node, ast.Import | ast.ImportFrom):
            found.append(node)
        elif isinstance(node, ast.If) and not _is_type_checking(node):
            pending.extend(node.body + node.orelse)
        elif isinstance(node, ast.Try):
            pending.extend(node.body + node.orelse + node.finalbody)
            for handler in node.handlers:
                pending.extend(handler.body)
        elif isinstance(node, ast.With):
            pending.extend(node.body)
    return found


def _resolve(name: str, node: ast.ImportFrom, modules: dict[str, str]) -> str:
    if node.level:  # relative: from the importing module's package
        base = name if modules[name].endswith("__init__.py") else name.rpartition(".")[0]
        for _ in range(node.level - 1):
            base = base.rpartition(".")[0]
        return f"{base}.{node.module}" if node.module else base
    return node.module or ""


def import_graph() -> dict[str, set[str]]:
    paths = _modules()
    files = {name: str(path) for name, path in paths.items()}
    graph: dict[str, set[str]] = {name: set() for name in paths}
    for name, path in paths.items():
        tree = ast.parse(path.read_text("utf-8"))
        for node in _module_level_imports(tree):
            if isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            else:
                base = _resolve(name, node, files)
                targets = [
                    f"{base}.{alias.name}" if f"{base}.{alias.name}" in paths else base
                    for alias in node.names
                ]
            graph[name].update(t for t in targets if t in paths and t != name)
    return graph


def circles(graph: dict[str, set[str]]) -> set[tuple[str, ...]]:
    """Every strongly connected group of more than one module (Tarjan), sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: set[tuple[str, ...]] = set()

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in sorted(graph[node]):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            group = []
            while True:
                top = stack.pop()
                on_stack.discard(top)
                group.append(top)
                if top == node:
                    break
            if len(group) > 1:
                groups.add(tuple(sorted(group)))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return groups


def long_functions() -> set[str]:
    """``module:qualified.name`` of each function over ``MAX_LINES`` lines with no reason."""
    out = set()
    for name, path in _modules().items():
        lines = path.read_text("utf-8").splitlines()
        pending: list[tuple[ast.AST, str]] = [(ast.parse("\n".join(lines)), "")]
        while pending:
            node, prefix = pending.pop()
            for child in ast.iter_child_nodes(node):
                if isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef):
                    qualified = f"{prefix}{child.name}"
                    length = (child.end_lineno or child.lineno) - child.lineno + 1
                    if length > MAX_LINES and not _says_why(child, lines):
                        out.add(f"{name}:{qualified}")
                    pending.append((child, f"{qualified}."))
                elif isinstance(child, ast.ClassDef):
                    pending.append((child, f"{prefix}{child.name}."))
    return out


def _says_why(node: ast.FunctionDef | ast.AsyncFunctionDef, lines: list[str]) -> bool:
    first = min([node.lineno, *(d.lineno for d in node.decorator_list)])
    before = lines[first - 2].strip() if first >= 2 else ""
    body = node.body[0].lineno if node.body else node.lineno
    # The first body line, or a comment line just above it (after the signature).
    around = [lines[body - 2].strip(), lines[body - 1].strip()] if body >= 2 else []
    return any(line.startswith("# long:") for line in [before, *around])


def test_no_import_circle_in_bot_and_retrieval() -> None:
    found = circles(import_graph())
    assert found - KNOWN_CIRCLES == set(), "new import circles"
    assert KNOWN_CIRCLES - found == set(), "fixed: remove them from KNOWN_CIRCLES"


def test_no_function_over_80_lines_without_a_reason() -> None:
    found = long_functions()
    assert found - KNOWN_LONG == set(), "new functions over 80 lines (split, or '# long: why')"
    assert KNOWN_LONG - found == set(), "fixed: remove them from KNOWN_LONG"


def test_the_checks_find_what_they_look_for(tmp_path: Path) -> None:
    """A circle and a long function are found (the checks above can fail)."""
    assert circles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == {("a", "b", "c")}
    body = "\n".join(f"    x{i} = {i}" for i in range(MAX_LINES))
    lines = f"def f():\n{body}\n".splitlines()
    node = ast.parse("\n".join(lines)).body[0]
    assert isinstance(node, ast.FunctionDef) and not _says_why(node, lines)
    lines = ["# long: a table", *lines]
    node = ast.parse("\n".join(lines)).body[0]
    assert isinstance(node, ast.FunctionDef) and _says_why(node, lines)
