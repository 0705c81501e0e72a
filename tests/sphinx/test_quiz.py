"""The ``quiz`` directive, built into a tiny Sphinx project (never the real book).

One build per edition/builder per session: learner html, instructor html (``-t instructor``), learner
singlehtml, learner text. The fixture bank is ``tests/sphinx/quizbank_fixture`` (lesson ``demo-01``).
The JavaScript (SHA-256, decryption, checking an answer) runs under ``node``.
"""

from __future__ import annotations

import hashlib
import html
import io
import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

pytest.importorskip("sphinx", reason="needs the book extra (pip install -e .[book])")
pytest.importorskip("myst_parser", reason="needs the book extra (pip install -e .[book])")
bs4 = pytest.importorskip("bs4", reason="needs beautifulsoup4 (installed with the book extra)")

from sphinx.application import Sphinx  # noqa: E402

from embargo_kit import quizbank  # noqa: E402
from embargo_kit.sphinx import quiz  # noqa: E402

FIXTURE_BANK = Path(__file__).parent / "quizbank_fixture"
QUIZ_JS = Path(quiz.__file__).parent / "static" / "quiz.js"
BANK = quizbank.load_bank(FIXTURE_BANK)
BY_ID = {item.id: item for item in BANK}
LEARNER_IDS = ["demo-01.q1", "demo-01.q2", "demo-01.q3"]
PREPOST_ONLY = BY_ID["demo-01.q4"]

PAGES = {
    "index.md": "# Test book\n\n```{toctree}\nquizpage\nplain\nbadpage\n```\n",
    "quizpage.md": "# Quiz page\n\nSome text.\n\n```{quiz} demo-01\n```\n",
    "plain.md": "# Plain page\n\nNo quiz here.\n",
    "badpage.md": "# Bad page\n\nSome text.\n\n```{quiz} unknown-99\n```\n",
}
CONF = """
project = "quiz test"
extensions = ["myst_parser", "embargo_kit.sphinx.quiz"]
embargo_kit_quizbank_dir = "bank"   # relative to this conf.py
"""


class Built:
    def __init__(self, outdir: Path, warnings: str):
        self.outdir = outdir
        self.warnings = warnings

    def text(self, name: str) -> str:
        return (self.outdir / name).read_text(encoding="utf-8")

    def soup(self, name: str):
        return bs4.BeautifulSoup(self.text(name), "html.parser")


def _build(root: Path, builder: str, tags: list[str]) -> Built:
    src = root / "src"
    src.mkdir(parents=True)
    for name, body in PAGES.items():
        (src / name).write_text(body, encoding="utf-8")
    (src / "conf.py").write_text(CONF, encoding="utf-8")
    shutil.copytree(FIXTURE_BANK, src / "bank")
    warnings = io.StringIO()
    app = Sphinx(
        str(src), str(src), str(root / "out"), str(root / "doctrees"), builder,
        status=None, warning=warnings, freshenv=True, tags=tags,
    )
    app.build()
    return Built(root / "out", warnings.getvalue())


@pytest.fixture(scope="session")
def learner(tmp_path_factory) -> Built:
    return _build(tmp_path_factory.mktemp("learner"), "html", [])


@pytest.fixture(scope="session")
def instructor(tmp_path_factory) -> Built:
    return _build(tmp_path_factory.mktemp("instructor"), "html", ["instructor"])


@pytest.fixture(scope="session")
def single(tmp_path_factory) -> Built:
    return _build(tmp_path_factory.mktemp("single"), "singlehtml", [])


@pytest.fixture(scope="session")
def text(tmp_path_factory) -> Built:
    return _build(tmp_path_factory.mktemp("text"), "text", [])


def _secret_strings(item: quizbank.Item) -> list[str]:
    """What must never be readable on a learner page: the explanation and the correct options' feedback."""
    out = [item.explanation] if item.explanation else []
    out += [o.feedback for o in item.options if o.correct and o.feedback]
    return out


# --------------------------------------------------------------------------------- structure (learner)


def test_fixture_bank_is_valid():
    assert quizbank.validate(FIXTURE_BANK) == []


def test_learner_page_has_one_fieldset_per_quiz_item(learner):
    sets = learner.soup("quizpage.html").select("fieldset.ek-quiz-item")
    assert [fs["data-item"] for fs in sets] == LEARNER_IDS
    for fs in sets:
        assert fs.find("legend").get_text(strip=True).startswith(BY_ID[fs["data-item"]].stem)
        assert re.fullmatch(r"[0-9a-f]{32}", fs["data-salt"])
        assert all(re.fullmatch(r"[0-9a-f]{64}", k) for k in fs["data-key"].split())
        button = fs.find("button")
        assert button["type"] == "button" and button.get_text(strip=True) == "Check"
        status = fs.find(attrs={"role": "status"})
        assert status is not None and status.get("aria-live") == "polite"


def test_every_input_has_a_label(learner):
    soup = learner.soup("quizpage.html")
    kinds = {}
    for fs in soup.select("fieldset.ek-quiz-item"):
        inputs = fs.find_all("input")
        assert inputs
        for inp in inputs:
            kinds.setdefault(fs["data-item"], set()).add(inp["type"])
            label = soup.find("label", attrs={"for": inp["id"]})
            assert label is not None and label.get_text(strip=True), inp
        ids = [inp["id"] for inp in inputs]
        assert len(ids) == len(set(ids))
    assert kinds == {"demo-01.q1": {"radio"}, "demo-01.q2": {"checkbox"}, "demo-01.q3": {"text"}}
    q1 = soup.find("fieldset", attrs={"data-item": "demo-01.q1"})
    assert [lab.get_text(strip=True) for lab in q1.find_all("label")] == [o.text for o in BY_ID["demo-01.q1"].options]


def test_keys_are_salted_hashes_of_the_canonical_answer(learner):
    soup = learner.soup("quizpage.html")

    def keys(item_id):
        fs = soup.find("fieldset", attrs={"data-item": item_id})
        assert fs["data-salt"] == quiz.item_salt(item_id)  # deterministic: reproducible builds
        return fs["data-salt"], fs["data-key"].split()

    def h(salt, answer):
        return hashlib.sha256(f"{salt}|{answer}".encode()).hexdigest()

    salt, k = keys("demo-01.q1")
    assert k == [h(salt, "1")]
    salt, k = keys("demo-01.q2")
    assert k == [h(salt, "0,2")]
    salt, k = keys("demo-01.q3")
    assert sorted(k) == sorted(h(salt, a) for a in ["panel of experts", "the panel of experts", "poe"])


def test_no_prepost_only_item_for_learners(learner, single):
    for built, page in ((learner, "quizpage.html"), (single, "index.html")):
        html = built.text(page)
        assert PREPOST_ONLY.id not in html
        assert PREPOST_ONLY.stem not in html
        assert quiz.PREPOST_NOTE not in html
    assert PREPOST_ONLY.stem not in learner.text("searchindex.js")


def test_learner_html_holds_no_answer(learner, single):
    pages = [
        learner.text("quizpage.html"), learner.text("searchindex.js"), single.text("index.html"),
    ]
    secrets = [s for item_id in LEARNER_IDS for s in _secret_strings(BY_ID[item_id])]
    assert len(secrets) == 6
    for page in pages:
        for secret in secrets:
            assert secret not in page
            assert secret.split(";")[0][:30] not in page
        assert not re.search(r"correct\W{0,3}(true|yes|1)\b", page, re.I)
        assert not re.search(r"data-(correct|answer|solution)", page, re.I)
        assert "answer-key" not in page
        assert "Accepted answers" not in page
        assert "Panel of Experts" not in page  # short item: the accepted answer itself


def test_wrong_option_feedback_is_not_in_clear_either(learner):
    # Allowed by the design, but hidden so that no option stands out in the page source.
    html = learner.text("quizpage.html")
    for option in BY_ID["demo-01.q1"].options:
        assert option.feedback not in html


# -------------------------------------------------------------------------------------- instructor


def test_instructor_shows_answer_key_and_explanation(instructor):
    soup = instructor.soup("quizpage.html")
    keys = soup.select("div.answer-key")
    assert len(keys) == 4
    text = soup.get_text(" ")
    for item in BANK:
        assert item.explanation in text
    q1_key = keys[0].get_text(" ")
    assert "S/RES/1718 (2006)" in q1_key and "five days after" in q1_key
    assert "Panel of Experts" in keys[2].get_text(" ")


def test_instructor_marks_prepost_only_items(instructor):
    soup = instructor.soup("quizpage.html")
    assert [fs["data-item"] for fs in soup.select("fieldset.ek-quiz-item")] == [*LEARNER_IDS, PREPOST_ONLY.id]
    note = soup.find(string=re.compile("pre/post test item — not shown to learners"))
    assert note is not None
    entry = note.find_parent(class_="ek-quiz-prepost")
    assert entry.find("fieldset")["data-item"] == PREPOST_ONLY.id
    # items used in the learner quiz are not marked
    assert len(soup.select(".ek-quiz-prepost-note")) == 1


# ------------------------------------------------------------------------------------------- assets


def test_quiz_assets_only_on_pages_with_a_quiz(learner):
    assert (learner.outdir / "_static" / "quiz.js").read_bytes() == QUIZ_JS.read_bytes()
    assert (learner.outdir / "_static" / "quiz.css").is_file()

    def assets(page):
        soup = learner.soup(page)
        scripts = [s.get("src", "") for s in soup.find_all("script")]
        styles = [link.get("href", "") for link in soup.find_all("link", rel="stylesheet")]
        return any(s.split("?")[0].endswith("_static/quiz.js") for s in scripts), any(
            s.split("?")[0].endswith("_static/quiz.css") for s in styles
        )

    assert assets("quizpage.html") == (True, True)
    for page in ("plain.html", "index.html", "badpage.html", "genindex.html", "search.html"):
        assert assets(page) == (False, False), page


def test_singlehtml_renders_the_quiz_with_its_script(single):
    soup = single.soup("index.html")
    assert [fs["data-item"] for fs in soup.select("fieldset.ek-quiz-item")] == LEARNER_IDS
    assert any(s.get("src", "").split("?")[0].endswith("_static/quiz.js") for s in soup.find_all("script"))
    assert (single.outdir / "_static" / "quiz.js").is_file()


def test_text_builder_gets_a_plain_rendering(text):
    out = text.text("quizpage.txt")
    assert BY_ID["demo-01.q1"].stem in out
    assert "( ) S/RES/1718 (2006)" in out
    assert "[ ] Considers exemption requests" in out
    assert "Answer: ___" in out
    assert BY_ID["demo-01.q1"].explanation not in out
    assert PREPOST_ONLY.stem not in out


# ------------------------------------------------------------------------------------------ warnings


def test_unknown_lesson_warns_with_document_and_line(learner):
    match = re.search(r"badpage\.md:(\d+): WARNING: no quiz items for lesson unknown-99", learner.warnings)
    assert match, learner.warnings
    assert int(match.group(1)) == 5
    # and nothing else is wrong with the build
    # (other Sphinx builds in the same test process re-register node classes: that warning is not the page's)
    others = [w for w in learner.warnings.splitlines()
              if "WARNING" in w and "unknown-99" not in w and "is already registered" not in w]
    assert others == []


# --------------------------------------------------------------------------------------- JavaScript


def _node() -> str:
    node = shutil.which("node") or ("/usr/bin/node" if os.path.exists("/usr/bin/node") else None)
    if node is None:
        if os.environ.get("CI") == "true":
            pytest.fail("node is missing (Debian package: nodejs); needed to test quiz.js")
        pytest.skip("node is missing (Debian package: nodejs): quiz.js's SHA-256 and decryption NOT tested")
    return node


def _run_js(script: str, data) -> object:
    code = f"const q = require({json.dumps(str(QUIZ_JS))});\nconst data = JSON.parse(process.argv[1]);\n{script}"
    result = subprocess.run(
        [_node(), "-e", code, json.dumps(data)], capture_output=True, text=True, timeout=60, check=False,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_js_sha256_matches_hashlib():
    samples = [
        "", "abc", "a" * 55, "a" * 56, "a" * 63, "a" * 64, "b" * 119, "c" * 1000,
        "3e68ddc63856c8f53ede4967cc6f1573|1", "Straße · 조선민주주의인민공화국 · ✓",
    ]
    got = _run_js("console.log(JSON.stringify(data.map(q.sha256Hex)));", samples)
    assert got == [hashlib.sha256(s.encode("utf-8")).hexdigest() for s in samples]


def test_js_keystream_decrypts_what_python_encrypts():
    key = quiz.secret_key("salt", "0,2")
    plain = "Explanation with non-ASCII: Straße, 평양, — and more than one block " * 3
    cipher = quiz.xor_encrypt(plain, key)
    assert quiz.xor_decrypt(cipher, key).decode() == plain
    got = _run_js("console.log(JSON.stringify(q.xorDecrypt(data[0], data[1])));", [cipher, key])
    assert got == plain


def test_js_normalises_short_answers_like_python():
    samples = ["  Panel   of\tExperts ", "STRASSE", "Straße", "ΣΊΣΥΦΟΣ", "ﬁnal"]
    got = _run_js("console.log(JSON.stringify(data.map(q.normaliseShort)));", samples)
    assert got == [quizbank.normalise_short(s) for s in samples]


def _specs(learner) -> dict[str, dict]:
    soup = learner.soup("quizpage.html")
    specs = {}
    for fs in soup.select("fieldset.ek-quiz-item"):
        specs[fs["data-item"]] = {
            "id": fs["data-item"],
            "type": fs["data-type"],
            "salt": fs["data-salt"],
            "keys": fs["data-key"].split(),
            "payloads": fs["data-payload"].split(),
            "fb": [inp.get("data-fb", "") for inp in fs.select(".ek-quiz-option input")],
        }
    return specs


def test_js_checks_answers_from_the_learner_page(learner):
    specs = _specs(learner)
    cases = [
        ["demo-01.q1", 1], ["demo-01.q1", 0], ["demo-01.q1", None],
        ["demo-01.q2", [2, 0]], ["demo-01.q2", [0, 1]], ["demo-01.q2", [0]],
        ["demo-01.q3", "  the PANEL of   experts "], ["demo-01.q3", "poe"], ["demo-01.q3", "Security Council"],
    ]
    results = _run_js(
        "console.log(JSON.stringify(data.cases.map(c => q.evaluate(data.specs[c[0]], c[1]))));",
        {"specs": specs, "cases": cases},
    )
    q1, q2, q3 = BY_ID["demo-01.q1"], BY_ID["demo-01.q2"], BY_ID["demo-01.q3"]
    assert results[0] == {
        "state": "correct", "feedback": [q1.options[1].feedback], "explanation": q1.explanation,
    }
    assert results[1] == {"state": "wrong", "feedback": [q1.options[0].feedback], "explanation": ""}
    assert results[2]["state"] == "empty"
    assert results[3]["state"] == "correct" and results[3]["explanation"] == q2.explanation
    assert results[3]["feedback"] == [q2.options[0].feedback, q2.options[2].feedback]
    # a wrong box ticked: its feedback, and only its
    assert results[4] == {"state": "wrong", "feedback": [q2.options[1].feedback], "explanation": ""}
    # right but incomplete
    assert results[5]["state"] == "wrong" and "at least one more" in results[5]["feedback"][0]
    assert results[6]["state"] == "correct" and results[6]["explanation"] == q3.explanation
    assert results[7]["state"] == "correct"
    assert results[8] == {"state": "wrong", "feedback": [], "explanation": ""}


def test_js_progress_store_survives_a_throwing_localstorage():
    script = """
    const store = {};
    const good = {
      get length() { return Object.keys(store).length; },
      key(i) { return Object.keys(store)[i]; },
      getItem(k) { return k in store ? store[k] : null; },
      setItem(k, v) { store[k] = String(v); },
      removeItem(k) { delete store[k]; },
    };
    globalThis.localStorage = good;
    const p = q.progress;
    p.record("demo-01.q1", "tried");
    p.record("demo-01.q1", "correct");
    p.record("demo-01.q1", "tried");   // a later wrong try does not undo a success
    p.record("demo-01.q2", "tried");
    store["other-app:key"] = "x";
    const items = p.items();
    Object.defineProperty(globalThis, "localStorage", { get() { throw new Error("SecurityError"); } });
    const safe = [p.items(), p.get("demo-01.q1"), p.record("demo-01.q1", "correct")];
    console.log(JSON.stringify({items, keys: Object.keys(store), safe}));
    """
    out = _run_js(script, None)
    assert [(i["item"], i["state"]) for i in out["items"]] == [("demo-01.q1", "correct"), ("demo-01.q2", "tried")]
    assert all(re.match(r"\d{4}-\d\d-\d\dT", i["at"]) for i in out["items"])
    assert "embargo-kit:quiz:demo-01.q1" in out["keys"]
    assert out["safe"] == [[], None, False]


# ------------------------------------------------------------------------------------------ browser

HARNESS = """<script>
window.addEventListener("load", function () {
  var out = {};
  try {
    var fb = function (fs) { return fs.querySelector(".ek-quiz-feedback").textContent; };
    var q1 = document.querySelector('[data-item="demo-01.q1"]');
    var q3 = document.querySelector('[data-item="demo-01.q3"]');
    out.previous = Array.prototype.map.call(document.querySelectorAll(".ek-quiz-previous"),
      function (p) { return p.hidden ? "" : p.textContent; });
    out.before = window.embargoKitProgress.items();
    q1.querySelector("button").click(); out.empty = fb(q1);
    q1.querySelector('input[value="0"]').click(); q1.querySelector("button").click(); out.wrong = fb(q1);
    q1.querySelector('input[value="1"]').click(); q1.querySelector("button").click(); out.right = fb(q1);
    var text = q3.querySelector("input[type=text]");
    text.value = "  poe ";
    text.dispatchEvent(new KeyboardEvent("keydown", {key: "Enter", bubbles: true}));
    out.short = fb(q3);
    out.after = window.embargoKitProgress.items().map(function (e) { return e.item + "=" + e.state; });
  } catch (err) { out.error = String(err); }
  var pre = document.createElement("pre");
  pre.id = "ek-harness";
  pre.textContent = JSON.stringify(out);
  document.body.appendChild(pre);
});
</script></body>"""


def _chromium() -> str:
    for name in ("chromium", "chromium-browser"):
        found = shutil.which(name)
        if found:
            return found
    if os.environ.get("CI") == "true":
        pytest.fail("chromium is missing (Debian package: chromium); needed for the in-browser quiz test")
    pytest.skip("chromium is missing (Debian package: chromium): quiz.js NOT tested in a browser")


def _run_page(page: Path, profile: Path) -> dict:
    result = subprocess.run(
        [_chromium(), "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
         f"--user-data-dir={profile}", "--virtual-time-budget=10000", "--dump-dom", page.as_uri()],
        capture_output=True, text=True, timeout=180, check=False,
    )
    match = re.search(r'<pre id="ek-harness"[^>]*>(.*?)</pre>', result.stdout, re.S)
    assert match, f"no harness output; chromium said: {result.stderr[-2000:]}"
    return json.loads(html.unescape(match.group(1)))


@pytest.mark.browser
@pytest.mark.slow
def test_browser_checks_answers_and_keeps_progress_from_file_url(learner, tmp_path):
    page = learner.outdir / "quizpage-harness.html"
    page.write_text(learner.text("quizpage.html").replace("</body>", HARNESS), encoding="utf-8")
    q1 = BY_ID["demo-01.q1"]
    first = _run_page(page, tmp_path / "profile")
    assert "error" not in first, first
    assert first["before"] == [] and first["previous"] == ["", "", ""]
    assert first["empty"] == "Choose an answer first."
    assert first["wrong"] == "Not yet." + q1.options[0].feedback
    assert first["right"] == "Correct." + q1.options[1].feedback + q1.explanation
    assert first["short"] == "Correct." + BY_ID["demo-01.q3"].explanation
    assert first["after"] == ["demo-01.q1=correct", "demo-01.q3=correct"]
    # a second visit (same browser profile) marks the items answered correctly before
    second = _run_page(page, tmp_path / "profile")
    assert second["previous"][0].startswith("You answered this correctly before")
    assert second["previous"][1] == ""
    assert second["previous"][2].startswith("You answered this correctly before")
