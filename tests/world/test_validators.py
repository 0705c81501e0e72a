"""The validators of the world: the shipped world passes them all, and each one catches the blemish it was
written for. The "before" comments give the findings on the world as it was shipped before issue 21
(measured with ``validate.counts(validate.run())`` on commit 36b44b8)."""

from __future__ import annotations

import copy
import functools
import json

import pytest

from embargo_kit.world import generate, validate


@functools.lru_cache(maxsize=1)
def _world() -> dict:
    return generate.build()


def world() -> dict:
    return copy.deepcopy(_world())


def kinds(w: dict, dataset: str | None = None) -> dict[str, int]:
    return validate.counts(validate.run(w, dataset))


def test_the_shipped_world_has_no_finding():
    findings = validate.run(_world())
    assert not findings, validate.report(findings)


def test_every_dataset_has_validators():
    names = {ds for ds, _ in validate.checks()}
    assert {"customs", "port", "identifiers"} <= names


# ---------------------------------------------------------------------------------- customs
def _line(w, bl_prefix=""):
    return next(m for m in w["tables"]["manifests"] if m["bl_number"].startswith(bl_prefix))


def test_a_subheading_that_does_not_exist_is_caught():
    # before: 12 (871090 twice, 930590 once, 999999 on nine container-ship notices)
    w = world()
    _line(w)["hs_code"] = "871090"
    w["tables"]["arrival_notices"][0]["cargo_hs"] = "930590"
    assert kinds(w, "customs") == {"customs/hs-code-invalid": 2}


def test_a_container_above_its_rating_is_caught():
    # before: 173 containers over their maximum gross mass, the heaviest 293,960 kg
    w = world()
    c = w["tables"]["containers"][0]
    c["vgm_kg"] = 293_960
    found = kinds(w, "customs")
    assert found.get("customs/container-overweight") == 1


def test_a_rating_outside_iso_668_is_caught():
    w = world()
    w["tables"]["containers"][0]["max_gross_kg"] = 45_000
    assert kinds(w, "customs").get("customs/container-rating") == 1


def test_light_goods_that_could_not_fit_the_box_are_caught():
    # before: 168 containers held more than their goods could fill (tyres, T-shirts by the tens of tonnes)
    w = world()
    m = next(m for m in w["tables"]["manifests"] if m["hs_code"] == "610910")
    m["gross_weight_kg"] = 24_000.0
    assert kinds(w, "customs").get("customs/cargo-density") == 1


def test_a_32_m_hull_in_a_40_ft_box_is_caught():
    # before: 1 (BL-POR-26938, "patrol vessel hull, 32 m" in TVLU7369487)
    w = world()
    _line(w)["description"] = "patrol vessel hull, 32 m, unarmed"
    assert kinds(w, "customs").get("customs/item-longer-than-box") == 1


def test_every_container_says_how_its_vgm_was_obtained():
    # before: 1,538 (no method field)
    w = world()
    assert {c["vgm_method"] for c in w["tables"]["containers"]} == {1, 2}
    del w["tables"]["containers"][0]["vgm_method"]
    assert kinds(w, "customs").get("customs/vgm-method-missing") == 1


def test_planted_weight_anomalies_are_on_weighed_boxes():
    """The 10 %/500 kg test only means something for SOLAS method 1 (the box weighed whole)."""
    w = _world()
    weight_bls = {f.split(":")[0] for f in w["planted"]["manifest_flags"] if f.endswith(":weight")}
    boxes = {m["container_id"] for m in w["tables"]["manifests"] if m["bl_number"] in weight_bls}
    by_id = {c["container_id"]: c for c in w["tables"]["containers"]}
    assert weight_bls and all(by_id[b]["vgm_method"] == 1 for b in boxes)


def test_the_codes_of_concern_cover_chapter_93s_blind_spots():
    # before: 10 (36.01-36.04, 90.13, 85.17, 85.25, 88.06, 88.07 missing; radar mapped to CUS-08)
    w = world()
    w["tables"]["hs_of_concern"] = [h for h in w["tables"]["hs_of_concern"] if not h["hs"].startswith(("36", "88"))]
    found = [f.where for f in validate.run(w, "customs") if f.kind == "concern-list-incomplete"]
    assert set(found) == {"3601", "3602", "3603", "3604", "8802", "8806", "8807"}


def test_concealment_planted_backwards_is_caught():
    # before: 3 (cane sugar under 930690, bulldozer parts under 871090, pump parts under 930590, planted and
    # taught as concealment - "the Durban case" - under the kind description_mismatch)
    w = world()
    bl = next(f.split(":")[0] for f in w["planted"]["manifest_flags"] if f.endswith(":concealment"))
    _line(w, bl)["hs_code"] = "930690"
    assert kinds(w, "customs").get("customs/planted-anomaly-kind") == 1


def test_concealment_is_a_harmless_code_and_a_harmless_description():
    w = _world()
    bls = {f.split(":")[0] for f in w["planted"]["manifest_flags"] if f.endswith(":concealment")}
    assert len(bls) == 3
    concern = validate.customs.concern_codes(w)
    for m in w["tables"]["manifests"]:
        if m["bl_number"] in bls:
            assert not validate.customs.is_of_concern(m["hs_code"], concern)
            assert not validate.customs.ARMS_WORDS.search(m["description"])


def test_false_origin_is_exercised():
    """D13: a banned DPRK export declared with another origin, loaded at a third port after a leg from Nampo."""
    w = _world()
    bl = next(f.split(":")[0] for f in w["planted"]["manifest_flags"] if f.endswith(":false_origin"))
    line = _line(w, bl)
    assert line["hs_code"].startswith("2701") and line["country_of_origin"] == "Russian Federation"
    assert line["port_of_loading"] == "Nakhodka"
    legs = sorted((leg for leg in w["tables"]["shipment_legs"] if leg["bl_number"] == bl), key=lambda x: x["leg"])
    assert legs[0]["port_from"] == "Nampo"  # only the carrier's legs show where the goods started


def test_every_port_the_customs_data_name_is_in_ports():
    # before: 5 (Hong Kong, Jebel Ali, Kaohsiung, Port Klang, Singapore)
    w = world()
    _line(w)["port_of_loading"] = "Atlantis"
    assert kinds(w, "customs").get("customs/port-unknown") == 1


def test_the_hs_list_is_hs_2022_and_has_no_invented_codes():
    codes = validate.customs.hs2022()
    assert "851713" in codes and "880610" in codes  # created by HS 2022
    assert "871090" not in codes and "930590" not in codes and "999999" not in codes


# ---------------------------------------------------------------------------------- port
def test_the_ais_feed_has_the_noise_of_two_receivers():
    # before: 0 bad checksums, 0 fragments out of order, one receiver
    n = validate.port.noise(_world())
    assert n["receivers"] == 2
    assert n["bad_checksum"] >= 3 and n["duplicate"] >= 50 and n["out_of_order_fragment"] >= 10
    w = world()
    for r in w["tables"]["ais_raw"]:
        r["sentence"] = r["sentence"].replace("s:SAT-1,", "s:TER-1,")
    assert kinds(w, "port").get("port/ais-feed-too-clean") == 2  # no duplicates, one receiver


def test_a_feed_without_receive_times_is_caught():
    # before: the receive time came as a prebuilt column beside the sentence, not from the feed's tag blocks
    w = world()
    for r in w["tables"]["ais_raw"][:5]:
        r["sentence"] = r["sentence"].split("\\", 2)[2]  # the bare !AIVDM sentence, no tag block
    assert kinds(w, "port").get("port/ais-feed-too-clean") == 1


def test_the_kits_decoder_recovers_the_same_messages_from_the_noisy_feed():
    from embargo_kit.world.port import decode_raw

    w = _world()
    positions, statics = decode_raw(w["tables"]["ais_raw"])
    assert len(positions) == len(w["tables"]["ais_positions"]) and len(statics) == len(w["tables"]["ais_static"])


def test_a_laundered_hull_that_matches_exactly_is_caught():
    # before: 0 findings, but both laundered pairs were exact copies (the validator did not exist)
    w = world()
    by_imo = {v["imo"]: v for v in w["tables"]["vessels"]}
    old, new = w["planted"]["laundered_old_imos"][0], w["planted"]["laundered_imos"][0]
    for k in ("build_year", "length_m", "beam_m", "gross_tonnage"):
        by_imo[old][k] = by_imo[new][k]
    assert kinds(w, "port").get("port/laundered-hull-exact-copy") == 1


def test_laundered_hulls_match_within_a_tolerance():
    w = _world()
    by_imo = {v["imo"]: v for v in w["tables"]["vessels"]}
    for old, new in zip(w["planted"]["laundered_old_imos"], w["planted"]["laundered_imos"]):
        a, b = by_imo[old], by_imo[new]
        assert a["build_year"] == b["build_year"]
        assert 0 < abs(a["length_m"] - b["length_m"]) <= 0.05 * b["length_m"]
        assert abs(a["gross_tonnage"] - b["gross_tonnage"]) <= 0.05 * b["gross_tonnage"]


def test_a_dark_ship_without_port_01_is_caught():
    # before: 3 (PAN-2026-0004, -0010, -0028)
    w = world()
    w["planted"]["notice_flags"] = [f for f in w["planted"]["notice_flags"] if not f.endswith("PORT-01")]
    assert kinds(w, "port").get("port/notice-flag-missing") == len(w["planted"]["gaps_over_12h"])


def test_port_12_is_planted_wherever_the_owner_changed_in_the_last_year():
    w = _world()
    p12 = {f.split(":")[0] for f in w["planted"]["notice_flags"] if f.endswith("PORT-12")}
    assert len(p12) >= 2


def test_an_mmsi_outside_mid_999_is_caught():
    w = world()
    w["tables"]["vessels"][0]["mmsi"] = 445123456
    assert kinds(w, "port").get("port/mmsi-not-mid-999") == 1


def test_a_vessel_list_entry_needs_an_imo_and_a_source():
    w = world()
    w["tables"]["list_extract"].append({"ref": "KPv.999", "type": "vessel", "name": "X", "imo": None,
                                        "source": None})
    assert kinds(w, "port").get("port/list-vessel-entry") == 3


# ---------------------------------------------------------------------------------- identifiers
def test_a_manifest_naming_an_unknown_ship_or_box_is_caught():
    w = world()
    _line(w)["vessel_imo"] = 1234567
    w["tables"]["shipment_legs"][0]["container_id"] = "NOPE0000000"
    found = kinds(w, "identifiers")
    assert found == {"identifiers/container-unknown": 1, "identifiers/vessel-unknown": 1}


def test_the_check_command_runs_the_validators(tmp_path, monkeypatch):
    from typer.testing import CliRunner

    from embargo_kit.cli import app

    bad = [validate.Finding("customs", "container-overweight", "X", "VGM above rating")]
    monkeypatch.setattr(validate, "run", lambda *a, **k: bad)
    monkeypatch.setattr(generate, "differences", lambda *a, **k: [])
    r = CliRunner().invoke(app, ["data", "regenerate", "--check"])
    assert r.exit_code == 1 and "container-overweight" in (r.output + (r.stderr or ""))


def test_counts_are_json_friendly():
    assert json.loads(json.dumps(validate.counts(validate.run(_world())))) == {}


# ---------------------------------------------------------------------------------- MID practice (issue 21)
def test_an_unmasked_mid_practice_identity_is_caught():
    # before: there was no MID practice (MID checks were text only); a nine-digit number could be a real ship
    w = world()
    w["tables"]["mid_practice"][0]["identity"] = "445123456"
    w["tables"]["mid_practice"][1]["identity"] = "888XXXXXX"  # a MID the extract does not hold
    found = kinds(w, "port")
    assert found.get("port/mid-practice") == 2


def test_a_mid_extract_row_without_its_source_is_caught():
    w = world()
    w["tables"]["mid_table"][0]["as_of"] = None
    assert kinds(w, "port").get("port/mid-practice") == 1


# ---------------------------------------------------------------------------------- finance: UETR and cover legs
def test_transfers_without_a_uetr_or_sharing_one_are_caught():
    # before (issue 21, D29): payments had no UETR at all (1 finding: the column is missing)
    w = world()
    for p in w["tables"]["payments"]:
        del p["uetr"]
    assert kinds(w, "finance")["finance/payment-uetr-invalid"] == 1
    w = world()
    a, b = w["tables"]["payments"][:2]
    b["uetr"] = a["uetr"]
    w["tables"]["payments"][2]["uetr"] = "not-a-uuid"
    assert kinds(w, "finance") == {"finance/payment-uetr-invalid": 2}


def test_a_cover_leg_that_does_not_match_its_customer_transfer_is_caught():
    # before (issue 21, D29): no cover legs existed (0 findings; 90 cover legs now, each matched)
    w = world()
    covers = w["tables"]["cover_payments"]
    assert len(covers) >= 50
    covers[0]["uetr"] = "00000000-0000-4000-8000-000000000000"  # orphan, and its pacs.008 loses its cover
    covers[1]["amount"] = round(covers[1]["amount"] * 1.1, 2)
    covers[2]["underlying_creditor_account"] = "XX00 0000 0000"
    serial = next(p for p in w["tables"]["payments"] if p["intermediary_banks"])
    covers[3]["uetr"] = serial["uetr"]  # covers a serial transfer; its own pacs.008 is left uncovered
    findings = validate.run(w, "finance")
    assert {f.kind for f in findings} == {"cover-leg-unmatched"}
    where = {f.where for f in findings}
    by_uetr = {p["uetr"]: p["msg_id"] for p in _world()["tables"]["payments"]}
    lost = {by_uetr[_world()["tables"]["cover_payments"][i]["uetr"]] for i in (0, 3)}
    assert {c["msg_id"] for c in covers[:4]} | lost == where
    assert any("sent serially" in f.message for f in findings)


# ---------------------------------------------------------------------------------- AIS name noise (issue 21)
def test_a_feed_without_name_noise_is_caught():
    # before: every broadcast name was clean, so a raw comparison of names worked and nothing taught normalising
    w = world()
    noisy = set(w["planted"]["name_noise_mmsi"])
    clean = {}
    for s in w["tables"]["ais_static"]:
        if s["mmsi"] in noisy:
            s["name"] = clean.setdefault(s["mmsi"], s["name"])
    assert kinds(w, "port").get("port/name-noise") == len(noisy) == 3


def test_noise_that_is_really_a_new_name_is_caught():
    w = world()
    m = w["planted"]["name_noise_mmsi"][0]
    rows = [s for s in w["tables"]["ais_static"] if s["mmsi"] == m]
    rows[-1]["name"] = "SOMEONE ELSE@@@@@@@@"
    found = kinds(w, "port")
    assert found.get("port/name-noise") == 1 and found.get("port/identity-mismatch-count") == 1


# ---------------------------------------------------------------------------------- sister ship (issue 21, D4)
def test_a_world_without_a_sister_ship_is_caught():
    # before: no sister ship; the tolerance match alone found exactly the laundered hulls, so nothing taught
    # that sister ships pass it too
    w = world()
    w["planted"]["sister_imo"] = []
    assert kinds(w, "port").get("port/hull-identity") == 1


def test_a_sister_that_shares_the_hull_number_is_caught():
    w = world()
    sister = next(v for v in w["tables"]["vessels"] if v["imo"] == w["planted"]["sister_imo"][0])
    sister["hull_number"] -= 1  # now the same hull number as the old identity: not a sister but a second hull
    assert kinds(w, "port").get("port/hull-identity") == 2  # shared number, and no sister left


# ---------------------------------------------------------------------------------- customs: transit certificates (D18)
def test_no_transit_certificate_and_a_certificate_from_the_wrong_state_are_caught():
    # before (issue 21, D18): every certificate was Lumeria's for its own imports (euc-transit-case-missing 1)
    w = world()
    pod = {m["bl_number"]: m["port_of_discharge"] for m in w["tables"]["manifests"]}
    w["tables"]["end_user_certificates"] = [e for e in w["tables"]["end_user_certificates"]
                                            if pod[e["bl_number"]] == "Port Anselm"]
    assert kinds(w, "customs") == {"customs/euc-transit-case-missing": 1}
    w = world()
    certs = w["tables"]["end_user_certificates"]
    imported = next(e for e in certs if pod[e["bl_number"]] == "Port Anselm")
    passing = next(e for e in certs if pod[e["bl_number"]] != "Port Anselm")
    imported["end_user_country"], passing["end_user_country"] = "Singapore", "Lumeria"
    assert kinds(w, "customs") == {"customs/euc-issuer-country": 2}


def test_a_world_without_mid_practice_is_caught():
    # before: 1 finding (no mid_practice or mid_table: MIDs were only read about)
    w = world()
    w["tables"].pop("mid_practice")
    assert kinds(w, "port").get("port/mid-practice") == 1
