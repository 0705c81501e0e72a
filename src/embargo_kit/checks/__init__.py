"""Check modules, one per exercise notebook lesson: lesson ``awareness-02`` → ``embargo_kit.checks.awareness_02``.

A check module declares its questions with :mod:`embargo_kit.exercises.kinds` (or ``@question`` for a rule of
its own) and ``leak_probes()``; see CONTRIBUTING.md, "Adding a question". Finding and loading them is the
engine's job (:mod:`embargo_kit.exercises.check_modules`); its functions are re-exported here, so
``checks.load("port-02")`` and ``checks.questions(module)`` keep working.
"""

from embargo_kit.exercises.check_modules import (  # noqa: F401 (re-exported)
    ENV_EXTRA,
    CheckModuleError,
    UnknownLesson,
    __all__,
    available,
    extra_dirs,
    iter_modules,
    lesson_for_module,
    lesson_id_ok,
    load,
    module_name,
    questions,
)
