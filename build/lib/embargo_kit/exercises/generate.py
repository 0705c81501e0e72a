"""Generate learner notebooks from solution notebooks.

``exercises/solutions/<part>/<id>-<slug>.ipynb`` → ``exercises/<part>/<id>-<slug>.ipynb``:

* a code cell tagged ``solution`` keeps its leading comment lines and any ``# TODO`` / ``# Your answer``
  line; its code becomes stubs: each top-level ``name = <expr>`` becomes ``name = ...``, a top-level
  ``def``/``class`` keeps its signature (and docstring) with the body ``...``, top-level imports are kept;
  with no assignment or definition the code becomes ``...``;
* a markdown cell tagged ``solution`` becomes "*Write your answer here.*";
* ``# BEGIN SOLUTION`` / ``# END SOLUTION`` blocks in any code cell become ``...`` at the marker's
  indentation (top-level blocks keep ``name = ...`` stubs of what they assign);
* cells tagged ``instructor`` are dropped;
* outputs, execution counts and metadata other than tags, ``kernelspec`` and ``embargo_kit`` are removed;
  ``metadata.embargo_kit.lesson`` is set from the file name so the grader knows the lesson of a renamed file.

Solutions are never rewritten: a solution with committed outputs is an error, as is an unknown tag.
"""

from __future__ import annotations

import ast
import copy
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

import nbformat

__all__ = [
    "ALLOWED_TAGS",
    "GenerationError",
    "BuildReport",
    "lesson_from_stem",
    "solution_notebooks",
    "learner_path",
    "learner_notebook",
    "render",
    "generate_text",
    "build",
]

ALLOWED_TAGS = frozenset(
    {
        "solution",
        "setup",
        "check",
        "instructor",
        "hide-input",
        "hide-output",
        "remove-input",
        "remove-output",
        "remove-cell",
        "raises-exception",
    }
)
SOLUTION, INSTRUCTOR = "solution", "instructor"
MARKDOWN_PLACEHOLDER = "*Write your answer here.*"

_BEGIN = re.compile(r"^(?P<indent>[ \t]*)#\s*BEGIN SOLUTION\b.*$")
_END = re.compile(r"^[ \t]*#\s*END SOLUTION\b.*$")
_KEEP = re.compile(r"^[ \t]*#\s*(TODO|Your answer)\b", re.IGNORECASE)
_STEM_LESSON = re.compile(r"^(?P<lesson>[a-z]+-\d{2})(?P<suffix>[a-z]?)(?:-|$)")


class GenerationError(Exception):
    """A solution notebook cannot be turned into a learner notebook; the message names notebook and cell."""


def lesson_from_stem(stem: str) -> str | None:
    """``awareness-02-regime-as-data`` → ``awareness-02`` (``port-02a-...`` → ``port-02``)."""
    m = _STEM_LESSON.match(stem)
    return m.group("lesson") if m else None


# ----------------------------------------------------------------------------------- code transforms
def _python_of(source: str) -> str:
    """IPython syntax (magics, ``!cmd``) turned into plain Python, line for line where possible."""
    if not re.search(r"^\s*[%!]|\?\s*$", source, re.MULTILINE):
        return source
    from IPython.core.inputtransformer2 import TransformerManager

    return TransformerManager().transform_cell(source)


def _names(target: ast.expr) -> list[str]:
    if isinstance(target, ast.Name):
        return [target.id]
    if isinstance(target, (ast.Tuple, ast.List)):
        return [n for elt in target.elts for n in _names(elt)]
    if isinstance(target, ast.Starred):
        return _names(target.value)
    return []  # attribute / subscript targets are not stubbed


def _stub_def(node: ast.AST) -> str:
    node = copy.deepcopy(node)
    body: list[ast.stmt] = []
    first = node.body[0] if node.body else None  # type: ignore[attr-defined]
    if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant) and isinstance(first.value.value, str):
        body.append(first)
    body.append(ast.Expr(ast.Constant(Ellipsis)))
    node.body = body  # type: ignore[attr-defined]
    node.decorator_list = []  # type: ignore[attr-defined]
    if isinstance(node, ast.ClassDef):
        node.bases, node.keywords = [], []
    return ast.unparse(node)


def _stubs(code: str) -> list[tuple[int, str, bool]] | None:
    """(line, text, is_stub) for the top-level statements worth keeping; None if ``code`` does not parse."""
    try:
        tree = ast.parse(_python_of(code))
    except SyntaxError:
        return None
    out: list[tuple[int, str, bool]] = []
    seen: set[str] = set()
    for node in tree.body:
        if isinstance(node, (ast.Assign, ast.AnnAssign)):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            for target in targets:
                for name in _names(target):
                    if name not in seen:
                        seen.add(name)
                        out.append((node.lineno, f"{name} = ...", True))
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            if node.name not in seen:
                seen.add(node.name)
                out.append((node.lineno, _stub_def(node), True))
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            out.append((node.lineno, ast.unparse(node), False))
    return out


def _leading_comments(lines: list[str]) -> tuple[list[str], int]:
    kept: list[str] = []
    i = 0
    while i < len(lines) and (not lines[i].strip() or lines[i].lstrip().startswith("#")):
        kept.append(lines[i])
        i += 1
    while kept and not kept[-1].strip():
        kept.pop()
    return kept, i


def _stub_code(lines: list[str], indent: str = "", first_line: int = 1) -> list[str]:
    """The learner version of solution code (whole cell or top-level block): TODO lines and stubs."""
    code = "\n".join(line[len(indent):] if line.startswith(indent) else line for line in lines)
    items: list[tuple[int, str, bool]] = []
    for n, line in enumerate(lines, start=1):
        if _KEEP.match(line):
            items.append((n, line.strip(), False))
    stubs = _stubs(code) if not indent else None
    if stubs:
        items += stubs
    items.sort(key=lambda t: t[0])
    out: list[str] = []
    for _, text, _ in items:
        out += [indent + t for t in text.splitlines()]
    if not (stubs and any(is_stub for _, _, is_stub in stubs)):
        out.append(indent + "...")
    return out


def _solution_cell_source(source: str) -> str:
    lines = source.splitlines()
    head, start = _leading_comments(lines)
    body = _stub_code(lines[start:])
    return "\n".join(head + body)


def _replace_blocks(source: str, where: str) -> str:
    lines = source.splitlines()
    out: list[str] = []
    block: list[str] | None = None
    indent = ""
    for n, line in enumerate(lines, start=1):
        begin, end = _BEGIN.match(line), _END.match(line)
        if begin:
            if block is not None:
                raise GenerationError(f"{where}: line {n}: '# BEGIN SOLUTION' inside another solution block")
            block, indent = [], begin.group("indent")
        elif end:
            if block is None:
                raise GenerationError(f"{where}: line {n}: '# END SOLUTION' without a '# BEGIN SOLUTION'")
            out += _stub_code(block, indent)
            block = None
        elif block is not None:
            block.append(line)
        else:
            out.append(line)
    if block is not None:
        raise GenerationError(f"{where}: '# BEGIN SOLUTION' without a matching '# END SOLUTION'")
    return "\n".join(out)


def _check_compiles(source: str, where: str) -> None:
    try:
        compile(_python_of(source), where, "exec")
    except SyntaxError as exc:
        raise GenerationError(
            f"{where}: the learner version is not valid Python ({exc.msg}, line {exc.lineno}); "
            "put whole statements inside solution cells and blocks"
        ) from None


# ------------------------------------------------------------------------------------- notebook level
def _tags(cell: nbformat.NotebookNode) -> list[str]:
    tags = cell.get("metadata", {}).get("tags", []) or []
    return [str(t) for t in tags]


def learner_notebook(solution: nbformat.NotebookNode, name: str = "notebook", lesson: str | None = None):
    """The learner version of a solution notebook (a new NotebookNode; the input is not modified)."""
    nb = copy.deepcopy(solution)
    cells = []
    for index, cell in enumerate(nb.cells):
        where = f"{name}, cell {index}"
        tags = _tags(cell)
        unknown = [t for t in tags if t not in ALLOWED_TAGS]
        if unknown:
            raise GenerationError(
                f"{where}: unknown tag(s) {', '.join(map(repr, unknown))}; allowed: {', '.join(sorted(ALLOWED_TAGS))}"
            )
        if cell.cell_type == "code" and (cell.get("outputs") or cell.get("execution_count") is not None):
            raise GenerationError(
                f"{where}: the solution notebook has outputs committed; clear them "
                "(jupyter nbconvert --clear-output --inplace FILE) — solutions are never rewritten by the build"
            )
        if INSTRUCTOR in tags:
            continue
        source = cell.source if isinstance(cell.source, str) else "".join(cell.source)
        if cell.cell_type == "code":
            if SOLUTION in tags:
                source = _solution_cell_source(_replace_blocks(source, where))
            else:
                source = _replace_blocks(source, where)
            _check_compiles(source, where)
            cell.outputs = []
            cell.execution_count = None
        elif cell.cell_type == "markdown" and SOLUTION in tags:
            source = MARKDOWN_PLACEHOLDER
        cell.source = source
        cell.metadata = nbformat.NotebookNode({"tags": tags} if tags else {})
        if cell.cell_type != "code":
            cell.pop("outputs", None)
            cell.pop("execution_count", None)
        cells.append(cell)
    for i, cell in enumerate(cells):
        if nb.nbformat_minor >= 5 and not cell.get("id"):
            cell["id"] = f"cell-{i}"
    nb.cells = cells
    meta = nbformat.NotebookNode()
    if "kernelspec" in solution.metadata:
        meta["kernelspec"] = copy.deepcopy(solution.metadata["kernelspec"])
    ek = dict(solution.metadata.get("embargo_kit", {}) or {})
    lesson = ek.get("lesson") or lesson
    if lesson:
        ek["lesson"] = lesson
    if ek:
        meta["embargo_kit"] = nbformat.NotebookNode(ek)
    nb.metadata = meta
    return nb


def render(nb: nbformat.NotebookNode) -> str:
    """Deterministic text of a notebook (sorted keys, indent 1, trailing newline)."""
    text = nbformat.writes(nb, version=4)
    return text if text.endswith("\n") else text + "\n"


def _read(path: Path) -> nbformat.NotebookNode:
    try:
        return nbformat.read(path, as_version=4)
    except Exception as exc:
        raise GenerationError(f"{path}: not a readable notebook ({exc.__class__.__name__})") from None


def generate_text(solution_path: Path, root: Path | None = None) -> str:
    """The learner notebook text for one solution notebook."""
    solution_path = Path(solution_path)
    name = str(solution_path.relative_to(root)) if root else solution_path.name
    nb = learner_notebook(_read(solution_path), name=name, lesson=lesson_from_stem(solution_path.stem))
    return render(nb)


def solution_notebooks(root: Path) -> list[Path]:
    """``exercises/solutions/<part>/*.ipynb`` under the repository root, sorted."""
    base = Path(root) / "exercises" / "solutions"
    return sorted(p for p in base.glob("*/*.ipynb") if ".ipynb_checkpoints" not in p.parts)


def learner_notebooks(root: Path) -> list[Path]:
    base = Path(root) / "exercises"
    return sorted(p for p in base.glob("*/*.ipynb") if p.parent.name != "solutions")


def learner_path(solution: Path, root: Path) -> Path:
    solution = Path(solution)
    return Path(root) / "exercises" / solution.parent.name / solution.name


@dataclass
class BuildReport:
    written: list[Path] = field(default_factory=list)
    unchanged: list[Path] = field(default_factory=list)
    stale: list[Path] = field(default_factory=list)  # out of date or missing (check mode)
    orphans: list[Path] = field(default_factory=list)  # learner notebooks without a solution
    errors: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors and not self.stale and not self.orphans


def build(root: Path, check: bool = False, only: Iterable[Path] | None = None) -> BuildReport:
    """Generate every learner notebook (``check=True``: write nothing, report stale ones)."""
    root = Path(root)
    report = BuildReport()
    sources = list(only) if only is not None else solution_notebooks(root)
    for sol in sources:
        target = learner_path(sol, root)
        try:
            text = generate_text(sol, root)
        except GenerationError as exc:
            report.errors.append(str(exc))
            continue
        current = target.read_text(encoding="utf-8") if target.is_file() else None
        if current == text:
            report.unchanged.append(target)
        elif check:
            report.stale.append(target)
        else:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8", newline="\n")
            report.written.append(target)
    if only is None:
        expected = {learner_path(s, root) for s in sources}
        report.orphans = [p for p in learner_notebooks(root) if p not in expected]
    return report
