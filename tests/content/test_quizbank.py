"""The quiz bank (src/embargo_kit/data/quizbank/*.yaml) follows CONTRIBUTING.md, and the validator works."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
import yaml

from embargo_kit import quizbank

ROOT = Path(__file__).resolve().parents[2]
BOOK = ROOT / "book"


# ------------------------------------------------------------------------------------------ real bank


def test_real_bank_is_valid():
    errors = quizbank.validate()
    assert errors == [], "quiz bank problems:\n" + "\n".join(errors)


def front_matter(path: Path) -> dict:
    """The YAML between the first two ``---`` lines of a lesson file."""
    lines = path.read_text(encoding="utf-8").splitlines()
    marks = [i for i, line in enumerate(lines) if line.strip() == "---"][:2]
    if len(marks) < 2 or marks[0] != 0:
        return {}
    return yaml.safe_load("\n".join(lines[marks[0] + 1 : marks[1]])) or {}


def lesson_objectives(lesson: str, book: Path = BOOK) -> set[str] | None:
    """Objective ids in the front matter of ``book/**/<lesson>-*.md``; None when there is no such file."""
    files = sorted(book.glob(f"**/{lesson}-*.md"))
    if not files:
        return None
    ids = set()
    for path in files:
        for objective in front_matter(path).get("objectives") or []:
            if isinstance(objective, dict) and objective.get("id"):
                ids.add(str(objective["id"]))
    return ids


def objective_errors(items: list[quizbank.Item], book: Path = BOOK) -> list[str]:
    errors = []
    cache: dict[str, set[str] | None] = {}
    for item in items:
        if item.lesson not in cache:
            cache[item.lesson] = lesson_objectives(item.lesson, book)
        objectives = cache[item.lesson]
        if objectives is None:
            errors.append(f"{item.where}: no lesson file book/**/{item.lesson}-*.md")
        elif item.objective not in objectives:
            errors.append(
                f"{item.where}: objective {item.objective} is not in the front matter objectives of "
                f"{item.lesson} ({', '.join(sorted(objectives)) or 'none'})"
            )
    return errors


def test_real_bank_objectives_are_lesson_objectives():
    errors = objective_errors(quizbank.load_bank())
    assert errors == [], "\n".join(errors)


def test_objective_check_catches_a_stray_objective(tmp_path):
    lesson = tmp_path / "book" / "awareness" / "awareness-01-why.md"
    lesson.parent.mkdir(parents=True)
    lesson.write_text(
        "---\nid: awareness-01\nobjectives:\n  - id: awareness-01.o1\n    text: Name it.\n---\n\n# Title\n\n---\n",
        encoding="utf-8",
    )
    bank = tmp_path / "bank"
    bank.mkdir()
    (bank / "awareness.yaml").write_text(
        textwrap.dedent(
            """
            - {id: awareness-01.q1, lesson: awareness-01, objective: awareness-01.o1, use: [quiz], type: short,
               stem: 'S?', accept: [x]}
            - {id: awareness-01.q2, lesson: awareness-01, objective: awareness-01.o9, use: [quiz], type: short,
               stem: 'S?', accept: [x]}
            - {id: awareness-07.q1, lesson: awareness-07, objective: awareness-07.o1, use: [quiz], type: short,
               stem: 'S?', accept: [x]}
            """
        ),
        encoding="utf-8",
    )
    errors = objective_errors(quizbank.load_bank(bank), tmp_path / "book")
    assert len(errors) == 2
    assert "awareness-01.q2" in errors[0] and "awareness-01.o9" in errors[0]
    assert "awareness-07.q1" in errors[1] and "no lesson file" in errors[1]


# ------------------------------------------------------------------------------------------ validator

GOOD = """
- id: demo-01.q1
  lesson: demo-01
  objective: demo-01.o1
  tracks: [awareness]
  use: [quiz, pre-post]
  type: single
  stem: Which resolution first imposed an arms embargo on the DPRK?
  options:
    - text: S/RES/1718 (2006)
      correct: true
      feedback: Yes.
    - text: S/RES/2270 (2016)
      feedback: Later.
  explanation: Shown after a correct answer.
- id: demo-01.q2
  lesson: demo-01
  objective: demo-01.o2
  use: [quiz]
  type: multi
  stem: Pick two.
  options:
    - {text: A, correct: true}
    - {text: B, correct: true}
    - {text: C, feedback: Not C.}
- id: demo-01.q3
  lesson: demo-01
  objective: demo-01.o2
  use: [pre-post]
  type: short
  stem: Name the body.
  accept: [Panel of Experts]
"""


def write(tmp_path: Path, name: str, text: str) -> Path:
    (tmp_path / name).write_text(textwrap.dedent(text), encoding="utf-8")
    return tmp_path


def test_good_bank_loads_as_dataclasses(tmp_path):
    bank = write(tmp_path, "demo-01.yaml", GOOD)
    assert quizbank.validate(bank) == []
    items = quizbank.load_bank(bank)
    assert [i.id for i in items] == ["demo-01.q1", "demo-01.q2", "demo-01.q3"]
    q1 = items[0]
    assert isinstance(q1, quizbank.Item) and isinstance(q1.options[0], quizbank.Option)
    assert q1.use == ("quiz", "pre-post") and q1.correct_indices == (0,)
    assert quizbank.canonical_answer(q1) == "0"
    assert quizbank.canonical_answer(items[1]) == "0,1"
    assert quizbank.canonical_answers(items[2]) == ["panel of experts"]
    assert [i.id for i in quizbank.items_for("demo-01", bank=items)] == ["demo-01.q1", "demo-01.q2"]
    assert [i.id for i in quizbank.items_for("demo-01", "pre-post", bank=items)] == ["demo-01.q1", "demo-01.q3"]
    assert [i.id for i in quizbank.items_for("demo-01", None, directory=bank)] == [i.id for i in items]
    assert quizbank.items_for("demo-02", bank=items) == []


def test_normalise_short():
    assert quizbank.normalise_short("  The  PANEL\tof experts ") == "the panel of experts"
    assert quizbank.normalise_short("Straße") == quizbank.normalise_short("STRASSE")


BAD_CASES = {
    # name: (item yaml, substring expected in the error)
    "prefix": ("id: other-01.q1\n  lesson: demo-01", "must start with its lesson"),
    "objective": ("objective: demo-01.objective1", "must look like 'demo-01.oN'"),
    "two-correct": ("options: [{text: A, correct: true}, {text: B, correct: true}]", "exactly one correct option"),
    "no-correct": ("options: [{text: A, feedback: f}, {text: B, feedback: g}]", "exactly one correct option"),
    "no-feedback": ("options: [{text: A, correct: true}, {text: B}]", "has no feedback"),
    "use": ("use: [quiz, handout]", "use handout not one of"),
    "type": ("type: essay", "type 'essay' not one of"),
    "missing-stem": ("stem: ''", "missing stem"),
    "unknown-field": ("acept: [x]", "unknown field(s) acept"),
    "correct-string": ("options: [{text: A, correct: 'yes'}, {text: B, feedback: f}]", "correct must be true or false"),
}


def make_item(override: str) -> str:
    fields = {
        "id": "id: demo-01.q1",
        "lesson": "lesson: demo-01",
        "objective": "objective: demo-01.o1",
        "use": "use: [quiz]",
        "type": "type: single",
        "stem": "stem: A question?",
        "options": "options: [{text: A, correct: true, feedback: Yes}, {text: B, feedback: No}]",
    }
    key = override.split(":")[0].strip()
    if key in fields:
        fields[key] = override
    else:
        fields["extra"] = override
    if key == "id":  # the override carries id and lesson
        del fields["lesson"]
    return "- " + "\n  ".join(fields.values()) + "\n"


@pytest.mark.parametrize("case", sorted(BAD_CASES))
def test_validator_names_file_item_and_problem(tmp_path, case):
    override, expected = BAD_CASES[case]
    bank = write(tmp_path, "demo-01.yaml", make_item(override))
    errors = quizbank.validate(bank)
    assert errors, f"{case}: not caught"
    assert any(expected in e for e in errors), errors
    assert all(e.startswith("demo-01.yaml: item ") for e in errors), errors
    item_id = "other-01.q1" if case == "prefix" else "demo-01.q1"
    assert any(f"item {item_id}:" in e for e in errors), errors


def test_validator_multi_and_short(tmp_path):
    bank = write(
        tmp_path,
        "demo-01.yaml",
        """
        - {id: demo-01.q1, lesson: demo-01, objective: demo-01.o1, use: [quiz], type: multi, stem: 'S?',
           options: [{text: A, feedback: f}, {text: B, feedback: g}]}
        - {id: demo-01.q2, lesson: demo-01, objective: demo-01.o1, use: [quiz], type: short, stem: 'S?', accept: []}
        - {id: demo-01.q3, lesson: demo-01, objective: demo-01.o1, use: [quiz], type: short, stem: 'S?',
           accept: ['  ']}
        """,
    )
    errors = quizbank.validate(bank)
    assert any("demo-01.q1" in e and "at least one correct option" in e for e in errors), errors
    assert any("demo-01.q2" in e and "non-empty accept" in e for e in errors), errors
    assert any("demo-01.q3" in e and "non-empty accept" in e for e in errors), errors


def test_validator_duplicate_ids_across_files(tmp_path):
    write(tmp_path, "a.yaml", GOOD)
    write(tmp_path, "b.yaml", GOOD.split("- id: demo-01.q2")[0])
    errors = quizbank.validate(tmp_path)
    assert errors == ["b.yaml: item demo-01.q1: duplicate id (also in a.yaml)"]


def test_broken_file_is_reported_not_raised(tmp_path):
    write(tmp_path, "a.yaml", "- id: [unclosed\n")
    write(tmp_path, "b.yaml", "id: demo-01.q1\n")
    errors = quizbank.validate(tmp_path)
    assert len(errors) == 2
    assert errors[0].startswith("a.yaml: not valid YAML")
    assert errors[1].startswith("b.yaml: the file must be a YAML list")
    with pytest.raises(quizbank.QuizBankError):
        quizbank.load_bank(tmp_path)
    collected: list[str] = []
    assert quizbank.load_bank(tmp_path, errors=collected) == []
    assert len(collected) == 2
