"""Checks for awareness-02, "The regime as data" (exercises/solutions/awareness/awareness-02-regime-as-data.ipynb).

Every expected value that can be derived from the shipped registry is computed here from
:mod:`embargo_kit.datasets`, so the checks follow the registry when it is corrected. The one discrete fact
(q1) is stored as a salted hash. No message states an expected value.
"""

from __future__ import annotations

from typing import Any

from embargo_kit.exercises.checking import Result, matches_hash, question, require_type

LESSON = "awareness-02"

# q1: the resolution that first banned ship-to-ship transfers (salted hash; see the module docstring of
# embargo_kit.exercises.checking for how to recompute it).
_Q1_HASH = "5746f3729783a2d44a6a82cbf30c2560bba5bcc68d581ee9303bb58bac883644"

_LIST_OF_IDS = "a list (or set) of measure IDs, e.g. the values of the `id` column"


# ------------------------------------------------------------------------------------------ helpers
def _datasets():
    from embargo_kit import datasets

    return datasets


def _resolution_numbers() -> set[int]:
    return {int(n) for n in _datasets().resolutions()["number"]}


def _as_int(answer: Any) -> int:
    return int(answer)


def _unknown_resolution(n: int) -> Result:
    return Result.not_yet(
        f"{n} is not one of the resolutions in the registry.",
        hint="Look at the `number` column of datasets.resolutions() for the resolutions of this regime.",
    )


def _as_str_set(answer: Any, what: str) -> tuple[set[str] | None, Result | None]:
    """A set of stripped strings from a list/tuple/set/Series/Index/array, or a CAN'T CHECK Result."""
    kind = type(answer).__name__
    if kind == "DataFrame":
        return None, Result.cant_check(
            f"You gave a whole table; expected {what}.",
            hint="Keep only the id column and turn it into a list: table['id'].tolist().",
        )
    if isinstance(answer, (str, bytes)):
        return None, Result.cant_check(
            f"You gave one piece of text; expected {what}.",
            hint="Put the IDs in a list: ['first-id', 'second-id', ...].",
        )
    if hasattr(answer, "tolist") and not isinstance(answer, (list, tuple, set, frozenset)):
        answer = answer.tolist()
    if isinstance(answer, dict):
        answer = list(answer)
    if (bad := require_type(answer, (list, tuple, set, frozenset), what)) is not None:
        return None, bad
    items = list(answer)
    if not all(isinstance(v, str) for v in items):
        return None, Result.cant_check(
            f"Expected {what}, but some items are not text.",
            hint="Each item should be a measure ID such as the values in the `id` column.",
        )
    return {v.strip() for v in items}, None


def _n_ids(k: int) -> str:
    return "1 of your IDs is" if k == 1 else f"{k} of your IDs are"


# ------------------------------------------------------------------------------------------ questions
@question("q1", expects="a resolution number as an int, e.g. 1874")
def q1(answer: Any) -> Result:
    if (bad := require_type(answer, int, "a resolution number as an int, e.g. 1874")) is not None:
        return bad
    n = _as_int(answer)
    if matches_hash(LESSON, "q1", n, _Q1_HASH):
        return Result.passed(
            "Right: that is the resolution that first banned ship-to-ship transfers with DPRK-flagged vessels."
        )
    if n not in _resolution_numbers():
        return _unknown_resolution(n)
    m = _datasets().measures()
    sts = m[m["measure"].str.contains("ship-to-ship", case=False, na=False)]
    if any(n in later for later in sts["later"]):
        return Result.not_yet(
            f"Resolution {n} came back to ship-to-ship transfers, but a measure can only be first imposed once.",
            hint="The `first` column holds the resolution that first imposed a measure; `later` lists the ones after.",
        )
    return Result.not_yet(
        f"Resolution {n} did not impose the ship-to-ship ban.",
        hint="Filter the measures whose `measure` text contains 'ship-to-ship' (str.contains, case=False), "
        "then read the `first` column.",
    )


def _port_ids() -> set[str]:
    m = _datasets().measures()
    return set(m.loc[m["agencies"].map(lambda a: "port" in a), "id"])


@question("q2", expects=_LIST_OF_IDS)
def q2(answer: Any) -> Result:
    given, bad = _as_str_set(answer, _LIST_OF_IDS)
    if bad is not None:
        return bad
    expected = _port_ids()
    all_ids = set(_datasets().measures()["id"])
    found = given & expected
    unknown = given - all_ids
    extra = (given & all_ids) - expected
    if given == expected:
        return Result.passed(f"All {len(expected)} measures that name port authorities among their agencies.")
    parts = [f"You found {len(found)} of {len(expected)} measures that port authorities must apply."]
    if extra:
        parts.append(f"{_n_ids(len(extra))} for measures whose agencies do not include 'port'.")
    if unknown:
        parts.append(f"{_n_ids(len(unknown))} not in the measures table at all (check the spelling).")
    hint = (
        "`agencies` holds a list in each row: keep the rows where 'port' is in that list, "
        "e.g. measures['agencies'].apply(lambda a: 'port' in a), then take the `id` column."
    )
    if unknown and not extra and len(found) == len(expected):
        hint = "Copy the IDs from the `id` column rather than typing them."
    return Result.not_yet(" ".join(parts), hint=hint)


def _count_2017() -> int:
    r = _datasets().resolutions()
    return int((r["adopted"].dt.year == 2017).sum())


@question("q3", expects="a count as an int")
def q3(answer: Any) -> Result:
    if (bad := require_type(answer, int, "a count of resolutions as an int")) is not None:
        return bad
    n = _as_int(answer)
    expected = _count_2017()
    if n == expected:
        return Result.passed("Right: the Council adopted that many DPRK resolutions in 2017, its busiest year.")
    ds = _datasets()
    if n == len(ds.resolutions()):
        return Result.not_yet(
            "That is the number of all resolutions in the registry, not those of one year.",
            hint="Keep the rows whose `year` is 2017 (or adopted.dt.year == 2017) before you count.",
        )
    m = ds.measures()
    if n == int((m["first_adopted"].dt.year == 2017).sum()):
        return Result.not_yet(
            "That counts measures first imposed in 2017, not resolutions.",
            hint="Count rows of datasets.resolutions(), not of datasets.measures().",
        )
    return Result.not_yet(
        f"{n} is not the number of resolutions adopted in 2017.",
        hint="Filter datasets.resolutions() on the year 2017 and count the rows with len().",
    )


def _finance_first() -> int:
    m = _datasets().measures()
    fin = m[m["category"] == "finance"].sort_values(["first_adopted", "first"])
    return int(fin["first"].iloc[0])


@question("q4", expects="a resolution number as an int")
def q4(answer: Any) -> Result:
    if (bad := require_type(answer, int, "a resolution number as an int, e.g. 1874")) is not None:
        return bad
    n = _as_int(answer)
    if n == _finance_first():
        return Result.passed("Right: financial measures are as old as the regime itself.")
    if n not in _resolution_numbers():
        return _unknown_resolution(n)
    m = _datasets().measures()
    if n in set(m.loc[m["category"] == "finance", "first"]):
        return Result.not_yet(
            f"Resolution {n} did first impose a finance measure, but not the earliest one.",
            hint="Sort the finance rows by `first_adopted` (sort_values) and read the top row.",
        )
    return Result.not_yet(
        f"Resolution {n} first imposed no measure in the finance category.",
        hint="Filter measures on category == 'finance' first, then sort by `first_adopted`.",
    )


def _new_measures_per_resolution():
    return _datasets().measures().groupby("first").size()


@question("q5", expects="a resolution number as an int")
def q5(answer: Any) -> Result:
    if (bad := require_type(answer, int, "a resolution number as an int, e.g. 1874")) is not None:
        return bad
    n = _as_int(answer)
    counts = _new_measures_per_resolution()
    top = counts.max()
    if n in counts.index and counts[n] == top:
        return Result.passed(f"Right: no resolution first imposed more measures ({int(top)}).")
    if n not in _resolution_numbers():
        return _unknown_resolution(n)
    k = int(counts.get(n, 0))
    return Result.not_yet(
        f"Resolution {n} first imposed {k} measure{'s' if k != 1 else ''}; another resolution first imposed more.",
        hint="Group the measures by `first` and count them (groupby('first').size()), then sort or use idxmax().",
    )


def leak_probes() -> dict[str, list[str]]:
    """Every expected answer as text, for the leak scan of the learner notebook and its page in the learner
    site (the answers are facts the lessons teach, so lesson pages are not scanned, only the exercise)."""
    counts = _new_measures_per_resolution()
    most = [int(n) for n in counts.index[counts == counts.max()]]
    m = _datasets().measures()
    sts_first = m.loc[m["measure"].str.contains("ship-to-ship", case=False, na=False), "first"]
    return {
        "q1": [str(int(n)) for n in sorted(set(sts_first))],
        "q2": [repr(sorted(_port_ids())), ", ".join(sorted(_port_ids()))],
        "q3": [f"= {_count_2017()}"],
        "q4": [str(_finance_first())],
        "q5": [str(n) for n in most],
    }
