"""Printable role cards for a room without laptops: one card per role per phase, with the role's data, the
options and the closed lists, and no answer."""

from __future__ import annotations

import re

import pytest

from embargo_kit.datasets import capstone as cap
from embargo_kit import checks
from embargo_kit.capstone import cards


@pytest.fixture(scope="module")
def pages() -> dict[int, str]:
    return {p["phase"]: cards.phase_html(p["phase"]) for p in cap.capstone_injects()["phases"]}


def test_one_card_per_role_per_phase_in_role_order(pages):
    for phase in cap.capstone_injects()["phases"]:
        text = pages[phase["phase"]]
        assert text.count('class="card"') == len(phase["roles"])
        titles = re.findall(r"<h1>(.*?)</h1>", text)
        assert titles == [cards.ROLE_TITLES[r] for r in sorted(phase["roles"], key=cards.ROLE_ORDER.index)]
        assert "FICTIONAL EXERCISE" in text
        assert "<td>nan</td>" not in text and "<td>NaT</td>" not in text and "<td>None</td>" not in text


def test_cards_carry_the_data_each_role_needs(pages):
    s = cap.capstone_scenario()
    p1 = pages[1]
    assert s["notice_id"] in p1 and str(s["vessel"]["imo"]) in p1
    for bl in cap.capstone_bills_of_lading()["bl_number"]:
        assert bl in p1, "the customs card should list every bill of the voyage"
    assert s["partner"]["name"] in p1, "the port card should show the ships near her at sea"
    pending = cap.capstone_payments().query("status == 'pending'").iloc[0]
    assert f"{pending['amount']:,.2f}" in p1
    assert "KPe." in pages[2], "the bank analyst's phase 2 card needs the list extract"


def test_every_option_and_closed_list_is_printed(pages):
    for phase in cap.capstone_injects()["phases"]:
        text = pages[phase["phase"]]
        for d in phase["decisions"]:
            for v in d["options"].values():
                assert v.replace("'", "&#x27;") in text
    assert "2270/18" in pages[1] and "PORT-01" in pages[1] and "FIN-18" in pages[1]


def test_cards_hold_no_answer(pages):
    everything = "".join(pages.values())
    for lesson in ("capstone-01", "capstone-02", "capstone-03"):
        for qid, probes in checks.load(lesson).leak_probes().items():
            for probe in probes:
                assert probe not in everything, f"{lesson} {qid}: a PASS sentence is printed on a card"
    assert "correct" not in everything.lower() and "answer key" not in everything.lower()


def test_cards_print_to_pdf_with_chromium(tmp_path):
    from tests.conftest import require_tool

    require_tool("chromium", "chromium")
    written = cards.write_role_cards(tmp_path, pdf=True)
    assert [k for k in written if isinstance(k, int)] == [1, 2, 3]
    for files in written.values():
        assert files["pdf"].read_bytes()[:5] == b"%PDF-" and files["pdf"].stat().st_size > 5_000
    assert (tmp_path / "capstone-paper-form.csv").read_text(encoding="utf-8").startswith(
        "team,phase,decision,option,indicators,citations")


def test_the_exercise_pack_times_every_inject_and_holds_no_answer():
    from embargo_kit.capstone.story import ROLE_NAMES

    pack = cards.exercise_pack_html()
    master = pack["capstone-master-inject-list.html"]
    friction = cap.capstone_injects()["friction"]
    assert len(friction) >= 7
    for f in friction:
        row = master[master.index(f"{f['id']}: "[:4]) - 400: master.index(f"{f['id']}: ") + 10]
        assert f["room"] in row and f["game_time"] in row and ROLE_NAMES[f["to"]] in row
    themes = " ".join(f["from"] + " " + f["text"] for f in friction).lower()
    for theme in ("lawyer", "flag state", "consul", "reporter", "partner fiu", "chain-of-custody", "eod"):
        assert theme in themes, f"no friction inject about {theme}"
    assert {f["to"] for f in friction} == {"port", "customs", "finance", "focal_point"}
    assert "owner (office)" in pack["capstone-improvement-plan.html"] and "due date" in pack["capstone-improvement-plan.html"]
    everything = "".join(pack.values())
    for lesson in ("capstone-01", "capstone-02", "capstone-03"):
        for probes in checks.load(lesson).leak_probes().values():
            assert not any(p in everything for p in probes)


def test_the_umpire_sheet_marks_each_coordinated_choice_and_is_not_among_the_room_material(tmp_path):
    sheet = cards.umpire_sheet_html()
    n_option_decisions = sum(1 for p in cap.capstone_injects()["phases"] for d in p["decisions"]
                             if "option" in d["answer_fields"])
    assert sheet.count("2 (coordinated)") == n_option_decisions
    assert "must stay out" in sheet and "TRAINERS ONLY" in sheet
    cards.write_role_cards(tmp_path, pdf=False)
    assert not list(tmp_path.glob("*umpire*")), "the room material (both kits) must not carry the umpire sheet"
