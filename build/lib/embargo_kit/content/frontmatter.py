"""Read the YAML front matter of a MyST page (the block between the first two `---` lines)."""
from __future__ import annotations

from pathlib import Path

import yaml


class FrontMatterError(ValueError):
    """The front matter is missing or is not valid YAML; the message names file and line."""


def split_front_matter(text: str, path: str | Path = "<text>") -> tuple[dict, int]:
    """Return (front matter, number of the first body line, 1-based)."""
    lines = text.splitlines()
    if not lines or lines[0].strip() != "---":
        return {}, 1
    for end, line in enumerate(lines[1:], start=1):
        if line.strip() == "---":
            break
    else:
        raise FrontMatterError(f"{path}:1: front matter opens with '---' but never closes")
    block = "\n".join(lines[1:end])
    try:
        data = yaml.safe_load(block) or {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = (mark.line + 2) if mark is not None else 1
        raise FrontMatterError(f"{path}:{line}: front matter is not valid YAML ({getattr(exc, 'problem', exc)})") from None
    if not isinstance(data, dict):
        raise FrontMatterError(f"{path}:2: front matter must be a mapping of fields, not {type(data).__name__}")
    return data, end + 2


def read_front_matter(path: str | Path) -> dict:
    path = Path(path)
    return split_front_matter(path.read_text(encoding="utf-8"), path)[0]
