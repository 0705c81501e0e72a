"""`make doctor`: which optional system tools are present, and what needs each one."""
from __future__ import annotations

import importlib.util
import shutil
import sys

TOOLS = [
    ("chromium", "chromium", "browser tests, page weight, PDF of tracks and handouts"),
    ("chromedriver", "chromium-driver", "axe accessibility checks through WebDriver"),
    ("bwrap", "bubblewrap", "grading submissions inside a sandbox"),
    ("fc-list", "fontconfig", "checking that fonts-noto-cjk is installed for Korean names in PDFs"),
    ("nginx", "nginx", "serving the learner edition the way it is published"),
    ("pdftoppm", "poppler-utils", "looking at generated PDFs page by page"),
    ("node", "nodejs", "running the quiz JavaScript in tests"),
]


def main() -> int:
    missing = 0
    print(f"Python {sys.version.split()[0]} at {sys.executable}")
    for command, package, purpose in TOOLS:
        path = shutil.which(command)
        mark = "ok     " if path else "MISSING"
        missing += path is None
        print(f"  {mark} {command:<13} (Debian package {package:<16}) for {purpose}")
    # the "names" extra (embargo_kit/exercises/optional.py): PyICU has no wheels, so it is optional
    names = all(importlib.util.find_spec(m) for m in ("icu", "fingerprints", "followthemoney", "rigour"))
    print(f"  {'ok     ' if names else 'MISSING'} name matching (the names extra: PyICU, fingerprints, followthemoney, "
          "rigour) for customs-02, finance-02 and `data regenerate`" + ("" if names else
          ': pip install -e ".[names]" (Debian: apt-get install libicu-dev pkg-config g++ python3-dev first)'))
    if missing:
        print(f"{missing} optional tool(s) missing: the tests that need them are skipped, and say which package "
              "to install (apt-get install <package>). With CI=true a missing tool fails the run.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
