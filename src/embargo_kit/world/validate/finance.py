"""Finance data a payments officer, a registry analyst and a screening auditor would accept.

- payments carry several currencies, each an active ISO 4217 code, with the instructed amount, the rate and
  the settled amount in agreement;
- agents are in structured fields (``DbtrAgt``, ``CdtrAgt``, ``InstgAgt``, ``InstdAgt``, ``PrvsInstgAgt``,
  ``IntrmyAgt``), each a bank of ``banks()``; no MT field-72 code (``/INS/`` ...) sits in remittance text;
- ownership and control are directed (owner -> owned, director -> company, agent -> listed entity), without
  cycles, shares of one company adding up to no more than 100 %;
- every pacs.008 has a UETR of its own (UUID v4); every pacs.009 COV cover leg carries the UETR of the one
  pacs.008 it settles, sent by the cover method, with the same day, amount, currency, banks and underlying parties,
  and every pacs.008 sent by the cover method has exactly one cover leg;
- the labelled screening set has a tuning and a test part, and the alerts a trainee decides are not labelled;
- the planted patterns are exactly what the lessons' written rules find (structuring, undisclosed nesting);
- every identifier a finance notebook names exists in the data.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import re
from pathlib import Path

from . import validator

#: MT103 field-72 (and field-70) codewords: routing and party information that ISO 20022 carries in
#: structured elements, never in the remittance information
MT_CODEWORDS = re.compile(r"/(INS|ACC|INT|REC|BNF|PHON|PHONBEN|TELEBEN)/")
BIC = re.compile(r"^[A-Z]{4}[A-Z]{2}[A-Z0-9]{2}([A-Z0-9]{3})?$")
AGENT_FIELDS = ("debtor_bank", "creditor_bank", "instructing_agent", "instructed_agent")
AGENT_LISTS = ("previous_instructing_agents", "intermediary_banks")
#: relation -> (what the source must be, what the target must be): the direction of every registry link
DIRECTION = {
    "director_of": ("person", "company"), "secretary_of": ("person", "company"),
    "shareholder_of": ("party", "company"), "owner_of": ("company", "vessel"), "manager_of": ("company", "vessel"),
    "agent_of": ("party", "listed"),
}
#: the finance rules as the lessons write them (finance-04): structuring band, count and window
BAND, COUNT, WINDOW_DAYS, THRESHOLD_USD = 0.9, 3, 14, 10_000


@functools.lru_cache(maxsize=1)
def active_currencies() -> frozenset[str]:
    """ISO 4217 codes legal tender somewhere today (CLDR's territory currencies, through babel)."""
    from babel.core import get_global

    out = set()
    for spans in get_global("territory_currencies").values():
        for code, start, end, tender in spans:
            if tender and end is None:
                out.add(code)
    out.discard("XXX")
    return frozenset(out)


def _list(value) -> list:
    if isinstance(value, list):
        return value
    if isinstance(value, str) and value.startswith("["):
        return json.loads(value)
    return []


def _date(value) -> dt.date:
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value)[:10])


def _num(value) -> float | None:
    if value is None or value == "":
        return None
    return float(value)


# ------------------------------------------------------------------------------------------ payments
@validator("finance", "payment-currency-invalid")
def _currency_codes(world):
    ok = active_currencies()
    for p in world["tables"]["payments"]:
        for col in ("currency", "instructed_currency"):
            if col in p and p[col] not in ok:
                yield p["msg_id"], f"{col} {p[col]!r} is not an active ISO 4217 code"


@validator("finance", "payment-single-currency")
def _several_currencies(world):
    used = {p["currency"] for p in world["tables"]["payments"]}
    if len(used) < 3:
        yield "payments", f"every payment is in {', '.join(sorted(used))}: real cross-border traffic is not"


@validator("finance", "payment-amounts-disagree")
def _amounts(world):
    for p in world["tables"]["payments"]:
        if "instructed_amount" not in p:
            continue
        inst, rate, amount = _num(p["instructed_amount"]), _num(p.get("exchange_rate")), _num(p["amount"])
        if p["instructed_currency"] == p["currency"]:
            if rate is not None or abs(inst - amount) > 0.011:
                yield p["msg_id"], "same currency on both sides, yet a rate or a different amount"
        elif rate is None or abs(inst * rate - amount) > max(0.02, 0.0005 * amount):
            yield p["msg_id"], "instructed amount x exchange rate is not the settled amount"


@validator("finance", "payment-agent-field-missing")
def _agent_fields(world):
    rows = world["tables"]["payments"]
    missing = [f for f in (*AGENT_FIELDS, *AGENT_LISTS) if rows and f not in rows[0]]
    if missing:
        yield "payments", f"no structured agent field {', '.join(missing)} (ISO 20022 carries them as elements)"


@validator("finance", "payment-agent-unknown")
def _agents_known(world):
    banks = {b["bic"] for b in world["tables"]["banks"]}
    for p in world["tables"]["payments"]:
        agents = [p[f] for f in AGENT_FIELDS if p.get(f)]
        for f in AGENT_LISTS:
            agents += _list(p.get(f))
        for a in agents:
            if a not in banks or not BIC.match(a):
                yield p["msg_id"], f"agent {a!r} is not a bank of banks() with a well-formed BIC"
    for c in world["tables"]["customers"]:
        if c["bank"] not in banks:
            yield c["customer_id"], f"bank {c['bank']!r} is not in banks()"


@validator("finance", "payment-route-inconsistent")
def _route(world):
    for p in world["tables"]["payments"]:
        if "instructed_agent" not in p:
            continue
        if p["instructed_agent"] != p["creditor_bank"]:
            yield p["msg_id"], "the instructed agent of the last message is not the creditor's bank"
        inter = _list(p.get("intermediary_banks"))
        if inter and p["instructing_agent"] != inter[-1]:
            yield p["msg_id"], "the last intermediary agent did not instruct the creditor's bank"
        if not inter and not _list(p.get("previous_instructing_agents")) \
                and p["instructing_agent"] != p["debtor_bank"]:
            yield p["msg_id"], "a direct payment not instructed by the debtor's bank"


UETR = re.compile(r"^[a-f0-9]{8}-[a-f0-9]{4}-4[a-f0-9]{3}-[89ab][a-f0-9]{3}-[a-f0-9]{12}$")
#: what a pacs.009 COV copies from the pacs.008 it covers (cover column -> pacs.008 column)
COVER_COPIES = {"date": "date", "amount": "amount", "currency": "currency", "debtor_bank": "debtor_bank",
                "creditor_bank": "creditor_bank", "underlying_debtor": "debtor",
                "underlying_debtor_account": "debtor_account", "underlying_creditor": "creditor",
                "underlying_creditor_account": "creditor_account",
                "underlying_instructed_amount": "instructed_amount",
                "underlying_instructed_currency": "instructed_currency"}


@validator("finance", "payment-uetr-invalid")
def _uetrs(world):
    rows = world["tables"]["payments"]
    if rows and "uetr" not in rows[0]:
        yield "payments", "no UETR: every customer transfer on Swift carries one (PmtId/UETR)"
        return
    seen: dict[str, str] = {}
    for p in rows:
        if not UETR.match(str(p["uetr"])):
            yield p["msg_id"], f"UETR {p['uetr']!r} is not a lower-case UUID v4"
        elif p["uetr"] in seen:
            yield p["msg_id"], f"UETR shared with {seen[p['uetr']]}: two customer transfers, one reference"
        seen.setdefault(p["uetr"], p["msg_id"])


@validator("finance", "cover-leg-unmatched")
def _cover_legs(world):
    payments = {p["uetr"]: p for p in world["tables"]["payments"] if "uetr" in p}
    covered: dict[str, int] = {}
    for c in world["tables"].get("cover_payments", []):
        p = payments.get(c["uetr"])
        if p is None:
            yield c["msg_id"], "its UETR is not the UETR of any pacs.008"
            continue
        covered[c["uetr"]] = covered.get(c["uetr"], 0) + 1
        if not p.get("settled_by_cover"):
            yield c["msg_id"], f"covers {p['msg_id']}, which was sent serially (no cover method)"
        for col, pcol in COVER_COPIES.items():
            a, b = c[col], p[pcol]
            same = abs(_num(a) - _num(b)) <= 0.011 if col.endswith("amount") else str(a)[:10] == str(b)[:10]
            if not same:
                yield c["msg_id"], f"{col} {a!r} differs from the {pcol} of {p['msg_id']} ({b!r})"
        if c["currency"] != "USD" or c["instructing_agent"] != c["debtor_bank"]:
            yield c["msg_id"], "a US-dollar cover leg is sent by the debtor's bank"
    for u, p in payments.items():
        if p.get("settled_by_cover") and covered.get(u, 0) != 1:
            yield p["msg_id"], f"sent by the cover method with {covered.get(u, 0)} cover legs (one expected)"
        if p.get("settled_by_cover") and _list(p.get("intermediary_banks")):
            yield p["msg_id"], "a cover-method pacs.008 goes straight to the creditor's bank, not through IntrmyAgt"


@validator("finance", "payment-mt-code-in-remittance")
def _no_field72(world):
    for p in world["tables"]["payments"]:
        if MT_CODEWORDS.search(p.get("remittance_info") or ""):
            yield p["msg_id"], "an MT field-72 codeword in the remittance information of a pacs.008"


def _usd(p, rates: dict[str, float]) -> float:
    """US-dollar equivalent of what the customer sent (the instructed amount, or the amount in old data)."""
    amount = _num(p.get("instructed_amount", p["amount"]))
    ccy = p.get("instructed_currency", p["currency"])
    return amount * rates.get(ccy, 1.0 if ccy == "USD" else float("nan"))


def structuring_by_rule(world) -> set[str]:
    """Message IDs the finance-04 rule reports: payments of 90-100 % of the threshold (US-dollar equivalent of
    what the customer sent) by a debtor with 3 or more of them within 14 days."""
    rates = {r["currency"]: float(r["usd_per_unit"]) for r in world["tables"].get("fx_rates", [])}
    band = [p for p in world["tables"]["payments"] if BAND * THRESHOLD_USD <= _usd(p, rates) < THRESHOLD_USD]
    by_debtor: dict[str, list] = {}
    for p in band:
        by_debtor.setdefault(p["debtor"], []).append(p)
    out = set()
    for rows in by_debtor.values():
        days = sorted(_date(p["date"]) for p in rows)
        if any(sum(1 for e in days if d <= e <= d + dt.timedelta(days=WINDOW_DAYS)) >= COUNT for d in days):
            out |= {p["msg_id"] for p in rows}
    return out


def undisclosed_nesting_by_rule(world) -> set[str]:
    """Payments whose debtor's bank reached the correspondent through another bank's account, where the banks'
    files do not declare that relationship (finance-04)."""
    declared = {b["bic"]: b.get("clears_through") for b in world["tables"]["banks"]}
    out = set()
    for p in world["tables"]["payments"]:
        for via in _list(p.get("previous_instructing_agents")):
            if via != p["debtor_bank"] and declared.get(p["debtor_bank"]) != via:
                out.add(p["msg_id"])
    return out


@validator("finance", "planted-pattern-not-what-the-rule-finds")
def _planted_patterns(world):
    planted = world.get("planted", {})
    for name, rule in (("structuring", structuring_by_rule), ("nested", undisclosed_nesting_by_rule)):
        if name not in planted:
            continue
        found, truth = rule(world), set(planted[name])
        for m in sorted(found ^ truth)[:20]:
            yield m, f"{name}: {'found by the lesson rule but not planted' if m in found else 'planted but the lesson rule does not find it'}"


# ------------------------------------------------------------------------------------------ registry
def _kind(node: str, world) -> str:
    if node.startswith("C-"):
        return "company"
    if node.startswith("P-"):
        return "person"
    if re.fullmatch(r"KP[ei]\.\d{3}", node):
        return "listed"
    if node.isdigit():
        return "vessel"
    return "unknown"


@validator("finance", "link-direction-wrong")
def _directed(world):
    for link in world["tables"]["company_links"]:
        rel, src, dst = link["relation"], str(link["source_id"]), str(link["target_id"])
        want = DIRECTION.get(rel)
        if want is None:
            yield f"{src} {rel} {dst}", "a relation without a defined direction"
            continue
        s_kind, d_kind = _kind(src, world), _kind(dst, world)
        s_ok = s_kind in ("person", "company") if want[0] == "party" else s_kind == want[0]
        if not s_ok or d_kind != want[1]:
            yield f"{src} {rel} {dst}", f"{rel} must run {want[0]} -> {want[1]}, not {s_kind} -> {d_kind}"


@validator("finance", "ownership-inconsistent")
def _ownership(world):
    owners: dict[str, list[str]] = {}
    shares: dict[str, float] = {}
    for link in world["tables"]["company_links"]:
        if link["relation"] == "shareholder_of":
            owners.setdefault(str(link["target_id"]), []).append(str(link["source_id"]))
            pct = _num(link.get("share_pct"))
            if pct is None or not 0 < pct <= 100:
                yield f"{link['source_id']} -> {link['target_id']}", "a shareholding without a share of 0-100 %"
            else:
                shares[str(link["target_id"])] = shares.get(str(link["target_id"]), 0) + pct
    for company, total in sorted(shares.items()):
        if total > 100.0001:
            yield company, f"shareholders hold {total:g} % of it"
    # no company owns itself through a chain
    for start in sorted(owners):
        seen, todo = set(), list(owners[start])
        while todo:
            o = todo.pop()
            if o == start:
                yield start, "owns itself through a chain of shareholdings"
                break
            if o not in seen:
                seen.add(o)
                todo += owners.get(o, [])


# ------------------------------------------------------------------------------------------ screening
@validator("finance", "screening-set-not-split")
def _split(world):
    pairs = world["tables"]["screening_pairs"]
    parts = {p.get("split") for p in pairs}
    if parts != {"tuning", "test"}:
        yield "screening_pairs", "the labelled set has no tuning and test parts: a threshold tuned on it cannot be judged on it"
        return
    for part in ("tuning", "test"):
        if not any(p["is_match"] in (True, "true") and p["split"] == part for p in pairs):
            yield "screening_pairs", f"the {part} part has no real match"


@validator("finance", "screening-alert-labelled")
def _alerts(world):
    t = world["tables"]
    if "screening_alerts" not in t:
        yield "screening_alerts", "no alerts table: the alerts a trainee decides are labelled pairs of the set"
        return
    labelled = {(p["party_name"], p["party_details"], p["list_ref"]) for p in t["screening_pairs"]}
    for a in t["screening_alerts"]:
        if (a["party_name"], a["party_details"], a["list_ref"]) in labelled:
            yield a["alert_id"], "the alert is also a labelled pair, so the label decides it in advance"


# ------------------------------------------------------------------------------------------ notebooks
ID_PATTERNS = [r"MSG-\d{8}-\d{5}", r"COV-\d{8}-\d{4}", r"\bC-\d{4}\b", r"\bP-\d{4}\b", r"\bSP-\d{4}\b", r"\bAL-\d{4}\b",
               r"\bCU-\d{4}\b", r"\bKP[ei]\.\d{3}\b", r"\b[A-Z]{4}(?:XL|HK|SG|MY|AE|US|CN)H0\b"]


def _notebooks() -> list[Path]:
    root = Path(__file__).resolve().parents[4] / "exercises" / "solutions" / "finance"
    return sorted(root.glob("*.ipynb")) if root.is_dir() else []


def _known_ids(world) -> set[str]:
    t = world["tables"]
    ids = {p["msg_id"] for p in t["payments"]} | {c["company_id"] for c in t["companies"]}
    ids |= {c["msg_id"] for c in t.get("cover_payments", [])}
    ids |= {o["person_id"] for o in t["officers"]} | {p["pair_id"] for p in t["screening_pairs"]}
    ids |= {a["alert_id"] for a in t.get("screening_alerts", [])} | {c["customer_id"] for c in t["customers"]}
    ids |= {e["ref"] for e in t["list_extract"]} | {b["bic"] for b in t["banks"]}
    return ids


@validator("finance", "notebook-identifier-unknown")
def _notebook_ids(world):
    known = _known_ids(world)
    for nb in _notebooks():
        cells = json.loads(nb.read_text(encoding="utf-8"))["cells"]
        text = "\n".join("".join(c["source"]) for c in cells)
        for pat in ID_PATTERNS:
            for ident in sorted(set(re.findall(pat, text))):
                if ident not in known and ident not in ("C-0001", "C-0002", "SP-0001", "MSG-20260101-00001"):
                    yield f"{nb.name} {ident}", "the notebook names an identifier the data do not hold"
