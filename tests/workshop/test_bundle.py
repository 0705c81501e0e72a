"""Nothing with an answer on a trainee's laptop: the learner wheel, the bundle zip and the archive scan."""
from __future__ import annotations

import io
import zipfile

import pytest
import yaml

from embargo_kit import bundle, quizbank


def test_learner_bank_keeps_stems_and_options_and_drops_keys_and_pre_post_items():
    path = quizbank.DEFAULT_BANK_DIR / "port-01.yaml"
    full = yaml.safe_load(path.read_text(encoding="utf-8"))
    learner = yaml.safe_load(bundle.learner_bank(path.read_text(encoding="utf-8")))
    quiz = [i for i in full if "pre-post" not in i["use"]]
    assert [i["id"] for i in learner] == [i["id"] for i in quiz]
    for before, after in zip(quiz, learner):
        assert after["stem"] == before["stem"]
        assert [o["text"] for o in after.get("options", [])] == [o["text"] for o in before.get("options", [])]
        assert not {"accept", "explanation"} & set(after)
        assert not any({"correct", "feedback"} & set(o) for o in after.get("options", []))


def test_loaders_accept_items_without_keys(tmp_path):
    (tmp_path / "port-01.yaml").write_text(bundle.learner_bank(
        (quizbank.DEFAULT_BANK_DIR / "port-01.yaml").read_text(encoding="utf-8")), encoding="utf-8")
    items = quizbank.load_bank(tmp_path)
    assert items and all(i.stem and not i.correct_indices and not i.accept for i in items)


def _zip(entries: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for name, data in entries.items():
            zf.writestr(name, data)
    return buf.getvalue()


def test_the_scan_opens_archives_inside_archives(tmp_path):
    keyed = yaml.safe_dump([{"id": "x-01.q1", "use": ["quiz"], "options": [{"text": "a", "correct": True}]}])
    wheel = _zip({"embargo_kit/data/quizbank/x-01.yaml": keyed.encode()})
    outer = tmp_path / "bundle.zip"
    outer.write_bytes(_zip({"README.txt": b"hello", "embargo_kit-0.1.0-py3-none-any.whl": wheel}))
    found = bundle.scan_archive(outer)
    assert len(found) == 1 and "x-01.q1 carries its key" in found[0] and ".whl!" in found[0]
    clean = tmp_path / "clean.zip"
    clean.write_bytes(_zip({"README.txt": b"hello", "notebooks/port/port-04.ipynb": b"{}"}))
    assert bundle.scan_archive(clean) == []
    solution = tmp_path / "sol.zip"
    solution.write_bytes(_zip({"notebooks/x.ipynb": b'{"cells": [{"source": "# BEGIN SOLUTION"}]}'}))
    assert "BEGIN SOLUTION" in bundle.scan_archive(solution)[0]


@pytest.mark.slow
def test_learner_bundle_zip_has_wheel_notebooks_and_commands_and_no_answers(tmp_path):
    path = bundle.build_learner_bundle(tmp_path, lessons=["port-04"])
    with zipfile.ZipFile(path) as zf:
        names = zf.namelist()
        readme = zf.read("README.txt").decode()
    (wheel,) = [n for n in names if n.endswith(".whl")]
    assert "+learner" in wheel and names.count(wheel) == 1
    assert [n for n in names if n.startswith("notebooks/")] == ["notebooks/port/port-04-who-is-this-vessel.ipynb"]
    for words in ("Linux", "macOS", "Windows", "ekvenv\\Scripts\\pip install", "jupyter lab notebooks/"):
        assert words in readme
    assert bundle.scan_archive(path) == []
