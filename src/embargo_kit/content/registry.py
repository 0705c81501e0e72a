"""The legal-reference registry: resolutions and their operative paragraphs, from one YAML file.

Citations in the book are written {res}`2270/18` (resolution 2270, paragraph 18) or {res}`2270` (the
resolution alone). Only paragraphs whose number is quoted or confirmed in a source may be cited by number
(`CITABLE`); the force of each paragraph is read by :mod:`embargo_kit.content.force`.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import yaml

from embargo_kit.content.force import CITABLE

CITATION = re.compile(r"^\s*(?P<number>\d{3,4})\s*(?:/\s*(?P<para>[0-9]+[0-9a-z()]*))?\s*$")
ROLE_IN_TEXT = re.compile(r"\{res\}`([^`]*)`")


class CitationError(ValueError):
    pass


@dataclass(frozen=True)
class Citation:
    number: int
    year: int
    paragraph: str | None

    @property
    def symbol(self) -> str:
        return f"S/RES/{self.number} ({self.year})"

    @property
    def text(self) -> str:
        return self.symbol if self.paragraph is None else f"{self.symbol}, para {self.paragraph}"

    @property
    def label(self) -> str:
        return label_for(self.number, self.paragraph)


def label_for(number: int, paragraph: str | None = None) -> str:
    if paragraph is None:
        return f"res-{number}"
    slug = re.sub(r"[^0-9a-z]+", "-", paragraph.lower()).strip("-")
    return f"res-{number}-p{slug}"


@lru_cache(maxsize=1)
def load_registry() -> dict:
    text = (resources.files("embargo_kit") / "data/registry/resolutions.yaml").read_text(encoding="utf-8")
    return yaml.safe_load(text)


def resolutions_by_number() -> dict[int, dict]:
    return {int(r["number"]): r for r in load_registry()["resolutions"]}


def parse_citation(text: str) -> Citation:
    """Turn '2270/18' into a Citation, or raise CitationError with a sentence an author can act on."""
    match = CITATION.match(text or "")
    if not match:
        raise CitationError(f"'{text}' is not a citation: write {{res}}`2270/18` or {{res}}`2270`")
    number = int(match["number"])
    resolution = resolutions_by_number().get(number)
    if resolution is None:
        known = ", ".join(str(n) for n in sorted(resolutions_by_number()))
        raise CitationError(f"resolution {number} is not in the registry (known: {known})")
    para = match["para"]
    if para is not None:
        paragraphs = {str(k): v for k, v in (resolution.get("paragraphs") or {}).items()}
        entry = paragraphs.get(para)
        if entry is None:
            raise CitationError(f"paragraph {para} of {resolution['symbol']} is not in the registry")
        if entry.get("status") not in CITABLE:
            raise CitationError(
                f"paragraph {para} of {resolution['symbol']} is marked '{entry.get('status')}' in the registry: "
                f"cite the resolution alone ({{res}}`{number}`) until the number is confirmed or quoted")
    return Citation(number, int(resolution["year"]), para)
