"""The package's shape: data flows one way (text -> records -> RDF -> store -> views), with no import circles.

Every module is read with ``ast``; an import, at module level or inside a function, may only point to the same
layer or one to its left. A function-local import stands only in the CLI (so ``kg --help`` loads click alone) or
where a comment says why it is lazy.
"""

import ast
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "kg"
# Left to right: a module may import from its own layer and from layers to its left only.
LAYERS = [
    ("kg", "kg.errors", "kg.resources", "kg.translit", "kg.names"),
    ("kg.text",),
    ("kg.extract",),
    ("kg.rdf",),
    ("kg.store",),
    ("kg.pipeline",),
    ("kg.views",),
    ("kg.eval",),
    ("kg.cli",),
]
MAX_LINES = 300
LONG_MODULES = {"kg.extract.entities", "kg.extract.gazetteer"}  # the extraction issue reshapes kg/extract


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def layer(module: str) -> int:
    for rank, prefixes in enumerate(LAYERS):
        if any(module == p or p != "kg" and module.startswith(p + ".") for p in prefixes):
            return rank
    raise AssertionError(f"{module} belongs to no layer: add it to LAYERS")


def imports(module: str) -> list[tuple[str, int, bool]]:
    """(imported kg module, line, inside a function) for each import of ``module``."""
    tree = ast.parse(MODULES[module].read_text(encoding="utf-8"))
    local = {id(n) for f in ast.walk(tree) if isinstance(f, (ast.FunctionDef, ast.AsyncFunctionDef))
             for n in ast.walk(f)}
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.level:
            raise AssertionError(f"{module}:{node.lineno}: relative import; write the full kg.* path")
        if isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] == "kg":
            for alias in node.names:
                target = f"{node.module}.{alias.name}"
                found.append((target if target in MODULES else node.module, node.lineno, id(node) in local))
        elif isinstance(node, ast.Import):
            found += [(a.name, node.lineno, id(node) in local) for a in node.names if a.name.split(".")[0] == "kg"]
    return found


def graph() -> dict[str, set[str]]:
    return {m: {target for target, _, _ in imports(m) if target in MODULES and target != m} for m in MODULES}


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in edges.get(v, ()):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for v in sorted(edges):
        if v not in index:
            visit(v)
    return found


def test_every_module_has_a_layer():
    assert {layer(m) for m in MODULES} == set(range(len(LAYERS)))


def test_no_module_imports_a_layer_to_its_right():
    wrong = [f"{m}:{line} imports {target}" for m in MODULES for target, line, _ in imports(m)
             if target.startswith("kg.") and layer(target) > layer(m)]
    assert wrong == []


def test_no_import_circles():
    assert cycles(graph()) == []


@pytest.mark.parametrize("edges, expected", [
    ({"a": {"b"}, "b": {"a"}}, [["a", "b"]]),
    ({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}, [["a", "b", "c"]]),
    ({"a": {"b"}, "b": set()}, []),
])
def test_the_circle_finder_finds_circles(edges, expected):
    assert cycles(edges) == expected


def test_function_local_imports_only_in_the_cli_or_said_lazy():
    bad = []
    for m, path in MODULES.items():
        if layer(m) == layer("kg.cli"):
            continue
        lines = path.read_text(encoding="utf-8").splitlines()
        tree = ast.parse("\n".join(lines))
        for f in ast.walk(tree):
            if isinstance(f, (ast.FunctionDef, ast.AsyncFunctionDef)):
                for node in ast.walk(f):
                    if isinstance(node, (ast.Import, ast.ImportFrom)):
                        text = " ".join(lines[node.lineno - 1:node.end_lineno])
                        target = node.module if isinstance(node, ast.ImportFrom) else node.names[0].name
                        if (target or "").split(".")[0] == "kg" or "# lazy:" not in text:
                            bad.append(f"{m}:{node.lineno}: {text.strip()}")
    assert bad == []


def test_modules_stay_short():
    long = {m: n for m, p in MODULES.items() if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_LINES}
    assert set(long) <= LONG_MODULES, long


def test_help_loads_only_click_and_the_cli():
    code = ("import sys, kg.cli; heavy = {'pyoxigraph', 'rdflib', 'spacy', 'networkx', 'pyshacl', 'trafilatura'};"
            "print(sorted(m for m in sys.modules if m.split('.')[0] in heavy or m.startswith(('kg.store', 'kg.views',"
            "'kg.extract', 'kg.pipeline', 'kg.rdf'))))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
