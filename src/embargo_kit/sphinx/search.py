"""Search that finds what customs and port officers type: HS codes, paragraph numbers and IDs.

Sphinx's English search splits "93.06", "port-02" and "KPe.020" into bare pieces, and its searchtools.js
drops every query word made of digits ("93", "2397"), so a search for a code found nothing. At build time,
in Python:

* ``CodeAwareEnglish`` (registered for ``en``) indexes each compound token whole ("93.06", "port-02",
  "kpe.020", "2397/9") and also its pieces ("93", "06"), and gives the search page a splitter that keeps
  compound tokens whole;
* ``_keep_number_queries`` removes the digits-only filter from the copied searchtools.js (and warns if the
  Sphinx release changed that line, so the fix cannot silently stop working);
* ``static/search-scorer.js`` (``html_search_scorer``) ranks lesson, notebook and case pages first.
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from sphinx.search.en import SearchEnglish
from sphinx.util import logging

logger = logging.getLogger(__name__)

SCORER = Path(__file__).resolve().parent / "static" / "search-scorer.js"
COMPOUND = re.compile(r"\w+(?:[./-]\w+)*")
PIECE = re.compile(r"\w+")
# searchtools.js (Sphinx 7.x): `stopwords.indexOf(queryTermLower) !== -1 || queryTerm.match(/^\d+$/)`
DIGITS_FILTER = re.compile(r"\|\|\s*queryTerm\.match\(/\^\\d\+\$/\)")


class CodeAwareEnglish(SearchEnglish):
    """English search that keeps codes and IDs whole as well as in pieces."""

    js_splitter_code = r"""
function splitQuery(query) {
  // Codes and IDs stay whole ("93.06", "port-02", "KPe.020", "2397/9"); other punctuation splits words.
  return query.match(/[\p{Letter}\p{Number}_]+(?:[.\-\/][\p{Letter}\p{Number}_]+)*/gu) || [];
}
"""

    def stem(self, word: str) -> str:
        # The search page's stemmer leaves words under three letters alone ("HS"); Python's would make "hs"
        # into "h", and the query would then miss the index.
        return word.lower() if len(word) < 3 else super().stem(word)

    def split(self, input: str) -> list[str]:  # noqa: A002 - Sphinx's signature
        words: list[str] = []
        for token in COMPOUND.findall(input):
            words.append(token)
            if not token.isalnum():
                words.extend(PIECE.findall(token))
        return words


def _use_scorer(app: Any, config: Any) -> None:
    if not config.html_search_scorer:
        config.html_search_scorer = str(SCORER)


def _keep_number_queries(app: Any, exception: Exception | None) -> None:
    if exception is not None or app.builder.format != "html":
        return
    script = Path(app.outdir) / "_static" / "searchtools.js"
    if not script.exists():
        return
    text = script.read_text(encoding="utf-8")
    fixed, count = DIGITS_FILTER.subn("", text)
    if count:
        script.write_text(fixed, encoding="utf-8")
    elif "queryTerm.match(/^\\d+$/)" in text or "^\\d+$" in text:
        logger.warning("search: searchtools.js still drops number queries; update embargo_kit.sphinx.search")


def setup(app: Any) -> dict[str, Any]:
    app.add_search_language(CodeAwareEnglish)
    app.connect("config-inited", _use_scorer)
    app.connect("build-finished", _keep_number_queries)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
