"""The ``quiz`` directive: in-page quizzes from the quiz bank, checked in the browser, offline.

````markdown
```{quiz} awareness-01
```
````

renders every item of lesson ``awareness-01`` whose ``use`` contains ``quiz`` as a ``<fieldset>`` with a
``<legend>`` (the stem), labelled inputs, a "Check" button and an ``aria-live`` feedback region. quiz.js
checks answers in the page and keeps progress in ``localStorage``.

Where answers may be (design.md): the learner page carries the key only as salted SHA-256 hashes, and the
explanation and the correct option's feedback only XOR-encrypted under a key derived from the correct answer,
so they are decrypted once the learner's answer hashes right. Wrong options' feedback is obfuscated the same
way under a key any page can derive (so view-source shows no text, and no option stands out).
Note the limit: a single/multi item has a handful of possible answers, so anyone who reads quiz.js can try
them all; this keeps answers out of the page source and the search index, it is not secrecy.

The instructor edition (``-t instructor``) adds under each item an ``answer-key`` admonition with the correct
answer, its feedback and the explanation in clear, and shows the pre/post-only items (marked "pre/post test
item — not shown to learners"). Both are wrapped in ``only`` nodes that Sphinx resolves at write time, so the
learner build never writes them, not even into the search index.

Wiring: ``setup(app)`` registers everything; the package extension ``embargo_kit.sphinx`` calls it.
Config value: ``embargo_kit_quizbank_dir`` (default: the package's ``data/quizbank``; a relative path is
taken from the Sphinx configuration directory).
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import re
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from embargo_kit import quizbank
from embargo_kit.quizbank import Item

logger = logging.getLogger(__name__)

STATIC_DIR = Path(__file__).resolve().parent / "static"
JS_FILE = "quiz.js"
CSS_FILE = "quiz.css"
SALT_CONSTANT = "embargo-kit/quiz/v1"
INSTRUCTOR_TAG = "instructor"
PREPOST_NOTE = "pre/post test item — not shown to learners"
FEEDBACK_PREFIX = "ek:"  # plaintext prefix of an obfuscated wrong-option feedback (quiz.js checks it)

HTML_BUILDERS = ("html", "dirhtml", "singlehtml", "epub")
TEXT_BUILDERS = ("latex", "text", "man", "texinfo")


# --------------------------------------------------------------------------------------------- crypto


def _sha256_hex(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def item_salt(item_id: str) -> str:
    """Per-item salt, deterministic so that builds are reproducible."""
    return _sha256_hex(f"{SALT_CONSTANT}|{item_id}")[:32]


def answer_hash(salt: str, canonical: str) -> str:
    """The key stored in the page: SHA-256 hex of ``salt|canonical``."""
    return _sha256_hex(f"{salt}|{canonical}")


def secret_key(salt: str, canonical: str) -> str:
    """Key of the keystream that hides the explanation: SHA-256 hex of ``salt|key|canonical``."""
    return _sha256_hex(f"{salt}|key|{canonical}")


def option_key(salt: str, index: int) -> str:
    """Public key that obfuscates option ``index``'s feedback."""
    return _sha256_hex(f"{salt}|opt|{index}")


def keystream(key: str, length: int) -> bytes:
    """Counter mode: block i = SHA-256(UTF-8(key + str(i))), i = 0, 1, ..."""
    blocks = []
    for i in range((length + 31) // 32):
        blocks.append(hashlib.sha256(f"{key}{i}".encode("utf-8")).digest())
    return b"".join(blocks)[:length]


def xor_encrypt(data: bytes | str, key: str) -> str:
    """XOR ``data`` with :func:`keystream` of ``key``; base64 (standard alphabet, padded)."""
    if isinstance(data, str):
        data = data.encode("utf-8")
    stream = keystream(key, len(data))
    return base64.b64encode(bytes(a ^ b for a, b in zip(data, stream))).decode("ascii")


def xor_decrypt(b64: str, key: str) -> bytes:
    data = base64.b64decode(b64)
    stream = keystream(key, len(data))
    return bytes(a ^ b for a, b in zip(data, stream))


def item_spec(item: Item) -> dict[str, Any]:
    """Everything the learner page carries about ``item``: no answer in clear.

    ``keys``: one hash per canonical correct answer; ``payloads``: for each key, the JSON
    ``{"feedback": [...], "explanation": "..."}`` encrypted under :func:`secret_key` of that answer;
    ``fb``: per option, its feedback obfuscated under :func:`option_key` (wrong options, plaintext prefixed
    ``ek:``) or pseudo-random bytes of the same length (correct options).
    """
    salt = item_salt(item.id)
    answers = quizbank.canonical_answers(item)
    correct_feedback = [o.feedback for o in item.options if o.correct and o.feedback]
    payload = json.dumps(
        {"feedback": correct_feedback, "explanation": item.explanation}, ensure_ascii=False
    ).encode("utf-8")
    spec: dict[str, Any] = {
        "id": item.id,
        "type": item.type,
        "salt": salt,
        "keys": [answer_hash(salt, a) for a in answers],
        "payloads": [xor_encrypt(payload, secret_key(salt, a)) for a in answers],
        "fb": [],
    }
    for index, option in enumerate(item.options):
        plain = (FEEDBACK_PREFIX + option.feedback).encode("utf-8")
        if not option.correct:
            spec["fb"].append(xor_encrypt(plain, option_key(salt, index)))
            continue
        # Correct option: random-looking bytes of the same length, which never decode to "ek:..." text.
        for attempt in range(1000):
            pad = keystream(_sha256_hex(f"{salt}|pad|{index}|{attempt}|{payload!r}"), len(plain))
            decoded = bytes(a ^ b for a, b in zip(pad, keystream(option_key(salt, index), len(pad))))
            if not decoded.startswith(FEEDBACK_PREFIX.encode()):
                break
        spec["fb"].append(base64.b64encode(pad).decode("ascii"))
    return spec


# ------------------------------------------------------------------------------------------------ nodes


class quiz_item(nodes.General, nodes.Element):  # noqa: N801 (docutils naming)
    """One quiz item. Its children are a plain-text rendering (stem, options) for non-HTML builders;
    the HTML visitor writes the interactive fieldset from the node's ``spec`` attribute instead."""


def _html_id(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9_-]+", "-", text).strip("-") or "item"


def _attr(value: str) -> str:
    return html.escape(value, quote=True)


def visit_quiz_item_html(self: Any, node: quiz_item) -> None:
    spec = node["spec"]
    used: set[str] = self.__dict__.setdefault("_ek_quiz_ids", set())
    base = "ek-q-" + _html_id(spec["id"])
    uid, n = base, 1
    while uid in used:
        n += 1
        uid = f"{base}-{n}"
    used.add(uid)

    qtype = spec["type"]
    out = [
        f'<fieldset class="ek-quiz-item ek-quiz-{_attr(qtype)}" id="{uid}" data-item="{_attr(spec["id"])}"'
        f' data-type="{_attr(qtype)}" data-salt="{_attr(spec["salt"])}" data-key="{_attr(" ".join(spec["keys"]))}"'
        f' data-payload="{_attr(" ".join(spec["payloads"]))}">\n',
        f'<legend class="ek-quiz-stem">{html.escape(node["stem"])}',
    ]
    if qtype == "multi" and not _says_select_all(node["stem"]):
        out.append(' <span class="ek-quiz-hint">(Select all that apply.)</span>')
    out.append("</legend>\n")
    if qtype in ("single", "multi"):
        input_type = "radio" if qtype == "single" else "checkbox"
        out.append('<div class="ek-quiz-options">\n')
        for index, (text, fb) in enumerate(zip(node["options"], spec["fb"])):
            oid = f"{uid}-o{index}"
            out.append(
                f'<div class="ek-quiz-option"><input type="{input_type}" id="{oid}" name="{uid}"'
                f' value="{index}" data-fb="{_attr(fb)}" /> <label for="{oid}">{html.escape(text)}</label></div>\n'
            )
        out.append("</div>\n")
    else:
        aid = f"{uid}-answer"
        out.append(
            f'<div class="ek-quiz-answer"><label for="{aid}">Your answer</label> '
            f'<input type="text" id="{aid}" name="{uid}" autocomplete="off" spellcheck="false" /></div>\n'
        )
    out.append(
        '<div class="ek-quiz-actions"><button type="button" class="ek-quiz-check">Check</button>'
        '<noscript> <span class="ek-quiz-nojs">Checking an answer needs JavaScript.</span></noscript></div>\n'
        '<p class="ek-quiz-previous" hidden="hidden"></p>\n'
        '<div class="ek-quiz-feedback" role="status" aria-live="polite"></div>\n'
        "</fieldset>\n"
    )
    self.body.append("".join(out))
    raise nodes.SkipNode


def _visit_passthrough(self: Any, node: nodes.Node) -> None:
    """Non-HTML builders write the node's children: the stem and the options as a list."""


def _depart_passthrough(self: Any, node: nodes.Node) -> None:
    pass


# -------------------------------------------------------------------------------------------- directive


_bank_cache: dict[tuple, tuple[list[Item], list[str]]] = {}


def bank_dir(config: Config, confdir: str | Path = ".") -> Path:
    """The quiz bank folder: ``embargo_kit_quizbank_dir`` (relative to the conf dir) or the package's."""
    configured = getattr(config, "embargo_kit_quizbank_dir", "") or ""
    if not configured:
        return quizbank.DEFAULT_BANK_DIR
    path = Path(configured)
    return path if path.is_absolute() else Path(confdir) / path


def _load(directory: Path) -> tuple[list[Item], list[str], list[Path]]:
    files = sorted([*directory.glob("*.yaml"), *directory.glob("*.yml")]) if directory.is_dir() else []
    stamp = (str(directory), tuple((str(f), f.stat().st_mtime_ns, f.stat().st_size) for f in files))
    if stamp not in _bank_cache:
        _bank_cache.clear()
        errors: list[str] = []
        items = quizbank.load_bank(directory, errors=errors)
        _bank_cache[stamp] = (items, errors)
    items, errors = _bank_cache[stamp]
    return items, errors, files


def _says_select_all(stem: str) -> bool:
    """Some stems already end "Select all that apply."; the hint is then not added a second time."""
    return "select all that apply" in " ".join(str(stem).lower().split())


def _plain_item(item: Item, spec: dict[str, Any]) -> quiz_item:
    node = quiz_item(spec=spec, stem=item.stem, options=[o.text for o in item.options])
    stem = item.stem + (" (Select all that apply.)" if item.type == "multi" and not _says_select_all(item.stem) else "")
    node += nodes.paragraph(stem, stem, classes=["ek-quiz-stem"])
    if item.type in ("single", "multi"):
        mark = "( ) " if item.type == "single" else "[ ] "
        options = nodes.bullet_list(classes=["ek-quiz-options"])
        for option in item.options:
            options += nodes.list_item("", nodes.paragraph(mark + option.text, mark + option.text))
        node += options
    else:
        node += nodes.paragraph("Answer: ____________________", "Answer: ____________________")
    return node


def _answer_key(item: Item) -> nodes.admonition:
    box = nodes.admonition(classes=["answer-key"])
    box += nodes.title("Answer key", "Answer key")
    if item.type == "short":
        answer = " · ".join(item.accept)
        box += nodes.paragraph("", "", nodes.strong("Accepted answers: ", "Accepted answers: "), nodes.Text(answer))
    else:
        correct = [o for o in item.options if o.correct]
        label = "Correct answer: " if len(correct) == 1 else "Correct answers: "
        if len(correct) == 1:
            box += nodes.paragraph("", "", nodes.strong(label, label), nodes.Text(correct[0].text))
        else:
            box += nodes.paragraph("", "", nodes.strong(label, label))
            listing = nodes.bullet_list()
            for option in correct:
                listing += nodes.list_item("", nodes.paragraph(option.text, option.text))
            box += listing
        for option in correct:
            if option.feedback:
                box += nodes.paragraph(option.feedback, option.feedback, classes=["ek-quiz-key-feedback"])
    if item.explanation:
        box += nodes.paragraph(
            "", "", nodes.strong("Explanation: ", "Explanation: "), nodes.Text(item.explanation),
            classes=["ek-quiz-key-explanation"],
        )
    meta = f"Item {item.id} · objective {item.objective} · use: {', '.join(item.use)}"
    box += nodes.paragraph(meta, meta, classes=["ek-quiz-key-meta"])
    return box


def _instructor_only(*children: nodes.Node) -> addnodes.only:
    node = addnodes.only(expr=INSTRUCTOR_TAG)
    node.extend(children)
    return node


class QuizDirective(SphinxDirective):
    """``quiz <lesson-id>``: the lesson's quiz items (instructor edition: plus answer keys, pre/post items)."""

    required_arguments = 1
    optional_arguments = 0
    final_argument_whitespace = False
    has_content = False

    def run(self) -> list[nodes.Node]:
        lesson = self.arguments[0].strip()
        location = (self.env.docname, self.lineno)
        directory = bank_dir(self.config, self.env.app.confdir)
        items, errors, files = _load(directory)
        for f in files:
            self.env.note_dependency(str(f))
        for error in errors:
            logger.warning("quiz bank: %s", error, location=location, type="embargo_kit", subtype="quiz")

        lesson_items = quizbank.items_for(lesson, use=None, bank=items)
        container = nodes.container(classes=["ek-quiz"])
        container["lesson"] = lesson
        rendered = 0
        for item in lesson_items:
            problems = quizbank.item_errors(item)
            if problems:
                for problem in problems:
                    logger.warning(
                        "quiz item %s skipped: %s", item.id, problem, location=location,
                        type="embargo_kit", subtype="quiz",
                    )
                continue
            if not any(use in item.use for use in quizbank.USES):
                continue
            node = _plain_item(item, item_spec(item))
            self.set_source_info(node)
            entry = nodes.container(classes=["ek-quiz-entry"])
            if "quiz" in item.use:
                entry += node
                entry += _instructor_only(_answer_key(item))
                container += entry
            else:  # pre/post only: instructor edition only
                entry["classes"].append("ek-quiz-prepost")
                entry += nodes.paragraph(PREPOST_NOTE, PREPOST_NOTE, classes=["ek-quiz-prepost-note"])
                entry += node
                entry += _answer_key(item)
                container += _instructor_only(entry)
            rendered += 1
        if not rendered:
            logger.warning(
                "no quiz items for lesson %s (quiz bank: %s)", lesson, directory, location=location,
                type="embargo_kit", subtype="quiz",
            )
            return []
        return [container]


# ----------------------------------------------------------------------------------------------- events


def _add_static_path(app: Sphinx, config: Config) -> None:
    static = str(STATIC_DIR)
    paths = list(getattr(config, "html_static_path", []) or [])
    if static not in paths:
        paths.append(static)
        config.html_static_path = paths


def _has_html_visitor(app: Sphinx) -> bool:
    registry = app.registry.translation_handlers
    handlers = registry.get(app.builder.name)
    if handlers is None:
        handlers = registry.get(app.builder.format, {})
    return quiz_item.__name__ in handlers


def _fallback_for_other_builders(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Builders with no visitor for quiz_item (xml, gettext, ...) get its plain children."""
    if _has_html_visitor(app):
        return
    for node in list(doctree.findall(quiz_item)):
        node.replace_self(node.children)


def _add_assets(app: Sphinx, pagename: str, templatename: str, context: dict, doctree: Any) -> None:
    """quiz.js and quiz.css only on pages that render at least one quiz item."""
    if doctree is None or next(iter(doctree.findall(quiz_item)), None) is None:
        return
    app.add_js_file(JS_FILE, loading_method="defer")
    app.add_css_file(CSS_FILE)


def setup(app: Sphinx) -> dict[str, Any]:
    """Register the directive, node, config value and event handlers (safe to call twice)."""
    metadata = {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
    if getattr(app, "_embargo_kit_quiz_ready", False):
        return metadata
    app._embargo_kit_quiz_ready = True  # type: ignore[attr-defined]
    app.add_config_value("embargo_kit_quizbank_dir", "", "env", types=[str])
    handlers = {name: (visit_quiz_item_html, None) for name in HTML_BUILDERS}
    handlers.update({name: (_visit_passthrough, _depart_passthrough) for name in TEXT_BUILDERS})
    app.add_node(quiz_item, override=True, **handlers)
    app.add_directive("quiz", QuizDirective, override=True)
    app.connect("config-inited", _add_static_path)
    app.connect("doctree-resolved", _fallback_for_other_builders)
    app.connect("html-page-context", _add_assets)
    return metadata
