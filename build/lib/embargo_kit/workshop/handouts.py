"""A printable handout per track: each lesson's objectives and key points, and a page for notes.

HTML printed to PDF by chromium (:mod:`embargo_kit.workshop.pdf`); the font stack puts Noto Sans CJK KR
first for Hangul so Korean names (the DPRK's own name, designated entities' names in Korean script where the
lesson gives them) print correctly, not as empty boxes. Built from the lesson pages, so it never drifts.
"""
from __future__ import annotations

import html
from pathlib import Path

from embargo_kit.workshop.lessons import TRACK_NAMES, Lesson
from embargo_kit.workshop.text import inline, key_points

KOREAN_NAME = "조선민주주의인민공화국"  # the DPRK's name in Korean (Chosŏn Minjujuŭi Inmin Konghwaguk)

CSS = """
@page{size:A4;margin:18mm 16mm}
body{font-family:"Noto Sans","Noto Sans CJK KR","Noto Serif CJK KR","DejaVu Sans",sans-serif;color:#1b1b1b;line-height:1.4;
max-width:48rem;margin:1.5rem auto;padding:0 1rem;font-size:11pt}
:lang(ko){font-family:"Noto Sans CJK KR","Noto Serif CJK KR",sans-serif}
h1{color:#23466e;font-size:20pt;margin-bottom:0}h2{color:#23466e;font-size:13pt;border-bottom:1.5px solid #23466e;margin-top:1.2rem}
.lesson{break-inside:avoid-page}.meta{color:#555;font-size:9.5pt}h3{font-size:10.5pt;margin:.5rem 0 .2rem}
ul{margin:.2rem 0 .4rem 1.2rem;padding:0}.my-notes{border-top:1px solid #999;height:5.5cm;margin-top:.5rem}
.cover p{margin:.3rem 0}.fictional{font-size:9pt;color:#444}
@media print{body{margin:0;max-width:none}}
"""


def handout_html(track: str, lessons: list[Lesson], as_of: str = "") -> str:
    e = html.escape
    name = TRACK_NAMES.get(track, track)
    out = [f'<section class="cover"><h1>{e(name)}: handout</h1>',
           f'<p>Enforcing the UN arms embargo on the Democratic People\'s Republic of Korea '
           f'(<span lang="ko">{KOREAN_NAME}</span>, DPRK).</p>',
           f"<p class=\"meta\">{len(lessons)} lessons, {sum(l.teaching for l in lessons)} min teaching and "
           f"{sum(l.exercises for l in lessons)} min exercises.{' Facts as of ' + e(as_of) + '.' if as_of else ''}</p>",
           '<p class="fictional">Names of companies, people, vessels and banks in the exercises are fictional, as '
           "is the Republic of Lumeria; real designated entities appear only as on the public 1718 List.</p></section>"]
    for lesson in lessons:
        points = key_points(lesson.body)
        out.append(f'<section class="lesson"><h2>{e(lesson.id)} · {e(lesson.title)}</h2>'
                   f'<p class="meta">{lesson.teaching} min teaching + {lesson.exercises} min exercises'
                   f'{" · " + e(lesson.exercise_label.replace("*", "")) if lesson.exercises else ""}</p>'
                   "<h3>You will be able to</h3><ul>" + "".join(f"<li>{e(t)}</li>" for _, t in lesson.objectives)
                   + "</ul>")
        if points:
            out.append("<h3>Key points</h3><ul>" + "".join(f"<li>{inline(p)}</li>" for p in points) + "</ul>")
        out.append('<h3>My notes</h3><div class="my-notes"></div></section>')
    title = f"{name}: handout"
    return (f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>{e(title)}</title>'
            f"<style>{CSS}</style></head><body><main>{''.join(out)}</main></body></html>")


def write_handout(track: str, lessons: list[Lesson], out: Path, pdf: bool = True, as_of: str = "") -> dict[str, Path]:
    from embargo_kit.workshop.pdf import write_html_and_pdf

    html_path, pdf_path, _ = write_html_and_pdf(handout_html(track, lessons, as_of), out / f"{track}-handout.html", pdf)
    return {"html": html_path, **({"pdf": pdf_path} if pdf_path else {})}
