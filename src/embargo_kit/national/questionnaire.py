"""The self-assessment questionnaire and a country's answers, read and validated with line numbers.

One questionnaire serves the awareness-06 notebook and the focal point's tools: the checklist
``data/national/selfassessment_checklist.yaml``. Every question carries the measure it concerns, the registry
paragraphs it cites, the agency roles that answer it and the lessons that teach it. A country's answers are a
separate file (``selfassessment_<country>.yaml``; the fictional Republic of Lumeria ships).

:func:`load_answers` refuses a bad answers file with a :class:`AnswersError` whose message names the file, the
line and the fix, before anything is written.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path

import yaml

from ..content.registry import CitationError, parse_citation, resolutions_by_number

ANSWER_WORDS = ("yes", "partly", "no", "unknown")
CREDIT = {"yes": 1.0, "partly": 0.5, "no": 0.0, "unknown": 0.0}
GAP_ANSWERS = ("no", "unknown")
ANSWER_KEYS = {"id", "answer", "evidence", "laws", "paragraphs", "action"}
TOP_KEYS = {"fictional", "country", "country_name", "as_of", "completed_by", "agencies", "contact", "laws", "answers"}
CONTACT_FIELDS = ("unit", "name", "address", "email", "phone")


class AnswersError(ValueError):
    """A sentence naming the file, the line and the fix."""


@dataclass(frozen=True)
class Question:
    id: str
    area: str
    question: str
    why: str
    weight: int
    closes_with: tuple[str, ...]
    measure: str
    paragraphs: tuple[str, ...]
    agencies: tuple[str, ...]


@dataclass(frozen=True)
class Measure:
    id: str
    text: str
    first: int               # the resolution that first imposed it
    paragraph: str | None    # its registry paragraph, if any
    general: bool = False


@dataclass
class Answer:
    question: Question
    answer: str
    evidence: str | None
    laws: list[str]
    paragraphs: list[str]
    action: str | None
    line: int

    @property
    def credit(self) -> float:
        return CREDIT[self.answer]

    @property
    def is_gap(self) -> bool:
        return self.answer in GAP_ANSWERS

    @property
    def citations(self) -> list[str]:
        return list(dict.fromkeys([*self.question.paragraphs, *self.paragraphs]))


@dataclass
class Answers:
    path: Path
    country: str
    country_name: str
    fictional: bool
    as_of: str | None
    completed_by: str | None
    agencies: dict[str, str]
    contact: dict[str, str | None]
    laws: list[dict]
    items: list[Answer] = field(default_factory=list)

    def agency(self, role: str) -> str | None:
        return self.agencies.get(role)


# ----------------------------------------------------------------------------------------- questionnaire
def checklist_path() -> Path:
    return Path(str(resources.files("embargo_kit") / "data" / "national" / "selfassessment_checklist.yaml"))


def shipped_answers(country: str) -> Path:
    return Path(str(resources.files("embargo_kit") / "data" / "national" / f"selfassessment_{country}.yaml"))


@lru_cache(maxsize=1)
def _checklist_doc() -> dict:
    return yaml.safe_load(checklist_path().read_text(encoding="utf-8"))


def agency_roles() -> dict[str, str]:
    return dict(_checklist_doc().get("agency_roles") or {})


def areas() -> list[str]:
    return list(_checklist_doc()["areas"])


@lru_cache(maxsize=1)
def measures() -> dict[str, Measure]:
    """The registry's measures and the checklist's general measures, by id."""
    from ..content.registry import load_registry

    out: dict[str, Measure] = {}
    for m in load_registry().get("measures", []):
        para = m.get("paragraph")
        out[m["id"]] = Measure(m["id"], m["measure"], int(m["first"]), None if para is None else str(para))
    for m in _checklist_doc().get("general_measures") or []:
        out[m["id"]] = Measure(m["id"], m["measure"], int(m["first"]), None, general=True)
    return out


@lru_cache(maxsize=1)
def questions() -> tuple[Question, ...]:
    """Every checklist item with its tags; raises ValueError on a questionnaire that breaks its own rules."""
    doc = _checklist_doc()
    roles = agency_roles()
    known = measures()
    out = []
    for item in doc["items"]:
        q = Question(
            id=item["id"], area=item["area"], question=item["question"], why=item["why"],
            weight=int(item["weight"]), closes_with=tuple(item.get("closes_with") or ()),
            measure=item.get("measure") or "", paragraphs=tuple(str(p) for p in item.get("paragraphs") or ()),
            agencies=tuple(item.get("agencies") or ()),
        )
        where = f"{checklist_path().name}, item {q.id}"
        if q.measure not in known:
            raise ValueError(f"{where}: measure '{q.measure}' is neither a registry measure nor a general measure")
        for role in q.agencies:
            if role not in roles:
                raise ValueError(f"{where}: agency role '{role}' is not in agency_roles")
        for cite in q.paragraphs:
            parse_citation(cite)  # raises CitationError with the fix
        out.append(q)
    return tuple(out)


def questions_by_id() -> dict[str, Question]:
    return {q.id: q for q in questions()}


def citation_text(cite: str) -> str:
    """'2270/18' -> 'S/RES/2270 (2016), para 18'."""
    return parse_citation(cite).text


# ----------------------------------------------------------------------------------------------- answers
def _line(node) -> int:
    return node.start_mark.line + 1


def _mapping(node) -> dict:
    """{key: (value node, key line)} for a YAML mapping node."""
    return {k.value: (v, _line(k)) for k, v in node.value} if isinstance(node, yaml.MappingNode) else {}


def _word(value) -> str:
    if isinstance(value, bool):  # YAML 1.1 reads a bare yes/no as a boolean
        return "yes" if value else "no"
    return "" if value is None else str(value).strip().lower()


def resolve_answers_path(spec: str | Path) -> Path:
    """A path to an answers file, or the key of a shipped sample ('lumeria')."""
    path = Path(spec)
    if path.exists():
        return path
    key = str(spec).strip().lower()
    if key and key.replace("-", "").replace("_", "").isalnum():
        shipped = shipped_answers(key)
        if shipped.exists():
            return shipped
    raise AnswersError(f"{spec}: no such answers file. Give the path of a YAML answers file, or 'lumeria' for "
                       "the fictional sample that ships with the kit.")


def load_answers(spec: str | Path) -> Answers:
    """Read and validate an answers file; raise :class:`AnswersError` (file, line, fix) on the first problems."""
    path = resolve_answers_path(spec)
    name = str(path)
    text = path.read_text(encoding="utf-8")
    try:
        root = yaml.compose(text)
        doc = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = f", line {mark.line + 1}" if mark else ""
        raise AnswersError(f"{name}{line}: this is not valid YAML ({getattr(exc, 'problem', exc)}). "
                           "Fix the indentation or quoting there.") from None
    if not isinstance(doc, dict) or "answers" not in doc:
        raise AnswersError(f"{name}, line 1: no `answers:` list. An answers file is a mapping with `answers:`, a "
                           "list of `{id: SA-LEG-01, answer: \"yes\", evidence: ...}` (see the Lumeria sample).")
    top = _mapping(root)
    problems: list[str] = []
    for key, (_, line) in top.items():
        if key not in TOP_KEYS:
            problems.append(f"{name}, line {line}: unknown key `{key}`. Known keys: {', '.join(sorted(TOP_KEYS))}.")

    roles = agency_roles()
    agencies = doc.get("agencies") or {}
    if not isinstance(agencies, dict):
        problems.append(f"{name}, line {top['agencies'][1]}: `agencies` must map roles to national bodies, e.g. "
                        "`customs: National Customs Service`.")
        agencies = {}
    for role in agencies:
        if role not in roles:
            line = _mapping(top["agencies"][0]).get(role, (None, top["agencies"][1]))[1]
            problems.append(f"{name}, line {line}: `{role}` is not an agency role of the checklist. Use one of: "
                            f"{', '.join(roles)}.")
    contact = doc.get("contact") or {}
    if not isinstance(contact, dict):
        contact = {}
    laws = doc.get("laws") or []
    law_names = {str(law.get("name")) for law in laws if isinstance(law, dict)}

    qs = questions_by_id()
    items: list[Answer] = []
    seen: dict[str, int] = {}
    answers_node = top["answers"][0]
    if not isinstance(answers_node, yaml.SequenceNode):
        raise AnswersError(f"{name}, line {top['answers'][1]}: `answers` must be a list of "
                           "`- {id: ..., answer: ...}` entries.")
    for node in answers_node.value:
        line = _line(node)
        entry = _mapping(node)
        data = yaml.safe_load(yaml.serialize(node)) if entry else None
        if not isinstance(data, dict):
            problems.append(f"{name}, line {line}: each answer must be a mapping like "
                            "`- {id: SA-LEG-01, answer: \"yes\", evidence: ...}`.")
            continue
        for key in data:
            if key not in ANSWER_KEYS:
                problems.append(f"{name}, line {entry[key][1]}: unknown field `{key}` in an answer. Fields: "
                                f"{', '.join(sorted(ANSWER_KEYS))}.")
        qid = str(data.get("id") or "").strip()
        if qid not in qs:
            hint = "add `id:`" if not qid else f"'{qid}' is not a question of the checklist"
            problems.append(f"{name}, line {line}: {hint}. Use an id from selfassessment_checklist.yaml "
                            f"({next(iter(qs))} to {list(qs)[-1]}), or delete the entry.")
            continue
        if qid in seen:
            problems.append(f"{name}, line {line}: {qid} is answered twice (first at line {seen[qid]}). "
                            "Keep one answer and delete the other.")
            continue
        seen[qid] = line
        word = _word(data.get("answer"))
        if word not in ANSWER_WORDS:
            what = "has no answer" if not word else f"has the answer '{data.get('answer')}'"
            problems.append(f"{name}, line {line}: {qid} {what}. Write `answer: \"yes\"`, \"partly\", \"no\" or "
                            "\"unknown\" (quoted; \"unknown\" when no one can say).")
            continue
        cited_laws = data.get("laws") or []
        if isinstance(cited_laws, str):
            cited_laws = [cited_laws]
        for law in cited_laws:
            if str(law) not in law_names:
                problems.append(f"{name}, line {line}: {qid} cites the law '{law}', which is not in the file's "
                                "`laws:` list. Add it there (name and one-line summary) or correct the name.")
        extra = [str(p) for p in (data.get("paragraphs") or [])]
        for cite in extra:
            try:
                parse_citation(cite)
            except CitationError as exc:
                problems.append(f"{name}, line {line}: {qid} cites {cite!r}: {exc}. Fix the citation or remove it.")
        evidence = data.get("evidence")
        action = data.get("action")
        items.append(Answer(qs[qid], word, None if evidence in (None, "") else str(evidence),
                            [str(x) for x in cited_laws], extra, None if action in (None, "") else str(action), line))

    end = _line(answers_node) if not answers_node.value else answers_node.end_mark.line + 1
    for qid in qs:
        if qid not in seen:
            problems.append(f"{name}, line {end}: no answer to required question {qid} (\"{qs[qid].question}\"). "
                            f"Add `- {{id: {qid}, answer: \"unknown\"}}` if no one can say yet.")
    if problems:
        shown = problems[:12]
        more = f"\n... and {len(problems) - len(shown)} more" if len(problems) > len(shown) else ""
        raise AnswersError("\n".join(shown) + more)

    order = {q.id: i for i, q in enumerate(questions())}
    items.sort(key=lambda a: order[a.question.id])
    country = str(doc.get("country") or path.stem.replace("selfassessment_", ""))
    return Answers(
        path=path, country=country, country_name=_country_name(country, doc), fictional=bool(doc.get("fictional")),
        as_of=None if doc.get("as_of") is None else str(doc.get("as_of")),
        completed_by=doc.get("completed_by"), agencies={str(k): str(v) for k, v in agencies.items() if v},
        contact={f: (None if contact.get(f) in (None, "") else str(contact.get(f))) for f in CONTACT_FIELDS},
        laws=[law for law in laws if isinstance(law, dict)], items=items,
    )


def _country_name(country: str, doc: dict) -> str:
    if country == "lumeria":
        return "Republic of Lumeria"
    return str(doc.get("country_name") or country.replace("_", " ").replace("-", " ").title())


def known_resolutions() -> list[int]:
    return sorted(resolutions_by_number())
