"""Printable role cards for the capstone, for a room without laptops.

One HTML file per phase (``capstone-phase-N-role-cards.html``, printed to PDF by chromium through
:mod:`embargo_kit.workshop.pdf`): one card per role, each on its own page, with the situation, the data that role
alone holds (printed from the same loaders the notebooks use), the decision's options with boxes to tick, the
indicator codes and citation IDs to choose from, and lines for "who did you tell, when". Cards carry no answer.

>>> from embargo_kit.capstone.cards import write_role_cards
>>> write_role_cards(Path("kit/capstone"), pdf=True)   # {phase: {"html": ..., "pdf": ...}}
"""

from __future__ import annotations

import html
from pathlib import Path

from embargo_kit.workshop.handouts import CSS as HANDOUT_CSS

CSS = HANDOUT_CSS + """
.card{break-after:page}.card:last-child{break-after:auto}
.banner{background:#23466e;color:#fff;padding:.3rem .6rem;font-size:9.5pt;letter-spacing:.02em}
table{border-collapse:collapse;font-size:8.5pt;margin:.3rem 0 .6rem;width:100%}
th,td{border:1px solid #bbb;padding:2px 4px;text-align:left;vertical-align:top}th{background:#eef2f7}
.opt{margin:.25rem 0}.box{display:inline-block;width:.8rem;height:.8rem;border:1px solid #333;margin-right:.4rem;
vertical-align:middle}.codes{columns:2;font-size:8.5pt}.lines div{border-bottom:1px solid #999;height:1.2rem}
"""

ROLE_TITLES = {"port": "Port officer", "customs": "Customs officer", "finance": "Bank analyst",
               "focal_point": "National focal point"}


def _table(df, max_rows: int = 40) -> str:
    e = html.escape
    df = df.head(max_rows)
    head = "".join(f"<th>{e(str(c))}</th>" for c in df.columns)
    rows = []
    for _, r in df.iterrows():
        cells = []
        for v in r:
            if isinstance(v, float):
                v = "" if v != v else f"{v:,.2f}"
            elif isinstance(v, (list, tuple)):
                v = ", ".join(map(str, v))
            elif v is None or (hasattr(v, "strftime") and str(v) == "NaT"):
                v = ""
            elif hasattr(v, "strftime"):
                v = v.strftime("%Y-%m-%d %H:%M") if getattr(v, "hour", 0) or getattr(v, "minute", 0) else v.strftime("%Y-%m-%d")
            cells.append(f"<td>{e(str(v))}</td>")
        rows.append("<tr>" + "".join(cells) + "</tr>")
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"


def _role_data(phase: int, role: str) -> list[tuple[str, str]]:
    """(caption, HTML table) pairs: what this role holds in this phase."""
    import pandas as pd

    from embargo_kit.datasets import capstone as cap
    from embargo_kit.datasets import world as w

    s = cap.capstone_scenario()
    out: list[tuple[str, str]] = []
    bills = cap.capstone_bills_of_lading()
    pay = cap.capstone_payments()
    comps = w.companies()
    if phase == 1 and role == "port":
        n = cap.capstone_notice().iloc[0]
        keep = ["notice_id", "submitted_at", "vessel_name", "imo", "mmsi", "callsign", "flag", "ship_type", "eta",
                "cargo", "owner", "manager", "crew_total", "p_and_i"]
        out.append(("Pre-arrival notice", _table(pd.DataFrame({"field": keep, "value": [n[k] for k in keep]}))))
        ports = pd.DataFrame({"declared last port": n["last_ports"], "date": n["last_port_dates"]})
        out.append(("Last ports declared (most recent first)", _table(ports)))
        t = cap.capstone_track()
        own = t[t["mmsi"] == s["vessel"]["mmsi"]]
        own = own[(own["timestamp"] >= "2026-09-24") & (own["timestamp"] < "2026-09-30")].iloc[::3]
        out.append((f"AIS position log of {s['vessel']['name']}, 24-29 September (every third report, UTC)",
                    _table(own[["timestamp", "lat", "lon", "sog", "cog", "nav_status"]], 60)))
        near = t[(t["mmsi"] != s["vessel"]["mmsi"]) & (t["timestamp"] >= "2026-09-27 18:00")
                 & (t["timestamp"] < "2026-09-28 14:00") & (t["lat"].between(35.5, 36.6))
                 & (t["lon"].between(122.8, 123.9))].iloc[::2]
        out.append(("Other ships reported in the Yellow Sea transfer area (training), 27 Sep 18:00 to 28 Sep 14:00",
                    _table(near[["name", "mmsi", "timestamp", "lat", "lon", "sog"]], 30)))
    elif phase == 1 and role == "customs":
        out.append(("Bills of lading of the voyage", _table(bills[[
            "bl_number", "line", "shipper", "consignee", "notify_party", "hs_code", "description", "packages",
            "gross_weight_kg", "declared_value_usd", "container_id", "port_of_loading", "date"]])))
        out.append(("Containers: verified gross mass (VGM) declared before loading", _table(
            cap.capstone_containers()[["container_id", "bl_number", "iso_type", "tare_kg", "vgm_kg", "weighed_at"]])))
    elif phase == 1 and role == "finance":
        out.append(("Payments for the cargo (your bank's customer is the payer)", _table(pay[[
            "msg_id", "date", "debtor", "debtor_bank", "creditor", "creditor_bank", "amount", "remittance_info",
            "status"]])))
        out.append(("Invoices", _table(cap.capstone_invoices()[["invoice_id", "bl_number", "seller", "buyer",
                                                                 "date", "amount_usd", "terms"]])))
        names = set(bills["shipper"]) | set(bills["consignee"]) | set(bills["notify_party"])
        reg = comps[comps["name"].isin(names)]
        out.append(("Company registry extract", _table(reg[["company_id", "name", "jurisdiction", "incorporated",
                                                           "address", "phone", "business_line"]])))
        links = w.company_links()
        officers = w.officers().set_index("person_id")["name"]
        d = links[links["relation"].isin(["director_of", "shareholder_of"])
                  & links["target_id"].isin(set(reg["company_id"]))].copy()
        d["person"] = d["source_id"].map(officers)
        d["nationality"] = d["source_id"].map(w.officers().set_index("person_id")["nationality"])
        out.append(("Directors and shareholders on the registry, with their nationality",
                    _table(d[["source_id", "person", "nationality", "relation", "target_id", "share_pct",
                              "start"]])))
    elif phase == 2 and role == "customs":
        hs = w.hs_of_concern()
        out.append(("Goods of concern (course list)", _table(hs[["hs", "level", "description", "category",
                                                                 "indicator"]])))
    elif phase == 2 and role == "port":
        v = w.vessels()
        v = v[v["imo"].isin([s["vessel"]["imo"], s["partner"]["imo"]])]
        out.append(("Ship register", _table(v[["imo", "name", "flag", "mmsi", "build_year", "registered_owner",
                                               "manager", "status"]])))
        ids = set(v["registered_owner"]) | set(v["manager"])
        out.append(("Owners and managers in the company registry", _table(
            comps[comps["company_id"].isin(ids)][["company_id", "name", "jurisdiction", "business_line"]])))
        links = w.company_links()
        officers = w.officers().set_index("person_id")
        d = links[(links["relation"] == "director_of") & links["target_id"].isin(ids)].copy()
        d["person"] = d["source_id"].map(officers["name"])
        d["nationality"] = d["source_id"].map(officers["nationality"])
        out.append(("Their directors (compare with the seller's people, which the bank analyst holds)",
                    _table(d[["source_id", "person", "nationality", "relation", "target_id"]])))
    elif phase == 2 and role == "finance":
        seller = pay.loc[pay["status"] == "pending", "creditor"].iloc[0]
        sid = comps.loc[comps["name"] == seller, "company_id"].iloc[0]
        links = w.company_links()
        people = links[(links["target_id"] == sid) & links["relation"].isin(["director_of", "shareholder_of"])]
        agents = links[(links["relation"] == "agent_of") & links["source_id"].isin(people["source_id"])]
        officers = w.officers().set_index("person_id")
        rows = pd.concat([people, agents])
        rows = rows.assign(person=rows["source_id"].map(officers["name"]),
                           nationality=rows["source_id"].map(officers["nationality"]))
        out.append((f"Company links of {seller} and of its people (FIU note)",
                    _table(rows[["source_id", "person", "nationality", "relation", "target_id", "share_pct"]])))
        out.append(("1718 List extract", _table(w.list_extract()[["ref", "type", "name", "aliases", "listed_on"]])))
    elif phase == 3:
        odd = bills[bills["port_of_loading"] != bills["port_of_loading"].mode().iloc[0]]
        facts = {
            "vessel": f"{s['vessel']['name']}, IMO {s['vessel']['imo']}, MMSI {s['vessel']['mmsi']}, "
                      f"{s['vessel']['flag']} flag",
            "met at sea": f"{s['partner']['name']}, IMO {s['partner']['imo']}, {s['partner']['flag']} flag",
            "bill of lading": ", ".join(sorted(set(odd["bl_number"]))),
            "declared as": "; ".join(sorted(set(odd["description"]))),
            "parties": "; ".join(sorted(set(odd["shipper"]) | set(odd["consignee"]) | set(odd["notify_party"]))),
            "found": "1,920 PG-7-type rocket-propelled grenade rounds, 2,000 fuzes (phase 2 inject)",
            "money": f"{pay.loc[pay['status'] == 'pending', 'amount'].sum():,.2f} USD frozen in Lumeria; "
                     f"{pay.loc[pay['status'] == 'executed', 'amount'].max():,.2f} USD paid abroad earlier",
        }
        out.append(("What the three agencies found", _table(pd.DataFrame({"": list(facts), "finding": list(facts.values())}))))
    return out


ROLE_ORDER = ("port", "customs", "finance", "focal_point")


def _card(phase: dict, role: str, decision: dict | None, citations, indicators) -> str:
    e = html.escape
    parts = [f'<section class="card"><p class="banner">FICTIONAL EXERCISE · Operation Grey Anchorage · Phase '
             f'{phase["phase"]}: {e(phase["title"])} · {e(phase["game_time"])} (game time)</p>',
             f"<h1>{e(ROLE_TITLES[role])}</h1>", f"<p>{e(phase['situation'])}</p>",
             f"<p class=\"meta\">You hold: {e(phase['roles'][role]['receives'])}.</p>"]
    for caption, table in _role_data(phase["phase"], role):
        parts.append(f"<h3>{e(caption)}</h3>{table}")
    for d in ([decision] if decision else []) + ([x for x in phase["decisions"] if x["role"] == role and x is not decision]):
        parts.append(f"<h2>Decision: {e(d['question'])}</h2>")
        multi = d["answer_fields"][0] in ("notify", "contents")
        parts.append(f"<p class=\"meta\">{'Tick every box that applies.' if multi else 'Tick one option.'}</p>")
        parts += [f'<div class="opt"><span class="box"></span><b>{e(k)}</b> {e(v)}</div>' for k, v in d["options"].items()]
        if "bl" in d["answer_fields"]:
            parts.append("<p>Bill of lading selected: ______________________</p>")
        if "indicators" in d["answer_fields"]:
            codes = indicators[indicators["role"].isin([d["role"], "port"] if d["role"] == "customs" else [d["role"]])]
            parts.append("<h3>Indicator codes that support your decision (circle)</h3><div class=\"codes\">"
                         + "".join(f"<div><b>{e(c)}</b> {e(t[:95])}</div>" for c, t in zip(codes["code"], codes["indicator"]))
                         + "</div>")
        if "cite" in d["answer_fields"]:
            parts.append("<h3>Legal basis (circle)</h3><div class=\"codes\">"
                         + "".join(f"<div><b>{e(c)}</b> {e(r)}</div>" for c, r in zip(citations["cite"], citations["renders_as"]))
                         + "</div>")
    parts.append('<h3>Who did you tell, what, and when?</h3><div class="lines">' + "<div></div>" * 4 + "</div>")
    parts.append("</section>")
    return "".join(parts)


def phase_html(number: int) -> str:
    from embargo_kit.datasets import capstone as cap

    inj = cap.capstone_injects()
    phase = next(p for p in inj["phases"] if p["phase"] == number)
    citations, indicators = cap.capstone_citations(), cap.capstone_indicators()
    cards = []
    for role in sorted(phase["roles"], key=ROLE_ORDER.index):
        decision = next((d for d in phase["decisions"] if d["role"] == role), None)
        cards.append(_card(phase, role, decision, citations, indicators))
    title = f"Capstone phase {number}: role cards"
    return (f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>{html.escape(title)}</title>'
            f"<style>{CSS}</style></head><body><main>{''.join(cards)}</main></body></html>")


def _page(title: str, body: str) -> str:
    return (f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>{html.escape(title)}</title>'
            f"<style>{CSS}</style></head><body><main>{body}</main></body></html>")


def _rows(head: list[str], rows: list[list[str]]) -> str:
    e = html.escape
    return ("<table><thead><tr>" + "".join(f"<th>{e(h)}</th>" for h in head) + "</tr></thead><tbody>"
            + "".join("<tr>" + "".join(f"<td>{e(str(c))}</td>" for c in r) + "</tr>" for r in rows)
            + "</tbody></table>")


def exercise_pack_html() -> dict[str, str]:
    """The lead trainer's and facilitators' sheets: the master inject list, the friction cards, the paper form of
    each phase and the improvement-plan template (no answers)."""
    from embargo_kit.datasets import capstone as cap
    from embargo_kit.capstone.story import ROLE_NAMES, master_list

    inj = cap.capstone_injects()
    e = html.escape
    banner = '<p class="banner">FICTIONAL EXERCISE · Operation Grey Anchorage</p>'
    master = _rows(["room", "game time", "to", "from", "inject", "answered by"],
                   [[r["room"], r["game_time"], r["to"], r["from"], r["inject"], r["answered_by"]]
                    for r in master_list(inj)])
    cards = "".join(f'<section class="card">{banner}<h1>{e(f["id"])} · to the {e(ROLE_NAMES[f["to"]])}</h1>'
                    f'<p class="meta">{e(f["game_time"])} (game time) · from {e(f["from"])}</p><p>{e(f["text"])}</p>'
                    '<h3>Your answer (it goes into your decision this phase)</h3><div class="lines">'
                    + "<div></div>" * 4 + "</div></section>" for f in inj.get("friction", []))
    forms = []
    for ph in inj["phases"]:
        rows = []
        for d in ph["decisions"]:
            rows.append(["", ph["phase"], d["qid"], "", "", ""])
        forms.append(f'<section class="card">{banner}<h1>Paper form · phase {ph["phase"]}: {e(ph["title"])}</h1>'
                     "<p>One row per decision. <b>option</b>: the letter (customs, phase 1: the letter and the bill "
                     "number); for <b>notify</b> and <b>report</b>, the codes ticked. <b>indicators</b> and "
                     "<b>citations</b>: the codes, separated by spaces. The trainer types the rows into a CSV with "
                     "the header <code>team,phase,decision,option,indicators,citations</code>.</p>"
                     + _rows(["team", "phase", "decision", "option", "indicators", "citations"], rows) + "</section>")
    plan = _rows(["finding (what we saw)", "improvement (what will change)", "owner (office)", "due date", "status"],
                 [["", "", "", "", ""] for _ in range(8)])
    return {
        "capstone-master-inject-list.html": _page("Capstone: master inject list",
                                                  f"{banner}<h1>Master inject list</h1>{master}"),
        "capstone-friction-cards.html": _page("Capstone: friction cards", cards),
        "capstone-paper-forms.html": _page("Capstone: paper forms", "".join(forms)),
        "capstone-improvement-plan.html": _page(
            "After-action improvement plan", f"<h1>After-action improvement plan: Operation Grey Anchorage</h1>"
            "<p>One row per finding from the hot-wash and the evaluator's notes. Owner: an office, not a person. "
            "Send to the national focal point within two weeks; review at 3-6 months.</p>" + plan),
    }


def write_role_cards(out: Path, pdf: bool = True) -> dict[int | str, dict[str, Path]]:
    """Write ``capstone-phase-N-role-cards.html`` (and ``.pdf`` when chromium is present) for every phase, and the
    exercise pack (master inject list, friction cards, paper forms, improvement-plan template)."""
    from embargo_kit.datasets import capstone as cap
    from embargo_kit.workshop.pdf import write_html_and_pdf

    out = Path(out)
    written: dict[int | str, dict[str, Path]] = {}
    for phase in cap.capstone_injects()["phases"]:
        n = phase["phase"]
        html_path, pdf_path, _ = write_html_and_pdf(phase_html(n), out / f"capstone-phase-{n}-role-cards.html", pdf)
        written[n] = {"html": html_path, **({"pdf": pdf_path} if pdf_path else {})}
    for name, page in exercise_pack_html().items():
        html_path, pdf_path, _ = write_html_and_pdf(page, out / name, pdf)
        written[name] = {"html": html_path, **({"pdf": pdf_path} if pdf_path else {})}
    header = "team,phase,decision,option,indicators,citations\n"
    (out / "capstone-paper-form.csv").write_text(header, encoding="utf-8")
    return written


def umpire_sheet_html() -> str:
    """The facilitators' umpire sheet (TRAINER KIT ONLY: it marks the coordinated choice): for every decision,
    each option with the consequence to read out and the points it earns on the paper form."""
    import importlib

    from embargo_kit import datasets as cap

    e = html.escape
    parts = ['<p class="banner">TRAINERS ONLY · Operation Grey Anchorage · umpire sheet</p>',
             "<h1>Umpire sheet: what each option leads to</h1><p>Read the consequence of the option a team chose; "
             "never say which option is right. Points: 2 for the choice (1 where marked), 1 more when its "
             "indicators and citations are complete and supported.</p>"]
    for ph in cap.capstone_injects()["phases"]:
        parts.append(f"<h2>Phase {ph['phase']}: {e(ph['title'])}</h2>")
        for d in ph["decisions"]:
            key = importlib.import_module(f"embargo_kit.checks.{d['lesson'].replace('-', '_')}").KEYS[d["qid"]]
            rows = []
            if "option" in d["answer_fields"]:
                for code, text in d["options"].items():
                    if key.h("option", code) == key.option:
                        mark, said = "2 (coordinated)", key.passed
                    else:
                        mark = f"{key.partial.get(key.h('option', code), 0):g}"
                        said = key.consequences.get(code, "")
                    rows.append([code, text, mark, said])
            else:
                fld = d["answer_fields"][0]
                for code, text in d["options"].items():
                    h = key.h(fld, code)
                    groups = key.any_of.get(fld, ())
                    if h in key.required.get(fld, frozenset()):
                        mark = "needed"
                    elif any(h in g for g in groups):
                        mark = "one of a group (support point)"
                    elif h in key.optional.get(fld, frozenset()):
                        mark = "accepted"
                    else:
                        mark = "must stay out"
                    rows.append([code, text, mark, key.wrong_why.get(code, "")])
            parts.append(f"<h3>{e(d['role'])}: {e(d['question'])}</h3>"
                         + _rows(["code", "option", "points", "what to read out"], rows))
    return _page("Capstone umpire sheet (trainers only)", "".join(parts))


def write_umpire_sheet(out: Path, pdf: bool = True) -> dict[str, Path]:
    """Write ``capstone-umpire-sheet.html`` (and ``.pdf``): for the trainer kit only, never the learner kit."""
    from embargo_kit.workshop.pdf import write_html_and_pdf

    html_path, pdf_path, _ = write_html_and_pdf(umpire_sheet_html(), Path(out) / "capstone-umpire-sheet.html", pdf)
    return {"html": html_path, **({"pdf": pdf_path} if pdf_path else {})}
