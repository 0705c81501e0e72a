"""Pre- and post-tests per track, drawn from the quiz bank (items whose ``use`` holds ``pre-post``).

Two parallel forms per track: for each objective the bank's pre/post items are dealt alternately to form A
and form B, so each form asks about every objective; an objective with a single item gets it on both forms
(an anchor item). The pre-test is form A, the post-test form B. A trainee answers with letters (``B``;
``A,C`` for select-all items) or a word or two (short items); :func:`score_answer` marks them the way the
learner site does (:func:`embargo_kit.quizbank.normalise_short`).

Where answers may be (design.md): the test pages carry no answers; the answer key is a separate page for the
trainer kit only.
"""
from __future__ import annotations

import html
import json
import re
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from embargo_kit import quizbank
from embargo_kit.quizbank import Item
from embargo_kit.workshop.lessons import TRACK_NAMES

LETTERS = "ABCDEFGHIJ"
TESTS = {"pre": "A", "post": "B"}


@dataclass
class Form:
    track: str
    name: str  # "A" or "B"
    items: list[Item]

    @property
    def test(self) -> str:
        return "pre" if self.name == "A" else "post"

    def item(self, item_id: str) -> Item | None:
        return next((i for i in self.items if i.id == item_id), None)

    def number(self, item_id: str) -> int:
        return next(n for n, i in enumerate(self.items, 1) if i.id == item_id)


def prepost_items(track: str, bank: list[Item] | None = None) -> list[Item]:
    """The bank's pre/post items for ``track`` (its ``tracks``, or the lesson's part if ``tracks`` is empty)."""
    if bank is None:
        bank = quizbank.load_bank(errors=[])
    out = []
    for item in bank:
        tracks = item.tracks or (item.lesson.rsplit("-", 1)[0],)
        if "pre-post" in item.use and track in tracks and not quizbank.item_errors(item):
            out.append(item)
    return out


def _order(item: Item) -> tuple:
    numbers = [int(n) for n in re.findall(r"\d+", item.id)]
    return (item.lesson, item.objective, numbers)


def parallel_forms(track: str, bank: list[Item] | None = None) -> tuple[Form, Form]:
    """Forms A (pre) and B (post) of ``track``; raise ValueError if the bank has no pre/post items for it."""
    items = prepost_items(track, bank)
    if not items:
        raise ValueError(f"the quiz bank has no pre/post items for track {track!r} "
                         "(items need `pre-post` in `use` and the track in `tracks`)")
    by_objective: dict[str, list[Item]] = defaultdict(list)
    for item in sorted(items, key=_order):
        by_objective[item.objective].append(item)
    a, b = [], []
    flip = False
    for objective in sorted(by_objective, key=lambda o: (o.rsplit(".", 1)[0], int(o.rsplit(".o", 1)[1]))):
        group = by_objective[objective]
        if len(group) == 1:
            a.append(group[0])
            b.append(group[0])
            continue
        for n, item in enumerate(group):
            (a if (n % 2 == 0) != flip else b).append(item)
        if len(group) % 2:
            flip = not flip  # the odd item goes to A and B in turn, keeping the forms the same length
    return Form(track, "A", a), Form(track, "B", b)


# ------------------------------------------------------------------------------------------- scoring


def parse_letters(answer: str, n_options: int) -> tuple[int, ...] | None:
    """``"A, c"`` -> (0, 2); None if a letter is not one of the options."""
    letters = re.sub(r"[\s,;/+]", "", answer.upper())
    if not letters or any(ch not in LETTERS[:n_options] for ch in letters):
        return None
    return tuple(sorted({LETTERS.index(ch) for ch in letters}))


def answer_problem(item: Item, answer: str) -> str | None:
    """Why ``answer`` is not a possible answer to ``item`` (a typing slip), or None."""
    if item.type == "short" or not answer.strip():
        return None
    letters = LETTERS[: len(item.options)]
    parsed = parse_letters(answer, len(item.options))
    if parsed is None:
        return f"answer {answer!r} is not a letter {letters[0]}–{letters[-1]}"
    if item.type == "single" and len(parsed) != 1:
        return f"answer {answer!r} gives {len(parsed)} letters, but this item takes one"
    return None


def score_answer(item: Item, answer: str) -> int:
    """1 if ``answer`` is right, else 0 (unanswered counts as 0)."""
    if not answer or not answer.strip():
        return 0
    if item.type == "short":
        return int(quizbank.normalise_short(answer) in quizbank.canonical_answers(item))
    parsed = parse_letters(answer, len(item.options))
    return int(parsed is not None and parsed == item.correct_indices)


def key_of(item: Item) -> str:
    if item.type == "short":
        return " / ".join(item.accept)
    return ",".join(LETTERS[i] for i in item.correct_indices)


# ------------------------------------------------------------------------------------------- rendering

CSS = """
body{font-family:"Noto Sans","Noto Sans CJK KR","DejaVu Sans",sans-serif;max-width:48rem;margin:1.5rem auto;padding:0 1rem;line-height:1.45;color:#1b1b1b}
h1{font-size:1.4rem}fieldset{border:1px solid #bbb;border-radius:4px;margin:0 0 1rem;padding:.6rem .9rem;break-inside:avoid}
legend{font-weight:bold;padding:0 .3rem}label{display:block;margin:.25rem 0}.how{font-size:.9rem;color:#333}
.id{font-weight:normal;color:#555;font-size:.8rem}.trainee{margin:1rem 0;padding:.6rem;border:2px solid #23466e}
input[type=text]{font-size:1rem;padding:.2rem;min-width:16rem}button{font-size:1rem;padding:.4rem .8rem;margin-right:.5rem}
textarea{width:100%;height:8rem;font-family:monospace}.key td,.key th{border-bottom:1px solid #ccc;padding:.25rem .5rem;text-align:left}
@media print{button,#save-area{display:none}body{margin:0;max-width:none}}
"""

SAVE_JS = r"""
(function(){
  function csvField(s){ s=String(s); return /[",\n]/.test(s) ? '"' + s.replace(/"/g,'""') + '"' : s; }
  document.getElementById('save').addEventListener('click', function(){
    var trainee = document.getElementById('trainee').value.trim();
    var status = document.getElementById('status');
    if(!trainee){ status.textContent = 'Write your trainee ID first.'; document.getElementById('trainee').focus(); return; }
    var test = document.body.dataset.test, rows = ['trainee,test,item,answer'], blank = 0;
    document.querySelectorAll('fieldset[data-item]').forEach(function(fs){
      var answer;
      if(fs.dataset.type === 'short'){ answer = fs.querySelector('input[type=text]').value.trim(); }
      else { answer = Array.prototype.map.call(fs.querySelectorAll('input:checked'), function(i){ return i.value; }).join(','); }
      if(!answer){ blank++; }
      rows.push([trainee, test, fs.dataset.item, answer].map(csvField).join(','));
    });
    var text = rows.join('\n') + '\n';
    document.getElementById('csv').value = text;
    var a = document.createElement('a');
    a.href = URL.createObjectURL(new Blob([text], {type: 'text/csv'}));
    a.download = trainee.replace(/[^A-Za-z0-9_-]/g, '_') + '-' + test + '-test.csv';
    document.body.appendChild(a); a.click(); a.remove();
    status.textContent = 'Saved ' + (rows.length - 1) + ' answers' + (blank ? ' (' + blank + ' left blank)' : '') +
      '. Give the file to your trainer, or copy the text below.';
  });
})();
"""


def _page(title: str, body: str, test: str = "", script: str = "") -> str:
    data = f' data-test="{test}"' if test else ""
    js = f"<script>{script}</script>" if script else ""
    return (f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><meta name="viewport" '
            f'content="width=device-width, initial-scale=1"><title>{html.escape(title)}</title><style>{CSS}</style>'
            f"</head><body{data}><main>{body}</main>{js}</body></html>")


def form_html(form: Form) -> str:
    """The test a trainee takes: printable, and answerable in a browser (saves a CSV for the gain report)."""
    test = form.test
    title = f"{test.capitalize()}-test: {TRACK_NAMES.get(form.track, form.track)} (form {form.name})"
    out = [f"<h1>{html.escape(title)}</h1>",
           f'<p class="how">{len(form.items)} questions, about 20 minutes. Answer alone, without notes. On paper, tick '
           "the box; in the browser, click, then press <em>Save my answers</em>. Where it says <em>select all that "
           "apply</em>, more than one answer may be right. This test measures the workshop, not you.</p>",
           '<div class="trainee"><label for="trainee">Trainee ID (given by your trainer): '
           '<input type="text" id="trainee" name="trainee" autocomplete="off"></label></div>']
    for n, item in enumerate(form.items, 1):
        kind = {"single": "one answer", "multi": "select all that apply", "short": "write a short answer"}[item.type]
        out.append(f'<fieldset data-item="{html.escape(item.id)}" data-type="{item.type}">'
                   f"<legend>{n}. {html.escape(item.stem)} <span class=\"id\">({kind})</span></legend>")
        if item.type == "short":
            out.append(f'<label>Answer: <input type="text" name="q{n}" aria-label="answer to question {n}"></label>')
        else:
            kind_input = "radio" if item.type == "single" else "checkbox"
            for k, option in enumerate(item.options):
                out.append(f'<label><input type="{kind_input}" name="q{n}" value="{LETTERS[k]}"> '
                           f"{LETTERS[k]}. {html.escape(option.text)}</label>")
        out.append("</fieldset>")
    out.append('<div id="save-area"><button type="button" id="save">Save my answers</button>'
               '<p id="status" role="status" aria-live="polite"></p>'
               '<label for="csv">Your answers as CSV (copy if the download did not start):</label>'
               '<textarea id="csv" readonly></textarea></div>')
    return _page(title, "\n".join(out), test, SAVE_JS)


def key_html(forms: tuple[Form, Form], objectives: dict[str, str] | None = None) -> str:
    """The answer key of both forms, for the trainer kit only."""
    objectives = objectives or {}
    track = forms[0].track
    title = f"Answer key: pre- and post-test, {TRACK_NAMES.get(track, track)} (trainers only)"
    out = [f"<h1>{html.escape(title)}</h1>",
           "<p>Keep this page out of the room. Items marked <em>anchor</em> are on both forms.</p>"]
    for form in forms:
        other = forms[1] if form is forms[0] else forms[0]
        out.append(f"<h2>{form.test.capitalize()}-test (form {form.name})</h2><table class=\"key\"><thead><tr>"
                   "<th>no.</th><th>item</th><th>objective</th><th>answer</th></tr></thead><tbody>")
        for n, item in enumerate(form.items, 1):
            anchor = " (anchor)" if other.item(item.id) else ""
            obj = html.escape(objectives.get(item.objective, ""))
            out.append(f"<tr><td>{n}</td><td>{item.id}{anchor}</td><td>{item.objective}<br><small>{obj}</small></td>"
                       f"<td><strong>{html.escape(key_of(item))}</strong></td></tr>")
        out.append("</tbody></table>")
    return _page(title, "\n".join(out))


def write_tests(track: str, out: Path, bank: list[Item] | None = None,
                objectives: dict[str, str] | None = None, pdf: bool = True) -> dict[str, Path]:
    """Write pre-test, post-test (HTML, PDF where chromium exists), the key, a blank CSV and forms.json."""
    from embargo_kit.workshop.pdf import write_html_and_pdf

    forms = parallel_forms(track, bank)
    out.mkdir(parents=True, exist_ok=True)
    written: dict[str, Path] = {}
    for form in forms:
        html_path, pdf_path, _ = write_html_and_pdf(form_html(form), out / f"{track}-{form.test}-test.html", pdf)
        written[f"{form.test}-test"] = html_path
        if pdf_path:
            written[f"{form.test}-test-pdf"] = pdf_path
    key = out / f"{track}-answer-key.html"
    key.write_text(key_html(forms, objectives), encoding="utf-8")
    written["key"] = key
    blank = out / f"{track}-answers.csv"
    blank.write_text("trainee,test,item,answer\n", encoding="utf-8")
    written["csv"] = blank
    spec = out / f"{track}-forms.json"
    spec.write_text(json.dumps({f.test: [i.id for i in f.items] for f in forms}, indent=1), encoding="utf-8")
    written["forms"] = spec
    return written
