"""Pre- and post-tests of a workshop, drawn from the quiz bank's ``pre-post`` items (never ``quiz`` items).

Two parallel forms that share no item (design.md, "Quiz bank uses are exclusive"): for each objective of the
planned lessons the bank's pre/post items are dealt alternately to form A (the pre-test) and form B (the
post-test), so an objective is measured only if it has at least two such items, and then on both forms. A form
has about one item per minute of its slot: :func:`plan_forms` shares that number out over the planned lessons
(equal shares, each lesson's objectives in turn, a second item per objective only once every objective of the
lesson has one). :func:`parallel_forms` gives a whole track's forms (every pair), for the instructor edition.

A trainee answers with letters (``B``; ``A,C`` for select-all items) or a word or two (short items);
:func:`score_answer` marks them the way the learner site does (:func:`embargo_kit.quizbank.normalise_short`).

Where answers may be (design.md): the test pages carry no answers; the answer key is a separate page for the
trainer kit only.
"""
from __future__ import annotations

import hashlib
import html
import json
import random
import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Sequence

from embargo_kit import quizbank
from embargo_kit.quizbank import Item
from embargo_kit.workshop.lessons import TRACK_NAMES

LETTERS = "ABCDEFGHIJ"
TESTS = {"pre": "A", "post": "B"}


@dataclass
class Form:
    track: str  # a track, or a label for the workshop's lessons ("workshop")
    name: str  # "A" or "B"
    items: list[Item]
    minutes: int = 20
    title: str = ""

    @property
    def test(self) -> str:
        return "pre" if self.name == "A" else "post"

    def item(self, item_id: str) -> Item | None:
        return next((i for i in self.items if i.id == item_id), None)

    def number(self, item_id: str) -> int:
        return next(n for n, i in enumerate(self.items, 1) if i.id == item_id)

    @property
    def label(self) -> str:
        return self.title or TRACK_NAMES.get(self.track, self.track)


@dataclass
class FormPlan:
    """What :func:`plan_forms` decided, in words a trainer can act on."""

    forms: tuple[Form, Form]
    measured: list[str]  # objective IDs on both forms
    unmeasured: list[str] = field(default_factory=list)  # objectives of the planned lessons left out
    notes: list[str] = field(default_factory=list)


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


def _objective_key(objective: str) -> tuple:
    lesson, _, number = objective.rpartition(".o")
    return (lesson, int(number) if number.isdigit() else 0)


def _pairs(items: list[Item]) -> dict[str, list[tuple[Item, Item]]]:
    """Per objective, its pre/post items dealt in pairs (A, B); an odd last item stays in the bank."""
    by_objective: dict[str, list[Item]] = defaultdict(list)
    for item in sorted(items, key=_order):
        by_objective[item.objective].append(item)
    return {o: list(zip(group[0::2], group[1::2])) for o, group in by_objective.items()}


def plan_forms(lessons: Sequence[str], minutes: int, bank: list[Item] | None = None, *,
               objectives: Sequence[str] = (), label: str = "workshop", title: str = "") -> FormPlan:
    """Forms A (pre) and B (post) for the planned ``lessons``: about ``minutes`` items each, no item on both.

    ``objectives`` (IDs, optional) lists the planned lessons' objectives, so those the bank cannot measure are
    named. Raise ValueError if no objective of these lessons has two pre/post items.
    """
    if bank is None:
        bank = quizbank.load_bank(errors=[])
    wanted = list(dict.fromkeys(lessons))
    usable = [i for i in bank if "pre-post" in i.use and "quiz" not in i.use and i.lesson in wanted
              and not quizbank.item_errors(i)]
    pairs = _pairs(usable)
    per_lesson: dict[str, list[str]] = {lesson: sorted((o for o in pairs if o.rpartition(".o")[0] == lesson and pairs[o]),
                                                       key=_objective_key) for lesson in wanted}
    teachable = [lesson for lesson in wanted if per_lesson[lesson]]
    if not teachable:
        raise ValueError(f"the quiz bank has no objective with two pre/post items in {', '.join(wanted) or 'no lessons'}: "
                         "add items with `use: [pre-post]` (one for each form) to these lessons")
    target = max(1, minutes)
    capacity = {lesson: sum(len(pairs[o]) for o in per_lesson[lesson]) for lesson in teachable}
    quota = dict.fromkeys(teachable, 0)
    while sum(quota.values()) < target:  # equal shares, in plan order; a full lesson passes its share on
        grown = False
        for lesson in teachable:
            if sum(quota.values()) < target and quota[lesson] < capacity[lesson]:
                quota[lesson] += 1
                grown = True
        if not grown:
            break
    chosen: list[tuple[Item, Item]] = []
    for lesson in teachable:
        taken = 0
        depth = 0
        while taken < quota[lesson]:
            for objective in per_lesson[lesson]:
                if taken < quota[lesson] and depth < len(pairs[objective]):
                    chosen.append(pairs[objective][depth])
                    taken += 1
            depth += 1
    chosen.sort(key=lambda pair: (wanted.index(pair[0].lesson), _objective_key(pair[0].objective), _order(pair[0])))
    a = Form(label, "A", [p[0] for p in chosen], minutes, title)
    b = Form(label, "B", [p[1] for p in chosen], minutes, title)
    measured = list(dict.fromkeys(p[0].objective for p in chosen))
    unmeasured = [o for o in objectives if o not in measured]
    notes = []
    if len(chosen) < target:
        notes.append(f"the bank holds {len(chosen)} pre/post item pairs for these lessons, fewer than the "
                     f"{target} a {minutes}-minute test could take: each form has {len(chosen)} items")
    single = [o for o in measured if sum(1 for p in chosen if p[0].objective == o) == 1]
    if single:
        notes.append(f"{len(single)} of {len(measured)} objectives are measured by a single item per form "
                     "(read their gains with care): " + ", ".join(single))
    if unmeasured:
        notes.append(f"{len(unmeasured)} objectives of the planned lessons are not on the forms "
                     "(no two pre/post items, or no room in the slot): " + ", ".join(unmeasured))
    return FormPlan((a, b), measured, unmeasured, notes)


def forms_from_ids(pre: Sequence[str], post: Sequence[str], bank: list[Item] | None = None, *, minutes: int = 20,
                   label: str = "workshop", title: str = "") -> tuple[Form, Form]:
    """The forms a plan file lists (item IDs); ValueError naming an ID the bank no longer holds."""
    if bank is None:
        bank = quizbank.load_bank(errors=[])
    by_id = {item.id: item for item in bank}
    missing = [i for i in [*pre, *post] if i not in by_id]
    if missing:
        raise ValueError(f"the plan's forms name item(s) the quiz bank does not hold: {', '.join(missing[:8])}; "
                         "plan again with `embargo-kit workshop plan`")
    return (Form(label, "A", [by_id[i] for i in pre], minutes, title),
            Form(label, "B", [by_id[i] for i in post], minutes, title))


def parallel_forms(track: str, bank: list[Item] | None = None) -> tuple[Form, Form]:
    """Every pre/post pair of ``track``'s lessons, as forms A and B; ValueError if there is none."""
    items = prepost_items(track, bank)
    if not items:
        raise ValueError(f"the quiz bank has no pre/post items for track {track!r} "
                         "(items need `pre-post` in `use` and the track in `tracks`)")
    lessons = list(dict.fromkeys(i.lesson for i in sorted(items, key=_order)))
    n_pairs = sum(len(p) for p in _pairs(items).values())
    try:
        return plan_forms(lessons, n_pairs, items, label=track).forms
    except ValueError:
        raise ValueError(f"the quiz bank has no objective with two pre/post items for track {track!r}") from None


# ------------------------------------------------------------------------------------------- scoring


def option_order(item: Item) -> list[int]:
    """The printed order of ``item``'s options: shuffled, the same on every form and every run.

    Bank authors often put the right option first; a printed test must not read "A, A, A". The seed is
    the item ID, so the key, the browser form and the scoring always agree.
    """
    order = list(range(len(item.options)))
    seed = int(hashlib.sha256(f"embargo-kit/prepost|{item.id}".encode()).hexdigest()[:12], 16)
    random.Random(seed).shuffle(order)
    return order


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
    if parsed is None:
        return 0
    order = option_order(item)
    return int(tuple(sorted(order[k] for k in parsed)) == item.correct_indices)


def key_of(item: Item) -> str:
    """The right answer as printed: letters in the shuffled order of :func:`option_order`."""
    if item.type == "short":
        return " / ".join(item.accept)
    order = option_order(item)
    return ",".join(LETTERS[k] for k, original in enumerate(order) if original in item.correct_indices)


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
    title = f"{test.capitalize()}-test: {form.label} (form {form.name})"
    out = [f"<h1>{html.escape(title)}</h1>",
           f'<p class="how">{len(form.items)} questions, about {form.minutes} minutes. Answer alone, without notes. On paper, tick '
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
            for k, original in enumerate(option_order(item)):
                out.append(f'<label><input type="{kind_input}" name="q{n}" value="{LETTERS[k]}"> '
                           f"{LETTERS[k]}. {html.escape(item.options[original].text)}</label>")
        out.append("</fieldset>")
    out.append('<div id="save-area"><button type="button" id="save">Save my answers</button>'
               '<p id="status" role="status" aria-live="polite"></p>'
               '<label for="csv">Your answers as CSV (copy if the download did not start):</label>'
               '<textarea id="csv" readonly></textarea></div>')
    return _page(title, "\n".join(out), test, SAVE_JS)


def key_html(forms: tuple[Form, Form], objectives: dict[str, str] | None = None) -> str:
    """The answer key of both forms, for the trainer kit only."""
    objectives = objectives or {}
    title = f"Answer key: pre- and post-test, {forms[0].label} (trainers only)"
    out = [f"<h1>{html.escape(title)}</h1>",
           "<p>Keep this page out of the room. The two forms share no item; each objective is asked on both.</p>"]
    for form in forms:
        out.append(f"<h2>{form.test.capitalize()}-test (form {form.name})</h2><table class=\"key\"><thead><tr>"
                   "<th>no.</th><th>item</th><th>objective</th><th>answer</th></tr></thead><tbody>")
        for n, item in enumerate(form.items, 1):
            obj = html.escape(objectives.get(item.objective, ""))
            out.append(f"<tr><td>{n}</td><td>{item.id}</td><td>{item.objective}<br><small>{obj}</small></td>"
                       f"<td><strong>{html.escape(key_of(item))}</strong></td></tr>")
        out.append("</tbody></table>")
    return _page(title, "\n".join(out))


def write_tests(track: str, out: Path, bank: list[Item] | None = None,
                objectives: dict[str, str] | None = None, pdf: bool = True,
                forms: tuple[Form, Form] | None = None) -> dict[str, Path]:
    """Write pre-test, post-test (HTML, PDF where chromium exists), the key, a blank CSV and forms.json.

    ``forms`` (from :func:`plan_forms`) are written as given; otherwise the whole track's forms. Files are
    named ``<track>-...`` (``workshop-...`` for a plan's forms).
    """
    from embargo_kit.workshop.pdf import write_html_and_pdf

    forms = forms or parallel_forms(track, bank)
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
