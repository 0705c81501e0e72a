"""The wording lint holds the course's words to the force of the paragraphs it cites (design.md, "The wording lint").

Sentences that must be flagged and sentences that must pass, the readers (markdown, YAML, Python syntax tree), the
allow-list rule (an entry needs a reason), and the course-wide run against the committed baseline.
"""
from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from embargo_kit.content import wording
from embargo_kit.content.wording import Unit, check_unit

ROOT = Path(__file__).resolve().parents[2]


def flagged(sentence: str) -> list[str]:
    return [f"{f.cite}: {f.kind}" for f in check_unit(Unit("book/x.md", 1, sentence))]


@pytest.mark.parametrize("sentence, expected", [
    # permissive wording on an obligation
    ("In port, Lumeria may impound the tanker {res}`2397/9`.", "2397/9: permissive wording on an obligation"),
    ("The ship can be seized and impounded {res}`2397`.", "2397: permissive wording on an obligation"),
    ("Resolution 2397 (2017) lets states seize, inspect and impound vessels in their ports or territorial waters.",
     "2397: permissive wording on an obligation"),
    ("Seize the cargo and consider impounding the ship {res}`2397`.", "2397: permissive wording on an obligation"),
    ("A state may refuse entry to a ship that has refused an inspection {res}`2094/17`.",
     "2094/17: permissive wording on an obligation"),
    ("The catch-all lets Lumeria refuse any item that could help the DPRK's armed forces {res}`2270/8`.",
     "2270/8: permissive wording on an obligation"),
    ("Under resolution 2270 (2016), para 18 customs may inspect the containers.",
     "2270/18: permissive wording on an obligation"),
    ("Inspecting DPRK cargo is at the state's discretion (2270/18).", "2270/18: permissive wording on an obligation"),
    # mandatory wording on a call
    ("States must deny take-off and landing to such aircraft {res}`2094/18`.", "2094/18: mandatory wording on a call"),
    ("Each state must report within 90 days {res}`2094/25`.", "2094/25: mandatory wording on a call"),
    ("Flag states are required to de-register DPRK-controlled vessels {res}`2270`.",
     "2270: mandatory wording on a call"),
])
def test_sentences_that_must_be_flagged(sentence, expected):
    assert expected in flagged(sentence), f"not flagged as {expected!r}: {sentence}"


@pytest.mark.parametrize("sentence", [
    "All states shall deny entry to a ship that refused an inspection {res}`2094/17`.",
    "Lumeria must seize, inspect and impound the tanker in Port Anselm {res}`2397/9`.",
    "In its territorial waters a state may seize and impound such a vessel {res}`2397`.",
    "She may enter only for the purpose of an inspection {res}`2094/17`.",
    "A designated party may not receive funds {res}`1718/8(d)`.",
    "Nobody in Lumeria may make funds available to a listed entity, and no state may unfreeze them {res}`1718/8(d)`.",
    "The DPRK may export no arms or related materiel of any kind {res}`1874/9`.",
    "Customs cannot release the cargo before the inspection {res}`2270/18`.",
    "The Committee may designate the vessel and require de-flagging {res}`2321/12`.",
    "States are called upon to deny take-off to such aircraft {res}`2094/18`.",
    "Other measures may still apply to the same cargo {res}`2397`.",
    "In May 2019 the cargo was inspected {res}`2270/18`.",
    "Pick option B and cite {res}`2270/18`: the cargo is inspected.",
    "Writers who say 'may' where the Council wrote shall are wrong {res}`2397/9`.",
    "The humanitarian providers 2664 names may make payments without breaching the freeze {res}`2664/1`.",
    "Lumeria may impound the tanker.",                      # no citation: not held to a clause
    "Do not register vessels in the DPRK or let nationals use the DPRK flag {res}`2270`.",
])
def test_sentences_that_must_pass(sentence):
    assert flagged(sentence) == [], f"flagged but right: {sentence} -> {flagged(sentence)}"


def test_finding_names_file_line_and_the_councils_operative_words():
    found = check_unit(Unit("book/port/port-05.md", 42, "The ship can be impounded {res}`2397`."))
    assert found, "expected a finding"
    text = str(found[0])
    assert text.startswith("book/port/port-05.md:42: 2397: permissive wording on an obligation")
    assert "impound" in text and "ports" in text, text


def test_readers_find_units_in_markdown_yaml_and_python(tmp_path):
    (tmp_path / "book").mkdir()
    (tmp_path / "book" / "l.md").write_text(textwrap.dedent("""\
        ---
        id: x
        ---
        # Title

        A paragraph first. Then the ship can be
        impounded {res}`2397`.

        - a list item: States may seize the tanker {res}`2397/9`

        | duty | basis |
        |---|---|
        | customs may inspect the cargo | {res}`2270/18` |

        ```python
        x = "may impound {res}`2397`"
        ```
        """), encoding="utf-8")
    quiz = tmp_path / "src" / "embargo_kit" / "data" / "quizbank"
    quiz.mkdir(parents=True)
    (quiz / "q.yaml").write_text(textwrap.dedent("""\
        - id: port-03.q4
          stem: What does Lumeria do?
          options:
            - text: Nothing.
              feedback: Resolution 2397 (2017) lets states impound such ships.
        """), encoding="utf-8")
    checks = tmp_path / "src" / "embargo_kit" / "checks"
    checks.mkdir(parents=True)
    (checks / "port_99.py").write_text(textwrap.dedent('''\
        """A docstring may impound nothing 2397/9 (docstrings are for developers)."""
        HINT = "Which paragraph obliges you?"
        def hint(n):
            return f"Ship {n}: states may impound her in port (2397/9)."
        '''), encoding="utf-8")
    found = {(f.path, f.line) for f in wording.findings(tmp_path, entries=[])}
    assert ("book/l.md", 6) in found, found          # a sentence spread over two lines: its first line
    assert ("book/l.md", 9) in found, found          # list item
    assert ("book/l.md", 13) in found, found         # table row
    assert not any(line == 16 for _, line in found), "code blocks are not lesson text"
    assert ("src/embargo_kit/data/quizbank/q.yaml", 5) in found, found
    assert ("src/embargo_kit/checks/port_99.py", 4) in found, found     # an f-string, from the syntax tree
    assert not any(p.endswith("port_99.py") and line == 1 for p, line in found), "docstrings are not read"


def test_allow_list_entry_without_a_reason_fails(tmp_path):
    allow = tmp_path / "allow.yaml"
    allow.write_text(textwrap.dedent("""\
        allow:
          - file: book/x.md
            cite: "2397"
            contains: can be impounded
            reason: >-
              Reviewed: the sentence describes territorial waters, where 2397 lets states act.
          - file: book/y.md
            cite: "2397"
            contains: can be impounded
        """), encoding="utf-8")
    entries, problems = wording.load_allow(allow)
    assert len(entries) == 2
    assert [(p.line, "without a reason" in p.message) for p in problems] == [(7, True)], problems
    finding = check_unit(Unit("book/x.md", 3, "The ship can be impounded {res}`2397`."))[0]
    assert wording.allowed(finding, entries)
    other = check_unit(Unit("book/y.md", 3, "The ship can be impounded {res}`2397`."))[0]
    assert not wording.allowed(other, entries), "an entry without a reason must not excuse anything"


def test_the_shipped_allow_list_is_valid():
    _, problems = wording.load_allow()
    assert not problems, "\n".join(map(str, problems))


def test_course_has_no_wording_findings_beyond_the_baseline():
    """Fails on a NEW finding. Findings listed in wording_baseline.txt are known and being fixed; to make this
    strict, empty the baseline (keep the header) once the course has none."""
    new = wording.new_findings(ROOT)
    assert not new, ("wording lint: permissive wording on an obligation or mandatory wording on a call "
                     "(reword it, or add a reviewed entry with a reason to src/embargo_kit/content/"
                     "wording_allow.yaml):\n" + "\n".join(map(str, new)))


def test_command_line_exit_status(capsys):
    assert wording.main([str(ROOT)]) == 0
    assert "Wording lint" in capsys.readouterr().out


def test_the_lint_is_strict_the_baseline_lists_no_finding():
    """The course reached zero findings on 2026-12-07; from then on no finding may be parked in the baseline."""
    assert wording.load_baseline() == set(), "wording_baseline.txt lists findings: fix them instead"
