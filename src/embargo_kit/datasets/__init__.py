"""Loaders for the data shipped with the kit: the only way notebooks reach data.

Every function reads a file shipped inside the package (``embargo_kit/data``) through
:mod:`importlib.resources`, so notebooks never contain paths or URLs and work offline from an
installed wheel. Results are cached; each call returns a fresh copy, so a notebook may change what
it gets without changing what the next cell (or the checks) get.

>>> from embargo_kit import datasets
>>> datasets.resolutions().head()          # one row per Security Council resolution
>>> datasets.measures()                    # one row per measure, with the resolution that first imposed it
>>> datasets.selfassessment_answers()      # the fictional Republic of Lumeria's self-assessment
"""

from __future__ import annotations

import copy
import functools
import re
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

__all__ = [
    "registry",
    "resolutions",
    "paragraphs",
    "measures",
    "bodies",
    "lumeria_profile",
    "selfassessment_checklist",
    "selfassessment_answers",
    "lesson_catalogue",
    "ANSWER_CREDIT",
]

#: What each self-assessment answer is worth when scoring readiness (``partly`` counts half).
ANSWER_CREDIT = {"yes": 1.0, "partly": 0.5, "no": 0.0, "unknown": 0.0}

_REGISTRY = ("registry", "resolutions.yaml")
_NATIONAL = "national"


# ----------------------------------------------------------------------------------------------
# reading shipped files
# ----------------------------------------------------------------------------------------------
def _resource(*parts: str):
    """A Traversable for ``embargo_kit/data/<parts>`` (works from a wheel, a zip or a checkout)."""
    res = resources.files("embargo_kit")
    for part in ("data", *parts):  # one step at a time: a namespace package's path takes one name
        res = res.joinpath(part)
    return res


@functools.lru_cache(maxsize=None)
def _yaml(*parts: str) -> Any:
    import yaml

    res = _resource(*parts)
    if not res.is_file():
        raise FileNotFoundError(
            f"embargo_kit ships no data file data/{'/'.join(parts)}; reinstall the package "
            "(pip install -e .) or check that the file was added to the repository."
        )
    return yaml.safe_load(res.read_text(encoding="utf-8"))


def _clear_caches() -> None:
    """Forget everything read so far (for tests that swap a data file)."""
    _yaml.cache_clear()
    for fn in (_resolutions, _paragraphs, _measures, _bodies, _checklist, _answers, _catalogue):
        fn.cache_clear()


def _dates(series):
    import pandas as pd

    return pd.to_datetime(series.map(lambda v: None if v is None else str(v)), errors="coerce")


def _copy(df):
    out = df.copy(deep=True)
    for col in out.columns:  # lists inside cells are not copied by DataFrame.copy
        if out[col].dtype == object and out[col].map(lambda v: isinstance(v, list)).any():
            out[col] = out[col].map(lambda v: list(v) if isinstance(v, list) else v)
    return out


# ----------------------------------------------------------------------------------------------
# the legal registry
# ----------------------------------------------------------------------------------------------
def registry() -> dict:
    """The legal registry as a plain dict (``as_of``, ``themes``, ``resolutions``, ``measures``, ``bodies``)."""
    return copy.deepcopy(_yaml(*_REGISTRY))


@functools.lru_cache(maxsize=None)
def _resolutions():
    import pandas as pd

    rows = [
        {k: r.get(k) for k in ("number", "year", "symbol", "adopted", "trigger", "headline", "vote")}
        for r in _yaml(*_REGISTRY).get("resolutions", [])
    ]
    df = pd.DataFrame(rows, columns=["number", "year", "symbol", "adopted", "trigger", "headline", "vote"])
    df["number"] = df["number"].astype(int)
    df["year"] = df["year"].astype(int)
    df["adopted"] = _dates(df["adopted"])
    return df.sort_values(["adopted", "number"]).reset_index(drop=True)


def resolutions() -> "pd.DataFrame":
    """One row per resolution: number, year, symbol, adopted (datetime64), trigger, headline, vote."""
    return _copy(_resolutions())


@functools.lru_cache(maxsize=None)
def _paragraphs():
    import pandas as pd

    rows = []
    for r in _yaml(*_REGISTRY).get("resolutions", []):
        for para, info in (r.get("paragraphs") or {}).items():
            info = info or {}
            rows.append(
                {
                    "number": int(r["number"]),
                    "symbol": r.get("symbol"),
                    "paragraph": str(para),
                    "summary": info.get("summary"),
                    "themes": list(info.get("themes") or []),
                    "status": info.get("status"),
                    "source": info.get("source"),
                }
            )
    cols = ["number", "symbol", "paragraph", "summary", "themes", "status", "source"]
    return pd.DataFrame(rows, columns=cols)


def paragraphs() -> "pd.DataFrame":
    """One row per operative paragraph in the registry: number, symbol, paragraph, summary,
    themes (list), status (confirmed | verify | unconfirmed), source."""
    return _copy(_paragraphs())


@functools.lru_cache(maxsize=None)
def _measures():
    import pandas as pd

    res = _resolutions().set_index("number")
    rows = []
    for m in _yaml(*_REGISTRY).get("measures", []):
        first = int(m["first"])
        para = m.get("paragraph")
        rows.append(
            {
                "id": m.get("id"),
                "measure": m.get("measure"),
                "category": m.get("category"),
                "first": first,
                "first_symbol": res["symbol"].get(first),
                "first_adopted": res["adopted"].get(first),
                "paragraph": None if para is None else str(para),
                "later": [int(n) for n in (m.get("later") or [])],
                "agencies": list(m.get("agencies") or []),
            }
        )
    cols = ["id", "measure", "category", "first", "first_symbol", "first_adopted", "paragraph", "later", "agencies"]
    df = pd.DataFrame(rows, columns=cols)
    df["first_adopted"] = pd.to_datetime(df["first_adopted"])
    return df


def measures() -> "pd.DataFrame":
    """One row per measure: id, measure, category, first (the resolution that first imposed it),
    first_symbol, first_adopted (datetime64), paragraph (or None), later (list of resolutions that
    extended it), agencies (list: port, customs, finance, ministries, aviation)."""
    return _copy(_measures())


@functools.lru_cache(maxsize=None)
def _bodies():
    import pandas as pd

    rows = list(_yaml(*_REGISTRY).get("bodies", []))
    cols = ["id", "name", "established", "ended", "role", "source"]
    df = pd.DataFrame(rows)
    for c in cols:
        if c not in df.columns:
            df[c] = None
    extra = [c for c in df.columns if c not in cols]
    return df[cols + extra]


def bodies() -> "pd.DataFrame":
    """One row per monitoring body (1718 Committee, Panel of Experts, ...): id, name, established,
    ended, role, source."""
    return _copy(_bodies())


# ----------------------------------------------------------------------------------------------
# the fictional Republic of Lumeria and its self-assessment
# ----------------------------------------------------------------------------------------------
def lumeria_profile() -> dict:
    """The national profile of the Republic of Lumeria (fictional): agencies, legal framework, trade."""
    return copy.deepcopy(_yaml(_NATIONAL, "lumeria.yaml"))


@functools.lru_cache(maxsize=None)
def _checklist():
    import pandas as pd

    doc = _yaml(_NATIONAL, "selfassessment_checklist.yaml")
    cols = ["id", "area", "question", "why", "weight", "closes_with"]
    rows = [{c: item.get(c) for c in cols} for item in doc["items"]]
    df = pd.DataFrame(rows, columns=cols)
    df["weight"] = df["weight"].astype(int)
    df["closes_with"] = df["closes_with"].map(lambda v: list(v or []))
    return df


def selfassessment_checklist() -> "pd.DataFrame":
    """The self-assessment checklist: id, area, question, why (with its citation), weight (1-3),
    closes_with (list of lesson IDs that teach what the item asks for)."""
    return _copy(_checklist())


@functools.lru_cache(maxsize=None)
def _answers(country: str):
    import pandas as pd

    doc = _yaml(_NATIONAL, f"selfassessment_{country}.yaml")
    cols = ["id", "answer", "evidence"]
    rows = [{c: a.get(c) for c in cols} for a in doc["answers"]]
    df = pd.DataFrame(rows, columns=cols)
    # a bare yes/no in YAML 1.1 is a boolean: read it back as the word
    df["answer"] = df["answer"].map(lambda v: {True: "yes", False: "no"}.get(v, v) if isinstance(v, bool) else v)
    df["answer"] = df["answer"].astype(str).str.strip().str.lower()
    return df


def selfassessment_answers(country: str = "lumeria") -> "pd.DataFrame":
    """A country's answers to the checklist: id, answer (yes | partly | no | unknown), evidence.

    Join it to :func:`selfassessment_checklist` on ``id`` to see the area, question and weight.
    """
    key = str(country).strip().lower()
    if not re.fullmatch(r"[a-z][a-z0-9_-]*", key):
        raise ValueError(f"not a country key: {country!r}")
    try:
        return _copy(_answers(key))
    except FileNotFoundError:
        raise ValueError(f"no self-assessment is shipped for {country!r}; try 'lumeria'") from None


# ----------------------------------------------------------------------------------------------
# the lesson catalogue
# ----------------------------------------------------------------------------------------------
_FRONT_MATTER = re.compile(r"\A---\s*\n(.*?)\n---\s*(\n|\Z)", re.S)


def _book_dir() -> Path | None:
    """The ``book/`` folder of a source checkout (editable install), or None for an installed wheel."""
    try:
        here = Path(str(resources.files("embargo_kit")))
    except Exception:  # pragma: no cover - zip import etc.
        return None
    checkout = here.parent.parent  # <checkout>/src/embargo_kit
    book = checkout / "book"
    return book if book.is_dir() and (checkout / "pyproject.toml").is_file() else None


def _front_matter(path: Path) -> dict | None:
    import yaml

    try:
        m = _FRONT_MATTER.match(path.read_text(encoding="utf-8"))
        data = yaml.safe_load(m.group(1)) if m else None
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return None
    return data if isinstance(data, dict) and data.get("id") else None


def _minutes(fm: dict) -> int | None:
    total = 0
    seen = False
    for key in ("teaching", "exercises"):
        v = fm.get(key)
        if isinstance(v, (int, float)) and not isinstance(v, bool):
            total += int(v)
            seen = True
    return total if seen else None


@functools.lru_cache(maxsize=None)
def _catalogue(book: str | None):
    import pandas as pd

    shipped = _yaml("lessons.yaml")
    rows = {
        str(item["id"]): {
            "id": str(item["id"]),
            "title": item.get("title"),
            "track": item.get("track"),
            "minutes": item.get("minutes"),
            "planned": bool(item.get("planned", False)),
        }
        for item in shipped["lessons"]
    }
    if book:
        for path in sorted(Path(book).glob("**/*.md")):
            fm = _front_matter(path)
            if not fm:
                continue
            lid = str(fm["id"])
            row = rows.setdefault(lid, {"id": lid, "title": None, "track": None, "minutes": None, "planned": False})
            tracks = fm.get("tracks") or []
            row["title"] = fm.get("title") or row["title"]
            row["track"] = (tracks[0] if isinstance(tracks, list) and tracks else None) or row["track"]
            row["minutes"] = _minutes(fm) or row["minutes"]
            row["planned"] = False  # the page exists
    df = pd.DataFrame(list(rows.values()), columns=["id", "title", "track", "minutes", "planned"])
    df["minutes"] = df["minutes"].astype("Int64")
    df["planned"] = df["planned"].astype(bool)
    return df.sort_values("id", key=lambda s: s.map(_lesson_sort_key)).reset_index(drop=True)


_TRACK_ORDER = ["awareness", "port", "customs", "finance", "capstone", "national"]


def _lesson_sort_key(lesson_id: str):
    prefix, _, rest = lesson_id.partition("-")
    order = _TRACK_ORDER.index(prefix) if prefix in _TRACK_ORDER else len(_TRACK_ORDER)
    return (order, prefix, rest)


def lesson_catalogue() -> "pd.DataFrame":
    """Every lesson of the course: id, title, track, minutes, planned.

    In a source checkout the front matter of ``book/**/*.md`` is read (title, first track,
    teaching + exercise minutes) on top of the shipped ``data/lessons.yaml``, which also lists the
    lessons still planned. From an installed wheel only the shipped list is used.
    """
    book = _book_dir()
    return _copy(_catalogue(str(book) if book else None))
def risk_sectors(country: str = "lumeria") -> "pd.DataFrame":
    """The sectors of a country's proliferation-financing risk assessment (national-02), with the
    self-assessment items that concern each one."""
    from embargo_kit.national import risk

    return risk.sectors(country)


def risk_indicators(country: str = "lumeria") -> "pd.DataFrame":
    """One row per risk indicator of a country's sectors: sector, code, factor, points, text (national-02)."""
    from embargo_kit.national import risk

    return risk.indicators(country)


__all__ = [*__all__, "risk_sectors", "risk_indicators"]

# The synthetic world's loaders (port, customs, finance) and the capstone's are parts of this one entry point:
# notebooks write ``datasets.ais_positions()`` and ``datasets.capstone_notice()``, never the part's name.
from embargo_kit.datasets import world as _world  # noqa: E402
from embargo_kit.datasets.world import *  # noqa: E402,F401,F403

from embargo_kit.datasets import capstone as _capstone  # noqa: E402
from embargo_kit.datasets.capstone import *  # noqa: E402,F401,F403

__all__ = [*__all__, *_world.__all__, *_capstone.__all__]
