"""Trainer tools: workshop planner, pre/post tests and learning gain, slides, handouts, evaluation, kits.

Every tool reads the lessons' front matter (the lesson contract, CONTRIBUTING.md) and the quiz bank, so
what a trainer prints never drifts from the book. The CLI is ``embargo-kit workshop plan|gain|kit|evaluation``
(:mod:`embargo_kit.cli.workshop`).
"""
