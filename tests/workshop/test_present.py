"""Slides, handouts and the evaluation questionnaire, built from the same lesson source."""
from __future__ import annotations

import re
import subprocess

import pytest

from embargo_kit.workshop.evaluation import load_questionnaire, question_ids, write_evaluation
from embargo_kit.workshop.handouts import KOREAN_NAME, write_handout
from embargo_kit.workshop.lessons import discover, track_lessons
from embargo_kit.workshop.slides import deck_html, write_deck
from tests.conftest import require_tool


def test_deck_has_objectives_sections_figures_and_key_points(book, tmp_path):
    lesson = discover(book)["awareness-01"]
    path = write_deck(lesson, tmp_path)
    page = path.read_text()
    slides = re.findall(r'<section class="slide', page)
    assert len(slides) == 4  # title, objectives, "Opening case", key points ("Quiz" and "Sources" are skipped)
    assert "First objective of awareness-01." in page and "Key point two of awareness-01." in page
    assert "S/RES/1718 (2006)" in page and "{res}" not in page
    assert "Third paragraph" not in page, "a slide keeps only the first paragraphs"
    assert 'alt="A chart of seizures by year (fictional)"' in page and (tmp_path / "chart.png").exists()
    assert not re.search(r'(src|href)="(https?:)?//', page), "the deck must not fetch anything"


def test_speaker_notes_only_in_the_trainer_deck(book):
    lesson = discover(book)["awareness-01"]
    learner, _ = deck_html(lesson, notes=False)
    trainer, _ = deck_html(lesson, notes=True)
    assert "SECRET-NOTE" not in learner and 'class="notes"' not in learner
    assert "SECRET-NOTE-awareness-01" in trainer and 'class="notes"' in trainer


def test_real_lessons_each_give_a_deck(root, tmp_path):
    for lesson in track_lessons(discover(root), "awareness"):
        page, _ = deck_html(lesson)
        assert page.count('<section class="slide') >= 4, lesson.id


def test_handout_pdf_prints_korean(book, tmp_path):
    require_tool("chromium", "chromium")
    pdftotext = require_tool("pdftotext", "poppler-utils")
    fc_list = require_tool("fc-list", "fontconfig")
    korean_fonts = subprocess.run([fc_list, ":lang=ko", "family"], capture_output=True, text=True).stdout
    assert "Noto Sans CJK KR" in korean_fonts, "install fonts-noto-cjk, or Korean names print as empty boxes"
    written = write_handout("awareness", track_lessons(discover(book), "awareness"), tmp_path)
    assert "pdf" in written, "chromium is present, so the handout must be printed"
    text = subprocess.run([pdftotext, str(written["pdf"]), "-"], capture_output=True, text=True).stdout
    assert KOREAN_NAME in text.replace("\n", "")
    assert "Key point one of awareness-03." in text


def test_evaluation_questionnaire_in_three_forms(tmp_path):
    data = load_questionnaire()
    ids = question_ids(data)
    written = write_evaluation(tmp_path, pdf=False)
    page = written["html"].read_text()
    assert all(f'name="{qid}"' in page for qid in ids)
    assert "name" not in ids and "trainee" not in " ".join(ids), "the questionnaire is anonymous"
    assert written["csv"].read_text().strip().split(",") == ids
    from docx import Document
    text = "\n".join(p.text for p in Document(str(written["docx"])).paragraphs)
    assert all(q["text"] in text for s in data["sections"] for q in s["questions"])


@pytest.mark.parametrize("paper, size", [(None, (595, 842)), ("Letter", (612, 792))])
def test_one_paper_size_for_every_pdf(tmp_path, paper, size):
    import re

    from embargo_kit.workshop.pdf import paper_size, write_html_and_pdf
    from tests.conftest import require_tool

    require_tool("chromium", "chromium")
    page = "<html><head><style>@page{size:A5}</style></head><body><p>Agenda</p></body></html>"
    with paper_size(paper):
        _, pdf, note = write_html_and_pdf(page, tmp_path / "page.html")
    assert pdf is not None, note
    box = re.search(rb"/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)", pdf.read_bytes())
    assert box and (round(float(box[1])), round(float(box[2]))) == size
    assert not list(tmp_path.glob(".*print.html")), "the sized copy is cleaned up"
