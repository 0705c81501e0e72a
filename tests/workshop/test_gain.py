"""Pre/post tests and the learning-gain report, on a synthetic cohort of 30 (fictional trainees T01..T30)."""
from __future__ import annotations

import csv
import json
import time

import pytest
from typer.testing import CliRunner

from embargo_kit.cli.workshop import workshop_app
from embargo_kit.workshop.gain import (GainInputError, compute, read_responses, summary_lines, synthetic_answers,
                                       write_report)
from embargo_kit.workshop.prepost import key_of, parallel_forms, score_answer, write_tests
from embargo_kit.workshop.prepost import form_html as form_page

TRACK = "awareness"
WEAK = "awareness-04.o4"
runner = CliRunner()


@pytest.fixture(scope="module")
def forms():
    return parallel_forms(TRACK)


@pytest.fixture
def cohort_csv(tmp_path, forms):
    path = tmp_path / "answers.csv"
    path.write_text(synthetic_answers(forms, n=30, seed=2024, weak=(WEAK,)), encoding="utf-8")
    return path


def test_parallel_forms_cover_every_objective_with_pre_post_items_only(forms):
    pre, post = forms
    assert pre.items and post.items
    assert {i.objective for i in pre.items} == {i.objective for i in post.items}
    assert all("pre-post" in i.use for form in forms for i in form.items)
    assert not {i.id for i in pre.items} & {i.id for i in post.items}, "the two forms share no item"
    assert all("quiz" not in i.use for form in forms for i in form.items), "no in-page quiz item on a form"
    assert len(pre.items) == len(post.items)


def test_test_pages_carry_no_answers_and_the_key_does(forms, tmp_path):
    written = write_tests(TRACK, tmp_path, pdf=False)
    for form in forms:
        page = form_page(form)
        for item in form.items:
            assert item.explanation[:40] not in page
            for option in item.options:
                if option.feedback:
                    assert option.feedback[:40] not in page
            for accepted in item.accept:
                assert f'value="{accepted}"' not in page
        assert 'id="trainee"' in page and "Save my answers" in page
    key = written["key"].read_text()
    assert all(item.id in key for form in forms for item in form.items)


def test_scoring_reads_letters_the_way_trainers_type_them(forms):
    item = next(i for i in forms[0].items if i.type == "multi")
    right = key_of(item)
    assert score_answer(item, right) == 1
    assert score_answer(item, right.replace(",", " ").lower()) == 1
    assert score_answer(item, "") == 0
    short = next(i for form in forms for i in form.items if i.type == "short")
    assert score_answer(short, "  " + short.accept[0].upper() + " ") == 1


def test_synthetic_cohort_of_30_gains_and_flags_the_weak_objective(cohort_csv, forms, tmp_path):
    t0 = time.perf_counter()
    report = compute(read_responses(cohort_csv, forms), forms)
    written = write_report(report, tmp_path / "report")
    seconds = time.perf_counter() - t0
    assert len(report.complete) == 30 and not report.messages
    assert report.mean_post > report.mean_pre and report.cohort_gain > 0.2
    flagged = [o.objective for o in report.flagged]
    assert WEAK in flagged
    assert len(flagged) <= 3, f"only the weak objective should stand out, got {flagged}"
    rows = list(csv.DictReader(written["trainees_csv"].open()))
    assert len(rows) == 30 and all(r["gain"] for r in rows)
    objectives = {r["objective"]: r for r in csv.DictReader(written["objectives_csv"].open())}
    assert objectives[WEAK]["improved"] == "NO"
    assert objectives[WEAK]["pre_items"] == "1" and WEAK in {o.objective for o in report.single_item}
    assert any("measured by a single item per form" in line and WEAK in line for line in summary_lines(report))
    html = written["html"].read_text()
    assert 'src="objectives.png" alt="' in html and WEAK in html
    assert written["objectives"].stat().st_size > 5000 and written["docx"].stat().st_size > 10000
    print(f"\n[gain report for 30 trainees in {seconds:.2f} s; <g> = {report.cohort_gain:.2f}]")


def test_missing_answers_and_single_tests_are_reported_not_dropped(cohort_csv, forms):
    lines = cohort_csv.read_text().splitlines()
    first_pre_item = forms[0].items[0].id
    kept = [l for l in lines if not l.startswith(f"T01,pre,{first_pre_item},")]
    kept = [l for l in kept if not l.startswith("T02,post,")]
    cohort_csv.write_text("\n".join(kept) + "\n")
    report = compute(read_responses(cohort_csv, forms), forms)
    assert len(report.trainees) == 30 and len(report.complete) == 29
    text = "\n".join(report.messages)
    assert f"T01: 1 of {len(forms[0].items)} pre-test item(s) not answered ({first_pre_item}); scored as wrong" in text
    assert "T02: has answers only for the pre-test" in text
    t02 = next(t for t in report.trainees if t.trainee == "T02")
    assert t02.gain is None and "only the pre-test" in t02.note




@pytest.mark.parametrize("content, expected", [
    (b"", "the file is empty"),
    (b"trainee,test,item\nT01,pre,awareness-01.q1\n", "line 1: the header lacks column(s) answer"),
    (b"trainee,test,item,answer\nT01,mid,{pre},A\n", "line 2: test 'mid' must be pre or post"),
    (b"trainee,test,item,answer\nT01,pre,{pre},A\nT01,pre,awareness-99.q1,A\n",
     "line 3: item 'awareness-99.q1': it is not on either test"),
    (b"trainee,test,item,answer\nT01,pre,{pre},A\nT01,pre,{pre},B\n",
     "line 3: a second answer from T01 to {pre} in the pre-test (the first is on line 2)"),
    (b"trainee,test,item,answer\nT01,pre,{pre},A\nT02,pre,{pre},caf\xe9\n", "line 3: byte 0xe9 at column 28 is not UTF-8"),
    (b"trainee,test,item,answer\nT01,pre,{pre},A,B\n", "line 2: 5 fields, expected 4"),
    (b"trainee,test,item,answer\nT01,pre,{pre},Z\n", "line 2: answer 'Z' is not a letter"),
])
def test_malformed_files_name_the_line(tmp_path, forms, content, expected):
    pre = next(i.id for i in forms[0].items if i.type == "single").encode()
    path = tmp_path / "answers.csv"
    path.write_bytes(content.replace(b"{pre}", pre))
    with pytest.raises(GainInputError) as info:
        read_responses(path, forms)
    assert expected.replace("{pre}", pre.decode()) in str(info.value)


def test_unknown_trainee_ids_against_a_roster(cohort_csv, forms, tmp_path):
    roster = [f"T{k:02d}" for k in range(1, 30)]  # T30 is not on it
    with pytest.raises(GainInputError) as info:
        read_responses(cohort_csv, forms, roster)
    assert "trainee 'T30' is not on the roster" in str(info.value)
    assert all("T30" in m for m in info.value.messages)


def test_cli_gain_report_and_clear_errors(cohort_csv, tmp_path):
    out = tmp_path / "gain"
    result = runner.invoke(workshop_app, ["gain", str(cohort_csv), "--track", TRACK, "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "30 trainees with both tests" in result.output and (out / "report.html").exists()
    bad = tmp_path / "bad.csv"
    bad.write_text("trainee,test,item,answer\nT01,during,x,A\n")
    result = runner.invoke(workshop_app, ["gain", str(bad), "--track", TRACK, "--out", str(tmp_path / "no")])
    assert result.exit_code == 1 and "line 2: test 'during' must be pre or post" in result.output
    assert "Traceback" not in result.output and not (tmp_path / "no").exists()


def test_printed_options_are_shuffled_and_the_key_follows_them(forms):
    import re as _re

    choice_items = [i for form in forms for i in form.items if i.type != "short"]
    keys = [key_of(i) for i in choice_items]
    assert len({k.split(",")[0] for k in keys}) >= 3, f"the right answer should not always be the same letter: {keys}"
    page = form_page(forms[0])
    for item in forms[0].items:
        assert score_answer(item, key_of(item) if item.type != "short" else item.accept[0]) == 1
        if item.type == "single":
            letter = key_of(item)
            correct = next(o.text for o in item.options if o.correct)
            block = page.split(f'data-item="{item.id}"', 1)[1].split("</fieldset>", 1)[0]
            printed = _re.search(rf'value="{letter}"> {letter}\. ([^<]*)</label>', block)[1]
            assert printed == __import__("html").escape(correct)


def test_gain_reads_the_forms_of_the_plan(root, tmp_path):
    from embargo_kit.workshop.prepost import forms_from_ids

    out = tmp_path / "plan"
    result = runner.invoke(workshop_app, ["plan", "--lessons", "awareness-01,awareness-02,port-01,port-02",
                                          "--days", "1", "--pre-test", "8", "--post-test", "8", "--out", str(out),
                                          "--no-pdf", "--root", str(root)])
    assert result.exit_code == 0, result.output
    data = json.loads((out / "plan.json").read_text())
    forms = forms_from_ids(data["forms"]["pre"], data["forms"]["post"])
    assert len(forms[0].items) == 8 and not {i.id for i in forms[0].items} & {i.id for i in forms[1].items}
    answers = tmp_path / "answers.csv"
    answers.write_text(synthetic_answers(forms, n=12, seed=7), encoding="utf-8")
    result = runner.invoke(workshop_app, ["gain", str(answers), "--plan", str(out / "plan.json"),
                                          "--out", str(tmp_path / "gain"), "--root", str(root)])
    assert result.exit_code == 0, result.output
    assert "12 trainees with both tests" in result.output and "8 pre-test and 8 post-test items" in result.output
    assert "measured by a single item per form" in result.output
    wrong = runner.invoke(workshop_app, ["gain", str(answers), "--track", "port", "--out", str(tmp_path / "x")])
    assert wrong.exit_code == 1 and "not on either test" in wrong.output, "the plan's items are not the track's"
    neither = runner.invoke(workshop_app, ["gain", str(answers), "--out", str(tmp_path / "y")])
    assert neither.exit_code == 2 and "--plan" in neither.output
