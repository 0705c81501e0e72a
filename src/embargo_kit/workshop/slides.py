"""A standalone, offline HTML slide deck per lesson, built from the lesson page itself.

Slides: the title; the objectives (front matter); one slide per H2 section with its first paragraph(s), its
first list or table and its figures (with their alt text); the key points. Trainer notes become speaker
notes only in the trainer deck (``notes=True``); the learner deck carries none. The deck is one HTML file
with its own CSS and JS (no CDN): arrow keys or Page Up/Down move, N shows the notes, F goes full screen,
and printing gives one slide per page. Images the lesson uses are copied beside the deck.
"""
from __future__ import annotations

import html
import shutil
from pathlib import Path

from embargo_kit.workshop.lessons import TRACK_NAMES, Lesson
from embargo_kit.workshop.text import blocks, inline, key_points, table_html

SKIP = {"quiz", "sources and as-of date"}
MAX_PARAS = 2
LONG_WORDS = 70  # after a first paragraph this long, the slide stops there

CSS = """
html,body{margin:0;height:100%;background:#1d2733;font-family:"Noto Sans","Noto Sans CJK KR","DejaVu Sans",sans-serif}
.slide{display:none;box-sizing:border-box;width:100vw;height:100vh;padding:5vh 7vw;background:#fff;color:#1b1b1b;
font-size:clamp(16px,2.3vw,30px);line-height:1.35;overflow:auto}
.slide.current{display:block}.slide h1{font-size:2em;color:#23466e;margin:.2em 0}.slide h2{color:#23466e;margin:0 0 .5em;font-size:1.45em}
.slide.title{display:none;flex-direction:column;justify-content:center}.slide.title.current{display:flex}
.meta{color:#555;font-size:.8em}.slide li{margin:.3em 0}.slide table{border-collapse:collapse;font-size:.7em}
.slide td,.slide th{border-bottom:1px solid #ccc;padding:.2em .4em;text-align:left;vertical-align:top}
.slide img{max-width:80%;max-height:55vh;display:block;margin:.5em auto}.caption{font-size:.7em;color:#444;text-align:center}
.notes{display:none;position:fixed;bottom:0;left:0;right:0;max-height:40vh;overflow:auto;background:#fffbe6;border-top:3px solid #c9a400;
font-size:16px;padding:.6em 1em}body.show-notes .slide.current .notes{display:block}
.counter{position:fixed;bottom:.5em;right:1em;color:#999;font-size:14px}
@media print{html,body{background:#fff;height:auto}.slide,.slide.title{display:block!important;width:auto;height:auto;min-height:0;
page-break-after:always;font-size:18pt;padding:1cm}.notes,.counter{display:none!important}}
"""

JS = r"""
(function(){
  var slides = document.querySelectorAll('.slide'), i = 0, counter = document.querySelector('.counter');
  function show(n){ i = Math.max(0, Math.min(slides.length - 1, n));
    slides.forEach(function(s, k){ s.classList.toggle('current', k === i); s.setAttribute('aria-hidden', k === i ? 'false' : 'true'); });
    counter.textContent = (i + 1) + ' / ' + slides.length; if(location.hash !== '#' + (i + 1)){ history.replaceState(null, '', '#' + (i + 1)); } }
  document.addEventListener('keydown', function(e){
    if(['ArrowRight','PageDown',' ','ArrowDown'].indexOf(e.key) >= 0){ show(i + 1); e.preventDefault(); }
    else if(['ArrowLeft','PageUp','ArrowUp'].indexOf(e.key) >= 0){ show(i - 1); e.preventDefault(); }
    else if(e.key === 'Home'){ show(0); } else if(e.key === 'End'){ show(slides.length - 1); }
    else if(e.key === 'n' || e.key === 'N'){ document.body.classList.toggle('show-notes'); }
    else if(e.key === 'f' || e.key === 'F'){ if(document.fullscreenElement){ document.exitFullscreen(); } else { document.documentElement.requestFullscreen(); } }
  });
  document.addEventListener('click', function(e){ if(e.target.closest('a,button,.notes')) return; show(e.clientX > innerWidth / 3 ? i + 1 : i - 1); });
  show(parseInt(location.hash.slice(1), 10) - 1 || 0);
})();
"""


def _section_slides(lesson: Lesson, notes: bool) -> tuple[list[dict], list[str]]:
    slides: list[dict] = []
    images: list[str] = []
    current: dict | None = None
    for block in blocks(lesson.body):
        kind = block["kind"]
        if kind == "heading" and block["level"] == 2:
            current = None
            if block["text"].strip().lower() in SKIP:
                continue
            current = {"title": block["text"], "paras": [], "extra": [], "notes": []}
            slides.append(current)
            continue
        if current is None:
            continue
        if kind == "para" and len(current["paras"]) < MAX_PARAS and not current["extra"] and not (
                current["paras"] and len(" ".join(current["paras"]).split()) > LONG_WORDS):
            current["paras"].append(inline(block["text"]))
        elif kind == "list" and not any(x.startswith("<ul") for x in current["extra"]):
            current["extra"].append("<ul>" + "".join(f"<li>{inline(it)}</li>" for it in block["items"]) + "</ul>")
        elif kind == "table" and not any(x.startswith("<table") for x in current["extra"]):
            current["extra"].append(table_html(block["rows"]))
        elif kind == "image":
            images.append(block["src"])
            current["extra"].append(f'<img src="{html.escape(Path(block["src"]).name)}" alt="{html.escape(block["alt"])}">')
        elif kind == "directive" and block["name"] in ("figure", "image"):
            src = block["arg"]
            alt = block["options"].get("alt", "")
            images.append(src)
            caption = f'<p class="caption">{inline(block["content"])}</p>' if block["content"] else ""
            current["extra"].append(f'<img src="{html.escape(Path(src).name)}" alt="{html.escape(alt)}">{caption}')
        elif kind == "directive" and block["name"] == "trainer-note" and notes:
            minutes = block["options"].get("minutes")
            text = "".join(f"<p>{inline(b['text'])}</p>" if b["kind"] == "para" else
                           "<ul>" + "".join(f"<li>{inline(x)}</li>" for x in b.get("items", [])) + "</ul>"
                           for b in blocks(block["content"]) if b["kind"] in ("para", "list"))
            current["notes"].append((f"<p><strong>Trainer note{f' · {minutes} min' if minutes else ''}</strong></p>") + text)
    return slides, images


def deck_html(lesson: Lesson, notes: bool = False) -> tuple[str, list[str]]:
    """The deck as one HTML string, and the image paths (relative to the lesson page) it needs."""
    e = html.escape
    sections, images = _section_slides(lesson, notes)
    tracks = ", ".join(TRACK_NAMES.get(t, t) for t in lesson.tracks)
    out = [f'<section class="slide title" aria-label="title"><p class="meta">{e(tracks)} · {e(lesson.id)}</p>'
           f"<h1>{e(lesson.title)}</h1><p class=\"meta\">{lesson.teaching} min teaching + {lesson.exercises} min "
           f"exercises{' · trainer deck: press N for notes' if notes else ''}</p></section>"]
    out.append('<section class="slide"><h2>After this lesson you can</h2><ul>'
               + "".join(f"<li>{e(text)}</li>" for _, text in lesson.objectives) + "</ul></section>")
    for slide in sections:
        notes_html = f'<aside class="notes">{"".join(slide["notes"])}</aside>' if slide["notes"] else ""
        paras = "".join(f"<p>{p}</p>" for p in slide["paras"])
        out.append(f'<section class="slide"><h2>{inline(slide["title"])}</h2>{paras}{"".join(slide["extra"])}'
                   f"{notes_html}</section>")
    points = key_points(lesson.body)
    if points:
        out.append('<section class="slide"><h2>Key points</h2><ul>'
                   + "".join(f"<li>{inline(p)}</li>" for p in points) + "</ul></section>")
    title = f"{lesson.id}: {lesson.title}" + (" (trainer deck)" if notes else "")
    page = (f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><meta name="viewport" '
            f'content="width=device-width, initial-scale=1"><title>{e(title)}</title><style>{CSS}</style></head>'
            f'<body><main>{"".join(out)}</main><div class="counter" aria-live="polite"></div><script>{JS}</script>'
            "</body></html>")
    return page, images


def write_deck(lesson: Lesson, out: Path, notes: bool = False) -> Path:
    out.mkdir(parents=True, exist_ok=True)
    page, images = deck_html(lesson, notes)
    for src in images:
        source = (lesson.path.parent / src).resolve()
        if source.exists():
            shutil.copy2(source, out / source.name)
    path = out / f"{lesson.id}-slides.html"
    path.write_text(page, encoding="utf-8")
    return path
