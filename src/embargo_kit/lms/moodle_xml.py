"""The quiz bank as Moodle XML (https://docs.moodle.org/en/Moodle_XML_format).

One ``category`` question opens each category (use / track / [form] / lesson / objective), then its questions:
single -> ``multichoice`` with ``<single>true</single>`` (one option at 100 %), multi -> ``multichoice`` with
``<single>false</single>`` (right options share 100 %, wrong ones share -100 %), short -> ``shortanswer``
(``usecase`` 0: case does not matter, as on the site). Per-option feedback goes in each answer's
``feedback``; the bank's explanation is the ``generalfeedback``. Texts are HTML (``format="html"``), escaped
once for HTML and once for XML by the writer, so ``&``, ``<``, quotes and Korean names arrive as written.
"""
from __future__ import annotations

import html
import re
import xml.etree.ElementTree as ET

from embargo_kit.lms.bank import Selection, multi_fractions
from embargo_kit.quizbank import Item

# Characters XML 1.0 cannot carry at all: an item holding one cannot be written, only reported.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
PENALTY = "0.3333333"  # Moodle's default penalty for each wrong try in adaptive mode


def _html(value: str) -> str:
    return html.escape(" ".join(value.split()), quote=False)


def _text(parent: ET.Element, tag: str, value: str, *, fmt: str | None = "html") -> ET.Element:
    element = ET.SubElement(parent, tag, {"format": fmt} if fmt else {})
    ET.SubElement(element, "text").text = _html(value) if fmt == "html" else value
    return element


def _fraction(value: float) -> str:
    return f"{value:g}" if abs(value - round(value)) < 1e-9 else f"{value:.5f}"


def _category(parts: list[str]) -> ET.Element:
    question = ET.Element("question", {"type": "category"})
    category = ET.SubElement(question, "category")
    ET.SubElement(category, "text").text = "$course$/top/" + "/".join(p.replace("/", "//") for p in parts)
    return question


def question(item: Item) -> tuple[ET.Element | None, str | None]:
    """(the ``<question>`` element, None) or (None, the reason the item cannot be written)."""
    texts = [item.id, item.stem, item.explanation, *item.accept,
             *(t for option in item.options for t in (option.text, option.feedback))]
    if any(_NOT_XML.search(t) for t in texts):
        return None, "a text holds a control character that XML 1.0 cannot carry"
    if item.type == "multi":
        weights = multi_fractions(item)
        if isinstance(weights, str):
            return None, weights
    elif item.type == "single":
        weights = [100.0 if option.correct else 0.0 for option in item.options]
    elif item.type == "short":
        weights = [100.0] * len(item.accept)
    else:
        return None, f"Moodle XML has no question type for a {item.type!r} item"

    kind = "shortanswer" if item.type == "short" else "multichoice"
    q = ET.Element("question", {"type": kind})
    _text(q, "name", item.id, fmt=None)
    _text(q, "questiontext", item.stem)
    _text(q, "generalfeedback", item.explanation)
    ET.SubElement(q, "defaultgrade").text = "1"
    ET.SubElement(q, "penalty").text = PENALTY
    ET.SubElement(q, "hidden").text = "0"
    ET.SubElement(q, "idnumber").text = item.id
    if kind == "shortanswer":
        ET.SubElement(q, "usecase").text = "0"
        for answer in item.accept:
            a = ET.SubElement(q, "answer", {"fraction": "100", "format": "moodle_auto_format"})
            ET.SubElement(a, "text").text = answer
            _text(a, "feedback", "")
        return q, None
    ET.SubElement(q, "single").text = "true" if item.type == "single" else "false"
    ET.SubElement(q, "shuffleanswers").text = "false"  # the bank's order is the lesson's order
    ET.SubElement(q, "answernumbering").text = "abc"
    ET.SubElement(q, "showstandardinstruction").text = "1"
    _text(q, "correctfeedback", "Your answer is correct.")
    _text(q, "partiallycorrectfeedback", "Your answer is partially correct.")
    _text(q, "incorrectfeedback", "Your answer is incorrect.")
    ET.SubElement(q, "shownumcorrect")
    for option, weight in zip(item.options, weights):
        a = ET.SubElement(q, "answer", {"fraction": _fraction(weight), "format": "html"})
        ET.SubElement(a, "text").text = _html(option.text)
        _text(a, "feedback", option.feedback)
    return q, None


def export(selection: Selection, titles: dict[str, str] | None = None) -> tuple[str, int]:
    """The Moodle XML file for ``selection`` and the number of questions in it."""
    quiz = ET.Element("quiz")
    quiz.append(ET.Comment(" Quiz bank of the embargo enforcement kit. Trainer material: it holds the answers. "))
    count = 0
    for category, written in selection.written(question, "Moodle XML"):
        quiz.append(_category(category.parts(titles)))
        quiz.extend(written)
        count += len(written)
    ET.indent(quiz)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(quiz, encoding="unicode") + "\n", count
