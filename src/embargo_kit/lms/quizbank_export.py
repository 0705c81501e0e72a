"""``embargo-kit lms quizbank``: write the quiz bank for Moodle as GIFT or Moodle XML, one file per use."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

from embargo_kit import quizbank
from embargo_kit.lms import bank, gift, moodle_xml
from embargo_kit.quizbank import TRACKS, QuizBankError, load_bank

__all__ = ["FORMATS", "Export", "export", "TRACKS", "QuizBankError", "load_bank"]

FORMATS = {"moodle-xml": ("xml", moodle_xml.export), "gift": ("gift.txt", gift.export)}


@dataclass
class Export:
    path: Path
    count: int
    left_out: list[tuple[str, str]]


def export(fmt: str, out: Path, tracks: Sequence[str], use: str, items: list[quizbank.Item] | None = None,
           titles: dict[str, str] | None = None) -> Export:
    """Write ``quizbank-<use>.<ext>`` for ``tracks`` into ``out``; return what was written and left out."""
    suffix, writer = FORMATS[fmt]
    selection = bank.select(tracks, use, items)
    text, count = writer(selection, bank.lesson_titles() if titles is None else titles)
    out.mkdir(parents=True, exist_ok=True)
    path = out / f"quizbank-{use}.{suffix}"
    path.write_text(text, encoding="utf-8")
    return Export(path, count, selection.left_out)
