"""The tables of the world: file, columns and column kinds (shared by the writer and the loaders)."""

from __future__ import annotations

# kinds: str (default), int, float, bool, date, datetime, list, dict, Int (nullable int)
TABLES: dict[str, dict] = {
    # ---------------------------------------------------------------- port
    "ais_raw": {"file": "ais_raw.csv", "columns": {"sentence": "str"}},
    "ais_positions": {"file": "ais_positions.csv", "columns": {
        "mmsi": "int", "timestamp": "datetime", "lat": "float", "lon": "float", "sog": "float", "cog": "float",
        "heading": "int", "nav_status": "int", "msg_type": "int"}},
    "ais_static": {"file": "ais_static.csv", "columns": {
        "mmsi": "int", "timestamp": "datetime", "imo": "int", "name": "str", "callsign": "str", "ship_type": "int",
        "ship_type_text": "str", "destination": "str", "draught": "float", "to_bow": "int", "to_stern": "int",
        "to_port": "int", "to_starboard": "int"}},
    "vessels": {"file": "vessels.csv", "columns": {
        "imo": "int", "imo_valid": "bool", "name": "str", "flag": "str", "mmsi": "int", "callsign": "str",
        "ship_type": "str", "gross_tonnage": "int", "deadweight": "int", "build_year": "int", "length_m": "int",
        "beam_m": "int", "shipyard": "str", "hull_number": "int", "registered_owner": "str", "manager": "str",
        "status": "str", "fictional": "bool"}},
    "vessel_history": {"file": "vessel_history.csv", "columns": {
        "imo": "int", "valid_from": "date", "valid_to": "date", "name": "str", "flag": "str",
        "registered_owner": "str", "manager": "str", "mmsi": "int", "source": "str", "fictional": "bool"}},
    "arrival_notices": {"file": "arrival_notices.csv", "columns": {
        "notice_id": "str", "submitted_at": "datetime", "vessel_name": "str", "imo": "int", "mmsi": "int",
        "callsign": "str", "flag": "str", "ship_type": "str", "gross_tonnage": "int", "build_year": "int",
        "last_ports": "list", "last_port_dates": "list", "next_port": "str", "eta": "datetime", "cargo": "str",
        "cargo_hs": "str", "cargo_tonnes": "int", "owner": "str", "manager": "str", "crew_total": "int",
        "crew_nationalities": "dict", "psc_detentions_3y": "int", "last_sale": "date", "p_and_i": "str",
        "fictional": "bool"}},
    "mid_table": {"file": "mid_table.csv", "columns": {
        "mid": "int", "allocated_to": "str", "source": "str", "as_of": "date"}},
    "mid_practice": {"file": "mid_practice.csv", "columns": {
        "practice_id": "str", "identity": "str", "declared_flag": "str", "fictional": "bool"}},
    "ports": {"file": "ports.csv", "columns": {
        "port_id": "str", "name": "str", "country": "str", "lat": "float", "lon": "float", "is_dprk": "bool",
        "fictional": "bool", "note": "str"}},
    # ---------------------------------------------------------------- customs
    "manifests": {"file": "manifests.csv", "columns": {
        "bl_number": "str", "line": "int", "shipper": "str", "consignee": "str", "notify_party": "str",
        "country_of_origin": "str", "hs_code": "str", "description": "str", "packages": "int", "package_type": "str",
        "gross_weight_kg": "float", "net_weight_kg": "float", "declared_value_usd": "float", "container_id": "str", "port_of_loading": "str",
        "transshipment_ports": "list", "port_of_discharge": "str", "vessel_imo": "int", "voyage": "str",
        "date": "date", "fictional": "bool"}},
    "containers": {"file": "containers.csv", "columns": {
        "container_id": "str", "iso_type": "str", "tare_kg": "int", "max_gross_kg": "int", "vgm_kg": "int",
        "vgm_method": "int", "seal": "str", "weighed_at": "str", "fictional": "bool"}},
    "hs_of_concern": {"file": "hs_of_concern.csv", "columns": {
        "hs": "str", "level": "str", "description": "str", "category": "str", "why": "str", "indicator": "str"}},
    "unit_values": {"file": "unit_values.csv", "columns": {
        "hs4": "str", "description": "str", "usd_per_kg_low": "float", "usd_per_kg_typical": "float",
        "usd_per_kg_high": "float", "fictional": "bool"}},
    "shipment_legs": {"file": "shipment_legs.csv", "columns": {
        "bl_number": "str", "leg": "int", "port_from": "str", "port_to": "str", "vessel_imo": "int",
        "voyage": "str", "departed": "date", "arrived": "date", "container_id": "str", "fictional": "bool"}},
    "end_user_certificates": {"file": "end_user_certificates.csv", "columns": {
        "euc_id": "str", "bl_number": "str", "end_user": "str", "end_user_country": "str",
        "issuing_authority": "str", "items": "str", "hs_code": "str", "quantity": "int", "issued": "date",
        "valid_until": "date", "signatory": "str", "fictional": "bool"}},
    # ---------------------------------------------------------------- finance
    "list_extract": {"file": "list_extract.csv", "columns": {
        "ref": "str", "type": "str", "name": "str", "aliases": "list", "listed_on": "date",
        "other_information": "str", "imo": "Int", "source": "str", "source_title": "str", "fictional": "bool"}},
    "companies": {"file": "companies.csv", "columns": {
        "company_id": "str", "name": "str", "jurisdiction": "str", "registration_number": "str",
        "incorporated": "date", "status": "str", "address": "str", "phone": "str", "business_line": "str",
        "fictional": "bool"}},
    "officers": {"file": "officers.csv", "columns": {
        "person_id": "str", "name": "str", "name_variants": "list", "nationality": "str", "birth_date": "date",
        "fictional": "bool"}},
    "company_links": {"file": "company_links.csv", "columns": {
        "source_id": "str", "relation": "str", "target_id": "str", "share_pct": "float", "start": "date",
        "end": "date", "fictional": "bool"}},
    "banks": {"file": "banks.csv", "columns": {"bic": "str", "name": "str", "country": "str", "clears_through": "str",
                                               "fictional": "bool"}},
    "customers": {"file": "customers.csv", "columns": {
        "customer_id": "str", "bank": "str", "name": "str", "name_original": "str", "party_type": "str",
        "country": "str", "date_of_birth": "date", "registration_number": "str", "address": "str",
        "business_line": "str", "onboarded": "date", "fictional": "bool"}},
    "screening_pairs": {"file": "screening_pairs.csv", "columns": {
        "pair_id": "str", "party_name": "str", "party_type": "str", "party_details": "str", "list_ref": "str",
        "list_name": "str", "is_match": "bool",
        "variant": "str", "split": "str", "fictional": "bool"}},
    "screening_alerts": {"file": "screening_alerts.csv", "columns": {
        "alert_id": "str", "msg_id": "str", "party_name": "str", "party_type": "str", "party_details": "str",
        "list_ref": "str", "fictional": "bool"}},
    "fx_rates": {"file": "fx_rates.csv", "columns": {
        "currency": "str", "usd_per_unit": "float", "valid_from": "date", "valid_to": "date", "fictional": "bool"}},
    "payments": {"file": "payments.csv", "columns": {
        "msg_id": "str", "msg_type": "str", "uetr": "str", "date": "date", "debtor": "str", "debtor_account": "str",
        "debtor_bank": "str", "creditor": "str", "creditor_account": "str", "creditor_bank": "str",
        "instructing_agent": "str", "instructed_agent": "str", "previous_instructing_agents": "list",
        "intermediary_banks": "list", "instructed_amount": "float", "instructed_currency": "str",
        "exchange_rate": "float", "amount": "float", "currency": "str", "settled_by_cover": "bool",
        "reimbursement_agent": "str", "purpose": "str", "remittance_info": "str", "fictional": "bool"}},
    "cover_payments": {"file": "cover_payments.csv", "columns": {
        "msg_id": "str", "msg_type": "str", "uetr": "str", "date": "date", "debtor_bank": "str",
        "creditor_bank": "str", "instructing_agent": "str", "instructed_agent": "str", "amount": "float",
        "currency": "str", "underlying_debtor": "str", "underlying_debtor_account": "str",
        "underlying_creditor": "str", "underlying_creditor_account": "str", "underlying_instructed_amount": "float",
        "underlying_instructed_currency": "str", "underlying_remittance_info": "str", "fictional": "bool"}},
}
