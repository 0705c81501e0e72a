"""embargo_kit: training kit for implementing the UN arms embargo on the DPRK.

``from embargo_kit import check`` gives the exercise checker. Importing the package stays light: no pandas
or matplotlib is imported until a lesson's check or a dataset needs it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"
__all__ = ["check", "__version__"]

if TYPE_CHECKING:  # pragma: no cover
    from .exercises.runtime import Checker

    check: Checker


def __getattr__(name: str) -> Any:
    # Lazy, so that ``python -m embargo_kit.exercises.checking`` and the CLI import nothing they do not use.
    if name == "check":
        from .exercises.runtime import check

        return check
    raise AttributeError(f"module 'embargo_kit' has no attribute {name!r}")
