"""A small fictional book for the trainer-tool tests (the real book's lessons change while others write them)."""
from __future__ import annotations

from pathlib import Path

LESSON = """---
id: {id}
title: {title}
tracks: [{tracks}]
audience_level: basic
teaching: {teaching}
exercises: {exercises}
prerequisites: [{prereqs}]
objectives:
  - id: {id}.o1
    text: First objective of {id}.
  - id: {id}.o2
    text: Second objective of {id}.
sources:
  - S/RES/1718 (2006)
as_of: "2026-11-25"
---

({id})=
# {title}

```{{objectives}}
```

## Opening case

The opening paragraph of {id}, citing {{res}}`1718`.

Second paragraph of the opening.

Third paragraph, which a slide leaves out.

![A chart of seizures by year (fictional)](chart.png)

```{{trainer-note}}
:minutes: 5
Ask the room: who would know first? SECRET-NOTE-{id}
```

## Quiz

```{{quiz}} {id}
```

```{{key-points}}
- Key point one of {id}.
- Key point two of {id}.
```

## Sources and as-of date

```{{lesson-sources}}
```
"""

SPEC = [
    ("awareness-01", "Why it exists", "awareness", 25, 10, ""),
    ("awareness-02", "How it grew", "awareness", 25, 45, "awareness-01"),
    ("awareness-03", "The embargo in detail", "awareness", 30, 15, "awareness-01"),
    ("port-01", "What ports must do", "port", 30, 10, "awareness-03"),
    ("port-02", "Reading AIS", "port", 30, 50, "port-01"),
]


def make_book(root: Path, spec=SPEC) -> Path:
    for lesson_id, title, tracks, teaching, exercises, prereqs in spec:
        part = lesson_id.rsplit("-", 1)[0]
        folder = root / "book" / part
        folder.mkdir(parents=True, exist_ok=True)
        slug = title.lower().replace(" ", "-")
        (folder / f"{lesson_id}-{slug}.md").write_text(LESSON.format(
            id=lesson_id, title=title, tracks=tracks, teaching=teaching, exercises=exercises, prereqs=prereqs),
            encoding="utf-8")
        (folder / "chart.png").write_bytes(b"\x89PNG\r\n\x1a\n fake")
    (root / "_toc.yml").write_text("format: jb-book\nroot: book/index\n", encoding="utf-8")
    (root / "book" / "index.md").write_text("# Fixture book\n", encoding="utf-8")
    return root


