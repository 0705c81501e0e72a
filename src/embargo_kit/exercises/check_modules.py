"""Finding the check modules: lesson ``awareness-02`` → ``embargo_kit.checks.awareness_02``.

The engine finds check modules by name (:func:`importlib.import_module`), never by importing the ``checks``
package's contents statically: the checks depend on the engine, not the other way round. Besides the
modules shipped in ``embargo_kit.checks``, the runtime also looks in the folders listed in the environment
variable ``EMBARGO_KIT_EXTRA_CHECKS`` (separated by ``os.pathsep``). It exists for the engine's own tests
and for authoring a check before it is added to the package; shipped modules win on a name clash.
"""

from __future__ import annotations

import importlib
import importlib.util
import os
import pkgutil
import re
import sys
from pathlib import Path
from types import ModuleType
from typing import Iterator

from .checking import Question

__all__ = [
    "ENV_EXTRA",
    "UnknownLesson",
    "CheckModuleError",
    "lesson_id_ok",
    "module_name",
    "lesson_for_module",
    "extra_dirs",
    "available",
    "load",
    "iter_modules",
    "questions",
]

ENV_EXTRA = "EMBARGO_KIT_EXTRA_CHECKS"
PACKAGE = "embargo_kit.checks"  # where the shipped check modules live
LESSON_RE = re.compile(r"^[a-z]+-\d{2}[a-z]?$")
_MODULE_RE = re.compile(r"^[a-z]+_\d{2}[a-z]?$")
_EXTRA_PREFIX = "embargo_kit_extra_checks"
_extra_cache: dict[str, tuple[float, ModuleType]] = {}


class UnknownLesson(LookupError):
    """No check module exists for this lesson ID."""


class CheckModuleError(RuntimeError):
    """A check module exists but could not be imported or declares its questions wrongly."""


def lesson_id_ok(lesson: str) -> bool:
    return isinstance(lesson, str) and bool(LESSON_RE.match(lesson))


def module_name(lesson: str) -> str:
    """``awareness-02`` → ``awareness_02`` (``port-02a`` → ``port_02a``)."""
    return lesson.replace("-", "_")


def lesson_for_module(name: str) -> str:
    return name.rsplit(".", 1)[-1].replace("_", "-")


def extra_dirs() -> list[Path]:
    raw = os.environ.get(ENV_EXTRA, "")
    return [Path(p) for p in raw.split(os.pathsep) if p.strip()]


def available(include_extra: bool = True) -> list[str]:
    """Lesson IDs that have a check module (shipped ones and, unless told not to, extra folders), sorted."""
    spec = importlib.util.find_spec(PACKAGE)
    shipped = list(spec.submodule_search_locations or []) if spec else []
    names = {m.name for m in pkgutil.iter_modules(shipped) if _MODULE_RE.match(m.name)}
    for folder in extra_dirs() if include_extra else []:
        if folder.is_dir():
            names |= {p.stem for p in folder.glob("*.py") if _MODULE_RE.match(p.stem)}
    return sorted(lesson_for_module(n) for n in names)


def _load_extra(name: str) -> ModuleType | None:
    for folder in extra_dirs():
        path = folder / f"{name}.py"
        if not path.is_file():
            continue
        mtime = path.stat().st_mtime
        key = str(path.resolve())
        cached = _extra_cache.get(key)
        if cached and cached[0] == mtime:
            return cached[1]
        full = f"{_EXTRA_PREFIX}.{name}"
        spec = importlib.util.spec_from_file_location(full, path)
        if spec is None or spec.loader is None:  # pragma: no cover
            continue
        module = importlib.util.module_from_spec(spec)
        sys.modules[full] = module
        try:
            spec.loader.exec_module(module)
        except Exception as exc:
            sys.modules.pop(full, None)
            raise CheckModuleError(f"the check module {path} could not be imported") from exc
        _extra_cache[key] = (mtime, module)
        return module
    return None


def load(lesson: str) -> ModuleType:
    """Import the check module of ``lesson``. Raises UnknownLesson or CheckModuleError."""
    if not lesson_id_ok(lesson):
        raise UnknownLesson(lesson)
    name = module_name(lesson)
    full = f"{PACKAGE}.{name}"
    if importlib.util.find_spec(full) is not None:
        try:
            return importlib.import_module(full)
        except Exception as exc:
            raise CheckModuleError(f"the check module {full} could not be imported") from exc
    module = _load_extra(name)
    if module is None:
        raise UnknownLesson(lesson)
    return module


def iter_modules(include_extra: bool = True) -> Iterator[ModuleType]:
    """Every check module, imported (errors propagate: a broken module should fail the tests)."""
    for lesson in available(include_extra):
        yield load(lesson)


def questions(module: ModuleType) -> dict[str, Question]:
    """The questions a module declares (``@question`` functions and question kinds), in definition order."""
    found: dict[str, Question] = {}
    for value in list(vars(module).values()):
        if not callable(value):
            continue
        spec = getattr(value, "__embargo_question__", None)
        if not isinstance(spec, Question):
            continue
        if spec.qid in found and found[spec.qid].func is not spec.func:
            raise CheckModuleError(f"{module.__name__} declares question {spec.qid!r} twice")
        found[spec.qid] = spec
    return found
