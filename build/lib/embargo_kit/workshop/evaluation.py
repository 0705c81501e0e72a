"""The end-of-workshop evaluation questionnaire: printable, fillable in a browser, and as a form template.

Questions live in ``data/workshop/evaluation.yaml``. ``write_evaluation(out)`` writes ``evaluation.html``
(print it, or fill it in a browser: *Save my answers* downloads one CSV line), ``evaluation.pdf`` where
chromium exists, ``evaluation.docx`` (editable, to adapt and print) and ``evaluation-responses.csv``
(a blank sheet with one column per question, for typing in paper answers).
"""
from __future__ import annotations

import html
from importlib import resources
from pathlib import Path

import yaml

SCALE = ("1 strongly disagree", "2", "3", "4", "5 strongly agree")


def load_questionnaire(path: str | Path | None = None) -> dict:
    if path is None:
        text = resources.files("embargo_kit").joinpath("data/workshop/evaluation.yaml").read_text(encoding="utf-8")
    else:
        text = Path(path).read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    ids = [q["id"] for s in data["sections"] for q in s["questions"]]
    if len(ids) != len(set(ids)):
        raise ValueError("evaluation questionnaire: question IDs must be unique")
    for s in data["sections"]:
        for q in s["questions"]:
            if q["kind"] not in ("scale", "choice", "text") or (q["kind"] == "choice" and not q.get("options")):
                raise ValueError(f"evaluation questionnaire: question {q['id']} has a bad kind or no options")
    return data


def question_ids(data: dict) -> list[str]:
    return [q["id"] for s in data["sections"] for q in s["questions"]]


SAVE_JS = r"""
document.getElementById('save').addEventListener('click', function(){
  function f(s){ s=String(s); return /[",\n]/.test(s) ? '"' + s.replace(/"/g,'""') + '"' : s; }
  var ids = JSON.parse(document.body.dataset.ids), values = ids.map(function(id){
    var el = document.querySelector('[name="' + id + '"]:checked') || document.querySelector('textarea[name="' + id + '"]');
    return el ? el.value.trim() : '';
  });
  var text = ids.join(',') + '\n' + values.map(f).join(',') + '\n';
  document.getElementById('csv').value = text;
  var a = document.createElement('a');
  a.href = URL.createObjectURL(new Blob([text], {type:'text/csv'}));
  a.download = 'evaluation-' + Date.now() + '.csv'; document.body.appendChild(a); a.click(); a.remove();
  document.getElementById('status').textContent = 'Saved. Thank you. Give the file to your trainer, or copy the text below.';
});
"""

CSS = """body{font-family:"Noto Sans","Noto Sans CJK KR","DejaVu Sans",sans-serif;max-width:46rem;margin:1.5rem auto;padding:0 1rem;line-height:1.45}
fieldset{border:1px solid #bbb;border-radius:4px;margin:0 0 .8rem;padding:.5rem .8rem;break-inside:avoid}legend{font-weight:bold}
.scale label{display:inline-block;margin-right:1rem}label{display:block}.scale label{display:inline-block}textarea{width:100%;height:4.5rem}
button{font-size:1rem;padding:.4rem .8rem}#csv{height:4rem;font-family:monospace}
@media print{button,#save-area{display:none}textarea{height:6rem;border:1px solid #999}}"""


def to_html(data: dict, title_suffix: str = "") -> str:
    import json

    e = html.escape
    title = data["title"] + (f": {title_suffix}" if title_suffix else "")
    out = [f"<h1>{e(title)}</h1>", f"<p>{e(data['intro'])}</p>"]
    for section in data["sections"]:
        out.append(f"<h2>{e(section['heading'])}</h2>")
        for q in section["questions"]:
            qid = e(q["id"])
            if q["kind"] == "text":
                out.append(f'<fieldset><legend><label for="{qid}">{e(q["text"])}</label></legend>'
                           f'<textarea id="{qid}" name="{qid}"></textarea></fieldset>')
                continue
            options = SCALE if q["kind"] == "scale" else q["options"]
            cls = ' class="scale"' if q["kind"] == "scale" else ""
            out.append(f"<fieldset{cls}><legend>{e(q['text'])}</legend>")
            for n, option in enumerate(options, 1):
                value = str(n) if q["kind"] == "scale" else str(option)
                out.append(f'<label><input type="radio" name="{qid}" value="{e(value)}"> {e(str(option))}</label>')
            out.append("</fieldset>")
    out.append('<div id="save-area"><button type="button" id="save">Save my answers</button>'
               '<p id="status" role="status" aria-live="polite"></p><label for="csv">Your answers as CSV:</label>'
               '<textarea id="csv" readonly></textarea></div>')
    ids = e(json.dumps(question_ids(data)))
    return (f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><meta name="viewport" '
            f'content="width=device-width, initial-scale=1"><title>{e(title)}</title><style>{CSS}</style></head>'
            f'<body data-ids="{ids}"><main>{"".join(out)}</main><script>{SAVE_JS}</script></body></html>')


def to_markdown(data: dict) -> str:
    lines = []
    for section in data["sections"]:
        lines += [f"### {section['heading']}", ""]
        for q in section["questions"]:
            how = {"scale": "1 (strongly disagree) to 5 (strongly agree)", "text": "free text"}.get(
                q["kind"], " / ".join(map(str, q.get("options", []))))
            lines.append(f"- {q['text']} *({how})*")
        lines.append("")
    return "\n".join(lines)


def to_docx(data: dict, path: Path) -> Path:
    from docx import Document

    doc = Document()
    doc.add_heading(data["title"], 0)
    doc.add_paragraph(data["intro"])
    for section in data["sections"]:
        doc.add_heading(section["heading"], 1)
        for q in section["questions"]:
            doc.add_paragraph(q["text"], style="List Number")
            if q["kind"] == "scale":
                doc.add_paragraph("   ".join(f"☐ {s}" for s in SCALE))
            elif q["kind"] == "choice":
                doc.add_paragraph("   ".join(f"☐ {o}" for o in q["options"]))
            else:
                for _ in range(3):
                    doc.add_paragraph("_" * 80)
    doc.save(path)
    return path


def write_evaluation(out: str | Path, pdf: bool = True, title_suffix: str = "") -> dict[str, Path]:
    from embargo_kit.workshop.pdf import write_html_and_pdf

    out = Path(out)
    data = load_questionnaire()
    written: dict[str, Path] = {}
    html_path, pdf_path, note = write_html_and_pdf(to_html(data, title_suffix), out / "evaluation.html", pdf)
    written["html"] = html_path
    if pdf_path:
        written["pdf"] = pdf_path
    written["docx"] = to_docx(data, out / "evaluation.docx")
    sheet = out / "evaluation-responses.csv"
    sheet.write_text(",".join(question_ids(data)) + "\n", encoding="utf-8")
    written["csv"] = sheet
    return written
