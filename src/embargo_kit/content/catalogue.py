"""Write data/lessons.yaml, the lesson catalogue shipped in the wheel, from the lessons' front matter.

An installed package has no book/ folder, so tools that list lessons (the planner's catalogue, the
self-assessment's recommendations) read this file. `python -m embargo_kit.content.catalogue` rewrites it;
`--check` exits 1 if it differs from the front matter (a test runs that).
"""
from __future__ import annotations

import sys
from pathlib import Path

import yaml

from embargo_kit.content.frontmatter import read_front_matter
from embargo_kit.content.lint import PARTS, lesson_files

HEADER = ("# The lesson catalogue shipped with the package (read by embargo_kit.datasets.lesson_catalogue()).\n"
          "# Generated from the lessons' front matter by `python -m embargo_kit.content.catalogue`; do not edit.\n"
          "# minutes = teaching + exercise time.\n")


def render(root: Path) -> str:
    lessons = []
    for path in lesson_files(root):
        meta = read_front_matter(path)
        lessons.append({"id": meta["id"], "title": meta["title"], "track": meta["tracks"][0],
                        "minutes": int(meta["teaching"]) + int(meta["exercises"]), "planned": False})
    lessons.sort(key=lambda item: (PARTS.index(item["id"].split("-")[0]), item["id"]))
    release = yaml.safe_load((root / "pyproject.toml").read_text().split("[tool.embargo_kit]")[1]
                             .replace(" = ", ": "))["release"] if (root / "pyproject.toml").exists() else None
    body = yaml.safe_dump({"as_of": release, "lessons": lessons}, sort_keys=False, allow_unicode=True, width=200)
    return HEADER + body


def main(argv: list[str]) -> int:
    from embargo_kit.book import project_root

    root = project_root()
    target = root / "src" / "embargo_kit" / "data" / "lessons.yaml"
    text = render(root)
    if "--check" in argv:
        if target.read_text(encoding="utf-8") != text:
            print(f"{target} is out of date: run `python -m embargo_kit.content.catalogue`")
            return 1
        print("lesson catalogue is up to date")
        return 0
    target.write_text(text, encoding="utf-8")
    print(f"wrote {target} ({text.count('- id:')} lessons)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
