/* Search ranking (html_search_scorer, read by embargo_kit.sphinx.search): Sphinx's default weights, and
 * lesson, notebook and case pages ranked before other pages that match as well, so a case name or a code
 * leads to where it is taught. */
var Scorer = {
  score: (result) => {
    const [docname, , , , score] = result;
    if (/(^|\/)[a-z]+-\d{2}[a-z]?-/.test(docname) || /reference\/cases$/.test(docname)) return score + 30;
    return score;
  },
  objNameMatch: 11,
  objPartialMatch: 6,
  objPrio: { 0: 15, 1: 5, 2: -5 },
  objPrioDefault: 0,
  title: 15,
  partialTitle: 7,
  term: 5,
  partialTerm: 2,
};
