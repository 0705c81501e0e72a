"""The ``check`` callable learners use in notebooks.

``check("awareness-02", "q1", answer)`` runs the question's check and shows one line::

    awareness-02 q1 · NOT YET · That resolution widened the measure later. · Hint: Sort the measures by date.

In a Jupyter kernel the line is published as a display with ``text/plain`` and the mimetype
``application/vnd.embargo-kit.check+v1+json`` (read by the grader); elsewhere it is printed. The Result is
returned and shows nothing more when it is the last expression of a cell.

``check.summary()`` prints every question of every lesson checked in this kernel (questions never attempted
count as NOT YET "not attempted"). With ``EMBARGO_KIT_STRICT=1`` any non-PASS raises ``AssertionError``.
"""

from __future__ import annotations

import os
import sys
import warnings
from typing import Any

from . import check_modules as _checks
from .checking import CANT_CHECK, MIMETYPE, NOT_YET, PASS, Result, _contains_ellipsis, missing_answer
from . import optional

__all__ = ["check", "Checker", "strict_mode", "ENV_STRICT"]

ENV_STRICT = "EMBARGO_KIT_STRICT"
_MISSING = object()


def strict_mode() -> bool:
    return os.environ.get(ENV_STRICT, "").strip().lower() in {"1", "true", "yes", "on"}


def _in_kernel() -> bool:
    ipython_mod = sys.modules.get("IPython")
    if ipython_mod is None:
        return False
    try:
        shell = ipython_mod.get_ipython()
    except Exception:  # pragma: no cover
        return False
    return shell is not None and getattr(shell, "kernel", None) is not None


def _emit(result: Result) -> None:
    """Show a result once: a display with text/plain + the check mimetype in a kernel, else a print."""
    result._shown = True
    line = result.line()
    if _in_kernel():
        from IPython.display import publish_display_data

        publish_display_data({"text/plain": line, MIMETYPE: result.to_json()})
    else:
        print(line, flush=True)


class Checker:
    """The type of :data:`check`. One instance per kernel keeps the results for :meth:`summary`."""

    def __init__(self) -> None:
        self._results: dict[str, dict[str, Result]] = {}
        self._unknown: list[Result] = []  # checks that named no known lesson or question

    # ------------------------------------------------------------------ public
    def __call__(self, lesson: str, question: str, answer: Any = _MISSING) -> Result:
        result = self.evaluate(lesson, question, answer)
        if getattr(result, "_known", False):
            self._results.setdefault(result.lesson, {})[result.question] = result
        else:
            self._unknown.append(result)
        _emit(result)
        if strict_mode() and not result.ok:
            raise AssertionError(result.line()) from result._error
        return result

    def evaluate(self, lesson: str, question: str, answer: Any = _MISSING) -> Result:
        """Run a check without showing or recording it. Never raises for a learner's answer."""
        lesson_s, qid_s = str(lesson), str(question)
        spec, result = self._lookup(lesson_s, qid_s)
        if spec is not None:
            result = self._run(spec, answer)
            result._known = True  # type: ignore[attr-defined]
        result.lesson, result.question = lesson_s, qid_s
        return result

    def summary(self) -> None:
        """Print every question of every lesson checked in this kernel, with counts."""
        lines, bad = self._summary_lines()
        text = "\n".join(lines)
        print(text, flush=True)
        if strict_mode() and bad:
            raise AssertionError("Not every question passed:\n" + "\n".join(bad))

    def reset(self) -> None:
        """Forget the results recorded in this kernel."""
        self._results.clear()
        self._unknown.clear()

    def results(self) -> dict[str, dict[str, Result]]:
        return {lesson: dict(qs) for lesson, qs in self._results.items()}

    def __repr__(self) -> str:
        return "<embargo_kit check: check(lesson, question, answer); check.summary()>"

    # ------------------------------------------------------------------ internals
    def _lookup(self, lesson: str, qid: str) -> tuple[Any, Result]:
        if not _checks.lesson_id_ok(lesson):
            return None, Result.cant_check(
                f"'{lesson}' is not a lesson ID.", hint="Lesson IDs look like awareness-02; copy the check cell again."
            )
        try:
            module = _checks.load(lesson)
            questions = _checks.questions(module)
        except _checks.UnknownLesson:
            return None, Result.cant_check(
                f"There are no checks for lesson {lesson}.",
                hint="Check the lesson ID, or update embargo_kit (pip install -U embargo_kit).",
            )
        except Exception as exc:
            res = Result.cant_check(
                f"The checks for lesson {lesson} could not be loaded.", hint="This is not your fault: tell your trainer."
            )
            res._error = exc
            return None, res
        spec = questions.get(qid)
        if spec is None:
            valid = ", ".join(questions) or "none"
            return None, Result.cant_check(
                f"There is no question '{qid}' in lesson {lesson}; its questions are {valid}.",
                hint="Copy the question ID from the exercise text.",
            )
        return spec, None  # type: ignore[return-value]

    def _run(self, spec: Any, answer: Any) -> Result:
        if answer is _MISSING:
            return Result.cant_check(
                "Give your answer as the third argument: check(lesson, question, answer).",
                hint=spec.expects and f"Expected {spec.expects}.",
            )
        # Only the untouched placeholders are screened here (``...`` anywhere, None unless allowed); an empty
        # or NaN answer goes to the check, which decides (require_type makes it CAN'T CHECK by default).
        if _contains_ellipsis(answer) or (answer is None and not spec.allow_none):
            return missing_answer(answer, spec.expects, allow_none=spec.allow_none)  # type: ignore[return-value]
        try:
            with warnings.catch_warnings(), optional.watch() as missing:
                warnings.simplefilter("ignore")
                result = spec.func(answer)
        except Exception as exc:  # a check must never show a traceback to a learner
            if missing:  # an optional library (name matching) is not installed: say what to install
                res = missing[0].result()
                res._error = exc
                return res
            expected = f" It expected {spec.expects}." if spec.expects else ""
            res = Result.cant_check(
                f"The check could not read your answer.{expected}",
                hint="Check that your answer has the form the exercise asks for.",
            )
            res._error = exc
            return res
        if missing and not (isinstance(result, Result) and result.ok):
            res = missing[0].result()
            res._error = missing[0]
            return res
        if not isinstance(result, Result):
            res = Result.cant_check(
                "The check for this question is broken.", hint="This is not your fault: tell your trainer."
            )
            res._error = TypeError(f"{spec.func.__qualname__} returned {type(result).__name__}, not a Result")
            return res
        # a copy, so that a Result constant kept in a check module is never mutated
        return Result(result.state, result.message, result.hint, _error=result._error)

    def _summary_lines(self) -> tuple[list[str], list[str]]:
        if not self._results and not self._unknown:
            return ["No checks have run in this kernel yet."], ["no checks ran"]
        lines: list[str] = []
        bad: list[str] = []
        for lesson, done in self._results.items():
            try:
                known = list(_checks.questions(_checks.load(lesson)))
            except Exception:
                known = []
            order = known + [q for q in done if q not in known]
            rows: list[Result] = []
            for qid in order:
                res = done.get(qid) or Result(NOT_YET, "not attempted", lesson=lesson, question=qid)
                res = Result(res.state, res.message, res.hint, lesson=lesson, question=qid)
                rows.append(res)
            counts = {s: sum(r.state == s for r in rows) for s in (PASS, NOT_YET, CANT_CHECK)}
            lines.append(
                f"{lesson}: {counts[PASS]} of {len(rows)} PASS · {counts[NOT_YET]} NOT YET · "
                f"{counts[CANT_CHECK]} CAN'T CHECK"
            )
            for r in rows:
                lines.append(f"  {r.line()}")
                if not r.ok:
                    bad.append(r.line())
        for r in self._unknown:
            lines.append(f"Not counted (no such lesson or question): {r.line()}")
        return lines, bad


#: ``from embargo_kit import check``
check = Checker()
