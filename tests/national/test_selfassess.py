"""The focal point's self-assessment tools: the tagged questionnaire, refusal of bad answers files (file, line,
fix; nothing written) and the gap report. Expected values are worked out here from the raw YAML."""
from __future__ import annotations

import re
from importlib import resources
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from embargo_kit.cli.national import national_app
from embargo_kit.content.registry import CitationError, load_registry, parse_citation
from embargo_kit.national.questionnaire import AnswersError, load_answers, questions
from embargo_kit.national.selfassess import summarise, to_html

runner = CliRunner()
NATIONAL = resources.files("embargo_kit") / "data" / "national"
CREDIT = {"yes": 1.0, "partly": 0.5, "no": 0.0, "unknown": 0.0}


def _raw(name: str):
    return yaml.safe_load((NATIONAL / name).read_text(encoding="utf-8"))


def _word(v) -> str:
    return {True: "yes", False: "no"}.get(v, v) if isinstance(v, bool) else str(v)


SAMPLE = Path(str(NATIONAL / "selfassessment_lumeria.yaml"))


# --------------------------------------------------------------------------------------- questionnaire
def test_every_question_is_tagged_to_registry_citations_agencies_and_lessons():
    doc = _raw("selfassessment_checklist.yaml")
    measure_ids = {m["id"] for m in load_registry()["measures"]} | {m["id"] for m in doc["general_measures"]}
    for item in doc["items"]:
        assert item["paragraphs"], f"{item['id']} cites no paragraph"
        for cite in item["paragraphs"]:
            parse_citation(cite)  # raises on an unknown or unconfirmed paragraph
        assert item["measure"] in measure_ids, item["id"]
        assert item["agencies"] and set(item["agencies"]) <= set(doc["agency_roles"]), item["id"]
        assert item["closes_with"], item["id"]
    assert len(questions()) == len(doc["items"])


def test_most_questions_cite_a_paragraph_number_not_only_a_resolution():
    items = _raw("selfassessment_checklist.yaml")["items"]
    share = sum(any("/" in c for c in i["paragraphs"]) for i in items) / len(items)
    assert share >= 0.75, f"only {share:.0%} of questions cite a paragraph number"


def test_unconfirmed_paragraph_is_refused_by_the_registry():
    with pytest.raises(CitationError, match="cite the resolution alone"):
        parse_citation("1718/11")


# ----------------------------------------------------------------------------------------- bad input
def _write(tmp_path: Path, text: str) -> Path:
    p = tmp_path / "answers.yaml"
    p.write_text(text, encoding="utf-8")
    return p


def _lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines()


def test_unknown_question_named_with_file_line_and_fix(tmp_path):
    lines = _lines(SAMPLE)
    i = next(n for n, ln in enumerate(lines) if "id: SA-BRK-02" in ln)
    lines.insert(i + 1, '  - {id: SA-XYZ-99, answer: "yes", evidence: "typo"}')
    p = _write(tmp_path, "\n".join(lines))
    with pytest.raises(AnswersError) as err:
        load_answers(p)
    msg = str(err.value)
    assert f"{p}, line {i + 2}:" in msg and "SA-XYZ-99" in msg and "delete the entry" in msg


def test_missing_required_answer_named(tmp_path):
    lines = [ln for ln in _lines(SAMPLE) if "id: SA-FIN-04" not in ln]
    p = _write(tmp_path, "\n".join(lines))
    with pytest.raises(AnswersError, match=r"no answer to required question SA-FIN-04.*answer: \"unknown\""):
        load_answers(p)


def test_unknown_paragraph_and_empty_answer_named_with_their_lines(tmp_path):
    lines = _lines(SAMPLE)
    i = next(n for n, ln in enumerate(lines) if "id: SA-MAR-03" in ln)
    lines[i] = '  - {id: SA-MAR-03, answer: "partly", paragraphs: ["2375/99"]}'
    j = next(n for n, ln in enumerate(lines) if "id: SA-MAR-04" in ln)
    lines[j] = "  - {id: SA-MAR-04}"
    p = _write(tmp_path, "\n".join(lines))
    with pytest.raises(AnswersError) as err:
        load_answers(p)
    msg = str(err.value)
    assert f"line {i + 1}: SA-MAR-03 cites '2375/99'" in msg and "not in the registry" in msg
    assert f"line {j + 1}: SA-MAR-04 has no answer" in msg


def test_cli_refuses_bad_file_and_writes_nothing(tmp_path):
    lines = [ln for ln in _lines(SAMPLE) if "id: SA-LEG-01" not in ln]
    p = _write(tmp_path, "\n".join(lines))
    for cmd in ("selfassess", "report"):
        out = tmp_path / f"out-{cmd}"
        result = runner.invoke(national_app, [cmd, str(p), "--out", str(out), "--no-pdf"])
        assert result.exit_code == 1
        assert "SA-LEG-01" in result.output and "Nothing was written" in result.output
        assert "Traceback" not in result.output
        assert not out.exists()


def test_not_yaml_is_refused_with_a_line(tmp_path):
    p = _write(tmp_path, "answers:\n  - {id: SA-LEG-01, answer: \"yes\"\n  - oops: [\n")
    with pytest.raises(AnswersError, match=r"line \d+: this is not valid YAML"):
        load_answers(p)


# -------------------------------------------------------------------------------------------- gap report
@pytest.fixture(scope="module")
def expected():
    items = {i["id"]: i for i in _raw("selfassessment_checklist.yaml")["items"]}
    answers = {a["id"]: _word(a["answer"]) for a in _raw("selfassessment_lumeria.yaml")["answers"]}
    weight = sum(i["weight"] for i in items.values())
    overall = sum(i["weight"] * CREDIT[answers[k]] for k, i in items.items()) / weight
    gaps = sorted(k for k, v in answers.items() if v in ("no", "unknown"))
    return {"items": items, "answers": answers, "overall": overall, "gaps": gaps}


def test_gap_summary_matches_the_rule_awareness_06_teaches(expected):
    s = summarise(load_answers("lumeria"))
    assert sorted(g.question.id for g in s.gaps) == expected["gaps"]
    assert s.overall == pytest.approx(expected["overall"])
    assert [g.question.weight for g in s.gaps] == sorted((g.question.weight for g in s.gaps), reverse=True)
    # the company registry answers only SA-FLG-02, answered "no": zero coverage and ranked weakest
    assert s.by_agency[0].key == "company-registry" and s.by_agency[0].score == 0
    assert sum(c.questions for c in s.by_measure) == len(expected["items"])


def test_gap_report_names_every_gap_its_lessons_and_lead_agency(expected):
    page = to_html(summarise(load_answers("lumeria")))
    assert "Coverage by measure" in page and "Coverage by agency" in page and "Fictional" in page
    for gid in expected["gaps"]:
        section = page[page.index(f"<h3>{gid} ·"):]
        section = section[: section.index("</section>")]
        for lesson in expected["items"][gid]["closes_with"]:
            assert lesson in section, (gid, lesson)
        assert "Lead agency:</span> " in section and "not named" not in section
    assert page.count('<section class="gap') == len(expected["gaps"])


def test_cli_selfassess_prints_summary_and_writes_html(tmp_path, expected):
    out = tmp_path / "sa"
    result = runner.invoke(national_app, ["selfassess", "lumeria", "--out", str(out), "--no-pdf"])
    assert result.exit_code == 0, result.output
    assert f"{len(expected['gaps'])} gaps" in result.output
    assert f"weighted coverage {expected['overall']:.0%}" in result.output
    assert f"{len(expected['items'])} of {len(expected['items'])} questions cite the registry" in result.output
    assert re.search(r"\d+% cite a confirmed paragraph number", result.output)
    assert (out / "gap-report.html").exists() and not (out / "gap-report.pdf").exists()


def test_the_tags_cite_at_least_what_the_why_text_cites():
    """The draft report cites `paragraphs`; the gap report shows `why`: they must not disagree."""
    cite = re.compile(r"S/RES/(\d{4}) \((\d{4})\)(?:, para (\d+(?:\([a-z]+\))*))?")
    for item in _raw("selfassessment_checklist.yaml")["items"]:
        in_why = {f"{n}/{p}" if p else n for n, _, p in cite.findall(item["why"])}
        assert in_why <= set(item["paragraphs"]), (item["id"], sorted(in_why - set(item["paragraphs"])))
