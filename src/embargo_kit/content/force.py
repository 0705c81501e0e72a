"""The force of the law, as data: what each cited paragraph does to whom, clause by clause.

The registry (``data/registry/resolutions.yaml``) gives a paragraph, and a resolution cited without a
paragraph, a ``force`` list of clauses ``{force, act, scope, exceptions, source}`` (design.md, "Settled in
December 2026"). This module reads them, says which clauses a piece of text touches, and validates the
registry: a ``quoted`` paragraph needs its ``text`` and ``read_at``; a clause read from the quote needs its
force words in the quote; every clause needs a known force and act keywords. Problems name the file, the line
and the fix, so the book build (``-n -W``), the content lint and the tests all fail the same way.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

import yaml

FORCES = ("obligation", "obligation-flag-state", "obligation-dprk", "permission", "call", "committee-power")
MANDATORY = {"obligation", "obligation-flag-state", "obligation-dprk"}
#: statuses a paragraph may carry; `quoted` and `confirmed` may be cited by number
STATUSES = ("quoted", "confirmed", "verify", "unconfirmed")
CITABLE = frozenset({"quoted", "confirmed"})
#: words that must appear in a quote for a clause whose force is read from it (lower case, any one of them)
FORCE_WORDS = {
    "obligation": ("shall", "decides that"),
    "obligation-flag-state": ("shall",),
    "obligation-dprk": ("shall",),
    "permission": ("may", "permitted", "allows", "authorizes", "authorises"),
    "call": ("calls upon", "urges", "encourages", "requests", "calls on"),
    "committee-power": ("committee",),
}
REGISTRY_FILE = "data/registry/resolutions.yaml"


@dataclass(frozen=True)
class Clause:
    number: int
    paragraph: str | None          # None: a clause of the resolution cited without a paragraph
    force: str
    act: tuple[str, ...]
    scope: str
    exceptions: str
    source: str
    where: tuple[str, ...] = ()    # words that must also appear for the clause to apply (e.g. territorial waters)
    where_not: tuple[str, ...] = ()  # ... and words that must not (2397/9 permission: not where "port" is named)
    unless: tuple[str, ...] = ()   # words of an exception: wording near them is not held to this clause

    @property
    def cite(self) -> str:
        return f"{self.number}/{self.paragraph}" if self.paragraph else str(self.number)

    @property
    def mandatory(self) -> bool:
        return self.force in MANDATORY

    def act_pattern(self) -> re.Pattern:
        return _words_pattern(self.act)

    def where_pattern(self) -> re.Pattern | None:
        return _words_pattern(self.where) if self.where else None

    def applies_narrowly(self, text: str) -> bool:
        """A clause with `where` words present (and none of its `where_not`) governs this text more narrowly."""
        return bool(self.where and _words_pattern(self.where).search(text)
                    and not (self.where_not and _words_pattern(self.where_not).search(text)))

    def excepted(self, text: str) -> bool:
        return bool(self.unless and _words_pattern(self.unless).search(text))


@lru_cache(maxsize=None)
def _words_pattern(words: tuple[str, ...]) -> re.Pattern:
    """Keywords are stems: 'impound' matches impounds, impounded, impounding; 'deny entry' matches 'denied
    entry' and 'deny her entry' (one word may stand between the words of a phrase)."""
    parts = []
    for word in words:
        tokens = [re.escape(t) for t in str(word).lower().split()]
        parts.append(r"\b" + r"\w*(?:\W+\w+)?\W+".join(tokens) + r"\w*")
    return re.compile("|".join(parts), re.IGNORECASE)


def _registry_path() -> Path:
    return Path(str(resources.files("embargo_kit") / REGISTRY_FILE))


@lru_cache(maxsize=1)
def clauses() -> tuple[Clause, ...]:
    """Every force clause in the shipped registry."""
    return tuple(clauses_from(yaml.safe_load(_registry_path().read_text(encoding="utf-8"))))


def clauses_from(registry: dict) -> list[Clause]:
    out = []
    for res in registry.get("resolutions") or []:
        number = int(res["number"])
        for raw in res.get("force") or []:
            out.append(_clause(number, None, raw))
        for para, entry in (res.get("paragraphs") or {}).items():
            for raw in (entry or {}).get("force") or []:
                out.append(_clause(number, str(para), raw))
    return out


def _as_tuple(value) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    return tuple(str(v) for v in value)


def _clause(number: int, para: str | None, raw: dict) -> Clause:
    return Clause(number, para, str(raw.get("force")), _as_tuple(raw.get("act")), str(raw.get("scope") or ""),
                  str(raw.get("exceptions") or ""), str(raw.get("source") or ""), _as_tuple(raw.get("where")),
                  _as_tuple(raw.get("where_not")), _as_tuple(raw.get("unless")))


def clauses_for(number: int, paragraph: str | None = None) -> list[Clause]:
    """The clauses a citation points to: a paragraph's own, or (resolution alone) all of the resolution's."""
    return [c for c in clauses() if c.number == number and (paragraph is None or c.paragraph == paragraph)]


def agrees(cite: str, states: str, text: str = "") -> bool:
    """Does stating `states` (a force) about an act agree with the registry? `text` picks the clauses by their
    act keywords (all clauses of the citation if none matches). Used by the one-rule-one-source tests."""
    number, _, para = cite.partition("/")
    found = clauses_for(int(number), para or None)
    matched = [c for c in found if c.act_pattern().search(text)] or found
    if not matched:
        return False
    if states in MANDATORY or states == "prohibition":
        return any(c.mandatory for c in matched)
    return any(c.force == states for c in matched)


# ------------------------------------------------------------------------------------------- validation
@dataclass
class Problem:
    """A problem at a line of a file, printed ``path:line: message``: the registry's validation here, and the
    content lint (which imports this module) for lessons and notebooks."""

    path: Path
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


RegistryProblem = Problem  # the name the registry validation has always used


def _lines(text: str) -> dict[tuple, int]:
    """Line numbers of the registry's nodes: (number,) -> resolution; (number, para) -> paragraph;
    (number, para, 'force', i) -> clause; (number, para, field) -> field."""
    root = yaml.compose(text)
    lines: dict[tuple, int] = {}

    def get(mapping, key):
        for k, v in mapping.value:
            if k.value == key:
                return k, v
        return None, None

    _, resolutions = get(root, "resolutions")
    for res in (resolutions.value if resolutions is not None else []):
        _, num = get(res, "number")
        if num is None:
            continue
        number = int(num.value)
        lines[(number,)] = res.start_mark.line + 1
        _, force = get(res, "force")
        if force is not None:
            for i, clause in enumerate(force.value):
                lines[(number, None, "force", i)] = clause.start_mark.line + 1
        _, paras = get(res, "paragraphs")
        for key, entry in (paras.value if paras is not None and hasattr(paras, "value") and
                           isinstance(paras.value, list) else []):
            para = str(key.value)
            lines[(number, para)] = key.start_mark.line + 1
            for fkey, fval in entry.value:
                lines[(number, para, fkey.value)] = fkey.start_mark.line + 1
                if fkey.value == "force":
                    for i, clause in enumerate(fval.value):
                        lines[(number, para, "force", i)] = clause.start_mark.line + 1
    return lines


def validate_registry(path: Path | None = None) -> list[RegistryProblem]:
    """Everything wrong with the registry's quotes and force clauses, each with file, line and fix."""
    path = Path(path) if path else _registry_path()
    text = path.read_text(encoding="utf-8")
    try:
        registry = yaml.safe_load(text)
        lines = _lines(text)
    except yaml.YAMLError as exc:
        return [RegistryProblem(path, 1, f"not valid YAML: {exc}")]
    problems: list[RegistryProblem] = []

    def bad(key: tuple, message: str) -> None:
        line = lines.get(key) or lines.get(key[:2]) or lines.get(key[:1]) or 1
        problems.append(RegistryProblem(path, line, message))

    for res in registry.get("resolutions") or []:
        number = int(res["number"])
        for i, raw in enumerate(res.get("force") or []):
            problems += [RegistryProblem(path, lines.get((number, None, "force", i), 1), m)
                         for m in _clause_problems(f"S/RES/{number}", raw, None)]
        for para, entry in (res.get("paragraphs") or {}).items():
            para = str(para)
            entry = entry or {}
            name = f"{res.get('symbol')}, para {para}"
            status = entry.get("status")
            if status not in STATUSES:
                bad((number, para, "status"), f"{name}: status {status!r} is not one of {', '.join(STATUSES)}")
            quote = entry.get("text")
            if status == "quoted":
                if not (isinstance(quote, str) and quote.strip()):
                    bad((number, para, "status"),
                        f"{name} is `quoted` but has no `text`: add the operative words as adopted "
                        "(mark cuts with …), or set status to `confirmed`")
                if not (isinstance(entry.get("read_at"), str) and entry["read_at"].strip()):
                    bad((number, para, "status"),
                        f"{name} is `quoted` but has no `read_at`: say where the words were read (address and label)")
            elif quote:
                bad((number, para, "text"), f"{name} holds a `text` but its status is {status!r}: "
                                            "set status to `quoted` (or move the words out of `text`)")
            for i, raw in enumerate(entry.get("force") or []):
                for message in _clause_problems(name, raw, quote if status == "quoted" else None):
                    bad((number, para, "force", i), message)
    return problems


def _clause_problems(name: str, raw, quote: str | None) -> list[str]:
    if not isinstance(raw, dict):
        return [f"{name}: a force clause must be a mapping {{force, act, scope, exceptions, source}}"]
    out = []
    force = raw.get("force")
    if force not in FORCES:
        out.append(f"{name}: force {force!r} is not one of {', '.join(FORCES)}")
    if not _as_tuple(raw.get("act")):
        out.append(f"{name}: a force clause needs `act`: keywords of what it governs (e.g. [impound, seize])")
    source = str(raw.get("source") or "").strip()
    if not source:
        out.append(f"{name}: a force clause needs `source`: `text` when read from the quote, else the UN "
                   "summary or official transposition it comes from, named")
    if source == "text":
        if quote is None:
            out.append(f"{name}: the clause's source is `text` but the paragraph holds no quote: name the "
                       "summary or transposition the force comes from")
        elif force in FORCE_WORDS and not any(w in quote.lower() for w in FORCE_WORDS[force]):
            words = " / ".join(f'"{w}"' for w in FORCE_WORDS[force])
            out.append(f"{name}: the clause says {force} but the quote holds none of {words}: check the "
                       "quote against the text, or correct the clause's force")
    return out


def main() -> int:
    problems = validate_registry()
    for problem in problems:
        print(problem)
    print(f"{len(problems)} registry problem(s)." if problems else "Registry: quotes and force clauses valid.")
    return 1 if problems else 0


if __name__ == "__main__":
    raise SystemExit(main())
