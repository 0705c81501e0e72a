"""Question kinds: the common shapes of an exercise question, each with its partial feedback and edge cases.

A check module declares a question of a known kind in a few lines and keeps only what belongs to the lesson
(where the expected answer comes from, the rule in its sentences, the hint)::

    from embargo_kit.exercises.kinds import Hashed, IdSet, Number

    LESSON = "port-02"

    q2 = IdSet("q2", expected=dark_mmsis, item=int, noun=("vessel", "vessels"),
               what="a list (or set) of MMSIs as whole numbers",
               found="You flagged {found} of {total} vessels that went dark.",
               passed="All {total} vessels that went dark for more than 12 hours.",
               hint="Sort by mmsi and timestamp before you take the differences.")
    q5 = Number("q5", expected=Hashed(LESSON, "q5", "3f5a…"), integer=True, what="a resolution number as an int")

Every kind is a callable ``kind(answer) -> Result`` that the runtime finds like an ``@question`` function. The
kinds share their edge cases: an untouched ``...`` is NOT YET; None, NaN, an empty answer and a wrong type
are CAN'T CHECK with a sentence naming what was expected (never the answer); a whole table where a list was
asked is CAN'T CHECK with a hint to keep one column. Messages only ever count (``You found 3 of 5 …``): no
kind prints or returns an expected value, and an expected discrete answer may be kept as salted hashes
(:class:`Hashed`), one digest per item, so partial credit works without the answer in the source.

Sentences are templates: ``{found}``, ``{total}``, ``{missing}``, ``{k}``, ``{right}`` are filled in. A template
may be a pair ``(singular, plural)``, chosen by the count. ``advise`` hooks let a module add lesson-specific
sentences or a better hint when it recognises a mistake (``Advice``), but they never decide PASS.

The kinds: :class:`IdSet` (set of IDs, or of :class:`Pair` s of IDs, with partial credit), :class:`Mapping`
(ID → label, ID → number within a tolerance, or ID → set of items from a closed list), :class:`Number` (a number within a tolerance, or one of several accepted numbers),
:class:`OneOf` (one value from a closed list, such as an area name), :class:`Table` (a table with required
columns, optionally compared row by row), :class:`Ranking` (a ranked list, ties in any order) and
:class:`Reason` (a written reason checked for substance only). :func:`read_items` turns list-like answers
into a list for questions whose rule is their own.

Only the standard library is imported here; pandas and numpy values are recognised by duck typing.
"""

from __future__ import annotations

import math
import numbers
import re
from dataclasses import dataclass, field
from typing import Any, Callable, Collection, Iterable, Union

from .checking import Question, Result, hashed, missing_answer, require_type

__all__ = [
    "Advice",
    "Compared",
    "Entries",
    "Hashed",
    "IdSet",
    "Mapping",
    "Number",
    "OneOf",
    "Pair",
    "Ranking",
    "Reason",
    "Table",
    "read_items",
    "read_number",
    "say",
]

#: A sentence template: one string, or a pair (singular, plural) chosen by the count it is given.
Say = Union[str, tuple[str, str]]


def say(template: Say, k: int, **values: Any) -> str:
    """Fill a template: ``say(("{k} ID is wrong.", "{k} IDs are wrong."), 2)`` → ``"2 IDs are wrong."``."""
    if isinstance(template, tuple):
        template = template[0] if k == 1 else template[1]
    return template.format(k=k, **values)


def _value(source: Any) -> Any:
    """An expected value may be given as the value itself or as a function computing it from the data."""
    return source() if callable(source) and not isinstance(source, Hashed) else source


# ------------------------------------------------------------------------------------ hashed answers
@dataclass(frozen=True)
class Hashed:
    """Expected items kept as salted hashes: ``item in Hashed(...)`` hashes ``item`` and compares.

    One digest per expected item (``python -m embargo_kit.exercises.checking hash LESSON QID ITEM``), so a
    set question can count what was found without the source holding any expected item.
    """

    lesson: str
    qid: str
    digests: frozenset[str]

    def __init__(self, lesson: str, qid: str, *digests: str | Iterable[str]) -> None:
        flat: set[str] = set()
        for d in digests:
            flat |= {d} if isinstance(d, str) else set(d)
        object.__setattr__(self, "lesson", lesson)
        object.__setattr__(self, "qid", qid)
        object.__setattr__(self, "digests", frozenset(x.strip().lower() for x in flat))

    def __contains__(self, value: Any) -> bool:
        try:
            return hashed(self.lesson, self.qid, value) in self.digests
        except (TypeError, ValueError):
            return False

    def __len__(self) -> int:
        return len(self.digests)


@dataclass(frozen=True)
class Advice:
    """What a module's ``advise`` hook adds: sentences after the kind's own, and a hint that replaces its hint."""

    sentences: tuple[str, ...] = ()
    hint: str = ""

    def __init__(self, *sentences: str, hint: str = "") -> None:
        object.__setattr__(self, "sentences", tuple(s for s in sentences if s))
        object.__setattr__(self, "hint", hint)


class _Kind:
    """What every kind shares: registration as a question and the final NOT YET with advice."""

    what: str

    def __init__(self, qid: str, what: str, *, allow_none: bool = False) -> None:
        self.qid = qid
        self.what = what
        # the runtime and checks.questions() find a question by this attribute (see checking.question)
        self.__embargo_question__ = Question(qid, what, self, allow_none)

    def __call__(self, answer: Any) -> Result:  # pragma: no cover - every kind defines it
        raise NotImplementedError

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.qid}>"

    @staticmethod
    def _not_yet(parts: list[str], hint: str, advice: Advice | None) -> Result:
        if advice is not None:
            parts = parts + list(advice.sentences)
            hint = advice.hint or hint
        return Result.not_yet(" ".join(p for p in parts if p), hint=hint)

    def _entries(self, given: dict, expected: dict, right: int, fill: dict, advice: Callable | None) -> Result:
        """PASS when every expected entry is right and nothing else is given; else NOT YET counting the right,
        missing and extra entries (Mapping and Table: ``self.passed``, ``.right``, ``.missing``, ``.extra``)."""
        missing, extra = set(expected) - set(given), set(given) - set(expected)
        if right == len(expected) and not extra:
            return Result.passed(say(self.passed, len(expected), **fill))
        parts = [say(self.right, right, **fill)]
        if missing:
            parts.append(say(self.missing, len(missing), **fill))
        if extra:
            parts.append(say(self.extra, len(extra), **fill))
        return self._not_yet(parts, self.hint, advice(given, expected) if advice else None)


# ------------------------------------------------------------------------------------ reading answers
def _is_table(value: Any) -> bool:
    return type(value).__name__ == "DataFrame" and hasattr(value, "columns")


def _is_int(value: Any) -> bool:
    if isinstance(value, bool) or type(value).__name__ == "bool_" or isinstance(value, (str, bytes)):
        return False
    if isinstance(value, numbers.Integral):
        return True
    try:
        return float(value).is_integer()
    except (TypeError, ValueError, OverflowError):
        return False


def read_number(value: Any) -> float | None:
    """A finite real number from a Python, numpy or pandas scalar; None for anything else (bools included)."""
    if hasattr(value, "item") and getattr(value, "ndim", 1) == 0:
        value = value.item()
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        return None
    x = float(value)
    return None if math.isnan(x) or math.isinf(x) else x


def _fold(text: str) -> str:
    return " ".join(text.split()).casefold()


def read_items(answer: Any, what: str, *, item: type | Pair = str, ordered: bool = False, allow_empty: bool = False,
               example: str = "table['id'].tolist()") -> list | Result:
    """The items of a list-like answer (list, tuple, set, pandas Series/Index, numpy array, dict keys) as a list,
    or the CAN'T CHECK Result that says why it cannot be read. Text items are stripped; ``item=int`` accepts
    numpy integers and whole floats, never bools or text; ``item=Pair(int)`` reads unordered pairs of two different
    IDs (a tuple, a list or ``"a-b"`` text) as sorted tuples. Order and duplicates are kept for the caller."""
    if _is_table(answer):
        keep = "the two columns and turn them into a list of pairs" if isinstance(item, Pair) else \
            "one column and turn it into a list"
        return Result.cant_check(f"You gave a whole table; expected {what}.", hint=f"Keep {keep}, e.g. {example}.")
    if isinstance(answer, (str, bytes)) and answer.strip():
        return Result.cant_check(f"You gave one piece of text; expected {what}.",
                                 hint="Put the items in a list: [first, second, ...].")
    if hasattr(answer, "tolist") and not isinstance(answer, (list, tuple, set, frozenset)):
        answer = answer.tolist()
    if isinstance(answer, dict):
        answer = list(answer)
    if ordered and isinstance(answer, (set, frozenset)):
        return Result.cant_check(f"A set has no order; expected {what}.",
                                 hint="Use a list, e.g. list(table.index) after sorting the table.")
    if (bad := require_type(answer, (list, tuple, set, frozenset), what, allow_empty=allow_empty)) is not None:
        return bad
    items = list(answer)
    if isinstance(item, Pair):
        return item.read(items, what)
    if any(isinstance(v, (list, tuple, set, frozenset, dict)) for v in items):
        return Result.cant_check(f"Expected {what}, but your answer holds lists inside the list.",
                                 hint="Flatten it: one item per entry (a set comprehension over the inner lists works).")
    if item is int:
        if not all(_is_int(v) for v in items):
            return Result.cant_check(f"Expected {what}, but some items are not whole numbers.",
                                     hint="Use int(x) for numbers read as text.")
        return [int(v) for v in items]
    if not all(isinstance(v, str) for v in items):
        return Result.cant_check(f"Expected {what}, but some items are not text.",
                                 hint="Each item should be an ID as it appears in the data, e.g. a value of the `id` column.")
    return [v.strip() for v in items]


@dataclass(frozen=True)
class Pair:
    """An item that is an unordered pair of two different IDs, such as the two ships of a meeting at sea.

    ``read_items(..., item=Pair(int))`` and ``IdSet(..., item=Pair(int))`` accept ``(a, b)``, ``[a, b]`` or the
    text ``"a-b"`` (``sep``) for each pair and compare them as sorted tuples, so the order inside a pair does not
    matter. ``of=int`` accepts whole numbers and digits as text.
    """

    of: type = int
    sep: str = "-"
    example: str = "[(first_id, second_id), ...]"

    def _part(self, v: Any) -> Any:
        if self.of is int:
            if isinstance(v, str) and v.strip().isdigit():
                return int(v)
            if not _is_int(v):
                raise ValueError(v)
            return int(v)
        if not isinstance(v, str) or not v.strip():
            raise ValueError(v)
        return v.strip()

    def read(self, items: list, what: str) -> list | Result:
        out = []
        for pair in items:
            if isinstance(pair, str) and self.sep in pair:
                pair = pair.split(self.sep)
            try:
                a, b = (self._part(x) for x in pair)
            except (TypeError, ValueError):
                return Result.cant_check(f"Expected {what}; each item must hold two IDs.",
                                         hint=f"Write each pair as a tuple of two: {self.example}.")
            if a == b:
                return Result.cant_check("A pair holds the same ID twice.", hint="A pair needs two different IDs.")
            out.append((a, b) if a <= b else (b, a))
        return out


# ------------------------------------------------------------------------------------------ IdSet
@dataclass
class Compared:
    """How a set answer compares with the expected set (what ``advise`` hooks receive).

    ``expected`` is None when the expected items are hashed; ``missing`` is then empty and only
    ``total - len(found)`` says how many were missed.
    """

    given: set
    found: set
    total: int
    wrong: set = field(default_factory=set)  # extra items that exist (in the universe) but are not expected
    unknown: set = field(default_factory=set)  # extra items that are not in the data at all
    expected: set | None = None
    missing: set = field(default_factory=set)
    duplicates: int = 0
    labels: dict = field(default_factory=dict)  # ID → label, when the question has ``labels``
    optional: set = field(default_factory=set)  # given items the question accepts without requiring them

    @property
    def extra(self) -> set:
        return self.wrong | self.unknown


class IdSet(_Kind):
    """A set of IDs with partial credit: PASS when the answer holds every expected ID and nothing else.

    ``expected``: a collection of IDs, a function returning one (computed from the shipped data), or
    :class:`Hashed`. ``universe`` (optional, a collection or function): every ID that exists, so extra IDs
    are told apart as *wrong* (exist but do not belong) or *unknown* (misspelt, not in the data).
    ``labels`` (optional, a dict or a function returning one, ID → label; its keys are then the universe) and
    ``says`` (label, or tuple of labels → sentence) count wrong IDs by what they are, e.g. ``{"yes": "You
    included {k} items that Lumeria answered yes."}``; wrong IDs whose label ``says`` does not name get the
    ``wrong`` sentence. Duplicates count once; order does not matter.

    ``optional`` (a collection, function or :class:`Hashed`): IDs that may be given but are not required (a
    citation that also applies); they are neither counted in ``{total}`` nor wrong. ``closed=True`` makes the
    universe a closed list: an ID outside it is CAN'T CHECK (the ``unknown`` sentence) instead of counting
    against the answer. ``unknown_hint`` replaces the hint when the only fault is IDs that are not in the data
    (or the list). ``normalize`` maps each given item before it is compared (e.g. ``str.lower``, or a former ID
    to its current one). Templates may use ``{missing}`` (how many expected IDs were not given).
    """

    def __init__(self, qid: str, *, expected: Any, what: str, item: type | Pair = str, universe: Any = None,
                 noun: tuple[str, str] = ("item", "items"), found: Say = "You found {found} of {total} {nouns}.",
                 wrong: Say = ("{k} of your IDs is not one of them.", "{k} of your IDs are not among them."),
                 unknown: Say = ("{k} of your IDs is not in the data at all (check the spelling).",
                                 "{k} of your IDs are not in the data at all (check the spelling)."),
                 passed: str = "Right: all {total} {nouns}.", hint: str = "",
                 labels: Any = None, says: dict[str | tuple[str, ...], Say] | None = None,
                 advise: Callable[[Compared], Advice | None] | None = None, example: str = "table['id'].tolist()",
                 allow_empty: bool = False, optional: Any = None, closed: bool = False,
                 normalize: Callable[[Any], Any] | None = None, unknown_hint: str = "") -> None:
        super().__init__(qid, what)
        if closed and universe is None and labels is None:
            raise ValueError("closed=True needs a universe (or labels): the closed list")
        self.expected, self.item, self.universe, self.noun = expected, item, universe, noun
        self.labels, self.says = labels, dict(says or {})
        self.found, self.wrong, self.unknown, self.passed, self.hint = found, wrong, unknown, passed, hint
        self.advise, self.example, self.allow_empty = advise, example, allow_empty
        self.optional, self.closed, self.normalize = optional, closed, normalize
        self.unknown_hint = unknown_hint

    def compare(self, given_items: list) -> Compared:
        if self.normalize is not None:
            given_items = [self.normalize(g) for g in given_items]
        given = set(given_items)
        expected = _value(self.expected)
        if isinstance(expected, Hashed):
            found = {g for g in given if g in expected}
            plain = None
            total = len(expected)
        else:
            plain = set(expected)
            found = given & plain
            total = len(plain)
        optional = _value(self.optional) if self.optional is not None else ()
        accepted = {g for g in given - found if g in optional}
        extra = given - found - accepted
        labels = _value(self.labels) if self.labels is not None else None
        universe = set(labels) if labels is not None else _value(self.universe)
        unknown = extra - set(universe) if universe is not None else set()
        return Compared(given=given, found=found, total=total, wrong=extra - unknown, unknown=unknown,
                        expected=plain, missing=(plain - given) if plain is not None else set(),
                        duplicates=len(given_items) - len(given), labels=labels or {}, optional=accepted)

    def __call__(self, answer: Any) -> Result:
        items = read_items(answer, self.what, item=self.item, example=self.example, allow_empty=self.allow_empty)
        if isinstance(items, Result):
            return items
        c = self.compare(items)
        fill = {"found": len(c.found), "total": c.total, "missing": c.total - len(c.found),
                "noun": self.noun[0], "nouns": self.noun[1]}
        if self.closed and c.unknown:
            return Result.cant_check(say(self.unknown, len(c.unknown), **fill), hint=self.unknown_hint or self.hint)
        if len(c.found) == c.total and not c.extra:
            return Result.passed(say(self.passed, c.total, **fill))
        parts = [say(self.found, len(c.found), **fill)]
        rest = set(c.wrong)
        for label, template in self.says.items():
            named = {i for i in rest if c.labels.get(i) in ((label,) if isinstance(label, str) else label)}
            if named:
                parts.append(say(template, len(named), **fill))
            rest -= named
        if rest and self.wrong:  # wrong="" leaves them unsaid
            parts.append(say(self.wrong, len(rest), **fill))
        if c.unknown and self.unknown:
            parts.append(say(self.unknown, len(c.unknown), **fill))
        typo = self.unknown_hint if c.unknown and not c.wrong and len(c.found) == c.total else ""
        return self._not_yet(parts, typo or self.hint, self.advise(c) if self.advise else None)

    def probes(self) -> list[str]:
        """The expected set written out (for a module's ``leak_probes``); nothing when it is hashed."""
        expected = _value(self.expected)
        if isinstance(expected, Hashed):
            return []
        items = sorted(expected)
        return [repr(items), ", ".join(map(str, items))]


# ---------------------------------------------------------------------------------------- Mapping
@dataclass
class Entries:
    """How a mapping of ID → set of items compares with the expected one (what a ``values="set"`` ``advise``
    hook receives). Keys and items are normalised; ``missing_items`` and ``unsupported`` hold ``(key, item)``
    pairs: required items not given, and given items neither expected nor optional for their key."""

    given: dict
    expected: dict
    optional: dict
    right: set  # keys whose entry is right
    missing: set  # expected keys not given
    extra: set  # given keys not expected
    missing_items: set
    unsupported: set

    @property
    def wrong(self) -> set:
        """Keys given and expected whose entry is not right."""
        return (set(self.given) & set(self.expected)) - self.right


def _collection(value: Any) -> bool:
    return isinstance(value, (list, tuple, set, frozenset))


class Mapping(_Kind):
    """A mapping ID → label (or ID → number within ``tolerance``, or ID → set of items), with partial credit.

    ``expected``: a dict or a function returning one. ``values``: ``"label"`` (text compared without case or
    extra spaces, None allowed where ``labels`` allows it; an expected value that is a set or list accepts any
    of its labels), ``"number"`` or ``"set"`` (below). ``labels`` (optional): the labels a value may take; a value
    outside them is CAN'T CHECK (the ``not_a_label`` sentence, ``label_hint``). ``text_only=True``: a label must
    be given as text (``2397`` is not the label ``'2397'``). A pandas Series is read as a dict. Keys are IDs
    (``key=str`` stripped, ``key=int``; ``int_text=True`` also reads digits given as text); text keys are compared
    without case when ``fold_keys``. ``universe`` (optional, collection or function): every key that exists; a
    key outside it is NOT YET (the ``unknown`` sentence, ``unknown_hint``) before anything is compared.
    ``allow_empty=True`` reads ``{}`` as an answer (every entry missing) instead of CAN'T CHECK.

    ``values="set"``: each value is a list (or set) of text items, or one text item. ``items`` (collection or
    function) is the closed list an item is taken from (outside it: CAN'T CHECK, the ``odd`` sentence and
    ``items_hint``); ``item_normalize`` maps each item first (e.g. ``str.upper``); ``drop_empty`` leaves out keys
    given with no item; ``nothing`` (with ``nothing_hint``) is the CAN'T CHECK sentence for a dict holding no
    item at all. ``optional`` (a dict or function: key → items) lists items accepted but not required.
    ``match``: ``"exact"`` (every expected item and only optional others), ``"covers"`` (every expected item;
    other items are reported as unsupported but do not spoil the entry) or ``"within"`` (a non-empty part of
    the expected items: any one of several accepted). ``count="items"`` counts partial credit per (key, item)
    instead of per entry (``{right}`` and ``{total}`` are then items; ``{keys}`` is the number of expected keys)
    and counts the items of keys not expected as unsupported. ``unsupported`` is the sentence for them
    (``{which}``: those items, which the learner gave). Its ``advise`` hook receives one :class:`Entries`;
    for labels and numbers it receives ``(given, expected)``.
    """

    def __init__(self, qid: str, *, expected: Any, what: str, key: type = str, values: str = "label",
                 tolerance: float = 0.0, labels: Any = None, fold_keys: bool = False,
                 noun: tuple[str, str] = ("entry", "entries"),
                 right: Say = "{right} of {total} {nouns} right.",
                 missing: Say = ("{k} {noun} is missing.", "{k} {nouns} are missing."),
                 extra: Say = ("{k} key is not one of the {nouns}.", "{k} keys are not among the {nouns}."),
                 passed: str = "Right: all {total} {nouns}.", hint: str = "", key_hint: str = "",
                 advise: Callable[..., Advice | None] | None = None,
                 table_hint: str = "Select the one column you need, so its index holds the IDs.",
                 int_text: bool = False, universe: Any = None,
                 unknown: Say = ("{k} key is not an ID in the data.", "{k} keys are not IDs in the data."),
                 unknown_hint: str = "Copy the IDs from the data.", allow_empty: bool = False,
                 text_only: bool = False,
                 not_a_label: Say = "Some values are not among the labels this question uses; expected {what}.",
                 label_hint: str = "", not_a_list: str = "Expected {what}; each value must be a list.",
                 value_hint: str = "", items: Any = None, item_normalize: Callable[[str], str] = str.strip,
                 odd: Say = ("{k} item is not one this question uses.", "{k} items are not ones this question uses."),
                 items_hint: str = "", drop_empty: bool = False, nothing: str = "", nothing_hint: str = "",
                 optional: Any = None, match: str = "exact", count: str = "entries",
                 unsupported: Say = ("{k} item you gave is not supported ({which}).",
                                     "{k} items you gave are not supported ({which}).")) -> None:
        super().__init__(qid, what)
        if values not in ("label", "number", "set"):
            raise ValueError("values must be 'label', 'number' or 'set'")
        if match not in ("exact", "covers", "within") or count not in ("entries", "items"):
            raise ValueError("match must be 'exact', 'covers' or 'within'; count 'entries' or 'items'")
        self.expected, self.key, self.values, self.tolerance, self.labels = expected, key, values, tolerance, labels
        self.fold_keys, self.noun, self.right, self.missing, self.extra = fold_keys, noun, right, missing, extra
        self.passed, self.hint, self.key_hint, self.advise, self.table_hint = passed, hint, key_hint, advise, table_hint
        self.int_text, self.universe, self.unknown, self.unknown_hint = int_text, universe, unknown, unknown_hint
        self.allow_empty, self.text_only, self.not_a_label, self.label_hint = allow_empty, text_only, not_a_label, label_hint
        self.not_a_list, self.value_hint, self.items, self.item_normalize = not_a_list, value_hint, items, item_normalize
        self.odd, self.items_hint, self.drop_empty, self.nothing = odd, items_hint, drop_empty, nothing
        self.nothing_hint, self.optional, self.match, self.count = nothing_hint, optional, match, count
        self.unsupported = unsupported

    def _key(self, k: Any) -> Any:
        if self.key is int:
            if self.int_text and isinstance(k, str) and k.strip().isdigit():
                return int(k)
            if not _is_int(k):
                raise ValueError(k)
            return int(k)
        if not isinstance(k, str):
            raise ValueError(k)
        return _fold(k) if self.fold_keys else k.strip()

    def _label(self, v: Any) -> Any:
        if v is None or (read_number(v) is None and isinstance(v, float)):
            return None
        if type(v).__name__ in {"NAType", "NaTType"}:
            return None
        return _fold(str(v))

    def _items(self, v: Any) -> set | None:
        """The normalised items of one set value, or None when it is not a list of text items."""
        vals = [v] if isinstance(v, str) else list(v) if _collection(v) else None
        if vals is None or not all(isinstance(x, str) for x in vals):
            return None
        return {self.item_normalize(x) for x in vals}

    def read(self, answer: Any) -> dict | Result:
        """The answer as a dict of normalised keys and values, or the CAN'T CHECK Result saying why not."""
        if _is_table(answer):
            return Result.cant_check(f"You gave a whole table; expected {self.what}.", hint=self.table_hint)
        if type(answer).__name__ == "Series" and hasattr(answer, "to_dict"):
            answer = answer.to_dict()
        if self.nothing and isinstance(answer, dict) and not any(
                bool(v) if _collection(v) or isinstance(v, str) else True for v in answer.values()):
            return Result.cant_check(self.nothing, hint=self.nothing_hint)
        if (bad := require_type(answer, dict, self.what, allow_empty=self.allow_empty)) is not None:
            return bad
        given: dict = {}
        for k, v in answer.items():
            try:
                key = self._key(k)
            except ValueError:
                return Result.cant_check(f"Expected {self.what}; some keys are not IDs of the {self.noun[1]}.",
                                         hint=self.key_hint or "Use the ID of each entry as its key.")
            if key in given:
                return Result.cant_check(f"Two keys of your answer name the same {self.noun[0]}.",
                                         hint="Give each one once.")
            if self.values == "number":
                x = read_number(v)
                if x is None:
                    return Result.cant_check(f"Expected {self.what}: every value a number.",
                                             hint=self.value_hint or self.key_hint
                                             or "Some values are text, missing (NaN) or True/False.")
                given[key] = x
            elif self.values == "set":
                vals = self._items(v)
                if vals is None:
                    return Result.cant_check(self.not_a_list.format(what=self.what), hint=self.value_hint)
                if vals or not self.drop_empty:
                    given[key] = vals
            else:
                if self.text_only and v is not None and not isinstance(v, str):
                    return Result.cant_check(self.not_a_list.format(what=self.what), hint=self.value_hint)
                given[key] = self._label(v)
        if self.values == "set" and self.items is not None:
            allowed = {self.item_normalize(str(i)) for i in _value(self.items)}
            if odd := set().union(*given.values()) - allowed:
                return Result.cant_check(say(self.odd, len(odd), what=self.what), hint=self.items_hint)
        if self.labels is not None:
            allowed = {None if a is None else _fold(str(a)) for a in _value(self.labels)}
            if odd := {v for v in given.values() if v not in allowed}:
                return Result.cant_check(say(self.not_a_label, len(odd), what=self.what),
                                         hint=self.label_hint or self.hint or "Copy the labels from the data.")
        if self.universe is not None:
            known = {self._key(k) for k in _value(self.universe)}
            if unknown := set(given) - known:
                return Result.not_yet(say(self.unknown, len(unknown)), hint=self.unknown_hint)
        return given

    def _same(self, a: Any, b: Any) -> bool:
        if self.values == "number":
            return abs(a - b) <= self.tolerance + 1e-12
        if isinstance(b, frozenset):  # several accepted labels
            return a in b
        return a == b

    def _expected_value(self, v: Any) -> Any:
        if self.values == "number":
            return float(v)
        if self.values == "set":
            return {self.item_normalize(str(x)) for x in ([v] if isinstance(v, str) else v)}
        if _collection(v):
            return frozenset(self._label(x) for x in v)
        return self._label(v)

    def __call__(self, answer: Any) -> Result:
        given = self.read(answer)
        if isinstance(given, Result):
            return given
        raw = _value(self.expected)
        expected = {self._key(k): self._expected_value(v) for k, v in raw.items()}
        if self.values == "set":
            return self._sets(given, expected)
        right = sum(self._same(given[k], expected[k]) for k in set(given) & set(expected))
        fill = {"right": right, "total": len(expected), "noun": self.noun[0], "nouns": self.noun[1]}
        return self._entries(given, expected, right, fill, self.advise)

    def _sets(self, given: dict, expected: dict) -> Result:
        raw = _value(self.optional) if self.optional is not None else {}
        optional = {self._key(k): self._expected_value(v) for k, v in raw.items()}
        missing_items = {(k, i) for k, req in expected.items() for i in req - given.get(k, set())}
        unsupported = {(k, i) for k, got in given.items() if k in expected or self.count == "items"
                       for i in got - expected.get(k, set()) - optional.get(k, set())}
        if self.match == "within":
            right = {k for k in set(given) & set(expected) if given[k] and given[k] <= expected[k]}
        else:
            right = {k for k in set(given) & set(expected) if expected[k] <= given[k]
                     and (self.match == "covers" or not any(p[0] == k for p in unsupported))}
        c = Entries(given=given, expected=expected, optional=optional, right=right,
                    missing=set(expected) - set(given), extra=set(given) - set(expected),
                    missing_items=missing_items, unsupported=unsupported)
        if self.count == "items":
            total = sum(len(v) for v in expected.values())
            n_right, ok = total - len(missing_items), not missing_items and not unsupported
        else:
            total, n_right = len(expected), len(right)
            ok = n_right == total and not c.extra and not (self.match == "covers" and unsupported)
        fill = {"right": n_right, "total": total, "keys": len(expected), "noun": self.noun[0], "nouns": self.noun[1]}
        if ok:
            return Result.passed(say(self.passed, total, **fill))
        parts = [say(self.right, n_right, **fill)]
        if c.missing and self.count == "entries":
            parts.append(say(self.missing, len(c.missing), **fill))
        if c.extra and self.count == "entries":
            parts.append(say(self.extra, len(c.extra), **fill))
        if unsupported and self.match != "within":
            which = ", ".join(sorted({i for _, i in unsupported}))
            parts.append(say(self.unsupported, len(unsupported), which=which, **fill))
        return self._not_yet(parts, self.hint, self.advise(c) if self.advise else None)


# ----------------------------------------------------------------------------------------- Number
class Number(_Kind):
    """A number: PASS within ``tolerance`` of the expected value (or of any of several accepted values).

    ``expected``: a number, several, a function returning either, or :class:`Hashed` (exact answers only; the
    canonical form rounds to 6 decimals). ``integer=True`` asks for a whole number (an int type).
    ``advise(x)`` may return a NOT YET Result for a recognised mistake (e.g. "that counts every resolution").
    """

    def __init__(self, qid: str, *, expected: Any, what: str, tolerance: float = 0.0, integer: bool = False,
                 passed: str = "Right.", wrong: str = "{x} is not the number asked for.", hint: str = "",
                 advise: Callable[[Any], Result | None] | None = None) -> None:
        super().__init__(qid, what)
        self.expected, self.tolerance, self.integer = expected, tolerance, integer
        self.passed, self.wrong, self.hint, self.advise = passed, wrong, hint, advise

    def accepts(self, x: float) -> bool:
        expected = _value(self.expected)
        if isinstance(expected, Hashed):
            return (int(x) if float(x).is_integer() else x) in expected
        values = expected if isinstance(expected, Collection) else [expected]
        return any(abs(x - float(v)) <= self.tolerance + 1e-12 for v in values)

    def __call__(self, answer: Any) -> Result:
        types = int if self.integer else float
        if (bad := require_type(answer, types, self.what)) is not None:
            return bad
        x = read_number(answer)
        if x is None:  # NaN and infinities pass require_type as floats
            return Result.cant_check(f"Your answer is not a finite number; expected {self.what}.")
        value = int(x) if self.integer else x
        if self.accepts(x):
            return Result.passed(self.passed)
        if self.advise and (advice := self.advise(value)) is not None:
            return advice
        return Result.not_yet(self.wrong.format(x=value), hint=self.hint)


# ------------------------------------------------------------------------------------------ OneOf
class OneOf(_Kind):
    """One value from a closed list (an area name, an option letter, a resolution): PASS for an accepted one.

    ``options``: every value that makes sense for the question; anything else is NOT YET "not one of the …".
    ``accepted``: the right one(s), plain, a function, or :class:`Hashed`. Text is compared without case
    or extra spaces.
    """

    def __init__(self, qid: str, *, accepted: Any, options: Any, what: str, kind: type = str,
                 passed: str = "Right.", wrong: str = "'{x}' is not the one asked for.",
                 not_an_option: str = "'{x}' is not one of the options.", hint: str = "", option_hint: str = "",
                 advise: Callable[[Any], Result | None] | None = None) -> None:
        super().__init__(qid, what)
        self.accepted, self.options, self.kind = accepted, options, kind
        self.passed, self.wrong, self.not_an_option = passed, wrong, not_an_option
        self.hint, self.option_hint, self.advise = hint, option_hint, advise

    def _norm(self, v: Any) -> Any:
        return _fold(v) if isinstance(v, str) else v

    def __call__(self, answer: Any) -> Result:
        if (bad := require_type(answer, self.kind, self.what)) is not None:
            return bad
        shown = " ".join(answer.split()) if isinstance(answer, str) else answer
        options = {self._norm(o): o for o in _value(self.options)}
        key = self._norm(int(answer) if self.kind is int else answer)
        if key not in options:
            return Result.not_yet(self.not_an_option.format(x=shown), hint=self.option_hint or self.hint)
        value = options[key]
        accepted = _value(self.accepted)
        ok = value in accepted if isinstance(accepted, Hashed) else key in {self._norm(a) for a in accepted}
        if ok:
            return Result.passed(self.passed)
        if self.advise and (advice := self.advise(value)) is not None:
            return advice
        return Result.not_yet(self.wrong.format(x=value), hint=self.hint)


# ------------------------------------------------------------------------------------------ Table
class Table(_Kind):
    """A table (DataFrame) with required columns; optionally compared row by row with the expected rows.

    ``columns``: the columns it must have. ``expected`` (optional): a function returning
    ``{row_id: {column: number}}``; rows are matched by the table's index (any order) and cells compared
    within ``tolerance``. Without ``expected`` the table passes when it has the columns and at least one row.
    """

    def __init__(self, qid: str, *, columns: Iterable[str], what: str, expected: Any = None,
                 tolerance: float = 1e-9, build_hint: str = "", columns_hint: str = "",
                 noun: tuple[str, str] = ("row", "rows"),
                 right: Say = "{right} of {total} {nouns} have every value right.",
                 missing: Say = ("{k} {noun} is missing.", "{k} {nouns} are missing."),
                 extra: Say = ("{k} row is not one of the {nouns}.", "{k} rows are not among the {nouns}."),
                 not_numbers: str = "Some values are not numbers (or are missing).", not_numbers_hint: str = "",
                 wrong_index: str = "The rows of your table are not IDs of the {nouns}.", index_hint: str = "",
                 passed: str = "Right: all {total} {nouns}.", hint: str = "",
                 advise: Callable[[dict, dict], Advice | None] | None = None) -> None:
        super().__init__(qid, what)
        self.columns, self.expected, self.tolerance = tuple(columns), expected, tolerance
        self.build_hint, self.columns_hint, self.noun = build_hint, columns_hint, noun
        self.right, self.missing, self.extra, self.passed, self.hint = right, missing, extra, passed, hint
        self.not_numbers, self.not_numbers_hint = not_numbers, not_numbers_hint
        self.wrong_index, self.index_hint, self.advise = wrong_index, index_hint, advise

    def read(self, answer: Any) -> dict | Result:
        """``{row_id: {column: number}}`` from the answer, or the CAN'T CHECK Result saying why not."""
        if (bad := missing_answer(answer, self.what)) is not None:
            return bad
        if not _is_table(answer):
            return Result.cant_check(f"Expected {self.what}.", hint=self.build_hint)
        absent = [c for c in self.columns if c not in answer.columns]
        if absent:
            return Result.cant_check(f"Your table has no column {', '.join(repr(c) for c in absent)}.",
                                     hint=self.columns_hint or f"Name the columns {', '.join(self.columns)}.")
        rows: dict[str, dict[str, float]] = {}
        for row_id, row in zip(answer.index, answer[list(self.columns)].itertuples(index=False)):
            values = [read_number(v) for v in row]
            if any(v is None for v in values):
                return Result.cant_check(self.not_numbers, hint=self.not_numbers_hint)
            if str(row_id) in rows:
                return Result.cant_check(f"Your table has the row {row_id!s} twice.", hint="Keep one row per ID.")
            rows[str(row_id)] = dict(zip(self.columns, values))
        return rows

    def __call__(self, answer: Any) -> Result:
        given = self.read(answer)
        if isinstance(given, Result):
            return given
        if self.expected is None:
            return Result.passed(self.passed.format(total=len(given), nouns=self.noun[1], noun=self.noun[0]))
        expected = {str(k): v for k, v in _value(self.expected).items()}
        fill = {"total": len(expected), "noun": self.noun[0], "nouns": self.noun[1]}
        if set(given) - set(expected) and not set(given) & set(expected):
            return Result.cant_check(self.wrong_index.format(**fill), hint=self.index_hint)
        right = sum(all(abs(given[r][c] - float(expected[r][c])) <= self.tolerance for c in self.columns)
                    for r in set(given) & set(expected))
        return self._entries(given, expected, right, {"right": right, **fill}, self.advise)


# ---------------------------------------------------------------------------------------- Ranking
class Ranking(_Kind):
    """A ranked list: every ID once, each at least as high (by ``scores``) as the one after it; ties in any order.

    ``scores``: a dict ``{id: score}`` or a function returning one; higher first unless ``higher_first=False``.
    ``advise(given)`` may return a hint for a recognised wrong rule.
    """

    def __init__(self, qid: str, *, scores: Any, what: str, item: type = str, higher_first: bool = True,
                 noun: tuple[str, str] = ("item", "items"),
                 passed: str = "Right: each is ranked at least as high as the one after it.",
                 inverted: Say = ("{k} {noun} is ranked above one that should come first.",
                                  "{k} {nouns} are ranked above ones that should come first."),
                 reversed_: str = "Your ranking runs the wrong way round.", reversed_hint: str = "",
                 missing: Say = ("{k} {noun} is missing from your ranking.", "{k} {nouns} are missing from your ranking."),
                 unknown: Say = ("{k} ID is not one of the {nouns} (check the spelling).",
                                 "{k} IDs are not among the {nouns} (check the spelling)."),
                 complete_hint: str = "Rank all of them, by their ID.", hint: str = "",
                 example: str = "list(ranked.index)", advise: Callable[[list], str | None] | None = None) -> None:
        super().__init__(qid, what)
        self.scores, self.item, self.higher_first, self.noun = scores, item, higher_first, noun
        self.passed, self.inverted, self.reversed_, self.reversed_hint = passed, inverted, reversed_, reversed_hint
        self.missing, self.unknown, self.complete_hint = missing, unknown, complete_hint
        self.hint, self.example, self.advise = hint, example, advise

    def __call__(self, answer: Any) -> Result:
        given = read_items(answer, self.what, item=self.item, ordered=True, example=self.example)
        if isinstance(given, Result):
            return given
        fill = {"noun": self.noun[0], "nouns": self.noun[1]}
        if len(given) != len(set(given)):
            return Result.not_yet(f"Some {self.noun[1]} appear twice in your ranking.", hint="Rank each one once.")
        raw = _value(self.scores)
        score = {k: (v if self.higher_first else -v) for k, v in raw.items()}
        missing, unknown = set(score) - set(given), set(given) - set(score)
        if missing or unknown:
            parts = [say(self.missing, len(missing), **fill)] if missing else []
            if unknown:
                parts.append(say(self.unknown, len(unknown), **fill))
            return Result.not_yet(" ".join(parts), hint=self.complete_hint)
        pairs = list(zip(given, given[1:]))
        inversions = [(a, b) for a, b in pairs if score[a] < score[b] - 1e-9]
        if not inversions:
            return Result.passed(self.passed)
        if all(score[a] <= score[b] + 1e-9 for a, b in pairs):
            return Result.not_yet(self.reversed_, hint=self.reversed_hint or self.hint)
        hint = (self.advise(given) if self.advise else None) or self.hint
        return Result.not_yet(say(self.inverted, len(inversions), **fill), hint=hint)


# ----------------------------------------------------------------------------------------- Reason
_WORD_RE = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*")


class Reason(_Kind):
    """A written reason, checked for substance only (design.md, "Written reasons").

    PASS when it is text of at least ``min_words`` words that names at least one of the ``evidence`` IDs the
    question lists (whole IDs, any case). It is never marked right or wrong beyond that: the PASS sentence
    says so, and the debrief discusses what it argues.
    """

    def __init__(self, qid: str, *, evidence: Any, what: str = "a sentence or two giving your reasons, as text",
                 min_words: int = 8, evidence_noun: str = "evidence IDs the question lists",
                 hint: str = "Say why, naming the documents or records you relied on by their IDs.") -> None:
        super().__init__(qid, what)
        self.evidence, self.min_words, self.evidence_noun, self.hint = evidence, min_words, evidence_noun, hint

    def named(self, text: str) -> set[str]:
        """The evidence IDs the text names (whole IDs, any case)."""
        found = set()
        for ev in _value(self.evidence):
            if re.search(rf"(?<![\w-]){re.escape(str(ev))}(?![\w-])", text, flags=re.IGNORECASE):
                found.add(str(ev))
        return found

    def __call__(self, answer: Any) -> Result:
        if (bad := require_type(answer, str, self.what)) is not None:
            return bad
        words = len(_WORD_RE.findall(answer))
        if words < self.min_words:
            return Result.not_yet(f"Your reason has {words} word{'s' if words != 1 else ''}; write at least "
                                  f"{self.min_words}, so the debrief has something to discuss.", hint=self.hint)
        named = self.named(answer)
        if not named:
            return Result.not_yet(f"Your reason names none of the {self.evidence_noun}.", hint=self.hint)
        return Result.passed(f"Your reason is on record ({words} words, naming {len(named)} of the "
                             f"{self.evidence_noun}). It is not marked right or wrong: the debrief discusses it.")
