"""The search index keeps codes and IDs whole and in pieces, and stems like the search page does."""
from __future__ import annotations

from embargo_kit.sphinx.search import DIGITS_FILTER, CodeAwareEnglish


def test_codes_and_ids_are_indexed_whole_and_in_pieces():
    words = CodeAwareEnglish({}).split("HS 93.06 under 2397/9; see port-02 and KPe.020. Plain words.")
    for whole in ("93.06", "2397/9", "port-02", "KPe.020"):
        assert whole in words, whole
    for piece in ("93", "06", "2397", "9", "port", "02", "KPe", "020", "HS", "Plain", "words"):
        assert piece in words, piece
    assert "words." not in words and "" not in words


def test_short_words_are_not_stemmed_as_the_search_page_does_not_stem_them():
    lang = CodeAwareEnglish({})
    assert lang.stem("HS") == "hs"
    assert lang.stem("ships") == "ship"


def test_the_number_filter_of_searchtools_is_found():
    line = 'stopwords.indexOf(queryTermLower) !== -1 ||\n        queryTerm.match(/^\\d+$/)\n      )'
    assert DIGITS_FILTER.sub("", line) == "stopwords.indexOf(queryTermLower) !== -1 \n      )"
