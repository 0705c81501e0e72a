"""Turn a lesson's MyST source into plain HTML fragments for slides and handouts (no Sphinx needed)."""
from __future__ import annotations

import html
import re

from embargo_kit.content.registry import CitationError, parse_citation

FENCE = re.compile(r"^(`{3,}|:{3,})\{(?P<name>[\w-]+)\}(?P<arg>.*)$")


def _res(match: re.Match) -> str:
    try:
        return parse_citation(match[1]).text
    except (CitationError, AttributeError):
        return match[1]


def inline(text: str) -> str:
    """MyST inline markup to HTML: citations, glossary terms, cross-references, emphasis, code."""
    text = re.sub(r"\{res\}`([^`]*)`", lambda m: "\x00" + _res(m) + "\x01", text)
    text = re.sub(r"\{(?:term|doc|ref|numref)\}`([^`<]*?)\s*(?:<[^>]*>)?`", r"\1", text)
    text = html.escape(text, quote=False)
    text = text.replace("\x00", "(").replace("\x01", ")")
    text = re.sub(r"\*\*(.+?)\*\*", r"<strong>\1</strong>", text)
    text = re.sub(r"(?<![\w*])\*(?!\s)(.+?)(?<!\s)\*(?![\w*])", r"<em>\1</em>", text)
    text = re.sub(r"`([^`]+)`", r"<code>\1</code>", text)
    text = re.sub(r"\[([^\]]+)\]\(([^)]+)\)", r"\1", text)
    return text


def blocks(body: str) -> list[dict]:
    """Split a page body into blocks: heading, para, list, directive (with name, arg, content), image."""
    out: list[dict] = []
    lines = body.splitlines()
    i = 0
    para: list[str] = []

    def flush():
        if para:
            text = " ".join(s.strip() for s in para)
            if all(re.match(r"^\s*([-*]|\d+\.)\s", s) or s.startswith("  ") for s in para) and re.match(r"^\s*([-*]|\d+\.)\s", para[0]):
                items, cur = [], []
                for s in para:
                    if re.match(r"^\s*([-*]|\d+\.)\s", s):
                        if cur:
                            items.append(" ".join(cur))
                        cur = [re.sub(r"^\s*([-*]|\d+\.)\s+", "", s)]
                    else:
                        cur.append(s.strip())
                items.append(" ".join(cur))
                out.append({"kind": "list", "items": items})
            elif para[0].lstrip().startswith("|"):
                out.append({"kind": "table", "rows": para[:]})
            else:
                out.append({"kind": "para", "text": text})
            para.clear()

    while i < len(lines):
        line = lines[i]
        fence = FENCE.match(line.strip())
        if fence:
            flush()
            marker = fence.group(1)
            content, options = [], {}
            i += 1
            while i < len(lines) and lines[i].strip() != marker:
                opt = re.match(r"^:(\w[\w-]*):\s*(.*)$", lines[i].strip())
                if opt and not content:
                    options[opt[1]] = opt[2]
                else:
                    content.append(lines[i])
                i += 1
            out.append({"kind": "directive", "name": fence["name"], "arg": fence["arg"].strip(),
                        "content": "\n".join(content).strip(), "options": options})
        elif line.startswith("```"):
            flush()
            i += 1
            while i < len(lines) and not lines[i].startswith("```"):
                i += 1
        elif re.match(r"^#{1,6} ", line):
            flush()
            level = len(line) - len(line.lstrip("#"))
            out.append({"kind": "heading", "level": level, "text": line[level:].strip()})
        elif re.match(r"^\([\w-]+\)=\s*$", line.strip()):
            flush()
        elif (m := re.match(r"^!\[([^\]]*)\]\(([^)]+)\)\s*$", line.strip())):
            flush()
            out.append({"kind": "image", "alt": m[1], "src": m[2]})
        elif not line.strip():
            flush()
        else:
            para.append(line)
        i += 1
    flush()
    return out


def table_html(rows: list[str]) -> str:
    cells = [[c.strip() for c in r.strip().strip("|").split("|")] for r in rows if not re.match(r"^\s*\|[\s:|-]+\|\s*$", r)]
    if not cells:
        return ""
    head = "".join(f"<th>{inline(c)}</th>" for c in cells[0])
    body = "".join("<tr>" + "".join(f"<td>{inline(c)}</td>" for c in row) + "</tr>" for row in cells[1:])
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def key_points(body: str) -> list[str]:
    for block in blocks(body):
        if block["kind"] == "directive" and block["name"] == "key-points":
            return [b for k in blocks(block["content"]) if k["kind"] == "list" for b in k["items"]]
    return []
