"""`embargo-kit lms quizbank`: the quiz bank as GIFT and Moodle XML, read back by independent parsers.

GIFT is parsed by gift-pegjs (npm) and compared item by item with the bank; Moodle XML is parsed with lxml and
checked against Moodle's documented question format (https://docs.moodle.org/en/Moodle_XML_format): question
types, one right answer at 100 % for a single choice, fractions of a multiple choice summing to 100 for the
right picks (and to -100 for the wrong ones) from Moodle's list of grades, feedback present.
"""
from __future__ import annotations

import html
import json
import os
import subprocess
from pathlib import Path

import pytest
from lxml import etree
from typer.testing import CliRunner

from embargo_kit.cli import app
from embargo_kit.lms.bank import MOODLE_FRACTIONS
from embargo_kit.lms.quizbank_export import export
from embargo_kit.quizbank import TRACKS, load_bank

from tests.lms.npm import NODE_MODULES, require_node_module

HERE = Path(__file__).resolve().parent
BANK = load_bank()


def words(text: str) -> str:
    return " ".join(text.split())


def parse_gift(path: Path) -> list[dict]:
    require_node_module("gift-pegjs")
    result = subprocess.run(["node", str(HERE / "parse_gift.js"), str(path)], capture_output=True, text=True,
                            env={**os.environ, "NODE_PATH": str(NODE_MODULES)}, timeout=120)
    assert result.returncode == 0, f"gift-pegjs could not parse {path.name}: {result.stderr[-2000:]}"
    return json.loads(result.stdout)


def bank_items(use: str, tracks=TRACKS) -> dict[str, object]:
    return {i.id: i for i in BANK if use in i.use and (set(i.tracks) & set(tracks) or not i.tracks)}


def check_gift_question(question: dict, item) -> None:
    assert question["stem"]["format"] == "html"
    assert html.unescape(question["stem"]["text"]) == words(item.stem), item.id
    assert html.unescape((question["globalFeedback"] or {}).get("text", "")) == words(item.explanation), item.id
    choices = question["choices"]
    if item.type == "short":
        assert question["type"] == "Short", item.id
        assert [html.unescape(c["text"]["text"]) for c in choices] == [words(a) for a in item.accept]
        return
    assert question["type"] == "MC", item.id
    assert [html.unescape(c["text"]["text"]) for c in choices] == [words(o.text) for o in item.options], item.id
    assert [html.unescape((c["feedback"] or {}).get("text", "")) for c in choices] == \
        [words(o.feedback) for o in item.options], item.id
    if item.type == "single":
        assert [c["isCorrect"] for c in choices] == [o.correct for o in item.options], item.id
    else:
        weights = [c["weight"] for c in choices]
        assert all((w > 0) == o.correct for w, o in zip(weights, item.options)), (item.id, weights)
        assert sum(w for w in weights if w > 0) == pytest.approx(100, abs=0.001), item.id
        assert sum(w for w in weights if w < 0) == pytest.approx(-100, abs=0.001), item.id


@pytest.mark.parametrize("use", ["quiz", "pre-post"])
def test_gift_parses_and_matches_the_bank_item_by_item(tmp_path, use):
    result = export("gift", tmp_path, TRACKS, use, BANK, titles={})
    assert result.left_out == []
    parsed = parse_gift(result.path)
    questions = [q for q in parsed if q["type"] != "Category"]
    expected = bank_items(use)
    assert sorted(q["title"] for q in questions) == sorted(expected), "every item exactly once, by ID"
    assert result.count == len(expected)
    for question in questions:
        check_gift_question(question, expected[question["title"]])
    categories = [q["title"] for q in parsed if q["type"] == "Category"]
    assert all(c.startswith("$course$/top/Embargo enforcement kit") for c in categories)
    if use == "pre-post":
        pre = {q["title"] for c, q in _with_category(parsed) if "/Pre-test (form A)/" in c}
        post = {q["title"] for c, q in _with_category(parsed) if "/Post-test (form B)/" in c}
        assert pre and post and not pre & post, "pre and post forms are separate categories sharing no item"


def _with_category(parsed: list[dict]):
    current = ""
    for q in parsed:
        if q["type"] == "Category":
            current = q["title"]
        else:
            yield current, q


def moodle_questions(path: Path):
    root = etree.parse(str(path)).getroot()
    assert root.tag == "quiz"
    return root.findall("question")


def text_of(element, tag: str) -> str:
    found = element.find(f"{tag}/text")
    return "" if found is None or found.text is None else found.text


@pytest.mark.parametrize("use", ["quiz", "pre-post"])
def test_moodle_xml_follows_moodles_question_format(tmp_path, use):
    result = export("moodle-xml", tmp_path, TRACKS, use, BANK, titles={})
    expected = bank_items(use)
    questions = moodle_questions(result.path)
    assert {q.get("type") for q in questions} <= {"category", "multichoice", "truefalse", "shortanswer"}
    assert questions[0].get("type") == "category", "a category opens the file"
    real = [q for q in questions if q.get("type") != "category"]
    assert sorted(q.findtext("idnumber") for q in real) == sorted(expected)
    allowed = {round(f, 5) for f in MOODLE_FRACTIONS} | {0.0}
    for q in real:
        item = expected[q.findtext("idnumber")]
        assert text_of(q, "name") == item.id
        assert q.find("questiontext").get("format") == "html"
        assert html.unescape(text_of(q, "questiontext")) == words(item.stem), item.id
        assert html.unescape(text_of(q, "generalfeedback")) == words(item.explanation), item.id
        answers = q.findall("answer")
        fractions = [float(a.get("fraction")) for a in answers]
        if item.type == "short":
            assert q.get("type") == "shortanswer" and q.findtext("usecase") == "0"
            assert [a.findtext("text") for a in answers] == list(item.accept)
            continue
        assert q.get("type") == "multichoice", item.id
        assert [html.unescape(a.findtext("text")) for a in answers] == [words(o.text) for o in item.options]
        assert all(round(abs(f), 5) in allowed for f in fractions), (item.id, fractions)
        for answer, option in zip(answers, item.options):
            feedback = html.unescape(text_of(answer, "feedback"))
            assert feedback == words(option.feedback) and feedback, f"{item.id}: feedback on every option"
        if item.type == "single":
            assert q.findtext("single") == "true"
            assert sorted(fractions) == [0.0] * (len(fractions) - 1) + [100.0], item.id
            assert fractions.index(100.0) == item.correct_indices[0]
        else:
            assert q.findtext("single") == "false"
            assert sum(f for f in fractions if f > 0) == pytest.approx(100, abs=0.001), item.id
            assert sum(f for f in fractions if f < 0) == pytest.approx(-100, abs=0.001), item.id
            assert [f > 0 for f in fractions] == [o.correct for o in item.options], item.id


def test_track_and_lesson_and_objective_categories(tmp_path):
    result = export("moodle-xml", tmp_path, ["port"], "quiz", BANK, titles={"port-01": "A/B title"})
    paths, current = {}, None
    for q in moodle_questions(result.path):
        if q.get("type") == "category":
            current = text_of(q, "category")
        else:
            paths[q.findtext("idnumber")] = current
    assert paths and all(i.startswith("port-") for i in paths)
    for item_id, path in paths.items():
        item = next(i for i in BANK if i.id == item_id)
        assert path.endswith(f"/Port and maritime/{item.lesson}" + (" A//B title" if item.lesson == "port-01" else "")
                             + f"/{item.objective}"), path


TRICKY = """
- id: port-09.q1
  lesson: port-09
  objective: port-09.o1
  tracks: [port]
  use: [quiz]
  type: multi
  stem: 'Which of "these" hold = ~ # { } : \\\\ signs, <b>tags</b> & the name 김정은 (Kim Jong Un)?'
  options:
    - {text: "a = b {c}", correct: true, feedback: "Yes: ~ and # stay."}
    - {text: "리철 & <i>Ri Chol</i>", correct: true, feedback: "Yes: 'quotes' too."}
    - {text: "50% of 100", feedback: "Not this: C:\\\\path/x."}
  explanation: "General: $CATEGORY and // and //comment stay text."
- id: port-09.q2
  lesson: port-09
  objective: port-09.o1
  tracks: [port]
  use: [quiz]
  type: short
  stem: Name the port (=the one in Lumeria).
  accept: [Port Anselm, "항구#1"]
  explanation: It is Port Anselm.
"""

TOO_MANY = "\n".join(
    ["- id: port-09.q3", "  lesson: port-09", "  objective: port-09.o1", "  tracks: [port]", "  use: [quiz]",
     "  type: multi", "  stem: Pick the eleven.", "  explanation: All eleven.", "  options:"]
    + [f"    - {{text: option {n}, correct: true}}" for n in range(11)]
    + ["    - {text: the wrong one, feedback: No.}"])


def tricky_bank(tmp_path: Path, extra: str = "") -> list:
    folder = tmp_path / "bank"
    folder.mkdir()
    (folder / "port-09.yaml").write_text(TRICKY + extra, encoding="utf-8")
    return load_bank(folder)


def test_special_characters_survive_both_formats(tmp_path):
    items = tricky_bank(tmp_path)
    by_id = {i.id: i for i in items}
    gift = export("gift", tmp_path / "gift", ["port"], "quiz", items, titles={})
    parsed = [q for q in parse_gift(gift.path) if q["type"] != "Category"]
    assert [q["title"] for q in parsed] == ["port-09.q1", "port-09.q2"]
    for question in parsed:
        check_gift_question(question, by_id[question["title"]])
    xml = export("moodle-xml", tmp_path / "xml", ["port"], "quiz", items, titles={})
    q1 = moodle_questions(xml.path)[1]
    assert html.unescape(text_of(q1, "questiontext")) == by_id["port-09.q1"].stem
    assert "&lt;b&gt;tags&lt;/b&gt; &amp; the name 김정은" in text_of(q1, "questiontext"), \
        "markup in the bank is shown as written, not rendered"


def test_an_item_that_cannot_be_expressed_is_reported_by_id_and_left_out(tmp_path):
    items = tricky_bank(tmp_path, "\n" + TOO_MANY + "\n")
    for fmt in ("gift", "moodle-xml"):
        result = export(fmt, tmp_path / fmt, ["port"], "quiz", items, titles={})
        assert result.count == 2
        assert [i for i, _ in result.left_out] == ["port-09.q3"]
        assert "11 right options" in result.left_out[0][1]
        assert "port-09.q3" not in result.path.read_text(encoding="utf-8")


def test_cli_writes_both_uses_and_names_left_out_items(tmp_path):
    runner = CliRunner()
    out = tmp_path / "out"
    result = runner.invoke(app, ["lms", "quizbank", "--format", "gift", "--out", str(out), "--tracks", "port,customs"])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == ["quizbank-pre-post.gift.txt", "quizbank-quiz.gift.txt"]
    assert "trainers only" in result.output
    quiz_ids = {i.id for i in BANK if "quiz" in i.use and i.lesson.split("-")[0] in ("port", "customs")}
    assert f"{len(quiz_ids)} question(s) for quiz" in result.output
    bad = runner.invoke(app, ["lms", "quizbank", "--format", "gift", "--out", str(out), "--tracks", "harbour"])
    assert bad.exit_code == 2 and "unknown track(s) harbour" in bad.output


def test_cli_refuses_to_put_the_answers_into_the_learner_site_or_kit(tmp_path):
    runner = CliRunner()
    for out in (tmp_path / "_build" / "learner" / "_build" / "html", tmp_path / "kits" / "learner-kit-port" / "x"):
        result = runner.invoke(app, ["lms", "quizbank", "--format", "gift", "--out", str(out)])
        assert result.exit_code == 2 and "hold the answers" in result.output
        assert not out.exists()
