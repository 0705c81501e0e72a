"""The list extract: a few REAL entries of the UN Security Council 1718 Committee sanctions list.

Only entries whose list reference could be confirmed from public material are included; each carries its
source. Names, reference numbers and listing dates are reproduced as published, aliases are a subset of the
published ones, ``other_information`` is shortened; nothing else in the world is real. Entries with a reference that could not be confirmed (e.g. Korea Kwangson Banking Corporation)
are left out on purpose. Vessel entries: the four ships the Committee designated on 28 December 2017, with the IMO
numbers the designation gives; the Committee's vessel list carries no reference number, so ``ref`` is the IMO
number. No former name of these ships could be confirmed, so none is given.
"""

from __future__ import annotations

_UNXML = "https://scsanctions.un.org/resources/xml/en/consolidated.xml"
_UNXML_TITLE = (
    "UN Security Council Consolidated List (XML), entry as excerpted verbatim on 2026-09-07 "
    "(github.com/stefanoseggio/actor-19-maritime-sanctions-monitor, test/fixtures/un_consolidated_sample.xml)"
)
_AFP_2009 = (
    "UN 1718 Committee's first designations, 24 Apr 2009 (AFP via spacewar.com, 2009-04-24); reference number "
    "as in the UN Consolidated List XML (scsanctions.un.org)"
)
_GREENPINE = (
    "Committee designation of 2 May 2012 (UN press via english.hani.co.kr/arti/english_edition/e_northkorea/531279.html); "
    "reference number KPe.010 as cited with the Japanese MOFA list (mofa.go.jp/files/100922718.pdf)"
)

_VESSELS_2017 = (
    "1718 Committee designation of 28 December 2017 (port-entry ban), as notified by the Ministry of Foreign Affairs "
    "of China, Notice No. 1 [2018] (shndlaw.com/index.php/post/1296); proposal reported by The Maritime Executive, "
    "19 Dec 2017"
)
_VESSELS_2017_URL = "https://www.shndlaw.com/index.php/post/1296"


def _vessel(name: str, imo: int) -> dict:
    return {"ref": f"IMO {imo}", "type": "vessel", "name": name, "aliases": [], "listed_on": "2017-12-28",
            "other_information": f"Designated vessel, IMO number {imo}: involved in the transport of prohibited items "
            "related to the DPRK; port entry prohibited.", "imo": imo, "source": _VESSELS_2017_URL,
            "source_title": _VESSELS_2017}


#: 1718-list-style rows. ``type``: entity | individual | vessel.
LIST_EXTRACT: list[dict] = [
    {
        "ref": "KPe.001",
        "type": "entity",
        "name": "KOREA MINING DEVELOPMENT TRADING CORPORATION",
        "aliases": ["KOMID", "CHANGGWANG SINYONG CORPORATION"],
        "listed_on": "2009-04-24",
        "other_information": "Location: Pyongyang, DPRK. Primary arms dealer and main exporter of goods and equipment "
        "related to ballistic missiles and conventional weapons.",
        "imo": None,
        "source": _UNXML,
        "source_title": _AFP_2009,
    },
    {
        "ref": "KPe.002",
        "type": "entity",
        "name": "KOREA RYONBONG GENERAL CORPORATION",
        "aliases": ["LYONGAKSAN GENERAL TRADING CORPORATION"],
        "listed_on": "2009-04-24",
        "other_information": "Location: Pyongyang, DPRK. Defence conglomerate specialising in acquisition for DPRK "
        "defence industries and support to the country's military-related sales.",
        "imo": None,
        "source": _UNXML,
        "source_title": _AFP_2009,
    },
    {
        "ref": "KPe.010",
        "type": "entity",
        "name": "GREEN PINE ASSOCIATED CORPORATION",
        "aliases": ["CHO'NGSONG YONHAP", "SAENGPIL"],
        "listed_on": "2012-05-02",
        "other_information": "Location: Pyongyang, DPRK. Has taken over many of KOMID's activities; specialises in "
        "naval craft and armaments.",
        "imo": None,
        "source": "https://english.hani.co.kr/arti/english_edition/e_northkorea/531279.html",
        "source_title": _GREENPINE,
    },
    {
        "ref": "KPe.019",
        "type": "entity",
        "name": "KOREA COMPLEX EQUIPMENT IMPORT CORPORATION",
        "aliases": [],
        "listed_on": "2013-03-07",
        "other_information": "Korea Ryonbong General Corporation is the parent company of Korea Complex Equipment "
        "Import Corporation.",
        "imo": None,
        "source": _UNXML,
        "source_title": _UNXML_TITLE,
    },
    {
        "ref": "KPe.020",
        "type": "entity",
        "name": "OCEAN MARITIME MANAGEMENT COMPANY, LIMITED",
        "aliases": ["OMM"],
        "listed_on": "2014-07-28",
        "other_information": "Operator/manager of the vessel Chong Chon Gang; played a key role in arranging the "
        "shipment of concealed arms and related materiel from Cuba to the DPRK in July 2013. International Maritime "
        "Organization (IMO) Number: 1790183.",
        "imo": None,
        "source": _UNXML,
        "source_title": _UNXML_TITLE,
    },
    {
        "ref": "KPe.022",
        "type": "entity",
        "name": "CHONGCHONGANG SHIPPING COMPANY",
        "aliases": [],
        "listed_on": "2016-03-02",
        "other_information": "IMO Number: 5342883. Through its vessel, the Chong Chon Gang, attempted to directly "
        "import the illicit shipment of conventional weapons and arms to the DPRK in July 2013.",
        "imo": None,
        "source": _UNXML,
        "source_title": _UNXML_TITLE,
    },
    {
        "ref": "KPi.033",
        "type": "individual",
        "name": "RI WON HO",
        "aliases": ["Ri Won-ho"],
        "listed_on": "2016-11-30",
        "other_information": "Nationality: DPRK. Name (original script): 리원호.",
        "imo": None,
        "source": _UNXML,
        "source_title": "UN Security Council Consolidated List (XML), entry KPi.033 as reproduced in public parser "
        "test fixtures of the consolidated.xml format",
    },
    _vessel("RYE SONG GANG 1", 7389704),
    _vessel("UL JI BONG 6", 9114555),
    _vessel("RUNG RA 2", 9020534),
    _vessel("BILLIONS NO. 18", 9191773),
]

#: the entries' names and aliases, for name-safety checks
def list_names() -> list[str]:
    names = []
    for e in LIST_EXTRACT:
        names.append(e["name"])
        names.extend(e["aliases"])
    return names
