"""Sector risk assessment of a country's exposure to DPRK sanctions evasion (lesson national-02).

Following the FATF Guidance on Proliferation Financing Risk Assessment and Mitigation (June 2021): risk is
judged from threat, vulnerability and consequence, sector by sector. The guidance prescribes no formula; the
kit teaches one simple, common matrix (the data file states it):

* a factor score is 1 + the sum of the points of the sector's indicators for that factor, kept within 1-5
  (mitigating controls carry negative points);
* likelihood = (threat + vulnerability) / 2;
* risk = likelihood x consequence, from 1 to 25.

The data of the fictional Republic of Lumeria ship in ``data/national/risk_lumeria.yaml``.
"""
from __future__ import annotations

import copy
import functools
import re
from importlib import resources

import yaml

FACTORS = ("threat", "vulnerability", "consequence")
LOW, HIGH = 1, 5


def _key(country: str) -> str:
    key = str(country).strip().lower()
    if not re.fullmatch(r"[a-z][a-z0-9_-]*", key):
        raise ValueError(f"not a country key: {country!r}")
    return key


@functools.lru_cache(maxsize=None)
def _doc(country: str) -> dict:
    path = resources.files("embargo_kit") / "data" / "national" / f"risk_{country}.yaml"
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ValueError(f"no risk indicators are shipped for {country!r}; try 'lumeria'") from None


def document(country: str = "lumeria") -> dict:
    """The whole risk file: method, factors, sectors with their indicators."""
    return copy.deepcopy(_doc(_key(country)))


def sectors(country: str = "lumeria"):
    """One row per sector: id, name, checklist (the self-assessment items that concern it)."""
    import pandas as pd

    rows = [{"id": s["id"], "name": s["name"], "checklist": list(s.get("checklist") or [])}
            for s in _doc(_key(country))["sectors"]]
    return pd.DataFrame(rows, columns=["id", "name", "checklist"])


def indicators(country: str = "lumeria"):
    """One row per indicator: sector, code, factor (threat | vulnerability | consequence), points, text.
    A negative ``points`` is a mitigating control: it lowers the factor."""
    import pandas as pd

    rows = [{"sector": s["id"], "code": i["code"], "factor": i["factor"], "points": int(i["points"]),
             "text": i["text"]}
            for s in _doc(_key(country))["sectors"] for i in s["indicators"]]
    return pd.DataFrame(rows, columns=["sector", "code", "factor", "points", "text"])


def factor_scores(country: str = "lumeria"):
    """Sectors x factors: 1 + sum(points), clipped to 1-5. The reference answer the check compares with."""
    ind = indicators(country)
    order = list(sectors(country)["id"])
    table = ind.pivot_table(index="sector", columns="factor", values="points", aggfunc="sum", fill_value=0)
    table = table.reindex(index=order, columns=list(FACTORS), fill_value=0)
    return (1 + table).clip(LOW, HIGH).astype(int).rename_axis(index="sector", columns=None)


def risk_table(country: str = "lumeria"):
    """factor_scores plus likelihood and risk, highest risk first (ties keep the file's order)."""
    t = factor_scores(country).astype(float)
    t["likelihood"] = (t["threat"] + t["vulnerability"]) / 2
    t["risk"] = t["likelihood"] * t["consequence"]
    return t.sort_values("risk", ascending=False, kind="stable")
