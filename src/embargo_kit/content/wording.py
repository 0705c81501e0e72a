"""The wording lint: the course says "shall" wherever the Council did (design.md, "The wording lint").

It reads every unit a learner or an official reads: sentences of lesson text, list items and table rows under
``book/``; quiz and pre/post items and the other YAML text under ``data/quizbank``, ``data/national`` and
``data/reference``; and the string literals of ``checks/``, ``capstone/`` and ``national/`` (from the syntax
tree, so a refactor does not hide them). A unit *cites* a clause of the registry when it holds a citation
({res}`2397/9`, {res}`2397`, ``2397/9``, "resolution 2397 (2017), para 9", "resolution 2397") and one of
the clause's act keywords. Permissive wording (may, can, lets, allowed to, consider, option, at its
discretion) next to the act of an obligation, or mandatory wording (must, shall, required, obliged) next to
the act of a call, is a finding: file, line, the paragraph's operative words, the sentence. "may not",
"cannot", "must not" are prohibitions and pass. Reviewed exceptions live in ``wording_allow.yaml`` (each with
a reason); findings the course had before the lint are listed in ``wording_baseline.txt`` until fixed.

``python -m embargo_kit.content.wording [ROOT] [--all]`` prints the findings beyond the baseline (``--all``:
every finding) and exits 1 if there are any.
"""
from __future__ import annotations

import ast
import re
import sys
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import yaml

from embargo_kit.content.force import Clause, clauses
from embargo_kit.content.lint import Problem

ALLOW_FILE = "content/wording_allow.yaml"
BASELINE_FILE = "content/wording_baseline.txt"
#: how many words either side of an act keyword the force word may stand
WINDOW = 6

CITE_PATTERNS = [
    re.compile(r"\{res\}`\s*(?P<n>\d{4})\s*(?:/\s*(?P<p>[0-9]+[0-9a-z()]*))?\s*`"),
    re.compile(r"(?<![\w/.-])(?P<n>1718|1874|2087|2094|2270|2321|2356|2371|2375|2397|2664)/(?P<p>\d+(?:\s?\([a-z]+\))*(?:\([ivx]+\))?)"),
    re.compile(r"\b(?:resolution|S/RES/|UNSCR)\s*(?P<n>\d{4})(?:\s*\(\d{4}\))?(?:,?\s*(?:para(?:graph)?s?|OP)\.?\s*(?P<p>\d+(?:\s?\([a-z]+\))?(?:\([ivx]+\))?))?",
               re.IGNORECASE),
    re.compile(r"\bpara(?:graph)?\.?\s*(?P<p>\d+(?:\s?\([a-z]+\))?)\s+of\s+(?:resolution\s+)?(?P<n>\d{4})\b", re.IGNORECASE),
]
#: force words and how far their governed act may stand: "modal" = the next content word (after be/also/still…)
#: must be an act keyword ("may impound", "can be seized"); "object" = within the next five words ("lets states
#: seize", "required them to inspect"); "around" = within WINDOW words either side ("consider impounding",
#: "impounding is an option")
PERMISSIVE = [
    ("modal", re.compile(r"\b(?:may|can)\b(?!\s+not\b|\s+no\s+longer\b|\s+never\b)(?<!\bcannot)", re.IGNORECASE)),
    ("object", re.compile(r"\b(?:lets?|allows?|(?:is|are|be|were|was)\s+allowed\s+to|allowed\s+to|empower(?:s|ed)?|"
                          r"free\s+to|entitled\s+to)\b", re.IGNORECASE)),
    ("around", re.compile(r"\b(?:consider(?:s|ed|ing)?|options?|optional(?:ly)?|"
                          r"at\s+(?:its|their|the\s+state's|your|a\s+state's)\s+discretion)\b", re.IGNORECASE)),
]
MANDATORY = [
    ("modal", re.compile(r"\b(?:must|shall)\b(?!\s+not\b)", re.IGNORECASE)),
    ("object", re.compile(r"\b(?:required|requires?|obliged|obliges?|obligation|obligatory|duty)\b", re.IGNORECASE)),
]
SKIP = {"be", "also", "still", "only", "then", "lawfully", "legally", "even", "now", "therefore", "thus",
        "immediately", "further", "in", "turn", "itself", "themselves", "rightly", "properly", "first"}
NEGATION = {"no", "not", "nor", "never", "neither", "none", "nobody", "cannot"}
WINDOW = 6
MONTH_MAY = re.compile(r"\b\d{1,2}\s+May\b|\bMay\s+\d{1,4}\b")
#: a decision "option B" or "the options" is a menu, not a permission
OPTION_MENU = re.compile(r"\boptions?\s+[A-E]\b|\b[A-E]\s+option\b|\boptions?\s*\(|\bthe\s+options\b", re.IGNORECASE)
#: link targets and cross-references carry words ("what-the-border-must-stop") that are not wording
LINKS = re.compile(r"\{(?:doc|ref|download|numref)\}`[^`]*`|\]\([^)]*\)|<[^>\s]*>|https?://\S+")


@dataclass(frozen=True)
class Unit:
    path: str         # relative to the project root
    line: int
    text: str


@dataclass(frozen=True)
class Finding:
    path: str
    line: int
    cite: str
    kind: str         # "permissive wording on an obligation" | "mandatory wording on a call"
    operative: str
    sentence: str

    def key(self) -> str:
        """The baseline key: stable when lines move."""
        return f"{self.path}: {self.cite}: {self.sentence}"

    def __str__(self) -> str:
        return (f"{self.path}:{self.line}: {self.cite}: {self.kind} (the Council: {self.operative}): "
                f"{self.sentence}")


# ------------------------------------------------------------------------------------------ reading units
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z{(\"'“])")
CODE_DIRECTIVES = {"code-cell", "code", "code-block", "literalinclude", "raw", "math"}
FENCE = re.compile(r"^\s*(`{3,}|~{3,}|:{3,})\s*(\{(?P<directive>[^}]+)\})?")


def _clean(text: str) -> str:
    return " ".join(text.split())


def markdown_units(path: Path, rel: str) -> list[Unit]:
    """Sentences of paragraphs and list items, and whole table rows, with their first line."""
    units: list[Unit] = []
    lines = path.read_text(encoding="utf-8").splitlines()
    in_code = False
    fence = ""
    stack: list[str] = []
    block: list[tuple[int, str]] = []
    in_front = bool(lines and lines[0].strip() == "---")

    def flush():
        if block:
            start = block[0][0]
            text = " ".join(t for _, t in block)
            for sentence in _SENTENCE_END.split(text):
                if sentence.strip():
                    # the line of a sentence: the block line where its first words stand
                    head = sentence.strip()[:25]
                    line = next((n for n, t in block if head[:12] and head[:12] in t), start)
                    units.append(Unit(rel, line, _clean(sentence)))
            block.clear()

    for number, raw in enumerate(lines, start=1):
        if in_front:
            if number > 1 and raw.strip() == "---":
                in_front = False
            continue
        if in_code:
            if raw.strip() == fence:
                in_code = False
            continue
        match = FENCE.match(raw)
        if match:
            flush()
            marker, directive = match[1], (match["directive"] or "").strip()
            rest = raw.strip()[len(marker):].strip()
            if directive and directive not in CODE_DIRECTIVES:
                stack.append(marker)                     # a directive: its body is text
            elif not rest and stack and stack[-1][0] == marker[0] and len(marker) >= len(stack[-1]):
                stack.pop()                              # the directive's closing fence
            else:
                in_code, fence = True, marker            # code: ```python, ``` or {code-cell}
            continue
        stripped = raw.strip()
        if not stripped or stripped.startswith((":", "(", "<!--", "#")) and not stripped.startswith("(("):
            flush()
            if stripped.startswith("#"):
                units.append(Unit(rel, number, _clean(stripped.lstrip("#"))))
            continue
        if stripped.startswith("|"):
            flush()
            if not re.fullmatch(r"\|[\s:|-]+\|?", stripped):
                units.append(Unit(rel, number, _clean(stripped.strip("|").replace("|", " · "))))
            continue
        if re.match(r"^([-*+]|\d+[.)])\s+", stripped):
            flush()
            stripped = re.sub(r"^([-*+]|\d+[.)])\s+", "", stripped)
        block.append((number, stripped))
    flush()
    return units


def yaml_units(path: Path, rel: str) -> list[Unit]:
    """Every string scalar of a YAML file (quiz stems, options, feedback, explanations, checklist text)."""
    try:
        root = yaml.compose(path.read_text(encoding="utf-8"))
    except yaml.YAMLError:
        return []
    units: list[Unit] = []
    skip_keys = {"id", "lesson", "objective", "tracks", "use", "type", "correct", "accept", "applies", "states",
                 "code", "role", "as_of", "date", "url"}

    def walk(node, key=None):
        if isinstance(node, yaml.ScalarNode):
            if key not in skip_keys and node.tag.endswith(":str") and isinstance(node.value, str):
                for sentence in _SENTENCE_END.split(_clean(node.value)):
                    if sentence:
                        units.append(Unit(rel, node.start_mark.line + 1, sentence))
        elif isinstance(node, yaml.SequenceNode):
            for child in node.value:
                walk(child, key)
        elif isinstance(node, yaml.MappingNode):
            for k, v in node.value:
                walk(v, getattr(k, "value", None))

    if root is not None:
        walk(root)
    return units


def python_units(path: Path, rel: str) -> list[Unit]:
    """String literals (f-strings by their fixed parts) of a Python module, from its syntax tree."""
    try:
        tree = ast.parse(path.read_text(encoding="utf-8"))
    except SyntaxError:
        return []
    units: list[Unit] = []
    docstrings = {id(node.body[0].value) for node in ast.walk(tree)
                  if isinstance(node, (ast.Module, ast.FunctionDef, ast.ClassDef, ast.AsyncFunctionDef))
                  and node.body and isinstance(node.body[0], ast.Expr)
                  and isinstance(node.body[0].value, ast.Constant)}
    inside_fstring = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.JoinedStr):
            parts = []
            for value in node.values:
                inside_fstring.add(id(value))
                parts.append(value.value if isinstance(value, ast.Constant) and isinstance(value.value, str)
                             else "…")
            units.append(Unit(rel, node.lineno, _clean("".join(parts))))
    for node in ast.walk(tree):
        if (isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings
                and id(node) not in inside_fstring and " " in node.value):
            units.append(Unit(rel, node.lineno, _clean(node.value)))
    return units


def course_units(root: Path) -> list[Unit]:
    root = Path(root)
    units: list[Unit] = []
    for path in sorted((root / "book").rglob("*.md")):
        if "_build" in path.parts:
            continue
        units += markdown_units(path, str(path.relative_to(root)))
    data = root / "src" / "embargo_kit" / "data"
    for folder in ("quizbank", "national", "reference", "capstone"):
        for path in sorted((data / folder).rglob("*.yaml")) if (data / folder).is_dir() else []:
            units += yaml_units(path, str(path.relative_to(root)))
    pkg = root / "src" / "embargo_kit"
    for folder in ("checks", "capstone", "national"):
        for path in sorted((pkg / folder).rglob("*.py")) if (pkg / folder).is_dir() else []:
            units += python_units(path, str(path.relative_to(root)))
    return units


# ---------------------------------------------------------------------------------------------- checking
def citations_in(text: str) -> set[tuple[int, str | None]]:
    """(resolution, paragraph or None) for every citation a unit holds."""
    found = set()
    for pattern in CITE_PATTERNS:
        for match in pattern.finditer(text):
            para = match.groupdict().get("p")
            para = re.sub(r"\s+", "", para) if para else None
            found.add((int(match["n"]), para))
    return found


def _tokens(text: str) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m.group(0).strip(".,;:()[]'\"“”‘’*`").lower()) for m in re.finditer(r"\S+", text)]


def _token_at(tokens, pos: int) -> int:
    for i, (s, e, _) in enumerate(tokens):
        if s <= pos < e:
            return i
    return len(tokens)


def _governs(text: str, act: re.Pattern, words: list) -> re.Match | None:
    """A force word that governs an act keyword (see PERMISSIVE), used not mentioned, not negated."""
    tokens = _tokens(text)
    acts = sorted({_token_at(tokens, m.start()) for m in act.finditer(text)})
    for kind, pattern in words:
        for match in pattern.finditer(text):
            before = text[max(0, match.start() - 1):match.start()]
            after = text[match.end():match.end() + 1]
            if before and after and before in "\"'“‘*" and after in "\"'”’*":
                continue                                 # the word is mentioned ("not 'may'"), not used
            if match.group(0) == "May" and MONTH_MAY.search(text[max(0, match.start() - 3):match.end() + 6]):
                continue
            if match.group(0).lower().startswith("option") and OPTION_MENU.search(
                    text[max(0, match.start() - 6):match.end() + 4]):
                continue
            i = _token_at(tokens, match.start())
            last = _token_at(tokens, match.end() - 1)
            if any(tokens[k][2] in NEGATION for k in range(max(0, i - 3), i)):
                continue                                 # "no state may", "not required": a prohibition
            negated = [k for k in range(max(0, i - 9), i - 1) if tokens[k][2] in NEGATION]
            if negated and (tokens[i - 1][2] in {"or", "nor"} or text[tokens[i - 1][1] - 1] == ",") and not any(
                    text[tokens[k][1] - 1] in ";:.·" for k in range(negated[-1], i - 1)):
                continue                                 # "do not register ... or let ...": one list of prohibitions
            if kind == "modal":
                j = last + 1
                while j < len(tokens) and tokens[j][2] in SKIP:
                    j += 1
                hits = [a for a in acts if a == j]
            elif kind == "object":
                hits = [a for a in acts if last < a <= last + 5]
            else:                                        # same clause only: no ; : or · between
                hits = [a for a in acts if abs(a - i) <= WINDOW and not any(
                    text[tokens[k][1] - 1] in ";:·" for k in range(min(a, i), max(a, i)))]
            # "the DPRK may export no arms": the act is negated by what follows it
            hits = [a for a in hits if not (a + 1 < len(tokens) and tokens[a + 1][2] in {"no", "nothing", "none"})]
            if hits:
                return match
    return None


def _operative(clause: Clause) -> str:
    scope = f" ({clause.scope})" if clause.scope else ""
    return f"{clause.force}{scope}: {', '.join(clause.act)}"


def check_unit(unit: Unit, all_clauses: tuple[Clause, ...] | None = None) -> list[Finding]:
    all_clauses = clauses() if all_clauses is None else all_clauses
    text = LINKS.sub(" ", unit.text)
    cites = citations_in(text)
    if not cites:
        return []
    findings = []
    every = [c for c in all_clauses if any(c.number == n and (p is None or c.paragraph == p) for n, p in cites)
             and c.act_pattern().search(text) and (not c.where or c.applies_narrowly(text))]
    for number, para in sorted(cites, key=lambda c: (c[0], c[1] or "")):
        touched = [c for c in every if c.number == number and (para is None or c.paragraph == para)]
        if not touched:
            continue
        cite = f"{number}/{para}" if para else str(number)
        # a permission that applies more narrowly here (its `where` words present) decides the wording
        narrow = [c for c in touched if c.where and not c.mandatory]
        duties = [c for c in touched if c.mandatory and not c.excepted(text)]
        found = False
        if duties and not narrow:
            for clause in duties:
                if _governs(text, clause.act_pattern(), PERMISSIVE):
                    findings.append(Finding(unit.path, unit.line, cite, "permissive wording on an obligation",
                                            _operative(clause), unit.text))
                    found = True
                    break
        if found:
            continue
        for clause in (c for c in touched if c.force == "call"):
            # the mandatory word must govern the call's act, and no duty's act that the unit also names
            if _governs(text, clause.act_pattern(), MANDATORY) and not any(
                    _governs(text, d.act_pattern(), MANDATORY) for d in every if d.mandatory):
                findings.append(Finding(unit.path, unit.line, cite, "mandatory wording on a call",
                                        _operative(clause), unit.text))
                break
    return findings


# ----------------------------------------------------------------------------- one rule, one source
PROHIBITIVE = [("modal", re.compile(r"\b(?:may\s+not|must\s+not|shall\s+not|cannot|can\s+not|may\s+no\s+longer)\b",
                                    re.IGNORECASE))]


def stance(text: str, found: list[Clause]) -> dict[str, list[Clause]]:
    """What a text says about the acts of `found` clauses: {"obligation"|"prohibition"|"permission": clauses}."""
    text = LINKS.sub(" ", text)
    out: dict[str, list[Clause]] = {}
    for clause in found:
        if not clause.act_pattern().search(text) or (clause.where and not clause.applies_narrowly(text)):
            continue
        for name, words in (("prohibition", PROHIBITIVE), ("permission", PERMISSIVE), ("obligation", MANDATORY)):
            if _governs(text, clause.act_pattern(), words):
                out.setdefault(name, []).append(clause)
                if name == "prohibition":
                    break                                 # "may not" is not also a "may"
    return out


def disagreements(text: str, cite: str) -> list[str]:
    """How a text that decides `cite`'s rule contradicts the registry's force (empty if it agrees or is silent)."""
    number, _, para = cite.partition("/")
    found = [c for c in clauses() if c.number == int(number) and (not para or c.paragraph == para)]
    said = stance(text, found)
    matched = [c for c in found if c.act_pattern().search(LINKS.sub(" ", text))
               and (not c.where or c.applies_narrowly(text))]
    narrow = any(c.where and not c.mandatory for c in matched)
    duty = any(c.mandatory and not c.excepted(text) for c in matched)
    problems = []
    if "permission" in said and duty and not narrow:
        problems.append(f"says 'may' where {cite} is an obligation ({_operative(said['permission'][0])})")
    for name in ("obligation", "prohibition"):
        if name in said and not any(c.mandatory for c in matched) and any(c.force == "call" for c in matched):
            problems.append(f"says it is required where {cite} only calls upon states")
    return problems


# ------------------------------------------------------------------------------------ allow-list, baseline
def _package_file(relative: str) -> Path:
    return Path(str(resources.files("embargo_kit") / relative))


def load_allow(path: Path | None = None) -> tuple[list[dict], list[Problem]]:
    """The reviewed exceptions, and the problems with them (an entry without a reason fails)."""
    path = path or _package_file(ALLOW_FILE)
    text = path.read_text(encoding="utf-8")
    root = yaml.compose(text)
    data = yaml.safe_load(text) or {}
    entries = data.get("allow") or [] if isinstance(data, dict) else []
    problems = []
    nodes = []
    if root is not None:
        for k, v in root.value:
            if k.value == "allow" and isinstance(v, yaml.SequenceNode):
                nodes = v.value
    for i, entry in enumerate(entries):
        line = nodes[i].start_mark.line + 1 if i < len(nodes) else 1
        if not isinstance(entry, dict):
            problems.append(Problem(path, line, "an allow-list entry must be {file, cite, contains, reason}"))
            continue
        for field in ("file", "cite", "contains"):
            if not str(entry.get(field) or "").strip():
                problems.append(Problem(path, line, f"allow-list entry needs `{field}`"))
        if len(str(entry.get("reason") or "").split()) < 4:
            problems.append(Problem(path, line, "allow-list entry without a reason: say in a sentence "
                                                     "why this wording is right (who reviewed it, which text)"))
    return [e for e in entries if isinstance(e, dict)], problems


def allowed(finding: Finding, entries: list[dict]) -> bool:
    return any(str(e.get("file")) == finding.path and str(e.get("cite")) == finding.cite
               and str(e.get("contains", "")) in finding.sentence and str(e.get("reason") or "").strip()
               for e in entries)


def load_baseline(path: Path | None = None) -> set[str]:
    path = path or _package_file(BASELINE_FILE)
    if not path.exists():
        return set()
    return {line.rstrip("\n") for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip() and not line.startswith("#")}


def findings(root: Path, entries: list[dict] | None = None) -> list[Finding]:
    """Every finding in the course at `root`, minus the allow-listed ones."""
    entries = load_allow()[0] if entries is None else entries
    all_clauses = clauses()
    out = []
    for unit in course_units(root):
        out += [f for f in check_unit(unit, all_clauses) if not allowed(f, entries)]
    return sorted(set(out), key=lambda f: (f.path, f.line, f.cite))


def new_findings(root: Path) -> list[Finding]:
    baseline = load_baseline()
    return [f for f in findings(root) if f.key() not in baseline]


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    every = "--all" in argv
    args = [a for a in argv if not a.startswith("--")]
    if args:
        root = Path(args[0])
    else:
        from embargo_kit.book import project_root
        root = project_root()
    _, problems = load_allow()
    for problem in problems:
        print(problem)
    found = findings(root) if every else new_findings(root)
    for finding in found:
        print(finding)
    label = "finding(s)" if every else "finding(s) beyond the baseline"
    print(f"{len(found)} wording {label}." if found else "Wording lint: no findings.")
    return 1 if found or problems else 0


if __name__ == "__main__":
    sys.exit(main())
