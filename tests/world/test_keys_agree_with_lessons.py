"""The answer keys of the port and customs notebooks agree with what their lessons teach (issue 21): a check
that rewards a rule the lesson contradicts teaches the wrong job."""

from __future__ import annotations

import re
from pathlib import Path

from embargo_kit import datasets

BOOK = Path(__file__).resolve().parents[2] / "book"


def _lesson(track: str, stem: str) -> str:
    return next((BOOK / track).glob(f"{stem}*.md")).read_text(encoding="utf-8")


def test_codes_of_concern_cover_every_heading_customs_02_teaches_outside_chapter_93():
    text = _lesson("customs", "customs-02")
    taught = set(re.findall(r"\b(36\.0[1-4]|85\.1[57]|85\.2[56]|88\.0[267]|87\.10|89\.06|90\.13)\b", text))
    assert {"36.01", "90.13", "85.17", "85.25", "88.06", "88.07"} <= taught
    concern = list(datasets.hs_of_concern()["hs"])
    for heading in sorted(taught):
        code = heading.replace(".", "")
        assert any(code.startswith(c) or c.startswith(code) for c in concern), heading


def test_customs_03_thresholds_are_the_lessons():
    from embargo_kit.checks import customs_03

    text = _lesson("customs", "customs-03")
    assert "10 % (at least 500 kg)" in text
    assert (customs_03.WEIGHT_SHARE, customs_03.WEIGHT_MIN_KG) == (0.10, 500.0)
    assert "half the low end" in text and "twice the high end" in text
    assert (customs_03.VALUE_LOW_FACTOR, customs_03.VALUE_HIGH_FACTOR) == (0.5, 2.0)
    # the lesson and the key agree that only a weighed box is an independent weight (D15)
    assert "method 1" in text and "method 2" in text


def test_port_05_bases_follow_the_lesson_table():
    from embargo_kit.checks import port_05

    text = _lesson("port", "port-05")
    # identity alone: national law, not a resolution (B11)
    assert "rests on your national port-state-control and registration law" in text
    assert port_05.bases_for({"PORT-03"}) == {"national"} and port_05.bases_for({"PORT-06"}) == {"national"}
    # a DPRK crew: the lesson records 2397/8 (and names 2321/23); 2270/18 is about cargo (B12)
    row = next(line for line in text.splitlines() if "PORT-14" in line and line.startswith("| **inspect"))
    assert "2397/8" in row and "2270/18" not in row
    assert "2397/8" in port_05.bases_for({"PORT-14"}) and "2270/18" not in port_05.bases_for({"PORT-14"})
    # reasonable grounds: 2397, and the lesson says the ship is then seized (A1 of the review)
    assert "must** be seized" in text or "must be seized" in text
    assert port_05.bases_for({"PORT-08"}) == {"2397"}


def test_port_15_is_over_25_years_as_the_indicator_says():
    import yaml
    from importlib import resources

    ind = yaml.safe_load((resources.files("embargo_kit") / "data" / "reference" / "indicators.yaml")
                         .read_text(encoding="utf-8"))["indicators"]
    port15 = next(i for i in ind if i["code"] == "PORT-15")
    assert "25 years" in port15["indicator"]
    nb = (Path(__file__).resolve().parents[2] / "exercises" / "solutions" / "port"
          / "port-05-pre-arrival-screening.ipynb").read_text(encoding="utf-8")
    assert "<= 2001" not in nb and "notices[\\\"build_year\\\"] > 25" in nb
