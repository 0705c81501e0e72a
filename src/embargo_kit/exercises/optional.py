"""Name matching is optional: what is missing without it, and how to install it.

design.md ("Learner bundle and offline wheelhouse"): a dependency with no wheels for a platform is an optional
extra, and what needs it says so. ``followthemoney``, ``rigour`` and ``fingerprints`` need ``normality``, which
needs PyICU, and PyICU has no wheels on PyPI (pip builds it against the system's ICU, with a C++ compiler). So
they are the ``names`` extra (``pip install -e ".[names]"`` in a checkout; :func:`install_line` for an installed
wheel); rapidfuzz has wheels and stays in the core.

Everything that uses them imports them through :func:`require` (raises :class:`MissingExtra`, whose message says
what to install) or, in a notebook's setup cell, :func:`load` (prints that message once and gives a stand-in
that is false in ``if`` and raises :class:`MissingExtra` when used). The check runtime turns a
:class:`MissingExtra` raised while a check runs (even one the check caught) into CAN'T CHECK with the install
line, never a traceback. This module imports only the standard library.
"""

from __future__ import annotations

import importlib
import re
from contextlib import contextmanager
from types import ModuleType
from typing import Iterator

__all__ = ["EXTRA", "NOTEBOOKS", "MissingExtra", "available", "install_line", "hint", "load", "message", "require",
           "requirements", "sentence", "watch"]

EXTRA = "names"
#: the notebooks whose name matching needs the extra (everything else runs without it)
NOTEBOOKS = ("customs-02", "finance-02")
#: top-level modules of the extra
MODULES = ("fingerprints", "followthemoney", "rigour")
#: used when the installed package's metadata cannot be read (kept equal to pyproject.toml by a test)
FALLBACK_REQUIREMENTS = ("followthemoney>=4.11,<5", "rigour>=2.6,<3", "fingerprints>=1.3,<2")
_EXTRA_MARKER = re.compile(r"""extra\s*==\s*["']%s["']""" % EXTRA)


class MissingExtra(ImportError):
    """A library of the ``names`` extra is not installed; ``str(exc)`` says what to install."""

    def __init__(self, module: str, purpose: str = "") -> None:
        self.module = module
        self.purpose = purpose
        super().__init__(message(module, purpose), name=module)
        for seen in _watchers:
            seen.append(self)

    def result(self):
        """CAN'T CHECK with one sentence and the install line, for the check runtime."""
        from .checking import Result

        return Result.cant_check(sentence(self.module, "This check"), hint=hint(notebook=True))


@contextmanager
def watch() -> Iterator[list[MissingExtra]]:
    """Collects every :class:`MissingExtra` raised inside the block, even one a check caught itself (a check that
    calls the learner's function reports its errors as the learner's; a missing library is not one)."""
    seen: list[MissingExtra] = []
    _watchers.append(seen)
    try:
        yield seen
    finally:
        _watchers.remove(seen)


_watchers: list[list[MissingExtra]] = []


def requirements() -> tuple[str, ...]:
    """The extra's requirement specifiers, as the installed package declares them."""
    try:
        from importlib.metadata import PackageNotFoundError, requires

        declared = requires("embargo_kit") or []
    except PackageNotFoundError:
        declared = []
    found = tuple(r.split(";")[0].strip().replace(" ", "") for r in declared if _EXTRA_MARKER.search(r))
    return found or FALLBACK_REQUIREMENTS


def install_line(*, notebook: bool = False) -> str:
    """``pip install "..." ...`` for the extra (``%pip`` in a notebook cell, which installs into its kernel)."""
    return ("%pip install " if notebook else "python -m pip install ") + " ".join(f'"{r}"' for r in requirements())


def message(module: str, purpose: str = "", *, notebook: bool = False) -> str:
    """One sentence saying what is missing, then the install line."""
    return f"{sentence(module, purpose)} {hint(notebook=notebook)}"


def sentence(module: str, purpose: str = "") -> str:
    return (f"{purpose or 'Name matching'} needs the optional name-matching libraries, and {module} is not "
            "installed on this computer.")


def hint(*, notebook: bool = False) -> str:
    return (f"Install them with: {install_line(notebook=notebook)}"
            + (" then restart the kernel (Kernel > Restart Kernel)." if notebook else ".")
            + " They need PyICU, which has no ready-made wheel on PyPI: on Linux pip builds it (it needs the ICU "
              "development files, a C++ compiler and the Python headers); for Windows and macOS see the course "
              "book's page 'Running the notebooks' (section 3) or the kit's README.txt.")


def available() -> bool:
    """True when every library of the extra imports."""
    try:
        for name in MODULES:
            importlib.import_module(name)
    except ImportError:
        return False
    return True


def require(module: str, purpose: str = "") -> ModuleType:
    """``import module`` (e.g. ``"fingerprints"``, ``"rigour.names"``), or :class:`MissingExtra` saying what to do."""
    try:
        return importlib.import_module(module)
    except ImportError as exc:
        raise MissingExtra(module.split(".")[0], purpose) from exc


def load(module: str) -> ModuleType:
    """For a notebook's setup cell: the module, or (printing once what to install) a stand-in that is false in
    ``if`` and raises :class:`MissingExtra` when used, so a guarded cell says why it skipped and learner code
    that calls it names the fix instead of ``'NoneType' object has no attribute``."""
    try:
        return importlib.import_module(module)
    except ImportError:
        top = module.split(".")[0]
        if top not in _told:
            _told.add(top)
            print("NOTE: " + message(top, "This notebook's name matching", notebook=True))
        return _Missing(module)


class _Missing(ModuleType):
    """Stands in for a module of the extra that is not installed."""

    def __bool__(self) -> bool:
        return False

    def __getattr__(self, attr: str):
        if attr.startswith("_"):  # IPython and pickle probe private names: a plain "no such attribute"
            raise AttributeError(attr)
        raise MissingExtra(self.__name__.split(".")[0], "This notebook's name matching")

    def __repr__(self) -> str:
        return f"<{self.__name__}: not installed (optional name matching)>"


_told: set[str] = set()
