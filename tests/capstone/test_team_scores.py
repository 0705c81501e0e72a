"""`embargo-kit workshop score`: one laptop per role, paper forms, one scoring rule.

A decision is scored only from the notebook of the role that owns it (a later, untouched notebook of another role
never erases a PASS), paper and laptop answers score the same with partial credit on both, and bad files are
reported while everything else is still scored."""

from __future__ import annotations

import csv
import json
import sys
import time
from pathlib import Path

import nbformat
import pytest
from typer.testing import CliRunner

from embargo_kit.datasets import capstone as cap
from embargo_kit.capstone.score import PAPER_HEADER, room_table, score_room, team_table, write_outputs
from embargo_kit.cli import app

sys.path.insert(0, str(Path(__file__).resolve().parent))
from answer_key import DECISIONS, solution  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
LEARNERS = {p.name[:11]: p for p in (ROOT / "exercises" / "capstone").glob("capstone-*.ipynb")}
BILL = sorted({b for b in cap.capstone_bills_of_lading()["bl_number"] if b.startswith("BL-NGB-")})[0]
OWNER = {(d["lesson"], d["qid"]): d["role"] for p in cap.capstone_injects()["phases"] for d in p["decisions"]}


def _notebook(lesson: str, answers: dict[str, dict], path: Path) -> Path:
    """A learner notebook of ``lesson`` with some decision cells filled in as a trainee would type them."""
    nb = nbformat.read(LEARNERS[lesson], as_version=4)
    for cell in nb.cells:
        for qid, answer in answers.items():
            if cell.cell_type == "code" and f"{qid}_decision = {{" in cell.source:
                cell.source = f"{qid}_decision = {json.dumps(answer)}\ncheck({lesson!r}, {qid!r}, {qid}_decision)"
    path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, path)
    return path


def _room(tmp_path: Path, team: str, by_role: dict[str, dict[tuple[str, str], dict]]) -> Path:
    subs = tmp_path / "subs"
    for role, decided in by_role.items():
        for lesson in ("capstone-01", "capstone-02", "capstone-03"):
            mine = {q: a for (l, q), a in decided.items() if l == lesson}
            _notebook(lesson, mine, subs / team / role / LEARNERS[lesson].name)
    return subs


def _paper(path: Path, rows: list[dict]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=PAPER_HEADER)
        w.writeheader()
        w.writerows(rows)
    return path


def _row(team: str, key: tuple[str, str], answer: dict) -> dict:
    phase = int(key[0][-1])
    if "option" in answer:
        option = " ".join(x for x in (answer["option"], answer.get("bl", "")) if x)
    else:
        option = " ".join(answer.get("notify") or answer.get("contents") or [])
    return {"team": team, "phase": phase, "decision": key[1], "option": option,
            "indicators": " ".join(answer.get("indicators", [])), "citations": "; ".join(answer.get("cite", []))}


def test_a_later_not_yet_of_another_role_never_erases_a_pass(tmp_path):
    """Three roles' laptops: port answers its decisions right, customs leaves its notebooks untouched but its copy
    of the port decision holds a wrong pick, finance answers one decision wrongly. Each decision counts from the
    laptop of the role that owns it."""
    port_key = ("capstone-01", "port")
    subs = _room(tmp_path, "alpha", {
        "port": {port_key: solution(port_key), ("capstone-02", "port"): solution(("capstone-02", "port"))},
        "customs": {port_key: {"option": "A", "indicators": [], "cite": []}},   # not customs' decision: ignored
        "finance": {("capstone-01", "finance"): {"option": "C", "indicators": ["FIN-18"], "cite": ["2094/11"]}},
    })
    # the port laptop also saved a later, untouched copy and a later copy with a wrong pick: neither erases the PASS
    later = subs / "alpha" / "port" / "capstone-01-two-days-out-zz-later.ipynb"
    _notebook("capstone-01", {}, later)
    _notebook("capstone-01", {"port": {"option": "A", "indicators": [], "cite": []}},
              subs / "alpha" / "port" / "capstone-01-two-days-out-zzz-latest.ipynb")
    room = score_room(subs)
    assert room.best[("alpha", *port_key)].points == 3
    assert room.best[("alpha", *port_key)].source.startswith("notebook port/capstone-01-two-days-out.ipynb")
    assert [o.points for o in room.others[("alpha", *port_key)]] == [0]
    assert room.best[("alpha", "capstone-02", "port")].points == 3
    fin = room.best[("alpha", "capstone-01", "finance")]
    assert fin.points == 1 and "tipped off" in fin.explanation     # support counts, the consequence is told
    assert ("alpha", "capstone-01", "customs") not in room.best      # untouched: not answered, not zero from elsewhere
    assert not room.problems
    assert "P1port" in room_table(room) and "not answered" in team_table(room, "alpha")


@pytest.mark.parametrize("key,answer,points", [
    (("capstone-01", "port"), "solution", 3),
    (("capstone-01", "port"), {"option": "B", "indicators": ["PORT-01", "PORT-02"], "cite": ["2270/18"]}, 2.5),
    (("capstone-01", "port"), {"option": "C", "indicators": ["PORT-01", "PORT-02", "PORT-08"], "cite": ["2094/17"]}, 1.5),
    (("capstone-01", "customs"), {"bl": "BL-LYG-00000", "option": "B", "indicators": ["CUS-03", "PORT-17"],
                                  "cite": ["2270/18"]}, 2),
    (("capstone-02", "finance"), {"option": "B", "indicators": ["FIN-02"], "cite": ["1718/8(d)", "2270/12"]}, 3),
    (("capstone-03", "notify"), {"notify": ["COMMITTEE", "FLAG", "PANEL"]}, 1),
    (("capstone-03", "notify"), {"notify": ["COMMITTEE", "FLAG", "FLAG_PARTNER", "PROSECUTOR"]}, 3),
    (("capstone-03", "report"), {"contents": ["R-VESSEL", "R-TRACK", "R-ITEMS", "R-DOCS", "R-PARTIES", "R-MONEY",
                                              "R-ACTIONS"], "cite": ["1874"]}, 2),
])
def test_paper_and_laptop_forms_of_the_same_answers_get_the_same_score(tmp_path, key, answer, points):
    answer = solution(key, BILL) if answer == "solution" else answer
    if "bl" in answer and answer["bl"] is None:
        answer["bl"] = BILL
    laptop = score_room(_room(tmp_path, "t", {OWNER[key]: {key: answer}}))
    paper = score_room(None, [_paper(tmp_path / "forms.csv", [_row("t", key, answer)])])
    got = {laptop.best[("t", *key)].points, paper.best[("t", *key)].points}
    assert got == {points}, (laptop.best[("t", *key)].explanation, paper.best[("t", *key)].explanation)


def test_every_coordinated_answer_scores_the_maximum_on_paper(tmp_path):
    rows = [_row("alpha", k, solution(k, BILL)) for k in DECISIONS]
    room = score_room(None, [_paper(tmp_path / "alpha.csv", rows)])
    assert room.team_total("alpha") == room.maximum == 3 * len(DECISIONS)


def test_paper_and_laptop_answers_for_one_decision_keep_the_best_and_name_both(tmp_path):
    key = ("capstone-02", "customs")
    subs = _room(tmp_path, "bravo", {"customs": {key: solution(key)}})
    form = _paper(tmp_path / "f.csv", [_row("bravo", key, {"option": "D", "indicators": [], "cite": []})])
    room = score_room(subs, [form])
    assert room.best[("bravo", *key)].points == 3
    assert "also paper" in team_table(room, "bravo")


def test_bad_input_gets_a_clear_message_and_loses_nothing(tmp_path):
    key = ("capstone-01", "finance")
    subs = _room(tmp_path, "charlie", {"finance": {key: solution(key)}})
    (subs / "charlie" / "port").mkdir()
    (subs / "charlie" / "port" / "capstone-01-two-days-out.ipynb").write_text("{not json", encoding="utf-8")
    (subs / "charlie" / "capstone-02-alongside.ipynb").write_text("{}", encoding="utf-8")   # whose laptop?
    bad_header = tmp_path / "bad.csv"
    bad_header.write_text("team;phase;decision\nx;1;port\n", encoding="utf-8")
    rows = tmp_path / "rows.csv"
    rows.write_text("team,phase,decision,option,indicators,citations\n"
                    "charlie,one,port,B,,\n"
                    "charlie,1,harbour,B,,\n"
                    "charlie,2,port,B,PORT-01 PORT-08,2397\n", encoding="utf-8")
    room = score_room(subs, [bad_header, rows])
    text = "\n".join(room.problems)
    assert "not a readable notebook" in text and "cannot tell whose laptop" in text
    assert "the header must be team,phase,decision,option,indicators,citations" in text
    assert "line 2: phase 'one'" in text and "no decision 'harbour' in phase 1" in text
    assert room.best[("charlie", *key)].points == 3                        # the finance laptop still counts
    assert room.best[("charlie", "capstone-02", "port")].points == 3      # the good paper row still counts

    result = CliRunner().invoke(app, ["workshop", "score", str(subs), "--paper", str(rows), "--out",
                                      str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output and "charlie" in result.output
    assert (tmp_path / "out" / "scores.csv").is_file() and "Files and rows skipped" in \
        (tmp_path / "out" / "scores.html").read_text(encoding="utf-8")
    missing = CliRunner().invoke(app, ["workshop", "score", str(tmp_path / "nowhere")])
    assert missing.exit_code == 2 and "is not a folder" in missing.output


def test_a_room_of_five_teams_is_scored_in_seconds(tmp_path, capsys):
    """Five tables of four, each with its laptops' notebooks and a paper form: the measured time is reported."""
    subs = tmp_path / "subs"
    forms = []
    for t in range(1, 6):
        team = f"table-{t}"
        by_role: dict[str, dict] = {}
        for k in DECISIONS:
            if k[1] in ("port", "finance") or t % 2:
                by_role.setdefault(OWNER[k], {})[k] = solution(k, BILL)
        _room(tmp_path, team, by_role)
        forms.append(_paper(tmp_path / f"{team}.csv", [_row(team, k, solution(k, BILL)) for k in DECISIONS
                                                       if k[1] not in ("port", "finance")]))
    t0 = time.perf_counter()
    room = score_room(subs, forms)
    files = write_outputs(room, tmp_path / "out")
    seconds = time.perf_counter() - t0
    with capsys.disabled():
        print(f"\n[measure] scored a room of 5 teams (60 notebooks, 5 paper forms) in {seconds:.2f} s")
    assert sorted(room.teams) == [f"table-{t}" for t in range(1, 6)]
    assert all(room.team_total(t) == room.maximum for t in room.teams)
    assert seconds < 30 and files["html"].is_file()
