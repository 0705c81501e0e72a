"""Validators of the synthetic world: what a professional would reject in the practice data.

Each dataset (port, customs, finance, identifiers ...) has its own module in this package; a module registers
its checks with :func:`validator`, and :func:`run` runs them all on a generated world (``generate.build()``)
and returns the findings. ``embargo-kit data regenerate --check`` and ``tests/world`` fail on any finding.

>>> from embargo_kit.world import generate, validate
>>> world = generate.build()
>>> validate.run(world)                   # [] when the world is clean
>>> validate.counts(validate.run(world))  # {"customs/hs-code-invalid": 3, ...}

Adding a check (any module here, discovered automatically)::

    from . import validator

    @validator("finance", "payment-currency-unknown")
    def _currencies(world):
        for p in world["tables"]["payments"]:
            if p["currency"] not in ISO4217:
                yield p["msg_id"], f"currency {p['currency']} is not an ISO 4217 code"

A check takes the world (``{"tables": {name: [row dicts]}, "planted": {...}, "entities": [...]}``) and yields
``(where, message)`` pairs: ``where`` names the record (a B/L, a container, an IMO number) so that a finding
can be found in the data.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections import Counter
from dataclasses import dataclass
from typing import Callable, Iterable, Iterator


@dataclass(frozen=True)
class Finding:
    dataset: str
    kind: str
    where: str
    message: str

    def __str__(self) -> str:
        return f"{self.dataset}/{self.kind} · {self.where} · {self.message}"


Check = Callable[[dict], Iterable[tuple[str, str]]]
#: (dataset, kind) -> check function, in registration order
REGISTRY: dict[tuple[str, str], Check] = {}


def validator(dataset: str, kind: str) -> Callable[[Check], Check]:
    """Register ``fn`` as the check ``dataset/kind`` (a kind names what is wrong, e.g. ``container-overweight``)."""

    def register(fn: Check) -> Check:
        key = (dataset, kind)
        if key in REGISTRY and REGISTRY[key] is not fn:
            raise ValueError(f"validator {dataset}/{kind} is registered twice")
        REGISTRY[key] = fn
        return fn

    return register


def _load_modules() -> None:
    for info in pkgutil.iter_modules(__path__):
        if not info.name.startswith("_"):
            importlib.import_module(f"{__name__}.{info.name}")


def checks(dataset: str | None = None) -> dict[tuple[str, str], Check]:
    """Every registered check (optionally of one dataset)."""
    _load_modules()
    return {k: f for k, f in REGISTRY.items() if dataset is None or k[0] == dataset}


def run(world: dict, dataset: str | None = None) -> list[Finding]:
    """All findings of every check on ``world`` (e.g. ``generate.build()``: the validators never import the
    generator, which reads their limits)."""
    return list(_run(world, dataset))


def _run(world: dict, dataset: str | None) -> Iterator[Finding]:
    for (ds, kind), fn in checks(dataset).items():
        for where, message in fn(world):
            yield Finding(ds, kind, str(where), message)


def counts(findings: Iterable[Finding]) -> dict[str, int]:
    """``{"dataset/kind": number of findings}``, sorted by name."""
    return dict(sorted(Counter(f"{f.dataset}/{f.kind}" for f in findings).items()))


def report(findings: list[Finding], limit: int = 5) -> str:
    """A few lines per kind, for the command line."""
    lines, shown = [], Counter()
    for f in findings:
        key = f"{f.dataset}/{f.kind}"
        shown[key] += 1
        if shown[key] <= limit:
            lines.append(str(f))
    for key, n in counts(findings).items():
        if n > limit:
            lines.append(f"{key} · … and {n - limit} more")
    return "\n".join(lines)
