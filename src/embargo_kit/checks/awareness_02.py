"""Checks for awareness-02, "The regime as data" (exercises/solutions/awareness/awareness-02-regime-as-data.ipynb).

Every expected value that can be derived from the shipped registry is computed here from
:mod:`embargo_kit.datasets`, so the checks follow the registry when it is corrected. The one discrete fact
(q1) is stored as a salted hash. No message states an expected value.
"""

from __future__ import annotations

from embargo_kit.exercises.checking import Result
from embargo_kit.exercises.kinds import Advice, Compared, Hashed, IdSet, Number, OneOf

LESSON = "awareness-02"

# q1: the resolution that first banned ship-to-ship transfers (salted hash; see the module docstring of
# embargo_kit.exercises.checking for how to recompute it).
_Q1_HASH = "5746f3729783a2d44a6a82cbf30c2560bba5bcc68d581ee9303bb58bac883644"

_RESOLUTION = "a resolution number as an int, e.g. 1874"


# ------------------------------------------------------------------------------------------ the data
def _datasets():
    from embargo_kit import datasets

    return datasets


def _resolution_numbers() -> set[int]:
    return {int(n) for n in _datasets().resolutions()["number"]}


def _measure_ids() -> set[str]:
    return set(_datasets().measures()["id"])


def _port_ids() -> set[str]:
    m = _datasets().measures()
    return set(m.loc[m["agencies"].map(lambda a: "port" in a), "id"])


def _count_2017() -> int:
    r = _datasets().resolutions()
    return int((r["adopted"].dt.year == 2017).sum())


def _finance_first() -> int:
    m = _datasets().measures()
    fin = m[m["category"] == "finance"].sort_values(["first_adopted", "first"])
    return int(fin["first"].iloc[0])


def _new_measures_per_resolution():
    return _datasets().measures().groupby("first").size()


def _most_new_measures() -> list[int]:
    counts = _new_measures_per_resolution()
    return [int(n) for n in counts.index[counts == counts.max()]]


# ------------------------------------------------------------------------------------------ advice
def _resolution(qid: str, accepted, advise, passed: str) -> OneOf:
    """A question whose answer is one resolution of the registry (q1, q4, q5)."""
    return OneOf(qid, accepted=accepted, options=_resolution_numbers, kind=int, what=_RESOLUTION, passed=passed,
                 not_an_option="{x} is not one of the resolutions in the registry.",
                 option_hint="Look at the `number` column of datasets.resolutions() for the resolutions of this "
                             "regime.", advise=advise)


def _q1_advice(n: int) -> Result:
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


def _q2_advice(c: Compared) -> Advice | None:
    if c.unknown and not c.wrong and len(c.found) == c.total:
        return Advice(hint="Copy the IDs from the `id` column rather than typing them.")
    return None


def _q3_advice(n: int) -> Result | None:
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
    return None


def _q4_advice(n: int) -> Result:
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


def _q5_advice(n: int) -> Result:
    k = int(_new_measures_per_resolution().get(n, 0))
    return Result.not_yet(
        f"Resolution {n} first imposed {k} measure{'s' if k != 1 else ''}; another resolution first imposed more.",
        hint="Group the measures by `first` and count them (groupby('first').size()), then sort or use idxmax().",
    )


# ------------------------------------------------------------------------------------------ questions
q1 = _resolution("q1", Hashed(LESSON, "q1", _Q1_HASH), _q1_advice,
                 passed="Right: that is the resolution that first banned ship-to-ship transfers with DPRK-flagged "
                        "vessels.")

q2 = IdSet("q2", expected=_port_ids, universe=_measure_ids, noun=("measure", "measures"),
           what="a list (or set) of measure IDs, e.g. the values of the `id` column",
           found="You found {found} of {total} measures that port authorities must apply.",
           wrong=("1 of your IDs is for measures whose agencies do not include 'port'.",
                  "{k} of your IDs are for measures whose agencies do not include 'port'."),
           unknown=("1 of your IDs is not in the measures table at all (check the spelling).",
                    "{k} of your IDs are not in the measures table at all (check the spelling)."),
           passed="All {total} measures that name port authorities among their agencies.",
           hint="`agencies` holds a list in each row: keep the rows where 'port' is in that list, "
                "e.g. measures['agencies'].apply(lambda a: 'port' in a), then take the `id` column.",
           advise=_q2_advice)

q3 = Number("q3", expected=_count_2017, integer=True, what="a count of resolutions as an int",
            passed="Right: the Council adopted that many DPRK resolutions in 2017, its busiest year.",
            wrong="{x} is not the number of resolutions adopted in 2017.",
            hint="Filter datasets.resolutions() on the year 2017 and count the rows with len().", advise=_q3_advice)

q4 = _resolution("q4", lambda: [_finance_first()], _q4_advice,
                 passed="Right: financial measures are as old as the regime itself.")

q5 = _resolution("q5", _most_new_measures, _q5_advice,
                 passed="Right: no resolution first imposed more measures.")


def leak_probes() -> dict[str, list[str]]:
    """Every expected answer as text, for the leak scan of the learner notebook and its page in the learner
    site (the answers are facts the lessons teach, so lesson pages are not scanned, only the exercise)."""
    most = _most_new_measures()
    m = _datasets().measures()
    sts_first = m.loc[m["measure"].str.contains("ship-to-ship", case=False, na=False), "first"]
    return {
        "q1": [str(int(n)) for n in sorted(set(sts_first))],
        "q2": q2.probes(),
        "q3": [f"= {_count_2017()}"],
        "q4": [str(_finance_first())],
        "q5": [str(n) for n in most],
    }
