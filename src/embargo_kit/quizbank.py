"""The quiz bank: loading and validation.

The bank is a folder of YAML files (``src/embargo_kit/data/quizbank/*.yaml``), each a list of items in the
schema of CONTRIBUTING.md ("Quiz bank items"). Files are read in name order; an item's lesson is its
``lesson`` field, not the file name, so a file may hold one lesson or a whole part.

Used by the ``quiz`` Sphinx directive (:mod:`embargo_kit.sphinx.quiz`), by the content tests and, later, by
the trainer tools (pre/post tests, learning-gain report). The normalisation of answers
(:func:`canonical_answer`, :func:`normalise_short`) lives here so that every consumer compares answers the
same way the learner site does.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

import yaml

__all__ = [
    "DEFAULT_BANK_DIR",
    "ITEM_TYPES",
    "USES",
    "TRACKS",
    "Option",
    "Item",
    "QuizBankError",
    "load_bank",
    "items_for",
    "validate",
    "item_errors",
    "canonical_answer",
    "canonical_answers",
    "normalise_short",
]

DEFAULT_BANK_DIR = Path(__file__).resolve().parent / "data" / "quizbank"
ITEM_TYPES = ("single", "multi", "short")
USES = ("quiz", "pre-post")
TRACKS = ("awareness", "port", "customs", "finance", "capstone", "national")
KNOWN_KEYS = frozenset(
    {"id", "lesson", "objective", "tracks", "use", "type", "stem", "options", "accept", "explanation", "applies"}
)
OPTION_KEYS = frozenset({"text", "correct", "feedback"})
REQUIRED_KEYS = ("id", "lesson", "objective", "use", "type", "stem")


class QuizBankError(Exception):
    """A bank file cannot be read at all (YAML syntax, or not a list)."""


@dataclass(frozen=True)
class Option:
    text: str
    correct: bool = False
    feedback: str = ""


@dataclass(frozen=True)
class Item:
    id: str
    lesson: str
    objective: str
    type: str
    stem: str
    use: tuple[str, ...] = ()
    tracks: tuple[str, ...] = ()
    options: tuple[Option, ...] = ()
    accept: tuple[str, ...] = ()
    explanation: str = ""
    applies: tuple[str, ...] = ()   # registry citations whose force the item decides ("2397/9"): law, not an answer
    source: Path | None = field(default=None, compare=False)
    position: int = field(default=0, compare=False)  # 1-based position in its file

    @property
    def correct_indices(self) -> tuple[int, ...]:
        return tuple(i for i, option in enumerate(self.options) if option.correct)

    @property
    def where(self) -> str:
        """``file: item id`` for messages."""
        name = self.source.name if self.source is not None else "<bank>"
        return f"{name}: item {self.id or '#' + str(self.position)}"


# --------------------------------------------------------------------------------------------- reading


def _bank_dir(directory: str | Path | None) -> Path:
    return Path(directory) if directory else DEFAULT_BANK_DIR


def _bank_files(directory: Path) -> list[Path]:
    if not directory.is_dir():
        return []
    return sorted([*directory.glob("*.yaml"), *directory.glob("*.yml")])


def _read_file(path: Path) -> list[Any]:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise QuizBankError(f"{path.name}: not valid YAML: {exc}") from exc
    if data is None:
        return []
    if not isinstance(data, list):
        raise QuizBankError(f"{path.name}: the file must be a YAML list of items, not {type(data).__name__}")
    return data


def _text(value: Any) -> str:
    if value is None:
        return ""
    return str(value).strip()


def _strings(value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, (str, int, float)):
        value = [value]
    if not isinstance(value, list):
        return ()
    return tuple(_text(v) for v in value)


def _item_from(raw: dict[str, Any], path: Path, position: int) -> Item:
    options = []
    for opt in raw.get("options") or []:
        if isinstance(opt, dict):
            options.append(
                Option(
                    text=_text(opt.get("text")),
                    correct=opt.get("correct") is True,
                    feedback=_text(opt.get("feedback")),
                )
            )
        else:
            options.append(Option(text=_text(opt)))
    return Item(
        id=_text(raw.get("id")),
        lesson=_text(raw.get("lesson")),
        objective=_text(raw.get("objective")),
        type=_text(raw.get("type")),
        stem=_text(raw.get("stem")),
        use=_strings(raw.get("use")),
        tracks=_strings(raw.get("tracks")),
        options=tuple(options),
        accept=_strings(raw.get("accept")),
        explanation=_text(raw.get("explanation")),
        applies=(_text(raw["applies"]),) if isinstance(raw.get("applies"), (str, int)) else _strings(raw.get("applies")),
        source=path,
        position=position,
    )


def load_bank(directory: str | Path | None = None, *, errors: list[str] | None = None) -> list[Item]:
    """Every item of the bank, in file-name order then file order.

    Lenient about the content of items (missing fields become empty; :func:`validate` reports them) but
    raises :class:`QuizBankError` when a file is not a YAML list, unless ``errors`` is given: then the file
    is skipped and the message appended to ``errors``.
    """
    items: list[Item] = []
    for path in _bank_files(_bank_dir(directory)):
        try:
            raws = _read_file(path)
        except QuizBankError as exc:
            if errors is None:
                raise
            errors.append(str(exc))
            continue
        for position, raw in enumerate(raws, start=1):
            if isinstance(raw, dict):
                items.append(_item_from(raw, path, position))
    return items


def items_for(
    lesson: str,
    use: str | None = "quiz",
    *,
    bank: Iterable[Item] | None = None,
    directory: str | Path | None = None,
) -> list[Item]:
    """The items of ``lesson`` whose ``use`` contains ``use`` (all of the lesson's items if ``use`` is None)."""
    if bank is None:
        bank = load_bank(directory)
    return [item for item in bank if item.lesson == lesson and (use is None or use in item.use)]


# ------------------------------------------------------------------------------------------ validation

_OBJECTIVE = r"\.o[1-9][0-9]*"


def _validate_raw(raw: Any, where: str) -> list[str]:
    """Errors about the shape of one raw item (before coercion to :class:`Item`)."""
    if not isinstance(raw, dict):
        return [f"{where}: an item must be a mapping, not {type(raw).__name__}"]
    errors = []
    unknown = sorted(set(map(str, raw)) - KNOWN_KEYS)
    if unknown:
        errors.append(f"{where}: unknown field(s) {', '.join(unknown)}")
    for key in ("use", "tracks", "accept", "options"):
        if key in raw and raw[key] is not None and not isinstance(raw[key], list):
            errors.append(f"{where}: {key} must be a list")
    raw_options = raw.get("options") if isinstance(raw.get("options"), list) else []
    for n, opt in enumerate(raw_options):
        if not isinstance(opt, dict):
            errors.append(f"{where}: option {n + 1} must be a mapping with text (and correct, feedback)")
            continue
        extra = sorted(set(map(str, opt)) - OPTION_KEYS)
        if extra:
            errors.append(f"{where}: option {n + 1} has unknown field(s) {', '.join(extra)}")
        if "correct" in opt and not isinstance(opt["correct"], bool):
            errors.append(f"{where}: option {n + 1}: correct must be true or false, not {opt['correct']!r}")
    return errors


def item_errors(item: Item) -> list[str]:
    """Problems of one loaded item that make it unusable or break the schema (not uniqueness: see validate)."""
    where = item.where
    errors = [f"{where}: missing {key}" for key in REQUIRED_KEYS if not getattr(item, key)]
    if item.lesson and item.id and not item.id.startswith(item.lesson + "."):
        errors.append(f"{where}: id must start with its lesson, '{item.lesson}.'")
    if item.lesson and item.objective and not re.fullmatch(re.escape(item.lesson) + _OBJECTIVE, item.objective):
        errors.append(f"{where}: objective {item.objective!r} must look like '{item.lesson}.oN'")
    for cite in item.applies:
        # internal data naming the rule (a paragraph whose number is still to verify is allowed here: it is not
        # shown as a citation), so it needs only a registry paragraph or resolution with force clauses
        from embargo_kit.content.force import clauses_for

        number, _, para = cite.partition("/")
        if not number.isdigit() or not clauses_for(int(number), para or None):
            errors.append(f"{where}: applies {cite!r}: no force clauses for it in the registry "
                          "(write a paragraph like '2397/9' that has `force` in resolutions.yaml)")
    bad_use = [u for u in item.use if u not in USES]
    if bad_use:
        errors.append(f"{where}: use {', '.join(bad_use)} not one of {', '.join(USES)}")
    bad_tracks = [t for t in item.tracks if t not in TRACKS]
    if bad_tracks:
        errors.append(f"{where}: tracks {', '.join(bad_tracks)} not one of {', '.join(TRACKS)}")
    if item.type and item.type not in ITEM_TYPES:
        errors.append(f"{where}: type {item.type!r} not one of {', '.join(ITEM_TYPES)}")
    if item.type in ("single", "multi"):
        if len(item.options) < 2:
            errors.append(f"{where}: a {item.type} item needs at least two options")
        n_correct = len(item.correct_indices)
        if item.type == "single" and n_correct != 1:
            errors.append(f"{where}: a single item needs exactly one correct option, has {n_correct}")
        if item.type == "multi" and n_correct < 1:
            errors.append(f"{where}: a multi item needs at least one correct option")
        for n, option in enumerate(item.options):
            if not option.text:
                errors.append(f"{where}: option {n + 1} has no text")
            if not option.correct and not option.feedback:
                errors.append(f"{where}: wrong option {n + 1} ({option.text[:40]!r}) has no feedback")
        if item.accept:
            errors.append(f"{where}: accept is for short items only")
    if item.type == "short":
        accepted = [a for a in item.accept if normalise_short(a)]
        if not accepted:
            errors.append(f"{where}: a short item needs a non-empty accept list")
        elif len(accepted) != len(item.accept):
            errors.append(f"{where}: accept holds an empty answer")
        if item.options:
            errors.append(f"{where}: a short item takes accept, not options")
    return errors


def validate(directory: str | Path | None = None) -> list[str]:
    """Every problem in the bank, one string each naming the file and the item; empty when the bank is sound."""
    errors: list[str] = []
    seen: dict[str, str] = {}
    for path in _bank_files(_bank_dir(directory)):
        try:
            raws = _read_file(path)
        except QuizBankError as exc:
            errors.append(str(exc))
            continue
        for position, raw in enumerate(raws, start=1):
            raw_id = _text(raw.get("id")) if isinstance(raw, dict) else ""
            where = f"{path.name}: item {raw_id or '#' + str(position)}"
            errors.extend(_validate_raw(raw, where))
            if not isinstance(raw, dict):
                continue
            item = _item_from(raw, path, position)
            errors.extend(item_errors(item))
            if item.id:
                if item.id in seen:
                    errors.append(f"{where}: duplicate id (also in {seen[item.id]})")
                else:
                    seen[item.id] = path.name
    return errors


# ------------------------------------------------------------------------------------------- answers


def normalise_short(text: str) -> str:
    """How a short answer is compared: NFC, case-folded, runs of white space collapsed to one space.

    quiz.js does the same (``normalize('NFC')``, upper- then lower-case, collapse ``\\s+``).
    """
    return " ".join(unicodedata.normalize("NFC", str(text)).casefold().split())


def canonical_answer(item: Item) -> str:
    """The canonical correct answer of a single or multi item: ``"2"`` or ``"0,3"`` (0-based indices).

    For a short item, the first accepted answer normalised; see :func:`canonical_answers` for all of them.
    """
    if item.type == "short":
        return normalise_short(item.accept[0]) if item.accept else ""
    if item.type == "single":
        indices = item.correct_indices
        return str(indices[0]) if indices else ""
    return ",".join(str(i) for i in sorted(item.correct_indices))


def canonical_answers(item: Item) -> list[str]:
    """Every canonical answer that counts as correct (one for single/multi, one per accepted short answer)."""
    if item.type == "short":
        out: list[str] = []
        for answer in item.accept:
            norm = normalise_short(answer)
            if norm and norm not in out:
                out.append(norm)
        return out
    answer = canonical_answer(item)
    return [answer] if answer else []
