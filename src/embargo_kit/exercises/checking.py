"""Building blocks for check modules: the Result type, the ``question`` decorator and answer hashing.

A check module (``embargo_kit/checks/<part>_<NN>.py``) looks like::

    from embargo_kit.exercises.checking import question, Result, hashed, matches_hash, require_type

    LESSON = "awareness-02"

    @question("q1", expects="a resolution number as an int, e.g. 1874")
    def q1(answer):
        if (bad := require_type(answer, int, "a resolution number such as 1874")):
            return bad
        if matches_hash(LESSON, "q1", answer, "3f5a..."):
            return Result.passed("That is the resolution that first did it.")
        return Result.not_yet("That resolution widened the measure later.", hint="Sort the measures by date.")

    def leak_probes() -> list[str]:
        return ["1718"]

Authors compute a stored hash with::

    python -m embargo_kit.exercises.checking hash awareness-02 q1 1718

This module imports only the standard library (pandas and numpy values are recognised by duck typing).
"""

from __future__ import annotations

import ast
import datetime as _dt
import hashlib
import math
import numbers
import re
import sys
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable

__all__ = [
    "PASS",
    "NOT_YET",
    "CANT_CHECK",
    "STATES",
    "MIMETYPE",
    "Result",
    "Question",
    "question",
    "canonical",
    "hashed",
    "matches_hash",
    "require_type",
    "missing_answer",
]

PASS = "PASS"
NOT_YET = "NOT YET"
CANT_CHECK = "CAN'T CHECK"
STATES = (PASS, NOT_YET, CANT_CHECK)

#: Mimetype of the display the runtime publishes for every check in a Jupyter kernel.
MIMETYPE = "application/vnd.embargo-kit.check+v1+json"

#: Fixed project salt. Changing it invalidates every stored hash (check modules and quiz keys).
SALT = "embargo-kit/v1/7c1e5b0a-dprk-arms-embargo"

_SEP = " · "


# --------------------------------------------------------------------------------------------- Result
@dataclass
class Result:
    """The outcome of one check: a state, one sentence for the learner and, unless PASS, an optional hint."""

    state: str
    message: str
    hint: str = ""
    lesson: str = ""
    question: str = ""
    # Not shown to learners; kept for authors (strict mode chains the original exception).
    _error: BaseException | None = field(default=None, repr=False, compare=False)
    _shown: bool = field(default=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        if self.state not in STATES:
            raise ValueError(f"state must be one of {STATES}, not {self.state!r}")
        self.message = " ".join(str(self.message or "").split())
        self.hint = " ".join(str(self.hint or "").split())

    # constructors used by check modules
    @classmethod
    def passed(cls, sentence: str) -> "Result":
        return cls(PASS, sentence)

    @classmethod
    def not_yet(cls, sentence: str, hint: str = "") -> "Result":
        return cls(NOT_YET, sentence, hint)

    @classmethod
    def cant_check(cls, sentence: str, hint: str = "") -> "Result":
        return cls(CANT_CHECK, sentence, hint)

    @classmethod
    def unanswered(cls, hint: str = "") -> "Result":
        """The answer is still the `...` of the learner notebook: not a mistake, just not done yet."""
        return cls(NOT_YET, UNANSWERED, hint)

    @property
    def ok(self) -> bool:
        return self.state == PASS

    def line(self) -> str:
        """``awareness-02 q1 · NOT YET · sentence · Hint: hint`` (PASS lines never carry a hint)."""
        head = " ".join(p for p in (self.lesson, self.question) if p)
        parts = [head] if head else []
        parts += [self.state, self.message]
        if self.hint and self.state != PASS:
            parts.append(f"Hint: {self.hint}")
        return _SEP.join(parts)

    def to_json(self) -> dict[str, str]:
        """The payload of the check mimetype: ``{"lesson","question","state","message","hint"}``."""
        return {
            "lesson": self.lesson,
            "question": self.question,
            "state": self.state,
            "message": self.message,
            "hint": "" if self.state == PASS else self.hint,
        }

    def __str__(self) -> str:
        return self.line()

    def __repr__(self) -> str:
        return f"<Result {self.line()}>"

    def _ipython_display_(self) -> None:
        # check(...) already displayed the line; a Result left as the last expression of a cell
        # must not show it a second time. A Result built by hand is shown once.
        # Only IPython calls this hook, so its display machinery is there (a kernel, or a terminal IPython).
        if self._shown:
            return
        self._shown = True
        from IPython.display import publish_display_data

        publish_display_data({"text/plain": self.line(), MIMETYPE: self.to_json()})


# ------------------------------------------------------------------------------------------ questions
@dataclass(frozen=True)
class Question:
    qid: str
    expects: str
    func: Callable[[Any], Result]
    allow_none: bool = False


_QID_RE = re.compile(r"^[A-Za-z][A-Za-z0-9_.-]*$")


def question(qid: str, *, expects: str = "", allow_none: bool = False) -> Callable:
    """Mark a function as the check of question ``qid``. The function stays directly callable.

    ``expects`` says in plain words what form the answer takes; it appears in CAN'T CHECK sentences.
    The runtime answers ``...`` (and ``None`` unless ``allow_none``) with CAN'T CHECK before calling it.
    """
    if not isinstance(qid, str) or not _QID_RE.match(qid):
        raise ValueError(f"question id must look like 'q1', not {qid!r}")

    def decorate(func: Callable[[Any], Result]) -> Callable[[Any], Result]:
        func.__embargo_question__ = Question(qid, expects, func, allow_none)  # type: ignore[attr-defined]
        return func

    return decorate


# ------------------------------------------------------------------------------------------- hashing
def _module_of(value: Any) -> str:
    return (type(value).__module__ or "").split(".")[0]


def _is_array_like(value: Any) -> bool:
    return _module_of(value) in {"pandas", "numpy"} and hasattr(value, "tolist") and not _is_scalar_np(value)


def _is_scalar_np(value: Any) -> bool:
    return _module_of(value) == "numpy" and getattr(value, "ndim", 1) == 0


def _canon_number(value: float) -> str:
    if isinstance(value, numbers.Integral):
        return repr(int(value))
    x = float(value)
    if math.isnan(x) or math.isinf(x):
        raise ValueError("a missing or infinite number cannot be compared")
    x = round(x, 6)
    if x == int(x):
        return repr(int(x))
    return repr(x)


def canonical(value: Any) -> str:
    """The canonical text of an answer, as hashed.

    str: casefolded, whitespace collapsed, stripped · bool: ``true``/``false`` · int/float: the number
    (floats rounded to 6 dp; 1718.0 and 1718 agree) · date/datetime/pandas Timestamp: ISO 8601 (a midnight
    without time zone is the date alone) · list/tuple/set/frozenset/pandas Series/Index/numpy
    array: ``[...]`` of the sorted unique canonical items joined by U+001F.
    """
    if isinstance(value, str):
        return " ".join(value.casefold().split())
    if _is_scalar_np(value):
        value = value.item()
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, numbers.Real):
        return _canon_number(value)
    if isinstance(value, _dt.datetime):  # also pandas Timestamp
        if value.tzinfo is None and value.time() == _dt.time(0):
            return value.date().isoformat()
        return value.isoformat()
    if isinstance(value, _dt.date):
        return value.isoformat()
    if _is_array_like(value):
        value = value.tolist()
    if isinstance(value, (list, tuple, set, frozenset)):
        items = sorted({canonical(v) for v in value})
        return "[" + "\x1f".join(items) + "]"
    raise TypeError(f"cannot hash a {type(value).__name__}")


def hashed(lesson: str, qid: str, value: Any) -> str:
    """sha256 hex of the project salt, the lesson, the question and the canonical form of ``value``."""
    text = "\x00".join((SALT, str(lesson), str(qid), canonical(value)))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def matches_hash(lesson: str, qid: str, value: Any, stored: str | Iterable[str]) -> bool:
    """True if ``value`` hashes to ``stored`` (one hex digest, or any of several accepted digests)."""
    digest = hashed(lesson, qid, value)
    if isinstance(stored, str):
        return digest == stored.strip().lower()
    return any(digest == s.strip().lower() for s in stored)


# ------------------------------------------------------------------------------------ answer checks
_FRIENDLY = {
    "str": "text (str)",
    "int": "a whole number (int)",
    "float": "a number (float)",
    "bool": "True or False (bool)",
    "list": "a list",
    "tuple": "a tuple",
    "set": "a set",
    "dict": "a dict",
    "DataFrame": "a table (DataFrame)",
    "Series": "a column (Series)",
    "NoneType": "None",
    "ellipsis": "`...`",
    "function": "a function",
}


def _kind(value: Any) -> str:
    name = type(value).__name__
    return _FRIENDLY.get(name, f"a {name}")


def _is_nan(value: Any) -> bool:
    if type(value).__name__ in {"NAType", "NaTType"}:
        return True
    try:
        return isinstance(value, numbers.Real) and not isinstance(value, bool) and math.isnan(float(value))
    except (TypeError, ValueError):
        return False


UNANSWERED = "Not answered yet: replace the `...` with your answer."


def _contains_ellipsis(value: Any, depth: int = 2) -> bool:
    if value is Ellipsis:
        return True
    if depth <= 0:
        return False
    if isinstance(value, (list, tuple, set, frozenset)):
        return any(_contains_ellipsis(v, depth - 1) for v in value)
    if isinstance(value, dict):
        return any(_contains_ellipsis(v, depth - 1) for v in value.values())
    return False


def missing_answer(answer: Any, what: str = "", *, allow_none: bool = False, allow_empty: bool = False) -> Result | None:
    """NOT YET if the answer is still ``...`` (untouched); CAN'T CHECK if None, NaN or (unless
    ``allow_empty``) empty; else None."""
    expected = f" Expected {what}." if what else ""
    if _contains_ellipsis(answer):
        return Result.unanswered(hint=what and f"Expected {what}.")
    if answer is None:
        if allow_none:
            return None
        return Result.cant_check(
            f"Your answer is None, so there is nothing to check.{expected}",
            hint="A function without `return`, or a method called with inplace=True, gives None.",
        )
    if _is_nan(answer):
        return Result.cant_check(f"Your answer is a missing value (NaN).{expected}")
    if allow_empty:
        return None
    empty = None
    if isinstance(answer, (str, list, tuple, set, frozenset, dict)):
        empty = len(answer) == 0 if not isinstance(answer, str) else not answer.strip()
    elif _module_of(answer) == "pandas" and hasattr(answer, "empty"):
        try:
            empty = bool(answer.empty)
        except Exception:  # pragma: no cover - exotic objects
            empty = None
    if empty:
        return Result.cant_check(f"Your answer is empty ({_kind(answer)} with nothing in it).{expected}")
    return None


def _type_ok(answer: Any, types: tuple[type, ...]) -> bool:
    if isinstance(answer, bool) or type(answer).__name__ == "bool_":
        return bool in types or any(t is object for t in types)
    for t in types:
        if t is int and isinstance(answer, numbers.Integral):
            return True
        if t is float and isinstance(answer, numbers.Real):
            return True
        if isinstance(answer, t):
            return True
    return False


def require_type(
    answer: Any, types: type | tuple[type, ...], what: str, *, allow_empty: bool = False
) -> Result | None:
    """None if ``answer`` is a usable value of ``types``; else a CAN'T CHECK Result.

    The sentence names what was expected (``what``) and the type it got — never the answer itself.
    ``...``, None, NaN and (unless ``allow_empty``, for a question whose answer may be "none") an empty
    str/list/tuple/set/dict/DataFrame/Series are CAN'T CHECK. ``int`` accepts numpy integers (not bools);
    ``float`` accepts any real number.
    """
    if not isinstance(types, tuple):
        types = (types,)
    if (bad := missing_answer(answer, what, allow_empty=allow_empty)) is not None:
        return bad
    if not _type_ok(answer, types):
        return Result.cant_check(
            f"Expected {what}, but your answer is {_kind(answer)}.",
            hint="Check the type with type(your_answer).",
        )
    return None


# ------------------------------------------------------------------------------------------------ CLI
_USAGE = "usage: python -m embargo_kit.exercises.checking hash LESSON QID VALUE"


def _parse_value(text: str) -> Any:
    """A Python literal (``1718``, ``['a', 'b']``, ``'1718'``) is parsed; anything else is a string."""
    try:
        return ast.literal_eval(text)
    except (ValueError, SyntaxError, TypeError, MemoryError, RecursionError):
        return text


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if len(argv) != 4 or argv[0] != "hash":
        print(_USAGE, file=sys.stderr)
        return 2
    _, lesson, qid, raw = argv
    value = _parse_value(raw)
    try:
        print(hashed(lesson, qid, value))
    except (TypeError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print(f"# canonical form of a {type(value).__name__}: {canonical(value)!r}", file=sys.stderr)
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
