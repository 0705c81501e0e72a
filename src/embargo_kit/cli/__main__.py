"""``python -m embargo_kit.cli`` is the same as the ``embargo-kit`` console script."""

from . import app

app()
