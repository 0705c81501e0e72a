"""The exercise engine: check runtime (``runtime``), check-module helpers (``checking``), learner-notebook
generation (``generate``) and batch grading (``grade``).

Kept empty of imports so that ``python -m embargo_kit.exercises.checking`` runs cleanly.
"""
