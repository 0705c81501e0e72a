"""What the check-module tests share: a message must never reveal an expected value."""
from __future__ import annotations

import re


def never_shows(text: str, *values) -> None:
    """Fail if any value (lists, tuples and sets are flattened) appears as a whole token in ``text``."""
    for v in values:
        if isinstance(v, (list, tuple, set, frozenset)):
            never_shows(text, *v)
            continue
        assert not re.search(rf"(?<![\w-]){re.escape(str(v))}(?![\w-])", text), f"the message reveals {v!r}"
