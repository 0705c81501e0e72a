"""The package's shape: no import cycle, and only the imports between parts that the handbook's architecture
page allows (handbook/docs/explanation/architecture.md, the one place the parts are declared)."""

from __future__ import annotations

import re
import textwrap
from pathlib import Path

import pytest

from import_graph import SRC, Edge, cycles, edges, modules, part_of  # tests/architecture/import_graph.py

PAGE = Path(__file__).resolve().parents[2] / "handbook" / "docs" / "explanation" / "architecture.md"


def declared_parts(text: str | None = None) -> dict[str, set[str]]:
    """{part: parts it may import}, from the table between the page's parts:begin and parts:end markers."""
    text = PAGE.read_text(encoding="utf-8") if text is None else text
    block = re.search(r"<!-- parts:begin.*?-->(.*?)<!-- parts:end -->", text, flags=re.S)
    assert block, f"{PAGE} has no parts table between <!-- parts:begin --> and <!-- parts:end -->"
    parts: dict[str, set[str]] = {}
    for line in block.group(1).strip().splitlines()[2:]:  # after the header and the |---| row
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        name = cells[0].strip("`")
        allowed = set() if cells[-1] == "nothing" else {c.strip().strip("`") for c in cells[-1].split(",")}
        assert name not in parts, f"the parts table names {name} twice"
        parts[name] = allowed
    return parts


def forbidden(graph_edges: list[Edge], parts: dict[str, set[str]]) -> list[str]:
    bad = []
    for e in graph_edges:
        a, b = part_of(e.source), part_of(e.target)
        if a != b and b not in parts.get(a, set()):
            path = SRC / (e.source.replace(".", "/"))
            bad.append(f"{e.source} (line {e.line}) imports {e.target}: part '{a}' may not import '{b}' "
                       f"({path})")
    return sorted(set(bad))


# ------------------------------------------------------------------------------------------ the package
def test_the_package_has_no_import_cycle():
    found = cycles(edges())
    assert not found, "import cycles (imports inside functions count; TYPE_CHECKING ones do not):\n" + "\n".join(
        " -> ".join(c) for c in found)


def test_every_import_between_parts_is_one_the_architecture_page_allows():
    bad = forbidden(edges(), declared_parts())
    assert not bad, ("imports the parts table of handbook/docs/explanation/architecture.md does not allow "
                     "(move the code, or change the table and say why in design.md):\n" + "\n".join(bad))


def test_the_page_names_every_part_and_only_parts_that_exist():
    in_code = {part_of(m) for m in modules()}
    declared = declared_parts()
    assert in_code - set(declared) == set(), f"parts missing from the architecture page: {in_code - set(declared)}"
    assert set(declared) - in_code == set(), f"the architecture page names parts with no code: {set(declared) - in_code}"
    for part, allowed in declared.items():
        assert allowed <= set(declared), f"{part} may import unknown parts {allowed - set(declared)}"


def test_the_engine_imports_no_other_part():
    assert declared_parts()["exercises"] == set(), "the exercise engine is the bottom layer: it imports no part"


def test_the_top_level_keeps_only_the_modules_design_md_allows():
    top = {m.split(".")[1] for m in modules() if m.count(".") == 1 and (SRC / m.replace(".", "/")).with_suffix(".py").exists()}
    allowed = {"book", "serve", "doctor", "publish", "profile", "quizbank", "bundle"}  # design.md, "Shape"
    assert top <= allowed, f"new top-level modules: {top - allowed}; put them in a part (design.md, 'Shape')"


# ------------------------------------------------------------------------------ the walker, on samples
def _tree(tmp_path: Path, files: dict[str, str]) -> Path:
    for rel, code in files.items():
        p = tmp_path / "embargo_kit" / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(textwrap.dedent(code), encoding="utf-8")
    return tmp_path


def test_a_cycle_through_an_import_inside_a_function_is_found(tmp_path):
    src = _tree(tmp_path, {
        "__init__.py": "",
        "eng/__init__.py": "",
        "eng/grade.py": "def f():\n    from .sandbox import run\n",
        "eng/sandbox.py": "from .grade import f\n",
        "eng/runner.py": "import os\n",
    })
    assert cycles(edges(src)) == [["embargo_kit.eng.grade", "embargo_kit.eng.sandbox"]]


def test_type_checking_imports_and_package_relative_imports_are_read_right(tmp_path):
    src = _tree(tmp_path, {
        "__init__.py": "",
        "checks/__init__.py": "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from ..eng.checking import Q\n",
        "eng/__init__.py": "",
        "eng/checking.py": "from .. import checks\nimport embargo_kit.eng.runner as r\n",
        "eng/runner.py": "",
    })
    got = {(e.source, e.target) for e in edges(src)}
    assert got == {("embargo_kit.eng.checking", "embargo_kit.checks"),
                   ("embargo_kit.eng.checking", "embargo_kit.eng.runner")}
    assert cycles(edges(src)) == []


def test_a_forbidden_import_between_parts_is_named_with_its_line(tmp_path):
    src = _tree(tmp_path, {"__init__.py": "", "eng/__init__.py": "", "eng/x.py": "\n\nfrom ..checks import y\n",
                           "checks/__init__.py": "", "checks/y.py": ""})
    bad = forbidden(edges(src), {"eng": set(), "checks": {"eng"}, "embargo_kit": set()})
    assert len(bad) == 1 and "embargo_kit.eng.x (line 3) imports embargo_kit.checks.y" in bad[0]


@pytest.mark.parametrize("row,allowed", [("| `a` | x | nothing |", set()), ("| `a` | x | `b`, `c` |", {"b", "c"})])
def test_the_parts_table_is_read_as_written(row, allowed):
    page = f"<!-- parts:begin -->\n| part | what | may import |\n|---|---|---|\n{row}\n<!-- parts:end -->"
    assert declared_parts(page) == {"a": allowed}
