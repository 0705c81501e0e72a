"""The quiz bank as GIFT (Moodle's plain-text question format, https://docs.moodle.org/en/GIFT_format).

Every text is written as ``[html]``: HTML-escaped (``&``, ``<``, ``>``), then GIFT-escaped (a backslash before
``~ = # { } :`` and before a backslash), so Korean names, quotes and the course's ``=`` signs reach Moodle as
written. Item types: single -> multiple choice (``=right ~wrong``), multi -> multiple choice with weights
(``~%50%right ~%-100%wrong``), short -> short answer (``=answer`` for each accepted answer; Moodle compares
short answers without regard to case, as the site does).
"""
from __future__ import annotations

import html
import re

from embargo_kit.lms.bank import Selection, multi_fractions
from embargo_kit.quizbank import Item

_SPECIAL = re.compile(r"([\\~=#{}:])")


def text(value: str) -> str:
    """One bank text as GIFT [html] text: escaped twice over, white space on one line."""
    return _SPECIAL.sub(r"\\\1", html.escape(" ".join(value.split()), quote=False))


def _weight(value: float) -> str:
    return f"{value:g}" if abs(value - round(value)) < 1e-9 else f"{value:.5f}"


def _category(parts: list[str]) -> str:
    # Moodle splits a category path at "/"; a "/" inside a name is written "//".
    return "$CATEGORY: $course$/top/" + "/".join(p.replace("/", "//") for p in parts)


def question(item: Item) -> tuple[str, str | None]:
    """(GIFT text of the item, None) or ("", reason it cannot be written)."""
    lines = [f"// {item.id} (objective {item.objective})",
             f"::{text(item.id)}::[html]{text(item.stem)} {{"]
    if item.type == "single":
        for option in item.options:
            mark = "=" if option.correct else "~"
            lines.append(f"  {mark}{text(option.text)}" + (f"#{text(option.feedback)}" if option.feedback else ""))
    elif item.type == "multi":
        weights = multi_fractions(item)
        if isinstance(weights, str):
            return "", weights
        for option, weight in zip(item.options, weights):
            lines.append(f"  ~%{_weight(weight)}%{text(option.text)}"
                         + (f"#{text(option.feedback)}" if option.feedback else ""))
    elif item.type == "short":
        lines.extend(f"  ={text(answer)}" for answer in item.accept)
    else:
        return "", f"GIFT has no question type for a {item.type!r} item"
    if item.explanation:
        lines.append(f"  ####{text(item.explanation)}")
    lines.append("}")
    return "\n".join(lines), None


def export(selection: Selection, titles: dict[str, str] | None = None) -> tuple[str, int]:
    """The GIFT file for ``selection`` and the number of questions in it (left-out items go to selection)."""
    blocks = ["// Quiz bank of the embargo enforcement kit, for Moodle (Question bank > Import > GIFT format).",
              "// Trainer material: it holds the answers. Never give it to learners."]
    count = 0
    for category, written in selection.written(question, "GIFT"):
        blocks.append(_category(category.parts(titles)))
        blocks.extend(written)
        count += len(written)
    return "\n\n".join(blocks) + "\n", count
