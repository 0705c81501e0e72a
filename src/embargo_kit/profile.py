"""National profiles: tailor the kit to one country without editing a lesson.

A profile is a small YAML file (the example: ``data/profiles/lumeria.yaml``, the fictional Republic of
Lumeria; its fields: ``data/profiles/spec.yaml``). The lessons say ``{{ focal_point }}``, ``{{ fiu }}`` ...
(MyST substitutions); :func:`substitutions` gives their values for a profile, or the neutral wording
("your national focal point") when there is none.

``load_profile(path)`` validates the file and raises :class:`ProfileError` with one message per problem, each
naming the file, the line and the fix; a misspelt field name gets the nearest valid one suggested.
"""
from __future__ import annotations

import datetime as _dt
import difflib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

DATA = Path(__file__).parent / "data" / "profiles"
EXAMPLE = DATA / "lumeria.yaml"
SPEC_FILE = DATA / "spec.yaml"
ENV_VAR = "EMBARGO_KIT_PROFILE"

#: substitution name -> (neutral wording, what it stands for). The lessons may use exactly these names.
NEUTRAL: dict[str, tuple[str, str]] = {
    "country": ("your country", "the country's name"),
    "focal_point": ("your national focal point", "the national focal point for UN sanctions"),
    "coordination_body": ("your inter-agency coordination body", "the inter-agency coordination body"),
    "port_authority": ("your port and maritime authority", "the competent authority for ports"),
    "customs_authority": ("your customs authority", "the customs and border authority"),
    "finance_authority": ("your financial supervisor", "the financial supervisor"),
    "fiu": ("your financial intelligence unit", "the financial intelligence unit (FIU)"),
    "implementing_law": ("your national implementing law",
                         "the laws that give effect to the resolutions"),
    "reporting_channel": ("your national reporting channel", "the channel for reporting a suspected breach"),
    "reporting_form": ("your national report form", "the form for reporting a suspected breach"),
    "profile_name": ("no national profile", "the profile the pages were built for"),
}


class ProfileError(ValueError):
    """A profile that cannot be used; ``problems`` holds one sentence per problem."""

    def __init__(self, path: Path | str, problems: list[str]):
        self.path = Path(path)
        self.problems = problems
        head = f"{path}: {len(problems)} problem{'s' if len(problems) != 1 else ''} in the national profile"
        super().__init__(head + "\n" + "\n".join(f"  - {p}" for p in problems))


@dataclass
class Profile:
    path: Path
    data: dict[str, Any] = field(repr=False)

    @property
    def country(self) -> str:
        return self.data["country"]

    @property
    def fictional(self) -> bool:
        return bool(self.data.get("fictional"))

    @property
    def label(self) -> str:
        """How the pages name the profile, e.g. "Republic of Lumeria (fictional)"."""
        return self.country + (" (fictional)" if self.fictional else "")

    def agency(self, key: str) -> dict[str, str]:
        if key in ("focal_point", "coordination_body"):
            return self.data.get(key) or {}
        return self.data["authorities"][key]

    def contacts(self) -> list[dict[str, str]]:
        return list(self.data.get("contacts") or [])


def spec() -> dict[str, Any]:
    return yaml.safe_load(SPEC_FILE.read_text(encoding="utf-8"))


# ------------------------------------------------------------------------------------------ validation
def _line(node: yaml.Node) -> int:
    return node.start_mark.line + 1


def _kind_ok(kind: str, node: yaml.Node, value: Any) -> bool:
    if kind == "map":
        return isinstance(node, yaml.MappingNode)
    if kind in ("list-of-str", "list-of-map"):
        return isinstance(node, yaml.SequenceNode)
    if not isinstance(node, yaml.ScalarNode):
        return False
    if kind == "str":
        return isinstance(value, str) and bool(value.strip())
    if kind == "int":
        return isinstance(value, int) and not isinstance(value, bool)
    if kind == "bool":
        return isinstance(value, bool)
    if kind == "date":
        if isinstance(value, _dt.date):
            return True
        return isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value) is not None
    return True


_WANTED = {"str": "a piece of text", "int": "a whole number", "bool": "true or false",
           "date": 'a date written "YYYY-MM-DD"', "map": "a group of fields (indented `name: value` lines)",
           "list-of-str": "a list (one `- item` per line)", "list-of-map": "a list of entries (`- role: ...`)"}


def _check_map(node: yaml.MappingNode, fields: dict[str, Any], where: str, problems: list[str], file: str,
               key_line: int = 0) -> None:
    seen: dict[str, yaml.Node] = {}
    suggested: set[str] = set()
    for key_node, value_node in node.value:
        key = key_node.value if isinstance(key_node, yaml.ScalarNode) else str(key_node)
        name = f"{where}.{key}" if where else key
        if key in seen:
            problems.append(f"{file}, line {_line(key_node)}: `{name}` is given twice; keep one.")
            continue
        seen[key] = value_node
        if key not in fields:
            close = difflib.get_close_matches(key, list(fields), n=1, cutoff=0.6)
            suggested.update(close)
            hint = (f"did you mean `{where + '.' if where else ''}{close[0]}`?" if close
                    else "valid fields here: " + ", ".join(f"`{f}`" for f in fields) + ".")
            problems.append(f"{file}, line {_line(key_node)}: unknown field `{name}`; {hint}")
            continue
        _check_value(value_node, fields[key], name, problems, file, _line(key_node))
    for key, rule in fields.items():
        if rule.get("required") and key not in seen and key not in suggested:
            name = f"{where}.{key}" if where else key
            at = (f"under `{where}` (line {key_line or _line(node)})" if where else "at the top level (no indent)")
            problems.append(f"{file}: missing field `{name}` ({rule.get('help', '')}); add it {at}.")


def _check_value(node: yaml.Node, rule: dict[str, Any], name: str, problems: list[str], file: str,
                 key_line: int = 0) -> None:
    kind = rule["type"]
    value = yaml.SafeLoader("").construct_object(node) if isinstance(node, yaml.ScalarNode) else None
    if isinstance(node, yaml.ScalarNode) and (value is None or (isinstance(value, str) and not value.strip())):
        problems.append(f"{file}, line {_line(node)}: `{name}` is empty; write {_WANTED[kind]} "
                        f"({rule.get('help', '')})" + ("." if rule.get("required") else ", or delete the line: the field is optional."))
        return
    if not _kind_ok(kind, node, value):
        problems.append(f"{file}, line {_line(node)}: `{name}` must be {_WANTED[kind]} ({rule.get('help', '')}).")
        return
    if kind == "str" and "{{" in value:
        problems.append(f"{file}, line {_line(node)}: `{name}` may not contain `{{{{`; write the name itself.")
    if kind == "map":
        _check_map(node, rule.get("fields", {}), name, problems, file, key_line)
    elif kind == "list-of-str":
        if not node.value:
            problems.append(f"{file}, line {_line(node)}: `{name}` is an empty list; give at least one entry.")
        for i, item in enumerate(node.value, 1):
            _check_value(item, {"type": "str", "help": rule.get("help", "")}, f"{name}[{i}]", problems, file)
    elif kind == "list-of-map":
        if not node.value:
            problems.append(f"{file}, line {_line(node)}: `{name}` is an empty list; give at least one entry.")
        for i, item in enumerate(node.value, 1):
            _check_value(item, {"type": "map", "fields": rule.get("fields", {}), "help": rule.get("help", "")},
                         f"{name}[{i}]", problems, file)


def load_profile(path: str | Path) -> Profile:
    """Read and validate a profile; raise ProfileError with every problem found (not only the first)."""
    path = Path(path)
    file = str(path)
    if not path.is_file():
        raise ProfileError(path, [f"{file}: no such file. Give the path of a profile YAML file, e.g. {EXAMPLE}."])
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ProfileError(path, [f"{file}: cannot be read as UTF-8 text ({exc})."]) from None
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f", line {mark.line + 1}" if mark else ""
        what = getattr(exc, "problem", None) or str(exc)
        raise ProfileError(path, [f"{file}{where}: not valid YAML ({what}); check the indentation and that "
                                  "values with a colon are quoted."]) from None
    if not isinstance(root, yaml.MappingNode):
        raise ProfileError(path, [f"{file}: the file must hold `field: value` lines, starting with "
                                  "`profile_version: 1` (see the example profile)."])
    problems: list[str] = []
    _check_map(root, spec(), "", problems, file)
    data = yaml.safe_load(text)
    if not problems and data.get("profile_version") != 1:
        problems.append(f"{file}: `profile_version` is {data.get('profile_version')}; this kit reads version 1.")
    if problems:
        raise ProfileError(path, problems)
    return Profile(path, data)


# --------------------------------------------------------------------------------------- substitutions
def _in_text(entry: dict[str, str]) -> str:
    if entry.get("in_text"):
        return entry["in_text"]
    name = entry["name"]
    text = name if name.lower().startswith("the ") else f"the {name}"
    return f"{text} ({entry['acronym']})" if entry.get("acronym") else text


def _join(items: list[str]) -> str:
    items = [f"the {i}" if not i.lower().startswith("the ") else i for i in items]
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def substitutions(profile: Profile | None = None) -> dict[str, str]:
    """Values of the substitutions the lessons use: the profile's names, or the neutral wording."""
    subs = {key: neutral for key, (neutral, _) in NEUTRAL.items()}
    if profile is None:
        return subs
    d = profile.data
    subs.update(
        country=d.get("country_in_text") or d["country"],
        focal_point=_in_text(d["focal_point"]),
        port_authority=_in_text(d["authorities"]["ports"]),
        customs_authority=_in_text(d["authorities"]["customs"]),
        finance_authority=_in_text(d["authorities"]["finance"]),
        fiu=_in_text(d["authorities"]["fiu"]),
        implementing_law=_join(d["laws"]["implementing"]),
        reporting_channel=d["reporting"]["channel"],
        reporting_form=d["reporting"]["form"],
        profile_name=profile.label,
    )
    if d.get("coordination_body"):
        subs["coordination_body"] = _in_text(d["coordination_body"])
    return subs


_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>#|])")


def markdown_safe(subs: dict[str, str]) -> dict[str, str]:
    """Values escaped so that MyST renders them as the plain text they are."""
    return {k: _MD_SPECIAL.sub(r"\\\1", v) for k, v in subs.items()}


_SUB = re.compile(r"\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}")


def apply(text: str, subs: dict[str, str]) -> str:
    """Replace ``{{ name }}`` in lesson source outside Sphinx (slides, handouts); unknown names stay."""
    return _SUB.sub(lambda m: subs.get(m.group(1), m.group(0)), text)


def used_names(text: str) -> set[str]:
    return set(_SUB.findall(text))


def announcement(profile: Profile | None) -> str:
    """The sentence every built page shows."""
    if profile is None:
        return "No national profile: neutral wording (\u201cyour national focal point\u201d)."
    return f"Built for the national profile: {profile.label}."


def summary_lines(profile: Profile) -> list[str]:
    subs = substitutions(profile)
    lines = [f"{profile.path}: valid national profile for {profile.label}"]
    lines += [f"  {{{{ {k} }}}} -> {v}" for k, v in subs.items()]
    lines.append(f"  contacts: {len(profile.contacts())} role(s)")
    return lines


def contacts_html(profile: Profile | None) -> str:
    """A one-page national contacts sheet for the kits (plain HTML, prints on one page)."""
    from html import escape

    subs = substitutions(profile)
    title = f"Who to call: {profile.label}" if profile else "Who to call: fill in your national contacts"
    rows = []
    for key in ("focal_point", "coordination_body", "port_authority", "customs_authority", "finance_authority",
                "fiu", "implementing_law", "reporting_channel", "reporting_form"):
        rows.append(f"<tr><th scope='row'>{escape(NEUTRAL[key][1])}</th><td>{escape(subs[key]) if profile else ''}"
                    "</td></tr>")
    contact_rows = "".join(
        f"<tr><td>{escape(c['role'])}</td><td>{escape(c['agency'])}</td><td>{escape(c['when'])}</td></tr>"
        for c in (profile.contacts() if profile else [])) or (
        "<tr><td>&nbsp;</td><td></td><td></td></tr>" * 4)
    note = ("<p><strong>Practice profile:</strong> this country, its agencies, laws and forms are invented.</p>"
            if profile and profile.fictional else "")
    return (f"<!doctype html><html lang='en'><head><meta charset='utf-8'><title>{escape(title)}</title>"
            "<style>body{font-family:'Noto Sans','DejaVu Sans',sans-serif;max-width:48em;margin:2em auto;"
            "line-height:1.4}table{border-collapse:collapse;width:100%;margin-bottom:1.5em}th,td{border:1px solid "
            "#777;padding:.3em .5em;text-align:left;vertical-align:top}th[scope=row]{width:35%}</style></head>"
            f"<body><main><h1>{escape(title)}</h1>{note}<table><tbody>{''.join(rows)}</tbody></table>"
            "<h2>Contact roles</h2><table><thead><tr><th scope='col'>role</th><th scope='col'>agency</th>"
            f"<th scope='col'>when to call</th></tr></thead><tbody>{contact_rows}</tbody></table></main></body></html>")
